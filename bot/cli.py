"""The ``aftercare-bot`` command: run, chat, ask, check, eval. The only place that exits.

Exit codes: 0 fine, 1 runtime failure, 2 bad configuration or knowledge.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from bot.config import Settings, load_settings, model_cache_folder
from bot.core.clock import ClinicClock
from bot.core.conversation import Conversation, Privacy
from bot.core.index_cache import keep_indexes_in
from bot.core.knowledge import Knowledge
from bot.core.knowledge.contradictions import load_checked_knowledge
from bot.core.knowledge.kept import load_kept_knowledge
from bot.core.language import keep_identifier_in
from bot.core.matching import Thresholds
from bot.core.memory import settle
from bot.core.responder import Responder
from bot.core.text import MAX_TEXT_CHARS
from bot.core.understanding.source import ModelSource
from bot.errors import AftercareError, ConfigError, KnowledgeError, StorageError
from bot.logs import quiet_libraries

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_RUNTIME = 1
EXIT_CONFIG = 2


def configure_logging(level: str, *, libraries: bool = False) -> None:
    """Log ids, kinds and scores; libraries that can print SQL parameters, update bodies or
    the token (httpx's request lines) stay at WARNING unless ``libraries`` (LOG_LIBRARIES)."""
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    quiet_libraries(libraries)


def thresholds_from(settings: Settings) -> Thresholds:
    """The matcher's defaults, overridden only by settings that were actually given."""
    default = Thresholds()
    return Thresholds(
        answer=settings.match_answer_cutoff
        if settings.match_answer_cutoff is not None
        else default.answer,
        clarify=settings.match_clarify_cutoff
        if settings.match_clarify_cutoff is not None
        else default.clarify,
        min_gap=settings.match_min_gap if settings.match_min_gap is not None else default.min_gap,
    )


def load_clinic(settings: Settings, warnings: list[str] | None = None) -> Knowledge:
    """The knowledge the bot runs with: shipped, with the clinic's changes (switched-off
    entries left out), checked against the clinic's country exactly as ``check`` does.
    Warnings (the shipped demo's made-up details) go to ``warnings``, else to the log."""
    # Read back from the model cache when the files and the code are unchanged (issue 17).
    knowledge, found = load_kept_knowledge(settings.knowledge_dir, settings.clinic_dir)
    if warnings is not None:
        warnings.extend(str(finding) for finding in found)
    elif found:
        logger.warning(
            "%s (and %d more; `aftercare-bot check` lists them all)", found[0], len(found) - 1
        )
    return knowledge


def model_source(settings: Settings) -> ModelSource:
    """The understanding model's cache folder and the language packs it learns from."""
    return ModelSource(model_cache_folder(settings), settings.knowledge_dir / "lang")


def understanding_for(settings: Settings) -> ModelSource | None:
    """The model source, or None when ``UNDERSTANDING_MODEL=false`` (rules and matcher only)."""
    return model_source(settings) if settings.understanding_model else None


def build_responder(settings: Settings) -> Responder:
    """The responder as shipped: rules, matcher and the learned understanding model (loaded
    from the cache, or trained now when the knowledge changed) unless it is switched off."""
    return Responder(load_clinic(settings), thresholds_from(settings), understanding_for(settings))


def print_dashboard(settings: Settings, names: Sequence[str], out: TextIO) -> None:
    """Where staff find the dashboard (when it is switched on); a bad setting stops here."""
    if not settings.dashboard:
        return
    from bot.serve.dashboard import addresses

    for line in addresses(settings, list(names)):
        print(line, file=out, flush=True)


def _summary(knowledge: Knowledge) -> str:
    emergency = sum(1 for flag in knowledge.red_flags if flag.level == "emergency")
    urgent = len(knowledge.red_flags) - emergency
    phrasings = sum(len(p) for flag in knowledge.red_flags for p in flag.phrasings.values())
    return (
        f"OK: {len(knowledge.faq)} FAQ entries, {knowledge.phrasing_count} phrasings; "
        f"{len(knowledge.red_flags)} red flags ({emergency} emergency, {urgent} urgent) with "
        f"{phrasings} phrasings; clinic '{knowledge.clinic.name}' "
        f"(emergency number {knowledge.clinic.emergency_number}); "
        f"languages {', '.join(knowledge.languages)}."
    )


def cmd_check(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    if settings.clinics_dir is not None:
        from bot.serve.clinics import load_clinic_bots

        bots, problems = load_clinic_bots(settings, thresholds_from(settings), need_tokens=False)
        for bot in bots:
            print(f"clinic '{bot.name}': {_summary(bot.responder.knowledge)}", file=out)
        for problem in problems:
            print(problem, file=sys.stderr)
        return EXIT_CONFIG if problems or not bots else EXIT_OK
    warnings: list[str] = []
    knowledge = load_clinic(settings, warnings)
    for warning in warnings:
        print(warning, file=sys.stderr)
    # What an enabled language lacks is answered in English; check says so (what a
    # language cannot recognise, or says differently, already failed the load).
    for gap in knowledge.language_gaps:
        print(f"warning: {gap}", file=sys.stderr)
    print(_summary(knowledge), file=out)
    return EXIT_OK


def build_conversation(settings: Settings, responder: Responder) -> Conversation:
    """The core as the Telegram bot builds it: responder, clinic clock, privacy choices."""
    return Conversation(
        responder,
        ClinicClock.for_clinic(responder.knowledge.clinic, settings.quiet_hours),
        Privacy(
            store_message_text=settings.store_message_text,
            alert_include_message_text=settings.alert_include_message_text,
        ),
    )


def _ask_chats(settings: Settings, out: TextIO) -> int:
    """``ask --json --chats``: JSON lines ``{"chat", "text"}`` in, reply objects out, each
    chat keeping its context exactly as on Telegram (same core, same storage semantics)."""
    import asyncio

    from bot.storage.chats import local_chats

    conversation = build_conversation(settings, build_responder(settings))

    async def run() -> int:
        async with local_chats(conversation) as chats:
            for number, line in enumerate(stdin_lines(sys.stdin), start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    chat, text = str(item["chat"]), str(item["text"])
                except (ValueError, KeyError, TypeError) as exc:
                    print(f'line {number}: expected {{"chat", "text"}} ({exc})', file=sys.stderr)
                    return EXIT_CONFIG
                outcome = await chats.say(chat, text)
                for reply in outcome.replies:
                    shown = {"chat": chat, **reply.as_dict()}
                    print(json.dumps(shown, ensure_ascii=False), file=out, flush=True)
        return EXIT_OK

    return asyncio.run(run())


def cmd_ask(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    if args.chats:
        return _ask_chats(settings, out)
    # Each message as a patient new to the bot meets it on Telegram (several questions
    # answered, the same first-message path); --chats keeps context between messages.
    conversation = build_conversation(settings, build_responder(settings))
    messages: Iterable[str] = [" ".join(args.text)] if args.text else stdin_lines(sys.stdin)
    for message in messages:
        reply = conversation.respond(message)
        if args.json:
            print(json.dumps(reply.as_dict(), ensure_ascii=False), file=out, flush=not args.text)
        else:
            print(reply.text, file=out)
            if not args.text:
                print(file=out)
    return EXIT_OK


def stdin_lines(stream: TextIO) -> Iterator[str]:
    """Each line of ``stream`` as text, whatever the bytes: invalid UTF-8 becomes U+FFFD (a
    strict locale must not crash ``ask``), and a line is read only up to what the bot would
    ever process (``MAX_TEXT_CHARS``); the rest of an endless line is skipped."""
    raw = getattr(stream, "buffer", None)
    if raw is None:  # a text stream without bytes underneath (tests, StringIO)
        yield from (line.rstrip("\n")[:MAX_TEXT_CHARS] for line in stream)
        return
    limit = 4 * MAX_TEXT_CHARS + 1  # enough bytes for MAX_TEXT_CHARS characters of UTF-8
    while line := raw.readline(limit):
        if not line.endswith(b"\n"):
            while (rest := raw.readline(limit)) and not rest.endswith(b"\n"):
                pass  # the end of an over-long line: read past it, never keep it
        yield line.rstrip(b"\r\n").decode("utf-8", errors="replace")


def cmd_chat(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    """A conversation in the terminal: context is kept as on Telegram, and a clarify option
    is picked by typing its number."""
    import asyncio

    from bot.storage.chats import local_chats

    responder = build_responder(settings)
    conversation = build_conversation(settings, responder)
    clinic = responder.knowledge.clinic
    print(f"{clinic.bot_name} for {clinic.name} (local chat; Ctrl-D or 'quit' to leave)", file=out)
    print(responder.renderer.say(responder.knowledge.messages.start), file=out)

    knowledge = responder.knowledge

    async def run() -> int:
        offered: tuple[str, ...] = ()  # the topics the last several-question reply listed
        async with local_chats(conversation) as chats:
            while True:
                try:
                    line = await asyncio.to_thread(input, "\nyou> ")
                except (EOFError, KeyboardInterrupt):
                    print(file=out)
                    return EXIT_OK
                if line.strip().lower() in {"quit", "exit", "/quit"}:
                    return EXIT_OK
                picked = _picked(line, offered)
                if picked is not None:
                    outcome = await chats.choose("terminal", picked)
                else:
                    outcome = await chats.say("terminal", line)
                offered = ()
                for reply in outcome.replies:
                    print(f"\n{clinic.bot_name}> {reply.text}", file=out)
                    if len(reply.topics) > 1:  # the reply says "a topic below": list them
                        offered = reply.topics
                        for number, topic in enumerate(offered, start=1):
                            title = knowledge.entry_text(topic, reply.language).title
                            print(f"  {number}. {title}", file=out)

    return asyncio.run(run())


def _picked(line: str, offered: Sequence[str]) -> str | None:
    """The topic a typed number picks from the list under a several-question reply (the
    terminal's topic buttons); None when the line is not such a number."""
    text = line.strip().rstrip(".)")
    if not text.isdigit() or not offered:
        return None
    number = int(text)
    return offered[number - 1] if 1 <= number <= len(offered) else None


def _run_clinics(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    """Several clinics in one process: a broken clinic is named and left out."""
    import asyncio

    from bot.serve.clinics import load_clinic_bots

    _serving_migrates_apart()
    bots, problems = load_clinic_bots(
        settings, thresholds_from(settings), understanding=understanding_for(settings)
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    if not bots:
        print("No clinic could be started.", file=sys.stderr)
        return EXIT_CONFIG
    settle()  # the responders are loaded: keep them out of every garbage collection
    print_dashboard(settings, [bot.name for bot in bots], out)
    # Only the mode that runs is imported: the webhook's web stack (Starlette, uvicorn,
    # Jinja2) costs a polling bot ~4 MB and ~0.1 s of its start (issue 17).
    if args.webhook or settings.webhook_url:
        from bot.serve.webhook import serve_webhooks

        asyncio.run(serve_webhooks(bots, settings))
    else:
        from bot.serve.polling import serve_polling

        asyncio.run(serve_polling(bots))
    return EXIT_OK


def _serving_migrates_apart() -> None:
    """A pending migration runs in a child process, so a long-running bot never holds
    Alembic (~7 MB on a first start or after an upgrade; issue 17)."""
    from bot.storage.migrate import migrate_apart

    migrate_apart()


def cmd_run(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    if settings.clinics_dir is not None:
        return _run_clinics(settings, args, out)
    if settings.telegram_bot_token is None:
        print(
            "No TELEGRAM_BOT_TOKEN is set, so the bot is starting as a local terminal chat. "
            "Put your token in .env (see .env.example) to run it on Telegram.",
            file=out,
        )
        return cmd_chat(settings, args, out)
    _serving_migrates_apart()
    # Where the dashboard will be, first: loading (or training) the responder takes a while.
    print_dashboard(settings, [settings.clinic_id], out)
    responder = build_responder(settings)
    settle()  # the responder is loaded: keep it out of every garbage collection
    # Telegram is imported only when needed, and only the mode that runs (see _run_clinics).
    if args.webhook or settings.webhook_url:
        from bot.serve.webhook import run_webhook

        run_webhook(settings, responder)
    else:
        from bot.serve.polling import run_polling

        run_polling(settings, responder)
    return EXIT_OK


def cmd_eval(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    from bot.core.dialogue.evaluation import is_dialogue_file
    from bot.core.evaluation import (
        evaluate_faq,
        evaluate_languages,
        evaluate_triage,
        is_language_set,
        is_triage_set,
        load_examples,
        miss_table,
    )

    responder = build_responder(settings)
    # Single messages are measured as a new patient meets them (Conversation.respond), the
    # path Telegram, ask and chat share; dialogues keep their context turn by turn.
    first = build_conversation(settings, responder)
    data = Path(__file__).resolve().parent.parent / "tests" / "data"
    files = [Path(f) for f in args.files] or [
        *sorted(data.glob("*_eval.jsonl")),
        *sorted(data.glob("lang_dev_*.jsonl")),
    ]
    if not files:
        print("No evaluation files given or found under tests/data/.", file=out)
        return EXIT_CONFIG
    for path in files:
        if path.exists() and is_dialogue_file(path):
            _eval_dialogues(settings, responder, path, args, out)
            continue
        try:
            examples = load_examples(path, args.split)
        except (OSError, ValueError) as exc:
            print(f"{path}: {exc}", file=out)
            return EXIT_CONFIG
        label = f"{path.name}" + (f" [{args.split}]" if args.split else "")
        print(f"\n== {label}: {len(examples)} messages", file=out)
        if is_language_set(examples):
            for language_report in evaluate_languages(first, examples):
                print(f"-- language {language_report.language}", file=out)
                for line in language_report.lines():
                    print(line, file=out)
                if args.misses:
                    for line in miss_table(language_report.misses):
                        print(line, file=out)
            continue
        report = (
            evaluate_triage(first, examples)
            if is_triage_set(examples)
            else evaluate_faq(first, examples)
        )
        for line in report.lines():
            print(line, file=out)
        if args.misses:
            print(file=out)
            for line in miss_table(report.misses):
                print(line, file=out)
    return EXIT_OK


def _eval_dialogues(
    settings: Settings, responder: Responder, path: Path, args: argparse.Namespace, out: TextIO
) -> None:
    """A dialogue file: escalation kept, follow-ups, several questions, false escalations."""
    from bot.core.dialogue.evaluation import evaluate_dialogues, load_dialogues

    dialogues = load_dialogues(path)
    turns = sum(len(d.turns) for d in dialogues)
    print(f"\n== {path.name}: {len(dialogues)} dialogues, {turns} turns", file=out)
    report = evaluate_dialogues(build_conversation(settings, responder), dialogues)
    for line in report.lines():
        print(line, file=out)
    if args.misses:
        print(file=out)
        for line in report.miss_lines():
            print(line, file=out)


def _ask(question: str, default: str | None) -> str:
    suffix = f" [{default}]" if default else ""
    return input(f"{question}{suffix}: ")


def cmd_init_clinic(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    """Write a clinic folder from the clinic's answers (asked for when not given as options)."""
    from bot.clinic_setup import (
        gather,
        needs_deployment,
        shipped_languages,
        token_env_for,
        write_clinic_folder,
    )
    from bot.core.knowledge.loader import load_countries

    target = Path(args.directory)
    profiles = load_countries(settings.knowledge_dir)
    given = {name: getattr(args, name, None) for name in vars(args)}
    interactive = not args.no_input and sys.stdin.isatty()
    answers = gather(
        given, profiles, shipped_languages(settings.knowledge_dir), _ask if interactive else None
    )
    wants_deployment = args.token_env or needs_deployment(target, settings.clinics_dir)
    token_env = (args.token_env or token_env_for(target)) if wants_deployment else None
    written = write_clinic_folder(target, answers, profiles[answers.country], token_env=token_env)
    load_checked_knowledge(settings.knowledge_dir, target)  # what check will say: fine
    steps = [
        f"Wrote {', '.join(written)} to {target}.",
        f"1. Read {target / 'clinic.yaml'}: add your out-of-hours line, address and booking "
        "link if you have not, and check the opening hours.",
    ]
    if token_env is not None:
        steps.append(f"2. Put this clinic's bot token in the environment variable {token_env}.")
    else:
        steps.append(f"2. Set CLINIC_DIR={target} in .env.")
    steps.append("3. Run `aftercare-bot check` to validate, and `aftercare-bot chat` to try it.")
    print("\n".join(steps), file=out)
    return EXIT_OK


def cmd_migrate(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    """Bring the database schema up to date (start-up does this too)."""
    import asyncio

    from bot.storage import describe_url, migrate

    result = asyncio.run(migrate(settings.database_url))
    where = describe_url(settings.database_url)
    if result.changed:
        print(f"Migrated {where} from {result.before or 'empty'} to {result.after}.", file=out)
    else:
        print(f"{where} is up to date ({result.after}).", file=out)
    return EXIT_OK


def cmd_report(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    """Print the clinic's report for the last N days; --csv also writes it as CSV."""
    import asyncio
    from datetime import UTC, datetime, timedelta

    from bot.report import report_lines, write_csv
    from bot.storage import Report, Storage

    async def load() -> Report:
        storage = await Storage.open(settings.database_url)
        try:
            since = datetime.now(UTC) - timedelta(days=args.days)
            return await storage.report(settings.clinic_id, since)
        finally:
            await storage.close()

    report = asyncio.run(load())
    print("\n".join(report_lines(report, args.days)), file=out)
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as handle:
            write_csv(report, handle)
        print(f"\nWrote {args.csv}", file=out)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aftercare-bot",
        description="Aftercare bot: answers patients' questions after botulinum toxin injections.",
    )
    parser.add_argument("--env-file", default=".env", help="settings file (default: .env)")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="start the Telegram bot (a local chat if no token is set)")
    run.add_argument(
        "--webhook",
        action="store_true",
        help="receive updates by webhook (needs WEBHOOK_URL and WEBHOOK_SECRET); "
        "default is long polling, or webhook whenever WEBHOOK_URL is set",
    )
    run.set_defaults(handler=cmd_run)

    chat = sub.add_parser("chat", help="talk to the bot in this terminal")
    chat.set_defaults(handler=cmd_chat)

    ask = sub.add_parser("ask", help="print the reply to one message (or to each stdin line)")
    ask.add_argument("text", nargs="*", help="the message; omit to read one per line from stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per message")
    ask.add_argument(
        "--chats",
        action="store_true",
        help='read JSON lines {"chat": ID, "text": MESSAGE} and keep each chat\'s context',
    )
    ask.set_defaults(handler=cmd_ask)

    migrate = sub.add_parser("migrate", help="create or upgrade the database schema")
    migrate.set_defaults(handler=cmd_migrate)

    report = sub.add_parser("report", help="print the clinic's weekly report")
    report.add_argument("--days", type=int, default=7, help="how many days back (default 7)")
    report.add_argument("--csv", metavar="FILE", help="also write the report as CSV")
    report.set_defaults(handler=cmd_report)

    init = sub.add_parser(
        "init-clinic",
        help="write a clinic folder from your answers (asked for unless given as options)",
    )
    init.add_argument("directory", help="folder to create, e.g. clinics/my-clinic")
    for option, meaning in (
        ("--name", "the clinic's name"),
        ("--phone", "the phone number patients call"),
        ("--country", "two-letter country code (GB, US, DE, ...): fills in its routes"),
        ("--timezone", "IANA time zone of the opening hours (default: the country's main one)"),
        ("--languages", "languages to answer in, staff's first (default: en), e.g. de,en"),
        ("--hours", "opening hours (default: 'mon-fri 09:00-17:00')"),
        ("--bot-name", "what the bot calls itself (default: Aftercare Assistant)"),
        ("--out-of-hours-phone", "number for urgent problems when the clinic is closed"),
        ("--email", "the clinic's email address"),
        ("--address", "the clinic's address"),
        ("--booking-url", "the online booking link"),
        ("--token-env", "write deployment.yaml naming this token variable (several clinics)"),
    ):
        init.add_argument(option, help=meaning)
    init.add_argument(
        "--no-input", action="store_true", help="never ask: fail if a required value is missing"
    )
    init.set_defaults(handler=cmd_init_clinic)

    check = sub.add_parser("check", help="validate the knowledge files and print a summary")
    check.set_defaults(handler=cmd_check)

    evaluate = sub.add_parser("eval", help="print accuracy and safety figures for labelled JSONL")
    evaluate.add_argument("files", nargs="*", help="labelled JSONL files (default: tests/data)")
    evaluate.add_argument("--split", choices=["dev", "test"], help="only this part of each file")
    evaluate.add_argument("--misses", action="store_true", help="print a table of every miss")
    evaluate.set_defaults(handler=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    stream = out or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.env_file)
        configure_logging(settings.log_level, libraries=settings.log_libraries)
        # The language identifier is cached with the model: a restart maps it (issue 17).
        # So are the responder's triage and FAQ indexes, keyed by the knowledge and the code.
        keep_identifier_in(model_cache_folder(settings))
        keep_indexes_in(model_cache_folder(settings))
        return int(args.handler(settings, args, stream))
    except ConfigError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KnowledgeError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONFIG
    except StorageError as exc:
        print(f"Storage error: {exc}", file=sys.stderr)
        return EXIT_RUNTIME
    except AftercareError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_RUNTIME
    except BrokenPipeError:
        return EXIT_OK
