"""Keep libraries that can print patients' data out of the log unless explicitly asked.

At DEBUG, and some at INFO, libraries log what passes through them: SQLAlchemy the
parameters of every statement (names, and message texts whenever a
text-keeping option is on), python-telegram-bot whole updates and every request's
parameters, httpx and httpcore request URLs (a Bot API URL contains the token), uvicorn one
line per request. ``quiet_libraries`` holds them at WARNING, whatever ``LOG_LEVEL`` says,
unless ``LOG_LIBRARIES=true`` (for debugging on a test deployment).
"""

from __future__ import annotations

import logging

#: Loggers that print statement parameters, update bodies, request URLs or access lines.
TALKATIVE = (
    "sqlalchemy",
    "asyncpg",
    "alembic",
    "httpx",
    "httpcore",
    "telegram",
    "apscheduler",
    "uvicorn.access",
    "uvicorn.error",
    "hpack",
)


def quiet_libraries(explicit: bool = False) -> None:
    """WARNING for every logger in ``TALKATIVE``; with ``explicit`` they follow the root.

    APScheduler (python-telegram-bot's job queue) gets ERROR: it warns on every tick while a
    sweep is still running, which is expected and would fill the log.
    """
    for name in TALKATIVE:
        logging.getLogger(name).setLevel(logging.NOTSET if explicit else logging.WARNING)
    if not explicit:
        logging.getLogger("apscheduler").setLevel(logging.ERROR)
