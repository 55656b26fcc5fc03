"""Parse a document without clause numbers (a guide, a notice) into citable sections.

Each non-blank line of these documents is a paragraph. A paragraph opens a section when it has a
heading of its own:
- the document's title (its first short line),
- a standalone short heading line ("Standard implementation process", "4. Safeguard measures"),
- a numbered paragraph ("1. ...", "(2) ...", "一、...", "（三）...", "①..."),
- a chapter or an article of rules ("第一章 总则", "第三条 ..."),
- a label before a colon ("Planning: ...") or fused to the first sentence
  ("Internal control system An enterprise shall ...").
Other paragraphs continue the section before them when it is still waiting for its body (a bare
heading, or a lead-in ending with a colon); otherwise they form a section labelled by position (¶N).
A section's label is its own: the printed number (nested ones joined, e.g. "3(2)1"), or its words.
A numbered paragraph nests under the numbered paragraph before it when its style is deeper
(一、 > （一） > 1. > (1) > ①: "二（二）1(1)"). A numbered paragraph that is one sentence has no
title: the sentence is its body, so it can be quoted. Articles are labelled by their own number
("第三条", numbered through the whole document), and everything up to the next article or chapter
is the article's body (its items （一）（二） included).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.corpus.cover import PARTICULARS
from assistant.corpus.items import parse_items
from assistant.corpus.keys import UniqueKeys
from assistant.corpus.standard_parser import ParsedDocument
from assistant.models import Clause
from assistant.textutil import fold, has_cjk

_CN_DIGITS = "零一二三四五六七八九"
_CN_NUMERAL = "[一二三四五六七八九十百零〇两]{1,6}"
_NUMBER_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter-cn", re.compile(rf"^第({_CN_NUMERAL})章\s*")),
    ("article", re.compile(rf"^第({_CN_NUMERAL})条\s*")),
    ("paren-cn", re.compile(r"^[(（]([一二三四五六七八九十]{1,3})[)）]\s*")),
    ("cn", re.compile(r"^([一二三四五六七八九十]{1,3})[、.．]\s*")),
    ("paren", re.compile(r"^[(（](\d{1,2})[)）]\s*")),
    ("arabic", re.compile(r"^(\d{1,2})(?:[.、．](?!\d)\s*|\s+)(?=\D)")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*")),
]
_COLON_LABEL = re.compile(r"^([^:：。.!?？！]{2,60}?)\s*[:：]\s*")
_SENTENCE_START = {
    "The", "An", "A", "Enterprises", "Enterprise", "Top", "Institutions", "It", "This", "These",
    "All", "Each", "Every", "In", "When", "Where", "If",
}


@dataclass
class _Section:
    key: str
    label: str
    title: str
    kind: str
    parent: str | None
    level: int  # 0 title, 1.. heading levels; items sit one below their heading
    numbered: bool
    lines: list[tuple[int, str]] = field(default_factory=list)
    body_start: int = 0
    heading_only: bool = False
    in_list: bool = False  # a lead-in ended with a colon: following paragraphs are its list
    style: int = 0  # a numbered paragraph's style level (一、 1, （一） 2, …); 0 otherwise
    article: bool = False  # 第N条: the following paragraphs up to the next article are its body


_LIST_ITEM = re.compile(r"^[(（]?[a-zA-Z][)）]\s")


def _is_title(text: str, language: str) -> bool:
    """The document's first paragraph is its title when it reads like one."""
    if text.endswith(("?", "？")):
        return True
    if language == "zh" or has_cjk(text):
        return len(text) <= 60 and not text.endswith("。")
    return len(text.split()) <= 30 and not text.rstrip().endswith(".")


# the words a title of rules or a policy ends with ('…知识产权管理制度', '… IP Policy')
_DOCUMENT_KIND = re.compile(r"(制度|办法|规定|规范|细则|条例|规则|规程|手册|指引|指南|方案|程序|"
                            r"准则|守则|标准|政策|纲要)$|\b(policy|procedures?|rules|regulations"
                            r"|guidelines?|handbook|manual|standard|charter|code)$", re.I)


