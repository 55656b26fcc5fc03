"""Web load: 50 visitors, each logged in with its own session, ask questions without pause for
60 s through the app's HTTP API (`ipms serve --users` on 127.0.0.1). Survived when no request
failed, every reply was a complete answer, and the app still serves a newcomer afterwards.
The load runs once (about 60 s plus start-up); the attacks read its result."""
from __future__ import annotations

import json
import statistics

from assistant.bench_web import LoadResult, run_load
from assistant.settings import PROJECT_ROOT
from evals.metrics import percentile
from evals.reliability.lab import Attack, Lab, Outcome
from evals.reliability.web_lab import WebApp, random_password

VISITORS = 50
SECONDS = 60.0
USERS = {"load": random_password()}
WRONG = "wrong reply: "
_RESULTS: dict[int, LoadResult] = {}


def _questions() -> list[str]:
    path = PROJECT_ROOT / "evals" / "benchmark_questions.txt"
    return [q.strip() for q in path.read_text(encoding="utf-8").splitlines() if q.strip()]


def _answer_text(reply: str) -> str | None:
    """The assistant's text in the reply's `complete` event (None when there is none)."""
    lines = reply.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == "event: complete" and i + 1 < len(lines):
            data = json.loads(lines[i + 1].removeprefix("data:"))
            content = data[0][-1]["content"]
            if isinstance(content, list):
                content = " ".join(part.get("text", "") for part in content)
            return str(content)
    return None


def _check(question: str, reply: str) -> str | None:
    try:
        text = _answer_text(reply)
    except (ValueError, LookupError, TypeError) as exc:
        return f"{WRONG}{question!r}: unreadable reply ({exc.__class__.__name__})"
    if not text or text.startswith("⚠"):
        return f"{WRONG}{question!r}: {str(text)[:80]!r}"
    return None


def _load(lab: Lab) -> tuple[WebApp, LoadResult]:
    app = WebApp.shared(lab, "load", USERS)
    if id(lab) not in _RESULTS:
        _RESULTS[id(lab)] = run_load(app.url, _questions(), VISITORS, duration=SECONDS,
                                     credentials=("load", USERS["load"]), check=_check)
    return app, _RESULTS[id(lab)]


def _no_errors(lab: Lab) -> Outcome:
    _, result = _load(lab)
    failed = [e for e in result.errors if not e.startswith(WRONG)]
    lat = result.latencies
    detail = (f"{len(lat)} questions in {result.wall:.0f} s by {VISITORS} visitors, "
              f"{len(failed)} errors; p50 {percentile(lat, 0.5):.2f} s, "
              f"p95 {percentile(lat, 0.95):.2f} s" if lat else "no question answered")
    if failed:
        return Outcome(False, f"{detail}; first: {failed[0][:120]}")
    return Outcome(bool(lat), detail)


def _replies_complete(lab: Lab) -> Outcome:
    _, result = _load(lab)
    wrong = [e for e in result.errors if e.startswith(WRONG)]
    if wrong:
        return Outcome(False, f"{len(wrong)} wrong replies; first: {wrong[0][:120]}")
    return Outcome(bool(result.latencies), f"{len(result.latencies)} complete answers")


def _every_visitor_served(lab: Lab) -> Outcome:
    _, result = _load(lab)
    mean = statistics.fmean(result.latencies) if result.latencies else 0
    served = len(result.latencies) >= VISITORS
    return Outcome(served, f"{len(result.latencies)} answers for {VISITORS} visitors, "
                           f"mean {mean:.2f} s")


def _still_serving(lab: Lab) -> Outcome:
    app, _ = _load(lab)
    cookie = app.session("load")
    try:
        text = _answer_text(app.call("ask", ["第4.3.2条", "(all documents)", []], cookie))
    except (RuntimeError, ValueError, LookupError) as exc:
        return Outcome(False, f"a newcomer's question failed: {exc}")
    if not text or "[bj-ipm 4.3.2" not in text:
        return Outcome(False, f"a newcomer got {str(text)[:80]!r}")
    return Outcome(True, "a newcomer logs in and gets a cited answer")


def _shutdown(lab: Lab) -> Outcome:
    app = WebApp.stop_shared(lab, "load")
    if app is None:
        return Outcome(False, "the app was not running")
    left = app.downloads()
    return Outcome(not left, "stopped; its downloads folder is gone"
                   if not left else f"left behind: {[p.name for p in left]}")


def attacks() -> list[Attack]:
    return [Attack(f"{VISITORS} visitors for {SECONDS:.0f} s: no errors", _no_errors),
            Attack("every reply a complete answer", _replies_complete),
            Attack("every visitor served", _every_visitor_served),
            Attack("a newcomer is served after the load", _still_serving),
            Attack("shutdown: downloads removed", _shutdown)]
