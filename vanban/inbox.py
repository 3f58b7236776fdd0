"""The inbox (hộp thư đến): approved lists dropped in a folder are turned into award packages.

Layout, per issuer: `<inbox>/<issuer-id>/` receives a list (`.xlsx`, `.csv`, `.yaml`, `.json`)
with its session file beside it (`<list>.session.yaml`, or `session.yaml`, or a `Thông tin`
sheet). Each run:

1. finds lists that have settled (not modified for `settle_seconds`: a file still being copied
   is left for the next tick) and are not temporary files (`~$…`, `.…`, `*.part`, `*.tmp`);
2. keys each by the SHA-256 of its content (list + session): a key already in the ledger
   (`<issuer>/.vanban-ledger.jsonl`) is never processed again: dropped a second time, it is
   moved to `done/` (or `failed/`) with `da-xu-ly.txt` saying when it was processed and where
   its package is;
3. claims the files by renaming them into `processing/<key>/` (atomic: two runs can never take
   the same file);
4. after the award run moves them to `done/<key>/` with `package.txt` (where the package is),
   or to `failed/<key>/` with `error.txt` (the report a clerk reads), and appends to the ledger.

Plain Python, no Prefect: `flows/inbox.py` runs it on a schedule.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LIST_SUFFIXES = (".xlsx", ".csv", ".yaml", ".yml", ".json")
SESSION_NAMES = ("session.yaml", "session.yml")
LEDGER = ".vanban-ledger.jsonl"
STATE_DIRS = ("processing", "done", "failed")


@dataclass(frozen=True)
class Candidate:
    issuer_dir: Path
    list_path: Path
    session_path: Path | None
    key: str


@dataclass(frozen=True)
class Outcome:
    key: str
    list_name: str
    status: str  # "done" | "failed"
    detail: str  # package folder, or the first line of the error
    folder: Path  # where the input files now are


def _is_session(path: Path) -> bool:
    return path.name.lower() in SESSION_NAMES or path.name.lower().endswith((".session.yaml", ".session.yml"))


def _is_temporary(path: Path) -> bool:
    name = path.name
    return name.startswith(("~$", ".")) or name.endswith((".part", ".tmp", ".crdownload"))


def session_for(list_path: Path) -> Path | None:
    for candidate in (
        list_path.with_name(f"{list_path.stem}.session.yaml"),
        list_path.with_name(f"{list_path.stem}.session.yml"),
        *(list_path.with_name(n) for n in SESSION_NAMES),
    ):
        if candidate.is_file():
            return candidate
    return None


def content_key(list_path: Path, session_path: Path | None) -> str:
    h = hashlib.sha256()
    for path in (list_path, session_path):
        if path is not None:
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def ledger_records(issuer_dir: Path) -> dict[str, dict]:
    """The ledger's last record of every content key (what became of that list)."""
    ledger = issuer_dir / LEDGER
    if not ledger.exists():
        return {}
    records: dict[str, dict] = {}
    for line in ledger.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
            records[record["key"]] = record
        except (ValueError, KeyError, TypeError):
            continue
    return records


def ledger_keys(issuer_dir: Path) -> set[str]:
    return set(ledger_records(issuer_dir))


#: The note left beside a list dropped again after it was processed (đã xử lý).
REPEAT_NOTE = "da-xu-ly.txt"


def _put_away_repeat(candidate: Candidate, record: dict) -> Path | None:
    """A list whose content was already processed is not run again, and must not lie in the
    inbox forever: it goes to `done/` (or `failed/`) with a note saying when it was processed
    and where its package is (or why it failed)."""
    from vanban.i18n import tr

    claimed = claim(candidate)
    if claimed is None:
        return None
    status = "done" if record.get("status") == "done" else "failed"
    if status == "done":
        note = tr(
            "Danh sách này đã xử lý lúc {at} (tệp {first}); bộ văn bản: {package}",
            at=record.get("at", "?"),
            first=record.get("list", "?"),
            package=record.get("package", "?"),
        )
    else:
        note = tr(
            "Danh sách này đã xử lý lúc {at} (tệp {first}) và bị từ chối: {detail}. Sửa danh sách rồi thả lại.",
            at=record.get("at", "?"),
            first=record.get("list", "?"),
            detail=record.get("detail", "?"),
        )
    return _finish(claimed, status, REPEAT_NOTE, note + "\n")


