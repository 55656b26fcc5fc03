"""One row per department in a table of duties (a procedure's 4 职责 / Responsibilities).

A template writes a row per function (`{{ dept.marketing }}`, `{{ dept.sales }}` …) and a
function may be held by several departments, named together in one cell (`dept.sales` of a
company with 国内销售部 and 国际业务部 is '国内销售部、国际业务部'). A department holding two of
the functions then stood in two rows (P-15: 国际业务部 marks the products, and with 国内销售部
collects leads): a reader asks which row is its duty. Here every department is in one row, with
all its duties joined in the template's order; departments that share exactly the same duties
stay together in one row, as the template named them. An English duty is worded for one
department ('Collects …'); a row naming several gets its verbs in the plural ('Collect …').

`names_in(text, names, language)` reads a cell as department names (generators.lint_people reads
the drafted tables back with it too).
"""
from __future__ import annotations

import re

from generators.roles import joint_name

# between departments named together in one cell or at the head of one duties paragraph
_TOGETHER = {"zh": re.compile(r"、|和"), "en": re.compile(r",\s+(?:and\s+)?|\s+and\s+")}


def names_in(text: str, names, language: str) -> list[str] | None:
    """`text` as the departments of `names` it names, joined by 、/和 or ', '/'and' and nothing
    else ('国内销售部、国际业务部' -> ['国内销售部', '国际业务部']) — split by the names, never by
    the joining word alone, so a name with 'and' or 和 in it stays whole; None when `text`
    does not read so (知识产权管理者代表, a department the names do not hold)."""
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    return _split(text.strip(), ordered, _TOGETHER["zh" if language == "zh" else "en"])


def _split(text: str, names: list[str], joiner: re.Pattern) -> list[str] | None:
    if not text:
        return None
    bare = re.sub(r"^the\s+", "", text)
    for name in names:
        if not bare.startswith(name):
            continue
        rest = bare[len(name):]
        if not rest:
            return [name]
        join = joiner.match(rest)
        more = _split(rest[join.end():], names, joiner) if join else None
        if more:
            return [name, *more]
    return None


def one_row_each(rows: list[tuple[str, str]], names, language: str) -> list[list[str]]:
    """[[who, duties]] for the (who, duty) rows of a duties table: each department of `names`
    in one row, at the place it is first named, its duties joined in the rows' order (a duty
    repeated once: 总经理办公室 holding management, admin and IT); departments named together
    whose duties are then the same stay one row, under the words the template gave them. A
    `who` that names no department (知识产权管理者代表) is a row of its own, merged likewise."""
    lang = "zh" if language == "zh" else "en"
    members = [names_in(who, names, lang) or [who] for who, _ in rows]
    duties: dict[str, list[str]] = {}
    for named, (_, duty) in zip(members, rows):
        for name in named:
            own = duties.setdefault(name, [])
            if duty not in own:
                own.append(duty)
    out, done = [], set()
    for named, (who, _) in zip(members, rows):
        left = [n for n in named if n not in done]
        while left:
            same = [n for n in left if duties[n] == duties[left[0]]]
            done.update(same)
            left = [n for n in left if n not in same]
            cell = who if same == named else joint_name(same, lang)
            own = duties[same[0]]
            if lang == "en" and len(same) > 1:
                own = [plural(d) for d in own]
            out.append([str(cell), _joined(own, lang)])
    return out


def _joined(duties: list[str], language: str) -> str:
    """One department's duties as one cell: '负责A；负责B。' / 'Does A. Does B.'"""
    if language == "zh":
        return "；".join([d.rstrip("。；") for d in duties[:-1]] + duties[-1:])
    return " ".join(duties)


_IRREGULAR = {"Has": "Have", "Does": "Do", "Is": "Are", "Goes": "Go"}
_THIRD_PERSON = re.compile(r"^([A-Z][a-z]+?)(ies|ches|shes|sses|xes|s)\b")


def plural(duty: str) -> str:
    """An English duty written for one department with its first verb in the plural, for a row
    naming several ('Manages access …' -> 'Manage access …', 'Carries out' -> 'Carry out');
    a duty not starting with such a verb as it is."""
    first = duty.split(" ", 1)[0]
    if first in _IRREGULAR:
        return _IRREGULAR[first] + duty[len(first):]
    match = _THIRD_PERSON.match(duty)
    if not match or first.endswith("ss") and not first.endswith("sses"):
        return duty
    stem, ending = match.groups()
    return {"ies": stem + "y", "s": stem}.get(ending, stem + ending[:-2]) + duty[match.end():]
