"""The draft → issue lifecycle (dự thảo → ban hành), the same for every kind of the registry.

1. `draft(kind, request)` reads and checks the input, renders the draft (number and day blank,
   year filled, DỰ THẢO on page 1) into `<output root>/du-thao/<id>/` and records it in the
   register: who, when, the input files' SHA-256. Nothing is taken from the register. The id is
   a hash of the kind, the issuer, what the input says (without number and date) and the
   rendering options, so drafting the same input again gives the same draft.
2. `issue(id, date=…, number=…)` checks the input still says what was drafted (else refuses,
   naming the changed files), then runs the kind's one-step job with the signing date and, when
   the văn thư gave one, the number: the register gives the numbers then, never before. Issuing
   an issued draft returns its package again.
3. `abandon(id, reason)` sets a draft aside; it never held a number.

No Prefect here: `issue` runs the kind's flow through `runner` (by default the flow in this
process, which the CLI uses; the Prefect deployment issues from inside its own run).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from vanban import kinds, preflight, rules, settings
from vanban.drafts.drafting import DraftingKind
from vanban.drafts.model import Draft, DraftError, IssuedPackage
from vanban.drafts.text import comparable_lines, first_difference
from vanban.errors import InputError, Problem
from vanban.i18n import tr
from vanban.office.using import office_folder
from vanban.publishing import sha256_file
from vanban.register import Register, vn_today
from vanban.register import drafts as book
from vanban.register.service import RegisterError

#: Request fields that say how to issue (and who asked), not what: left out of the draft's identity.
ISSUE_FIELDS = {"issue", "date", "number", "draft_id", "drafted_by", "approved_by", "output_dir", "chunk_size"}
#: Request fields a draft's record does not keep: its issuing sets them anew.
NOT_KEPT = {"issue", "date", "number", "draft_id", "drafted_by", "approved_by"}
DRAFTS_FOLDER = "du-thao"

Runner = Callable[[kinds.Kind, BaseModel], Any]


def drafting(kind: kinds.Kind) -> DraftingKind:
    """The kind's drafting module (`Kind.drafting`)."""
    return importlib.import_module(kind.drafting)  # type: ignore[return-value,unused-ignore]


def _request(kind: kinds.Kind, request: BaseModel | dict) -> BaseModel:
    data = request.model_dump() if isinstance(request, BaseModel) else dict(request)
    return kind.request.model_validate(data)


def _user(name: str | None) -> str:
    if name and name.strip():
        return name.strip()
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account without one)
        return "vanban"


def _content_hash(module: DraftingKind, parsed: Any) -> str:
    return hashlib.sha256(module.content(parsed)).hexdigest()


def draft_id(kind: str, issuer_id: str, content_hash: str, options: dict) -> str:
    """Ten hex digits over what the draft is; the same input and options give the same id."""
    h = hashlib.sha256(json.dumps([kind, issuer_id, content_hash, options], sort_keys=True, default=str).encode())
    return h.hexdigest()[:10]


@dataclass(frozen=True)
class Checked:
    """An input that `draft` would accept: the id its draft will have, for whom, about what."""

    id: str
    kind: str
    issuer_id: str
    subject: str


def check(kind: str, request: BaseModel | dict) -> Checked:
    """Read and check `request` as `draft` does before it renders, and say which draft it makes;
    nothing is rendered or written. Bad input raises the same `InputError` as `draft`.

    The web page calls it before it starts a drafting run elsewhere (a Prefect deployment run):
    problems are shown at once as a table, and the draft is found by its id afterwards."""
    chosen = kinds.get(kind)
    req = _request(chosen, request)
    with office_folder(getattr(req, "office", None)):
        module = drafting(chosen)
        parsed = module.read(req)
        module.check(parsed, req)
        return Checked(
            id=_ident(chosen, module, parsed, req),
            kind=chosen.id,
            issuer_id=module.issuer_id(parsed),
            subject=module.subject(parsed),
        )


def draft(
    kind: str,
    request: BaseModel | dict,
    *,
    by: str | None = None,
    register: Register | None = None,
) -> Draft:
    """Render a draft of `request` (the kind's typed request) and record it; no number is taken.

    Bad input raises `InputError` listing every problem, before anything is written. The
    request's `office` folder, if any, is used for reading and rendering it. `by` (else the
    request's `drafted_by`, else the login name) is recorded as who drafted it."""
    chosen = kinds.get(kind)
    req = _request(chosen, request)
    with office_folder(getattr(req, "office", None)):
        return _draft(chosen, req, by or getattr(req, "drafted_by", None), register)


