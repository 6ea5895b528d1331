"""An escalation reply that left without Telegram's answer: resent after a crash.

Revision ID: 0006_inbox_unconfirmed
Revises: 0005_inbox
Create Date: 2026-12-02

``inbox.unconfirmed`` is the step (counted as ``sent`` counts them) of an escalation reply
that was written down as leaving but whose answer from the Bot API never came. A replay sends
that one reply again, marked as a possible repeat (``bot.tg.journal``); ordinary replies are
never marked, so they are never repeated.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006_inbox_unconfirmed"
down_revision: str | None = "0005_inbox"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("inbox", sa.Column("unconfirmed", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inbox") as batch:
        batch.drop_column("unconfirmed")
