"""The package lint's `intake` check: facts the intake gives that the records must carry.

A licence the company takes (ip.licences_in) is a right it uses and a contract it must keep: the
manual naming it is not enough, a record form of the package (the IP ledger, the compliance
obligations register) must list it. Each licence whose `what` no record form holds is reported
once, at the manual. Needs the intake (without it there is nothing to compare).

`own_titles` gives the other checks the titles that are the company's own products and works
(《余烬计划》 is a game, not a plan the package lacks).
"""
from __future__ import annotations

import re

# a product or work as the intake lists it: its name, then what it is in brackets
_DESCRIBED = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def own_titles(intake) -> set[str]:
    """The titles of the company's products and works as a document quotes them in 《》: each
    《…》 of a product (company.products) or work (ip.works), and a product's name without its
    bracketed description ('《余烬计划》（PC动作游戏，在研）', '余烬计划（PC动作游戏）' -> 余烬计划)."""
    out: set[str] = set()
    for entry in [*intake.company.products, *(intake.ip.works or [])]:
        out |= set(re.findall(r"《([^《》]+)》", entry))
    for entry in intake.company.products:
        name = _DESCRIBED.sub("", entry).strip().strip("《》")
        if name:
            out.add(name)
    return out


def check_licences_in(package) -> None:
    """Report (`intake`) each ip.licences_in entry that no record form's text holds."""
    intake = package.intake
    if intake is None or not intake.ip.licences_in:
        return
    forms = "\n".join(text for d in package.documents if d.kind == "form"
                      for _, text in d.texts())
    where = package.manual or (package.documents[0] if package.documents else None)
    if where is None:
        return
    for licence in intake.ip.licences_in:
        if licence.what not in forms:
            package.say("intake", where, "", "licence_unlisted", what=licence.what,
                        licensor=licence.licensor)
