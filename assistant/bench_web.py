"""`ipms bench --web`: many simulated users asking extractive questions at once.

Starts `ipms serve` in its own process on a free loopback port, lets N users (threads, each its
own session) ask questions at the same time through gradio's HTTP API (POST /gradio_api/call/ask,
then read the result stream), and prints response-time percentiles and the serving process's
memory. The load generator is plain HTTP so that it, not the app, is not what runs out of CPU on
a 2-core machine (gradio's Python client spends ~0.15 s of CPU per call)."""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from evals.metrics import percentile


def _free_port() -> int:
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


def ask_over_http(url: str, question: str, timeout: float = 60) -> str:
    """One question through gradio's REST API; returns the raw result event."""
    import json

    request = urllib.request.Request(
        f"{url}gradio_api/call/ask", method="POST",
        data=json.dumps({"data": [question, "(all documents)", []]}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        event_id = json.load(response)["event_id"]
    with urllib.request.urlopen(f"{url}gradio_api/call/ask/{event_id}", timeout=timeout) as stream:
        body = stream.read().decode("utf-8")
    if "event: complete" not in body:
        raise RuntimeError(body.strip().splitlines()[-1][:200] if body.strip() else "empty reply")
    return body


def run_web_benchmark(questions: list[str], users: int = 20, per_user: int = 5, concurrency: int = 4,
                      echo: Callable[[str], None] = print, home: Path | None = None) -> dict:
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="ipms-webbench-") as scratch:
        env = {**os.environ, "IPMS_HOME": str(home or scratch)}
        server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port",
                                   str(port), "--concurrency", str(concurrency)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/"
        try:
            started = time.perf_counter()
            while True:
                try:
                    urllib.request.urlopen(url, timeout=2)
                    break
                except OSError:
                    if server.poll() is not None or time.perf_counter() - started > 180:
                        raise RuntimeError("the web app did not start") from None
                    time.sleep(0.5)
            startup = time.perf_counter() - started
            latencies: list[float] = []
            errors: list[str] = []
            lock = threading.Lock()
            barrier = threading.Barrier(users)

            def user(index: int) -> None:
                barrier.wait()  # everyone starts asking at the same moment
                for k in range(per_user):
                    question = questions[(index * per_user + k) % len(questions)]
                    begin = time.perf_counter()
                    try:
                        ask_over_http(url, question)
                        elapsed = time.perf_counter() - begin
                        with lock:
                            latencies.append(elapsed)
                    except Exception as exc:  # counted and reported, not raised
                        with lock:
                            errors.append(f"{exc.__class__.__name__}: {exc}")

            threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
            wall = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - wall
            current, peak = _memory_mb(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    figures = {
        "users": users, "requests": len(latencies), "errors": len(errors),
        "startup_s": startup, "p50_s": percentile(latencies, 0.5),
        "p95_s": percentile(latencies, 0.95), "max_s": max(latencies, default=0.0),
        "mean_s": statistics.fmean(latencies) if latencies else 0.0,
        "throughput_rps": len(latencies) / wall if wall else 0.0,
        "server_rss_mb": current, "server_peak_rss_mb": peak,
    }
    echo(f"web load — {users} simultaneous users x {per_user} extractive questions, "
         f"{os.cpu_count()} cores")
    echo(f"  app start-up (index build included)  {startup:7.1f} s")
    echo(f"  requests / errors                    {len(latencies)} / {len(errors)}")
    echo(f"  response time p50 / p95 / max        {figures['p50_s']:.3f} / {figures['p95_s']:.3f}"
         f" / {figures['max_s']:.3f} s   target p95 < 1.5 s: "
         f"{'ok' if figures['p95_s'] < 1.5 and not errors else 'MISSED'}")
    echo(f"  throughput                           {figures['throughput_rps']:.1f} requests/s")
    echo(f"  serving process memory now / peak    {current:.0f} / {peak:.0f} MB")
    for error in errors[:3]:
        echo(f"  error: {error}")
    return figures
