"""Package lint check of wording a consultant corrects: `wording` — one sentence stating the same
absence twice ('公司目前无知识产权投融资计划，目前没有此类活动'; 'The company has no plans for
mergers or acquisitions, so there is no such activity at present'). An absence is stated once,
in one wording.

The words that state an absence are lint.yaml `absence` (a regular expression per language a
consultant may extend); a sentence (lint.yaml `absence.sentence`) of the manual or a procedure in
which they occur twice or more is reported once, with the sentence.
"""
from __future__ import annotations

import re


def absences(sentence: str, pattern: re.Pattern) -> list[str]:
    """The absence phrases of `pattern` in `sentence`, in order."""
    return [m.group() for m in pattern.finditer(sentence)]


def check_repeated_absence(package) -> None:
    """Report (`wording`) each sentence of the manual and the procedures that states an absence
    twice (module docstring)."""
    rule = (package.rules.get("absence") or {}).get(package.language)
    if not rule:
        return
    pattern = re.compile(rule["words"])
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        for where, text in document.texts():
            for sentence in re.split(rule["sentence"], text):
                found = absences(sentence, pattern)
                if len(found) > 1:
                    package.say("wording", document, where, "absence_twice",
                                words="、".join(found) if package.language == "zh"
                                else "', '".join(found), sentence=sentence.strip())
