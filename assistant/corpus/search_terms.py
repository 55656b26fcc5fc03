"""Search terms: for each clause, the everyday phrases staff use for what it governs ("boss",
"quit", "buying a company" where the standard says top management, departure, M&A), kept in
corpus/search_terms/<doc>.<lang>.jsonl and aligned by clause key like the renditions.

They are written for retrieval only: indexed with the clause's text (or rendition) in their
language, never quoted, cited or shown, and not read by the scope check (an everyday phrase says
nothing about whether a question is about IP management)."""
from __future__ import annotations

import json
from pathlib import Path

from assistant.errors import IpmsError

SEARCH_TERMS_DIR = "search_terms"


def load_search_terms(corpus_dir: Path, doc_id: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """language -> clause key -> phrases, for every search-terms file of the document."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for path in sorted((corpus_dir / SEARCH_TERMS_DIR).glob(f"{doc_id}.*.jsonl")):
        language = path.name[len(doc_id) + 1:-len(".jsonl")]
        by_key: dict[str, tuple[str, ...]] = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                terms = tuple(str(t).strip() for t in record["terms"] if str(t).strip())
                by_key[str(record["key"])] = terms
            except (ValueError, KeyError, TypeError):
                raise IpmsError(f"{path.name} line {number}: needs key and a list of terms") from None
        out[language] = by_key
    return out
