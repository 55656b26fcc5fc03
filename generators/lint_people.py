"""Package lint checks on departments beyond generators.lint's own (`department` findings):

- two departments whose duties in the manual (知识产权管理机构与职责) are word for word the same
  (临床与注册部 given 药物研究院's R&D duties because both hold the R&D function); parallel
  departments named together in one paragraph ('建筑设计所、市政设计所：…') are no finding;
- a department organising or consulting a list of departments that names itself ('综合部每年年初
  组织技术部和综合部等部门', '综合部…征求技术部和综合部等相关部门意见'; "the General Office, together
  with the Technology Department, the General Office and the other departments, analyses …"): a
  text listing the departments of functions one department holds, its lead among them;
- a department acting on itself in one sentence: informing, notifying, submitting, reporting or
  handing over to itself ('综合部提前3个月通知综合部', '…的交综合部处理', "the General Office informs
  the General Office", "report them to the IP Department" after a list naming it), or reviewing
  or approving what it has itself done ('由综合部核定、综合部审核', '综合部编制…，经综合部审核',
  "the Office drafts it and the Office reviews it", "which the Office checks"): the two roles of
  a step given to one department that holds both functions.

- a department in two rows of one table of duties (a procedure's 4 职责, the manual's Annex A),
  alone or named together with others ('国际业务部' and '国内销售部、国际业务部' in P-15): which
  row is its duty? (lint.yaml `duty_tables`; generators.duty_rows prints one row each);
- one department named twice in a row: the subject of two clauses of one sentence, one after the
  other ('总经理办公室负责登记和管理，总经理办公室负责提交…'; "the Office keeps A, and the Office
  files B"), which a consultant writes once ('X负责A，并负责B' / "X keeps A and files B").

All checks read Chinese and English packages alike.
"""
from __future__ import annotations

import re

from generators.duty_rows import names_in
from generators.package_reader import Paragraph

_SECTION = ("知识产权管理机构与职责", "IP management body")
# the lead does this to the departments listed after it
_LEADS = {"zh": ("组织", "征求", "会同"),
          "en": (", together with", " together with", "organises", "organizes", "consults",
                 "works with", "asks")}
# between the lead and its verb: a few words, no clause break
_BEFORE_VERB = {"zh": "[^，。；：]{0,10}?", "en": "[^,.;:]{0,30}?"}
# between two departments of a list (English names may follow 'the')
_LIST_JOIN = {"zh": "[、和与及]", "en": r"(?:,\s+(?:and\s+)?|\s+and\s+)(?:the\s+)?"}
_LIST_START = {"zh": "", "en": r"\s*(?:the\s+)?"}


def _names(package) -> list[str]:
    names = set()
    if package.intake is not None:
        names |= {d.name for d in package.intake.org.departments}
    if package.manual is not None:
        org = package.table_after(package.manual, ("附录A", "Annex A"))
        company = package.manual.header.split("  ")[0].strip()
        names |= {r[0] for r in (org.rows[1:] if org else []) if r and r[0] and r[0] != company}
    return sorted(names, key=len, reverse=True)


def named_together(lead: str, names, language: str) -> list[str]:
    """The departments a duties paragraph's lead (the text before its colon) names: parallel
    departments named together once ('建筑设计所、市政设计所' / "Architectural Design Studio
    and Art and Audio Centre") when the lead reads as departments of `names` joined by 、/和 or
    ', '/'and' (generators.duty_rows.names_in), else the lead itself."""
    parts = names_in(lead, names, language)
    return parts if parts and len(parts) > 1 else [lead]


def check_copied_duties(package) -> None:
    """Report (`department`) each department whose duties repeat another's word for word in a
    paragraph of its own, or share one of its phrases (the parts between ；/ '; ': 综合管理部 and
    保密办公室 both given the `admin` duty). Parallel departments named together in one paragraph
    ('建筑设计所、市政设计所：…') are the way a consultant writes units with the same functions,
    and no finding."""
    manual = package.manual
    if manual is None:
        return
    names = set(_names(package))
    colon = "：" if package.language == "zh" else ": "
    first: dict[str, str] = {}
    phrases: dict[str, str] = {}  # a phrase of a department's duties -> that department
    where = _SECTION[0] if package.language == "zh" else _SECTION[1]
    for block in package.section(manual, _SECTION):
        if not (isinstance(block, Paragraph) and colon in block.text):
            continue
        lead, duties = (part.strip() for part in block.text.split(colon, 1))
        if named_together(lead, names, package.language)[0] not in names or not duties:
            continue
        if duties in first and first[duties] != lead:
            package.say("department", manual, where, "department_copied", department=lead,
                        other=first[duties])
        elif duties not in first:
            for phrase in _duty_phrases(duties, package.language):
                if phrase in phrases and phrases[phrase] != lead:
                    package.say("department", manual, where, "department_same_duty",
                                department=lead, other=phrases[phrase], phrase=phrase)
                phrases.setdefault(phrase, lead)
        first.setdefault(duties, lead)


