"""Renditions: each clause of a document written in the other language, aligned by clause key,
kept beside the originals in corpus/renditions/<doc>.<lang>.jsonl. A rendition helps people and
retrieval across languages; quotes and citations always come from the original."""
from __future__ import annotations

import json
import re
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

    @property
    def shown_title(self) -> str:
        """The title as a reader is shown it: without the brackets a translator put round a
        title the original clause lacks ('[Statutory formalities]', '【记录】') and without a
        translator's note ('… (translator's note: …)', '…（译注：…）')."""
        return clean_title(self.title)


# a title the translator supplied, wholly in brackets; a translator's note in brackets
_SUPPLIED = re.compile(r"^\s*[\[【]\s*(.*?)\s*[\]】]\s*$", re.S)
_NOTE = re.compile(r"\s*[(（\[【]\s*(?:translator'?s? note|tr\. note|译注|译者注)[^)）\]】]*[)）\]】]",
                   re.IGNORECASE)


def clean_title(title: str) -> str:
    """`title` without a translator's brackets or note (Rendition.shown_title)."""
    title = _NOTE.sub("", title)
    supplied = _SUPPLIED.match(title)
    return (supplied.group(1) if supplied else title).strip()


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
