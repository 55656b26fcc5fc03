"""The package lint's `applicability` check: a clause is excluded in one way only.

One rule for the whole package: a clause the manual calls not applicable ("本条款暂不适用",
"this clause does not apply"; "见删减说明" when the statement lists nothing) is in the manual's statement of exclusions
("删减：<clause> <title> — <reason>") and excluded in the traceability matrix; otherwise the text
does not call it not applicable. Reported, from the manual and traceability read back:

- a text under a clause's heading (or outside any clause) calling it not applicable, the clause
  not in the statement of exclusions;
- the reverse: a clause of the statement of exclusions whose section of the manual says more than
  its 删减 line (requirements for an excluded clause);
- a clause excluded in the traceability matrix that the statement does not list, or listed
  there and not excluded in the matrix;
- the manual saying no clause is excluded ("本手册未删减任何条款") while the statement lists one.

The words are lint.yaml `applicability`; the messages `applicability_*`.
"""
from __future__ import annotations

import re

from generators.package_reader import Paragraph

_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\s")
_EXCLUDED_STATUS = {"删减", "excluded"}


def _statement(package, words: dict) -> list[str]:
    """The clauses the manual's statement of exclusions lists, as their headings read
    ('10.1.2.1 涉外申请': bj-ipm has two clauses 11.4.2.3, one of them excluded)."""
    line = re.compile(words["listed"])
    heads = [b.text.strip() for b in package.manual.blocks if isinstance(b, Paragraph)
             and b.style.lower().startswith("heading") and _NUMBERED.match(b.text)]
    out: list[str] = []
    for match in (line.match(p.text) for p in package.manual.paragraphs()):
        if match:
            out.extend(_one_each(match.group(1).strip(), heads))
    return out


def _one_each(listed: str, heads: list[str]) -> list[str]:
    """The clauses one line of the statement names: itself, or for a line naming the two
    clauses the standard prints with one number ('11.4.3.2 知识产权作价入股、知识产权联盟')
    each of the manual's headings with that number whose title the line names."""
    number, _, titles = listed.partition(" ")
    named = [h for h in heads if h.startswith(number + " ") and h[len(number) + 1:] in titles]
    return named if len(named) > 1 else [listed]


def _traced(package) -> set[str] | None:
    """Clauses ('label title') the traceability matrix marks excluded; None without it."""
    trace = next((d for d in package.documents if d.kind == "other" and d.tables()), None)
    if trace is None:
        return None
    table = trace.tables()[0]
    status = len(table.header) - 2  # ..., status, reason
    return {f"{r[0]} {r[1]}" for r in table.rows[1:]
            if len(r) > status and r[status] in _EXCLUDED_STATUS}


def check_applicability(package) -> None:
    """Report (`applicability`) each place where the manual, its statement of exclusions and
    the traceability matrix disagree on whether a clause applies (module docstring)."""
    manual = package.manual
    if manual is None:
        return
    words = package.rules["applicability"][package.language]
    listed = _statement(package, words)
    excluded = set(listed)
    says_not = re.compile(words["not_applicable"], re.IGNORECASE)
    own_line = re.compile(words["excluded_line"])
    none = re.compile(words["none_excluded"])
    pointer = re.compile(words["see_statement"], re.IGNORECASE)
    clause, seen, stated = None, set(), bool(listed)
    for block in manual.blocks:
        if not isinstance(block, Paragraph):
            continue
        if block.style.lower().startswith("heading"):
            numbered = _NUMBERED.match(block.text)
            if numbered:
                clause = block.text.strip()
            elif block.style.lower().startswith("heading1"):
                clause = None  # a chapter or a front section: no clause until the next number
            continue
        text = block.text
        if own_line.match(text):
            continue  # the statement's line or an excluded clause's 删减 line
        stated = stated or bool(none.search(text))
        if none.search(text) and listed:
            package.say("applicability", manual, "", "applicability_none",
                        clauses="、".join(listed) if package.language == "zh"
                        else ", ".join(listed))
        match = says_not.search(text) or (None if listed else pointer.search(text))
        if match and clause not in excluded and (clause, match.group()) not in seen:
            seen.add((clause, match.group()))
            package.say("applicability", manual, clause or "", "applicability_not_excluded",
                        clause=clause or "—", match=match.group())
        elif clause in excluded and not match and (clause, "") not in seen:
            seen.add((clause, ""))
            package.say("applicability", manual, clause, "applicability_excluded_text",
                        clause=clause, text=text[:40])
    traced = _traced(package)
    if traced is None or not stated:
        return  # no statement of exclusions to compare with (a manual without one)
    for label in sorted(traced - excluded):
        package.say("applicability", manual, "", "applicability_unlisted", clause=label)
    for label in sorted(excluded - traced):
        package.say("applicability", manual, "", "applicability_untraced", clause=label)
