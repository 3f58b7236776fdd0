"""Drafts (dự thảo) and their issuing (ban hành): the lifecycle of every kind of document.

In a Vietnamese office a document is drafted, checked, signed by the leader, and only then
issued by the văn thư, who gives it its number and date from the sổ đăng ký văn bản đi. This
package is that lifecycle, for every kind of the registry (`vanban.kinds`), with no Prefect:
the CLI, the Prefect flows and the web page all call it.

    from vanban import drafts
    drafts.check("award", {"list_path": "ds.xlsx"})                         # → Checked (its id), or InputError
    d = drafts.draft("award", {"list_path": "ds.xlsx"}, by="Nguyễn Thị B")   # → Draft (no number)
    drafts.files_of(d)                                                      # its files
    p = drafts.issue(d.id, date=date(2026, 12, 17), approved_by="Trần Văn C")  # → IssuedPackage
    drafts.list_drafts(status="draft"); drafts.get(d.id); drafts.abandon(d.id, "Không ký")
"""

from vanban.drafts.lifecycle import (
    Checked,
    abandon,
    changed_inputs,
    check,
    check_unchanged,
    draft,
    drafting,
    files_of,
    get,
    issue,
    list_drafts,
    record_issue,
)
from vanban.drafts.model import Draft, DraftError, IssuedPackage
from vanban.register import vn_today as today

__all__ = [
    "Checked",
    "Draft",
    "DraftError",
    "IssuedPackage",
    "abandon",
    "changed_inputs",
    "check",
    "check_unchanged",
    "draft",
    "drafting",
    "files_of",
    "get",
    "issue",
    "list_drafts",
    "record_issue",
    "today",
]
