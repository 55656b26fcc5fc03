"""Remove what is not the document from a raw web copy: page furniture, headline lists, addresses,
image names, copyright and disclaimer lines. Kept lines are the source's words exactly (only
surrounding whitespace is trimmed), so quotes taken from the cleaned text match the source.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.textutil import has_cjk

# (reason, pattern) pairs that mark a whole line as furniture in any document.
FURNITURE: list[tuple[str, re.Pattern[str]]] = [
    ("image name", re.compile(r"^[\w\-. ]+\.(jpe?g|png|gif|webp|bmp|svg)$", re.I)),
    ("image caption placeholder", re.compile(r"^图片名称$")),
    # Copyright notices, not sentences about copyright: "Copyright ©2016 …", "© 2020 …",
    # "XX公司 版权所有" on a short line, ICP licence numbers, "All rights reserved".
    ("copyright line", re.compile(
        r"^copyright\b|(©|copyright)\s*\d{4}|^.{0,40}版权所有\s*(\||$)|ICP备\d+号|all rights reserved",
        re.I)),
    ("disclaimer", re.compile(r"^(免责声明|disclaimer)", re.I)),
    ("breadcrumb", re.compile(r"^(您的位置|当前位置|current location)", re.I)),
    ("release stamp", re.compile(r"^(release time:?|发布时间[:：]?)$", re.I)),
    ("release stamp", re.compile(r"^\d{4}-\d{2}-\d{2}$")),
    ("news source line", re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?\s*来源")),
    ("subscription furniture", re.compile(
        r"^(more .*(information|news)|follow the official|service number|subscription number"
        r"|订阅号|SEO标签|扫码关注)", re.I)),
    ("address", re.compile(r"^(head office|subsidiary company|地址[:：])", re.I)),
    ("address", re.compile(r"\b\d+\s*/\s*F,|\bBlock [A-Z]\d+,|\bNo\.\s?\d+ \w+ \w* ?(Road|Avenue|Street)\b")),
    ("page number", re.compile(r"^[-—\s]*(\d{1,4}|[IVX]{1,5}|[ivx]{1,5})[-—\s]*$")),
]



def _union(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern that matches a line when any of `patterns` does (each keeps its own flags), so
    most lines cost one regex search instead of one per pattern."""
    parts = [f"(?i:{p.pattern})" if p.flags & re.I else f"(?:{p.pattern})" for p in patterns]
    return re.compile("|".join(parts))


_ANY_FURNITURE = _union([pattern for _, pattern in FURNITURE])


@dataclass(frozen=True)
class DocumentRules:
    """Per-document rules on top of the generic ones (from corpus/cleaning.json)."""

    drop: tuple[str, ...] = ()  # regexes for whole lines to drop
    strip_prefix: tuple[str, ...] = ()  # regexes for a news lead-in before the document's words


@dataclass
class CleanResult:
    text: str
    dropped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, reason, text)
    trimmed: list[tuple[int, str]] = field(default_factory=list)  # (line, removed prefix)


def _is_headline_list(line: str) -> bool:
    """A run of Chinese news headlines pasted as one line: very long, many gaps, no full stop."""
    return has_cjk(line) and len(line) > 300 and line.count(" ") >= 20 and "。" not in line


def _repeated_short_lines(lines: list[str]) -> set[str]:
    """Running headers and footers of a paginated source: short lines repeated many times."""
    counts = Counter(line.strip() for line in lines if 6 <= len(line.strip()) <= 40)
    return {line for line, n in counts.items() if n >= 4}


def clean_text(raw: str, rules: DocumentRules | None = None) -> CleanResult:
    """Clean one document; blank lines are kept so line numbers stay close to the source."""
    rules = rules or DocumentRules()
    drops = [re.compile(p) for p in rules.drop]
    prefixes = [re.compile(p) for p in rules.strip_prefix]
    raw_lines = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").split("\n")
    repeated = _repeated_short_lines(raw_lines)
    result = CleanResult(text="")
    kept: list[str] = []
    for number, raw_line in enumerate(raw_lines, start=1):
        line = raw_line.strip().replace("\u00a0", " ").strip()
        reason = None
        if line:
            if _ANY_FURNITURE.search(line):
                reason = next((why for why, pattern in FURNITURE if pattern.search(line)), None)
            if reason is None and any(p.search(line) for p in drops):
                reason = "document-specific furniture"
            if reason is None and _is_headline_list(line):
                reason = "news headline list"
            if reason is None and line in repeated:
                reason = "running header or footer"
        if reason:
            result.dropped.append((number, reason, line))
            continue
        for prefix in prefixes:
            m = prefix.match(line)
            if m:
                result.trimmed.append((number, m.group(0)))
                line = line[m.end():].lstrip()
        kept.append(line)
    result.text = _squeeze_blank_lines("\n".join(kept)).strip("\n") + "\n"
    return result


def _squeeze_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text)
