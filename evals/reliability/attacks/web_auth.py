"""Web auth: the login must fail closed and hold. Users files that name nobody or hold weak or
broken hashes, and bad serve options, must stop `ipms serve` with one line before it listens;
with users configured, every route of the app must answer nothing but the login form before
login; guessing must be throttled per user and per address; unknown names must take as long as
known ones; forged cookies must open nothing; `ipms user-hash` must refuse bad names and short
passwords. The app runs as `ipms serve --users` on a free 127.0.0.1 port."""
from __future__ import annotations

import socket
import statistics
from pathlib import Path

from assistant.web.auth import hash_password
from evals.reliability.lab import Attack, Lab, Outcome
from evals.reliability.web_lab import Reply, WebApp, random_password

USERS = {name: random_password() for name in
         ("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi")}
THROTTLE_USERS = {name: random_password() for name in ("ivan", "judy", "mallory")}
# what must never appear before login: API description, component config, corpus content
LEAKS = ("named_endpoints", "api_name", "validate_intake", "quiz_start", "bj-ipm",
         "gradio_config", "\"components\"", "律师函", "文件管理", "dependencies")

GOOD = hash_password("a-good-password-1")
STATIC_REFUSALS: dict[str, str] = {
    "empty users file": "",
    "blank lines only": "\n \n\t\n",
    "comments only": "# the team\n# alice: to be added\n",
    "BOM and comment only": "\ufeff# nobody\n",
    "1 PBKDF2 iteration": f"alice:{hash_password('a-good-password-1', iterations=1)}\n",
    "99999 iterations": f"alice:{hash_password('a-good-password-1', iterations=99_999)}\n",
    "10^12 iterations": "alice:pbkdf2_sha256$1000000000000$c2FsdHNhbHRzYWx0$" + "A" * 43 + "=\n",
    "negative iterations": "alice:pbkdf2_sha256$-5$c2FsdHNhbHRzYWx0$" + "A" * 43 + "=\n",
    "non-numeric iterations": "alice:pbkdf2_sha256$many$c2FsdHNhbHRzYWx0$" + "A" * 43 + "=\n",
    "salt not base64": "alice:pbkdf2_sha256$200000$***$" + "A" * 43 + "=\n",
    "truncated hash": GOOD.rsplit("$", 1)[0].join(["alice:", "$AAAA\n"]),
    "empty hash": "alice:pbkdf2_sha256$200000$$\n",
    "md5 scheme": "alice:md5$5f4dcc3b5aa765d61d8327deb882cf99\n",
    "plain-text password": "alice:secret\n",
    "no colon": f"alice {GOOD}\n",
    "empty name": f":{GOOD}\n",
    "name with a space": f"al ice:{GOOD}\n",
    "name with a control character": f"al\x1bice:{GOOD}\n",
    "user listed twice": f"alice:{GOOD}\nalice:{GOOD}\n",
    "a good user then a broken line": f"alice:{GOOD}\nbob:pbkdf2_sha256$1$AA==$AA==\n",
}
ENV_REFUSALS = {"IPMS_USERS empty": "", "IPMS_USERS separators only": ";;;",
                "IPMS_USERS comment only": "# nobody", "IPMS_USERS 1 iteration":
                f"alice:{hash_password('a-good-password-1', iterations=1)}"}
BAD_FLAGS = {"port 99999": ["--port", "99999"], "port 0": ["--port", "0"],
             "port -1": ["--port", "-1"], "port 65536": ["--port", "65536"],
             "port not a number": ["--port", "http"], "concurrency 0": ["--concurrency", "0"],
             "concurrency -4": ["--concurrency", "-4"], "concurrency 100000": ["--concurrency", "100000"],
             "host with a space": ["--host", "local host"], "host empty": ["--host", ""],
             "host with a scheme": ["--host", "http://127.0.0.1"],
             "host that does not resolve": ["--host", "no-such-host.invalid"]}
BAD_NAMES = {"colon": "a:b", "semicolon": "a;b", "space": "al ice", "tab": "al\tice",
             "newline": "al\nice", "escape": "\x1b[31malice", "bell": "al\x07ice",
             "empty": "", "comment mark": "#alice", "65 characters": "a" * 65,
             "zero-width space": "ali\u200bce", "only spaces": "   "}
