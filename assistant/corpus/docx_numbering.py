"""Word's automatic numbers, computed the way Word prints them.

A numbered paragraph in a .docx holds only its text; the number ("4.2.1", "a)", "一、") is made
by Word from numbering.xml: a paragraph (directly or through its style) names a numbering
instance (`w:num`) and a level; the instance points at a list definition (`w:abstractNum`) whose
level says the start value, the number format and the text pattern ("%1.%2.%3"). Counters belong
to the list definition, so instances of one definition continue each other unless an instance
restarts a level (`w:lvlOverride/w:startOverride`). No library we measured computes this
correctly (README, importing), and clause numbers are the product's core, so it is done here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVEL_REF = re.compile(r"%([1-9])")
_CN_DIGITS = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag ("p" -> "{...main}p")."""
    return f"{{{W}}}{tag}"


def _val(element: etree._Element | None, tag: str) -> str | None:
    child = element.find(w(tag)) if element is not None else None
    return child.get(w("val")) if child is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def chinese_number(n: int) -> str:
    """一, 十, 十一, 二十三, 一百零五, 一千二百 (Word's chineseCounting/…Thousand)."""
    if n <= 0:
        return _CN_DIGITS[0] if n == 0 else str(n)
    if n >= 10000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += _CN_DIGITS[0]
            zero = False
        out += ("" if digit == 1 and unit == "十" and not out else _CN_DIGITS[digit]) + unit
    return out


def _letters(n: int) -> str:
    """a … z, aa … zz, aaa (Word repeats the letter, it does not count like spreadsheets)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _enclosed(n: int, first: int, count: int) -> str:
    return chr(first + n - 1) if 1 <= n <= count else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word number format (numFmt); unknown formats print as decimal."""
    formatters = {
        "decimal": str, "decimalZero": lambda v: f"{v:02d}",
        "lowerLetter": _letters, "upperLetter": lambda v: _letters(v).upper(),
        "lowerRoman": _roman, "upperRoman": lambda v: _roman(v).upper(),
        "chineseCounting": chinese_number, "chineseCountingThousand": chinese_number,
        "taiwaneseCounting": chinese_number, "taiwaneseCountingThousand": chinese_number,
        "ideographDigital": lambda v: "".join(_CN_DIGITS[int(d)] for d in str(v)),
        "ideographTraditional": lambda v: _STEMS[(v - 1) % 10],
        "ideographZodiac": lambda v: _BRANCHES[(v - 1) % 12],
        "decimalEnclosedCircle": lambda v: _enclosed(v, 0x2460, 20),
        "decimalEnclosedCircleChinese": lambda v: _enclosed(v, 0x2460, 20),
        "decimalEnclosedParen": lambda v: _enclosed(v, 0x2474, 20),
        "decimalEnclosedFullstop": lambda v: _enclosed(v, 0x2488, 20),
        "decimalFullWidth": lambda v: "".join(chr(0xFF10 + int(d)) for d in str(v)),
        "none": lambda v: "",
    }
    return formatters.get(fmt, str)(n)


@dataclass(frozen=True)
class Level:
    """One level of a list definition (w:lvl)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""  # lvlText, e.g. "%1.%2" or "%1)"
    suffix: str = " "  # what Word puts between number and text: tab or space print as a space
    legal: bool = False  # isLgl: every level's number printed as decimal
    restart: int | None = None  # lvlRestart: restart after this level (1-based); 0 = never
    style: str | None = None  # pStyle: the paragraph style this level belongs to

    @classmethod
    def parse(cls, lvl: etree._Element, base: "Level | None" = None) -> "Level":
        base = base or cls()
        suff = _val(lvl, "suff")
        restart = _val(lvl, "lvlRestart")
        return cls(start=_int(_val(lvl, "start"), base.start),
                   fmt=_val(lvl, "numFmt") or base.fmt,
                   text=_val(lvl, "lvlText") if lvl.find(w("lvlText")) is not None else base.text,
                   suffix={"nothing": "", None: base.suffix}.get(suff, " "),
                   legal=lvl.find(w("isLgl")) is not None and _val(lvl, "isLgl") not in ("0", "false"),
                   restart=_int(restart, 0) if restart is not None else base.restart,
                   style=_val(lvl, "pStyle") or base.style)


@dataclass
class _Instance:
    """A w:num: the list definition it uses and the levels it restarts or redefines."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)
    used: bool = False