def _ident(chosen: kinds.Kind, module: DraftingKind, parsed: Any, req: BaseModel) -> str:
    """The draft's id: the kind, the issuer, what the input says and the rendering options."""
    options = {
        k: v for k, v in req.model_dump(mode="json").items() if k not in ISSUE_FIELDS and not k.endswith("_path")
    }
    options.pop("source", None)
    if options.get("office") is None:  # drafts made before requests named an office keep their id
        options.pop("office", None)
    if options.get("chunk_size", 0) is None:  # …and before the chunk size was chosen by the flow (50)
        options["chunk_size"] = 50
    return draft_id(chosen.id, module.issuer_id(parsed), _content_hash(module, parsed), options)


def _draft(chosen: kinds.Kind, req: BaseModel, by: str | None, register: Register | None) -> Draft:
    module = drafting(chosen)
    parsed = module.read(req)
    content_hash = _content_hash(module, parsed)
    ident = _ident(chosen, module, parsed, req)
    register = register or Register()
    existing = book.get_draft(register, ident)
    if existing is not None and existing.status == "issued":
        return existing
    out = getattr(req, "output_dir", None)
    root = (Path(out) if out else settings.current().output_root).resolve()
    folder = root / DRAFTS_FOLDER / ident
    if existing is None or not any(folder.glob("*.pdf")):
        module.render_draft(parsed, req, folder)
    now = dt.datetime.now(dt.UTC)
    record = Draft(
        id=ident,
        kind=chosen.id,
        issuer_id=module.issuer_id(parsed),
        year=module.year(parsed),
        subject=module.subject(parsed),
        status="draft",
        content_hash=content_hash,
        inputs={
            name: {"path": str(path.resolve()), "sha256": sha256_file(path)}
            for name, path in module.input_files(req).items()
        },
        request=req.model_dump(mode="json", exclude=NOT_KEPT),
        folder=str(folder),
        created_by=_user(by),
        created_at=now,
        updated_at=now,
    )
    return book.save_draft(register, record)


def files_of(record: Draft) -> list[Path]:
    """The draft's files (decision, sample certificate or the document), by name."""
    folder = Path(record.folder)
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def get(draft_id: str, *, register: Register | None = None) -> Draft:
    """The draft with this id (or a unique prefix of 6+ characters); unknown → `DraftError`."""
    register = register or Register()
    try:
        record = book.get_draft(register, draft_id)
    except RegisterError as exc:
        raise DraftError([Problem(draft_id, str(exc))]) from None
    if record is None:
        raise DraftError(
            [Problem(draft_id, tr("không có dự thảo này trong sổ"), expected=tr("mã trong `vanban draft list`"))]
        )
    return record


def list_drafts(*, status: str | None = None, issuer_id: str | None = None, register: Register | None = None):
    """Drafts, newest first (`status`: draft, issued, abandoned)."""
    return book.list_drafts(register or Register(), status=status, issuer_id=issuer_id)  # type: ignore[arg-type]


def changed_inputs(record: Draft) -> list[str]:
    """The input files that are no longer what was drafted (missing, or other bytes)."""
    changed = []
    for name, seen in record.inputs.items():
        path = Path(seen["path"])
        if not path.is_file() or sha256_file(path) != seen["sha256"]:
            changed.append(f"{name}: {path}")
    return changed


def check_unchanged(record: Draft, date: dt.date | None = None, number: int | None = None) -> None:
    """Refuse to issue a draft whose input now says something else than what the leader read, or
    whose text would change on the signing `date` (the law in force that day differs). Read with
    the office folder the draft was made with."""
    chosen = kinds.get(record.kind)
    request = chosen.request.model_validate(record.request)
    with office_folder(getattr(request, "office", None)):
        _check_unchanged(chosen, request, record, date, number)


def _check_unchanged(
    chosen: kinds.Kind, request: BaseModel, record: Draft, date: dt.date | None, number: int | None
) -> None:
    module = drafting(chosen)
    parsed = module.read(request)
    if _content_hash(module, parsed) != record.content_hash:
        files = ", ".join(changed_inputs(record)) or ", ".join(v["path"] for v in record.inputs.values())
        raise DraftError(
            [
                Problem(
                    record.id,
                    tr(
                        "dữ liệu vào đã thay đổi sau khi soạn dự thảo ({files}); văn bản ban hành phải đúng "
                        "bản đã trình ký",
                        files=files,
                    ),
                    expected=tr("soạn lại dự thảo (`vanban award`/`vanban doc`) và trình ký lại"),
                )
            ]
        )
    if date is not None:
        check_same_text(module, parsed, request, record.id, date, number)


