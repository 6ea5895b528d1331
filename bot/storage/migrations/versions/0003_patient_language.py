"""The patient's chosen language.

Revision ID: 0003_patient_language
Revises: 0002_dashboard
Create Date: 2026-12-02

Reserved in the migration chain so that the engineers adding these tables can work at the
same time; the owner of this step fills it in (and adds the same tables to the schema).
"""

from __future__ import annotations

revision: str = "0003_patient_language"
down_revision: str | None = "0002_dashboard"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
