"""Clause references in a model's text, the way people write them.

Two kinds, found in the folded text (see normalise.py) and reported with their original spans:

- **citations**: a bracket of any kind holding only a document and clause labels —
  `[bj-ipm 4.3.2]`, `［BJ‑IPM 4.3.2］`, `(bj-ipm 4.3.2、4.3.3)`, `【bj-ipm第4.3.2条】`,
  `[bj-ipm 4.3.2–4.3.4]`, `[第4.3.2条]` (the primary standard), `[GB/T 19001 7.5]` (a document
  that is not in the corpus);
- **mentions**: a clause named in prose — `第99.9条`, `clause 99.9`, `section 99.9`, `§99.9`,
  `4.3.2条`, `第四章`, a bare `4.3.2`, `bj-ipm 4.3.2` or `《企业知识产权管理规范》第4.3.2条` without
  brackets. A mention belongs to the document named just before it in the same sentence, else to
  the primary standard.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.corpus.store import Corpus, Document
from assistant.llm.normalise import Folded, fold_text, name_key

NUM = r"\d{1,3}(?:\.\d{1,3}){0,6}(?:\(\d{1,2}\)\d{0,2})?"
CN = r"[一二三四五六七八九十百零〇两]{1,4}"
_KEYWORD = (r"(?:sub-?clauses?|clauses?|sections?|sec\.|articles?|art\.|paragraphs?|para\.|"
            r"§{1,2}|条款)")
_SUFFIX = r"(?:\s*[条款项章节])?"
_ITEM = r"(?:\s*(?:第\s*)?\(?(?P<item>[a-z])\)\s*项?|\s*第\s*(?P<item2>[a-z])\s*项)?"
_RANGE_SEP = r"\s*(?:-|~|至|到|to|through)\s*"
_LIST_SEP = re.compile(r"\s*(?:[,，、;；&]|\band\b|\bor\b|以及|和|及|与|或)\s*")
_LABEL = re.compile(rf"(?:第\s*)?(?:{_KEYWORD}\s*)?(?P<num>{NUM}|{CN}){_SUFFIX}{_ITEM}")
_RANGE = re.compile(rf"(?:第\s*)?(?:{_KEYWORD}\s*)?(?P<a>{NUM}){_SUFFIX}{_RANGE_SEP}"
                    rf"(?:第\s*)?(?P<b>{NUM}){_SUFFIX}")
_BRACKETS = re.compile(r"\[([^\[\]\n]{1,160})\]|\(((?:[^()\n]|\([^()\n]{0,12}\)){1,160})\)")
# A standard that is not in the corpus: GB/T 19001, ISO 9001:2015, DB11/T 1234-2015.
_OTHER_STANDARD = (r"(?:gb\s*/?\s*t|gb|iso(?:\s*/\s*iec)?|iec|db\s*\d{0,2}\s*/?\s*t|gjb|sj\s*/?\s*t)"
                   r"\s*\d{2,6}(?:[.:-]\d{1,4})*")
_ID_SHAPED = re.compile(r"[a-z][a-z0-9]*(?:[-_./][a-z0-9]+){0,5}")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
# Numbers that are not clause numbers: before — versions and standard codes; after — units.
_NOT_BEFORE = re.compile(r"(?<![a-z])(?:gb\s*/?\s*t?|iso|iec|db\s*\d*\s*/?\s*t?|version|ver\.?|v|"
                         r"python|no\.?|版本|版|rev\.?|\$|¥|￥|rmb|usd|cny)\s*$")
_NOT_AFTER = re.compile(
    r"\s*(?:%|‰|万|元|倍|亿|个|天|月|日|号|岁|版|分|次|人|年|小时|周|"
    r"(?:percent|per cent|years?|months?|days?|weeks?|hours?|times|million|billion|"
    r"mm|cm|km|kg|mg|ml|ghz|mhz|kb|mb|gb|tb|rmb|usd|yuan|points?)\b|[-~]\s*\d{4})")


def chinese_number(text: str) -> int | None:
    """二十三 → 23, 十 → 10, 一百零二 → 102; None for anything else."""
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def canonical_number(raw: str) -> str | None:
    """'04.3.2' → '4.3.2', '九' → '9'; None when a part is 0 or over 99 (not a clause number)."""
    raw = re.sub(r"\s+", "", raw)
    if re.fullmatch(CN, raw):
        value = chinese_number(raw)
        return str(value) if value and value < 100 else None
    head, paren, tail = raw.partition("(")
    parts = head.split(".")
    if not all(p.isdigit() for p in parts) or any(int(p) == 0 or int(p) > 99 for p in parts):
        return None
    return ".".join(str(int(p)) for p in parts) + (paren + tail if paren else "")


@dataclass(frozen=True)
class Label:
    """One clause named by a reference: as written, its number or label, an item letter."""

    written: str
    label: str
    item: str | None = None


@dataclass
class Reference:
    """A citation or a prose mention: which document (None: a document not in the corpus, named
    `doc_name`), the clause labels (a range gives its two ends and `range_of`), where it is."""

    kind: str  # "citation" or "mention"
    start: int  # in the original text
    end: int
    doc: str | None
    doc_name: str
    labels: list[Label] = field(default_factory=list)
    ranges: list[tuple[Label, Label]] = field(default_factory=list)


class DocumentNames:
    """Every name a document goes by (id, titles, aliases), as one regex over folded text. A name
    two documents share ("认证", "certification") names neither."""

    def __init__(self, corpus: Corpus) -> None:
        owners: dict[str, set[str]] = {}
        written: dict[str, str] = {}
        for document in corpus.documents.values():
            meta = document.meta
            for name in (meta.id, meta.title_zh, meta.title_en, *meta.aliases):
                key = name_key(name)
                if len(key) >= 2:
                    owners.setdefault(key, set()).add(meta.id)
                    written.setdefault(key, name)
        self.by_key = {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}
        patterns = []
        for key in sorted(self.by_key, key=len, reverse=True):
            tokens = [t for t in re.split(r"[\W_]+", fold_text(written[key]).text) if t]
            body = r"[\s\-_./·]*".join(re.escape(t) for t in tokens)
            patterns.append(rf"《?(?<![a-z0-9]){body}(?![a-z0-9])》?")
        self.regex = re.compile("|".join(patterns) or r"(?!)")
        self.before = re.compile(rf"(?P<name>{'|'.join(patterns)}|{_OTHER_STANDARD})"
                                 r"\s*(?:的|中|之)?\s*[,:，：]?\s*$")
        self.primary = corpus.primary.id

    def resolve(self, written: str) -> str | None:
        return self.by_key.get(name_key(written))


def _labels(text: str, allow_any: bool) -> tuple[list[Label], list[tuple[Label, Label]]] | None:
    """Split a bracket's labels; None when a part is not a label (so the bracket is prose)."""
    labels, ranges = [], []
    for part in _LIST_SEP.split(text.strip()):
        part = part.strip()
        if not part:
            continue
        if m := _RANGE.fullmatch(part):
            a, b = canonical_number(m["a"]), canonical_number(m["b"])
            if a and b:
                ranges.append((Label(m["a"], a), Label(m["b"], b)))
                continue
        if m := _LABEL.fullmatch(part):
            number = canonical_number(m["num"])
            if number:
                labels.append(Label(part, number, m["item"] or m["item2"]))
                continue
        if not allow_any:
            return None
        labels.append(Label(part, part))  # a section's own label, e.g. "General requirements"
    return (labels, ranges) if labels or ranges else None


