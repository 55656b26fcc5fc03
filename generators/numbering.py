"""Document numbers from a company's numbering scheme, e.g. "{short}-IPM-{kind}-{seq:02d}".

A scheme comes from the intake, so it is user data: it may name only {short} (the company's
short name), {kind} (M manual, P procedure, R record form) and {seq} (a number from 1), each
with at most a fill character, an alignment, zero padding and a small width, and between them
only Latin letters, digits and the SEPARATORS (- / _ . · － and the space); the numbers it
makes are bounded in length and distinct for every document a package can hold. Numbers appear
in documents and, reduced by generators.safepath.safe_name, in file names.

In the Word files a number is one run laid out by the Latin line-breaking rules
(generators.word_text), so it breaks at most after a hyphen or slash before a letter, never
inside a digit group; it is written as the scheme makes it, so a reader's search (Word's or
LibreOffice's Find, a document system's index) finds it and a copy pastes it as it reads
(`unbreakable` marks only what those rules would break anywhere: a space becomes U+202F NARROW
NO-BREAK SPACE, U+2060 WORD JOINER stands around a full-width hyphen and between the characters
of a short Chinese name). Whatever reads the package's text finds every number the scheme makes
(`number_pattern`: the docx writer, the polish guard), written plainly or unbreakably.
"""
from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache

from assistant.textutil import NO_BREAK_SPACE, WORD_JOINER

FIELDS = ("short", "kind", "seq")
KINDS = ("M", "P", "R")
MAX_SCHEME_CHARS = 80
MAX_WIDTH = 12
MAX_NUMBER_CHARS = 64
MAX_SEQ = 99  # the catalogue's highest code is R64
MAX_SHORT_NAME = 20  # the longest short name the intake accepts (generators.intake)

# What a scheme may put between (and around) its fields besides Latin letters and digits.
# LibreOffice breaks a line at a space (a no-break space U+00A0 too, in a Chinese paragraph) and
# on either side of the full-width hyphen, so those two are kept unbreakable in the Word files.
SEPARATORS = "-/_.·－ "
SEPARATORS_SAID = "- / _ . · － and the space"
_JOINED_AROUND = "－"  # a full-width hyphen (line-breaking class ID) breaks on both sides
_FORMERLY_JOINED = "-/_.·&+"  # packages before session 33 wrote a word joiner after these

_SPEC = re.compile(r"(?:(?P<fill>[^{}])?(?P<align>[<>^=]))?(?P<zero>0)?(?P<width>\d+)?"
                   r"(?P<type>[sd])?")


def _check_field(name: str | None, spec: str | None, conversion: str | None) -> None:
    if name not in FIELDS:
        shown = "{}" if name == "" else "{" + str(name) + "}"
        raise ValueError(f"may only use {{short}}, {{kind}} and {{seq}}, not {shown}")
    if conversion is not None:
        raise ValueError(f"{{{name}!{conversion}}}: conversions are not allowed")
    match = _SPEC.fullmatch(spec or "")
    if match is None:
        raise ValueError(f"{{{name}:{spec}}}: only a fill, an alignment, zero padding and a "
                         f"width are allowed")
    if match["width"] and int(match["width"]) > MAX_WIDTH:
        raise ValueError(f"{{{name}:{spec}}}: width at most {MAX_WIDTH}")
    if match["type"] and match["type"] != ("d" if name == "seq" else "s"):
        raise ValueError(f"{{{name}:{spec}}}: type '{match['type']}' does not fit {{{name}}}")


def unkept(scheme: str) -> list[str]:
    """The characters of `scheme` outside its fields (and fill characters) that the Word files
    cannot keep from breaking a number across lines: not Latin letters, digits or SEPARATORS
    ('（', ':', Chinese characters). A scheme with them stays valid (intakes that were valid stay
    so); `ipms intake check` warns (generators.intake_crosscheck.numbering_problems)."""
    out: list[str] = []
    try:
        parts = list(string.Formatter().parse(scheme))
    except ValueError:
        return out
    for literal, _name, spec, _ in parts:
        match = _SPEC.fullmatch(spec or "")
        fill = (match["fill"] or "") if match else ""
        for ch in _unjoined(literal) + fill:
            if not (ch.isascii() and ch.isalnum()) and ch not in SEPARATORS and ch not in out:
                out.append(ch)
    return out


def _unjoined(text: str) -> str:
    """`text` without its short runs of Chinese characters, which unbreakable keeps whole."""
    return WIDE_RUN.sub(lambda m: "" if len(m.group()) <= MAX_JOINED_WIDE else m.group(), text)


def unkept_short(scheme: str, short: str) -> list[str]:
    """The characters of the company's short name that a document number of `scheme` holds
    (it names {short}) and the Word files cannot keep from breaking across lines: as unkept
    (a short name of at most MAX_JOINED_WIDE Chinese characters, '星港', is kept whole;
    '星港数字娱乐科技-IPM-P-03' may break between two of them). [] when the scheme does not
    name {short}."""
    if "{short" not in scheme:
        return []
    return list(dict.fromkeys(ch for ch in _unjoined(short) if not (ch.isascii() and ch.isalnum())
                              and ch not in SEPARATORS))


def _numbers(scheme: str, short: str) -> list[str]:
    return [scheme.format(short=short, kind=kind, seq=seq)
            for kind in KINDS for seq in range(1, MAX_SEQ + 1)]


