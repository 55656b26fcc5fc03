"""Wording the fourth tryout (a foreign-invested game studio, English intake) found wrong, fixed
for every company: a singular department's second verb agrees with it; a standard ISO publishes
with IEC is named ISO/IEC; the manual states the IP staff's kind as the HR procedure does; a
program written for the company's tasks is not called a 'work for hire' (a US term)."""
from __future__ import annotations

from pathlib import Path

import pytest

from generators.intake import load_intake
from generators.intake_facts import Certification
from generators.package import draft_package
from helpers import docx_text

DATA = Path(__file__).parent / "data" / "intakes"
EXAMPLES = Path(__file__).parents[1] / "generators" / "templates" / "examples"


@pytest.fixture(scope="module")
def studio(corpus, tmp_path_factory) -> dict[str, str]:
    """The studio's English package: {document number's kind and number ('M-01', 'P-07'): text}."""
    folder = tmp_path_factory.mktemp("studio") / "pkg"
    draft_package(load_intake(DATA / "game-studio.en.yaml"), corpus, folder, "en")
    return {p.name.split("-IPM-")[1][:4]: docx_text(p) for p in folder.rglob("*.docx")
            if "-IPM-" in p.name}


def test_a_singular_department_s_second_verb_agrees(studio):
    assert "and state each position's duties" not in studio["P-07"]
    assert "and states each position's duties" in studio["P-07"]
    assert "and complete the Patent filing approval" not in studio["M-01"]


@pytest.mark.parametrize("written, named", [("ISO 27001", "ISO/IEC 27001"),
                                            ("ISO27001", "ISO/IEC 27001"),
                                            ("ISO 17025", "ISO/IEC 17025"),
                                            ("ISO/IEC 27001", "ISO/IEC 27001"),
                                            ("ISO 9001", "ISO 9001")])
def test_a_joint_iso_iec_standard_is_named_as_published(written, named):
    assert Certification(existing_systems=[written]).existing_systems == [named]


def test_one_management_system_is_not_called_systems(studio):
    assert "ISO/IEC 27001 management system;" in studio["M-01"]
    assert "ISO 27001" not in studio["M-01"]


@pytest.mark.parametrize("intake, full_time, either", [
    (DATA / "game-studio.en.yaml", "full-time IP staff", "full-time or part-time IP staff ("),
    (EXAMPLES / "manufacturer.zh.yaml", "专职知识产权工作人员", "专职或兼职知识产权工作人员")])
def test_the_manual_states_the_ip_staff_as_the_hr_procedure_does(corpus, tmp_path, intake,
                                                                 full_time, either):
    """A separate IP department: P-07 says its staff are full-time; so does the manual."""
    facts = load_intake(intake)
    assert facts.org.ip_work_mode == "department"
    folder = tmp_path / "pkg"
    draft_package(facts, corpus, folder, "en" if intake.name.endswith(".en.yaml") else "zh")
    manual = docx_text(next(folder.rglob("*-M-01*.docx")))
    hr = docx_text(next(folder.rglob("*-P-07*.docx")))
    assert full_time in hr and full_time in manual
    assert either not in manual


def test_an_employee_s_program_is_a_service_work_not_a_work_for_hire(studio):
    assert "work for hire" not in studio["P-25"]
    assert "Regulations on Computer Software Protection, Article 13" in studio["P-25"]


def test_no_field_of_a_form_is_labelled_form(corpus, tmp_path):
    """'Form: ☐paper ☐website' on a form reads as the form's own name: a field says what kind of
    thing it asks for (R-27 the material, R-40 the development)."""
    import docx

    folder = tmp_path / "pkg"
    draft_package(load_intake(DATA / "design.en.yaml"), corpus, folder, "en")
    labels = {(p.name[:12], cell.text.strip()) for p in (folder / "03-forms").glob("*.docx")
              for table in docx.Document(str(p)).tables[1:]
              for row in table.rows for cell in row.cells[:1]}
    assert [(name, label) for name, label in labels if label == "Form"] == []


def _reward_kinds(folder: Path) -> str:
    """The choices of R-22's field for the kind of reward (the text after its label, up to the
    next field's: the basis in the rules)."""
    text = docx_text(next((folder / "03-forms").glob("*-R-22*.docx")))
    start = max(text.find("奖励类别"), text.find("Kind of reward"))
    end = max(text.find("奖励依据"), text.find("Basis (article"))
    assert 0 < start < end
    return text[start:end]


@pytest.mark.parametrize("intake, kept, left_out", [
    (EXAMPLES / "saas.zh.yaml", ["申请奖", "登记奖", "运用奖"], ["授权奖", "实施报酬"]),
    (EXAMPLES / "manufacturer.zh.yaml", ["申请奖", "授权奖", "实施报酬"], []),
    (EXAMPLES / "saas.en.yaml", ["registration", "exploitation"], ["grant", "remuneration"])])
def test_reward_kinds_are_those_of_the_ip_the_company_has(corpus, tmp_path, intake, kept,
                                                        left_out):
    """R-22: grant rewards and the remuneration for working a patent (Patent Law art. 15) only
    for a company with patents; registration rewards for marks, software and works."""
    facts = load_intake(intake)
    folder = tmp_path / "pkg"
    draft_package(facts, corpus, folder, "en" if intake.name.endswith(".en.yaml") else "zh")
    text = _reward_kinds(folder)
    assert all(k in text for k in kept) and not [k for k in left_out if k in text]


def test_objectives_are_numbered_items_not_sentences_run_together(studio):
    """'…: Register …; File …; Review …' reads as sentences glued by semicolons: each objective
    is a numbered item, '(1) Register …; (2) File …'."""
    import re

    facts = load_intake(DATA / "game-studio.en.yaml")
    first, second = facts.policy.objectives[:2]
    assert f"(1) {first.rstrip('.')}; (2) {second.rstrip('.')}" in studio["M-01"]
    assert not re.search(r"IP objectives are: [^.]*; [A-Z]", studio["M-01"])


def test_the_makers_of_a_studios_works_are_its_development_centres(corpus, tmp_path):
    """The studio's works are made in its R&D centres (function rd), not by Publishing and Live
    Operations (service); 程序人员 (programmers) beside 批准 is no statement of who approves
    procedures (程序), so the lint finds no approval contradiction."""
    facts = load_intake(DATA / "game-studio.zh.yaml")
    folder = tmp_path / "pkg"
    result = draft_package(facts, corpus, folder, "zh")
    training = docx_text(next(folder.rglob("*-P-08*.docx")))
    makers = [d.name for d in facts.org.departments if "rd" in d.functions]
    service = [d.name for d in facts.org.departments if "service" in d.functions]
    assert all(name in training for name in makers)
    assert not any(f"{name}的策划" in training for name in service)
    assert [f.message for f in result.findings if f.kind == "approval"] == []
