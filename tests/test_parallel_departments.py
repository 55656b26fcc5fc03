"""Parallel departments holding the same functions (issue 17).

An engineering design institute (tests/data/intakes/design*.yaml) has several design units
(建筑设计所, 市政设计所) holding the same functions. The manual repeated their duties word for
word, one paragraph each, and the package lint reported '市政设计所' as having copied
'建筑设计所''s duties. A consultant names such units together once: '建筑设计所、市政设计所：负责…'
/ "Architectural Design Studio and Municipal Design Studio: …" (generators.roles.named_together),
for any departments holding the identical set of functions; the lint reads such a paragraph as
duties of each department named and reports no copy. Two departments in paragraphs of their
own with the same text stay a finding.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generators.intake import load_intake, parse_intake
from generators.lint import _Package, _check_departments
from generators.lint_people import check_copied_duties
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph, Table, read_package
from generators.templates_io import TEMPLATES_DIR

INTAKES = Path(__file__).parent / "data" / "intakes"
SECTION = {"zh": "知识产权管理机构与职责", "en": "IP management body"}
COLON = {"zh": "：", "en": ": "}
# the studios of the design intakes, and how a consultant names them together
DESIGN = {
    "design.zh": ("建筑设计所", "市政设计所", "建筑设计所、市政设计所"),
    "design-institute.zh": ("建筑设计所", "市政设计所", "建筑设计所、市政设计所"),
    "design.en": ("Architectural Design Studio", "Municipal Design Studio",
                  "Architectural Design Studio and Municipal Design Studio"),
}


def _duty_paragraphs(folder: Path, language: str) -> list[str]:
    """The paragraphs of the drafted manual's duties section that name departments."""
    manual = next(d for d in read_package(folder) if d.kind == "manual")
    return [b.text for b in _section(manual, SECTION[language]) if isinstance(b, Paragraph)]


def _section(manual, title: str) -> list:
    blocks, on = [], False
    for block in manual.blocks:
        heading = isinstance(block, Paragraph) and block.style.startswith("Heading")
        if heading:
            on = title in block.text
        elif on:
            blocks.append(block)
    return blocks


def _department_findings(findings) -> list:
    return [f for f in findings if f.kind == "department"]


@pytest.mark.parametrize("stem", sorted(DESIGN))
def test_design_units_with_the_same_functions_are_named_together_once(stem, corpus, templates,
                                                                      tmp_path):
    language = stem.split(".")[-1]
    first, second, together = DESIGN[stem]
    result = draft_package(load_intake(INTAKES / f"{stem}.yaml"), corpus, tmp_path / "pkg",
                           language, templates=templates)
    paragraphs = _duty_paragraphs(tmp_path / "pkg", language)
    colon = COLON[language]
    assert sum(p.startswith(together + colon) for p in paragraphs) == 1, paragraphs
    assert not any(p.startswith((first + colon, second + colon)) for p in paragraphs)
    assert _department_findings(result.findings) == []


def _two_workshops(language: str) -> tuple:
    """The manufacturer example with its production department split into two workshops
    holding the same functions (listed in another order in the second)."""
    path = TEMPLATES_DIR / "examples" / f"manufacturer.{language}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    names = ("一车间", "二车间") if language == "zh" else ("Workshop One", "Workshop Two")
    prod = next(d for d in data["org"]["departments"] if d["key"] == "prod")
    prod["name"] = names[0]
    twin = dict(prod, key="prod2", name=names[1], functions=list(reversed(prod["functions"])))
    data["org"]["departments"].insert(data["org"]["departments"].index(prod) + 1, twin)
    return parse_intake(yaml.safe_dump(data, allow_unicode=True), path.name), names


@pytest.mark.parametrize("language", ["zh", "en"])
def test_any_departments_with_the_same_functions_are_named_together(language, corpus, templates,
                                                                   tmp_path):
    intake, (one, two) = _two_workshops(language)
    together = f"{one}、{two}" if language == "zh" else f"{one} and {two}"
    result = draft_package(intake, corpus, tmp_path / "pkg", language, templates=templates)
    paragraphs = _duty_paragraphs(tmp_path / "pkg", language)
    colon = COLON[language]
    assert sum(p.startswith(together + colon) for p in paragraphs) == 1, paragraphs
    assert not any(p.startswith((one + colon, two + colon)) for p in paragraphs)
    assert _department_findings(result.findings) == []


def _manual(language: str, duties: list[str], departments: list[str]) -> _Package:
    company = "某设计研究院有限公司" if language == "zh" else "Example Design Institute Ltd"
    title = "知识产权管理手册" if language == "zh" else "IP Management Manual"
    annex = "附录A  组织机构与职能表" if language == "zh" else "Annex A  Departments and their functions"
    manual = PackageDocument(
        "01-manual/M.docx", "manual", "M-01", title, f"{company}  M-01  GB/T 29490",
        [Paragraph(SECTION[language], "Heading1"), *(Paragraph(t) for t in duties),
         Paragraph(annex, "Heading1"),
         Table(((company, "", ""), *((d, "", "") for d in departments)))])
    return _Package([manual], None)


@pytest.mark.parametrize("language, a, b, duty, together", [
    ("zh", "建筑设计所", "市政设计所", "负责业务过程中技术资料、客户资料和工作成果的保密。",
     "建筑设计所、市政设计所"),
    ("en", "Architectural Design Studio", "Municipal Design Studio",
     "confidentiality of technical material, clients' material and work results in its work.",
     "Architectural Design Studio and Municipal Design Studio"),
])
def test_lint_reads_departments_named_together_and_still_finds_copies(language, a, b, duty,
                                                                      together):
    colon = COLON[language]
    named = _manual(language, [f"{together}{colon}{duty}"], [a, b])
    check_copied_duties(named)
    _check_departments(named)
    assert named.findings == []  # each has its duties, none copied, no unknown department
    copied = _manual(language, [f"{a}{colon}{duty}", f"{b}{colon}{duty}"], [a, b])
    check_copied_duties(copied)
    assert len(copied.findings) == 1
    assert b in copied.findings[0].message and a in copied.findings[0].message
