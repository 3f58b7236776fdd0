"""Accounts of the web page: who may draft, who may issue, for which issuers.

Three roles, as an office divides the work:
* `drafter` (soạn thảo) uploads lists and documents and makes drafts;
* `clerk` (văn thư) also issues drafts (takes numbers from the register), voids numbers, exports
  the register;
* `admin` (quản trị) also manages accounts.

Each account acts for a set of issuers (`*`: all); a draft or register line of another issuer
does not exist for it (404). Passwords are stored as argon2id hashes (argon2-cffi's defaults),
never in clear; a hash made with older parameters is replaced at the next sign-in.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from pydantic import BaseModel, ConfigDict

from vanban.register import Register, store
from vanban.register.tables import web_users

Role = Literal["drafter", "clerk", "admin"]
ROLES: tuple[Role, ...] = ("drafter", "clerk", "admin")
ALL_ISSUERS = "*"
_hasher = PasswordHasher()
#: Verified against when the user is unknown, so a wrong name costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash("vanban-no-such-user")


class AccountError(ValueError):
    """An account cannot be created or changed as asked."""


class User(BaseModel):
    """A signed-in person, as the page sees them (no hash)."""

    model_config = ConfigDict(frozen=True)

    username: str
    full_name: str
    role: Role
    issuers: tuple[str, ...]
    active: bool = True

    def may_issue(self) -> bool:
        return self.role in ("clerk", "admin")

    def is_admin(self) -> bool:
        return self.role == "admin"

    def acts_for(self, issuer_id: str) -> bool:
        return ALL_ISSUERS in self.issuers or issuer_id in self.issuers


def _user(row) -> User:
    return User(
        username=row.username,
        full_name=row.full_name,
        role=row.role,
        issuers=tuple(row.issuers or ()),
        active=bool(row.active),
    )


def add_user(
    username: str,
    password: str,
    *,
    full_name: str,
    role: Role,
    issuers: list[str],
    register: Register | None = None,
) -> User:
    """Create an account; an existing name is refused (change it with `set_password`)."""
    username = username.strip()
    if not username or len(username) > 64 or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise AccountError("username: letters, digits, '.', '_' or '-', at most 64")
    if role not in ROLES:
        raise AccountError(f"role: one of {', '.join(ROLES)}")
    if len(password) < 10:
        raise AccountError("password: at least 10 characters")
    if not issuers:
        raise AccountError("issuers: at least one issuer id, or '*' for all")
    register = register or Register()
    with store.write(register.engine) as conn:
        if conn.execute(sa.select(web_users.c.username).where(web_users.c.username == username)).first():
            raise AccountError(f"username {username!r} exists")
        conn.execute(
            sa.insert(web_users).values(
                username=username,
                full_name=full_name.strip() or username,
                password_hash=_hasher.hash(password),
                role=role,
                issuers=sorted(set(issuers)),
                active=True,
                created_at=dt.datetime.now(dt.UTC),
            )
        )
    return User(
        username=username, full_name=full_name.strip() or username, role=role, issuers=tuple(sorted(set(issuers)))
    )


def set_password(username: str, password: str, *, register: Register | None = None) -> None:
    if len(password) < 10:
        raise AccountError("password: at least 10 characters")
    register = register or Register()
    with store.write(register.engine) as conn:
        done = conn.execute(
            sa.update(web_users).where(web_users.c.username == username).values(password_hash=_hasher.hash(password))
        )
        if done.rowcount != 1:
            raise AccountError(f"no account {username!r}")


def list_users(*, register: Register | None = None) -> list[User]:
    register = register or Register()
    with store.read(register.engine) as conn:
        return [_user(r) for r in conn.execute(sa.select(web_users).order_by(web_users.c.username)).all()]


def get_user(username: str, *, register: Register | None = None) -> User | None:
    register = register or Register()
    with store.read(register.engine) as conn:
        row = conn.execute(sa.select(web_users).where(web_users.c.username == username)).first()
    return _user(row) if row is not None and row.active else None


def authenticate(username: str, password: str, *, register: Register | None = None) -> User | None:
    """The account when the password is right, else None (unknown and wrong take the same time)."""
    register = register or Register()
    with store.read(register.engine) as conn:
        row = conn.execute(sa.select(web_users).where(web_users.c.username == username.strip())).first()
    stored = row.password_hash if row is not None else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or not row.active:
        return None
    if _hasher.check_needs_rehash(stored):
        set_password(row.username, password, register=register)
    return _user(row)
