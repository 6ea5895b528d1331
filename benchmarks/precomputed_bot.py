"""Diagnostic: the real bot with every evaluation message's reply computed before it starts.

Everything a message goes through in ``python -m bot run`` still runs — handlers, flood
guard, keyboards, HTML rendering, delivery with retries, logging, python-telegram-bot — except
the responder's own work (triage and matching), which becomes a dictionary look-up. The
end-to-end benchmark drives it beside the real bot: the gap between the two is what the
responder costs per message over Telegram; the gap to the echo bot is the rest.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=http://127.0.0.1:PORT/bot \
        .venv/bin/python -m benchmarks.precomputed_bot [--texts FILE]

``--texts`` names a file of the messages to precompute, one per line (default: every
evaluation message).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from benchmarks.common import NO_ENV_FILE, eval_texts
from bot.cli import build_responder, configure_logging
from bot.config import load_settings
from bot.core.replies import Reply
from bot.serve.polling import run_polling


def main() -> None:
    parser = argparse.ArgumentParser(description="the bot with its replies precomputed")
    parser.add_argument("--texts", type=Path, help="messages to precompute, one per line")
    args = parser.parse_args()
    texts = args.texts.read_text(encoding="utf-8").splitlines() if args.texts else eval_texts()
    settings = load_settings(NO_ENV_FILE)
    configure_logging(settings.log_level)
    responder = build_responder(settings)
    compute = responder.respond
    replies = {text: compute(text) for text in dict.fromkeys(texts)}

    def respond(text: str, **options: Any) -> Reply:
        """The precomputed reply for a private chat with nothing else to consider."""
        plain = options.get("private", True) and not any(
            value is not None for key, value in options.items() if key != "private"
        )
        reply = replies.get(text) if plain else None
        return reply if reply is not None else compute(text, **options)

    responder.respond = respond  # type: ignore[method-assign]
    run_polling(settings, responder)


if __name__ == "__main__":
    main()
