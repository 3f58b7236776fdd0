"""Where the register lives and how a transaction on it is opened.

The register is a database: SQLite by default (one file, `$VANBAN_DATA_DIR/register.sqlite3`,
`<repo>/data` unless told otherwise), PostgreSQL when `VANBAN_DATABASE_URL` names one (an office
where several clerks' machines and the scheduled batches share one register).

Concurrency, which is the point of the register:

* SQLite allows one writer at a time. Every write transaction starts with `BEGIN IMMEDIATE`, so it
  takes the write lock *before* reading the counter; a second writer waits on the busy timeout
  (30 s) instead of reading a stale counter or failing later with "database is locked" on upgrade
  from a read lock. WAL lets readers (`register list`) run beside the writer. `synchronous=FULL`:
  a number that was committed must survive a power cut, or it could be handed out twice.
* PostgreSQL: the service row-locks the batch row, then the sequence row, each with one
  `INSERT … ON CONFLICT … DO UPDATE … RETURNING` (create-or-lock in a round trip, the same lock as
  `SELECT … FOR UPDATE`), held until commit in a READ COMMITTED transaction: concurrent batches
  queue on the counter and each reads the value committed by the one before.

The schema is created and upgraded by the Alembic migrations on first use (`ensure_schema`),
under a lock, so eight processes starting together migrate exactly once.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from vanban import settings

ENV_URL = "VANBAN_DATABASE_URL"
ENV_DATA_DIR = "VANBAN_DATA_DIR"
SQLITE_FILE = "register.sqlite3"
BUSY_TIMEOUT_S = 30.0
#: Arbitrary constant for pg_advisory_xact_lock around migrations ("vanban" in ASCII).
_PG_MIGRATION_LOCK = 0x76616E62616E
_READ_ONLY = "vanban_read_only"


def data_dir() -> Path:
    """The data folder: `VANBAN_DATA_DIR`, else `data/` of the checkout (see `vanban.settings`)."""
    return settings.current().register_dir


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else `VANBAN_DATABASE_URL`, else the SQLite file."""
    url = url or settings.current().database_url
    if url:
        return url
    return f"sqlite:///{data_dir() / SQLITE_FILE}"


def describe(url: str) -> str:
    """The URL without a password, for messages."""
    return sa.make_url(url).render_as_string(hide_password=True)


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's implicit BEGIN is deferred).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = FULL")
    # Switching to WAL needs an exclusive lock and may report BUSY without waiting when several
    # processes open a fresh file together; the mode is persistent, so retrying is enough.
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(_READ_ONLY):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(url: str | None = None) -> Engine:
    """An engine for the register, with the SQLite locking set up; creates the data folder."""
    url = database_url(url)
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True)
    raise ValueError(f"the register supports SQLite and PostgreSQL, not {describe(url)}")


_engines: dict[str, Engine] = {}
_migrated: set[str] = set()
_lock = threading.Lock()


def _forget_engines() -> None:
    """A forked child must not use (or close) its parent's pooled connections: drop the pools
    without closing them, as SQLAlchemy recommends, and let the child open its own."""
    global _lock
    _lock = threading.Lock()  # a parent thread may have held it at fork time
    for engine in _engines.values():
        engine.dispose(close=False)
    _engines.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_engines)


def engine_for(url: str | None = None) -> Engine:
    """One engine per URL per process, with the schema migrated to the newest revision."""
    url = database_url(url)
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = create_engine(url)
        if url not in _migrated:
            ensure_schema(engine)
            _migrated.add(url)
    return engine


def dispose(url: str | None = None) -> None:
    """Close this process's pooled connections to `url` (tests dropping a schema, shutdown)."""
    url = database_url(url)
    with _lock:
        engine = _engines.pop(url, None)
        _migrated.discard(url)
    if engine is not None:
        engine.dispose()


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    ctx = MigrationContext.configure(conn, opts={"version_table": "register_alembic_version"})
    return ctx.get_current_revision()


#: The newest migration shipped (`vanban.register.migrations.head()`, which a test compares
#: with this): a register already there is recognised by reading its version row.
SCHEMA_HEAD = "0004_web_accounts"


def _recorded_revision(engine: Engine) -> str | None:
    """The revision the register's version table records; None when it has none (a new file)."""
    try:
        with engine.connect() as conn:
            conn.execution_options(**{_READ_ONLY: True})
            with conn.begin():
                rows = conn.execute(sa.text("SELECT version_num FROM register_alembic_version")).all()
    except sa.exc.DBAPIError:  # no table yet: Alembic creates it
        return None
    return rows[0][0] if len(rows) == 1 else None


def ensure_schema(engine: Engine) -> bool:
    """Run the Alembic migrations if the database is behind; True when something was applied.

    The check is first done without a lock (the common case: nothing to do). Otherwise the
    migrations run inside one transaction that holds the migration lock — `BEGIN IMMEDIATE` on
    SQLite, `pg_advisory_xact_lock` on PostgreSQL — and the revision is read again under it, so
    of several processes arriving together one migrates and the others find the work done.
    """
    if _recorded_revision(engine) == SCHEMA_HEAD:  # without importing Alembic (~0.3 s of a run)
        return False
    from alembic import command

    from vanban.register import migrations

    head = migrations.head()
    with engine.connect() as conn:
        conn.execution_options(**{_READ_ONLY: True})
        with conn.begin():
            if current_revision(conn) == head:
                return False
    with engine.connect() as conn:
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
            if current_revision(conn) == head:
                return False
            cfg = migrations.config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return True


@contextmanager
def write(engine: Engine) -> Iterator[Connection]:
    """A write transaction: `BEGIN IMMEDIATE` on SQLite; commit on success, roll back on error."""
    with engine.connect() as conn:
        with conn.begin():
            yield conn


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction (a consistent snapshot; never blocks the writer under WAL)."""
    with engine.connect() as conn:
        conn.execution_options(**{_READ_ONLY: True})
        with conn.begin():
            yield conn
