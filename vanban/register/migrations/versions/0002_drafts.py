"""Drafts (dự thảo): documents rendered before signing, which take no number until issued.

Revision ID: 0002_drafts
Revises: 0001_register
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_drafts"
down_revision = "0001_register"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register_drafts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("issuer_id", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("inputs", sa.JSON, nullable=False),
        sa.Column("request", sa.JSON, nullable=False),
        sa.Column("folder", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.String(200), nullable=True),
        sa.Column("issue_date", sa.Date, nullable=True),
        sa.Column("number_symbol", sa.String(128), nullable=True),
        sa.Column("batch_key", sa.String(128), sa.ForeignKey("register_batches.key"), nullable=True),
        sa.Column("issued_folder", sa.Text, nullable=True),
        sa.Column("issued_files", sa.JSON, nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.CheckConstraint("status IN ('draft', 'issued', 'abandoned')", name="ck_register_drafts_status"),
    )
    op.create_index("ix_register_drafts_status", "register_drafts", ["status", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_register_drafts_status", "register_drafts")
    op.drop_table("register_drafts")
