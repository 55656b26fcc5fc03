"""A procedure step that records something without naming where (lint.yaml `unnamed_record`).

An auditor asks for the record of each step that says it records (记录问题, 记录在案, "records
the problems"): a step (a Heading 2 of section 5 and its text) whose words record something and
that names no record form (a title in 《》 or a document number of the package: those its
documents' headers give, whatever the numbering scheme, 'ZH-IPM-R-05', 'P03', 'HZY IPM R 05')
is a finding.
"""
from __future__ import annotations

import re

from generators.package_reader import Paragraph


def _steps(document):
    """(step heading, its text) of each Heading 2 of the document."""
    title, texts = None, []
    for block in document.blocks:
        if not isinstance(block, Paragraph):
            continue
        style = block.style.lower()
        if style.startswith(("heading1", "heading2")):
            if title is not None:
                yield title, "".join(texts)
            title, texts = (block.text, []) if style.startswith("heading2") else (None, [])
        elif title is not None:
            texts.append(block.text)
    if title is not None:
        yield title, "".join(texts)


def _own_numbers(package) -> re.Pattern | None:
    """A regex finding a document number of the package (as its documents' headers give it,
    read back), not one merely containing it; None when no document has a number."""
    numbers = {d.number for d in package.documents
               if d.kind != "other" and re.search(r"\d", d.number)}
    if not numbers:
        return None
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(
        re.escape(n) for n in sorted(numbers, key=len, reverse=True)) + r")(?![A-Za-z0-9])")


def check_unnamed_records(package) -> None:
    """A finding for each procedure step that records without naming a record form."""
    rule = package.rules["unnamed_record"]
    verbs = re.compile("|".join(rule[package.language]))
    named = re.compile(rule["named"])
    own = _own_numbers(package)
    for document in package.documents:
        if document.kind != "procedure":
            continue
        for title, text in _steps(document):
            match = verbs.search(text)
            if match and not named.search(text) and not (own and own.search(text)):
                package.say("unnamed-record", document, title, "record_unnamed",
                            step=title, match=match.group())
