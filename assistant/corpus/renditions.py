"""Renditions: each clause of a document written in the other language, aligned by clause key,
kept beside the originals in corpus/renditions/<doc>.<lang>.jsonl. A rendition helps people and
retrieval across languages; quotes and citations always come from the original."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import IpmsError

RENDITIONS_DIR = "renditions"


@dataclass(frozen=True)
class Rendition:
    key: str
    language: str
    title: str
    text: str  # the clause body in the other language ("" for a bare heading)


def rendition_path(corpus_dir: Path, doc_id: str, language: str) -> Path:
    return corpus_dir / RENDITIONS_DIR / f"{doc_id}.{language}.jsonl"


def load_renditions(corpus_dir: Path, doc_id: str, language: str) -> dict[str, Rendition]:
    path = rendition_path(corpus_dir, doc_id, language)
    if not path.exists():
        return {}
    out: dict[str, Rendition] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            out[record["key"]] = Rendition(record["key"], language, record["title"], record["text"])
        except (ValueError, KeyError, TypeError):
            raise IpmsError(f"{path.name} line {number}: needs key, title and text") from None
    return out