class Numbering:
    """The lists of one document and their running counters; `label` is called for each
    numbered paragraph in document order and returns the printed number ("4.2.1", "a)")."""

    def __init__(self, root: etree._Element | None, num_style_links: dict[str, str]) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstractNum id -> numbering style it follows
        self._instances: dict[str, _Instance] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._starts: dict[str, dict[int, int]] = {}
        self._style_links = num_style_links  # numbering style id -> numId in its pPr
        if root is None:
            return
        for node in root.iterfind(w("abstractNum")):
            key = node.get(w("abstractNumId"), "")
            self._abstract[key] = {_int(lvl.get(w("ilvl")), 0): Level.parse(lvl)
                                   for lvl in node.iterfind(w("lvl"))}
            link = _val(node, "numStyleLink")
            if link:
                self._links[key] = link
        for node in root.iterfind(w("num")):
            instance = _Instance(_val(node, "abstractNumId") or "")
            for override in node.iterfind(w("lvlOverride")):
                ilvl = _int(override.get(w("ilvl")), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    instance.starts[ilvl] = _int(start, 1)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    instance.levels[ilvl] = Level.parse(lvl)
            self._instances[node.get(w("numId"), "")] = instance

    def _definition(self, abstract: str) -> tuple[str, dict[int, Level]]:
        """Follow a numStyleLink (a list that takes its levels from a numbering style)."""
        for _ in range(5):
            link = self._links.get(abstract)
            target = self._instances.get(self._style_links.get(link or "", ""))
            if not link or target is None or target.abstract == abstract:
                break
            abstract = target.abstract
        return abstract, self._abstract.get(abstract, {})

    def level_for_style(self, num_id: str, style: str) -> int | None:
        """The level of list `num_id` tied to paragraph style `style` (w:lvl/w:pStyle)."""
        instance = self._instances.get(num_id)
        if instance is None:
            return None
        for ilvl, level in sorted(self._definition(instance.abstract)[1].items()):
            if level.style == style:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """The printed number of the next paragraph in list `num_id` at level `ilvl` and the
        separator after it, advancing the counters; None when the list or level is unknown."""
        instance = self._instances.get(num_id)
        if instance is None:
            return None
        abstract, levels = self._definition(instance.abstract)
        levels = {**levels, **instance.levels}
        if ilvl not in levels:
            return None
        counters = self._counters.setdefault(abstract, {})
        starts = self._starts.setdefault(abstract, {})
        if not instance.used:  # an instance that restarts levels restarts them where it begins
            instance.used = True
            for restarted in set(instance.starts) | set(instance.levels):
                counters.pop(restarted, None)
                starts[restarted] = instance.starts.get(restarted, levels[restarted].start)
        level = levels[ilvl]
        start = starts.get(ilvl, level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return _bullet(level.text), level.suffix

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            ref = levels.get(k, Level())
            n = counters.get(k, starts.get(k, ref.start))
            fmt = level.fmt if k == ilvl else ref.fmt
            return format_number(n, "decimal" if level.legal and fmt != "none" else fmt)

        return _LEVEL_REF.sub(value, level.text), level.suffix

    def known(self, num_id: str) -> bool:
        """Whether `num_id` names a numbering instance (numId 0 switches numbering off)."""
        return num_id in self._instances


def _bullet(text: str) -> str:
    """A bullet as printed: symbol-font glyphs (private use area) print as a dot."""
    if not text or any(0xF000 <= ord(ch) <= 0xF0FF for ch in text):
        return "•"
    return text
