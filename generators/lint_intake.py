"""The package lint's `intake` check: facts the intake gives that the records must carry.

A licence the company takes (ip.licences_in) is a right it uses and a contract it must keep: the
manual naming it is not enough, a record form of the package (the IP ledger, the compliance
obligations register) must list it. Each licence whose `what` no record form holds is reported
once, at the manual. Needs the intake (without it there is nothing to compare).
"""
from __future__ import annotations


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
