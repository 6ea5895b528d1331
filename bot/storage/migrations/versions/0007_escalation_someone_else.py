"""Whether a chat's last escalation is about someone else.

Revision ID: 0007_escalation_someone_else
Revises: 0006_inbox_unconfirmed
Create Date: 2026-12-02

``conversations.escalation_someone_else`` is true once the patient has said the red flag they
reported is someone else's ("that was my friend, not me"): every later reminder during the
escalation's lifetime is then for that person, whichever worker answers it. Existing rows
are the patient's own (false).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007_escalation_someone_else"
down_revision: str | None = "0006_inbox_unconfirmed"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "conversations",
        sa.Column("escalation_someone_else", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("escalation_someone_else")
