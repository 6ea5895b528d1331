"""Per-chat conversation state, and the moment of the treatment.

Revision ID: 0004_conversation_state
Revises: 0003_patient_language
Create Date: 2026-12-02

``conversations`` holds one row per (clinic, user, chat): the last topics answered, the
clarify options offered, the last escalation (level, flags, when, whether the staff were
alerted), each with the moment it was set; no message text. ``patients.treated_at`` keeps the
treatment's time when the patient said it ("2 hours ago", "at 5pm").
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_conversation_state"
down_revision: str | None = "0003_patient_language"
branch_labels: str | None = None
depends_on: str | None = None


def _when(name: str, *, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("clinic_id", sa.Text, nullable=False),
        sa.Column("user_id", sa.BigInteger, nullable=False),
        sa.Column("chat_id", sa.BigInteger, nullable=False),
        sa.Column("topics", sa.JSON, nullable=False),
        _when("topics_at"),
        sa.Column("clarify", sa.JSON, nullable=False),
        _when("clarify_at"),
        sa.Column("escalation_level", sa.Text),
        sa.Column("escalation_flags", sa.JSON, nullable=False),
        _when("escalation_at"),
        sa.Column("escalation_alerted", sa.Boolean, nullable=False, server_default=sa.false()),
        _when("expires_at", nullable=False),
        _when("updated_at", nullable=False),
        sa.PrimaryKeyConstraint("clinic_id", "user_id", "chat_id", name="pk_conversations"),
    )
    op.create_index("ix_conversations_expires", "conversations", ["expires_at"])
    with op.batch_alter_table("patients") as batch:
        batch.add_column(_when("treated_at"))


def downgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.drop_column("treated_at")
    op.drop_table("conversations")
