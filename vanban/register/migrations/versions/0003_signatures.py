"""Digital signatures (chữ ký số) made on issued documents, recorded beside their register entry.

Revision ID: 0003_signatures
Revises: 0002_drafts
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_signatures"
down_revision = "0002_drafts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register_signatures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("issuer_id", sa.String(64), nullable=False),
        sa.Column("number_symbol", sa.String(128), nullable=False),
        sa.Column("file", sa.String(500), nullable=False),
        sa.Column("signed_file", sa.String(500), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("signer", sa.Text, nullable=False),
        sa.Column("organisation", sa.Text, nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("sha256_before", sa.String(64), nullable=False),
        sa.Column("sha256_after", sa.String(64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('signer', 'organisation', 'attachment')", name="ck_register_signatures_role"),
    )
    op.create_index("ix_register_signatures_number", "register_signatures", ["issuer_id", "number_symbol"])


def downgrade() -> None:
    op.drop_index("ix_register_signatures_number", "register_signatures")
    op.drop_table("register_signatures")
