"""Login: users files that fail closed, password and name rules, weak hashes refused, throttled
failures, unknown names as costly as known ones, the login gate in front of every route, the
serve options, and the downloads folder's life."""
from __future__ import annotations

import hashlib

import pytest
from starlette.testclient import TestClient

from assistant.errors import IpmsError
from assistant.web import auth
from assistant.web.downloads import DownloadsFolder, clean_stale
from assistant.web.gate import COOKIE, LoginGate
from assistant.web.server import ServeOptions
from assistant.web.throttle import Throttle

PASSWORD = "alice-password-1"
# a cheap hash keeps the tests fast; the minimum is checked where users are loaded, not here
FAST = auth.PasswordHash(1000, b"salt-salt-salt!!", hashlib.pbkdf2_hmac(
    "sha256", PASSWORD.encode(), b"salt-salt-salt!!", 1000))


def line(name: str = "alice", password: str = PASSWORD, iterations: int = auth.MIN_ITERATIONS):
    return f"{name}:{auth.hash_password(password, iterations=iterations)}"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# -- users files ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "  # indented comment\n\n"])
def test_a_users_file_naming_no_user_is_an_error(tmp_path, text):
    path = tmp_path / "users.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IpmsError, match="names no user"):
        auth.load_users(path)


@pytest.mark.parametrize("value", ["", ";", "# nobody", " ; ;"])
def test_ipms_users_naming_no_user_is_an_error(value):
    with pytest.raises(IpmsError, match="IPMS_USERS names no user"):
        auth.load_users(None, value)


def test_an_empty_users_file_is_an_error_even_when_ipms_users_names_someone(tmp_path):
    path = tmp_path / "users.txt"
    path.write_text("# nobody\n", encoding="utf-8")
    with pytest.raises(IpmsError, match="users file .* names no user"):
        auth.load_users(path, line("bob"))


def test_no_users_file_and_no_variable_means_no_login():
    assert auth.load_users(None, None) == {}


@pytest.mark.parametrize("entry, message", [
    (line(iterations=1), "below the minimum"),
    (line(iterations=auth.MIN_ITERATIONS - 1), "below the minimum"),
    ("alice:pbkdf2_sha256$99999999999$c2FsdHNhbHQ=$" + "A" * 44, "above the maximum"),
    ("alice:pbkdf2_sha256$x$c2FsdHNhbHQ=$" + "A" * 44, "not a number"),
    ("alice:pbkdf2_sha256$200000$not base64!$" + "A" * 44, "base64"),
    ("alice:pbkdf2_sha256$200000$c2FsdHNhbHQ=$c2hvcnQ=", "32 bytes"),
    ("alice:md5$1$2$3", "expected pbkdf2_sha256"),
    ("alice pbkdf2_sha256$200000$c2FsdHNhbHQ=$" + "A" * 44, "expected name:"),
    (line(name="al ice"), "whitespace"),
    (line(name="al\x07ice"), "control"),
    (line() + "\n" + line(), "listed twice"),
], ids=["1-iteration", "one-below-minimum", "above-maximum", "iterations-not-a-number",
        "salt-not-base64", "short-hash", "md5", "no-colon", "name-with-space", "name-with-control",
        "listed-twice"])  # fixed ids: the entries hold random salts, and xdist workers must agree
def test_bad_users_entries_are_refused_at_start_in_one_line(tmp_path, entry, message):
    path = tmp_path / "users.txt"
    path.write_text("# team\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(IpmsError, match=message) as refused:
        auth.load_users(path)
    assert "\n" not in str(refused.value) and ", line " in str(refused.value)


def test_a_good_users_file_loads_and_its_password_verifies(tmp_path):
    path = tmp_path / "users.txt"
    path.write_text(f"# team\n{line()}\n", encoding="utf-8")
    users = auth.load_users(path, line("bob"))
    assert sorted(users) == ["alice", "bob"]
    assert users["alice"].matches(PASSWORD) and not users["alice"].matches(PASSWORD + "x")


# -- user-hash -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["a:b", "a;b", "a b", "tab\tname", "nul\x00", "\x1b[31m", "",
                                  "#admin", "x" * 65])
def test_user_hash_refuses_bad_names(name):
    with pytest.raises(IpmsError):
        auth.users_line(name, PASSWORD)


@pytest.mark.parametrize("password", ["", "a", "123456789", " " * 12])
def test_user_hash_refuses_short_passwords(password):
    with pytest.raises(IpmsError):
        auth.users_line("alice", password)


