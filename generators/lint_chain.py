"""The package lint's `chain` check: texts naming who reviews or approves a record must agree.

A sentence of the manual or a procedure naming a record form (《title》) and, right before 审核 or
批准, a department of the package or a role (最高管理者, 管理者代表, the top manager's title from the
intake, '<department>负责人') says who reviews or approves that record. Two texts naming different
ones for the same record and verb contradict each other (the manual's '技术质量部核定、院办公室审核'
against P-07's '技术质量部审核，院长批准' for the reward form): each such pair is reported once, at
the later text. An aside in （） (an exception: 机密级报院长批准) is not read. Chinese packages
only (the English texts word the same steps in running prose).
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
    if package.language != "zh" or not departments:
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
