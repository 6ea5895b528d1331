"""Alembic's entry point: run the migrations on the connection ``bot.storage.migrate`` hands in.

There is no alembic.ini and no URL here on purpose: the bot opens the database (with its
SQLite pragmas and write lock) and Alembic works inside that one transaction, so a failed
migration leaves the schema as it was.
"""

from __future__ import annotations

from alembic import context

from bot.storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations with `aftercare-bot migrate` or bot.storage.migrate(url), "
        "not with the alembic command"
    )

context.configure(
    connection=connection,
    target_metadata=metadata,
    transactional_ddl=True,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
