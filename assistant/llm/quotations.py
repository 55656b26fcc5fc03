"""Quotations in a model's text, checked against the corpus.

A quotation is text between quotation marks (“…” ‘…’ 「…」 『…』 "…" «…» 〝…〞 „…“) or a Markdown
quote line (`> …`). A model may quote, but only what the retrieved clauses say: a quotation is
verbatim when, folded and without whitespace, it is a substring of a retrieved clause's text (its
whole subtree, or its rendition). An ellipsis inside a quotation (… ... ⋯) marks an omission: each
piece must then be verbatim, in order, in the same clause.

Short quoted terms (at most 12 characters and no sentence punctuation, e.g. “知识产权” or "IP
manager") are words in quotation marks, not a claim about a clause's wording: such a term is
accepted when it occurs anywhere in the corpus, in the glossary or in the question — and treated
as any quotation otherwise (“每天开会” after 原文规定 is still an invented quotation).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.llm.normalise import squeeze

_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "«": "»", "‹": "›", "〝": "〞〟", "„": "“”",
          "＂": "＂", '"': '"'}
_ELLIPSIS = re.compile(r"…+|\.{3,}|⋯+|。。。")
_TERM_PUNCTUATION = re.compile(r"[，。；：！？,.;:!?]")
SHORT_TERM_CHARS = 12
_EDGE = "，。；：！？、,.;:!?…·-—()（）[]【】 \n\t"


@dataclass(frozen=True)
class Quotation:
    """A quotation's text and its span in the original text (marks or '> ' included)."""

    text: str
    start: int
    end: int

    @property
    def is_term(self) -> bool:
        core = self.text.strip(_EDGE)
        return len(squeeze(core)) <= SHORT_TERM_CHARS and not _TERM_PUNCTUATION.search(core)


def find_quotations(text: str) -> list[Quotation]:
    """Every quotation, in order. An opening mark never closed runs to the end of its line."""
    found: list[Quotation] = []
    i = 0
    while i < len(text):
        ch = text[i]
        line_start = i == 0 or text[i - 1] == "\n"
        if line_start and (m := re.match(r"[ \t]*>[ \t]?(.*)", text[i:])) and m.group(1).strip():
            found.append(Quotation(m.group(1), i, i + m.end()))
            i += m.end()
            continue
        closers = _PAIRS.get(ch)
        if closers is None or (ch == "‘" and i > 0 and text[i - 1].isascii() and text[i - 1].isalnum()):
            i += 1
            continue
        j = i + 1
        while j < len(text) and text[j] not in closers and text[j] != "\n":
            if ch == "‘" and text[j] == "’" and j + 1 < len(text) and text[j + 1].isalpha():
                j += 1  # an apostrophe inside: company’s
                continue
            j += 1
        closed = j < len(text) and text[j] in closers
        content = text[i + 1:j]
        if content.strip():
            found.append(Quotation(content, i, j + 1 if closed else j))
        i = j + 1 if closed else j
    return found


def is_verbatim(quotation: str, sources: list[str]) -> bool:
    """True when the quotation (pieces around an ellipsis in order) is in one source text;
    `sources` are already squeezed (folded, no whitespace)."""
    pieces = [squeeze(p).strip(_EDGE) for p in _ELLIPSIS.split(quotation)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return True
    for source in sources:
        at = 0
        for piece in pieces:
            found = source.find(piece, at)
            if found < 0:
                break
            at = found + len(piece)
        else:
            return True
    return False


def sentence_span(text: str, start: int, end: int, masked: list[tuple[int, int]]) -> tuple[int, int]:
    """The sentence around [start, end): from after the previous sentence end to the next one
    (inclusive), ignoring sentence ends inside the `masked` spans (other quotations)."""
    def is_end(k: int) -> bool:
        if any(a <= k < b for a, b in masked):
            return False
        ch = text[k]
        return ch in "。！？!?\n" or (ch == "." and (k + 1 == len(text) or text[k + 1].isspace()))

    left = start
    while left > 0 and not is_end(left - 1):
        left -= 1
    right = end
    if re.search(r"[。！？!?.]\s*$", text[start:end].rstrip("”’」』»›〞〟\"")):
        return left, right  # the quotation ends its sentence: 原文规定：“…。”
    while right < len(text) and not is_end(right):
        right += 1
    if right < len(text) and text[right] != "\n":
        right += 1
    return left, right
