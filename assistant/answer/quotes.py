"""Verbatim quotes: spans of a clause's original text, never rewritten."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.answer.status import document_status
from assistant.models import Citation, Clause

if TYPE_CHECKING:
    from assistant.corpus.store import Document

MAX_QUOTE_CHARS = 1200
_SENTENCE_END = re.compile(r"[。；;！？!?\n]|\.(?=\s)")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[start:m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def quote_for(clause: Clause, query_tokens: list[str] | None = None,
              tokenize: Callable[[str], list[str]] | None = None,
              max_chars: int = MAX_QUOTE_CHARS) -> str:
    """The clause's requirement text; for a long clause, the window of sentences that best
    matches the query (or its opening). Always an exact substring of `clause.text`."""
    body = clause.body.strip()
    if not body:
        return clause.text.strip()
    if len(body) <= max_chars:
        return body
    offset = clause.text.index(body)
    spans = _sentences(clause.text[offset:offset + len(body)])
    wanted = set(query_tokens or ())
    scores = [len(wanted & set(tokenize(body[a:b]))) if wanted and tokenize else 0
              for a, b in spans]
    best, best_score = (0, 0), -1
    for i in range(len(spans)):
        score, j = 0, i
        while j < len(spans) and spans[j][1] - spans[i][0] <= max_chars:
            score += scores[j]
            j += 1
        if j == i:  # a single sentence longer than the limit
            j = i + 1
        if score > best_score:
            best, best_score = (i, j), score
    start, end = spans[best[0]][0], spans[best[1] - 1][1]
    return body[start:end].strip()


def citation_for(document: "Document", clause: Clause, quote: str) -> Citation:
    """The citation of `quote` (a span of `clause`'s text): the clause's label and title, its
    rendition in the other language when there is one, and the document's status when it is
    not a standard's text (a summary, an unofficial guide)."""
    rendition = document.renditions.get(clause.key)
    translation = rendition.text.strip() if rendition and rendition.text.strip() else None
    return Citation(document.meta.id, clause.label, document.display_title(clause), quote,
                    translation, document_status(document.meta))
