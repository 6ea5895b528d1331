"""Per-chat conversation state: last topics, pending clarify options, last escalation.

Revision ID: 0004_conversation_state
Revises: 0003_patient_language
Create Date: 2026-12-02

Reserved in the migration chain so that the engineers adding these tables can work at the
same time; the owner of this step fills it in (and adds the same tables to the schema).
"""

from __future__ import annotations

revision: str = "0004_conversation_state"
down_revision: str | None = "0003_patient_language"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