def _append_ledger(issuer_dir: Path, record: dict) -> None:
    with (issuer_dir / LEDGER).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def scan(root: Path, settle_seconds: float = 30.0, now: float | None = None) -> list[Candidate]:
    """Settled, unprocessed lists under every issuer folder of `root`, oldest first."""
    now = time.time() if now is None else now
    found: list[tuple[float, Candidate]] = []
    if not root.is_dir():
        return []
    for issuer_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        done = ledger_records(issuer_dir)
        for path in sorted(issuer_dir.iterdir()):
            if not path.is_file() or _is_temporary(path) or _is_session(path):
                continue
            if path.suffix.lower() not in LIST_SUFFIXES:
                continue
            session = session_for(path)
            newest = max(p.stat().st_mtime for p in (path, session) if p is not None)
            if now - newest < settle_seconds:
                continue  # still being copied, or just dropped: next tick
            key = content_key(path, session)
            if key in done:
                _put_away_repeat(Candidate(issuer_dir, path, session, key), done[key])
                continue
            found.append((newest, Candidate(issuer_dir, path, session, key)))
    return [c for _, c in sorted(found, key=lambda x: x[0])]


def claim(candidate: Candidate) -> Candidate | None:
    """Move the files into `processing/<key>/`; None if another run took them first."""
    target = candidate.issuer_dir / "processing" / candidate.key[:16]
    target.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(candidate.list_path, target / candidate.list_path.name)
    except FileNotFoundError:
        return None
    session = None
    if candidate.session_path is not None:
        session = target / candidate.session_path.name
        if candidate.session_path.name.lower() in SESSION_NAMES:
            # A shared session.yaml may serve other lists still waiting: copy it, keep the original.
            session.write_bytes(candidate.session_path.read_bytes())
        else:
            os.rename(candidate.session_path, session)
    return Candidate(candidate.issuer_dir, target / candidate.list_path.name, session, candidate.key)


def _finish(claimed: Candidate, status: str, note_name: str, note: str) -> Path:
    source = claimed.list_path.parent
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = claimed.issuer_dir / status / f"{stamp}-{claimed.list_path.stem}-{claimed.key[:8]}"
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(source, target)
    (target / note_name).write_text(note, encoding="utf-8")
    return target


def _report(exc: Exception, dropped: Candidate, claimed: Candidate) -> str:
    """error.txt: every problem, naming the files as the clerk dropped them (the `processing/`
    copy no longer exists when the clerk reads it); an unexpected failure names its traceback file."""
    if hasattr(exc, "problems"):
        text = f"{exc}\n"
    else:
        from vanban import failure

        text = failure.unexpected_message(exc, failure.write_traceback(exc)) + "\n"
    pairs = [(claimed.list_path, dropped.list_path), (claimed.session_path, dropped.session_path)]
    for moved, original in pairs:
        if moved is not None and original is not None:
            text = text.replace(str(moved), str(original))
    return text


def process(candidate: Candidate, run: Callable[[Path, Path | None], str]) -> Outcome | None:
    """Claim, run (`run(list, session) -> package folder`), file away, record in the ledger."""
    claimed = claim(candidate)
    if claimed is None:
        return None
    record = {
        "key": candidate.key,
        "list": candidate.list_path.name,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    try:
        package = run(claimed.list_path, claimed.session_path)
    except Exception as exc:
        report = _report(exc, candidate, claimed)
        folder = _finish(claimed, "failed", "error.txt", report)
        _append_ledger(
            candidate.issuer_dir,
            {**record, "status": "failed", "detail": report.splitlines()[0], "folder": str(folder)},
        )
        return Outcome(candidate.key, candidate.list_path.name, "failed", report.strip(), folder)
    folder = _finish(claimed, "done", "package.txt", f"{package}\n")
    _append_ledger(candidate.issuer_dir, {**record, "status": "done", "package": package, "folder": str(folder)})
    return Outcome(candidate.key, candidate.list_path.name, "done", package, folder)
