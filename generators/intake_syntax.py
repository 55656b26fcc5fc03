"""Why a questionnaire is not valid YAML, said as a consultant can act on it: the line the
mistake is on (PyYAML often notices it a line or more later) and its cause, in English and in
Chinese; and the language of a text that cannot be parsed.

The causes are the slips seen in filled-in intakes: a full-width colon (staff： 60) or a
full-width space after the colon, no space after the colon, a tab, a bracket or quote left open,
a ': ' inside an unquoted value, a list item's '-' without a space, a line indented unlike its
neighbours, a backslash in double quotes, an invisible control character. Anything else gets
the line PyYAML names and no cause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from assistant.textutil import has_cjk

_NAME = re.compile(r"^[ \t]+name:[ \t]*(.*)$")
# a key ended by a full-width colon: no ASCII colon before it, not a comment
_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?([^\s#:：'\"{}\[\],][^#:：]*?)\s*：")
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[^\s#'\"][^#]*?:(?:\s|$)")
_NO_SPACE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w.-]*):([^\s/])")
_OPEN_QUOTE = re.compile(r"^\s*(?:-\s+)?(?:[^#'\"]*?:\s+)?(['\"])")


@dataclass(frozen=True)
class SyntaxProblem:
    """Where a questionnaire's YAML breaks (1-based line; None when unknown) and why, in
    English and Chinese ('' when no cause is known)."""

    line: int | None
    en: str = ""
    zh: str = ""


def has_chinese(text: str) -> bool:
    """Whether the text holds a Chinese character outside '#' comments."""
    return any(has_cjk(line.split("#", 1)[0]) for line in text.splitlines())


def guess_language(text: str) -> str:
    """'zh' or 'en' for a questionnaire whose YAML cannot be read: the company name's line
    decides when it can be found (the first indented `name:` after `company:`), else whether
    the text outside comments holds Chinese."""
    lines = text.removeprefix("\ufeff").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("company:")), None)
    if start is not None:
        for line in lines[start + 1:]:
            if line and not line[0].isspace() and not line.startswith("#"):
                break  # the next section
            match = _NAME.match(line.split(" #", 1)[0])
            if match and match[1].strip():
                return "zh" if has_cjk(match[1]) else "en"
    return "zh" if has_chinese(text) else "en"


def _unclosed_quote(line: str) -> str | None:
    """The quote character a value on this line opens and does not close, or None."""
    match = _OPEN_QUOTE.match(line)
    if match is None:
        return None
    quote, rest = match[1], line[match.end():]
    if quote == "'":
        rest = rest.replace("''", "")
    elif "\\" in rest:
        rest = re.sub(r"\\.", "", rest)
    return None if quote in rest else quote


def _full_width_colon(lines: list[str], first: int, last: int) -> SyntaxProblem | None:
    """A key ended by '：' on line `last` or the lines above it down to `first` that are no
    'key: value' lines (PyYAML reads them as one text until the next real key)."""
    for number in range(last, max(first, 1) - 1, -1):
        text = lines[number - 1] if number <= len(lines) else ""
        match = _FULL_WIDTH_KEY.match(text)
        if match:
            key = match[1].strip()
            return SyntaxProblem(number, f"the colon after '{key}' is a full-width '：' — use ':' "
                                 "followed by a space",
                                 f"“{key}”后的冒号是全角“：”——请改为半角冒号“:”，其后加一个空格")
        if number < last and _KEY_LINE.match(text):
            break
    return None


def _cause_on(line: str, number: int) -> SyntaxProblem | None:
    """A cause that can be seen on the line itself."""
    if "\t" in line.split("#", 1)[0]:
        return SyntaxProblem(number, "a tab character — indent and separate with spaces",
                             "含有制表符（Tab）——请用空格缩进和分隔")
    if re.match(r"^\s*(?:-\s+)?[^\s#][^#]*?:\u3000", line):
        return SyntaxProblem(number, "the space after ':' is a full-width space — use an "
                             "ordinary space", "“:”后是全角空格——请改为半角空格")
    match = _NO_SPACE.match(line)
    if match:
        return SyntaxProblem(number, f"no space after the colon of '{match[1]}' — write "
                             f"'{match[1]}: …'", f"“{match[1]}”的冒号后缺少空格——请写作"
                             f"“{match[1]}: …”")
    if re.match(r"^\s*-[^\s-]", line):
        return SyntaxProblem(number, "a list item's '-' needs a space after it",
                             "列表项的“-”后需要一个空格")
    quote = _unclosed_quote(line)
    if quote:
        return SyntaxProblem(number, f"the quote ({quote}) opened on this line is not closed",
                             f"本行的引号（{quote}）没有闭合")
    return None


def _bracket(line: str, number: int, opener: str) -> SyntaxProblem:
    closer = {"[": "]", "{": "}"}[opener]
    full = {"[": "［", "{": "｛"}[opener]
    hint_en = f" (a full-width '{full}' does not count)" if full in line else ""
    hint_zh = f"（全角“{full}”不算）" if full in line else ""
    return SyntaxProblem(number, f"the '{opener}' opened on this line is not closed with "
                         f"'{closer}'{hint_en}",
                         f"本行的“{opener}”没有对应的“{closer}”{hint_zh}")


def explain(error: yaml.YAMLError, text: str) -> SyntaxProblem:
    """The line and cause of a YAML error PyYAML raised reading `text`."""
    lines = text.removeprefix("\ufeff").split("\n")
    if isinstance(error, yaml.reader.ReaderError):
        number = text[:error.position].count("\n") + 1
        return SyntaxProblem(number, f"holds an invisible control character (U+{error.character:04X})"
                             if isinstance(error.character, int) else "",
                             f"含有不可见的控制字符（U+{error.character:04X}）"
                             if isinstance(error.character, int) else "")
    if not isinstance(error, yaml.MarkedYAMLError) or error.problem_mark is None:
        return SyntaxProblem(None)
    problem = error.problem_mark.line + 1
    context = error.context_mark.line + 1 if error.context_mark is not None else None
    what, where = error.problem or "", error.context or ""

    def line(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    full_width = _full_width_colon(lines, context or max(problem - 20, 1), problem)
    if "flow sequence" in where or "flow mapping" in where:
        if context is not None and "expected ','" in what:
            return _bracket(line(context), context, "[" if "sequence" in where else "{")
    if full_width is not None:
        return full_width
    if "unknown escape" in what or "expected escape" in what:
        return SyntaxProblem(problem, "a backslash inside double quotes — use single quotes "
                             "('…') for text with \\", "双引号中含有反斜杠“\\”——请改用单引号（'…'）")
    for number in filter(None, (context, problem)):
        found = _cause_on(line(number), number)
        if found is not None:
            return found
    first = context or 1
    for number in range(first, problem):  # a quote left open runs on until something breaks
        quote = _unclosed_quote(line(number))
        if quote:
            return SyntaxProblem(number, f"the quote ({quote}) opened on this line is not "
                                 "closed", f"本行的引号（{quote}）没有闭合")
    if "mapping values are not allowed" in what:
        return SyntaxProblem(problem, "a ': ' inside a value — put the whole value in quotes "
                             "('…')", "值中含有“: ”——请给整个值加上引号（'…'）")
    if "expected <block end>" in what or "did not find expected key" in what \
            or "did not find expected '-'" in what:
        return SyntaxProblem(problem, "indented unlike the lines above — align it with the other "
                             "keys of its section (spaces only)",
                             "缩进与上文不一致——请与同一部分的其他字段对齐（只用空格）")
    if "could not find expected ':'" in what and context is not None:
        return SyntaxProblem(context, "a line that is not 'key: value' — check its colon",
                             "本行不是“键: 值”的形式——请检查冒号")
    return SyntaxProblem(problem)
