"""The patient's chosen language.

Revision ID: 0003_patient_language
Revises: 0002_dashboard
Create Date: 2026-12-02

``patients.chosen_language``: the language a patient picked with /language (nullable: most
never pick one, and are answered in their message's language, else Telegram's). It sits
beside ``patients.language``, which keeps Telegram's ``language_code`` as last seen.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003_patient_language"
down_revision: str | None = "0002_dashboard"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.add_column(sa.Column("chosen_language", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("patients") as batch:
        batch.drop_column("chosen_language")
