"""Package lint check `section`: a section a text names in quotes that no heading has.

A manual or procedure sends its reader to a section by its title: 'written into the section "Scope
and statement of exclusions" of this manual', '见本手册“适用范围与删减说明”一节', 'through the step
'Changing documents''. A quoted title that is no heading ("Scope and exclusions" for the heading
"Scope and statement of exclusions") leaves an auditor looking for a section nobody can find.

A quoted name counts as a section's title when the words around it say so (lint.yaml `sections`:
before it, e.g. 本手册/见/各章的 or 'the section'/'see'/'under'; after it, e.g. 一节/步骤 or
'section'/'of this manual'), and not when what follows makes it a field, a mark or a principle
(一栏, 标识, 原则 …); a clause number may stand between the words before and the name (见5.6“…”,
'step 5.6 "…"'). It must then be the title of a heading — its number left out, in English
regardless of case — of the manual, of the document it is in, or of another document of the
package the same text names by its title. Each name is reported once per
document (message `section_unknown`). Both languages.
"""
from __future__ import annotations

import re

from generators.package_reader import Paragraph

# a quoted name: in English an apostrophe inside a word ('company's') is no quotation mark
_QUOTED = {"zh": r"[“\"]([^“”\"]{2,40})[”\"]",
           "en": r"(?<!\w)[“\"‘']([^“”\"‘’]{2,80}?)[”\"’'](?!\w)"}
_NUMBER = re.compile(r"^(?:第[一二三四五六七八九十\d]+章\s*|Chapter\s+\d+\s+|\d+(?:\.\d+)*\s+)")


def headings(document) -> set[str]:
    """The titles of `document`'s headings, numbers left out and folded for comparison."""
    return {_fold(_NUMBER.sub("", b.text.strip())) for b in document.blocks
            if isinstance(b, Paragraph) and b.style.lower().startswith(("heading", "title"))}


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def section_names(text: str, words: dict, language: str) -> list[str]:
    """The quoted names in `text` that the words around them make a section's title."""
    before = "|".join(map(re.escape, words["before"]))
    after = "|".join(map(re.escape, words["after"]))
    not_after = "|".join(map(re.escape, words.get("not_after", [])))
    found = []
    for match in re.finditer(_QUOTED[language], text):
        ahead, behind = text[match.end():], text[:match.start()]
        if not_after and re.match(rf"\s*(?:{not_after})", ahead, re.IGNORECASE):
            continue
        if (re.search(rf"(?:{before})\s*(?:\d+(?:\.\d+)*\s*)?$", behind, re.IGNORECASE)
                or re.match(rf"\s*(?:{after})", ahead, re.IGNORECASE)):
            found.append(match.group(1).strip())
    return found


def check_section_names(package) -> None:
    """Report (`section`) each quoted section title of a manual or procedure that is the title of
    no heading of the manual or of the document itself (module docstring)."""
    language = "zh" if package.language == "zh" else "en"
    words = package.rules["sections"][language]
    manual = headings(package.manual) if package.manual is not None else set()
    others = {d.title: d for d in package.documents
              if d.kind in ("manual", "procedure") and d.title}
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        own = manual | headings(document)
        seen: set[str] = set()
        for where, text in document.texts():
            names = section_names(text, words, language)
            if not names:
                continue
            # a section of another document the same text names ('按《…程序》“…”步骤')
            known = own.union(*(headings(d) for title, d in others.items()
                                if title.casefold() in text.casefold()))
            for name in names:
                if _fold(name) in known or name in seen:
                    continue
                seen.add(name)
                package.say("section", document, where, "section_unknown", name=name)
