"""The end of a run, in the clerk's words: what was issued, how much, on which law, what to check.

Read from the package's manifest, so the command line, the Prefect artifact, the inbox and the
web page all say the same thing about a package, whoever made it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from vanban import rules
from vanban.i18n import tr
from vanban.vietnamese.money import format_money


def _day(value: object) -> str:
    """A manifest's ISO date (2026-01-09) as a clerk writes it (09/01/2026); anything else as is."""
    text = str(value)
    try:
        return rules.short_date(dt.date.fromisoformat(text))
    except ValueError:
        return text


RECIPIENT_WORDS = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}


def summary_lines(manifest: dict, folder: Path | None = None) -> list[str]:
    """Lines summing up a package: decision, counts, total, sổ vàng range, ZIP, law used, warnings."""
    d, counts, totals = manifest["decision"], manifest["counts"], manifest["totals"]
    lines = [
        tr(
            "Quyết định số {number} ngày {date}: {subject}",
            number=d["number_symbol"].strip() or "…",
            date=_day(d["date"]),
            subject=d["subject"],
        )
    ]
    lines.append(
        tr(
            "Tập thể: {collectives}, cá nhân: {individuals}, hộ gia đình: {households}; giấy khen đã in: "
            "{certificates}",
            **{k: counts.get(k, 0) for k in ("collectives", "individuals", "households", "certificates")},
        )
    )
    lines.append(tr("Tổng số tiền thưởng: {total} đồng", total=format_money(totals["all"])))
    books = (manifest.get("numbers") or {}).get("golden_book")
    if books:
        lines.append(tr("Số sổ vàng: {first} – {last}", first=books["first"], last=books["last"]))
    if folder is not None:
        zips = sorted(folder.glob("*.zip"))
        if zips:
            lines.append(tr("Gói tệp: {path}", path=zips[0]))
    law = manifest.get("law") or {}
    salary = law.get("base_salary")
    if salary:
        lines.append(
            tr(
                "Lương cơ sở: {amount} đồng (từ {start}, {basis})",
                amount=format_money(salary["amount"]),
                start=_day(salary["from"]),
                basis=salary.get("legal_basis") or "?",
            )
        )
    for c in law.get("coefficients", []):
        multiplier = f" × {c['multiplier'].replace('.', ',')}" if c.get("multiplier") else ""
        lines.append(
            tr(
                "{form}, {recipient}: hệ số {coefficient}{multiplier} → {amount} đồng ({basis})",
                form=c["form"],
                recipient=RECIPIENT_WORDS.get(c["recipient"], c["recipient"]),
                coefficient=c["coefficient"].replace(".", ","),
                multiplier=multiplier,
                amount=format_money(c["amount"]),
                basis=c.get("legal_basis") or "?",
            )
        )
    for basis in law.get("legal_bases", []):
        lines.append(tr("Căn cứ: {text}", text=basis["text"]))
    lines += [tr("Cảnh báo: {warning}", warning=w) for w in law.get("warnings", [])]
    return lines


def package_summary(folder: Path) -> list[str]:
    """`summary_lines` of the package published in `folder`."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return summary_lines(manifest, folder)