def _title_continues(title: str, text: str) -> bool:
    """Whether `text` is the second line of a title wrapped over two ('华瑞…知识产权' /
    '管理制度'): the title does not yet end with the kind of document, the two lines do, and
    together they are still a title's length."""
    joined = title + ("" if has_cjk(title[-1:]) and has_cjk(text[:1]) else " ") + text
    return (not _DOCUMENT_KIND.search(title.strip()) and bool(_DOCUMENT_KIND.search(text.strip()))
            and len(joined) <= 60 and _number_token(text) is None)


def _words(text: str) -> list[str]:
    return text.split()


def _is_short_heading(text: str, language: str) -> bool:
    if language == "zh" or has_cjk(text):
        return len(text) <= 30 and not re.search(r"[。；;]", text) and not text.endswith("：")
    words = _words(text)
    return len(words) <= 8 and not re.search(r"[.;:]$", text.rstrip()) and "," not in text


def _fused_label(text: str) -> str | None:
    """'Internal control system An enterprise shall' -> 'Internal control system'."""
    words = _words(text)
    for i in range(2, min(len(words), 11)):
        prev, word = words[i - 1], words[i]
        if re.search(r"[.,;:!?]$", prev):
            return None
        if word in _SENTENCE_START and (prev[-1].islower() or prev.endswith(")")):
            return " ".join(words[:i])
    return None


def cn_numeral_value(text: str) -> int | None:
    """The value of a Chinese numeral up to 999 ("三" 3, "十二" 12, "一百零一" 101); None if it
    is not one."""
    total, digit = 0, None
    for char in text.replace("〇", "零").replace("两", "二"):
        if char in _CN_DIGITS:
            digit = _CN_DIGITS.index(char)
        elif char in "十百":
            unit = 10 if char == "十" else 100
            if unit == 100 and total:
                return None
            total += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    value = total + (digit or 0)
    return value or None


def cn_numeral(value: int) -> str:
    """The usual way of writing 1-999 in Chinese numerals: 10 十, 12 十二, 101 一百零一."""
    hundreds, tens, ones = value // 100, value // 10 % 10, value % 10
    out = f"{_CN_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_CN_DIGITS[ones] if ones else "")


def _number_token(text: str) -> tuple[str, str, int] | None:
    """(style, printed token, length of the prefix) for a numbered paragraph."""
    folded = fold(text)
    for style, pattern in _NUMBER_STYLES:
        m = pattern.match(folded if style in ("arabic", "paren") else text)
        if m:
            token = m.group(1)
            if style in ("chapter-cn", "article"):
                value = cn_numeral_value(token)
                if value is None:
                    continue
                token = f"第{cn_numeral(value)}{'章' if style == 'chapter-cn' else '条'}"
            printed = f"({token})" if style == "paren" else f"（{token}）" if style == "paren-cn" else token
            return style, printed, m.end()
    return None


def _title_of(rest: str, language: str) -> str:
    """The leading title of a numbered paragraph: up to the first full stop or colon, when more
    text follows it (a paragraph that is one sentence has no title)."""
    m = re.match(r"^(.{2,40}?)[.。:：]", rest)
    if m and (language == "zh" or len(m.group(1).split()) <= 8) and rest[m.end():].strip():
        return m.group(1).strip()
    return rest.strip() if _is_short_heading(rest, language) else ""


def _join_label(parent: str, token: str) -> str:
    if parent and parent[-1] in "0123456789" and token[0] in "0123456789":
        return f"{parent}.{token}"
    return parent + token


