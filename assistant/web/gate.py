"""The login gate: an ASGI middleware in front of the whole web app. Before login it serves
only its own login form (GET/POST /login); every other path — gradio's page, /config,
/gradio_api/*, files, static assets, queue and upload routes — answers 401 (or, for a browser
page, a redirect to /login). Why not gradio's own auth: its login page embeds the app's full
API description, and its auth callable gets no client address to throttle by.

Sessions are random tokens kept in memory (a tampered or forged cookie names no session);
they end after `ttl` seconds, at /logout, or when the app stops."""
from __future__ import annotations

import html
import json
import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool

from assistant.web.auth import Authenticator

COOKIE = "ipms_session"
LOGIN_PATHS = ("/login", "/login/")
LOGOUT_PATHS = ("/logout", "/logout/")
MAX_LOGIN_BODY = 8192  # bytes: a login form is tiny; nothing bigger is read before login

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ipms — login</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}}
label,input,button{{display:block;width:100%;margin:.4rem 0;font-size:1rem}}
input{{padding:.4rem;box-sizing:border-box}}button{{padding:.5rem}}.m{{color:#b00}}</style>
</head><body><h1>ipms</h1><p>企业知识产权管理规范 贯标助手 — please log in.</p>
<p class="m" id="message">{message}</p>
<form method="post" action="/login">
<label for="username">User name</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="login">Log in</button></form></body></html>"""

PAGE_HEADERS = [(b"cache-control", b"no-store"), (b"x-frame-options", b"DENY"),
                (b"content-security-policy",
                 b"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                 b"frame-ancestors 'none'")]


class Sessions:
    """Logged-in sessions: token -> (user, expiry). Thread-safe."""

    def __init__(self, ttl: float = 12 * 3600, clock: Callable[[], float] = time.monotonic):
        self.ttl, self.clock = ttl, clock
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def open(self, user: str) -> str:
        """A new session token for `user`."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            for old in [t for t, (_, end) in self._tokens.items() if end <= now]:
                del self._tokens[old]
            self._tokens[token] = (user, now + self.ttl)
        return token

    def user(self, token: str | None) -> str | None:
        """The user of a live session, or None."""
        if not token:
            return None
        with self._lock:
            entry = self._tokens.get(token)
        if entry is None or entry[1] <= self.clock():
            return None
        return entry[0]

    def close(self, token: str | None) -> None:
        with self._lock:
            self._tokens.pop(token or "", None)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _cookie(scope: Scope) -> str | None:
    for part in _header(scope, b"cookie").split(";"):
        key, _, value = part.strip().partition("=")
        if key == COOKIE:
            return value
    return None


def _wants_html(scope: Scope) -> bool:
    return "text/html" in _header(scope, b"accept")


async def _respond(send: Send, status: int, body: bytes, content_type: bytes,
                   headers: list[tuple[bytes, bytes]] | None = None) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type),
                            (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


async def _json(send: Send, status: int, payload: dict, headers=None) -> None:
    await _respond(send, status, json.dumps(payload).encode(), b"application/json", headers)


async def _page(send: Send, status: int, message: str = "", headers=None) -> None:
    body = PAGE.format(message=html.escape(message)).encode("utf-8")
    await _respond(send, status, body, b"text/html; charset=utf-8",
                   PAGE_HEADERS + list(headers or []))


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The request body, or None when it is longer than `limit` bytes."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


USER_HEADER = b"x-ipms-user"


class LoginGate:
    """ASGI middleware: `app` is reached only with a live session cookie."""

    def __init__(self, app, authenticator: Authenticator, sessions: Sessions | None = None):
        self.app, self.authenticator = app, authenticator
        self.sessions = sessions or Sessions()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)  # lifespan
            return
        path = scope.get("path", "")
        if kind == "http" and path in LOGIN_PATHS:
            await self._login(scope, receive, send)
            return
        if kind == "http" and path in LOGOUT_PATHS:
            self.sessions.close(_cookie(scope))
            await _respond(send, 303, b"", b"text/plain",
                           [(b"location", b"/login"), self._cookie_header("", 0)])
            return
        user = self.sessions.user(_cookie(scope))
        if user is not None:
            # the app learns who is logged in from USER_HEADER (set here, never the client's)
            headers = [(k, v) for k, v in scope.get("headers", []) if k != USER_HEADER]
            scope = {**scope, "headers": [*headers, (USER_HEADER, user.encode("utf-8"))]}
            await self.app(scope, receive, send)
            return
        if kind == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        elif scope.get("method") in ("GET", "HEAD") and _wants_html(scope):
            await _respond(send, 303, b"", b"text/plain", [(b"location", b"/login")])
        else:
            await _json(send, 401, {"detail": "login required"})

    def _cookie_header(self, token: str, max_age: int) -> tuple[bytes, bytes]:
        return (b"set-cookie", f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; "
                               f"Max-Age={max_age}".encode())

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        browser = _wants_html(scope)
        method = scope.get("method")
        if method in ("GET", "HEAD"):
            await _page(send, 200)
            return
        if method != "POST":
            await _json(send, 405, {"detail": "method not allowed"}, [(b"allow", b"GET, POST")])
            return
        body = await _read_body(receive, MAX_LOGIN_BODY)
        if body is None:
            await _json(send, 413, {"detail": "login form too large"})
            return
        form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        name = (form.get("username") or [""])[0].strip()
        password = (form.get("password") or [""])[0]
        address = (scope.get("client") or ("unknown", 0))[0]
        result = await run_in_threadpool(self.authenticator.attempt, name, password, address)
        if result.user is not None:
            cookie = self._cookie_header(self.sessions.open(result.user),
                                         int(self.sessions.ttl))
            if browser:
                await _respond(send, 303, b"", b"text/plain", [(b"location", b"/"), cookie])
            else:
                await _json(send, 200, {"success": True}, [cookie])
            return
        if result.retry_after > 0:
            seconds = max(1, round(result.retry_after))
            message = f"too many failed attempts: try again in {seconds} s"
            headers = [(b"retry-after", str(seconds).encode())]
            if browser:
                await _page(send, 429, message, headers)
            else:
                await _json(send, 429, {"detail": message}, headers)
            return
        message = "wrong user name or password"
        if browser:
            await _page(send, 401, message)
        else:
            await _json(send, 401, {"detail": message})
