"""Optional login: usernames with PBKDF2 password hashes, from a file or IPMS_USERS.

A users file has one `name:pbkdf2_sha256$iterations$salt$hash` per line; `ipms user-hash NAME`
prints such a line."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
from pathlib import Path

from assistant.errors import IpmsError

ITERATIONS = 200_000


def hash_password(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return "pbkdf2_sha256${}${}${}".format(iterations, base64.b64encode(salt).decode(),
                                           base64.b64encode(digest).decode())


def verify(password: str, encoded: str) -> bool:
    try:
        scheme, iterations, salt, digest = encoded.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    expected = hash_password(password, base64.b64decode(salt), int(iterations)).split("$")[3]
    return hmac.compare_digest(expected, digest)


def load_users(path: Path | None = None, env: str | None = None) -> dict[str, str]:
    lines: list[str] = []
    if path is not None:
        if not path.is_file():
            raise IpmsError(f"users file not found: {path}")
        lines += path.read_text(encoding="utf-8").splitlines()
    if env:
        lines += env.replace(";", "\n").splitlines()
    users = {}
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, encoded = line.partition(":")
        if not sep or not encoded.startswith("pbkdf2_sha256$"):
            raise IpmsError(f"users entry {number}: expected name:pbkdf2_sha256$...")
        users[name.strip()] = encoded.strip()
    return users


def checker(users: dict[str, str]):
    """A gradio auth callable."""
    def check(username: str, password: str) -> bool:
        encoded = users.get(username)
        return encoded is not None and verify(password, encoded)
    return check
