"""The web app as the web attacks meet it: `ipms serve --users` in its own process on a free
127.0.0.1 port, with a built home from the lab, and raw HTTP requests (http.client, so paths go
out exactly as written: `../`, `%2e%2e`, `//`).

Each category starts the apps it needs once (`WebApp.shared`) and stops them in its last attack;
anything still running when the suite's process exits is stopped then."""
from __future__ import annotations

import atexit
import http.client
import json
import secrets
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from assistant.bench_web import free_port, start_server, stop_server
from assistant.web.auth import hash_password
from evals.reliability.lab import Lab

_RUNNING: dict[tuple[int, str], "WebApp"] = {}


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: str


class WebApp:
    """`ipms serve` with a users file of `users` (name -> password) and a private temp dir
    (`tmp`), so the app's downloads folder can be found (`downloads()`)."""

    def __init__(self, lab: Lab, users: dict[str, str], tmp: Path | None = None) -> None:
        self.lab, self.users = lab, dict(users)
        self.home = lab.built_home()
        self.folder = lab.folder("web")
        self.tmp = tmp or self.folder / "tmp"
        self.tmp.mkdir(exist_ok=True)
        self.users_file = self.folder / "users.txt"
        self.users_file.write_text("".join(f"{n}:{hash_password(p)}\n" for n, p in users.items()),
                                   encoding="utf-8")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.env = lab.env(self.home, {"TMPDIR": str(self.tmp), "HOME": str(self.folder)})
        self.process = start_server(self.env, self.port, users_file=self.users_file)

    @classmethod
    def shared(cls, lab: Lab, role: str, users: dict[str, str], tmp: Path | None = None
               ) -> "WebApp":
        """The app of this lab and role, started on first use (with temp dir `tmp`)."""
        key = (id(lab), role)
        if key not in _RUNNING or _RUNNING[key].process.poll() is not None:
            _RUNNING[key] = cls(lab, users, tmp)
        return _RUNNING[key]

    @classmethod
    def stop_shared(cls, lab: Lab, role: str, kill: bool = False) -> "WebApp | None":
        """Stop the shared app (SIGTERM, or SIGKILL when `kill`); the app, or None."""
        app = _RUNNING.pop((id(lab), role), None)
        if app is not None:
            if kill:
                app.process.kill()
                app.process.wait()
            else:
                app.stop()
        return app

    def stop(self) -> int:
        return stop_server(self.process)

    def downloads(self) -> list[Path]:
        """The app's downloads folders (one while it runs)."""
        return sorted(p for p in self.tmp.glob("ipms-web-*") if p.is_dir())

    # -- HTTP ----------------------------------------------------------------------------------
    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, cookie: str | None = None,
                timeout: float = 30) -> Reply:
        """One request with `path` sent exactly as given."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            sent = dict(headers or {})
            if cookie is not None:
                sent["Cookie"] = cookie
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()},
                         data.decode("utf-8", "replace"))
        finally:
            connection.close()

    def login(self, name: str, password: str, address_note: str = "") -> tuple[Reply, str | None]:
        """POST /login; (reply, the Cookie header value to send afterwards or None)."""
        form = urllib.parse.urlencode({"username": name, "password": password}).encode()
        reply = self.request("POST", "/login", form,
                             {"Content-Type": "application/x-www-form-urlencoded"})
        raw = reply.headers.get("set-cookie", "")
        cookie = raw.split(";", 1)[0] if reply.status == 200 and "=" in raw else None
        return reply, cookie

    def session(self, name: str | None = None) -> str:
        """A logged-in session cookie (of `name`, or the first user)."""
        name = name or next(iter(self.users))
        reply, cookie = self.login(name, self.users[name])
        if cookie is None:
            raise RuntimeError(f"login as {name} failed: HTTP {reply.status}")
        return cookie

    def call(self, api: str, data: list, cookie: str, timeout: float = 60) -> str:
        """A gradio API call (POST /gradio_api/call/API, then its result stream)."""
        reply = self.request("POST", f"/gradio_api/call/{api}", json.dumps({"data": data}).encode(),
                             {"Content-Type": "application/json"}, cookie, timeout)
        if reply.status != 200:
            raise RuntimeError(f"/gradio_api/call/{api}: HTTP {reply.status}")
        event = json.loads(reply.body)["event_id"]
        return self.request("GET", f"/gradio_api/call/{api}/{event}", cookie=cookie,
                            timeout=timeout).body

    def timed_login(self, name: str, password: str) -> float:
        start = time.perf_counter()
        self.login(name, password)
        return time.perf_counter() - start


def random_password() -> str:
    return secrets.token_urlsafe(12)


@atexit.register
def stop_all() -> None:
    """Stop every app still running in this process (at exit, or when a worker of the suite
    finishes a category: worker processes end without atexit)."""
    for app in list(_RUNNING.values()):
        try:
            app.stop()
        except Exception:
            pass
    _RUNNING.clear()