_NOT_DOCUMENTS = {"see", "cf", "cf.", "ref", "ref.", "refer", "per", "in", "at", "also", "e.g.",
                  "eg", "i.e.", "ie", "under", "by", "from", "according", "source", "sources"}


def _citation(content: str, names: DocumentNames, square: bool
              ) -> tuple[str | None, str, list, list] | None:
    """(doc id or None, document name, labels, ranges) when a bracket's content is a citation:
    a known document and labels; labels alone (the primary standard); or, in square brackets
    (in round ones only when it looks like a code: gbt-9999, ISO 9001), an unknown name and
    numbers."""
    content = content.strip()
    m = names.regex.match(content)
    if m and m.group(0):
        rest = content[m.end():].lstrip(" :,，：")
        parsed = _labels(rest, allow_any=True) if rest else None
        return (names.resolve(m.group(0)), m.group(0), *parsed) if parsed else None
    parsed = _labels(content, allow_any=False)
    if parsed:
        return (names.primary, "", *parsed)
    m = re.match(rf"({_OTHER_STANDARD}|{_ID_SHAPED.pattern})\s*[:,，：]?\s*", content)
    if not m:
        return None
    parsed = _labels(content[m.end():], allow_any=False)
    token = m.group(1).strip()
    if not parsed:
        return None
    if token in _NOT_DOCUMENTS:
        return (names.primary, "", *parsed)
    if square or re.search(r"[\d\-/]", token):
        return (None, token, *parsed)
    return None


def find_citations(folded: Folded, names: DocumentNames) -> list[Reference]:
    """Brackets whose whole content is a document and clause labels."""
    found = []
    for m in _BRACKETS.finditer(folded.text):
        content = m.group(1) if m.group(1) is not None else m.group(2)
        parsed = _citation(content, names, square=m.group(1) is not None)
        if parsed is None:
            continue
        doc, doc_name, labels, ranges = parsed
        start, end = folded.span(m.start(), m.end())
        found.append(Reference("citation", start, end, doc, doc_name, labels, ranges))
    return found


