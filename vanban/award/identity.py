"""Who an awardee is, for the two places that must agree: the duplicate check and the register.

The list reader refuses the same person listed twice; the register keys each sổ vàng number by
a reference to the person. They used different keys: the duplicate check kept diacritics, the
reference folded them away, so `Lê Thị Hà` and `Lê Thị Hạ` of one unit — two people, a
legitimate list — passed the check and then collided in the register (`refs must be unique`)
after numbers had been asked for. One key now serves both: NFC, case-folded, spaces collapsed,
diacritics kept (in Vietnamese a tone mark makes another name).
"""

from __future__ import annotations

import hashlib
import unicodedata


def _key_text(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def identity_key(kind: str, name: str, unit: str | None) -> tuple[str, str, str]:
    """Two rows with the same key are the same awardee (a duplicate)."""
    return (kind, _key_text(name), _key_text(unit))


def awardee_ref(kind: str, name: str, unit: str | None) -> str:
    """A stable reference for an awardee inside its batch: its sổ vàng number follows the person,
    whatever order the list is printed in. Distinct exactly when `identity_key` is."""
    ident = "|".join(identity_key(kind, name, unit))
    return "cert:" + hashlib.sha256(ident.encode("utf-8")).hexdigest()[:20]
