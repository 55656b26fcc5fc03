"""The package lint's `chain` check: texts naming who reviews or approves a record must agree.

A sentence of the manual or a procedure naming a record form (《title》) and, right before 审核 or
批准, a department of the package or a role (最高管理者, 管理者代表, the top manager's title from the
intake, '<department>负责人') says who reviews or approves that record. Two texts naming different
ones for the same record and verb contradict each other (the manual's '技术质量部核定、院办公室审核'
against P-07's '技术质量部审核，院长批准' for the reward form): each such pair is reported once, at
the later text. An aside in （） (an exception: 机密级报院长批准) is not read.

An English package words the same steps in running prose: a sentence naming one record form by
its number ('… the IP reward application and payment (HZY-IPM-R-22) …') and a department or role
right before 'reviews' or 'approves' ('the Technology and Quality Department reviews them, the
President approves them') says who reviews or approves that record; asides in () other than the
form's number are not read, and the top manager's title is top management as the
representative's is the management representative.
"""
from __future__ import annotations

import re

_VERBS = ("审核", "批准")
_SENTENCE = r"[。；]"


def _agents(package, departments: list[str]) -> list[str]:
    """Departments and role words that may stand right before 审核/批准, longest first."""
    words = {*departments, "最高管理者", "管理者代表", "知识产权管理者代表"}
    words |= {f"{d}负责人" for d in departments}
    intake = package.intake
    if intake is not None:
        words |= {intake.people.top_manager.title, intake.people.ip_representative.title}
    return sorted((w for w in words if w), key=len, reverse=True)


def _same(package) -> dict[str, str]:
    """Role words naming one person, mapped to one word: the top manager's title to 最高管理者,
    the representative's title and 知识产权管理者代表 to 管理者代表."""
    out = {"知识产权管理者代表": "管理者代表"}
    intake = package.intake
    if intake is not None:
        out[intake.people.top_manager.title] = "最高管理者"
        out.setdefault(intake.people.ip_representative.title, "管理者代表")
    return out


def check_record_chains(package, departments: list[str]) -> None:
    """Report (`chain`) a record whose reviewer or approver one text names differently from an
    earlier text (documents in package order, the manual first)."""
    if not departments:
        return
    if package.language == "en":
        _check_english_chains(package, departments)
        return
    if package.language != "zh":
        return
    forms = {d.title for d in package.documents if d.kind == "form"}
    agents = "|".join(map(re.escape, _agents(package, departments)))
    names = re.compile(rf"(?:{agents})$")  # an agent just before: the match ends a list
    pattern = re.compile(rf"(?P<agent>{agents})(?:负责|统一)?(?P<verb>{'|'.join(_VERBS)})")
    same = _same(package)
    first: dict[tuple[str, str], tuple[str, str]] = {}  # (title, verb) -> (agent, document)
    reported: set[tuple[str, str, str]] = set()
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        for where, text in document.texts():
            for sentence in re.split(_SENTENCE, text):
                sentence = re.sub(r"（[^）]*）", "", sentence)  # an aside states an exception
                titles = [t for t in re.findall(r"《([^》]+)》", sentence) if t in forms]
                if len(set(titles)) != 1:
                    continue  # no record, or several: whose step is it?
                for match in pattern.finditer(sentence):
                    if names.search(sentence[:max(match.start() - 1, 0)]) and \
                            sentence[match.start() - 1:match.start()] in ("、", "或", "和", "及", "与"):
                        continue  # one of a list ('按级别经X、Y或Z批准'): no one agent
                    key = (titles[0], match["verb"])
                    agent = match["agent"]
                    seen = first.setdefault(key, (agent, document.title))
                    if same.get(seen[0], seen[0]) != same.get(agent, agent) \
                            and (*key, agent) not in reported:
                        reported.add((*key, agent))
                        package.say("chain", document, where, "chain_differs", title=key[0],
                                    verb=key[1], found=agent, expected=seen[0],
                                    other=seen[1])


# -- English ----------------------------------------------------------------------------------------
_VERBS_EN = {"reviews": "reviewed", "approves": "approved"}
_ROLES_EN = {"top management": "top management", "the top manager": "top management",
             "the IP management representative": "the management representative",
             "the management representative": "the management representative"}


def _english_agents(package, departments: list[str]) -> dict[str, str]:
    """{agent as the text may write it, lower case: the one it names}: departments (with or
    without 'the'), their heads, the roles of _ROLES_EN and the intake's titles of the top
    manager and the representative."""
    out = {role.lower(): same for role, same in _ROLES_EN.items()}
    for department in departments:
        for name in (department, f"the {department}", f"the head of the {department}",
                     f"the head of {department}"):
            out[name.lower()] = name.lower().removeprefix("the ")
    intake = package.intake
    if intake is not None:
        for title, same in ((intake.people.top_manager.title, "top management"),
                            (intake.people.ip_representative.title,
                             "the management representative")):
            if title:
                out.setdefault(title.lower(), same)
                out.setdefault(f"the {title}".lower(), same)
    return out


def _check_english_chains(package, departments: list[str]) -> None:
    """check_record_chains for an English package (module docstring)."""
    forms = {d.number: d.title for d in package.documents if d.kind == "form" and d.number}
    if not forms:
        return
    agents = _english_agents(package, departments)
    words = "|".join(map(re.escape, sorted(agents, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![\w'])(?P<agent>{words}) (?P<verb>{'|'.join(_VERBS_EN)})\b",
                         re.IGNORECASE)
    listed = re.compile(rf"(?:{words})(?:,| or| and)\s*$", re.IGNORECASE)
    numbers = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    first: dict[tuple[str, str], tuple[str, str]] = {}
    reported: set[tuple[str, str, str]] = set()
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        for where, text in document.texts():
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
                named = set(numbers.findall(sentence))
                if len(named) != 1:
                    continue  # no record, or several: whose step is it?
                title = forms[named.pop()]
                prose = re.sub(r"\([^()]*\)", "", sentence)  # an aside states an exception
                for match in pattern.finditer(prose):
                    if listed.search(prose[:match.start()]):
                        continue  # one of a list ('X, Y or Z approves'): no one agent
                    agent = match["agent"]
                    verb = _VERBS_EN[match["verb"].lower()]
                    seen = first.setdefault((title, verb), (agent, document.title))
                    if agents[seen[0].lower()] != agents[agent.lower()] \
                            and (title, verb, agent.lower()) not in reported:
                        reported.add((title, verb, agent.lower()))
                        package.say("chain", document, where, "chain_differs", title=title,
                                    verb=verb, found=agent, expected=seen[0], other=seen[1])