_PHRASE_BREAK = {"zh": r"；", "en": r";\s+"}
_SHORTEST_PHRASE = {"zh": 10, "en": 30}  # shorter ones are common words, not a copied duty


def _duty_phrases(duties: str, language: str) -> list[str]:
    """The phrases of one department's duties (the parts between ；/ '; '), without the
    closing full stop, long enough to be a duty of their own."""
    language = "zh" if language == "zh" else "en"
    parts = (part.strip().rstrip("。.") for part in re.split(_PHRASE_BREAK[language], duties))
    return [part for part in parts if len(part) >= _SHORTEST_PHRASE[language]]


def check_lead_in_list(package) -> None:
    """Report (`department`) a text where a department organises, consults or works with a list
    of departments that includes itself (组织/征求/会同; organises, consults, together with …)."""
    language = "zh" if package.language == "zh" else "en"
    names = _names(package)
    if not names:
        return
    one = "|".join(map(re.escape, names))
    verbs = "|".join(map(re.escape, _LEADS[language]))
    pattern = re.compile(rf"(?P<lead>{one}){_BEFORE_VERB[language]}(?:{verbs})"
                         rf"{_LIST_START[language]}"
                         rf"(?P<list>(?:{one})(?:{_LIST_JOIN[language]}(?:{one}))+)")
    for document in package.documents:
        seen: set[str] = set()
        for where, text in document.texts():
            for match in pattern.finditer(text):
                listed = re.findall(one, match["list"])
                if match["lead"] in listed and match.group() not in seen:
                    seen.add(match.group())
                    package.say("department", document, where, "department_lists_itself",
                                department=match["lead"], match=match.group())


# -- a department acting on itself ---------------------------------------------------------------
# {name} stands for the alternation of department names; (?P=name) for the same one again.
# `to`: the department informs, submits, reports or hands over to itself; `review`: it reviews
# or approves what it did earlier in the sentence — with no other department acting between
# (a list of departments naming it may be the doer: 'A、综合部等部门识别…并报综合部'). `before`
# is what, right before a department, makes it the receiver rather than the doer (so
# '报告综合部，综合部当日…' is no finding);
# `sentence` splits a text into the sentences (and the parts either side of a colon) a finding
# must lie within: '财务部设立经费：知识产权部编制，经财务部审核' is no self-review.
_SELF = {
    "zh": {
        "to": r"(?P<name>{name})(?:[、和与及](?:{name}))*(?:等(?:相关)?部门)?(?!的)"
              r"(?:(?!{name}|[等各]部门|相关部门)[^。；])*?(?:通知|报送|提交(?:给|至)?|移交(?:给)?|交由|交给|交"
              r"|报告|汇报|报|抄送|送交|向)(?P<again>(?P=name))(?!的|负责人)",
        "review": r"(?P<name>{name})(?!的)(?:(?!{name})[^。；])*?[，、](?:并|再)?(?:由|经)?"
                  r"(?P<again>(?P=name))(?:审核|核定|复核|批准|审批|审查后|确认后)",
        "before": r"(?:通知|报送|提交|交|报|报告|汇报|向|给|送|或|会同|配合|协助|供)$",
        "sentence": r"[。；：]",
    },
    "en": {
        "to": r"(?P<name>{name})(?:(?:,\s+(?:and\s+)?|\s+and\s+)(?:the\s+)?(?:{name}))*"
              r"(?:(?!{name})[^.;])*?\b(?:notif(?:y|ies)|informs?"
              r"|(?:submit(?:s|ted)?|report(?:s|ed)?|hand(?:s|ed)?(?: over)?|pass(?:es|ed)?"
              r"|send(?:s)?|sent|forward(?:s|ed)?)"
              r"(?: (?!the\b)\w+){{0,2}}? to)\s+(?:the\s+)?(?P<again>(?P=name))",
        "review": r"(?P<name>{name})(?:(?!{name})[^.;])*?(?:(?:,\s*|\band\s+|\bwhich\s+)(?:the\s+)?"
                  r"(?P<again>(?P=name))\s+(?:reviews|checks|approves|verifies|confirms)"
                  r"(?=\s+(?:it|them|this|and)\b|[,.;]|$)"
                  r"|\b(?:reviewed|checked|approved|review|approval|verified)\s+by\s+(?:the\s+)?"
                  r"(?P<again2>(?P=name)))",
        "before": r"(?:\bto|\bby|\bwith|\binforms?|\bnotif(?:y|ies)|\bor)\s+(?:the\s+)?$",
        "sentence": r"(?<=[.;:])\s",
    },
}