def test_user_hash_cli_refuses_a_name_with_a_colon_and_a_short_password(run_cli):
    code, out, err = run_cli("user-hash", "a:b", "--password", "long-enough-password")
    assert code == 2 and out == "" and err.count("\n") == 1 and "':'" in err
    code, out, err = run_cli("user-hash", "alice", "--password", "x")
    assert code == 2 and out == "" and "at least 10 characters" in err


def test_user_hash_cli_line_is_accepted_by_the_loader(run_cli, tmp_path):
    code, out, _ = run_cli("user-hash", "alice", "--password", PASSWORD)
    assert code == 0
    path = tmp_path / "users.txt"
    path.write_text(out, encoding="utf-8")
    assert auth.load_users(path)["alice"].matches(PASSWORD)


# -- throttling and timing -----------------------------------------------------------------------
def test_throttle_locks_after_the_free_failures_and_doubles():
    throttle = Throttle(free=3, base=1.0, cap=60.0, window=900.0)
    for _ in range(3):
        assert throttle.wait("k", 0.0) == 0
        throttle.failed("k", 0.0)
    assert throttle.wait("k", 0.0) == 0  # three free failures
    throttle.failed("k", 0.0)
    assert throttle.wait("k", 0.0) == pytest.approx(1.0)
    throttle.failed("k", 0.5)
    assert throttle.wait("k", 0.5) == pytest.approx(2.0)
    for _ in range(20):
        throttle.failed("k", 1.0)
    assert throttle.wait("k", 1.0) == pytest.approx(60.0)  # capped
    assert throttle.wait("k", 1000.0) == 0  # forgotten after the window


def test_brute_force_then_the_right_password_is_refused():
    clock = Clock()
    gate = auth.Authenticator({"alice": FAST}, clock=clock)
    results = [gate.attempt("alice", f"guess-{i:04d}-xx", "10.0.0.1") for i in range(40)]
    assert all(r.user is None for r in results)
    assert results[-1].retry_after > 0
    right = gate.attempt("alice", PASSWORD, "10.0.0.1")
    assert right.user is None and right.retry_after > 0
    assert gate.attempt("alice", PASSWORD, "10.9.9.9").user is None  # per user, any address
    clock.now += 3600  # the lock ends
    assert gate.attempt("alice", PASSWORD, "10.0.0.1").user == "alice"


def test_failures_are_also_throttled_per_address():
    clock = Clock()
    gate = auth.Authenticator({"alice": FAST}, clock=clock)
    for i in range(40):  # a few guesses each for many names: no single name is locked
        gate.attempt(f"user{i}", "wrong-password", "10.0.0.2")
    refused = gate.attempt("alice", PASSWORD, "10.0.0.2")
    assert refused.user is None and refused.retry_after > 0
    assert gate.attempt("alice", PASSWORD, "10.0.0.3").user == "alice"


def test_a_few_mistakes_do_not_lock_a_user_out():
    gate = auth.Authenticator({"alice": FAST}, clock=Clock())
    for _ in range(4):
        assert gate.attempt("alice", "typo-password", "10.0.0.4").user is None
    assert gate.attempt("alice", PASSWORD, "10.0.0.4").user == "alice"


def test_parallel_logins_of_one_user_all_succeed_and_parallel_guesses_are_counted():
    from concurrent.futures import ThreadPoolExecutor

    gate = auth.Authenticator({"alice": FAST}, clock=Clock())
    with ThreadPoolExecutor(16) as pool:
        logins = list(pool.map(lambda i: gate.attempt("alice", PASSWORD, "10.0.0.6"), range(50)))
        guesses = list(pool.map(lambda i: gate.attempt("alice", f"guess-{i:03d}-x", "10.0.0.7"),
                                range(40)))
    assert all(r.user == "alice" for r in logins)  # a shared account on many tabs is not locked
    checked = [r for r in guesses if r.retry_after == 0]
    assert len(checked) <= 6  # five free failures and the one that sets the lock


def test_unknown_names_cost_one_hash_as_costly_as_a_known_ones(monkeypatch):
    runs: list[int] = []
    real = hashlib.pbkdf2_hmac

    def counting(name, password, salt, iterations, *rest):
        runs.append(iterations)
        return real(name, password, salt, iterations, *rest)

    monkeypatch.setattr(auth.hashlib, "pbkdf2_hmac", counting)
    gate = auth.Authenticator({"alice": FAST}, clock=Clock())
    assert gate.attempt("nobody", PASSWORD, "10.0.0.5").user is None
    assert gate.attempt("alice", "wrong-password", "10.0.0.5").user is None
    assert runs == [FAST.iterations, FAST.iterations]


