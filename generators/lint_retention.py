"""The package lint's `retention` check: a text stating how long a record is kept must state the
period the record list (记录清单, R05: 记录名称 and 保管期限 columns) gives for it.

The record is the one whose title the same clause names (in 《》, or bare when four characters or
more, as the `keeper` check reads it), or, in Chinese, names by the end of its title as an item
of a list (背景调查表、声明书和承诺书 for 入职知识产权背景调查表…: an ending of three characters or more
that no other record's title has); the period is the first 'N年' / 'N years' after the word
for keeping (保存/保管/kept/retained) in that clause. A clause naming no period of years, or a
record whose period the list leaves blank, is not checked.
"""
from __future__ import annotations

import re

_PERIOD = {"zh": re.compile(r"(?:保存|保管|留存)[^，。；]{0,20}?(\d+)\s*年"),
           "en": re.compile(r"(?:kept|retained|keeps|keep)\b[^.;]{0,60}?\b(\d+)\s+years?",
                            re.IGNORECASE)}
_CLAUSES = {"zh": r"[；。]", "en": r"(?<=[.;])\s"}
_YEARS = re.compile(r"(\d+)")


def record_periods(package) -> dict[str, int]:
    """{record title: years} from the record list's table (rows with a period only)."""
    return {title: int(found.group(1)) for title, cell in package.record_column("retention").items()
            if (found := _YEARS.search(cell))}


def check_blank_periods(package) -> str | None:
    """Report (`retention`) each record of the record list whose 保管期限 is blank; the record
    list's own title (a text naming it while it states periods is not about its own period)."""
    found = package.record_list("retention")
    if found is None:
        return None
    document, rows, title, period = found
    for row in rows:
        if len(row) > max(title, period) and row[title] and not row[period].strip():
            package.say("retention", document, row[title], "retention_blank", title=row[title])
    return document.title


# what may stand before and after a record named by the end of its title in a list
_BEFORE = "、，,和及与将把对："
_AFTER = "、，,和及与等"


def _short_names(clause: str, titles: list[str]) -> set[str]:
    """The titles `clause` names by their ending as an item of a list ('院办公室将背景调查表、声明书
    和竞业限制协议归入档案' names 入职知识产权背景调查表 and 入职知识产权声明书): an ending of three
    characters or more, shorter than the title, that ends no other title, standing between list
    separators (or 将/把 before it)."""
    return {title for title in titles
            if any(_listed(clause, title[-size:]) for size in range(3, len(title))
                   if not any(t != title and t.endswith(title[-size:]) for t in titles))}


def _listed(clause: str, name: str) -> bool:
    """Whether `name` stands in `clause` as an item of a list (_BEFORE and _AFTER round it)."""
    at = clause.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or clause[at - 1] in _BEFORE) and (end == len(clause)
                                                         or clause[end] in _AFTER):
            return True
        at = clause.find(name, at + 1)
    return False


def check_retention(package) -> None:
    """Report (`retention`) each manual or procedure text giving a record another period than
    the record list does, and each record the list gives no period."""
    own = check_blank_periods(package)
    periods = {t: y for t, y in record_periods(package).items() if t != own}
    if not periods:
        return
    lang = package.language
    titles = sorted(periods, key=len, reverse=True)
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        seen: set[tuple[str, int]] = set()
        for where, text in document.texts():
            for clause in re.split(_CLAUSES[lang], text):
                match = _PERIOD[lang].search(clause)
                if not match:
                    continue
                found = int(match.group(1))
                short = _short_names(clause, titles) if lang == "zh" else set()
                for title in titles:
                    named = f"《{title}》" in clause or title in short or (
                        len(title) >= 4 and title.casefold() in clause.casefold())
                    if named and periods[title] != found and (title, found) not in seen:
                        seen.add((title, found))
                        package.say("retention", document, where, "retention_differs",
                                    title=title, found=found, expected=periods[title])


# -- a record kept for less than P-02's rule for its kind ------------------------------------------
def stated_rules(package) -> dict[str, tuple[int, str]]:
    """{kind name: (years, the sentence)} of the default periods a procedure of the package
    states (P-02 5.7: generators/retention.yaml `rule`, its years read back from the text)."""
    from generators.retention import _default_kinds

    texts = [text for document in package.documents if document.kind == "procedure"
             for _where, text in document.texts()]
    out = {}
    for kind in _default_kinds():
        rule = kind["rule"][package.language]
        pattern = re.compile(re.escape(rule).replace(re.escape("{n}"), r"(\d+)"))
        found = next((m for text in texts if (m := pattern.search(text))), None)
        if found:
            out[kind["name"]] = (int(found.group(1)), found.group(0))
    return out


def record_kind(title: str, language: str, forms) -> str | None:
    """The name of the kind of record (retention.yaml) the record list's row `title` is: that
    of the form titled so in `language` (generators.retention.default_kind), or, for a Chinese
    title no form has, the kind whose words its title holds; None when it cannot be told."""
    from generators.retention import _default_kinds, default_kind

    form = next((f for f in forms if f.title.get(language) == title), None)
    if form is not None:
        return default_kind(form)["name"]
    if language != "zh":
        return None
    kinds = _default_kinds()
    return next((k["name"] for k in kinds if any(w in title for w in k["words"])),
                kinds[-1]["name"])


def check_shorter_than_rule(package, forms=None) -> None:
    """Report (`retention`) each record the record list keeps for fewer years than the rule a
    procedure states for its kind of record (P-02 5.7: records on acquiring or confirming a right
    kept at least 5 years after the right ends; the R&D record, evidence of authorship and
    inventorship, is such a record). `forms`: the shipped templates' by default."""
    rules = stated_rules(package)
    found = package.record_list("retention")
    if not rules or found is None:
        return
    if forms is None:
        from generators.templates_io import TemplateSet

        forms = TemplateSet().forms
    document, rows, title, period = found
    for row in rows:
        if len(row) <= max(title, period) or not row[title] or not (m := _YEARS.search(row[period])):
            continue
        kind = record_kind(row[title], package.language, forms)
        if kind in rules and int(m.group(1)) < rules[kind][0]:
            package.say("retention", document, row[title], "retention_short", title=row[title],
                        period=row[period].strip(), expected=rules[kind][0], rule=rules[kind][1])