class _SectionBuilder:
    def __init__(self, doc_id: str, language: str) -> None:
        self.doc_id = doc_id
        self.language = language
        self.sections: list[_Section] = []
        self.style_level: dict[str, int] = {}
        self.heading_stack: list[_Section] = []  # open headings, outermost first
        self.open_items: list[_Section] = []  # numbered paragraphs nested under the last heading
        self._unique = UniqueKeys()

    @property
    def current(self) -> _Section | None:
        return self.sections[-1] if self.sections else None


    def _open(self, line: tuple[int, str], label: str, title: str, kind: str, level: int,
              numbered: bool, body_start: int, heading_only: bool,
              holder: _Section | None = None) -> None:
        """Open a section under the innermost open heading that is above `level` (or under
        `holder`, a numbered paragraph it nests in)."""
        self.open_items = []
        if holder is not None:
            parent = holder
        else:
            while self.heading_stack and self.heading_stack[-1].level >= level:
                self.heading_stack.pop()
            parent = self.heading_stack[-1] if self.heading_stack else None
        section = _Section(self._unique(label), label, title, kind, parent.key if parent else None,
                           level, numbered, [line], body_start, heading_only,
                           in_list=line[1].rstrip().endswith((":", "：")))
        self.sections.append(section)
        if heading_only or kind == "title":
            self.heading_stack.append(section)

    def add(self, line_no: int, text: str, paragraph_index: int) -> None:
        line = (line_no, text)
        if not self.sections:
            if _is_title(text, self.language):
                self._open(line, "title", text, "title", 0, False, len(text), True)
                return
        if self._on_cover(text):
            self._extend_title(line)
            return
        numbered = _number_token(text)
        current = self.current
        if current is not None and current.article and (
                numbered is None or numbered[0] not in ("article", "chapter-cn")):
            current.lines.append(line)  # an article runs to the next article or chapter
            return
        if numbered:
            self._add_numbered(line, *numbered)
            return
        if text.endswith(("?", "？")) and len(text) <= 120:
            self._open(line, text.rstrip("?？ "), text, "section", 1, False, len(text), True)
            return
        if _is_short_heading(text, self.language) and not self._awaiting_body():
            self._open(line, text, text, "section", 1, False, len(text), True)
            return
        label = self._label_of(text)
        if label is not None:
            level = (self.heading_stack[-1].level + 1) if self.heading_stack else 1
            title, start = label
            self._open(line, title, title, "section", level, False, start, False)
            return
        current = self.current
        if current is not None and current.kind != "title" and (
                current.heading_only or current.in_list or current.kind == "preamble"
                or _LIST_ITEM.match(text)
                or not current.numbered and current.label.startswith("¶")):
            current.lines.append(line)
            current.heading_only = False
            current.in_list = current.in_list or text.endswith((":", "："))
            return
        kind = "preamble" if current is not None and current.kind == "title" else "section"
        label = ("导语" if self.language == "zh" else "preamble") if kind == "preamble" \
            else f"¶{paragraph_index}"
        self._open(line, label, "", kind, 1, False, 0, False)

    def _on_cover(self, text: str) -> bool:
        """Whether `text` still belongs to the title block: the second line of a wrapped title,
        or the particulars printed under it (document number, version, dates) before any
        section has opened."""
        if len(self.sections) != 1 or self.sections[0].kind != "title":
            return False
        title = self.sections[0]
        if len(title.lines) == 1 and _title_continues(title.title, text):
            return True
        return bool(PARTICULARS.match(text))

    def _extend_title(self, line: tuple[int, str]) -> None:
        """The title block takes `line`: a wrapped title's second line joins the title; the
        particulars are kept in the title clause's text."""
        title = self.sections[0]
        if len(title.lines) == 1 and _title_continues(title.title, line[1]):
            first = title.title
            title.title = first + ("" if has_cjk(first[-1:]) and has_cjk(line[1][:1]) else " ") \
                + line[1]
            title.body_start = len(first) + 1 + len(line[1])
        title.lines.append(line)

    def _awaiting_body(self) -> bool:
        current = self.current
        return current is not None and current.kind != "title" and current.heading_only

    def _label_of(self, text: str) -> tuple[str, int] | None:
        m = _COLON_LABEL.match(text)
        if m and (has_cjk(m.group(1)) or len(m.group(1).split()) <= 6):
            label = m.group(1).strip()
            rest = text[m.end():]
            sub = _fused_label(rest)
            if sub and len(sub.split()) <= 4:  # "Responsibilities: Top management The top ..."
                label = f"{label}: {sub}"
                return label, m.end() + len(sub) + 1
            return label, m.end()
        if not has_cjk(text):
            fused = _fused_label(text)
            if fused:
                return fused, len(fused) + 1
        return None

    def _add_numbered(self, line: tuple[int, str], style: str, token: str, prefix: int) -> None:
        text = line[1]
        rest = text[prefix:]
        level = self.style_level.setdefault(style, len(self.style_level) + 1)
        if style == "article":  # its own label; its body is all its text after the number
            parent = self.heading_stack[-1] if self.heading_stack else None
            section_level = (parent.level + 1) if parent is not None else level
            self._open(line, token, "", "section", section_level, True, prefix, False)
            self.sections[-1].article = True
            return
        short = style == "chapter-cn" or _is_short_heading(rest, self.language)
        if short:
            # A numbered heading: its own level, labelled by its number under numbered ancestors.
            while self.heading_stack and self.heading_stack[-1].level >= level:
                self.heading_stack.pop()
            parent = self.heading_stack[-1] if self.heading_stack else None
            base = parent.label if parent is not None and parent.numbered else ""
            self._open(line, _join_label(base, token), rest.strip(), "section", level, True,
                       len(text), True)
            return
        chain = self.open_items
        while chain and chain[-1].style >= level:
            chain = chain[:-1]
        title = _title_of(rest, self.language)
        body_start = min(prefix if not title else prefix + len(title) + 1, len(text))
        if chain:  # a deeper-numbered paragraph under the numbered paragraph before it
            holder = chain[-1]
            self._open(line, _join_label(holder.label, token), title, "section", holder.level + 1,
                       True, body_start, False, holder=holder)
        else:
            self._open_item(line, token, title, body_start, level)
        self.sections[-1].style = level
        self.open_items = chain + [self.sections[-1]]

    def _open_item(self, line: tuple[int, str], token: str, title: str, body_start: int,
                   level: int) -> None:
        """A numbered paragraph: an item under the innermost open heading."""
        parent = self.heading_stack[-1] if self.heading_stack else None
        base = parent.label if parent is not None and parent.numbered else ""
        item_level = (parent.level + 1) if parent is not None else level
        section_level = max(item_level, 1)
        while self.heading_stack and self.heading_stack[-1].level >= section_level:
            self.heading_stack.pop()
        self._open(line, _join_label(base, token), title, "section", section_level, True,
                   body_start, False)

    def finish(self) -> ParsedDocument:
        clauses: dict[str, Clause] = {}
        roots: list[str] = []
        for s in self.sections:
            text = "\n".join(t for _, t in s.lines)
            body_start = s.body_start
            if body_start == len(s.lines[0][1]) and len(s.lines) > 1:
                body_start = len(s.lines[0][1]) + 1
            # past a wrapped title's second line (_extend_title) the body starts on the next line
            while body_start < len(text) and text[body_start] in " \n":
                body_start += 1
            depth = 0 if s.parent is None else clauses[s.parent].depth + 1
            clause = Clause(
                doc=self.doc_id, key=s.key, number=None, label=s.label, title=s.title,
                kind=s.kind if s.kind in ("title", "preamble") else "section", text=text,
                body_start=body_start, first_line=s.lines[0][0],
                line_numbers=tuple(n for n, _ in s.lines), parent=s.parent, depth=depth,
            )
            clause.items, _ = parse_items(clause)
            clauses[clause.key] = clause
            if s.parent is None:
                roots.append(clause.key)
            else:
                clauses[s.parent].children.append(clause.key)
        return ParsedDocument(clauses, roots)


def parse_sections(doc_id: str, text: str, language: str) -> ParsedDocument:
    """Parse an unnumbered document into sections (see module docstring)."""
    builder = _SectionBuilder(doc_id, language)
    paragraph = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            paragraph += 1
            builder.add(line_no, line.strip(), paragraph)
    return builder.finish()
