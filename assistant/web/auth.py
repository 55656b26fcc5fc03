"""Login: user names with PBKDF2-SHA256 password hashes, from a users file or IPMS_USERS, and an
authenticator that throttles failed attempts and answers unknown names as slowly as known ones.

A users file has one `name:pbkdf2_sha256$iterations$salt$hash` per line (salt and hash in base64);
blank lines and lines starting with `#` are ignored; `ipms user-hash NAME` prints such a line.
A users file (or IPMS_USERS) that names no valid user is an error, never an app without a login.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import IpmsError
from assistant.web.throttle import Throttle

ITERATIONS = 200_000          # what `ipms user-hash` writes
MIN_ITERATIONS = 100_000      # below this a stolen users file is cheap to crack: refused at start
MAX_ITERATIONS = 5_000_000    # above this every login ties up a core for seconds: refused at start
MIN_PASSWORD = 10             # characters
MAX_PASSWORD = 1024           # characters; longer ones are never accepted
MAX_NAME = 64                 # characters
SCHEME = "pbkdf2_sha256"


@dataclass(frozen=True)
class PasswordHash:
    """A parsed `pbkdf2_sha256$iterations$salt$hash` entry."""

    iterations: int
    salt: bytes
    digest: bytes

    def matches(self, password: str) -> bool:
        """True when `password` hashes to this digest (one PBKDF2 run, compared in constant time)."""
        attempt = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8", "surrogatepass"),
                                      self.salt, self.iterations)
        return hmac.compare_digest(attempt, self.digest)


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a user name (None when it can): empty, too long, or containing `:`,
    `;`, whitespace or a control character, or starting with `#`."""
    if not name:
        return "the user name is empty"
    if len(name) > MAX_NAME:
        return f"the user name is longer than {MAX_NAME} characters"
    if ":" in name or ";" in name:
        return "the user name contains ':' or ';'"
    if any(ch.isspace() for ch in name) or not name.isprintable():
        return "the user name contains whitespace or a control character"
    if name.startswith("#"):
        return "the user name starts with '#'"
    return None


def checked_name(name: str) -> str:
    """`name`, or IpmsError saying why it cannot be a user name."""
    problem = name_problem(name)
    if problem:
        raise IpmsError(problem)
    return name


def password_problem(password: str) -> str | None:
    """Why `password` cannot be used (None when it can): shorter than MIN_PASSWORD characters,
    longer than MAX_PASSWORD, or whitespace only."""
    if len(password) < MIN_PASSWORD:
        return f"the password must have at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"the password must have at most {MAX_PASSWORD} characters"
    if not password.strip():
        return "the password is only whitespace"
    return None


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """The encoded hash of `password`: `pbkdf2_sha256$iterations$salt$hash` (base64 parts)."""
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8", "surrogatepass"), salt,
                                 iterations)
    return "{}${}${}${}".format(SCHEME, iterations, base64.b64encode(salt).decode(),
                                base64.b64encode(digest).decode())


def users_line(name: str, password: str) -> str:
    """A users-file line for NAME; IpmsError when the name or the password is not acceptable."""
    problem = name_problem(name) or password_problem(password)
    if problem:
        raise IpmsError(problem)
    return f"{name}:{hash_password(password)}"


def parse_hash(encoded: str) -> PasswordHash:
    """Parse an encoded hash; IpmsError naming what is wrong (scheme, iterations, base64)."""
    parts = encoded.split("$")
    if len(parts) != 4 or parts[0] != SCHEME:
        raise IpmsError(f"expected {SCHEME}$iterations$salt$hash")
    try:
        iterations = int(parts[1])
    except ValueError:
        raise IpmsError(f"the iteration count {parts[1][:20]!r} is not a number") from None
    if iterations < MIN_ITERATIONS:
        raise IpmsError(f"{iterations} iterations is below the minimum of {MIN_ITERATIONS}: "
                        "make the line again with `ipms user-hash`")
    if iterations > MAX_ITERATIONS:
        raise IpmsError(f"{iterations} iterations is above the maximum of {MAX_ITERATIONS}")
    try:
        salt = base64.b64decode(parts[2], validate=True)
        digest = base64.b64decode(parts[3], validate=True)
    except (binascii.Error, ValueError):
        raise IpmsError("the salt or the hash is not base64") from None
    if len(salt) < 8 or len(digest) != 32:
        raise IpmsError("the salt is shorter than 8 bytes or the hash is not 32 bytes")
    return PasswordHash(iterations, salt, digest)


