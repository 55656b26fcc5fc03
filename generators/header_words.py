"""Where a Chinese column header may wrap: between its words, never inside one. LibreOffice's
Chinese line breaker wraps a header at the cell's edge, between any two characters
('中国注' / '册号及' / '注册人'); a header written with its own line breaks at word boundaries
keeps each word whole ('中国注册号' / '及注册人'). Words come from jieba (a tokenizer of its own,
so the search's segmentation is not changed) with the forms' header words of
templates/header_words.yaml added; punctuation stays with the word it belongs to (an opening
bracket with the next word, a closing one, 、 and / with the word before), a one-character
suffix (人, 日, 号 …) with the word before it, a conjunction (或, 及, 和, 与) with the word after
it, and a Latin word (SPDX, QDID) is one word."""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).resolve().parent / "templates" / "header_words.yaml"
_OPENING = set("（(《“「[【")
_CLOSING = set("）)》”」]】、，,；;：:/。")
_JOINING = {"或", "及", "和", "与"}  # a conjunction starts the next line with the word it joins
_CJK = re.compile(r"[\u3400-\u9fff]")
WORD_FREQ = 1_000_000  # the forms' words win over what jieba's dictionary would cut


@lru_cache(maxsize=1)
def _rules() -> dict:
    return yaml.safe_load(WORDS_FILE.read_text("utf-8"))


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word in _rules()["words"]:
        tokenizer.add_word(word, freq=WORD_FREQ)
    return tokenizer


@lru_cache(maxsize=4096)
def words(label: str) -> tuple[str, ...]:
    """The words of a Chinese header `label`, in order, that a line may break between (the
    text of the words joined is `label` less its spaces); ('',) never: an empty label has
    none."""
    raw = [t for piece in label.split() for t in _tokenizer().lcut(piece, HMM=False)
           if t.strip()]
    suffixes = set(_rules()["suffixes"])
    out: list[str] = []
    carry = ""
    for token in raw:
        if all(ch in _OPENING for ch in token) or (token in _JOINING and out):
            carry += token  # never a line of its own: '授权日' / '或注册日'
            continue
        glued = out and not carry and (all(ch in _CLOSING for ch in token) or (
            token in suffixes and _CJK.search(out[-1][-1:] or "")))
        if glued:
            out[-1] += token
        else:
            out.append(carry + token)
        carry = ""
    if carry:  # an opening bracket ending the label (never in a well-formed one)
        out.append(carry)
    return tuple(out)
