"""Question normalisation before routing and search: what the question is read as.

Three steps, each through a well-kept library where one exists:

1. full-width digits, letters and % become ASCII, and the dots of a number typed with a Chinese
   IME (４．３．２, 4。3。2) become "." — the forms a router and a tokenizer read;
2. traditional characters become simplified (OpenCC's t2s, phrase-aware: 知識產權 → 知识产权);
3. typos and homophones of the corpus's own vocabulary (clause titles, defined terms, the
   glossary and the field's terms) are corrected — 专力 → 专利 — when a stretch of the question
   sounds like exactly one vocabulary term (pypinyin: the same toneless syllables; for terms of
   three characters or more also one syllable one letter off, by rapidfuzz's edit distance),
   the stretch is found nowhere in the corpus, and the segmenter reads it as broken: the
   characters it has wrong stand alone (专 / 力), not inside words of the language (管理 / 职能).
   Before that, a two-character term that speech splits with a measure word (分个级, 立个项) is
   joined again (分级, 立项).

Only what is searched changes: quotes come from the corpus, and the answer says what it read.
"""
from __future__ import annotations

import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable

from assistant.textutil import has_cjk

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Full-width ASCII digits, letters and the few signs that matter to numbers and clause forms.
_FULL_WIDTH = {**{chr(0xFF10 + i): str(i) for i in range(10)},
               **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
               **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
               "％": "%", "＄": "$", "§": "§", "\u3000": " "}
_NUMBER_DOT = re.compile(r"(?<=\d)\s*[．。·•・]\s*(?=\d)")
MAX_TERM = 8       # longest vocabulary term matched by sound or spelling, in characters
RARE_WORD = 10     # a dictionary word seen fewer times than this may be a slip
MIN_FUZZY_TERM = 3  # a near sound (one letter off) only for terms at least this long
MIN_SPLIT_TERM = 4  # a slip that split a term across words is read only in terms this long
# ... or one character shorter when the slip is a character standing alone that the language
# seldom uses on its own (劝 of 优先劝 for 优先权; not 着 of 管理着, 时 of 检索时, 不, 行).
COMMON_CHARACTER = 20000
# A whole two-character word the dictionary barely knows (专力, 保秘: seen fewer than RARE_WORD
# times) is read as a term of the same sound when the corpus uses that term this often or more
# (专利, 保密); a term the corpus uses seldom (总则, three times; 老板, never) leaves a rare
# real word (总责, 老版) as typed.
FREQUENT_TERM = 8
# A whole word of the question standing for half of a long term that sounds the same (进制 in
# 竞业进制 for 竞业禁止) is read as a slip only when the dictionary has seen it fewer than this
# many times: a word the language uses often (只是 of 这只是产权问题, 植物, 惯例) is meant as typed.
SWAP_WORD = 200


@dataclass(frozen=True)
class Normalised:
    """A question as routed and searched.

    text: the question after the three steps; corrections: (as typed, as read) for each
    vocabulary correction, in order, e.g. [("专力", "专利")]; converted: whether traditional
    characters were made simplified."""

    text: str
    corrections: tuple[tuple[str, str], ...] = ()
    converted: bool = False


