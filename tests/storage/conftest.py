"""The database fixtures of the storage contract (``test_storage.py``), for every module here:
a real SQLite file and, with ``TEST_DATABASE_URL``, a real PostgreSQL."""

from tests.storage.test_storage import (  # noqa: F401
    backend,
    database_url,
    fresh_url,
    postgres_database,
    postgres_server,
    raw,
    storage,
)
