"""Document numbers from a company's numbering scheme, e.g. "{short}-IPM-{kind}-{seq:02d}".

A scheme comes from the intake, so it is user data: it may name only {short} (the company's
short name), {kind} (M manual, P procedure, R record form) and {seq} (a number from 1), each
with at most a fill character, an alignment, zero padding and a small width; the numbers it
makes are bounded in length and distinct for every document a package can hold. Numbers appear
in documents and, reduced by generators.safepath.safe_name, in file names.
"""
from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache

FIELDS = ("short", "kind", "seq")
KINDS = ("M", "P", "R")
MAX_SCHEME_CHARS = 80
MAX_WIDTH = 12
MAX_NUMBER_CHARS = 64
MAX_SEQ = 99  # the catalogue's highest code is R64
MAX_SHORT_NAME = 20  # the longest short name the intake accepts (generators.intake)

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
    for _, name, spec, conversion in parts:
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
