"""Alembic environment for the register.

Always run online, on the connection handed over in `config.attributes["connection"]`: the
caller (`vanban.register.store.ensure_schema`) has already opened the transaction and taken the
migration lock, so Alembic must neither open its own connection nor commit.
"""

from __future__ import annotations

from alembic import context

from vanban.register.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "the register migrations run through vanban.register.store.ensure_schema, which passes an open connection"
    )

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    version_table="register_alembic_version",
)
with context.begin_transaction():
    context.run_migrations()
