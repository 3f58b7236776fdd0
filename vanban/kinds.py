"""The registry of document kinds (loại văn bản): what an office can ask vanban to make.

A kind declares its input reader, its document builder(s), the numbers it asks of the register,
its output naming, its typed request and the Prefect flow that runs it. The CLI, the flows, the
deployments, the work pool and the web page read this registry instead of naming kinds
themselves, so adding a kind is a subpackage (reader, builder, numbers), a content template,
one entry here and its tests.

Two shapes of kind exist:
- *single-document* kinds (`pipeline="document"`): read → number → build one `Document` →
  render DOCX and PDF → publish. They all run through `flows.document.document_flow`; their
  callables follow the signatures of `SingleDocument` below.
- kinds with their own pipeline (the award session: a decision, a list and a certificate per
  awardee rendered in chunks) name their own flow; their callables are documented by the kind.

Entries hold the callables themselves; the flow is named by its module path (`module:attr`)
because the core package never imports Prefect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel

from vanban.document_model import Document
from vanban.errors import InputError
from vanban.i18n import tr
from vanban.register import Register
from vanban.register.batches import Numbers


class SingleDocument(Protocol):
    """The callables of a single-document kind, as `flows.document` calls them."""

    def read(self, source: Path, session: Path | None = None) -> Any: ...
    def numbers(self, register: Register, parsed: Any) -> Numbers: ...
    def build(self, parsed: Any, number: int | None) -> Document: ...
    def folder(self, root: Path, parsed: Any) -> Path: ...


@dataclass(frozen=True)
class Kind:
    """One kind of run an office can start."""

    id: str
    title: str  # Vietnamese, as a clerk sees it
    title_en: str
    suffixes: tuple[str, ...]  # input files it reads (lower case, with the dot)
    request: type[BaseModel]  # its typed request: the UI form, the CLI's and the web page's input
    read: Callable[..., Any]  # input reader: file(s) → typed input, or InputError with every problem
    numbers: Callable[..., Numbers]  # what it asks of the register
    build: Callable[..., Document]  # its main document builder
    folder: Callable[..., Path]  # output naming: the folder its files go to under the output root
    flow: str  # the Prefect flow that runs it, as `module:attribute`
    deployment: str  # the deployment's name (Prefect UI, run_deployment, the web page)
    pipeline: Literal["document", "own"] = "document"
    description: str = ""
    #: The module that drafts and issues it (`vanban.drafts.drafting.DraftingKind`).
    drafting: str = ""


def by_issuer_and_year(root: Path, parsed: Any) -> Path:
    """`<root>/<issuer id>/<year>`: where a single document's files go (front matter's issuer and date)."""
    return root / parsed.issuer.id / str(parsed.meta.date.year)


def _written() -> Kind:
    from vanban.requests import DocumentRequest
    from vanban.written.builder import build_written
    from vanban.written.numbers import written_numbers
    from vanban.written.reader import read_written

    def read(source: Path, session: Path | None = None):
        return read_written(source)

    return Kind(
        id="written",
        title="Văn bản soạn bằng Markdown (kế hoạch, thông báo, tờ trình, công văn …)",
        title_en="A document written in Markdown (plan, notice, submission, official letter …)",
        suffixes=(".md",),
        request=DocumentRequest,
        read=read,
        numbers=written_numbers,
        build=build_written,
        folder=by_issuer_and_year,
        flow="flows.document:document_flow",
        deployment="document",
        description="Tệp .md có phần khai báo YAML (docs/plan-input.md)",
        drafting="vanban.drafts.written_draft",
    )


def _award() -> Kind:
    from vanban.award.decision import build_decision
    from vanban.award.list_reader import read_award_list
    from vanban.award.numbers import award_numbers
    from vanban.award.package import package_parent
    from vanban.requests import AwardRequest

    return Kind(
        id="award",
        title="Khen thưởng: quyết định, danh sách, giấy khen",
        title_en="Award session: decision, list and certificates",
        suffixes=(".xlsx", ".xlsm", ".csv", ".yaml", ".yml", ".json"),
        request=AwardRequest,
        read=read_award_list,
        numbers=award_numbers,
        build=build_decision,
        folder=package_parent,
        flow="flows.award:award_flow",
        deployment="award",
        pipeline="own",
        description="Danh sách đã duyệt (Excel, CSV, YAML) và tệp thông tin phiên họp",
        drafting="vanban.drafts.award_draft",
    )


def _submission() -> Kind:
    from vanban.requests import DocumentRequest
    from vanban.submission import build_submission, read_file
    from vanban.written.numbers import written_numbers

    return Kind(
        id="submission",
        title="Tờ trình đề nghị khen thưởng (từ danh sách và tệp thông tin phiên họp)",
        title_en="Submission proposing an award (from the approved list and session file)",
        suffixes=(),  # reads an award list: chosen by name (`--kind submission`), never by the file's type
        request=DocumentRequest,
        read=read_file,
        numbers=written_numbers,
        build=build_submission,
        folder=by_issuer_and_year,
        flow="flows.document:document_flow",
        deployment="document",  # the document deployment runs it with `kind: submission`
        description="Danh sách đã duyệt và tệp thông tin phiên họp có mục submission (docs/drafts.md)",
        drafting="vanban.drafts.submission_draft",
    )


_FACTORIES: dict[str, Callable[[], Kind]] = {"written": _written, "award": _award, "submission": _submission}
_LOADED: dict[str, Kind] = {}


def ids() -> list[str]:
    """Every registered kind's id, in the order offices see them."""
    return list(_FACTORIES)


def get(kind_id: str) -> Kind:
    """The kind with this id; an unknown id is bad input, named in the error."""
    if kind_id not in _FACTORIES:
        raise InputError.single(
            tr("(yêu cầu)"),
            tr("không có loại '{kind}'", kind=kind_id),
            field="kind",
            expected=tr("một trong: {names}", names=", ".join(_FACTORIES)),
        )
    if kind_id not in _LOADED:
        _LOADED[kind_id] = _FACTORIES[kind_id]()
    return _LOADED[kind_id]


def all_kinds() -> list[Kind]:
    return [get(k) for k in _FACTORIES]


def for_file(path: Path) -> list[Kind]:
    """The kinds that read a file of this type (a web upload, an inbox drop)."""
    suffix = path.suffix.lower()
    return [k for k in all_kinds() if suffix in k.suffixes]


def load_flow(kind: Kind) -> Any:
    """The kind's flow object (for the flows package and the CLI; imports Prefect)."""
    import importlib

    module, _, attr = kind.flow.partition(":")
    return getattr(importlib.import_module(module), attr)
