"""The register's rules, on SQLite and on PostgreSQL: numbering, idempotent batches, claim,
publish, void, year rollover, shared and per-type sequences, migrations."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from vanban.errors import InputError
from vanban.register import NumberRequest, NumberTaken, Register, RegisterError, UnknownNumber, store, vn_today
from vanban.register.tables import entries as entries_table

D = dt.date(2026, 3, 10)


def req(ref: str, doc_type: str = "QĐ", date: dt.date = D, kind: str = "document", **kw) -> NumberRequest:
    return NumberRequest(
        kind=kind,
        doc_type=doc_type,
        date=date,
        subject=kw.pop("subject", f"Về việc {ref}"),
        signer=kw.pop("signer", "Nguyễn Văn A"),
        recipients=kw.pop("recipients", ["Như Điều 3"]),
        ref=ref,
        **kw,
    )


def key(name: str) -> str:
    return Register.batch_key("ldld-laichau", "test", name.encode())


def numbers(entries) -> list[int]:
    return [e.number for e in entries]


def test_reserve_gives_consecutive_numbers_and_symbols(db_url, issuer):
    reg = Register(db_url)
    got = reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("decision"), req("plan", "KH")])
    assert numbers(got) == [1, 2]
    assert [e.number_symbol for e in got] == ["01/QĐ-LĐLĐ", "02/KH-LĐLĐ"]
    assert {e.status for e in got} == {"reserved"}
    assert all(e.sequence == "admin" and e.year == 2026 and e.issuer_id == issuer.id for e in got)
    assert got[0].recipients == ("Như Điều 3",) and got[0].signer == "Nguyễn Văn A"


def test_same_batch_again_returns_same_numbers_and_consumes_nothing(db_url, issuer):
    reg = Register(db_url)
    requests = [req("decision"), req("cert:0001", "", kind="so_vang"), req("cert:0002", "", kind="so_vang")]
    first = reg.reserve(issuer=issuer, batch_key=key("a"), requests=requests)
    again = reg.reserve(issuer=issuer, batch_key=key("a"), requests=list(reversed(requests)))
    assert [e.id for e in again] == [e.id for e in reversed(first)]  # same entries, in request order
    assert len(reg.entries()) == 3
    nxt = reg.reserve(issuer=issuer, batch_key=key("b"), requests=[req("decision")])
    assert nxt[0].number == 2  # nothing was consumed by the re-run


def test_changed_list_is_a_new_batch_with_next_numbers(db_url, issuer):
    reg = Register(db_url)
    k1 = Register.batch_key(issuer.id, "award", b"list v1")
    k2 = Register.batch_key(issuer.id, "award", b"list v2")
    assert k1 != k2 and k1 == Register.batch_key(issuer.id, "award", b"list v1")
    assert Register.batch_key(issuer.id, "plan", b"list v1") != k1
    a = reg.reserve(issuer=issuer, batch_key=k1, requests=[req("decision")])
    b = reg.reserve(issuer=issuer, batch_key=k2, requests=[req("decision")])
    assert (a[0].number, b[0].number) == (1, 2)
    assert a[0].status == "reserved"  # the abandoned batch's number stays visible until voided


def test_failed_batch_keeps_reserved_numbers_and_rerun_finishes_with_them(db_url, issuer):
    reg = Register(db_url)
    k = key("award")
    requests = [req("decision"), req("cert:0001", "", kind="so_vang")]
    held = reg.reserve(issuer=issuer, batch_key=k, requests=requests)
    # ... rendering crashed here; other runs go on numbering meanwhile
    reg.reserve(issuer=issuer, batch_key=key("other"), requests=[req("x")])
    rerun = reg.reserve(issuer=issuer, batch_key=k, requests=requests)
    assert [e.id for e in rerun] == [e.id for e in held]
    reg.publish(
        k, {"decision": [("QD-01.pdf", "a" * 64), ("QD-01.docx", "b" * 64)], "cert:0001": [("cert-0001.pdf", "c" * 64)]}
    )
    done = {e.ref: e for e in reg.batch(k)}
    assert {e.status for e in done.values()} == {"issued"}
    assert done["decision"].files == (("QD-01.docx", "b" * 64), ("QD-01.pdf", "a" * 64))
    assert done["decision"].issued_at is not None
    # publishing again (a re-run after success) keeps the first issue time, updates hashes
    reg.publish(k, {"decision": [("QD-01.pdf", "d" * 64)]})
    again = {e.ref: e for e in reg.batch(k)}
    assert again["decision"].issued_at == done["decision"].issued_at
    assert dict(again["decision"].files)["QD-01.pdf"] == "d" * 64


def test_publish_rejects_unknown_batch_ref_and_bad_hash(db_url, issuer):
    reg = Register(db_url)
    with pytest.raises(RegisterError, match="unknown batch"):
        reg.publish(key("nope"), {})
    reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("decision")])
    with pytest.raises(RegisterError, match="no live number for ref"):
        reg.publish(key("a"), {"missing": [("x.pdf", "a" * 64)]})
    for bad in ("not-a-hash", "a" * 63, "a" * 63 + "g", "a" * 64 + "\n", "a" * 65):
        with pytest.raises(ValueError, match="SHA-256"):
            reg.publish(key("a"), {"decision": [("x.pdf", bad)]})
    assert reg.batch(key("a"))[0].status == "reserved"  # the failed publish changed nothing


def test_void_keeps_row_and_number_is_never_reused(db_url, issuer):
    reg = Register(db_url)
    reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("d1"), req("d2")])
    voided = reg.void(issuer_id=issuer.id, year=2026, symbol_or_number="02/QĐ-LĐLĐ", reason="Sai trích yếu")
    assert voided.status == "voided" and voided.void_reason == "Sai trích yếu" and voided.voided_at
    assert [(e.number, e.status) for e in reg.entries(issuer_id=issuer.id)] == [(1, "reserved"), (2, "voided")]
    nxt = reg.reserve(issuer=issuer, batch_key=key("b"), requests=[req("d3")])
    assert nxt[0].number == 3
    with pytest.raises(RegisterError, match="already voided"):
        reg.void(issuer_id=issuer.id, year=2026, symbol_or_number="02/QĐ-LĐLĐ", reason="again")
    with pytest.raises(UnknownNumber):
        reg.void(issuer_id=issuer.id, year=2026, symbol_or_number="99/QĐ-LĐLĐ", reason="x")
    with pytest.raises(RegisterError, match="reason"):
        reg.void(issuer_id=issuer.id, year=2026, symbol_or_number="01/QĐ-LĐLĐ", reason="  ")
    # a re-run of the batch gives the voided ref a new number, never the voided one
    rerun = reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("d1"), req("d2")])
    assert numbers(rerun) == [1, 4]
    assert len(reg.batch(key("a"))) == 3


def test_claim_of_taken_number_names_the_existing_document(db_url, issuer):
    reg = Register(db_url)
    reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("decision", subject="Về việc khen thưởng")])
    with pytest.raises(NumberTaken) as info:
        reg.claim(
            issuer=issuer, batch_key=key("b"), request=req("plan", "KH"), number=1, source="ke-hoach.md", field="number"
        )
    err = info.value
    assert isinstance(err, InputError)
    text = str(err)
    assert "ke-hoach.md" in text and "mục 'number'" in text
    assert "01/QĐ-LĐLĐ" in text and "10/03/2026" in text and "Về việc khen thưởng" in text
    assert key("a")[:12] in text
    assert err.existing.number == 1


def test_claim_records_hand_number_and_counter_skips_it(db_url, issuer):
    reg = Register(db_url)
    reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("d1")])
    got = reg.claim(issuer=issuer, batch_key=key("hand"), request=req("d"), number=3)
    assert (got.number, got.number_symbol, got.status) == (3, "03/QĐ-LĐLĐ", "reserved")
    # same batch, same ref: returns it (a re-run of the hand-numbered input)
    assert reg.claim(issuer=issuer, batch_key=key("hand"), request=req("d"), number=3).id == got.id
    nxt = reg.reserve(issuer=issuer, batch_key=key("b"), requests=[req("x"), req("y"), req("z")])
    assert numbers(nxt) == [2, 4, 5]
    all_numbers = sorted(e.number for e in reg.entries())
    assert all_numbers == [1, 2, 3, 4, 5]  # no gap, no duplicate
    with pytest.raises(NumberTaken):  # a voided number is taken for good
        reg.void(issuer_id=issuer.id, year=2026, symbol_or_number="05/QĐ-LĐLĐ", reason="hủy")
        reg.claim(issuer=issuer, batch_key=key("c"), request=req("w"), number=5)
    with pytest.raises(RegisterError, match="already holds"):
        reg.claim(issuer=issuer, batch_key=key("hand"), request=req("d"), number=9)


def test_year_rollover_first_document_of_january_gets_01(db_url, issuer):
    reg = Register(db_url)
    dec = [req(f"d{i}", date=dt.date(2026, 12, 31)) for i in range(3)]
    assert numbers(reg.reserve(issuer=issuer, batch_key=key("dec"), requests=dec)) == [1, 2, 3]
    jan = reg.reserve(
        issuer=issuer,
        batch_key=key("jan"),
        requests=[req("new", "KH", date=dt.date(2027, 1, 1)), req("late", date=dt.date(2026, 12, 31))],
    )
    assert (jan[0].year, jan[0].number, jan[0].number_symbol) == (2027, 1, "01/KH-LĐLĐ")
    assert (jan[1].year, jan[1].number) == (2026, 4)
    assert [e.number_symbol for e in reg.entries(year=2027)] == ["01/KH-LĐLĐ"]


def test_shared_versus_per_type_numbering(db_url, issuer, per_type_issuer):
    reg = Register(db_url)
    mixed = [req("qd1"), req("kh1", "KH"), req("qd2"), req("cv1", "CV", drafting_unit="VX")]
    shared = reg.reserve(issuer=issuer, batch_key=key("s"), requests=mixed)
    assert [e.number_symbol for e in shared] == ["01/QĐ-LĐLĐ", "02/KH-LĐLĐ", "03/QĐ-LĐLĐ", "04/LĐLĐ-VX"]
    per = reg.reserve(
        issuer=per_type_issuer, batch_key=Register.batch_key(per_type_issuer.id, "t", b""), requests=mixed
    )
    assert [e.number_symbol for e in per] == ["01/QĐ-UBND", "01/KH-UBND", "02/QĐ-UBND", "01/UBND-VX"]
    assert [e.sequence for e in per] == ["QĐ", "KH", "QĐ", "CV"]


def test_council_and_so_vang_have_their_own_sequences(db_url, issuer):
    reg = Register(db_url)
    got = reg.reserve(
        issuer=issuer,
        batch_key=key("a"),
        requests=[
            req("decision"),
            req("council", kind="council", symbol_issuer="HĐTĐKT"),
            req("cert:1", "", kind="so_vang"),
            req("cert:2", "", kind="so_vang"),
            req("plan", "KH"),
        ],
    )
    assert [(e.sequence, e.number_symbol) for e in got] == [
        ("admin", "01/QĐ-LĐLĐ"),
        ("council", "01/QĐ-HĐTĐKT"),
        ("so_vang", "01"),
        ("so_vang", "02"),
        ("admin", "02/KH-LĐLĐ"),
    ]
    assert [e.number_symbol for e in Register(db_url).find("02")] == ["02"]  # the sổ vàng line
    assert {e.number_symbol for e in Register(db_url).find("2")} == {"02/KH-LĐLĐ", "02"}


def test_party_symbol(db_url):
    from vanban.model import IssuerProfile

    party = IssuerProfile(
        id="du", system="party", name=["ĐẢNG ỦY"], full_name="Đảng ủy", abbreviation="ĐU", place="Lai Châu"
    )
    got = Register(db_url).reserve(
        issuer=party, batch_key=Register.batch_key("du", "x", b""), requests=[req("kh", "KH")]
    )
    assert got[0].number_symbol == "01-KH/ĐU"


def test_bad_requests_fail_before_writing(db_url, issuer):
    reg = Register(db_url)
    with pytest.raises(ValueError, match="unknown document type"):
        reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("x", "XX")])
    with pytest.raises(ValueError, match="drafting unit"):
        reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("x", "CV")])
    with pytest.raises(RegisterError, match="unique"):
        reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("x"), req("x")])
    assert reg.entries() == []
    reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("x")])
    with pytest.raises(RegisterError, match="changed input needs a new batch key"):
        reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("x", date=dt.date(2026, 4, 1))])


def test_find_and_listing(db_url, issuer, per_type_issuer):
    reg = Register(db_url)
    reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("a")])
    reg.reserve(issuer=per_type_issuer, batch_key=Register.batch_key("u", "k", b""), requests=[req("a")])
    assert [e.issuer_id for e in reg.find("Số: 01/QĐ-LĐLĐ")] == [issuer.id]
    assert len(reg.find("1")) == 2 and len(reg.find("1", issuer_id=issuer.id)) == 1
    assert reg.find("01/QĐ-LĐLĐ", year=2025) == []
    assert len(reg.entries(issuer_id=per_type_issuer.id, year=2026)) == 1


def test_database_refuses_a_duplicate_number(db_url, issuer):
    """The unique constraint backs the locking: even a raw insert cannot duplicate a number."""
    reg = Register(db_url)
    e = reg.reserve(issuer=issuer, batch_key=key("a"), requests=[req("a")])[0]
    row = {
        c: getattr(e, c)
        for c in (
            "issuer_id",
            "year",
            "sequence",
            "number",
            "number_symbol",
            "kind",
            "doc_type",
            "date",
            "subject",
            "signer",
            "batch_key",
            "status",
            "created_at",
        )
    }
    with pytest.raises(sa.exc.IntegrityError):
        with store.write(reg.engine) as conn:
            conn.execute(sa.insert(entries_table), [dict(row, ref="other", recipients=[])])


def test_migrations_run_on_first_use_and_are_idempotent(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from vanban.register import migrations
    from vanban.register.tables import metadata

    engine = store.create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert store.current_revision(conn) is None
        assert store.ensure_schema(engine) is True
        assert store.ensure_schema(engine) is False
        with engine.connect() as conn:
            assert store.current_revision(conn) == migrations.head() == store.SCHEMA_HEAD
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        version_table = [d for d in diff if d[0] == "remove_table" and d[1].name == "register_alembic_version"]
        assert [d for d in diff if d not in version_table] == []  # the migrations build tables.py
        Register(db_url).entries()  # opening the register on a migrated database is a no-op
    finally:
        engine.dispose()


def test_default_location_is_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("VANBAN_DATABASE_URL", raising=False)
    monkeypatch.setenv("VANBAN_DATA_DIR", str(tmp_path / "data"))
    assert store.database_url() == f"sqlite:///{tmp_path / 'data' / 'register.sqlite3'}"
    monkeypatch.setenv("VANBAN_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert store.database_url() == "postgresql+psycopg://u@h/db"
    assert store.database_url("sqlite:///x.db") == "sqlite:///x.db"
    monkeypatch.delenv("VANBAN_DATABASE_URL")
    reg = Register()
    assert (tmp_path / "data" / "register.sqlite3").is_file()
    with reg.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    store.dispose()


def test_vn_today_uses_vietnam_time():
    from zoneinfo import ZoneInfo

    now = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    assert vn_today() in (now, now + dt.timedelta(days=1))
