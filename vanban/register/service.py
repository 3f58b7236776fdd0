"""The register's API: reserve numbers for a batch, claim a hand-given number, publish, void, look up.

Vocabulary. The *sổ đăng ký văn bản đi* is the outgoing-document register a văn thư keeps: every
number given out, with its *số và ký hiệu* (number and symbol, `15/QĐ-LĐLĐ`), date, subject
(trích yếu), signer and recipients. Decree 30 makes a number and symbol unique within a calendar
year and restarts numbering at 01 on 1 January. Certificates recorded in the *sổ vàng* (the
honour book) and councils issuing in their own name keep their own sequences.

Guarantees:

* **No duplicate.** A number is taken inside one transaction that holds the sequence row's lock
  (`BEGIN IMMEDIATE` on SQLite; on PostgreSQL a row lock taken by
  `INSERT … ON CONFLICT DO UPDATE … RETURNING`, held to commit); a unique constraint on
  (issuer, year, sequence, number) backs it up.
* **No gap, nothing lost.** The counter only moves over numbers that get an entry in the same
  transaction; entries are never deleted; a voided number stays voided and is never reused.
* **Idempotent batches.** A run is keyed by the issuer, the kind and the hash of its approved input
  (`batch_key`). Reserving again under the same key returns the numbers already held (including
  `reserved` ones left by a run that failed before publishing) and consumes nothing new.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, Literal
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from vanban import rules
from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.model import IssuerProfile
from vanban.register import store
from vanban.register.tables import KINDS, batches, entries, entry_files, sequences

#: A file's recorded digest: SHA-256 as 64 hex digits (one regular expression, not a character
#: loop: a 10,000-awardee package records 20,000 of them).
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

Kind = Literal["document", "council", "so_vang"]
Status = Literal["reserved", "issued", "voided"]


def vn_today() -> dt.date:
    """Today in Việt Nam. Any default document date must come from here, not `date.today()`:
    a batch run at 23:30 UTC on 31 December is already dated 1 January in Hà Nội, and the year
    of the date decides which sequence (and which year's 01) the number comes from."""
    return dt.datetime.now(VN_TZ).date()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class RegisterError(Exception):
    """A register operation that cannot be done as asked (unknown number, batch misuse, …)."""


class UnknownNumber(RegisterError, LookupError):
    """No entry has this number and symbol."""


class AmbiguousNumber(RegisterError):
    """Several entries match; the caller must say which issuer or year."""


class NumberTaken(InputError):
    """A number given by hand in an input is already in the register (an `InputError`, so it is
    reported with the input's other problems and nothing is written)."""

    existing: Entry

    @classmethod
    def of(cls, existing: Entry, *, source: str, **where: Any) -> NumberTaken:
        err = cls(
            [
                Problem(
                    source,
                    tr("số này đã có trong sổ đăng ký: {entry}", entry=existing.describe()),
                    expected=tr("một số chưa dùng, hoặc để trống để lấy số tiếp theo"),
                    **where,
                )
            ]
        )
        err.existing = existing
        return err


@dataclass(frozen=True)
class NumberRequest:
    """One document (or sổ vàng line) that needs a number.

    `ref` identifies it inside its batch (`decision`, `cert:0007`) so a re-run finds the number it
    already holds. `doc_type` is the Appendix III abbreviation (`QĐ`, `KH`, `CV` for a công văn,
    which then needs `drafting_unit`); it picks the sequence when the issuer numbers each type
    separately. `symbol_issuer` replaces the issuer abbreviation in the symbol, for a council
    issuing in its own name (`05/QĐ-HĐTĐKT`).
    """

    kind: Kind
    doc_type: str
    date: dt.date
    subject: str
    signer: str
    recipients: Sequence[str] = ()
    ref: str = "document"
    drafting_unit: str | None = None
    symbol_issuer: str | None = None

    @property
    def year(self) -> int:
        return self.date.year


@dataclass(frozen=True)
class Entry:
    """One line of the register."""

    id: int
    issuer_id: str
    year: int
    sequence: str
    number: int
    number_symbol: str
    kind: str
    doc_type: str
    date: dt.date
    subject: str
    signer: str
    recipients: tuple[str, ...]
    batch_key: str
    ref: str
    status: Status
    void_reason: str | None
    voided_at: dt.datetime | None
    created_at: dt.datetime
    issued_at: dt.datetime | None
    files: tuple[tuple[str, str], ...] = field(default=())

    def describe(self) -> str:
        """`15/QĐ-LĐLĐ dated 17/12/2026 "Về việc …" (batch 3f2a…, issued)` for messages."""
        text = tr(
            "{symbol} ngày {date} “{subject}” (cơ quan {issuer}, lô {batch}, tham chiếu {ref}, {status}",
            symbol=self.number_symbol,
            date=rules.short_date(self.date),
            subject=self.subject,
            issuer=self.issuer_id,
            batch=self.batch_key[:12],
            ref=self.ref,
            status=self.status,
        )
        if self.status == "voided" and self.void_reason:
            text += f": {self.void_reason}"
        return text + ")"


def sequence_name(issuer: IssuerProfile, request: NumberRequest) -> str:
    """`admin` (all administrative types share one sequence), the type (`QĐ`) when the issuer
    numbers each type separately, or `council` / `so_vang`, which always count on their own."""
    if request.kind == "document":
        return "admin" if issuer.numbering == "shared" else request.doc_type
    if request.kind in KINDS:
        return request.kind
    raise ValueError(f"unknown kind {request.kind!r}; expected one of {', '.join(KINDS)}")


def format_symbol(issuer: IssuerProfile, request: NumberRequest, number: int) -> str:
    """The số và ký hiệu without `Số:` (`15/QĐ-LĐLĐ`); for the sổ vàng only the number (`07`)."""
    if request.kind == "so_vang":
        return rules.format_number(number)
    abbr = request.symbol_issuer or issuer.abbreviation
    line = rules.number_symbol(number, request.doc_type, abbr, issuer.system, request.drafting_unit)
    return rules.bare_number_symbol(line)


def _entry(row: Row, files: Iterable[tuple[str, str]] = ()) -> Entry:
    m = row._mapping
    return Entry(
        id=m["id"],
        issuer_id=m["issuer_id"],
        year=m["year"],
        sequence=m["sequence"],
        number=m["number"],
        number_symbol=m["number_symbol"],
        kind=m["kind"],
        doc_type=m["doc_type"],
        date=m["date"],
        subject=m["subject"],
        signer=m["signer"],
        recipients=tuple(m["recipients"] or ()),
        batch_key=m["batch_key"],
        ref=m["ref"],
        status=m["status"],
        void_reason=m["void_reason"],
        voided_at=_aware(m["voided_at"]),
        created_at=_aware(m["created_at"]) or _now(),
        issued_at=_aware(m["issued_at"]),
        files=tuple(files),
    )


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; they were stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _with_files(conn: Connection, rows: Sequence[Row]) -> list[Entry]:
    ids = [r.id for r in rows]
    files: dict[int, list[tuple[str, str]]] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        query = (
            sa.select(entry_files)
            .where(entry_files.c.entry_id.in_(chunk))
            .order_by(entry_files.c.entry_id, entry_files.c.path)
        )
        for f in conn.execute(query):
            files.setdefault(f.entry_id, []).append((f.path, f.sha256))
    return [_entry(r, files.get(r.id, ())) for r in rows]


def _insert(conn: Connection, table: sa.Table):
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL both do)."""
    from sqlalchemy.dialects import postgresql, sqlite

    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


class Register:
    """The sổ đăng ký văn bản đi, backed by the database at `url` (see `vanban.register.store`)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = store.database_url(url)
        self.engine = store.engine_for(self.url)

    # -- keys ----------------------------------------------------------------------------------
    @staticmethod
    def batch_key(issuer_id: str, kind: str, payload: bytes) -> str:
        """The key of a run: SHA-256 over the issuer, the kind and the approved input's bytes.

        The same approved list gives the same key (and so the same numbers); any change to the
        list gives a new key, a new batch and new numbers."""
        h = hashlib.sha256()
        for part in (issuer_id.encode(), kind.encode()):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
        h.update(payload)
        return h.hexdigest()

    # -- allocation ----------------------------------------------------------------------------
    def reserve(self, *, issuer: IssuerProfile, batch_key: str, requests: Sequence[NumberRequest]) -> list[Entry]:
        """Numbers for every request of a batch, in one transaction; entries are `reserved`.

        Idempotent per `batch_key`: a ref that already holds a live number keeps it (same order
        as `requests`), so re-running a failed or finished batch consumes nothing. Within each
        sequence the new numbers are consecutive, in the order of `requests`.
        """
        refs = [r.ref for r in requests]
        if len(set(refs)) != len(refs):
            dupes = sorted({r for r in refs if refs.count(r) > 1})
            raise RegisterError(f"refs must be unique within a batch; repeated: {', '.join(dupes)}")
        plans = [(r, sequence_name(issuer, r)) for r in requests]
        for r, _ in plans:
            format_symbol(issuer, r, 1)  # unknown type / missing drafting unit: fail before writing
        with store.write(self.engine) as conn:
            self._lock_batch(conn, issuer.id, batch_key)
            held = self._live_by_ref(conn, batch_key)
            for r, seq in plans:
                if r.ref in held:
                    _check_same(held[r.ref], issuer, r, seq)
            todo = [(r, seq) for r, seq in plans if r.ref not in held]
            # Lock sequences in a fixed order so two batches needing the same two never deadlock.
            todo.sort(key=lambda p: (p[0].year, p[1]))
            now = _now()
            rows = []
            for (year, seq), grouped in groupby(todo, key=lambda p: (p[0].year, p[1])):
                group = list(grouped)
                numbers = self._take(conn, issuer.id, year, seq, len(group))
                for (r, _), n in zip(group, numbers, strict=True):
                    rows.append(self._row(issuer, batch_key, r, seq, n, now))
            inserted: dict[str, Row] = {}
            if rows:
                stmt = sa.insert(entries).returning(*entries.c, sort_by_parameter_order=True)
                inserted = {row.ref: row for row in conn.execute(stmt, rows)}
            if not held:  # a new batch: nothing more to read inside the lock
                return [_entry(inserted[r.ref]) for r in requests]
            return _with_files(conn, [held.get(r.ref) or inserted[r.ref] for r in requests])

    def claim(
        self,
        *,
        issuer: IssuerProfile,
        batch_key: str,
        request: NumberRequest,
        number: int,
        source: str = "register",
        **where: Any,
    ) -> Entry:
        """Record a number given by hand in an input (`số` filled in by the clerk).

        Taken by another document (any status, since voided numbers are never reused) →
        `NumberTaken`, naming the existing entry; `source` and `where` (row, column, field…) locate
        the number in the input. Already held by this batch and ref → that entry. A number above
        the counter is recorded as is; the counter later skips it, so it is never handed out
        twice and no number in between is lost.
        """
        if number < 1:
            raise ValueError(f"a document number starts at 1, got {number}")
        seq = sequence_name(issuer, request)
        format_symbol(issuer, request, number)  # an unknown type or a missing drafting unit fails here
        with store.write(self.engine) as conn:
            self._lock_batch(conn, issuer.id, batch_key)
            held = self._live_by_ref(conn, batch_key).get(request.ref)
            last = self._lock_sequence(conn, issuer.id, request.year, seq)
            existing = conn.execute(
                sa.select(entries).where(
                    entries.c.issuer_id == issuer.id,
                    entries.c.year == request.year,
                    entries.c.sequence == seq,
                    entries.c.number == number,
                )
            ).first()
            if existing is not None:
                if existing.batch_key == batch_key and existing.ref == request.ref and existing.status != "voided":
                    return _with_files(conn, [existing])[0]
                raise NumberTaken.of(_with_files(conn, [existing])[0], source=source, **where)
            if held is not None:
                raise RegisterError(
                    f"ref {request.ref!r} of batch {batch_key[:12]} already holds "
                    f"{held.number_symbol}; void it before giving another number"
                )
            if number <= last:  # cannot happen while the invariant holds; never fill a gap silently
                raise RegisterError(
                    f"number {number} is below the counter ({last}) but has no entry; "
                    "the register was edited outside vanban"
                )
            conn.execute(sa.insert(entries), [self._row(issuer, batch_key, request, seq, number, _now())])
            row = self._live_by_ref(conn, batch_key)[request.ref]
            return _with_files(conn, [row])[0]

    def publish(self, batch_key: str, files: dict[str, list[tuple[str, str]]]) -> None:
        """The batch's documents went out: live entries become `issued`, with their files' SHA-256.

        `files` maps a ref to `[(relative path, sha256)]`. Publishing again (a re-run) records the
        files again, replacing those of the same path, and keeps the first issue time.
        """
        with store.write(self.engine) as conn:
            batch = conn.execute(sa.select(batches).where(batches.c.key == batch_key).with_for_update()).first()
            if batch is None:
                raise RegisterError(f"unknown batch {batch_key}: reserve its numbers first")
            held = self._live_by_ref(conn, batch_key)
            unknown = sorted(set(files) - set(held))
            if unknown:
                raise RegisterError(f"batch {batch_key[:12]} has no live number for ref(s) {', '.join(unknown)}")
            now = _now()
            conn.execute(
                sa.update(entries)
                .where(entries.c.batch_key == batch_key, entries.c.status == "reserved")
                .values(status="issued", issued_at=now)
            )
            rows = []
            for ref, items in files.items():
                entry_id = held[ref].id
                for path, sha in items:
                    if not _SHA256_HEX.fullmatch(sha.lower()):
                        raise ValueError(f"{path}: {sha!r} is not a SHA-256 hex digest")
                    rows.append({"entry_id": entry_id, "path": path, "sha256": sha.lower()})
            if rows:
                # One statement for every file (executemany): one INSERT built and run per file
                # cost ~1.5 ms each, 3 s of a 1,000-awardee package.
                stmt = _insert(conn, entry_files)
                conn.execute(
                    stmt.on_conflict_do_update(
                        index_elements=["entry_id", "path"], set_={"sha256": stmt.excluded.sha256}
                    ),
                    rows,
                )
            conn.execute(
                sa.update(batches)
                .where(batches.c.key == batch_key, batches.c.published_at.is_(None))
                .values(published_at=now)
            )

    def void(self, *, issuer_id: str, year: int, symbol_or_number: str, reason: str) -> Entry:
        """Mark a number voided (hủy số) with the reason and time; the row and number stay for good."""
        reason = reason.strip()
        if not reason:
            raise RegisterError("voiding a number needs a reason")
        with store.write(self.engine) as conn:
            row = self._resolve(conn, issuer_id, year, symbol_or_number)
            if row.status == "voided":
                raise RegisterError(f"{row.number_symbol} is already voided: {row.void_reason}")
            conn.execute(
                sa.update(entries)
                .where(entries.c.id == row.id)
                .values(status="voided", void_reason=reason, voided_at=_now())
            )
            row = conn.execute(sa.select(entries).where(entries.c.id == row.id)).one()
            return _with_files(conn, [row])[0]

    # -- look-up -------------------------------------------------------------------------------
    def entries(
        self, *, issuer_id: str | None = None, year: int | None = None, status: str | None = None
    ) -> list[Entry]:
        """Register lines, by issuer, year, sequence and number."""
        query = sa.select(entries)
        if issuer_id is not None:
            query = query.where(entries.c.issuer_id == issuer_id)
        if year is not None:
            query = query.where(entries.c.year == year)
        if status is not None:
            query = query.where(entries.c.status == status)
        query = query.order_by(entries.c.issuer_id, entries.c.year, entries.c.sequence, entries.c.number)
        with store.read(self.engine) as conn:
            return _with_files(conn, conn.execute(query).all())

    def find(self, number_and_symbol: str, year: int | None = None, issuer_id: str | None = None) -> list[Entry]:
        """Entries whose số và ký hiệu is `15/QĐ-LĐLĐ` (a `Số:` prefix is ignored). Digits alone
        match a sổ vàng number spelled exactly so (`07`), else that number in any sequence."""
        with store.read(self.engine) as conn:
            return _with_files(conn, self._match(conn, number_and_symbol, year, issuer_id))

    def batch(self, batch_key: str) -> list[Entry]:
        """Every entry of a batch, voided ones included."""
        query = sa.select(entries).where(entries.c.batch_key == batch_key).order_by(entries.c.id)
        with store.read(self.engine) as conn:
            return _with_files(conn, conn.execute(query).all())

    # -- internals -----------------------------------------------------------------------------
    @staticmethod
    def _match(conn: Connection, text: str, year: int | None, issuer_id: str | None) -> list[Row]:
        text = rules.bare_number_symbol(text.strip())
        query = sa.select(entries)
        if year is not None:
            query = query.where(entries.c.year == year)
        if issuer_id is not None:
            query = query.where(entries.c.issuer_id == issuer_id)
        query = query.order_by(entries.c.year, entries.c.issuer_id, entries.c.sequence)
        exact = list(conn.execute(query.where(entries.c.number_symbol == text)).all())
        if exact or not text.isdigit():
            return exact
        # Digits only and no sổ vàng line spelled so: any sequence's number (`5` finds `05/QĐ-…`).
        return list(conn.execute(query.where(entries.c.number == int(text))).all())

    def _resolve(self, conn: Connection, issuer_id: str, year: int, text: str) -> Row:
        rows = self._match(conn, text, year, issuer_id)
        if not rows:
            raise UnknownNumber(f"no number {text!r} for issuer {issuer_id!r} in {year}")
        if len(rows) > 1:
            listed = "; ".join(r.number_symbol + f" ({r.sequence})" for r in rows)
            raise AmbiguousNumber(f"{text!r} matches several entries: {listed}; give the full number and symbol")
        return rows[0]

    @staticmethod
    def _lock_batch(conn: Connection, issuer_id: str, batch_key: str) -> None:
        """Create the batch row or lock the existing one, in one statement (an upsert that
        touches the row locks it on PostgreSQL): concurrent runs of one batch queue here."""
        if not batch_key or len(batch_key) > 128:
            raise RegisterError(f"a batch key has 1 to 128 characters (see Register.batch_key), got {batch_key!r}")
        stmt = _insert(conn, batches).values(key=batch_key, issuer_id=issuer_id, created_at=_now())
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"key": stmt.excluded.key})
        owner = conn.execute(stmt.returning(batches.c.issuer_id)).scalar_one()
        if owner != issuer_id:
            raise RegisterError(f"batch {batch_key[:12]} belongs to issuer {owner!r}, not {issuer_id!r}")

    @staticmethod
    def _lock_sequence(conn: Connection, issuer_id: str, year: int, name: str) -> int:
        """Create the counter at 0 (so the year's first number is 01) or lock the existing one,
        and return its value: `INSERT … ON CONFLICT … DO UPDATE … RETURNING` in one statement.

        On PostgreSQL the DO UPDATE branch row-locks the counter like `SELECT … FOR UPDATE`, and a
        transaction that waited for the lock gets the value committed by the one before (READ
        COMMITTED re-reads the row). On SQLite the transaction already holds the write lock."""
        stmt = _insert(conn, sequences).values(issuer_id=issuer_id, year=year, name=name, last_number=0)
        stmt = stmt.on_conflict_do_update(
            index_elements=["issuer_id", "year", "name"], set_={"last_number": sequences.c.last_number}
        )
        return conn.execute(stmt.returning(sequences.c.last_number)).scalar_one()

    def _take(self, conn: Connection, issuer_id: str, year: int, name: str, count: int) -> list[int]:
        """The next `count` free numbers of a locked sequence; moves the counter past them.

        Numbers above the counter may already be taken by hand (`claim`); they are skipped."""
        last = self._lock_sequence(conn, issuer_id, year, name)
        claimed = set(
            conn.execute(
                sa.select(entries.c.number).where(
                    entries.c.issuer_id == issuer_id,
                    entries.c.year == year,
                    entries.c.sequence == name,
                    entries.c.number > last,
                )
            ).scalars()
        )
        numbers: list[int] = []
        n = last
        while len(numbers) < count:
            n += 1
            if n not in claimed:
                numbers.append(n)
        while n + 1 in claimed:  # keep the invariant: every number up to the counter is taken
            n += 1
        conn.execute(
            sa.update(sequences)
            .where(sequences.c.issuer_id == issuer_id, sequences.c.year == year, sequences.c.name == name)
            .values(last_number=n)
        )
        return numbers

    @staticmethod
    def _row(
        issuer: IssuerProfile, batch_key: str, r: NumberRequest, seq: str, number: int, now: dt.datetime
    ) -> dict[str, Any]:
        return dict(
            issuer_id=issuer.id,
            year=r.year,
            sequence=seq,
            number=number,
            number_symbol=format_symbol(issuer, r, number),
            kind=r.kind,
            doc_type=r.doc_type,
            date=r.date,
            subject=r.subject,
            signer=r.signer,
            recipients=list(r.recipients),
            batch_key=batch_key,
            ref=r.ref,
            status="reserved",
            created_at=now,
        )

    @staticmethod
    def _live_by_ref(conn: Connection, batch_key: str) -> dict[str, Row]:
        rows = conn.execute(
            sa.select(entries).where(entries.c.batch_key == batch_key, entries.c.status != "voided")
        ).all()
        return {r.ref: r for r in rows}


def _check_same(row: Row, issuer: IssuerProfile, r: NumberRequest, seq: str) -> None:
    """A batch key stands for one approved input; the same ref must describe the same document."""
    if (row.issuer_id, row.kind, row.doc_type, row.date, row.sequence) != (issuer.id, r.kind, r.doc_type, r.date, seq):
        raise RegisterError(
            f"batch {row.batch_key[:12]} already numbered ref {row.ref!r} as {row.number_symbol} "
            f"({row.kind} {row.doc_type} dated {rules.short_date(row.date)}); the request differs "
            f"({r.kind} {r.doc_type} dated {rules.short_date(r.date)}): a changed input needs a new batch key"
        )
