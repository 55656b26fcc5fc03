"""Package lint check of English slips: `english` — a word in an English package's documents that
is no English word but the trace of a mechanical rewording, e.g. 'The company continuallies
improve …' (a text turned from "shall continually improve" into the company's voice by
conjugating the adverb instead of the verb).

The patterns are lint.yaml `english_slips` (each a regular expression a consultant may add to,
matched case-insensitively on whole words); the message is `english_slip`. Every paragraph and
table cell of every document is read; a slip is reported once per document.
"""
from __future__ import annotations

import re


def slip_patterns(rules: dict) -> list[re.Pattern]:
    """lint.yaml `english_slips` compiled (case-insensitive)."""
    return [re.compile(p, re.IGNORECASE) for p in rules.get("english_slips") or []]


def slips(text: str, patterns: list[re.Pattern]) -> list[str]:
    """The slips of `patterns` in `text` (each match once, in order)."""
    out: list[str] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            if match.group() not in out:
                out.append(match.group())
    return out


def check_english(package) -> None:
    """Report (`english`) each slip of lint.yaml `english_slips` in an English package, with the
    words around it (module docstring). A Chinese package is not read."""
    if package.language != "en":
        return
    patterns = slip_patterns(package.rules)
    if not patterns:
        return
    for document in package.documents:
        seen: set[str] = set()
        for where, text in document.texts():
            for slip in slips(text, patterns):
                if slip.casefold() in seen:
                    continue
                seen.add(slip.casefold())
                start = max(text.find(slip) - 30, 0)
                context = text[start:text.find(slip) + len(slip) + 30].strip()
                package.say("english", document, where, "english_slip", slip=slip,
                            context=context)
