"""English words of rules as Chinese rules write them (data/rule_words.txt): approve -> 批准 /
审批, quarterly -> 每季度, accompany -> 陪同. With the glossary's bilingual terms they carry an
English question to a company's Chinese rules (answer/own_rules.company_first)."""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.retrieval.expansion import _inflected
from assistant.retrieval.tokenize import term_groups
from assistant.textutil import fold


@lru_cache(maxsize=2)
def _rule_words(name: str) -> tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]:
    """(the English word's pattern, the word, its Chinese forms) of data file `name`, longest
    words first."""
    groups = sorted(term_groups(name), key=lambda g: -len(g[0]))
    return tuple((re.compile(r"(?<![a-z0-9])" + r"[\s-]+".join(_inflected(w) for w in head.split())
                             + r"(?![a-z0-9])"), head, forms) for head, forms in groups)


def rule_words(question: str, name: str = "rule_words.txt") -> list[set[str]]:
    """The rule words an English question holds, each as the set of its names: the English word
    (as written in the data file `name`: rule_words.txt, or rendition_words.txt, learned from
    the standard's renditions) and its Chinese forms; a longer word's span is not read again
    (third party, not party)."""
    text = fold(question).lower()
    found = []
    for pattern, head, forms in _rule_words(name):
        if (m := pattern.search(text)) is not None:
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
            found.append({head, *forms})
    return found
