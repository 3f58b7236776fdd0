"""CSRF tokens and the sign-in rate limit.

CSRF: each session holds a random token; every form carries it in a hidden field and every POST
is refused (403) unless the field equals the session's token (compared in constant time). The
session cookie is also `SameSite=Lax`, but the token is what guards a form posted from another
site by a browser that ignores SameSite.

Sign-in limit: failed attempts are counted per account name and per client address in a sliding
window; past the limit the page refuses to check any password for that name or address until the
window has moved on. Kept in memory, per process: it slows guessing, it is not a lock-out (one
office, one process, and a restart forgets it).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


class LoginLimiter:
    """At most `attempts` failures per key in `window_s` seconds."""

    def __init__(self, attempts: int, window_s: float, clock=time.monotonic) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self.clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        seen = self._failures[key]
        horizon = self.clock() - self.window_s
        while seen and seen[0] < horizon:
            seen.popleft()
        return seen

    def blocked(self, *keys: str) -> bool:
        with self._lock:
            return any(len(self._recent(k)) >= self.attempts for k in keys)

    def failed(self, *keys: str) -> None:
        with self._lock:
            now = self.clock()
            for k in keys:
                self._recent(k).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)
