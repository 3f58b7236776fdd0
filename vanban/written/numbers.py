"""The number of a Markdown-written document from the register (sổ đăng ký văn bản đi)."""

from __future__ import annotations

from vanban.register import NumberRequest, Register
from vanban.register.batches import Numbers, canonical
from vanban.written.reader import WrittenInput


def batch_key_of(plan: WrittenInput) -> str:
    """The register batch of a written document: its issuer and what it says (date included, the
    number left out), so the same document asks for the same batch."""
    meta = plan.meta
    content = canonical({"meta": meta.model_dump(exclude={"number"}), "body": [b.model_dump() for b in plan.body]})
    return Register.batch_key(plan.issuer.id, "plan", content)


def written_numbers(register: Register, plan: WrittenInput) -> Numbers:
    """The document's number: given by hand (checked, recorded), blank, or the next one."""
    meta = plan.meta
    if meta.number == "blank":
        return Numbers(batch_key=None, document=None)
    key = batch_key_of(plan)
    request = NumberRequest(
        kind="document",
        doc_type=meta.type,
        date=meta.date,
        subject=" ".join(meta.subject_lines),
        signer=plan.signer.name,
        recipients=[r.line() for r in meta.recipients],
        ref="document",
        drafting_unit=meta.drafting_unit,
    )
    if isinstance(meta.number, int):
        entry = register.claim(
            issuer=plan.issuer,
            batch_key=key,
            request=request,
            number=meta.number,
            source=str(plan.source),
            field="number",
        )
    else:
        [entry] = register.reserve(issuer=plan.issuer, batch_key=key, requests=[request])
    return Numbers(batch_key=key, document=entry.number)
