"""The clinic dashboard: one-time sign-in links, staff sessions, the audit log.

Revision ID: 0002_dashboard
Revises: 0001_initial
Create Date: 2026-01-20

Written out in full, like ``0001_initial``: tokens and sessions are stored as the SHA-256 of
their secret, never the secret itself.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002_dashboard"
down_revision: str | None = "0001_initial"
branch_labels: str | None = None
depends_on: str | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _when(name: str, *, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "dashboard_login_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("clinic_id", sa.Text, nullable=False),
        sa.Column("staff_user_id", sa.BigInteger, nullable=False),
        sa.Column("staff_name", sa.Text, nullable=False),
        _when("created_at", nullable=False),
        _when("expires_at", nullable=False),
        _when("used_at"),
    )
    op.create_index("ix_dashboard_login_tokens_expires", "dashboard_login_tokens", ["expires_at"])

    op.create_table(
        "dashboard_sessions",
        sa.Column("session_hash", sa.String(64), primary_key=True),
        sa.Column("clinic_id", sa.Text, nullable=False),
        sa.Column("staff_user_id", sa.BigInteger, nullable=False),
        sa.Column("staff_name", sa.Text, nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        _when("created_at", nullable=False),
        _when("expires_at", nullable=False),
        _when("ended_at"),
    )
    op.create_index("ix_dashboard_sessions_expires", "dashboard_sessions", ["expires_at"])

    op.create_table(
        "dashboard_audit_log",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("clinic_id", sa.Text, nullable=False),
        sa.Column("staff_user_id", sa.BigInteger, nullable=False),
        sa.Column("staff_name", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("target", sa.Text),
        sa.Column("detail", sa.Text),
        _when("created_at", nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_dashboard_audit_log_clinic_created",
        "dashboard_audit_log",
        ["clinic_id", "created_at"],
    )


def downgrade() -> None:
    for table in ("dashboard_audit_log", "dashboard_sessions", "dashboard_login_tokens"):
        op.drop_table(table)
