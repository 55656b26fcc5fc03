"""The package lint's `objective` check: each IP objective's subject is handled by a procedure.

An objective the company sets ("Review 100% of user-generated content reports within 48 hours")
needs a process that does the work it measures; an objective quoted only in the policy text, the
strategy procedure and the objectives form has none. lint.yaml `objective_subjects` lists the
subjects a consultant checks: the words that put an objective on the subject (`objective`) and
the words of a procedure text doing that work (`handled`). An objective on a subject whose
words no procedure of the package has — the objectives' own wording left out, so quoting an
objective does not count as handling it — is reported; an objective on no listed subject is not
checked (the table says what a subject's process looks like; a consultant adds rows). A time
limit an objective sets ('30 日内完成取证', lint.yaml `objective_deadline`) must be stated by a
procedure's text as well.
"""
from __future__ import annotations

import re

_LABEL = {"zh": "知识产权目标：", "en": "IP objectives: "}
_WHERE = {"zh": "知识产权目标", "en": "IP objectives"}


def objectives(package) -> list[str]:
    """The objectives the manual lists after 知识产权目标： / IP objectives: ('；' or ';')."""
    label = _LABEL[package.language]
    for paragraph in package.manual.paragraphs() if package.manual else []:
        if paragraph.text.startswith(label):
            return [o.strip() for o in re.split(r"[；;]", paragraph.text[len(label):].rstrip("。."))
                    if o.strip()]
    return []


def _deadlines(objective: str, pattern: re.Pattern) -> list[str]:
    """The times an objective sets for doing something ('30 日内' -> '30日', 'within 48 hours'
    -> '48 hours'), the spaces between a number and a Chinese unit left out."""
    return [re.sub(r"\s+(?=[\u4e00-\u9fff])", "", m.group("time")) for m in pattern.finditer(objective)]


def check_objective_deadlines(package) -> None:
    """Report (`objective`) each time an objective sets for doing something ('山寨店线索 30 日内
    完成取证') that no procedure's text states (the objectives quoted left out): an auditor
    samples a lead and asks which step holds the company to the 30 days. An objective already
    reported as having no process at all is not reported again."""
    listed = objectives(package)
    if not listed:
        return
    pattern = re.compile(package.rules["objective_deadline"][package.language], re.IGNORECASE)
    texts = []
    for document in package.documents:
        if document.kind == "procedure":
            for _where, text in document.texts():
                for objective in listed:
                    text = text.replace(objective, "")
                texts.append(re.sub(r"\s+(?=[\u4e00-\u9fff])", "", text))
    body = "\n".join(texts)
    reported = [f.message for f in package.findings if f.kind == "objective"]
    for objective in listed:
        if any(objective in message for message in reported):
            continue  # no procedure handles its subject (check_objective_processes): said once
        for time in _deadlines(objective, pattern):
            if time not in body:
                package.say("objective", package.manual, _WHERE[package.language],
                            "objective_no_deadline", objective=objective, time=time)


def _has(text: str, words) -> bool:
    folded = text.casefold()
    return any(str(w).casefold() in folded for w in words)


def check_objective_processes(package) -> None:
    """Report (`objective`) each objective on a subject of lint.yaml `objective_subjects` that
    no procedure of the package handles (none of its `handled` words in a procedure's text,
    the objectives themselves taken out of the text)."""
    listed = objectives(package)
    if not listed:
        return
    texts = []
    for document in package.documents:
        if document.kind != "procedure":
            continue
        for _where, text in document.texts():
            for objective in listed:
                text = text.replace(objective, "")
            texts.append(text)
    body = "\n".join(texts)
    for objective in listed:
        for subject in package.rules["objective_subjects"]:
            if _has(objective, subject["objective"]) and not _has(body, subject["handled"]):
                package.say("objective", package.manual, _WHERE[package.language],
                            "objective_no_process", objective=objective,
                            subject=subject["name"][package.language])
