"""Fixtures for the register tests: an issuer, a fresh SQLite file, a fresh PostgreSQL schema.

Not a conftest.py: the suite's modules import names from the top-level `tests/conftest.py` as
`conftest`, which a second conftest module would shadow. Test modules import these fixtures.

PostgreSQL: `VANBAN_TEST_POSTGRES_URL` (default the local `test` database). Each test gets its own
schema (`search_path` set in the URL, so every process that opens the URL lands in it) and the
schema is dropped afterwards. No server → the test is skipped with the reason, unless
`VANBAN_REQUIRE_POSTGRES` is set (CI), where a missing server is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from vanban.model import IssuerProfile

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_base_url() -> str:
    return os.environ.get("VANBAN_TEST_POSTGRES_URL") or DEFAULT_PG


def with_search_path(url: str, schema: str) -> str:
    return (
        sa.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    )


@pytest.fixture
def issuer() -> IssuerProfile:
    return IssuerProfile(
        id="ldld-laichau",
        system="trade_union",
        name=["LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU"],
        full_name="Liên đoàn Lao động tỉnh Lai Châu",
        abbreviation="LĐLĐ",
        place="Lai Châu",
        numbering="shared",
    )


@pytest.fixture
def per_type_issuer() -> IssuerProfile:
    return IssuerProfile(
        id="ubnd-laichau",
        system="state",
        name=["ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"],
        full_name="Ủy ban nhân dân tỉnh Lai Châu",
        abbreviation="UBND",
        place="Lai Châu",
        numbering="per_type",
    )


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'register.sqlite3'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    base = postgres_base_url()
    engine = sa.create_engine(base, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "no server here"
        engine.dispose()
        reason = f"PostgreSQL not reachable at {sa.make_url(base).render_as_string()}: {str(exc).splitlines()[0]}"
        if os.environ.get("VANBAN_REQUIRE_POSTGRES"):
            pytest.fail(reason + " (VANBAN_REQUIRE_POSTGRES is set)")
        pytest.skip(reason)
    schema = f"vanban_test_{uuid.uuid4().hex[:12]}"
    with engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield with_search_path(base, schema)
    finally:
        from vanban.register import store

        store.dispose(with_search_path(base, schema))  # release this process's pooled connections
        with engine.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request) -> str:
    """The same test on the embedded default and on PostgreSQL."""
    return request.getfixturevalue(f"{request.param}_url")