SHORT_PASSWORDS = {"1 character": "x", "9 characters": "123456789", "whitespace": " " * 12}
ROUTES = ["/", "/?view=api", "/config", "/config/", "/info", "/gradio_api/info",
          "/gradio_api/info?all_endpoints=true", "/openapi.json", "/gradio_api/openapi.json",
          "/docs", "/redoc", "/gradio_api/docs", "/file=/etc/passwd",
          "/gradio_api/file=/etc/passwd", "/gradio_api/file/etc/passwd", "/assets/index.js",
          "/static/img/logo.svg", "/theme.css", "/manifest.json", "/favicon.ico", "/robots.txt",
          "/gradio_api/queue/data?session_hash=x", "/gradio_api/heartbeat/x",
          "/gradio_api/startup-events", "/gradio_api/upload_progress?upload_id=x",
          "/gradio_api/call/ask/abc", "/gradio_api/runs", "/gradio_api/mcp/schema", "/user",
          "/token", "/app_id", "/login_check", "/monitoring", "/gradio_api/deep_link",
          "/svelte/x.js", "/pwa_icon", "/gradio_api/vibe-code", "/logout/../config",
          "//config", "/CONFIG", "/login/../config", "/login/%2e%2e/config", "/%2e/config",
          "/gradio_api/../config", "/login?next=/config", "/login;/config"]
POSTS = ["/gradio_api/call/ask", "/gradio_api/call/draft", "/gradio_api/run/ask",
         "/gradio_api/api/ask", "/gradio_api/queue/join", "/gradio_api/upload",
         "/gradio_api/reset", "/gradio_api/cancel", "/gradio_api/call/v2/ask",
         "/gradio_api/stream/x", "/gradio_api/process_recording", "/gradio_api/vibe-edit",
         "/run/predict", "/api/predict", "/login/../gradio_api/call/ask"]


def _app(lab: Lab) -> WebApp:
    return WebApp.shared(lab, "auth", USERS)


def _gated(reply: Reply) -> Outcome:
    leak = next((marker for marker in LEAKS if marker in reply.body), None)
    if leak:
        return Outcome(False, f"HTTP {reply.status}, the body shows {leak!r}")
    if reply.status == 200 and 'name="password"' in reply.body and "ipms — login" in reply.body:
        return Outcome(True, "the login form")
    if reply.status in (401, 403, 404, 405) or (
            reply.status == 303 and reply.headers.get("location") == "/login"):
        return Outcome(True, f"HTTP {reply.status}")
    return Outcome(False, f"HTTP {reply.status} before login")


def _refused_at_start(lab: Lab, args: list[str], env: dict[str, str] | None = None) -> Outcome:
    result = lab.cli("serve", *args, home=lab.empty_home(), env=env, timeout=60)
    if result.code == -9:
        return Outcome(False, "it started serving (timed out)")
    if "web app on" in result.out:
        return Outcome(False, "it started serving")
    return result.refused_cleanly()


def _users_file_attack(text: str):
    def run(lab: Lab) -> Outcome:
        path = lab.folder("users") / "users.txt"
        path.write_text(text, encoding="utf-8")
        return _refused_at_start(lab, ["--users", str(path), "--port", "1"])
    return run


def _env_attack(value: str):
    return lambda lab: _refused_at_start(lab, ["--port", "1"], {"IPMS_USERS": value})


def _flag_attack(args: list[str]):
    return lambda lab: _refused_at_start(lab, args)


def _port_in_use(lab: Lab) -> Outcome:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        return _refused_at_start(lab, ["--port", str(taken.getsockname()[1])])


def _empty_file_with_good_variable(lab: Lab) -> Outcome:
    path = lab.folder("users") / "users.txt"
    path.write_text("# to do\n", encoding="utf-8")
    return _refused_at_start(lab, ["--users", str(path), "--port", "1"],
                             {"IPMS_USERS": f"bob:{GOOD}"})


def _missing_users_file(lab: Lab) -> Outcome:
    return _refused_at_start(lab, ["--users", str(lab.folder("x") / "none.txt")])


