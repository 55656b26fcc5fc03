"""The citation guard: a model may explain, but only the corpus may put a clause number or a quote
into the product. Citations in the model's text are parsed; one that names a clause that does not
exist, or that was not among the retrieved clauses, is removed and reported; citations and their
quotes are then built from the corpus by key."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.corpus.store import Corpus
from assistant.models import GuardReport

# [bj-ipm 4.3.2.1], [bj-ipm 4.3.2.1、4.3.2.2], 【bj-ipm 4.3.2】
_CITATION = re.compile(r"[\[【]\s*([a-z0-9][a-z0-9._-]*)\s+([^\]】]{1,80}?)\s*[\]】]")
_SEPARATORS = re.compile(r"\s*[,，、;；]\s*|\s+and\s+|\s*和\s*")


@dataclass
class GuardedText:
    text: str
    cited: list[tuple[str, str]]  # (doc, key) in order of first citation
    report: GuardReport


def guard_text(text: str, corpus: Corpus, allowed: list[tuple[str, str]]) -> GuardedText:
    """Check every [doc clause] in a model's text against the corpus and the retrieved clauses."""
    allowed_set = set(allowed)
    report = GuardReport()
    cited: list[tuple[str, str]] = []

    def resolve(doc_id: str, label: str) -> tuple[str, str] | None:
        document = corpus.documents.get(doc_id)
        if document is None:
            report.removed.append(f"[{doc_id} {label}] (no such document)")
            return None
        matches = [c.key for c in document.clauses.values() if c.label == label]
        if not matches:
            report.removed.append(f"[{doc_id} {label}] (no such clause)")
            return None
        retrieved = [k for k in matches if (doc_id, k) in allowed_set]
        if not retrieved:
            report.removed.append(f"[{doc_id} {label}] (not among the retrieved clauses)")
            return None
        return doc_id, retrieved[0]

    def replace(match: re.Match) -> str:
        doc_id = match.group(1)
        kept = []
        for label in _SEPARATORS.split(match.group(2).strip()):
            label = label.strip().removeprefix("第").removesuffix("条").strip()
            if not label:
                continue
            key = resolve(doc_id, label)
            if key is not None:
                kept.append(label)
                if key not in cited:
                    cited.append(key)
        return f"[{doc_id} {', '.join(kept)}]" if kept else ""

    cleaned = _CITATION.sub(replace, text)
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned).strip()
    return GuardedText(cleaned, cited, report)
