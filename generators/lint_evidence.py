"""Duties whose evidence is not named (lint.yaml `unnamed_record`, `recurring_record`).

An auditor asks "show me the record" for each step that records something and for each duty the
company does again and again:

- a procedure step (a Heading 2 of section 5 and its text) whose words record something (记录问题,
  记录在案, "records the problems") and that names no record form (a title in 《》 or a document
  number of the package: those its documents' headers give, whatever the numbering scheme,
  'ZH-IPM-R-05', 'P03', 'HZY IPM R 05') is a finding;
- a clause of a procedure step or of the manual giving a recurring duty — a period (每年, 每季度,
  年末, 定期, annually, every quarter …) and an act an auditor audits (检查, 核查, 检索, 更新, 报告,
  check, review, search, report …) — is a finding when neither it nor what says its outcome right
  after it names a record form (its 《title》 or number — a procedure's names none — or a duty done
  at the management review, whose report is the record). Clauses about how long records are kept,
  what a procedure applies to, what a term means or what a chapter is about set no duty.
"""
from __future__ import annotations

import re

from generators.lint_objectives import objectives
from generators.package_reader import Paragraph


def _level(style: str) -> int | None:
    """The level of a heading style read back ('heading2' -> 2), None for any other style."""
    match = re.match(r"heading\s*(\d)", style.lower())
    return int(match.group(1)) if match else None


def _steps(document, joint: str = ""):
    """(step heading, its paragraphs joined by `joint`) of each step heading of the document: a
    Heading 2 of a procedure, a numbered Heading 3 ('2.5.3 …') of a bundle whose procedures are
    chapters (generators.bundles); a heading above that level ends the step."""
    step = 3 if any(_level(b.style) == 3 and re.match(r"\d+\.\d+\.\d+\s", b.text)
                    for b in document.blocks if isinstance(b, Paragraph)) else 2
    title, texts = None, []
    for block in document.blocks:
        if not isinstance(block, Paragraph):
            continue
        level = _level(block.style)
        if level is not None and level <= step:
            if title is not None:
                yield title, joint.join(texts)
            title, texts = (block.text, []) if level == step else (None, [])
        elif title is not None:
            texts.append(block.text)
    if title is not None:
        yield title, joint.join(texts)


def _topics(document, skip: re.Pattern):
    """(heading, its paragraphs) of each heading of the manual, whatever its level, leaving out
    the chapters whose Heading 1 matches `skip` (terms and definitions, references)."""
    title, texts, skipping = None, [], False
    for block in document.blocks:
        if not isinstance(block, Paragraph):
            continue
        style = block.style.lower()
        if style.startswith(("heading", "title")):
            if title is not None and not skipping:
                yield title, texts
            if style.startswith("heading1"):
                skipping = bool(skip.search(block.text))
            title, texts = block.text, []
        elif title is not None:
            texts.append(block.text)
    if title is not None and not skipping:
        yield title, texts


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


def _is_duty(clause: str, words: dict) -> bool:
    """A clause setting a recurring duty: a period and an audited act, and none of the words of
    a clause setting none."""
    return bool(re.search(words["period"], clause) and re.search(words["act"], clause)
                and not re.search(words["not_duty"], clause))


def _duties(text: str, words: dict) -> list[tuple[str, str]]:
    """(clause, its span) of each clause of `text` that sets a recurring duty. The span is where
    the record of this duty, not of another one, is said: the clause, the rest of its sentence
    (a list of what is checked: 检查事项包括：…；…。) and the clauses of the next sentence that speak of
    the outcome (检查结果记入《…》), up to the next clause setting a duty; and a later clause of these
    speaking for all the duties before it (所有线索和监控结果登记在《…》中)."""
    sentences = [[c.strip() for c in re.split(words["clause"], s) if c.strip()]
                 for paragraph in text.split("\n")
                 for s in re.split(words["sentence"], paragraph) if s.strip()]
    out = []
    for k, sentence in enumerate(sentences):
        following = [c for c in (sentences[k + 1] if k + 1 < len(sentences) else [])
                     if re.search(words["outcome"], c)]
        for i, clause in enumerate(sentence):
            if not _is_duty(clause, words):
                continue
            span = [clause]
            for other in sentence[i + 1:] + following:
                if _is_duty(other, words):
                    break
                span.append(other)
            span += [c for c in sentence[i + 1:] + following
                     if re.search(words["collective"], c)]
            out.append((clause, " ".join(span)))
    return out


def _units(package, skip: re.Pattern):
    """(document, heading, text) of each procedure step and each topic of the manual."""
    for document in package.documents:
        if document.kind == "procedure":
            for title, text in _steps(document, "\n"):
                yield document, title, text
        elif document.kind == "manual":
            for title, texts in _topics(document, skip):
                yield document, title, "\n".join(texts)


def _objective_texts(package) -> list[str]:
    """The company's objectives as the manual lists them, without their numbers ('(2) ',
    '（2）'): a clause quoting one states a target, assessed with the objectives, not a duty."""
    return [t for t in (re.sub(r"^[（(]\d+[）)]\s*", "", o).strip(" 。.")
                        for o in objectives(package)) if len(t) >= 6]


def check_unnamed_recurring(package) -> None:
    """A finding for each recurring duty (a period and an audited act) of a procedure step or
    the manual whose record neither its sentence nor the rest of its step names."""
    rule = package.rules["recurring_record"]
    words = rule[package.language]
    named = re.compile(words["named"])
    own = _own_numbers(package)
    skip = re.compile(words["skip_chapters"])
    targets = _objective_texts(package)
    for document, title, text in _units(package, skip):
        for sentence, span in _duties(text, words):
            if any(t in sentence for t in targets):
                continue  # an objective quoted: assessed with the objectives (lint_objectives)
            if not named.search(span) and not (own and own.search(span)):
                package.say("unnamed-record", document, title, "recurring_unnamed",
                            step=title, sentence=sentence[:80])