@lru_cache(maxsize=64)
def check_scheme(scheme: str) -> None:
    """Raise ValueError (a one-line reason, no field name) unless `scheme` is a usable numbering
    scheme: at most MAX_SCHEME_CHARS visible characters, fields {short}, {kind}, {seq} only with
    bounded format specs, {kind} and {seq} both present, every number at most MAX_NUMBER_CHARS
    long and different from every other."""
    if len(scheme) > MAX_SCHEME_CHARS:
        raise ValueError(f"at most {MAX_SCHEME_CHARS} characters")
    if any(unicodedata.category(ch)[0] == "C" for ch in scheme):
        raise ValueError("must not contain control or invisible characters")
    try:
        parts = list(string.Formatter().parse(scheme))
    except ValueError:
        raise ValueError("unbalanced braces (write {{ and }} for literal braces)") from None
    used = set()
    for _literal, name, spec, conversion in parts:
        if name is not None:
            _check_field(name, spec, conversion)
            used.add(name)
    if not {"kind", "seq"} <= used:
        raise ValueError("must contain {kind} and {seq}, so that every document gets its own "
                         "number")
    try:
        numbers = _numbers(scheme, "W" * MAX_SHORT_NAME)
    except ValueError as exc:
        raise ValueError(f"cannot be applied: {exc}") from None
    longest = max(numbers, key=len)
    if len(longest) > MAX_NUMBER_CHARS:
        raise ValueError(f"makes numbers longer than {MAX_NUMBER_CHARS} characters")
    seen: dict[str, str] = {}
    for number in _numbers(scheme, "ZH"):
        if number in seen:
            raise ValueError(f"gives two documents the same number ({number})")
        seen[number] = number


def document_number(scheme: str, short: str, kind: str, seq: int) -> str:
    """The number of document `kind` (M, P or R) `seq` (1…MAX_SEQ), e.g. 'ZH-IPM-P-03'.

    Raises ValueError when the scheme is not usable (see check_scheme) or kind/seq is out of
    range, so a scheme that skipped validation still cannot produce an unbounded string."""
    check_scheme(scheme)
    if kind not in KINDS or not 1 <= seq <= MAX_SEQ or len(short) > MAX_SHORT_NAME:
        raise ValueError(f"no document number for {kind}{seq} with short name {short[:30]!r}")
    return scheme.format(short=short, kind=kind, seq=seq)


def unbreakable(number: str) -> str:
    """`number` as the Word files write it: each space a narrow no-break space, a word joiner on
    each side of a full-width hyphen and of each character of a short run of Chinese characters
    (a short name such as '知产部', at most MAX_JOINED_WIDE; a longer run may break, it would not
    fit a narrow column) — what the Unicode line-breaking rules would break anywhere. Latin
    separators stay as written, so Find matches the number ('ZH-P-03' is written 'ZH-P-03').
    Idempotent: 'ZH IPM P 03' → 'ZH\u202fIPM\u202fP\u202f03', '知产-P' → '知\u2060产\u2060-P'.
    assistant.textutil.visible reads it back as written."""
    clean = number.replace(WORD_JOINER, "")
    short = {i for run in WIDE_RUN.finditer(clean) if len(run.group()) <= MAX_JOINED_WIDE
             for i in range(run.start(), run.end())}
    out = []
    for i, ch in enumerate(clean):
        if ch in (" ", NO_BREAK_SPACE):
            out.append(NO_BREAK_SPACE)
        elif ch in _JOINED_AROUND:
            out.append(WORD_JOINER + ch + WORD_JOINER)
        else:
            out.append(ch)
        if (i in short or i + 1 in short) and i + 1 < len(clean) \
                and not {ch, clean[i + 1]} & {" ", NO_BREAK_SPACE}:
            out.append(WORD_JOINER)
    joined = "".join(out)
    while WORD_JOINER * 2 in joined:
        joined = joined.replace(WORD_JOINER * 2, WORD_JOINER)
    return joined.removesuffix(WORD_JOINER)


# Chinese (and other East-Asian) characters: LibreOffice breaks a line between any two of them
# unless their text is tagged with a language other than Chinese (generators.word_text) and a
# word joiner stands between them
WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
WIDE_RUN = re.compile(WIDE.pattern + "+")
MAX_JOINED_WIDE = 6  # the longest run of them kept on one line (a short name: '知产部')


def _flexible(text: str) -> str:
    """A regex for `text` written plainly or unbreakably (unbreakable)."""
    out = []
    for ch in text:
        if ch in (" ", NO_BREAK_SPACE):
            out.append(f"[ {NO_BREAK_SPACE}]")
        elif ch in _JOINED_AROUND or ch in _FORMERLY_JOINED or WIDE.match(ch):
            out.append(f"{WORD_JOINER}?{re.escape(ch)}{WORD_JOINER}?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _one_of(values: list[str]) -> str:
    return "(?:" + "|".join(_flexible(v) for v in sorted(set(values), key=len, reverse=True)) + ")"


@lru_cache(maxsize=64)
def number_pattern(scheme: str, short: str) -> re.Pattern:
    """A regex that finds every number `scheme` gives a document of company `short` (kinds M, P,
    R; 1…MAX_SEQ), written plainly or unbreakably, and nothing that merely contains one ('P03'
    is not found in 'SP031'). ValueError as document_number."""
    check_scheme(scheme)
    parts = []
    for literal, name, spec, _ in string.Formatter().parse(scheme):
        parts.append(_flexible(literal))
        if name == "short":
            parts.append(_flexible(format(short, spec or "")))
        elif name == "kind":
            parts.append(_one_of([format(kind, spec or "") for kind in KINDS]))
        elif name == "seq":
            parts.append(_one_of([format(seq, spec or "") for seq in range(1, MAX_SEQ + 1)]))
    return re.compile(r"(?<![A-Za-z0-9])" + "".join(parts) + r"(?![A-Za-z0-9])")
