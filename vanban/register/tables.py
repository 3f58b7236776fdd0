"""The register's tables (sổ đăng ký văn bản đi), as SQLAlchemy Core tables.

Four tables:

* `register_sequences` — one counter per issuer, calendar year and sequence (`admin`, a type
  abbreviation such as `QĐ` when the issuer numbers each type separately, `council`, `so_vang`).
  `last_number` only ever moves over numbers that are taken, so every number up to it has an entry.
* `register_batches` — one row per run, keyed by the issuer, the kind and a hash of the approved
  input; its row is locked while the batch is numbered so two runs of the same list cannot both
  allocate.
* `register_entries` — one row per number given out: the line of the register a clerk keeps
  (số và ký hiệu, ngày tháng, trích yếu, người ký, nơi nhận) and its status. Rows are never
  deleted; the unique constraint on (issuer, year, sequence, number) is the last guard against a
  duplicate, whatever the application code does.
* `register_entry_files` — the published files of an entry and their SHA-256.
* `register_drafts` — drafts (dự thảo): documents rendered with a blank number and day, waiting
  for the leader's signature. A draft takes no number; issuing it (`vanban issue`) takes them and
  records the batch it was numbered in. Rows are never deleted: an abandoned draft stays, with
  its reason.
* `register_signatures` — the digital signatures made on an issued document's files (`vanban
  sign`): who signed which file in which role, when, at which PAdES level, and the file's SHA-256
  before and after, so the văn thư can show which bytes each signature covers. Rows are never
  deleted; signing again (`--force`) adds rows.
* `web_users`, `web_audit` — the accounts of the web page (`vanban web`: role and the issuers each
  may act for, an argon2 password hash) and its audit log (who drafted, issued, voided and
  downloaded what). In the register's database so an office on PostgreSQL shares them too.

The Alembic migrations in `vanban.register.migrations` create exactly these tables; a test
compares the two.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

STATUSES = ("reserved", "issued", "voided")
DRAFT_STATUSES = ("draft", "issued", "abandoned")
KINDS = ("document", "council", "so_vang")

sequences = sa.Table(
    "register_sequences",
    metadata,
    sa.Column("issuer_id", sa.String(64), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("last_number", sa.Integer, nullable=False, server_default="0"),
)

batches = sa.Table(
    "register_batches",
    metadata,
    sa.Column("key", sa.String(128), primary_key=True),
    sa.Column("issuer_id", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
)

entries = sa.Table(
    "register_entries",
    metadata,
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
# A ref holds at most one live number in its batch; a voided one may be replaced by a new number.
sa.Index(
    "uq_register_entries_batch_ref",
    entries.c.batch_key,
    entries.c.ref,
    unique=True,
    sqlite_where=entries.c.status != "voided",
    postgresql_where=entries.c.status != "voided",
)
sa.Index("ix_register_entries_issuer_year", entries.c.issuer_id, entries.c.year)
sa.Index("ix_register_entries_number_symbol", entries.c.number_symbol)

entry_files = sa.Table(
    "register_entry_files",
    metadata,
    sa.Column("entry_id", sa.Integer, sa.ForeignKey("register_entries.id"), primary_key=True),
    sa.Column("path", sa.String(500), primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False),
)

drafts = sa.Table(
    "register_drafts",
    metadata,
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
sa.Index("ix_register_drafts_status", drafts.c.status, drafts.c.created_at)

signatures = sa.Table(
    "register_signatures",
    metadata,
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
sa.Index("ix_register_signatures_number", signatures.c.issuer_id, signatures.c.number_symbol)

web_users = sa.Table(
    "web_users",
    metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("full_name", sa.Text, nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("issuers", sa.JSON, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('drafter', 'clerk', 'admin')", name="ck_web_users_role"),
)

web_audit = sa.Table(
    "web_audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("detail", sa.Text, nullable=True),
    sa.Column("client", sa.String(64), nullable=True),
)
sa.Index("ix_web_audit_at", web_audit.c.at)