def _users_file_is_a_folder(lab: Lab) -> Outcome:
    return _refused_at_start(lab, ["--users", str(lab.folder("users-dir"))])


def _users_file_binary(lab: Lab) -> Outcome:
    path = lab.folder("users") / "users.txt"
    path.write_bytes(b"\xff\xfe\x00alice\x00:\x81\x82\n")
    return _refused_at_start(lab, ["--users", str(path)])


def _user_hash_name(name: str):
    def run(lab: Lab) -> Outcome:
        result = lab.cli("user-hash", "--", name, stdin="a-long-enough-password\n" * 2)
        if result.code == 0 and result.out.strip():
            return Outcome(False, f"printed {result.out.strip()[:60]!r}")
        return result.refused_cleanly()
    return run


def _user_hash_password(password: str):
    def run(lab: Lab) -> Outcome:
        result = lab.cli("user-hash", "alice", "--password", password)
        return result.refused_cleanly()
    return run


def _user_hash_good(lab: Lab) -> Outcome:
    result = lab.cli("user-hash", "alice", "--password", "a-long-enough-password")
    if result.code != 0 or not result.out.startswith("alice:pbkdf2_sha256$"):
        return Outcome(False, f"a good name and password were refused: {result.err.strip()[:100]}")
    return Outcome(True, "a good line is printed (control)")


def _route(method: str, path: str, html: bool = False):
    def run(lab: Lab) -> Outcome:
        headers = {"Accept": "text/html"} if html else {"Content-Type": "application/json"}
        body = b'{"data": ["4.3.2", "(all documents)", []]}' if method == "POST" else None
        return _gated(_app(lab).request(method, path, body, headers))
    return run


def _login_page_is_bare(lab: Lab) -> Outcome:
    reply = _app(lab).request("GET", "/login", headers={"Accept": "text/html"})
    if reply.status != 200 or 'name="password"' not in reply.body:
        return Outcome(False, f"no login form: HTTP {reply.status}")
    leak = next((m for m in LEAKS if m in reply.body), None)
    scripts = reply.body.count("<script")
    if leak or scripts:
        return Outcome(False, f"the login page shows {leak or 'a script'}")
    return Outcome(True, f"{len(reply.body)} bytes, no API, no config, no script")


