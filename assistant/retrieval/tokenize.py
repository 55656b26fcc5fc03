"""Tokens for BM25: jieba words for Chinese (with the standard's own terms added to its
dictionary), stemmed words for English, function words dropped."""
from __future__ import annotations

import hashlib
import json
import logging
import marshal
import math
import os
import re
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from assistant.textutil import fold

_ABBREVIATIONS = {"ip": ("intellectual", "property"), "ipr": ("intellectual", "property"),
                  "iprs": ("intellectual", "property")}
_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9][a-z0-9&']*")


def _word_list(name: str) -> list[str]:
    text = resources.files("assistant.retrieval").joinpath("data", name).read_text(encoding="utf-8")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def word_list(name: str) -> list[str]:
    """The lines of a data file of assistant/retrieval/data, one word or term a line ('#' lines
    are comments)."""
    return _word_list(name)


def term_groups(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Lines `head = item, item, ...` of a data file ('#' starts a comment)."""
    text = resources.files("assistant.retrieval").joinpath("data", name).read_text(encoding="utf-8")
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            head, items = line.split("=", 1)
            groups.append((head.strip(), tuple(i.strip() for i in items.split(",") if i.strip())))
    return tuple(groups)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(_word_list("stopwords_zh.txt") + _word_list("stopwords_en.txt"))


@lru_cache(maxsize=1)
def domain_terms_zh() -> tuple[str, ...]:
    return tuple(_word_list("domain_terms_zh.txt"))


@lru_cache(maxsize=1)
def segment_breaks_zh() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Phrases of segment_breaks_zh.txt with the words the segmenter must keep apart
    ('应|对|待申请' -> ('应对待申请', ('应', '对', '待申请'))), longest first."""
    phrases = [(line.replace("|", ""), tuple(p for p in line.split("|") if p))
               for line in _word_list("segment_breaks_zh.txt") if "|" in line]
    return tuple(sorted(phrases, key=lambda pair: -len(pair[0])))


def broken_runs(run: str) -> list[str]:
    """A Chinese run cut where segment_breaks_zh.txt says a word ends, so no word of the
    segmenter straddles the break (应对待申请 -> 应 / 对 / 待申请, never 对待)."""
    for phrase, parts in segment_breaks_zh():
        at = run.find(phrase)
        if at >= 0:
            return (broken_runs(run[:at]) + list(parts)
                    + broken_runs(run[at + len(phrase):]))
    return [run] if run else []


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


# -ise words that are not British spellings of -ize words (compared as prefixes).
_NOT_IZE = ("advertis", "advis", "aris", "chastis", "circumcis", "compris", "compromis", "concis",
            "demis", "despis", "devis", "enterpris", "excis", "exercis", "expertis", "franchis",
            "improvis", "incis", "likewis", "merchandis", "otherwis", "paradis", "precis",
            "premis", "promis", "revis", "supervis", "surpris", "televis", "treatis", "wis")
_BRITISH_IZE = re.compile(r"^(.+[^aeiou])is(e|ed|es|ing|er|ers|ation|ations|ational)$")
_BRITISH_YZE = re.compile(r"^(.+)ys(e|ed|ing)$")


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    return {british: american[0] for british, american in term_groups("spelling_en.txt")}


def american(word: str) -> str:
    """The American spelling of a British one (organisation → organization), else the word."""
    if word in _spellings():
        return _spellings()[word]
    match = _BRITISH_IZE.match(word)
    if match and not word.startswith(_NOT_IZE):
        return f"{match[1]}iz{match[2]}"
    match = _BRITISH_YZE.match(word)
    return f"{match[1]}yz{match[2]}" if match else word


def stem_en(words: list[str]) -> list[str]:
    """Snowball stems, spelling-neutral, with the -ify family joined to its -ification nouns
    (Snowball gives identify → identifi but identification → identif)."""
    return [_stem_one(w) for w in words]


@lru_cache(maxsize=1 << 16)
def _stem_one(word: str) -> str:
    # Snowball in pure Python was half of an index build's tokenizing time (`ipms bench`); a
    # corpus repeats its words, so each is stemmed once.
    stem = _stemmer().stemWord(american(word))
    return stem[:-1] if len(stem) >= 6 and stem.endswith("i") else stem


@lru_cache(maxsize=1)
def domain_stems_en() -> frozenset[str]:
    return frozenset(stem_en(_word_list("domain_terms_en.txt")))


_CJK_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_PARTICLES = frozenset("的了吗呢吧啊呀么")


def bigrams(text: str) -> list[str]:
    """The overlapping pairs of Chinese characters in a text, as search engines' CJK analysers
    index it: "入职时" gives 入职 and 职时, whatever a word segmenter makes of it (jieba: 入 /
    职时). Pairs that are function words (什么, 哪些: stopwords_zh.txt) or hold a particle
    (的, 了, 吗) are dropped; other scripts give none."""
    stop = stopwords()
    out: list[str] = []
    for run in _CJK_RUNS.findall(fold(text)):
        out += [a + b for a, b in zip(run, run[1:])
                if a not in _PARTICLES and b not in _PARTICLES and a + b not in stop]
    return out


def split_pairs(text: str, segment) -> list[str]:
    """The bigrams of a question a wrong word split can hide: the pairs inside each word of
    `segment` (jieba's cut of a run, a list of words) and the pairs across a boundary next to a
    single character (入 / 职时 gives 入职; 编 / 管理 gives 编管), but not across two whole words
    (知识产权 / 工作 gives no 权工: a pair no clause means, which only adds noise). Filtered as
    `bigrams` filters."""
    wanted: set[str] = set()
    for run in _CJK_RUNS.findall(fold(text)):
        words = segment(run)
        for word in words:
            wanted.update(a + b for a, b in zip(word, word[1:]))
        for left, right in zip(words, words[1:]):
            if len(left) == 1 or len(right) == 1:
                wanted.add(left[-1] + right[0])
    return [p for p in bigrams(text) if p in wanted]


def term_pieces(term: str, words: Iterable[str], freq=lambda w: 1) -> list[str]:
    """How a term falls apart into its words: the tiling of `term` by `words` (its search-mode
    parts) and single characters that leaves the fewest characters alone, then the fewest
    pieces, then the commonest ones (`freq`: a word's count in the dictionary; 专利 / 权, not
    专 / 利权). 商标注册 is 商标 / 注册, never 商 / 标注 / 册; 研发人员 is 研发 / 人员, not
    研 / 发人 / 员. A term no part tiles is its own single piece."""
    n = len(term)
    parts = {w for w in words if 1 < len(w) < n and w in term}
    best: list[tuple[int, int, float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0, 0, 0.0, [])
    for i in range(n):
        if best[i] is None:
            continue
        alone, count, rarity, pieces = best[i]
        steps = [(term[i], 1)] + [(w, 0) for w in parts if term.startswith(w, i)]
        for piece, single in steps:
            j = i + len(piece)
            weight = 0.0 if single else -math.log(1 + (freq(piece) or 0))
            cand = (alone + single, count + 1, rarity + weight, pieces + [piece])
            if best[j] is None or cand[:3] < best[j][:3]:
                best[j] = cand
    pieces = best[n][3]
    return [term] if all(len(p) == 1 for p in pieces) else pieces


def term_words(term: str, words: list[str], freq=lambda w: 1) -> list[str]:
    """The search-mode words of an expansion term (`words`) that are words of it in their own
    right: the term itself and its pieces (term_pieces), not a part that straddles two of them
    (标注 of 商标注册, 发人 of 研发人员), which would match clauses about something else."""
    keep = set(term_pieces(term, words, freq)) | {term}
    return [w for w in words if w in keep or len(w) > 1 and not _straddles(term, w, keep)]


def _straddles(term: str, word: str, pieces: set[str]) -> bool:
    """Whether `word` occurs in `term` only across a boundary between pieces (a word found
    inside one piece, 知识 of 知识产权 within 知识产权管理, is a word of it)."""
    if word not in term:
        return False
    return not any(word in p for p in pieces if p != term)


class Tokenizer:
    """Splits Chinese and English text into BM25 terms.

    `extra_words` (clause titles, defined terms) join jieba's dictionary so "外来文件与记录文件" or
    "知识产权成果完成人" survive as words while search mode still yields their parts.
    """

    VERSION = "4"  # bump when tokenization changes, so cached index tokens are rebuilt

    def __init__(self, extra_words: Iterable[str] = (), cache_dir: Path | None = None) -> None:
        self._extra_words = tuple(extra_words)
        self._cache_dir = cache_dir
        self._jieba = None  # loaded on the first Chinese text: English-only paths skip its ~1 s
        self._stop = stopwords()
        self._phrases: dict[str, list[str]] | None = None  # whole-word tokens kept across processes
        self._phrase_lock = threading.Lock()

    @property
    def base_signature(self) -> str:
        """Changes whenever the tokens of a text could change, the extra words aside."""
        digest = hashlib.sha256(self.VERSION.encode())
        for name in ("stopwords_zh.txt", "stopwords_en.txt", "domain_terms_zh.txt",
                     "spelling_en.txt", "segment_breaks_zh.txt"):
            digest.update("\n".join(_word_list(name)).encode())
        return digest.hexdigest()[:12]

    @property
    def signature(self) -> str:
        """Changes whenever the tokens of a text could change."""
        digest = hashlib.sha256(self.base_signature.encode())
        digest.update("\n".join(self._extra_words).encode())
        return digest.hexdigest()[:12]

    @property
    def dictionary_words(self) -> frozenset[str]:
        """The extra words as jieba holds them. A text's tokens depend only on the ones it
        contains (jieba's total is not moved by them), so adding a document's titles changes
        the tokens of the texts that contain one of its titles and of no other."""
        return frozenset(w for w in (re.sub(r"\s+", "", w) for w in self._extra_words)
                         if 2 <= len(w) <= 20)

    @property
    def jieba(self):
        if self._jieba is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.FREQ, tokenizer.total = _prefix_dictionary(tokenizer, self._cache_dir)
            tokenizer.initialized = True
            for word in domain_terms_zh():
                word = re.sub(r"\s+", "", word)
                if 2 <= len(word) <= 20:
                    tokenizer.add_word(word, freq=2000)
            total = tokenizer.total
            for word in self.dictionary_words:
                tokenizer.add_word(word, freq=2000)
            # Held where the field's terms put it: each extra word would add its frequency and
            # so reweigh the segmentation of every text, not only of those containing it.
            tokenizer.total = total
            self._jieba = tokenizer
        return self._jieba

    def tokens(self, text: str, whole_words: bool = False) -> list[str]:
        """Search-mode words (a long word and its parts), or with whole_words only the words
        themselves — for expansion terms, which should not flood a query with their parts.
        Whole-word tokens of a text are kept in a cache file per signature, so an English
        question whose glossary terms bring Chinese names along needs no jieba (0.3 s)."""
        if whole_words:
            with self._phrase_lock:  # the web app's threads share one tokenizer
                phrases = self._phrase_cache()
                if text not in phrases:
                    phrases[text] = self._tokens(text, whole_words=True)
                    self._save_phrases()
                return list(phrases[text])
        return self._tokens(text)

    def term_tokens(self, term: str) -> list[str]:
        """The search-mode words of an expansion term without the parts that straddle two of
        its words (term_words: 标注 of 商标注册)."""
        words = self.tokens(term)
        if not any(len(w) > 1 and not w.isascii() for w in words):
            return words
        return term_words(term, words, self.jieba.FREQ.get)

    def term_pairs(self, term: str) -> list[str]:
        """The character pairs of an expansion term inside its words, and across a boundary
        next to a single character (split_pairs over term_pieces): 商标注册 gives 商标 and
        注册, not 标注."""
        def segment(run: str) -> list[str]:
            return term_pieces(run, self.jieba.lcut_for_search(run), self.jieba.FREQ.get)
        return split_pairs(term, segment)

    def _phrase_file(self) -> Path | None:
        return self._cache_dir / f"phrases-{self.signature}.json" if self._cache_dir else None

    def _phrase_cache(self) -> dict[str, list[str]]:
        if self._phrases is None:
            self._phrases = {}
            path = self._phrase_file()
            try:
                stored = json.loads(path.read_text(encoding="utf-8")) if path else {}
                if isinstance(stored, dict) and all(
                        isinstance(v, list) and all(isinstance(t, str) for t in v)
                        for v in stored.values()):
                    self._phrases = stored
            except (OSError, ValueError):
                pass  # absent or damaged: computed again
        return self._phrases

    def _save_phrases(self) -> None:
        path = self._phrase_file()
        if path is not None and self._phrases is not None:
            _write_quietly(path, json.dumps(self._phrases, ensure_ascii=False).encode("utf-8"))

    def _tokens(self, text: str, whole_words: bool = False) -> list[str]:
        out: list[str] = []
        english: list[str] = []
        for run in _RUNS.findall(fold(text).lower()):
            if run[0].isascii():
                if run in _ABBREVIATIONS:  # "IP" and "intellectual property" are one term
                    english.extend(_ABBREVIATIONS[run])
                elif run not in self._stop and (len(run) > 1 or run.isdigit()):
                    english.append(run)
            else:
                for part in broken_runs(run):
                    cut = self.jieba.lcut(part) if whole_words else self.jieba.lcut_for_search(part)
                    out.extend(w for w in cut
                               if w not in self._stop and (len(w) > 1 or w in "专利商标"))
        out.extend(stem_en(english))
        return out


def _prefix_dictionary(tokenizer, cache_dir: Path | None) -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary, from a cache file in cache_dir when one is there and intact,
    else built from jieba's dictionary (about a second) and cached when cache_dir is writable.

    The cache is ours rather than jieba's so that a read-only or full disk costs only the
    second: jieba's own cache writing logs a traceback and leaves a partial file when it fails.
    The file starts with the sha256 of the rest, so a damaged cache is never used."""
    import jieba

    cache = cache_dir / f"jieba-{jieba.__version__}.cache" if cache_dir is not None else None
    if cache is not None:
        try:
            data = cache.read_bytes()
            if hashlib.sha256(data[32:]).digest() == data[:32]:
                freq, total = marshal.loads(data[32:])
                if isinstance(freq, dict) and isinstance(total, int) and freq:
                    return freq, total
        except (OSError, ValueError, EOFError, TypeError):
            pass
    with tokenizer.get_dict_file() as handle:
        freq, total = tokenizer.gen_pfdict(handle)
    if cache is not None:
        payload = marshal.dumps((freq, total))
        _write_quietly(cache, hashlib.sha256(payload).digest() + payload)
    return freq, total


def _write_quietly(path: Path, data: bytes) -> None:
    """Write a cache file atomically, or not at all (read-only or full disk): never a partial file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
