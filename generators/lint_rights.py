"""The package lint's checks of rights shared or pledged, and of the ledger columns texts name.

- `intake` (check_rights_handled): a right the intake says is co-owned (ip.co_owned) or pledged
  (ip.pledges) that no record form lists (the IP ledger's rows: generators.rights), or that no
  procedure handles — no sentence of a procedure asks for the co-owners' or the pledgee's
  consent (lint.yaml `rights`: the words such a sentence holds). Before any transfer, licence,
  abandonment or pledge the company must have both (专利法 第十四条, 民法典 第四百四十四条:
  generators/intake_rights.py). Reported once per right, at the manual. Needs the intake.
- `form-field` (check_named_columns): a manual or procedure naming a column of a form
  ('按《知识产权台账》（R-42）的共有人栏和质押栏核对', "against the co-owners column of the IP
  ledger (R-42)") that the form's tables lack — the auditor opens the form and finds no such
  column. Columns match as generators.lint_noted's items do (lint_noted.covered).
"""
from __future__ import annotations

import re

from generators.lint_noted import _form_fields, _forms, covered


def _sentences(package, kinds: tuple[str, ...]) -> list[str]:
    """The sentences of the package's documents of `kinds` (split at 。；.; and line ends: a
    heading is a sentence of its own)."""
    out = []
    for document in package.documents:
        if document.kind in kinds:
            for _, text in document.texts():
                out += re.split(r"[。；\n]|(?<=[.;])\s", text)
    return out


def check_rights_handled(package) -> None:
    """Report (`intake`) each co-owned or pledged right of the intake that no form lists or no
    procedure's sentence asks consent for (module docstring)."""
    intake = package.intake
    where = package.manual or (package.documents[0] if package.documents else None)
    if intake is None or where is None:
        return
    rule = package.rules["rights"][package.language]
    forms = "\n".join(text for d in package.documents if d.kind == "form" for _, text in d.texts())
    steps = [s.casefold() for s in _sentences(package, ("procedure",))]
    facts = [("co_owned", item.right, "、".join(item.co_owners)) for item in intake.ip.co_owned or []]
    facts += [("pledged", item.rights, item.pledgee) for item in intake.ip.pledges or []]
    for kind, right, party in facts:
        if right not in forms:
            package.say("intake", where, "", f"{kind}_unlisted", right=right, party=party)
        words = [w.casefold() for w in rule[kind]]
        if not any(all(w in s for w in words) for s in steps):
            package.say("intake", where, "", f"{kind}_unhandled", right=right, party=party)


def check_named_columns(package) -> None:
    """A `form-field` finding for each column a manual or procedure names in a form that the
    form lacks (module docstring)."""
    titles, numbers = _forms(package)
    rule = package.rules["named_columns"][package.language]
    pattern = re.compile(rule["pattern"])
    english = package.language == "en"
    fields: dict[str, list[str]] = {}
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        for where, text in document.texts():
            for match in pattern.finditer(text):
                form = (numbers.get(match["number"] or "")
                        or titles.get((match["title"] or "").strip().casefold()))
                if form is None:
                    continue
                have = fields.setdefault(form.path, _form_fields(form))
                for part in re.split(rule["separator"], match["columns"]):
                    name = re.sub(rule["suffix"], "", part.strip()).strip("“”' ")
                    if name and not covered(name, have, english) \
                            and not _said(package, document, where, form.title, name):
                        package.say("form-field", document, where, "column_missing",
                                    title=form.title, column=name)


def _said(package, document, where: str, title: str, column: str) -> bool:
    """Whether a `form-field` finding on this text already names the form and the column
    (lint_noted.check_noted_in_form, which runs before, reports a column a text records
    something in: '…填入《…》（T-R-75）的“终止核查”栏'); one finding per missing column."""
    return any(f.kind == "form-field" and f.document == document.path and f.where == where
               and title in f.message and column in f.message for f in package.findings)
