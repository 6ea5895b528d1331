"""The dashboard's tables: one-time sign-in links, staff sessions and the audit log.

They sit on the same ``metadata`` as the bot's own tables (so migrations and the schema
comparison see one schema) and are created by ``0002_dashboard``. Secrets are never stored:
a sign-in link and a session are kept as the SHA-256 of their random token.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.storage.schema import BigId, UTCDateTime, metadata

login_tokens = sa.Table(
    "dashboard_login_tokens",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("clinic_id", sa.Text, nullable=False),
    sa.Column("staff_user_id", sa.BigInteger, nullable=False),
    sa.Column("staff_name", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("used_at", UTCDateTime),
    sa.Index("ix_dashboard_login_tokens_expires", "expires_at"),
)

sessions = sa.Table(
    "dashboard_sessions",
    metadata,
    sa.Column("session_hash", sa.String(64), primary_key=True),
    sa.Column("clinic_id", sa.Text, nullable=False),
    sa.Column("staff_user_id", sa.BigInteger, nullable=False),
    sa.Column("staff_name", sa.Text, nullable=False),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("ended_at", UTCDateTime),
    sa.Index("ix_dashboard_sessions_expires", "expires_at"),
)

audit_log = sa.Table(
    "dashboard_audit_log",
    metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("clinic_id", sa.Text, nullable=False),
    sa.Column("staff_user_id", sa.BigInteger, nullable=False),
    sa.Column("staff_name", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("target", sa.Text),
    sa.Column("detail", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_dashboard_audit_log_clinic_created", "clinic_id", "created_at"),
    sqlite_autoincrement=True,
)

DASHBOARD_TABLES: tuple[sa.Table, ...] = (login_tokens, sessions, audit_log)