_MENTION_PATTERNS = [
    # a keyword or 第 with one or more numbers: "clauses 4.3.2 and 4.3.3", "第4.3.2至4.3.4条"
    re.compile(rf"(?:(?<![a-z]){_KEYWORD}|第)\s*(?P<nums>(?:{NUM}|{CN}){_SUFFIX}"
               rf"(?:(?:{_RANGE_SEP}|{_LIST_SEP.pattern})(?:第\s*)?{NUM}{_SUFFIX})*)"),
    re.compile(rf"(?<![A-Za-z0-9_.])(?P<nums>{NUM})\s*[条款]"),
    re.compile(r"(?<![a-z])chapter\s*(?P<nums>\d{1,2})(?![\d.])"
               r"|(?<![A-Za-z0-9_.])(?P<nums2>\d{1,2})\s*章"),
    re.compile(r"(?<![A-Za-z0-9_.\-/:])(?P<nums>\d{1,3}(?:\.\d{1,3}){1,6})"
               r"(?![A-Za-z0-9_]|\.\d)"),
]


def _mention_numbers(raw: str) -> tuple[list[Label], list[tuple[Label, Label]]]:
    labels, ranges = [], []
    for part in _LIST_SEP.split(raw):
        if m := _RANGE.fullmatch(part.strip()):
            a, b = canonical_number(m["a"]), canonical_number(m["b"])
            if a and b:
                ranges.append((Label(m["a"], a), Label(m["b"], b)))
            continue
        m = re.search(rf"{NUM}|{CN}", part)
        number = canonical_number(m.group(0)) if m else None
        if number:
            labels.append(Label(part.strip(), number))
    return labels, ranges


def _document_before(text: str, start: int, names: DocumentNames) -> tuple[str | None, str]:
    """The document named right before a mention ("bj-ipm 4.3.2", "《…》第4.3.2条", "ISO 9001
    clause 7.5"); the primary standard when none is."""
    window = text[max(0, start - 80):start]
    m = names.before.search(window)
    if m is None:
        return names.primary, ""
    written = m.group("name").strip()
    return names.resolve(written), written


def find_mentions(folded: Folded, names: DocumentNames, skip: list[tuple[int, int]]
                  ) -> list[Reference]:
    """Clauses named in prose, outside the folded spans in `skip` (the citations)."""
    text = list(folded.text)
    for a, b in skip:
        text[a:b] = " " * (b - a)
    text = "".join(text)
    taken = bytearray(len(text) + 1)
    found: list[Reference] = []
    for pattern in _MENTION_PATTERNS:
        for m in pattern.finditer(text):
            group = "nums2" if pattern.groupindex.get("nums2") and m.group("nums2") else "nums"
            if any(taken[m.start():m.end()]):
                continue
            raw = m.group(group)
            if pattern is _MENTION_PATTERNS[-1]:  # a bare number: not a version, amount or date
                before, after = text[max(0, m.start() - 24):m.start()], text[m.end():m.end() + 24]
                if _NOT_BEFORE.search(before) or _NOT_AFTER.match(after):
                    continue
            if pattern is _MENTION_PATTERNS[0] and m.group(0).startswith("第"):
                single = re.fullmatch(rf"(?:\d{{1,3}}|{CN})", raw.strip())
                if single:  # 第一 (first), 第3 (third): a clause only with 条/章/节/款/项
                    continue
            labels, ranges = _mention_numbers(raw)
            if not labels and not ranges:
                continue
            doc, doc_name = _document_before(text, m.start(), names)
            start, end = folded.span(m.start(), m.end())
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            found.append(Reference("mention", start, end, doc, doc_name, labels, ranges))
    found.sort(key=lambda r: r.start)
    return found


class LabelIndex:
    """Clause keys by label, per document, whitespace-insensitive: '4.3.2', '3(2)1', '一'."""

    def __init__(self, corpus: Corpus) -> None:
        self.by_doc: dict[str, dict[str, list[str]]] = {}
        for document in corpus.documents.values():
            table: dict[str, list[str]] = {}
            for clause in document.clauses.values():
                for form in {_squeezed(clause.label), _squeezed(fold_text(clause.label).text)}:
                    table.setdefault(form, []).append(clause.key)
            self.by_doc[document.id] = table

    def keys(self, doc_id: str, label: Label) -> list[str]:
        """Keys of the clauses a label names (several when a number is printed twice)."""
        table = self.by_doc.get(doc_id, {})
        return list(dict.fromkeys(table.get(_squeezed(label.label))
                                  or table.get(_squeezed(label.written)) or []))


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def range_keys(document: Document, labels: LabelIndex, a: Label, b: Label) -> list[str] | None:
    """Keys of the clauses from a to b at the depth of a or b (None when an end does not exist)."""
    def parts(number: str) -> tuple[int, ...] | None:
        return tuple(int(p) for p in number.split(".")) if re.fullmatch(r"[\d.]+", number) else None

    first, last = parts(a.label), parts(b.label)
    if (first is None or last is None or not labels.keys(document.id, a)
            or not labels.keys(document.id, b)):
        return None
    keys = []
    for clause in document.clauses.values():
        p = parts(clause.label) if clause.number else None
        if p and len(p) in (len(first), len(last)) and first <= p <= last:
            keys.append(clause.key)
    return keys
