"""Alembic migrations of the register, configured in code (no alembic.ini).

`vanban.register.store.ensure_schema` runs them on first use. To write a new revision during
development:

    .venv/bin/python -c "from vanban.register.migrations import config; \\
        from alembic import command; command.revision(config(), 'what changed')"

then edit the generated file in `versions/` (autogenerate needs a connection; see env.py).
"""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

LOCATION = Path(__file__).resolve().parent


def config() -> Config:
    """An Alembic config pointing at this folder; callers add `attributes["connection"]`."""
    cfg = Config()
    cfg.set_main_option("script_location", str(LOCATION))
    return cfg


def head() -> str:
    """The newest revision id shipped with this package."""
    heads = ScriptDirectory.from_config(config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"register migrations must have one head, found {heads}")
    return heads[0]
