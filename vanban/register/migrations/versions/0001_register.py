"""Create the register: sequences, batches, entries, entry files.

Revision ID: 0001_register
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_register"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register_sequences",
        sa.Column("issuer_id", sa.String(64), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("last_number", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "register_batches",
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("issuer_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "register_entries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("issuer_id", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("sequence", sa.String(32), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("number_symbol", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("doc_type", sa.String(16), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("signer", sa.Text, nullable=False),
        sa.Column("recipients", sa.JSON, nullable=False),
        sa.Column("batch_key", sa.String(128), sa.ForeignKey("register_batches.key"), nullable=False),
        sa.Column("ref", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("void_reason", sa.Text, nullable=True),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('reserved', 'issued', 'voided')", name="ck_register_entries_status"),
        sa.CheckConstraint("kind IN ('document', 'council', 'so_vang')", name="ck_register_entries_kind"),
        sa.CheckConstraint("number >= 1", name="ck_register_entries_number"),
        sa.UniqueConstraint("issuer_id", "year", "sequence", "number", name="uq_register_entries_number"),
    )
    live = sa.text("status <> 'voided'")
    op.create_index("uq_register_entries_batch_ref", "register_entries", ["batch_key", "ref"],
                    unique=True, sqlite_where=live, postgresql_where=live)
    op.create_index("ix_register_entries_issuer_year", "register_entries", ["issuer_id", "year"])
    op.create_index("ix_register_entries_number_symbol", "register_entries", ["number_symbol"])
    op.create_table(
        "register_entry_files",
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("register_entries.id"), primary_key=True),
        sa.Column("path", sa.String(500), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("register_entry_files")
    op.drop_index("ix_register_entries_number_symbol", "register_entries")
    op.drop_index("ix_register_entries_issuer_year", "register_entries")
    op.drop_index("uq_register_entries_batch_ref", "register_entries")
    op.drop_table("register_entries")
    op.drop_table("register_batches")
    op.drop_table("register_sequences")