@dataclass
class Vocabulary:
    """The corpus's own Chinese vocabulary, and how the language splits a text into words.

    terms: clause titles, defined terms, glossary and field terms (2..MAX_TERM characters);
    corpus_text: every clause's title and text, joined (a stretch found in it is a real word);
    segment: a text's words (jieba's dictionary, no guessing of new words); without it every
    character is a word of its own; frequency: a word's count in that dictionary (a word seen
    fewer than RARE_WORD times, such as 专力, is no evidence that it was meant)."""

    terms: frozenset[str]
    corpus_text: str = ""
    segment: Callable[[str], list[str]] | None = None
    frequency: Callable[[str], int] = lambda _: 0

    @classmethod
    def from_corpus(cls, corpus, tokenizer=None) -> "Vocabulary":
        """From a Corpus (assistant/corpus/store.py): units.dictionary_words and the field's
        terms; `tokenizer` (a retrieval/tokenize.Tokenizer, or a function returning one, called
        only when a question first needs its words) lends its jieba, which holds them."""
        from assistant.retrieval.tokenize import domain_terms_zh
        from assistant.retrieval.units import dictionary_words

        terms = {re.sub(r"\s+", "", w) for w in [*dictionary_words(corpus), *domain_terms_zh()]}
        text = "\n".join(f"{c.title}\n{c.body}" for d in corpus.documents.values()
                         for c in d.clauses.values())
        terms = frozenset(w for w in terms if 2 <= len(w) <= MAX_TERM and _all_cjk(w))
        if tokenizer is None:
            return cls(terms, text)
        def jieba():
            return (tokenizer if hasattr(tokenizer, "jieba") else tokenizer()).jieba

        return cls(terms, text, lambda t: jieba().lcut(t, HMM=False),
                   lambda w: jieba().FREQ.get(w) or 0)

    @cached_property
    def by_sound(self) -> dict[str, list[str]]:
        """Toneless pinyin of each term ("zhuan li") -> the terms that sound so."""
        table: dict[str, list[str]] = {}
        for term in sorted(self.terms):
            table.setdefault(" ".join(_syllables(term)), []).append(term)
        return table

    @cached_property
    def by_length(self) -> dict[int, list[str]]:
        """Terms of at least MIN_FUZZY_TERM characters by length."""
        table: dict[int, list[str]] = {}
        for term in sorted(self.terms):
            if len(term) >= MIN_FUZZY_TERM:
                table.setdefault(len(term), []).append(term)
        return table

    def uses(self, term: str) -> int:
        """How many times the corpus's text uses a term (counted once per term)."""
        counts = self.__dict__.setdefault("_uses", {})
        if term not in counts:
            counts[term] = self.corpus_text.count(term)
        return counts[term]

    def known(self, stretch: str) -> bool:
        """A real word or phrase: a term, or a stretch of the corpus's text."""
        return stretch in self.terms or stretch in self.corpus_text


def _all_cjk(text: str) -> bool:
    return all(_CJK.match(ch) for ch in text)


