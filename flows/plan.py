"""The `plan` flow: a Markdown plan (Kế hoạch) → DOCX and PDF under the output folder."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task

from flows.params import PlanRequest
from vanban.document import Document
from vanban.documents.plan import build_plan
from vanban.inputs.plan import read_plan
from vanban.naming import document_stem
from vanban.numbering import plan_numbers
from vanban.package import publish_files, sha256_file
from vanban.paths import OUTPUTS
from vanban.register import Register

@task(name="render")
def render(document: Document, formats: list[str]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    if "docx" in formats:
        from vanban.render.docx import render_docx

        out["docx"] = render_docx(document)
    if "pdf" in formats:
        from vanban.render.pdf import render_pdf

        out["pdf"] = render_pdf(document)
    return out


@task(name="publish", retries=2, retry_delay_seconds=1)
def publish(directory: Path, stem: str, rendered: dict[str, bytes]) -> list[Path]:
    return publish_files(directory, {f"{stem}.{ext}": data for ext, data in rendered.items()})


@flow(name="plan", validate_parameters=True)
def plan_flow(request: PlanRequest) -> list[str]:
    """Read the plan, give it its number, render and publish; return the paths written."""
    logger = get_run_logger()
    source, output_dir, formats = request.source, request.output_dir, request.formats
    plan = read_plan(Path(source))
    register = Register()
    numbers = plan_numbers(register, plan)
    document = build_plan(plan, numbers.document)
    stem = document_stem(document.frame.number_line, " ".join(document.frame.subject))
    directory = Path(output_dir) if output_dir else OUTPUTS / plan.issuer.id / str(plan.meta.date.year)
    paths = publish(directory, stem, render(document, formats))
    if numbers.batch_key:
        register.publish(numbers.batch_key, {"document": [(str(p), sha256_file(p)) for p in paths]})
    for p in paths:
        logger.info("wrote %s", p)
    return [str(p) for p in paths]


def run_plan(source: Path, output_dir: Path | None = None, formats: list[str] | None = None) -> list[str]:
    request = PlanRequest(source=str(source), output_dir=str(output_dir) if output_dir else None,
                          formats=formats or ["docx", "pdf"])
    return plan_flow(request=request)
