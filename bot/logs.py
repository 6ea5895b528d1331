"""Keep libraries that can print patients' data out of the log unless explicitly asked.

At DEBUG, and some at INFO, libraries log what passes through them: SQLAlchemy the
parameters of every statement (names, and message texts whenever a
text-keeping option is on), python-telegram-bot whole updates and every request's
parameters, httpx and httpcore request URLs (a Bot API URL contains the token), uvicorn one
line per request. ``quiet_libraries`` holds them at WARNING, whatever ``LOG_LEVEL`` says,
unless ``LOG_LIBRARIES=true`` (for debugging on a test deployment).
"""

from __future__ import annotations

import asyncio
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


#: The logger APScheduler's default executor reports a job's failure on (python-telegram-bot's
#: job queue runs the check-in sweep and retention on it).
JOB_ERRORS = "apscheduler.executors.default"


class _NotStopping(logging.Filter):
    """Drops APScheduler's "Error running job" for a job cancelled: its asyncio executor
    cancels every job still running when the job queue stops, and logs each at ERROR with a
    traceback. A sweep cut short by a graceful stop is no error (its rows are leased and
    taken up again at the next start); an ERROR at every such stop teaches readers to skim
    past real ones."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, asyncio.CancelledError)


def quiet_libraries(explicit: bool = False) -> None:
    """WARNING for every logger in ``TALKATIVE``; with ``explicit`` they follow the root.

    APScheduler (python-telegram-bot's job queue) gets ERROR: it warns on every tick while a
    sweep is still running, which is expected and would fill the log. A job cancelled as the
    queue stops is not logged at all, whatever the levels (``_NotStopping``).
    """
    jobs = logging.getLogger(JOB_ERRORS)
    if not any(isinstance(f, _NotStopping) for f in jobs.filters):
        jobs.addFilter(_NotStopping())
    for name in TALKATIVE:
        logging.getLogger(name).setLevel(logging.NOTSET if explicit else logging.WARNING)
    if not explicit:
        logging.getLogger("apscheduler").setLevel(logging.ERROR)