def _syllables(text: str) -> list[str]:
    """One toneless syllable per character, its first reading in pypinyin's character table
    (each character on its own: the same reading a term and a stretch of a question get)."""
    table = _pinyin_table()
    out = []
    for ch in text:
        reading = table.get(ord(ch))
        out.append(_toneless(reading.split(",")[0]) if reading else ch)
    return out


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[int, str]:
    """pypinyin's character table (code point -> "zhuān,zhuàn"), loaded from its own module
    file: importing the package first loads its phrase dictionary, 0.2 s of a cold answer that
    per-character readings do not need."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pypinyin is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.py"
    module_spec = importlib.util.spec_from_file_location("_ipms_pinyin_dict", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.pinyin_dict


def _toneless(syllable: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", syllable)
                   if not unicodedata.combining(c))


def to_half_width(text: str) -> str:
    """Full-width digits, letters, % and the ideographic space as ASCII; a dot typed between
    digits in any form (．。·・) as "."."""
    return _NUMBER_DOT.sub(".", text.translate(str.maketrans(_FULL_WIDTH)))


_converter = None


def to_simplified(text: str) -> str:
    """Traditional characters as simplified (OpenCC t2s); text without CJK is returned as is."""
    global _converter
    if not has_cjk(text):
        return text
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)


def _candidates(stretch: str, sounds: list[str], vocabulary: Vocabulary) -> list[str]:
    """Vocabulary terms this stretch may be a slip of the IME for: the same syllables, or (terms
    of MIN_FUZZY_TERM characters or more) one character whose syllable is one letter off
    (zh/z, ang/an: rapidfuzz's Levenshtein distance)."""
    found = [t for t in vocabulary.by_sound.get(" ".join(sounds), []) if t != stretch]
    if found or len(stretch) < MIN_FUZZY_TERM:
        return found
    from rapidfuzz import process
    from rapidfuzz.distance import Hamming, Levenshtein

    for term, _, _ in process.extract(stretch, vocabulary.by_length.get(len(stretch), []),
                                      scorer=Hamming.distance, score_cutoff=1, limit=None):
        k = next((k for k, (a, b) in enumerate(zip(term, stretch)) if a != b), None)
        if k is not None and Levenshtein.distance(_syllables(term[k])[0], sounds[k]) <= 1:
            found.append(term)
    return found


def _looks_broken(run: str, words: list[str], start: int, term: str,
                  vocabulary: Vocabulary) -> bool:
    """Whether the stretch run[start:start+len(term)] reads as a broken word rather than words
    of the language: it starts and ends between words, it has at most one character in four
    wrong, and each wrong character is loose, with a loose character beside it inside the
    stretch. A character is loose when it is a word on its own (专 / 例 for 专利), or inside a
    rare word not in the corpus that the term reaches beyond (专力 in 专力管理制度). 管理 / 职能
    is two words, not a slip; nor is 老版 read as 老板 or 总责 as 总则: rare, but whole."""
    bounds, loose, at = {0}, {}, 0
    for word in words:
        if len(word) == 1 or (vocabulary.frequency(word) < RARE_WORD
                              and not vocabulary.known(word)):
            loose.update(dict.fromkeys(range(at, at + len(word)), len(word)))
        at += len(word)
        bounds.add(at)
    end = start + len(term)
    wrong = [start + k for k, (a, b) in enumerate(zip(run[start:end], term)) if a != b]
    if start not in bounds or end not in bounds or len(wrong) > len(term) // 4 + 1:
        return False
    return all(i in loose and (loose[i] == 1 or loose[i] < len(term))
               and ((i - 1 >= start and i - 1 in loose) or (i + 1 < end and i + 1 in loose))
               for i in wrong)


def _heals_split(run: str, words: list[str], start: int, term: str,
                 vocabulary: Vocabulary) -> bool:
    """Whether a slip in one character of a long term broke it into other words: the stretch
    sounds exactly like the term and differs in one character, it starts and ends between
    words, and with the term put in, the segmenter reads the term as one word. In a term of
    MIN_SPLIT_TERM characters or more the slip may leave its character alone (管理方 / 真 for
    管理方针: no loose character beside it) or make a real word of it (监督 / 检察 for 监督检查):
    four characters that sound like a term of the corpus and are not in it are that term. In a
    three-character term the slipped character must stand alone and be one the language
    seldom uses on its own (优先 / 劝 for 优先权; never 管理 / 着 or 检索 / 时). Two-character
    slips (老版, 总责) never pass here: real words sound like them too."""
    end = start + len(term)
    stretch = run[start:end]
    wrong = [k for k, (a, b) in enumerate(zip(stretch, term)) if a != b]
    if len(term) < MIN_SPLIT_TERM - 1 or len(wrong) != 1 \
            or _syllables(stretch) != _syllables(term):
        return False
    bounds, at = {0}, 0
    for word in words:
        at += len(word)
        bounds.add(at)
    if start not in bounds or end not in bounds:
        return False
    slip = start + wrong[0]
    if len(term) < MIN_SPLIT_TERM and not (
            slip in bounds and slip + 1 in bounds
            and vocabulary.frequency(run[slip]) < COMMON_CHARACTER):
        return False  # three characters: only a rare character standing alone (优先 / 劝)
    fixed = vocabulary.segment(run[:start] + term + run[end:]) if vocabulary.segment else []
    at = 0
    for word in fixed:
        if at == start:
            return word == term
        at += len(word)
    return False


def _swapped_word(run: str, words: list[str], start: int, term: str,
                  vocabulary: Vocabulary) -> bool:
    """Whether the IME put a whole word of the same sound in place of part of a long term: the
    stretch sounds exactly like a term of MIN_SPLIT_TERM characters or more, the characters it
    has wrong are exactly one word of the question (进制 of 竞业 / 进制 for 竞业禁止; 现值 of
    竞业 / 现值 for 竞业限制), at most half the term, that the dictionary has seen fewer than
    SWAP_WORD times, the stretch starts and ends between words, and with the term put in the
    segmenter reads the term as one word. _heals_split reads a slip of one character; a
    two-character slip of a real word is read here only in a long term (这只是产权问题 keeps
    只是: a common word)."""
    end = start + len(term)
    stretch = run[start:end]
    wrong = [start + k for k, (a, b) in enumerate(zip(stretch, term)) if a != b]
    if len(term) < MIN_SPLIT_TERM or not wrong or len(wrong) * 2 > len(term) \
            or _syllables(stretch) != _syllables(term) or vocabulary.segment is None:
        return False
    spans, at = {}, 0
    for word in words:
        spans[at] = word
        at += len(word)
    if start not in spans or end not in spans and end != at:
        return False
    word = spans.get(wrong[0], "")
    if len(word) != len(wrong) or wrong[-1] != wrong[0] + len(word) - 1 \
            or vocabulary.frequency(word) >= SWAP_WORD:
        return False
    at = 0
    for fixed in vocabulary.segment(run[:start] + term + run[end:]):
        if at == start:
            return fixed == term
        at += len(fixed)
    return False


def _rare_twin(run: str, words: list[str], start: int, term: str,
               vocabulary: Vocabulary) -> bool:
    """Whether a whole two-character word of the question is a homophone slip for a term the
    corpus uses often: the segmenter holds the stretch as one word (专力, 保秘), the dictionary
    has seen it fewer than RARE_WORD times, it sounds exactly like the term and keeps one of its
    two characters (an IME slip changes one: 管标 for 贯标), and the corpus's
    text uses the term at least FREQUENT_TERM times. The dictionary counts such slips and real
    words alike as rare, so the corpus decides: 专力 → 专利 (a term on every page), never
    总责 → 总则 or 老版 → 老板 (terms the corpus seldom or never uses)."""
    stretch = run[start:start + len(term)]
    if len(term) != 2 or _syllables(stretch) != _syllables(term) \
            or (stretch[0] == term[0]) == (stretch[1] == term[1]) \
            or vocabulary.frequency(stretch) >= RARE_WORD:
        return False  # one slip keeps one character: 专力 for 专利, not 十时 for 实施
    at = 0
    for word in words:
        if at == start:
            return word == stretch and vocabulary.uses(term) >= FREQUENT_TERM
        at += len(word)
    return False


def _shown(typed: str, meant: str, vocabulary: Vocabulary) -> tuple[str, str]:
    """The correction as the answer shows it: two characters around the first change, the pair
    that is the commoner word (专力 → 专利, 先制 → 限制, 管里 → 管理), or the whole stretch when
    it differs in more than one place."""
    diff = [k for k, (a, b) in enumerate(zip(typed, meant)) if a != b]
    if len(diff) > 1 or len(typed) == 2:
        return typed, meant
    k = diff[0]
    spans = [(lo, lo + 2) for lo in (k - 1, k) if 0 <= lo and lo + 2 <= len(meant)]
    lo, hi = max(spans, key=lambda span: vocabulary.frequency(meant[span[0]:span[1]]))
    return typed[lo:hi], meant[lo:hi]


def correct_terms(text: str, vocabulary: Vocabulary) -> tuple[str, list[tuple[str, str]]]:
    """The text with each stretch that reads as a broken word, is not found in the corpus and
    sounds like exactly one vocabulary term replaced by it, longest stretches first.
    Returns the text and the corrections shown (as typed, as read)."""
    corrections: list[tuple[str, str]] = []
    pieces, last = [], 0
    for m in re.finditer(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}", text):
        run = m.group()
        sounds = _syllables(run)
        words: list[str] = []  # the run's words, segmented when a candidate needs them
        fixed, i = [], 0
        while i < len(run):
            for length in range(min(MAX_TERM, len(run) - i), 1, -1):
                stretch = run[i:i + length]
                terms = _candidates(stretch, sounds[i:i + length], vocabulary)
                if len(terms) != 1 or vocabulary.known(stretch):
                    continue
                words = words or (vocabulary.segment(run) if vocabulary.segment else list(run))
                if _looks_broken(run, words, i, terms[0], vocabulary) \
                        or _heals_split(run, words, i, terms[0], vocabulary) \
                        or _rare_twin(run, words, i, terms[0], vocabulary) \
                        or _swapped_word(run, words, i, terms[0], vocabulary):
                    fixed.append(terms[0])
                    corrections.append(_shown(stretch, terms[0], vocabulary))
                    i += length
                    break
            else:
                fixed.append(run[i])
                i += 1
        pieces += [text[last:m.start()], "".join(fixed)]
        last = m.end()
    pieces.append(text[last:])
    return "".join(pieces), corrections


# A measure word spoken inside a two-character verb-object word (离合词): 分个级, 立个项, 培个训.
_SEPARATED = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff])(?:个|一个|了个)([\u3400-\u4dbf\u4e00-\u9fff])")


