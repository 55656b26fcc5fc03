"""English words as the standard's own Chinese says them, learned from its English renditions
(data/rendition_words.txt): confidential -> 保密, materials -> 资料, employees -> 员工.

bj-ipm's clauses come with English renditions in the corpus; each clause (or each of its list
items a) b) c) when both sides have the same number) is a pair of aligned texts. An English word
and a Chinese word that occur in the same pairs, and rarely apart (Dice coefficient), name the same
thing. The file is built offline from the shipped corpus (`python -m
assistant.retrieval.rendition_words`), never by hand per case; answer/own_rules reads it after
the glossary and data/rule_words.txt, for the English words of a question neither names.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from typing import Callable, Iterable

MIN_PAIRS = 2  # aligned texts an English and a Chinese word share, at least
MIN_DICE = 0.5  # 2·shared / (texts with the English word + texts with the Chinese word)
MAX_FORMS = 2  # Chinese words kept for an English word
_ITEM = re.compile(r"(?:^|\s|[；;:：])([a-z])\)\s*")
_WORD_EN = re.compile(r"[a-z][a-z-]{2,}")
_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")


def aligned(body: str, rendition: str) -> list[tuple[str, str]]:
    """A clause's Chinese `body` and its English `rendition` as aligned pairs: item by item (a),
    b), …) when both list the same items, else the whole texts as one pair."""
    zh, en = _items(body), _items(rendition.lower())
    if len(zh) > 1 and len(zh) == len(en):
        return list(zip(zh, en))
    return [(body, rendition.lower())]


def _items(text: str) -> list[str]:
    parts = _ITEM.split(text)
    return [parts[0], *parts[2::2]] if len(parts) > 1 else [text]


def learn(pairs: Iterable[tuple[str, str]], tokens_zh: Callable[[str], list[str]],
          stem: Callable[[str], str], stop: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """English word (its shortest form seen, lower case) -> the Chinese words (`tokens_zh`'s,
    two CJK characters at least) that share MIN_PAIRS of the aligned `pairs` with it at Dice
    MIN_DICE or more and with no other English word more, best first. English words are grouped
    by `stem`; `stop` words are skipped."""
    n_zh: Counter[str] = Counter()
    n_en: Counter[str] = Counter()
    both: Counter[tuple[str, str]] = Counter()
    forms: dict[str, str] = {}
    for zh, en in pairs:
        z = {w for w in tokens_zh(zh) if _CJK_WORD.match(w)}
        e = set()
        for word in _WORD_EN.findall(en):
            if word in stop:
                continue
            s = stem(word)
            e.add(s)
            if s not in forms or len(word) < len(forms[s]):
                forms[s] = word
        n_zh.update(z)
        n_en.update(e)
        both.update((s, w) for s in e for w in z)
    # (texts shared, Dice) of each pair of words seen together often enough
    score = {(s, w): (shared, 2 * shared / (n_en[s] + n_zh[w]))
             for (s, w), shared in both.items() if shared >= MIN_PAIRS}
    # competitive linking: a Chinese word names only the English word it shares most texts with
    # (签订 is sign's, not confidential's, though 签订《保密协议》 puts them together)
    best: dict[str, tuple[int, float]] = {}
    for (s, w), sd in score.items():
        best[w] = max(best.get(w, sd), sd)
    found: dict[str, list[tuple[float, str]]] = {}
    for (s, w), (shared, d) in score.items():
        if d >= MIN_DICE and (shared, d) == best[w]:
            found.setdefault(s, []).append((d, w))
    return {forms[s]: tuple(w for _, w in sorted(ws, key=lambda x: (-x[0], x[1]))[:MAX_FORMS])
            for s, ws in sorted(found.items())}


def build(document, tokens_zh: Callable[[str], list[str]], stem: Callable[[str], str],
          stop: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The lexicon of a document with renditions (bj-ipm): every clause paired with its own."""
    pairs = [p for key, r in document.renditions.items() if key in document.clauses
             for p in aligned(document.clauses[key].body, f"{r.title}\n{r.text}")]
    return learn(pairs, tokens_zh, stem, stop)


DATA_FILE = "rendition_words.txt"
_HEAD = ("# English words as the standard's Chinese says them, learned from bj-ipm's English\n"
         "# renditions: python -m assistant.retrieval.rendition_words (do not edit by hand).\n"
         "# Format: english = 中文, 中文 (see rendition_words.py).\n")


def lexicon_text(corpus) -> str:
    """data/rendition_words.txt as `corpus`'s primary standard (the shipped one) teaches it."""
    from assistant.retrieval.indexes import dictionary_words
    from assistant.retrieval.tokenize import Tokenizer, stem_en, stopwords

    lexicon = build(corpus.primary, Tokenizer(dictionary_words(corpus)).tokens,
                    lambda w: stem_en([w])[0], stopwords())
    return _HEAD + "".join(f"{en} = {', '.join(zh)}\n" for en, zh in lexicon.items())


def main() -> int:
    """Write data/rendition_words.txt from the shipped corpus's primary standard."""
    from pathlib import Path

    from assistant.corpus.store import Corpus
    from assistant.settings import Settings

    path = Path(__file__).with_name("data") / DATA_FILE
    text = lexicon_text(Corpus.load(Settings()))
    path.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - _HEAD.count(chr(10))} words written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
