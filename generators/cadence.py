"""How the package is sized for the company: how often each periodic activity is done
(templates/cadences.yaml, by company size) and whether documents are controlled electronically.

A small company (a start-up, 初创类, or at most `small_staff` staff, unless the intake's
package.small says otherwise) checks once a year where the standard asks for no more, and one
that keeps its work in a collaboration suite (飞书, Confluence …) controls its documents there:
permissions, version history and read confirmation instead of stamps and signed issue lists.
The templates see `every.*`, `once.*`, `periodic.*`, `unit.*`, `cadence.*` (by activity) and
`sized.*` (small, why, electronic, system)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from generators.intake import Intake

CADENCES_FILE = Path(__file__).parent / "templates" / "cadences.yaml"
# the template names of an activity's frequency, and the word of cadences.yaml `words` each takes
FORMS = {"every": "", "once": "_once", "periodic": "_periodic", "unit": "_unit"}


@lru_cache(maxsize=2)
def table(path: Path = CADENCES_FILE) -> dict:
    """cadences.yaml as read: small_staff, activities, words, document_systems."""
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def activities(path: Path = CADENCES_FILE) -> tuple[str, ...]:
    """The periodic activities cadences.yaml names, in its order."""
    return tuple(table(path)["activities"])


def is_small(intake: Intake, path: Path = CADENCES_FILE) -> bool:
    """Whether the package is sized for a small company: package.small when the intake gives
    it, else a start-up (初创类) or a company of at most cadences.yaml `small_staff` staff."""
    chosen = intake.package.small if intake.package else None
    if chosen is not None:
        return chosen
    return intake.company.stage == "start-up" or intake.company.staff <= table(path)["small_staff"]


def _texts(intake: Intake) -> str:
    """The intake's free texts that name where the company works and keeps its records."""
    texts = [intake.rd.records_other or "", *(intake.certification.existing_systems or []
                                              if intake.certification else [])]
    if intake.ip.open_source and intake.ip.open_source.how:
        texts.append(intake.ip.open_source.how)
    return " ".join(str(t) for t in texts)


def document_system(intake: Intake, language: str, small: bool,
                    path: Path = CADENCES_FILE) -> str:
    """The electronic system the documents are controlled in ('飞书'), '' for paper control:
    documents.system when named (unless control is paper); for a small company (or control:
    electronic) the first collaboration suite the intake names (cadences.yaml
    `document_systems`); with control: electronic and none named, the company's electronic
    document system in general words."""
    documents = intake.documents
    if documents.control == "paper":
        return ""
    if documents.system:
        return documents.system
    if not small and documents.control != "electronic":
        return ""
    text, column = _texts(intake), 1 if language == "zh" else 2
    found = next((entry[column] for entry in table(path)["document_systems"]
                  if re.search(entry[0], text, re.IGNORECASE)), "")
    if found or documents.control != "electronic":
        return found
    return "公司电子文档系统" if language == "zh" else "the company's electronic document system"


def sizing(intake: Intake, language: str = "zh", path: Path = CADENCES_FILE) -> dict[str, dict]:
    """The template variables of the company's size: `cadence` {activity: 'quarter' …},
    `every`/`once`/`periodic`/`unit` {activity: words in `language`} and `sized` {small,
    why (the reason in words, '' for a larger company), electronic, system}."""
    rules, small = table(path), is_small(intake, path)
    words = rules["words"]
    cadence = {name: sizes["small" if small else "others"]
               for name, sizes in rules["activities"].items()}
    out: dict[str, dict] = {"cadence": cadence}
    for form, suffix in FORMS.items():
        out[form] = {name: words[value].get(language + suffix, words[value][language])
                     for name, value in cadence.items()}
    system = document_system(intake, language, small, path)
    out["sized"] = {"small": small, "why": _why(intake, small, language, path),
                    "electronic": bool(system), "system": system}
    return out


def _why(intake: Intake, small: bool, language: str, path: Path = CADENCES_FILE) -> str:
    """Why the cadences are a small company's: '公司处于初创阶段，现有员工45人' / 'a start-up
    enterprise with 45 employees', '' when they are not."""
    if not small:
        return ""
    staff = intake.company.staff
    if intake.company.stage == "start-up":
        return (f"公司处于初创阶段，现有员工{staff}人" if language == "zh"
                else f"a start-up enterprise with {staff} employees")
    if staff <= table(path)["small_staff"]:
        return (f"公司现有员工{staff}人，规模较小" if language == "zh"
                else f"a company of {staff} employees")
    return ("公司按小型企业建立知识产权管理体系" if language == "zh"
            else "a small company")
