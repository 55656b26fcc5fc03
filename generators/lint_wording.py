"""Package lint check of wording a consultant corrects: `wording` — one sentence stating the same
absence twice ('公司目前无知识产权投融资计划，目前没有此类活动'; 'The company has no plans for
mergers or acquisitions, so there is no such activity at present'). An absence is stated once,
in one wording.

`bracket`: a round bracket inside another one ('(… procedure (SHG-IPM-P-07))', '（按《…》
（SHG-IPM-P-07）办理）', '(the industry (video games (mobile and PC)))') in any document of the
package. Consultants write no 括号套括号: a document number inside a bracket follows the title
without brackets (generators.brackets.flat_references), a value's own note is left out or the
text moved out of the bracket. A bracket inside a title's 《》 belongs to the title.

`handover`: a step handing work to another procedure or rule without naming it ('…经管理者代表
批准后纳入相关程序执行', 'under the relevant procedures'; lint.yaml `unnamed_handover`), in the
manual and the procedures: a text that hands a step over names the procedure (《title》docno),
so an auditor can follow it.

The words that state an absence are lint.yaml `absence` (a regular expression per language a
consultant may extend); a sentence (lint.yaml `absence.sentence`) of the manual or a procedure in
which they occur twice or more is reported once, with the sentence.
"""
from __future__ import annotations

import re

from generators.brackets import nested


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


def check_nested_brackets(package) -> None:
    """Report (`bracket`) each bracket of any document that holds another bracket, once per
    document and bracket (module docstring)."""
    for document in package.documents:
        seen: set[str] = set()
        for where, text in [("header", document.header), *document.texts()]:
            for found in nested(text):
                if found not in seen:
                    seen.add(found)
                    package.say("bracket", document, where, "bracket_nested", text=found)


def check_unnamed_handover(package) -> None:
    """Report (`handover`) each text of the manual and the procedures that hands work to an
    unnamed procedure or rule (module docstring), once per document and wording."""
    rule = (package.rules.get("unnamed_handover") or {}).get(package.language)
    if not rule:
        return
    pattern = re.compile(rule, re.IGNORECASE)
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        seen: set[str] = set()
        for where, text in document.texts():
            for match in pattern.finditer(text):
                if match.group() not in seen:
                    seen.add(match.group())
                    package.say("handover", document, where, "handover_unnamed",
                                words=match.group())
