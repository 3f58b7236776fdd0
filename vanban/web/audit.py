"""The audit log: who drafted, issued, voided, abandoned and downloaded what, and who signed in.

Rows are only ever added. The văn thư reads it on the history page; an inspector reads the table.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from pydantic import BaseModel

from vanban.register import Register, store
from vanban.register.tables import web_audit

ACTIONS = ("login", "login_failed", "upload", "draft", "issue", "abandon", "void", "download", "export", "user_add")


class AuditLine(BaseModel):
    at: dt.datetime
    username: str
    action: str
    target: str
    detail: str | None = None
    client: str | None = None


def record(
    username: str,
    action: str,
    target: str,
    detail: str | None = None,
    *,
    client: str | None = None,
    register: Register | None = None,
) -> None:
    assert action in ACTIONS, action
    register = register or Register()
    with store.write(register.engine) as conn:
        conn.execute(
            sa.insert(web_audit).values(
                at=dt.datetime.now(dt.UTC),
                username=username[:64],
                action=action,
                target=target,
                detail=detail,
                client=(client or "")[:64] or None,
            )
        )


def recent(limit: int = 200, *, register: Register | None = None) -> list[AuditLine]:
    register = register or Register()
    query = sa.select(web_audit).order_by(web_audit.c.id.desc()).limit(limit)
    with store.read(register.engine) as conn:
        return [
            AuditLine(
                at=r.at if r.at.tzinfo else r.at.replace(tzinfo=dt.UTC),
                username=r.username,
                action=r.action,
                target=r.target,
                detail=r.detail,
                client=r.client,
            )
            for r in conn.execute(query).all()
        ]
