"""Alembic migrations for the storage schema; run them with ``bot.storage.migrate``."""
