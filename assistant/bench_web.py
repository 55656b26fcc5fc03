"""`ipms bench --web`: many simulated users asking extractive questions at once.

Starts `ipms serve` in its own process on a free loopback port, lets N users (threads, each its
own session, logged in when the app requires it) ask questions at the same time through gradio's
HTTP API (POST /gradio_api/call/ask, then read the result stream), and prints response-time
percentiles and the serving process's memory. The load generator is plain HTTP so that it, not
the app, is not what runs out of CPU on a 2-core machine (gradio's Python client spends ~0.15 s
of CPU per call)."""
from __future__ import annotations

import http.cookiejar
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import IpmsError
from evals.metrics import percentile

TARGET_P95_S, TARGET_PEAK_MB = 1.0, 600.0  # 20 users on 2 cores (issue 19)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _memory_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process, from /proc."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


class WebUser:
    """One visitor: its own cookies (so its own login session) against the app at `url`."""

    def __init__(self, url: str, timeout: float = 60) -> None:
        self.url, self.timeout = url, timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def login(self, name: str, password: str) -> None:
        """Log in through POST /login; RuntimeError when refused."""
        data = urllib.parse.urlencode({"username": name, "password": password}).encode()
        try:
            self.opener.open(urllib.request.Request(f"{self.url}login", data=data),
                             timeout=self.timeout).read()
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"login refused: HTTP {exc.code}") from None

    def ask(self, question: str) -> str:
        """One question through gradio's REST API; returns the raw result stream."""
        request = urllib.request.Request(
            f"{self.url}gradio_api/call/ask", method="POST",
            data=json.dumps({"data": [question, "(all documents)", []]}).encode(),
            headers={"Content-Type": "application/json"})
        with self.opener.open(request, timeout=self.timeout) as response:
            event_id = json.load(response)["event_id"]
        with self.opener.open(f"{self.url}gradio_api/call/ask/{event_id}",
                              timeout=self.timeout) as stream:
            body = stream.read().decode("utf-8")
        if "event: complete" not in body:
            raise RuntimeError(body.strip().splitlines()[-1][:200] if body.strip() else "empty reply")
        return body


def ask_over_http(url: str, question: str, timeout: float = 60) -> str:
    """One question from a fresh visitor of an app without login."""
    return WebUser(url, timeout).ask(question)


def start_server(env: dict[str, str], port: int, concurrency: int = 4,
                 users_file: Path | None = None, timeout: float = 180) -> subprocess.Popen:
    """`ipms serve` on 127.0.0.1:port in its own process; returns once it answers HTTP.
    RuntimeError when it exits or does not answer within `timeout` seconds."""
    command = [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port),
               "--concurrency", str(concurrency)]
    if users_file is not None:
        command += ["--users", str(users_file)]
    log = tempfile.TemporaryFile()  # not a pipe: a full pipe would stall the server
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log,
                              start_new_session=True)
    started = time.perf_counter()
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2).read()
            return server
        except urllib.error.HTTPError as exc:
            if exc.code != 503:
                return server  # it answers (with a login, or 404 without one)
            time.sleep(0.3)  # its preparing page (assistant/web/preparing.py): not yet
        except OSError:
            if server.poll() is not None:
                log.seek(0)
                err = log.read().decode("utf-8", "replace").strip()
                raise RuntimeError(f"the web app did not start: {err[-300:]}") from None
            if time.perf_counter() - started > timeout:
                stop_server(server)
                raise RuntimeError("the web app did not start in time") from None
            time.sleep(0.3)


def stop_server(server: subprocess.Popen, timeout: float = 20) -> int:
    """SIGTERM, then SIGKILL after `timeout` seconds; returns the exit code."""
    server.terminate()
    try:
        return server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        return server.wait()


