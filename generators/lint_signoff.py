"""The package lint's `signoff` check: a form's sign-off row has a slot for each approval that
the manual or a procedure requires of it.

A sentence of the manual or a procedure naming one record form (《title》 in Chinese, its number
in English) and who reviews or approves it (经管理者代表审核、董事长批准 / 'reviewed by the IP
management representative and approved by the President') requires a signature for that step
on the form. The form's sign-off row (its last table whose first column holds 签字 / Signature)
must then have a column for it: one whose label names the step (审核 / 批准, 'Reviewed' /
'Approved') or the one who signs (管理者代表, the department, the top manager's title). R-53's
[经办人, 知识产权管理部门, 批准人] under P-19's '经知识产权管理者代表审核' leaves the
representative nowhere to sign. An aside in brackets (an exception) is not read.
"""
from __future__ import annotations

import re

from generators.lint_chain import _agents, _english_agents
from generators.package_reader import Table

_STEP = {"zh": {"审核": ("审核", "审查", "复核"), "批准": ("批准", "审批")},
         "en": {"reviewed": ("review", "check", "verif"), "approved": ("approv",)}}
_SIGN = {"zh": "签字", "en": "signature"}


def _signoff_labels(document) -> tuple[str, ...] | None:
    """The column labels of a form's sign-off row (经办人, 审核人, 批准人), None without one."""
    for table in reversed(document.tables()):
        if any(row and _SIGN["zh"] in row[0] or row and _SIGN["en"] in row[0].lower()
               for row in table.rows[1:]):
            return tuple(label for label in table.header if label)
    return None


def _has_slot(labels: tuple[str, ...], step: str, agent: str, language: str,
              same: dict[str, str]) -> bool:
    """Whether one of `labels` is a slot for `agent` doing `step`: it names the step, or the
    agent (or a word naming the same person)."""
    words = {agent.lower(), same.get(agent.lower(), agent.lower()).removeprefix("the ")}
    for label in labels:
        low = label.lower()
        if any(w in low for w in _STEP[language][step]):
            return True
        if any(w and (w in low or low in w) for w in words):
            return True
    return False


def check_signoff_slots(package, departments: list[str]) -> None:
    """Report (`signoff`) a form whose sign-off row has no slot for a review or approval that a
    text of the package requires of it, once per form and step."""
    if not departments or package.language not in ("zh", "en"):
        return
    lang = package.language
    forms = {d.number: d for d in package.documents if d.kind == "form" and d.number}
    labels = {number: _signoff_labels(d) for number, d in forms.items()}
    if lang == "zh":
        titles = {d.title: number for number, d in forms.items()}
        agents = "|".join(map(re.escape, _agents(package, departments)))
        pattern = re.compile(rf"(?P<agent>{agents})(?:负责|统一)?(?P<verb>审核|批准)")
        same = {"知识产权管理者代表": "管理者代表"}
    else:
        found = _english_agents(package, departments)
        agents = "|".join(map(re.escape, sorted(found, key=len, reverse=True)))
        pattern = re.compile(rf"(?P<verb>reviewed|approved) by (?P<agent>{agents})\b"
                             rf"|(?<![\w'])(?P<agent2>{agents}) (?P<verb2>reviews|approves)\b",
                             re.IGNORECASE)
        same = found
    reported: set[tuple[str, str]] = set()
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        for where, text in document.texts():
            for sentence, number in _sentences_with_one_form(text, lang, forms, titles
                                                             if lang == "zh" else None):
                if not labels.get(number):
                    continue
                for match in pattern.finditer(sentence):
                    agent = match["agent"] if lang == "zh" else (match["agent"] or match["agent2"])
                    verb = match["verb"] if lang == "zh" else (match["verb"] or match["verb2"])
                    step = verb if lang == "zh" else (
                        "reviewed" if verb.lower().startswith("review") else "approved")
                    if (number, step) in reported or _has_slot(labels[number], step, agent,
                                                               lang, same):
                        continue
                    reported.add((number, step))
                    package.say("signoff", document, where, "signoff_missing",
                                form=forms[number].title, step=step, agent=agent,
                                labels="、".join(labels[number]) if lang == "zh"
                                else ", ".join(labels[number]))


def _sentences_with_one_form(text: str, lang: str, forms: dict, titles: dict | None):
    """(sentence without asides, form number) for each sentence naming exactly one form."""
    if lang == "zh":
        for sentence in re.split(r"[。；]", text):
            named = {titles[t] for t in re.findall(r"《([^》]+)》", sentence) if t in titles}
            if len(named) == 1:
                yield re.sub(r"（[^）]*）", "", sentence), named.pop()
        return
    numbers = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    for sentence in re.split(r"(?<=[.;])\s+", text):
        named = set(numbers.findall(sentence))
        if len(named) == 1:
            yield re.sub(r"\([^()]*\)", "", sentence), named.pop()