# -- the gate ------------------------------------------------------------------------------------
SECRET = "the-app-behind-the-gate"


async def inner_app(scope, receive, send):
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": SECRET.encode()})


@pytest.fixture
def client():
    gate = LoginGate(inner_app, auth.Authenticator({"alice": FAST}))
    return TestClient(gate, follow_redirects=False)


@pytest.mark.parametrize("path", ["/", "/config", "/info", "/gradio_api/info", "/openapi.json",
                                  "/docs", "/file=/etc/passwd", "/gradio_api/file=/etc/passwd",
                                  "/assets/index.js", "/gradio_api/queue/data", "/login/../config",
                                  "/LOGIN", "/login%2f..%2fconfig", "/theme.css"])
def test_nothing_but_the_login_form_before_login(client, path):
    response = client.get(path)
    assert response.status_code == 401 and SECRET not in response.text
    post = client.post(path.replace("/login", "/x"), json={"data": []})
    assert post.status_code == 401 and SECRET not in post.text


def test_a_browser_is_sent_to_the_login_form(client):
    response = client.get("/", headers={"Accept": "text/html"})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    form = client.get("/login")
    assert form.status_code == 200 and 'name="password"' in form.text and SECRET not in form.text


def test_login_opens_a_session_and_a_tampered_cookie_does_not(client):
    assert client.post("/login", data={"username": "alice", "password": "nope-nope-nope"}
                       ).status_code == 401
    response = client.post("/login", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    token = response.cookies[COOKIE]
    assert client.get("/config").text == SECRET
    for forged in (token[:-1] + ("A" if token[-1] != "A" else "B"), token + "x", "", "alice"):
        client.cookies.clear()
        client.cookies.set(COOKIE, forged)
        assert client.get("/config").status_code == 401
    client.cookies.clear()
    client.cookies.set(COOKIE, token)
    assert client.get("/config").text == SECRET
    client.get("/logout")
    client.cookies.clear()
    client.cookies.set(COOKIE, token)
    assert client.get("/config").status_code == 401


def test_an_oversized_login_form_is_refused_unread(client):
    response = client.post("/login", data={"username": "alice", "password": "x" * 100_000})
    assert response.status_code == 413


# -- serve options and the downloads folder ------------------------------------------------------
@pytest.mark.parametrize("options, message", [
    (ServeOptions(port=99999), "--port"), (ServeOptions(port=0), "--port"),
    (ServeOptions(port=-1), "--port"), (ServeOptions(concurrency=0), "--concurrency"),
    (ServeOptions(concurrency=-3), "--concurrency"), (ServeOptions(host="bad host"), "--host"),
    (ServeOptions(host=""), "--host"), (ServeOptions(host="a" * 300), "--host"),
])
def test_serve_options_are_checked(options, message):
    with pytest.raises(IpmsError, match=message):
        options.check()


@pytest.mark.parametrize("args, message", [
    (["serve", "--port", "99999"], "--port"), (["serve", "--concurrency", "0"], "--concurrency"),
    (["bench", "--web", "--users", "0"], "--users"),
])
def test_bad_serve_and_bench_arguments_are_one_line_errors(run_cli, args, message):
    code, out, err = run_cli(*args)
    assert code == 2 and err.startswith("ipms: error:") and message in err
    assert err.count("\n") == 1 and "internal error" not in err and "ok" not in out


def test_serve_with_an_empty_users_file_does_not_start(run_cli, tmp_path):
    (tmp_path / "users.txt").write_text("# nobody yet\n", encoding="utf-8")
    code, out, err = run_cli("serve", "--users", str(tmp_path / "users.txt"), "--port", "1")
    assert code == 2 and "names no user" in err and "web app on" not in out


def test_downloads_folder_is_removed_on_close_and_stale_ones_at_start(tmp_path):
    live = DownloadsFolder(tmp_path)
    stale = tmp_path / "ipms-web-killed"
    (stale / "sub").mkdir(parents=True)
    (stale / "sub" / "conversation.md").write_text("left behind", encoding="utf-8")
    other = tmp_path / "not-ours"
    other.mkdir()
    second = DownloadsFolder(tmp_path)
    assert not stale.exists() and other.exists()
    assert live.path.is_dir() and second.path.is_dir()  # held by running apps: kept
    assert clean_stale(tmp_path) == []
    live.close()
    second.close()
    assert not live.path.exists() and not second.path.exists()