@dataclass
class LoadResult:
    """What a load run measured: seconds per answered question, error messages, wall seconds."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0


def run_load(url: str, questions: list[str], users: int, per_user: int | None = None,
             duration: float | None = None, credentials: tuple[str, str] | None = None,
             check: Callable[[str, str], str | None] | None = None) -> LoadResult:
    """`users` visitors (threads) start together and ask questions in turn: `per_user` each, or
    for `duration` seconds. Each logs in first when `credentials` are given. `check(question,
    reply)` may return an error message for a reply that is wrong. Errors are collected."""
    if users < 1:
        raise IpmsError(f"the number of users must be at least 1, not {users}")
    if not questions:
        raise IpmsError("no questions to ask")
    result, lock = LoadResult(), threading.Lock()
    barrier = threading.Barrier(users)

    def visitor(index: int) -> None:
        client = WebUser(url)
        try:
            if credentials:
                client.login(*credentials)
        except Exception as exc:  # counted and reported, not raised
            with lock:
                result.errors.append(f"{exc.__class__.__name__}: {exc}")
            barrier.abort()
            return
        try:
            barrier.wait()  # everyone starts asking at the same moment
        except threading.BrokenBarrierError:
            pass
        end = time.perf_counter() + (duration or 0)
        k = 0
        while (k < per_user) if per_user is not None else (time.perf_counter() < end):
            question = questions[(index * 7 + k) % len(questions)]
            k += 1
            begin = time.perf_counter()
            try:
                problem = (check or (lambda q, r: None))(question, client.ask(question))
                with lock:
                    result.latencies.append(time.perf_counter() - begin)
                    if problem:
                        result.errors.append(problem)
            except Exception as exc:  # counted and reported, not raised
                with lock:
                    result.errors.append(f"{exc.__class__.__name__}: {exc}")

    threads = [threading.Thread(target=visitor, args=(i,)) for i in range(users)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.wall = time.perf_counter() - wall
    return result


def run_web_benchmark(questions: list[str], users: int = 20, per_user: int = 5, concurrency: int = 4,
                      echo: Callable[[str], None] = print, home: Path | None = None) -> dict:
    """Start the app, run the load, print and return the figures. IpmsError for users < 1."""
    if users < 1 or per_user < 1:
        raise IpmsError(f"--users must be at least 1, not {users}")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="ipms-webbench-") as scratch:
        env = {k: v for k, v in os.environ.items() if k != "IPMS_USERS"}
        env["IPMS_HOME"] = str(home or scratch)
        started = time.perf_counter()
        server = start_server(env, port, concurrency)
        try:
            startup = time.perf_counter() - started
            load = run_load(f"http://127.0.0.1:{port}/", questions, users, per_user=per_user)
            current, peak = _memory_mb(server.pid)
        finally:
            stop_server(server)
    latencies, errors, wall = load.latencies, load.errors, load.wall
    figures = {
        "users": users, "requests": len(latencies), "errors": len(errors),
        "startup_s": startup, "p50_s": percentile(latencies, 0.5),
        "p95_s": percentile(latencies, 0.95), "max_s": max(latencies, default=0.0),
        "mean_s": statistics.fmean(latencies) if latencies else 0.0,
        "throughput_rps": len(latencies) / wall if wall else 0.0,
        "server_rss_mb": current, "server_peak_rss_mb": peak,
    }
    met = bool(latencies) and not errors and figures["p95_s"] < TARGET_P95_S
    from assistant.settings import load_settings
    from assistant.threads import thread_count

    echo(f"web load — {users} simultaneous users x {per_user} extractive questions, "
         f"{os.cpu_count()} cores, --concurrency {concurrency}, "
         f"math threads in the serving process: {thread_count(load_settings(), 'web')}")
    echo(f"  app start-up (index build included)  {startup:7.1f} s")
    echo(f"  requests / errors                    {len(latencies)} / {len(errors)}")
    echo(f"  response time p50 / p95 / max        {figures['p50_s']:.3f} / {figures['p95_s']:.3f}"
         f" / {figures['max_s']:.3f} s   target p95 < {TARGET_P95_S:g} s: "
         f"{'ok' if met else 'MISSED'}")
    echo(f"  throughput                           {figures['throughput_rps']:.1f} requests/s")
    echo(f"  serving process memory now / peak    {current:.0f} / {peak:.0f} MB   target peak < "
         f"{TARGET_PEAK_MB:g} MB: {'ok' if peak < TARGET_PEAK_MB else 'MISSED'}")
    for error in errors[:3]:
        echo(f"  error: {error}")
    return figures
