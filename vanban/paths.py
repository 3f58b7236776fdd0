"""Where vanban finds its templates and writes its output.

`VANBAN_TEMPLATES` points at another template folder (an office's own restyled copies);
by default the repository's `doc_templates/` is used.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(os.environ.get("VANBAN_TEMPLATES", ROOT / "doc_templates")).resolve()
OUTPUTS = Path(os.environ.get("VANBAN_OUTPUTS", ROOT / "outputs"))
