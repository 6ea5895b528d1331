"""The command line: ask (text and JSON, one message or a stream), check, chat and run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the real ``aftercare-bot`` entry point in a clean environment, no .env file."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MATCH_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", "--env-file", "/dev/null", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**base, **(env or {})},
        timeout=timeout,
    )


def test_ask_json_answers_the_gym_question() -> None:
    result = cli("ask", "--json", "can I go to the gym tonight?")
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["kind"] == "answer"
    assert reply["topic"] == "exercise_gym"
    assert reply["level"] is None
    assert isinstance(reply["score"], float)
    assert "Example Aesthetics Clinic" in reply["text"]
    assert {"kind", "level", "topic", "topics", "score", "suggestions", "text"} <= set(reply)


def test_the_model_switched_off_is_neither_trained_nor_loaded(tmp_path: Path) -> None:
    """UNDERSTANDING_MODEL=false: rules and matcher answer; the model cache gets no model
    (with the model on, the bot would train into it first), only the language identifier and
    the responder's triage and FAQ indexes."""
    cache = tmp_path / "models"
    env = {"UNDERSTANDING_MODEL": "false", "MODEL_CACHE_DIR": str(cache)}
    result = cli("ask", "--json", "can I go to the gym tonight?", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["topic"] == "exercise_gym"
    assert {path.name.split("-")[0] for path in cache.iterdir()} == {"langid", "indexes"}
    urgent = json.loads(cli("ask", "--json", "I can't swallow properly", env=env).stdout)
    assert urgent["level"] == "emergency"
    assert {path.name.split("-")[0] for path in cache.iterdir()} == {"langid", "indexes"}


def test_polling_without_the_dashboard_imports_no_web_server_nor_alembic() -> None:
    """What only some commands need stays out of ``run``'s start-up (issue 17)."""
    code = (
        "import sys, bot.cli, bot.serve.polling\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'starlette', 'uvicorn', 'jinja2', 'alembic', 'mako', 'sklearn', 'scipy', 'wordfreq',"
        " 'phonenumbers'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_ask_json_escalates_trouble_swallowing() -> None:
    reply = json.loads(cli("ask", "--json", "I can't swallow properly").stdout)
    assert reply["kind"] == "escalation"
    assert reply["level"] == "emergency"
    assert reply["text"].startswith("Call 999 now.")


def test_ask_reads_one_message_per_line_and_keeps_order() -> None:
    messages = [
        "hello",
        "can i drink wine tonight",
        "",
        "I can't breathe",
        "what is the capital of peru",
    ]
    result = cli("ask", "--json", stdin="\n".join(messages) + "\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in lines] == [
        "smalltalk",
        "answer",
        "fallback",
        "escalation",
        "fallback",
    ]


def test_ask_answers_every_question_of_a_message_as_telegram_does() -> None:
    """Plain ``ask`` takes the path a new patient's Telegram message takes: several questions
    in one message get one answer each; lines are separate patients (no context carried)."""
    messages = [
        "is the sauna ok tonight, and can i have a beer with dinner?",
        "what time does the cricket start",
    ]
    result = cli("ask", "--json", stdin="\n".join(messages) + "\n")
    assert result.returncode == 0, result.stderr
    several, outside = (json.loads(line) for line in result.stdout.splitlines())
    assert several["kind"] == "answer"
    assert set(several["topics"]) == {"heat_sauna_sun", "alcohol"}
    assert outside["kind"] == "fallback"


def test_ask_without_json_prints_the_patient_text() -> None:
    result = cli("ask", "when", "will", "I", "see", "results")
    assert result.returncode == 0
    assert "Example Aesthetics Clinic" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_check_prints_a_summary() -> None:
    result = cli("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")
    assert "FAQ entries" in result.stdout and "red flags" in result.stdout


def test_check_fails_with_exit_2_and_names_the_problem(tmp_path: Path) -> None:
    result = cli("check", env={"KNOWLEDGE_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "faq.yaml: file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_token_is_one_clear_line() -> None:
    result = cli("run", env={"TELEGRAM_BOT_TOKEN": "not-a-token"})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "not-a-token" not in result.stderr


def test_run_without_a_token_starts_a_local_chat() -> None:
    result = cli("run", stdin="can i fly tomorrow?\nquit\n")
    assert result.returncode == 0, result.stderr
    assert "local terminal chat" in result.stdout
    assert "you> " in result.stdout
    assert "Example Aesthetics Clinic" in result.stdout


@pytest.mark.parametrize("words", [["chat"], ["run"]])
def test_chat_ends_cleanly_at_end_of_input(words: list[str]) -> None:
    result = cli(*words, stdin="")
    assert result.returncode == 0


def test_chat_lists_the_topics_of_several_answers_and_a_number_picks_one() -> None:
    """The terminal has no buttons: "a topic below" is a numbered list, and typing a number
    gives that topic's full answer (on Telegram, the topic's button)."""
    stdin = "can i drink wine tonight and go to the gym tomorrow?\n2\nquit\n"
    result = cli("chat", stdin=stdin, timeout=300)  # may train the model
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.split("you> ")[1:3]
    assert "  1. Alcohol" in first and "  2. Exercise and the gym" in first
    assert "Avoid moves that put your head down" not in first  # short answers only
    assert "Avoid moves that put your head down" in second  # the gym's full answer
    assert "Alcohol does not cancel" not in second


def test_migrate_creates_then_reports_up_to_date(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/bot.db"}
    first = cli("migrate", env=env)
    assert first.returncode == 0, first.stderr
    assert "from empty to" in first.stdout
    again = cli("migrate", env=env)
    assert "is up to date" in again.stdout


def test_report_prints_and_writes_csv(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/bot.db"}
    result = cli("report", "--days", "30", "--csv", str(tmp_path / "r.csv"), env=env)
    assert result.returncode == 0, result.stderr
    assert "Questions answered" in result.stdout and "last 30 days" in result.stdout
    assert (tmp_path / "r.csv").read_text().startswith("section,item,detail,count")


def test_ask_chats_keeps_each_chats_context() -> None:
    """``ask --json --chats``: one reply object per message, each chat with its own memory."""
    lines = [
        {"chat": "a", "text": "can i go to the gym today?"},
        {"chat": "b", "text": "my face feels tight and im a bit wheezy"},
        {"chat": "a", "text": "and tomorrow?"},
        {"chat": "b", "text": "is that normal?"},
        {"chat": "c", "text": "is that normal?"},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    result = cli("ask", "--json", "--chats", stdin=stdin, timeout=300)  # may train the model
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["chat"] for r in replies] == ["a", "b", "a", "b", "c"]
    assert replies[2]["topic"] == "exercise_gym"  # "and tomorrow?" about the gym
    assert replies[3]["level"] == "emergency"  # still the emergency, never reassured
    assert replies[4]["level"] is None  # chat c never reported anything


def test_ask_chats_names_a_malformed_line() -> None:
    result = cli("ask", "--json", "--chats", stdin='{"chat": "a"}\n')
    assert result.returncode == 2
    assert "line 1" in result.stderr
