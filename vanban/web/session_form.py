"""The session filled in on the page instead of uploaded: the same file the clerk would write.

The form's fields are the session file's own keys (docs/award-input.md); what is left empty is
left out, so the reader fills it as it would from a file — the signer and the award form from the
issuer's profile, the Căn cứ lines from the law in force on the decision's date. The fields become
a YAML session file kept with the uploads (by content hash), and the session reader checks it:
a wrong field is reported in the problem table like a wrong line in a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from vanban.web.uploads import store_bytes

#: Single-line fields of the form, in the order of the session file.
TEXT_FIELDS = ("issuer", "number", "date", "subject", "proposer", "proposal", "achievement", "archive")
#: Fields written one item per line.
LIST_FIELDS = ("legal_bases", "recipients")
FILE_NAME = "phien-hop.yaml"


def filled(data: Any) -> bool:
    """Whether the clerk used the form (an issuer chosen and a date given)."""
    return bool(str(data.get("s_issuer") or "").strip() and str(data.get("s_date") or "").strip())


def session_file(data: Any, *, folder: Path) -> Path:
    """The form's fields as a session file under `folder`; empty fields are left out."""
    session: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = str(data.get(f"s_{name}") or "").strip()
        if value:
            session[name] = int(value) if name == "number" and value.isdigit() else value
    for name in LIST_FIELDS:
        lines = [line.strip() for line in str(data.get(f"s_{name}") or "").splitlines() if line.strip()]
        if lines:
            session[name] = lines
    text = "# Điền trên trang web (vanban web)\n" + yaml.safe_dump(session, allow_unicode=True, sort_keys=False)
    return store_bytes(text.encode("utf-8"), FILE_NAME, folder=folder)