def load_users(path: Path | None = None, env: str | None = None) -> dict[str, PasswordHash]:
    """Users from a users file and/or the IPMS_USERS value (`;`-separated lines).

    {} when neither is given (no login). IpmsError (one line, naming the source and line) when a
    source is unreadable, a line is malformed, a name is repeated, a hash is too weak, or a
    source that is given names no user."""
    sources: list[tuple[str, list[str]]] = []
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise IpmsError(f"users file not found: {path}") from None
        except IsADirectoryError:
            raise IpmsError(f"users file is a folder: {path}") from None
        except UnicodeDecodeError:
            raise IpmsError(f"users file is not UTF-8 text: {path}") from None
        except OSError as exc:
            raise IpmsError(f"users file cannot be read: {path} ({exc.strerror})") from None
        sources.append((f"users file {path}", text.splitlines()))
    if env is not None:
        sources.append(("IPMS_USERS", env.replace(";", "\n").splitlines()))
    users: dict[str, PasswordHash] = {}
    for where, lines in sources:
        before = len(users)
        for number, line in enumerate(lines, start=1):
            line = line.strip().lstrip("\ufeff")
            if not line or line.startswith("#"):
                continue
            name, sep, encoded = line.partition(":")
            problem = name_problem(name) if sep else "expected name:pbkdf2_sha256$..."
            if problem is None and name in users:
                problem = f"the user {name!r} is listed twice"
            if problem is None:
                try:
                    users[name] = parse_hash(encoded.strip())
                except IpmsError as exc:
                    problem = str(exc)
            if problem:
                raise IpmsError(f"{where}, line {number}: {problem}")
        if len(users) == before:
            raise IpmsError(f"{where} names no user: add a line made with `ipms user-hash NAME`, "
                            "or start without --users and IPMS_USERS to serve without a login")
    return users


@dataclass(frozen=True)
class LoginResult:
    """The outcome of one login attempt: `user` when it succeeded; `retry_after` seconds (> 0)
    when it was refused unchecked because of earlier failures."""

    user: str | None
    retry_after: float = 0.0


class Authenticator:
    """Checks names and passwords, throttling failures per user name and per client address.

    Every attempt that is not throttled costs one PBKDF2 run, also for an unknown name (checked
    against a dummy hash as costly as the most costly real one), so the answer time does not tell
    which names exist. Attempts on one name are checked one at a time, so parallel guesses at a
    name meet its throttle exactly; across names an address can have at most the server's
    worker threads in flight before its failures count. Thread-safe; `clock` returns seconds
    (injectable for tests)."""

    STRIPES = 64

    def __init__(self, users: dict[str, PasswordHash], *,
                 per_user: Throttle | None = None, per_address: Throttle | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not users:
            raise IpmsError("a login needs at least one user")
        self.users = dict(users)
        self.per_user = per_user or Throttle(free=5)
        self.per_address = per_address or Throttle(free=30)
        self.clock = clock
        self._lock = threading.Lock()
        self._names = [threading.Lock() for _ in range(self.STRIPES)]  # bounded, by name hash
        iterations = max(h.iterations for h in self.users.values())
        self._dummy = PasswordHash(iterations, os.urandom(16), os.urandom(32))

    def attempt(self, name: str, password: str, address: str) -> LoginResult:
        """Check one login from `address`; never raises for bad input."""
        key = name[:MAX_NAME * 4]
        with self._names[hash(key) % self.STRIPES]:
            now = self.clock()
            with self._lock:
                wait = max(self.per_user.wait(key, now), self.per_address.wait(address, now))
                if wait > 0:  # refused unchecked; guessing on while locked makes it longer
                    self.per_user.failed(key, now)
                    self.per_address.failed(address, now)
            if wait > 0:
                return LoginResult(None, wait)
            known = self.users.get(name)
            usable = len(password) <= MAX_PASSWORD
            ok = (known or self._dummy).matches(password if usable else "") \
                and known is not None and usable
            with self._lock:
                if ok:
                    self.per_user.forget(key)
                else:
                    now = self.clock()
                    self.per_user.failed(key, now)
                    self.per_address.failed(address, now)
        return LoginResult(name if ok else None)
