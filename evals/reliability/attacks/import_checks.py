"""Shared checks for the imports attacks: the built home the refusals run against, a snapshot
of a data directory, `ipms corpus add`, and what the user corpus holds afterwards."""
from __future__ import annotations

import json
import weakref
from collections.abc import Callable
from pathlib import Path

from evals.reliability.lab import CliResult, Lab, Outcome

DOC_ID = "user-doc"
_shared: "weakref.WeakKeyDictionary[Lab, Path]" = weakref.WeakKeyDictionary()
Data = bytes | Callable[[], bytes]


def shared_home(lab: Lab) -> Path:
    """The built data directory every refusal runs against (checked against golden answers last)."""
    if lab not in _shared:
        _shared[lab] = lab.built_home()
    return _shared[lab]


def state(home: Path) -> dict[str, tuple[int, int]]:
    """Every file under `home` with its size and modification time."""
    return {str(p.relative_to(home)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(home.rglob("*")) if p.is_file()}


def write(lab: Lab, name: str, data: Data) -> Path:
    path = lab.folder("input") / name
    path.write_bytes(data() if callable(data) else data)
    return path


def add(lab: Lab, home: Path, path: Path | str, *extra: str, doc_id: str = DOC_ID,
         env: dict[str, str] | None = None, timeout: float = 60) -> CliResult:
    return lab.cli("corpus", "add", str(path), "--id", doc_id, "--title", "测试标准", *extra,
                   home=home, env=env, timeout=timeout)


def refused_for(result: CliResult, reason: str, home: Path, before: dict) -> Outcome:
    outcome = result.refused_cleanly()
    if not outcome.survived:
        return outcome
    if reason.lower() not in result.err.lower():
        return Outcome(False, f"refused, but not because of '{reason}': {outcome.detail}")
    if state(home) != before:
        return Outcome(False, "refused, but the data directory changed")
    return outcome


def entries(home: Path) -> list[dict]:
    manifest = home / "corpus" / "manifest.json"
    if not manifest.exists():
        return []
    return json.loads(manifest.read_text(encoding="utf-8"))["documents"]


def strays(home: Path) -> list[str]:
    """Files in the user corpus that the manifest does not account for."""
    folder = home / "corpus"
    if not folder.is_dir():
        return []
    known = {"manifest.json", ".corpus.lock"} | {e["file"] for e in entries(home)}
    return sorted(p.name for p in folder.iterdir() if p.name not in known)


def stored_as(home: Path, lines: list[str], doc_id: str = DOC_ID,
               structure: str | None = "clauses") -> Outcome:
    """Survived when the document is in the manifest with exactly `lines` (non-blank, stripped)
    and the folder holds nothing else."""
    entry = next((e for e in entries(home) if e["id"] == doc_id), None)
    if entry is None:
        return Outcome(False, f"'{doc_id}' is not in the manifest")
    stored = (home / "corpus" / entry["file"]).read_text(encoding="utf-8")
    got = [line.strip() for line in stored.splitlines() if line.strip()]
    if got != lines:
        first = next((g for g, w in zip(got, lines) if g != w), got[len(lines):][:1])
        return Outcome(False, f"stored text differs from the file's: {str(first)[:60]!r}")
    if structure and entry["structure"] != structure:
        return Outcome(False, f"parsed by {entry['structure']}, not {structure}")
    if strays(home):
        return Outcome(False, f"left behind: {', '.join(strays(home))}")
    return Outcome(True, f"stored {len(lines)} lines, {entry['language']}, {entry['structure']}")
