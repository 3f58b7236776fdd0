"""Drafting and issuing an award session: the decision with its list, and one sample certificate.

The draft shows what the leader signs: the decision (with the list as its annex) with a blank
number and day, marked DỰ THẢO, and one certificate as it will print (the first awardee who gets
one), also without the decision's number and day and without a sổ vàng number. Every certificate
is rendered only at issue, with the numbers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vanban import rules
from vanban.award import preflight as award_preflight
from vanban.award.certificates import certified, fit_problems
from vanban.award.decision import build_decision, subject_of
from vanban.award.list_reader import read_award_list
from vanban.award.model import AwardList
from vanban.award.numbers import session_content
from vanban.award.package import header_only, render_certificate_chunk
from vanban.award.pricing import AwardBatch, price
from vanban.certificate_layouts import layout_for
from vanban.drafts.drafting import with_draft_mark
from vanban.errors import InputError
from vanban.file_names import document_stem
from vanban.publishing import publish_files
from vanban.register.batches import canonical
from vanban.requests import AwardRequest

DECISION_STEM = "du-thao-quyet-dinh"
CERTIFICATE_STEM = "du-thao-giay-khen-mau"


def read(request: AwardRequest) -> AwardList:
    """The list and session; a session with a `submission:` block cites its issued Tờ trình
    (`vanban.submission.cite`): number and date from the register, never retyped."""
    from vanban.submission import cite

    parsed = read_award_list(Path(request.list_path), Path(request.session_path) if request.session_path else None)
    return cite(parsed)


def priced(award_list: AwardList, request: AwardRequest) -> AwardBatch:
    """Price the list; text too long for a certificate is bad input, refused before anything."""
    layout = layout_for(request.mode, Path(request.calibration) if request.calibration else None)
    session_file = str(input_files(request).get("session", request.list_path))
    award_preflight.check_award_input(award_list, session_file)  # dates and amounts before pricing uses them
    batch = price(award_list, order=request.order)
    award_preflight.check_award(batch, layout, session_file)
    too_long = fit_problems(batch, layout)
    if too_long:
        raise InputError(too_long)
    return batch


def content(parsed: AwardList) -> bytes:
    session = session_content(parsed.session)
    session.pop("date", None)
    return canonical(
        {
            "session": session,
            "year": parsed.session.date.year,
            "awardees": [a.model_dump(exclude={"source", "seq"}) for a in parsed.awardees],
        }
    )


def input_files(request: AwardRequest) -> dict[str, Path]:
    """The list, and the session file: named, or found beside the list as the reader finds it."""
    list_path = Path(request.list_path)
    files = {"list": list_path}
    if request.session_path:
        files["session"] = Path(request.session_path)
    else:
        for candidate in (list_path.with_name(f"{list_path.stem}.session.yaml"), list_path.with_name("session.yaml")):
            if candidate.is_file():
                files["session"] = candidate
                break
    return files


def issuer_id(parsed: AwardList) -> str:
    return parsed.session.issuer


def subject(parsed: AwardList) -> str:
    return parsed.session.subject or parsed.session.achievement


def year(parsed: AwardList) -> int:
    return parsed.session.date.year


def dated(parsed: AwardList, date: dt.date | None, number: int | None) -> AwardList:
    update: dict = {}
    if date is not None:
        update["date"] = date
    if number is not None:
        update["number"] = number
    return parsed.model_copy(update={"session": parsed.session.model_copy(update=update)}) if update else parsed


def undated(parsed: AwardList) -> AwardList:
    """The draft's input: day and month blank, no number (not even a hand-given one)."""
    session = parsed.session.model_copy(update={"date": rules.UndatedDay.of(parsed.session.date), "number": None})
    return parsed.model_copy(update={"session": session})


def check(parsed: AwardList, request: AwardRequest) -> None:
    """What drafting checks before rendering: the list priced as drafted, every text fits."""
    draft_batch(parsed, request)


def render_draft(parsed: AwardList, request: AwardRequest, folder: Path) -> list[Path]:
    from vanban.render.docx import render_docx
    from vanban.render.pdf import render_pdf

    batch = priced(undated(parsed), request)
    document = with_draft_mark(build_decision(batch))
    stem = f"{DECISION_STEM}-" + document_stem("", subject_of(batch), max_len=60)
    written = publish_files(folder, {f"{stem}.docx": render_docx(document), f"{stem}.pdf": render_pdf(document)})
    chosen = certified(batch)
    if chosen:
        sample = folder / ".sample"
        calibration = str(Path(request.calibration).resolve()) if request.calibration else None
        result = render_certificate_chunk(
            header_only(batch), [batch.awardees[chosen[0]]], 1, sample, request.mode, calibration
        )
        renamed = {}
        for f in result.files:
            renamed[f"{CERTIFICATE_STEM}{Path(f.path).suffix}"] = (sample / f.path).read_bytes()
        written += publish_files(folder, renamed)
        import shutil

        shutil.rmtree(sample, ignore_errors=True)
    return written


def draft_batch(parsed: AwardList, request: AwardRequest) -> AwardBatch:
    """The priced draft (for previews: totals, the list table, the law used)."""
    return priced(undated(parsed), request)


def draft_summary(batch: AwardBatch) -> list[str]:
    """The draft in the clerk's words: counts, total, the law used (as a package's summary)."""
    from vanban.award.package import manifest_for
    from vanban.award.summary import summary_lines

    return summary_lines(manifest_for(batch, [], {}, {}, []))


def document(parsed: AwardList, request: AwardRequest):
    """The decision (with its list) built from `parsed` as it stands (drafted or dated)."""
    return build_decision(priced(parsed, request))


def date_of(parsed: AwardList) -> dt.date:
    return parsed.session.date
