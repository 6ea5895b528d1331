"""The durable inbox of updates, kept before Telegram is told they were received.

Revision ID: 0005_inbox
Revises: 0004_conversation_state
Create Date: 2026-12-02

Reserved in the migration chain so that the engineers adding these tables can work at the
same time; the owner of this step fills it in (and adds the same tables to the schema).
"""

from __future__ import annotations

revision: str = "0005_inbox"
down_revision: str | None = "0004_conversation_state"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
