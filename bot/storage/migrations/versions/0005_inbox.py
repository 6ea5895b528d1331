"""The durable inbox of updates, kept before Telegram is told they were received.

Revision ID: 0005_inbox
Revises: 0004_conversation_state
Create Date: 2026-12-02

One row per (bot id, update id). ``payload`` holds the update's JSON only until it is
processed; ``sent`` counts the replies already delivered, so a replay after a crash skips
them; ``claimed_by`` / ``claimed_until`` lease a row to the process working on it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005_inbox"
down_revision: str | None = "0004_conversation_state"
branch_labels: str | None = None
depends_on: str | None = None


def _when(name: str, *, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("bot_id", sa.BigInteger, nullable=False),
        sa.Column("update_id", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("payload", sa.Text),
        _when("received_at", nullable=False),
        _when("finished_at"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("sent", sa.Integer, nullable=False, server_default="0"),
        sa.Column("claimed_by", sa.Text),
        _when("claimed_until"),
        sa.PrimaryKeyConstraint("bot_id", "update_id", name="pk_inbox"),
    )
    op.create_index("ix_inbox_bot_status", "inbox", ["bot_id", "status", "update_id"])
    op.create_index("ix_inbox_finished", "inbox", ["finished_at"])


def downgrade() -> None:
    op.drop_table("inbox")