def join_separated(text: str, vocabulary: Vocabulary) -> tuple[str, list[tuple[str, str]]]:
    """The text with each two-character term of the vocabulary that speech splits with a measure
    word (分个级 for 分级, 立个项 for 立项, 备个案 for 备案) joined again, when the split form is
    not found in the corpus. Returns the text and the joins shown (as typed, as read)."""
    joins: list[tuple[str, str]] = []

    def join(m: re.Match) -> str:
        term = m[1] + m[2]
        if term in vocabulary.terms and m[0] not in vocabulary.corpus_text:
            joins.append((m[0], term))
            return term
        return m[0]

    return _SEPARATED.sub(join, text), joins


def normalise(question: str, vocabulary: Vocabulary | None) -> Normalised:
    """The question as routed and searched (see the module's docstring). With no vocabulary
    (an empty corpus), only the script and width steps apply. Never raises on text."""
    text = to_half_width(question)
    simplified = to_simplified(text)
    converted = simplified != text
    corrections: list[tuple[str, str]] = []
    if vocabulary is not None and vocabulary.terms and has_cjk(simplified):
        simplified, corrections = join_separated(simplified, vocabulary)
        simplified, corrected = correct_terms(simplified, vocabulary)
        corrections += corrected
    return Normalised(simplified, tuple(corrections), converted)