def check_same_text(
    module: DraftingKind, parsed: Any, request: BaseModel, ident: str, date: dt.date, number: int | None
) -> None:
    """The issued text must be the drafted text but for number, date and mark (`vanban.drafts.text`)."""
    drafted = module.undated(parsed)
    issued = module.dated(parsed, date, number or 1)
    before = comparable_lines(module.document(drafted, request), module.date_of(drafted))
    after = comparable_lines(module.document(issued, request), module.date_of(issued))
    differ = first_difference(before, after)
    if differ is not None:
        raise DraftError(
            [
                Problem(
                    ident,
                    tr(
                        "văn bản ban hành ngày {date} sẽ khác dự thảo đã trình ký: “{draft}” thành “{issued}” "
                        "(quy định áp dụng theo ngày ký khác với ngày trong dữ liệu vào)",
                        date=rules.short_date(date),
                        draft=differ[0],
                        issued=differ[1],
                    ),
                    expected=tr("ghi ngày ký vào dữ liệu vào, soạn lại dự thảo và trình ký lại"),
                )
            ]
        )


def issue(
    draft_id: str,
    *,
    date: dt.date | None = None,
    number: int | None = None,
    approved_by: str | None = None,
    register: Register | None = None,
    runner: Runner | None = None,
) -> IssuedPackage:
    """Issue a draft: numbers and date from the register, every final file. Idempotent.

    `date` is the signing date (default: today in Việt Nam); `number` a number the văn thư gave
    by hand (checked against the register). `runner(kind, request)` runs the kind's job; by
    default its flow in this process."""
    register = register or Register()
    record = get(draft_id, register=register)
    if record.status == "issued":
        return IssuedPackage.of(record)
    if record.status == "abandoned":
        raise DraftError(
            [
                Problem(
                    record.id,
                    tr("dự thảo này đã bị bỏ ({reason})", reason=record.reason or ""),
                    expected=tr("soạn lại dự thảo nếu vẫn cần ban hành"),
                )
            ]
        )
    signing = date or vn_today()
    # A hand-given number, from any door (CLI, web page, Prefect's approval form), is bounded
    # before the register sees it: 10^20 would overflow its integer column after numbers are taken.
    bad_number = preflight.number_problems(number, record.id, field=tr("số"))
    if bad_number:
        raise DraftError(bad_number)
    check_unchanged(record, signing, number)
    chosen = kinds.get(record.kind)
    request = chosen.request.model_validate(
        {
            **record.request,
            "issue": "now",
            "date": signing.isoformat(),
            "number": number,
            "draft_id": record.id,
            "approved_by": _user(approved_by),
        }
    )
    (runner or _run_flow)(chosen, request)
    done = get(record.id, register=register)
    if done.status != "issued":
        raise RuntimeError(f"the {chosen.id} job finished but draft {record.id} was not recorded as issued")
    return signed(IssuedPackage.of(done), register)


def signed(package: IssuedPackage, register: Register) -> IssuedPackage:
    """Sign the issued package when the office configured keys for its issuer (`ky-so.yaml`,
    Decree 30 Appendix I: the leader's signature, then the organisation's seal). The numbers are
    taken by now, so a key that cannot be used (a missing PIN, an expired certificate) leaves
    the package issued and unsigned, with the reason, for `vanban sign` to finish."""
    folder = Path(package.folder)
    if not (folder / "manifest.json").is_file():
        return package
    from vanban.sign.appearance import SignatureLayoutError
    from vanban.sign.package import sign_issued
    from vanban.sign.pades import SigningError

    try:
        records = sign_issued(folder, register=register)
    except (InputError, SigningError, SignatureLayoutError) as exc:
        return package.model_copy(update={"signing_problem": str(exc)})
    return package.model_copy(update={"signed_files": sorted({r["signed_file"] for r in records})})


def _run_flow(kind: kinds.Kind, request: BaseModel) -> Any:
    return kinds.load_flow(kind)(request=request)


def record_issue(
    request: BaseModel,
    *,
    number_symbol: str | None,
    batch_key: str | None,
    folder: Path,
    files: list[str],
    register: Register | None = None,
) -> Draft | None:
    """Called by a kind's job once its files are published: the draft it issued is now issued.
    A request without `draft_id` (one-step issuing) has no draft: nothing to record."""
    draft = getattr(request, "draft_id", None)
    if not draft:
        return None
    return book.mark_issued(
        register or Register(),
        draft,
        approved_by=_user(getattr(request, "approved_by", None)),
        issue_date=getattr(request, "date", None) or vn_today(),
        number_symbol=number_symbol,
        batch_key=batch_key,
        folder=str(folder),
        files=files,
    )


def abandon(draft_id: str, reason: str, *, register: Register | None = None) -> Draft:
    """Set a draft aside (not signed, rejected at approval) with the reason; it held no number."""
    register = register or Register()
    record = get(draft_id, register=register)
    if not reason.strip():
        raise DraftError([Problem(record.id, tr("cần ghi lý do bỏ dự thảo"), field="reason")])
    try:
        return book.abandon_draft(register, record.id, reason)
    except RegisterError as exc:
        raise DraftError([Problem(record.id, str(exc))]) from None