def _websocket_upgrade(lab: Lab) -> Outcome:
    reply = _app(lab).request("GET", "/gradio_api/queue/join", headers={
        "Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    if reply.status == 101:
        return Outcome(False, "the websocket was accepted before login")
    return _gated(reply)


def _right_password_works(lab: Lab) -> Outcome:
    app = _app(lab)
    reply, cookie = app.login("alice", USERS["alice"])
    if cookie is None:
        return Outcome(False, f"the right password was refused: HTTP {reply.status}")
    config = app.request("GET", "/config", cookie=cookie)
    if config.status != 200 or "components" not in config.body:
        return Outcome(False, f"logged in, but /config gave HTTP {config.status}")
    return Outcome(True, "logged in; the app answers (control)")


def _forged_cookie(make):
    def run(lab: Lab) -> Outcome:
        app = _app(lab)
        cookie = make(app.session("bob"))
        return _gated(app.request("GET", "/config", cookie=cookie))
    return run


def _flip(token_cookie: str) -> str:
    name, _, value = token_cookie.partition("=")
    return f"{name}={value[:-1]}{'A' if value[-1] != 'A' else 'B'}"


FORGERIES = {
    "last character changed": _flip,
    "token with a suffix": lambda c: c + "x",
    "token truncated": lambda c: c[:-8],
    "token of another name": lambda c: "access-token=" + c.partition("=")[2],
    "gradio's own cookie name": lambda c: "access-token-unsecure=" + c.partition("=")[2],
    "user name as token": lambda c: "ipms_session=bob",
    "empty token": lambda c: "ipms_session=",
    "random token": lambda c: "ipms_session=" + random_password() * 3,
    "10 KB token": lambda c: "ipms_session=" + "A" * 10_000,
    "token in a second cookie": lambda c: "ipms_session=forged; other=" + c.partition("=")[2],
}


def _logout_ends_session(lab: Lab) -> Outcome:
    app = _app(lab)
    cookie = app.session("carol")
    app.request("GET", "/logout", cookie=cookie)
    return _gated(app.request("GET", "/config", cookie=cookie))


def _login_by_query_string(lab: Lab) -> Outcome:
    app = _app(lab)
    reply = app.request("GET", f"/login?username=dave&password={USERS['dave']}")
    if "set-cookie" in reply.headers:
        return Outcome(False, "a GET with the password in the URL logged in")
    return Outcome(True, f"HTTP {reply.status}, no session")


def _huge_login_form(lab: Lab) -> Outcome:
    app = _app(lab)
    body = b"username=alice&password=" + b"x" * 5_000_000
    try:
        reply = app.request("POST", "/login", body,
                            {"Content-Type": "application/x-www-form-urlencoded"})
    except OSError:  # the server closed the connection without reading 5 MB: also fine
        reply = Reply(413, {}, "")
    if reply.status >= 500 or "set-cookie" in reply.headers:
        return Outcome(False, f"HTTP {reply.status}")
    again = app.request("GET", "/login")
    return Outcome(again.status == 200, f"HTTP {reply.status}; the app still answers")


def _name_variants(lab: Lab) -> Outcome:
    app = _app(lab)
    for name, password in (("ALICE", USERS["alice"]), ("alice\x00", USERS["alice"]),
                           ("alice", USERS["alice"] + " "), ("alice", USERS["alice"].upper())):
        reply, cookie = app.login(name, password)
        if cookie is not None:
            return Outcome(False, f"logged in as {name!r} with a changed password or name")
    return Outcome(True, "case, NUL and a trailing space do not open alice's account")


def _timing(lab: Lab) -> Outcome:
    """Medians over 6 tries each, every try a different name so no lock is reached."""
    app = _app(lab)
    known_names = ["bob", "carol", "dave", "erin", "frank", "grace"]
    known, unknown = [], []
    app.timed_login("heidi", "warm-up-wrong-password")
    for i, name in enumerate(known_names):
        known.append(app.timed_login(name, "wrong-password-123"))
        unknown.append(app.timed_login(f"nobody{i}", "wrong-password-123"))
    k, u = statistics.median(known), statistics.median(unknown)
    detail = f"median known {k * 1000:.0f} ms, unknown {u * 1000:.0f} ms"
    fair = abs(k - u) <= max(0.5 * max(k, u), 0.03)
    return Outcome(fair, detail)


_KILLED: dict[int, tuple[Path, list[Path]]] = {}


def _kill(lab: Lab) -> Outcome:
    """kill -9 of the app: it cannot clean up, so its downloads folder stays (the next attack
    needs that to be meaningful)."""
    app = WebApp.stop_shared(lab, "auth", kill=True)
    if app is None:
        return Outcome(False, "the app was not running")
    left = app.downloads()
    _KILLED[id(lab)] = (app.tmp, left)
    return Outcome(bool(left), f"killed; {len(left)} downloads folder left (control)")


def _throttle_app(lab: Lab) -> WebApp:
    tmp = _KILLED.get(id(lab), (None, []))[0]  # started where the killed app left its folder
    return WebApp.shared(lab, "throttle", THROTTLE_USERS, tmp)


def _stale_removed(lab: Lab) -> Outcome:
    app = _throttle_app(lab)
    _, left = _KILLED.get(id(lab), (None, []))
    if not left:
        return Outcome(False, "no folder of a killed app to clean")
    remaining = [p.name for p in left if p.exists()]
    mine = app.downloads()
    if remaining:
        return Outcome(False, f"the killed app's folder is still there: {remaining}")
    return Outcome(len(mine) == 1, f"the killed app's folder is gone; the new app has "
                                   f"{len(mine)} folder")


def _per_user_lock(lab: Lab) -> Outcome:
    app = _throttle_app(lab)
    for i in range(8):
        app.login("ivan", f"guess-{i}-password")
    reply, cookie = app.login("ivan", THROTTLE_USERS["ivan"])
    if cookie is not None:
        return Outcome(False, "8 wrong passwords, then the right one logged in")
    return Outcome(reply.status == 429, f"HTTP {reply.status}, retry after "
                                        f"{reply.headers.get('retry-after')} s")


def _other_user_not_collateral(lab: Lab) -> Outcome:
    reply, cookie = _throttle_app(lab).login("judy", THROTTLE_USERS["judy"])
    return Outcome(cookie is not None, f"HTTP {reply.status} for another user (control)")


def _brute_force(lab: Lab) -> Outcome:
    app = _throttle_app(lab)
    statuses = [app.login("mallory", f"guess-{i:03d}-password")[0].status for i in range(40)]
    reply, cookie = app.login("mallory", THROTTLE_USERS["mallory"])
    if cookie is not None:
        return Outcome(False, "40 wrong passwords, then the right one logged in")
    return Outcome(True, f"{statuses.count(429)} of 40 guesses throttled; the right one: "
                         f"HTTP {reply.status}")


def _spray(lab: Lab) -> Outcome:
    app = _throttle_app(lab)
    for i in range(40):  # one guess per invented name: only the address can be throttled
        app.login(f"spray{i}", "password-guess-1")
    reply, cookie = app.login("judy", THROTTLE_USERS["judy"])
    if cookie is not None:
        return Outcome(False, "after 40+ failures from this address a login still went in")
    return Outcome(reply.status == 429, f"HTTP {reply.status} for the address")


def _shutdown(role: str):
    def run(lab: Lab) -> Outcome:
        app = WebApp.stop_shared(lab, role)
        if app is None:
            return Outcome(False, "the app was not running")
        left = app.downloads()
        return Outcome(not left, f"downloads folders left: {[p.name for p in left]}"
                       if left else "stopped; its downloads folder is gone")
    return run


def attacks() -> list[Attack]:
    out = [Attack(f"start: users file, {name}", _users_file_attack(text))
           for name, text in STATIC_REFUSALS.items()]
    out += [Attack(f"start: {name}", _env_attack(value)) for name, value in ENV_REFUSALS.items()]
    out += [Attack("start: empty users file, IPMS_USERS with a user", _empty_file_with_good_variable),
            Attack("start: users file missing", _missing_users_file),
            Attack("start: users file is a folder", _users_file_is_a_folder),
            Attack("start: users file is binary", _users_file_binary),
            Attack("start: port in use", _port_in_use)]
    out += [Attack(f"start: {name}", _flag_attack(args)) for name, args in BAD_FLAGS.items()]
    out += [Attack(f"user-hash: name with {label}", _user_hash_name(name))
            for label, name in BAD_NAMES.items()]
    out += [Attack(f"user-hash: password of {label}", _user_hash_password(pw))
            for label, pw in SHORT_PASSWORDS.items()]
    out.append(Attack("user-hash: a good line (control)", _user_hash_good))
    out.append(Attack("timing: unknown vs known names", _timing))
    out.append(Attack("login page: nothing but the form", _login_page_is_bare))
    out += [Attack(f"before login: GET {path}", _route("GET", path)) for path in ROUTES]
    out += [Attack(f"before login: browser GET {path}", _route("GET", path, html=True))
            for path in ("/", "/config", "/gradio_api/info", "/?view=api")]
    out += [Attack(f"before login: HEAD {path}", _route("HEAD", path)) for path in ("/", "/config")]
    out += [Attack(f"before login: POST {path}", _route("POST", path)) for path in POSTS]
    out.append(Attack("before login: websocket upgrade", _websocket_upgrade))
    out.append(Attack("login: the right password works (control)", _right_password_works))
    out += [Attack(f"cookie: {name}", _forged_cookie(make)) for name, make in FORGERIES.items()]
    out += [Attack("cookie: after logout", _logout_ends_session),
            Attack("login: password in the query string", _login_by_query_string),
            Attack("login: 5 MB form", _huge_login_form),
            Attack("login: changed name or password", _name_variants),
            Attack("kill -9: the app's folder stays (control)", _kill),
            Attack("restart after kill -9: the stale folder is removed", _stale_removed),
            Attack("throttle: 8 wrong, then the right password", _per_user_lock),
            Attack("throttle: another user is not locked out", _other_user_not_collateral),
            Attack("throttle: 40 wrong, then the right password", _brute_force),
            Attack("throttle: one guess each for 40 names", _spray),
            Attack("throttle: shutdown", _shutdown("throttle"))]
    return out