def check_acts_on_itself(package) -> None:
    """Report (`department`) a sentence in which a department informs, notifies, submits to,
    reports to or hands over to itself, or reviews or approves what it did itself earlier in
    the sentence ('综合部提前3个月通知综合部'; '由综合部核定、综合部审核'; "the Office drafts it and
    the Office reviews it"). Read from every text of every document, in both languages."""
    language = "zh" if package.language == "zh" else "en"
    names = _names(package)
    if not names:
        return
    rules = _SELF[language]
    one = "|".join(map(re.escape, names))
    patterns = [re.compile(rules[kind].format(name=one)) for kind in ("to", "review")]
    before = re.compile(rules["before"])
    for document in package.documents:
        seen: set[str] = set()
        for where, text in document.texts():
            for sentence in re.split(rules["sentence"], text):
                for pattern in patterns:
                    found = _self_match(pattern, sentence, names, before)
                    if found and found[1] not in seen:
                        seen.add(found[1])
                        package.say("department", document, where, "department_acts_on_itself",
                                    department=found[0], match=found[1])


def _self_match(pattern: re.Pattern, sentence: str, names: list[str], before: re.Pattern
                ) -> tuple[str, str] | None:
    """(department, span) for the first span of `sentence` where the doer (not itself a
    receiver: `before`) and the department acted on are the same whole name (not the start of
    a longer one), else None."""
    start = 0
    while (match := pattern.search(sentence, start)) is not None:
        start = match.end("name")
        if before.search(sentence[:match.start()]):
            continue  # '报告综合部，…': a receiver, not the one acting
        again = next(g for g in ("again", "again2") if g in match.groupdict()
                     and match.group(g) is not None)
        rest = sentence[match.start(again):]
        if next(n for n in names if rest.startswith(n)) != match["name"]:
            continue  # the second name is a longer department's
        return match["name"], match.group()
    return None


# -- a department named twice in a row -----------------------------------------------------------
_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)")  # asides: their commas split no clause


def check_named_twice(package) -> None:
    """Report (`department`) two clauses of one sentence, one right after the other, whose
    subject is the same department ('X负责A，X负责B'; lint.yaml `named_twice`), unless a person
    acts in the first one after the department (管理者代表批准): then the name is needed again."""
    language = "zh" if package.language == "zh" else "en"
    names = _names(package)
    if not names:
        return
    rules = package.rules["named_twice"][language]
    lead = re.compile(rules["lead"])
    for document in package.documents:
        seen: set[str] = set()
        for where, text in document.texts():
            for sentence in re.split(rules["sentence"], _BRACKETS.sub("", text)):
                found = _named_twice(re.split(rules["clause"], sentence), names, lead,
                                     rules["agents"])
                if found and found[1] not in seen:
                    seen.add(found[1])
                    package.say("department", document, where, "department_named_twice",
                                department=found[0], match=found[1])


def _named_twice(clauses: list[str], names: list[str], lead: re.Pattern, agents: list[str]
                 ) -> tuple[str, str] | None:
    """(department, the two clauses) for the first clause whose subject is that of the clause
    right before it, else None. Where another department or a person (`agents`) acts in the
    first clause after it ('X审核后报管理者代表批准，X登记') the name is needed again."""
    for previous, clause in zip(clauses, clauses[1:]):
        subject = _subject(clause, names, lead)
        if subject is None or _subject(previous, names, lead) != subject:
            continue
        rest = previous.strip().split(subject, 1)[1]
        if not any(n in rest for n in names if n != subject) and not any(a in rest for a in agents):
            return subject, f"{previous.strip()}，{clause.strip()}"[:160]
    return None


def _subject(clause: str, names: list[str], lead: re.Pattern) -> str | None:
    """The department a clause starts with (after 并 / "and the"), the longest name that
    fits; None when it starts with none or with a list of departments ('X和Y负责…')."""
    text = clause.strip()
    text = text[lead.match(text).end():]
    name = next((n for n in names if text.startswith(n)), None)
    if name is None or re.match(r"(?:[等、和与及的]|,|\s+and\s|'s)", text[len(name):]):
        return None
    return name


# -- a department in two rows of a table of duties --------------------------------------------------
def check_duty_rows(package) -> None:
    """A department named in more than one row of a table of duties (lint.yaml `duty_tables`),
    alone or together with other departments in a cell, once per table."""
    names = _names(package)
    if not names:
        return
    words = package.rules["duty_tables"][package.language]
    for document in package.documents:
        heading = ""
        for block in document.blocks:
            if isinstance(block, Paragraph):
                if block.style.lower().startswith("heading"):
                    heading = block.text
                continue
            header = [h.strip() for h in block.header]
            if not header or header[0] not in words["who"] or not set(header[1:]) & set(
                    words["duties"]):
                continue
            rows: dict[str, int] = {}
            for row in block.rows[1:]:
                for name in (names_in(row[0], names, package.language) or []) if row else []:
                    rows[name] = rows.get(name, 0) + 1
            for name, count in rows.items():
                if count > 1:
                    package.say("department", document, heading, "department_rows",
                                department=name, count=count)
