"""A package sized for a start-up or small company (issue 17, part su32).

A consultant drafted a 45-person Beijing AI start-up to the Beijing local standard as 初创类
(tests/data/intakes/ai-startup.*.yaml; /work/notes/s31/try6a-report.md item 5) and found the
package the same as a large 示范类 company's: quarterly cadences (R-30 budget reviews,
confidentiality inspections, information collection), half-yearly objective reviews, paper
control ("加盖受控标识") and destruction "须两人在场". A consultant checks a small company
yearly where the standard asks for no more (GB/T 29490 4.3: documents "与企业规模相适应";
bj-ipm 4.1: "根据自身性质、规模建立知识产权管理体系") and controls its documents in the company's
electronic system (Feishu …: permissions, version history, read receipts instead of stamps).

Expected phrases come from the consultant's findings, the intake (its Feishu), the standard's
words and templates/cadences.yaml's own words; larger and paper-based companies keep the text
they had.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import intake_variant, planned
from generators.cadence import CADENCES_FILE, is_small, sizing
from generators.intake import load_intake
from generators.templates_io import TEMPLATES_DIR, template_strings

INTAKES = Path(__file__).parent / "data" / "intakes"
EXAMPLES = TEMPLATES_DIR / "examples"
AI = {lang: INTAKES / f"ai-startup.{lang}.yaml" for lang in ("zh", "en")}
MAKER = {lang: EXAMPLES / f"manufacturer.{lang}.yaml" for lang in ("zh", "en")}
# the cadences the consultant found too frequent for a start-up, in the package's words
QUARTERLY = {"zh": re.compile(r"每季度|每半年|季度核查|半年度"),
             "en": re.compile(r"every quarter|each quarter|every six months|quarterly|"
                              r"half-yearly", re.IGNORECASE)}
YEARLY = {"zh": "每年", "en": "every year"}
# paper control and the two-person destruction the consultant would not ask of a start-up
TWO_PEOPLE = {"zh": "两人在场", "en": "presence of two people"}
STAMP = {"zh": "在纸质文件上加盖“受控”标识", "en": "stamps paper copies 'Controlled'"}
# electronic control as the consultant described it: permissions, version history, read receipts
ELECTRONIC = {"zh": ["飞书", "权限", "版本", "阅读确认"],
              "en": ["Feishu", "permissions", "version", "read confirmation"]}


def _texts(intake, templates, corpus, language: str, prefix: str) -> str:
    """The rendered template texts of one document of `intake`'s package, joined: `prefix`
    'procedures/P01', 'manual' or 'forms/R30' ('.{language}.' texts only), or a part of one
    ('manual.{lang}.clauses.4')."""
    plan = planned(intake, templates, corpus, language)
    wanted = (prefix.format(lang=language) + "." if "{lang}" in prefix
              else f"{prefix}.{language}.")
    return "\n".join(templates.render(text, plan.context)
                     for where, text in template_strings(templates) if where.startswith(wanted))


def _periodic(intake, templates, corpus, language: str) -> str:
    """The texts that state how often the periodic activities the consultant named are done:
    the manual, budget (P-10, R-30), confidentiality (P-06), information (P-09), strategy and
    objectives (P-04), risk (P-11), protection (P-15) and supervision (P-22)."""
    return "\n".join(_texts(intake, templates, corpus, language, prefix)
                     for prefix in ("manual.{lang}.sections", "manual.{lang}.clauses.4",
                                    "manual.{lang}.clauses.7", "manual.{lang}.clauses.8",
                                    "manual.{lang}.clauses.10", "manual.{lang}.clauses.13",
                                    "procedures/P04", "procedures/P06",
                                    "procedures/P09", "procedures/P10", "procedures/P11",
                                    "procedures/P15", "procedures/P22", "forms/R30"))


# -- 1. cadences by size ------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_start_up_checks_yearly(language, templates, corpus):
    text = _periodic(load_intake(AI[language]), templates, corpus, language)
    assert not QUARTERLY[language].findall(text), QUARTERLY[language].findall(text)
    assert YEARLY[language] in text


@pytest.mark.parametrize("language", ["zh", "en"])
def test_large_company_keeps_its_cadences(language, templates, corpus):
    text = _periodic(load_intake(MAKER[language]), templates, corpus, language)
    assert QUARTERLY[language].search(text)


def test_start_up_budget_check_is_annual(templates, corpus):
    """R-30 'quarterly budget reviews' (the finding): the form is the year's check, without
    the quarter's columns, and the manual and P-10 name it so."""
    intake = load_intake(AI["zh"])
    form = _texts(intake, templates, corpus, "zh", "forms/R30")
    assert "本季度" not in form
    plan = planned(intake, templates, corpus, "zh")
    assert "季度" not in plan.context["title"]["R30"]
    assert plan.context["title"]["R30"] in _texts(intake, templates, corpus, "zh", "procedures/P10")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_manual_says_which_cadence_and_why(language, templates, corpus):
    profile = _texts(load_intake(AI[language]), templates, corpus, language, "manual")
    staff = str(load_intake(AI[language]).company.staff)
    sentence = next((s for s in re.split(r"(?<=[。.])\s*", profile)
                     if staff in s and YEARLY[language] in s), "")
    assert sentence, "the manual names no yearly cadence with the company's size"
    assert ("初创" if language == "zh" else "start-up") in sentence


def test_small_by_stage_staff_or_switch(tmp_path):
    """Small: a start-up, or at most 50 staff (cadences.yaml small_staff), unless package.small
    says otherwise."""
    assert is_small(load_intake(AI["zh"]))
    assert not is_small(load_intake(MAKER["zh"]))

    def few(data):
        data["company"]["staff"], data["company"]["rd_staff"] = 40, 10

    assert is_small(load_intake(intake_variant(MAKER["zh"], tmp_path, few)))

    def not_small(data):
        data["package"] = {"small": False}

    assert not is_small(load_intake(intake_variant(AI["zh"], tmp_path, not_small)))


def test_switched_off_start_up_keeps_quarterly_checks(tmp_path, templates, corpus):
    def not_small(data):
        data["package"] = {"small": False}

    intake = load_intake(intake_variant(AI["zh"], tmp_path, not_small))
    assert "每季度" in _texts(intake, templates, corpus, "zh", "procedures/P10")


def test_cadence_table_is_what_the_texts_say(tmp_path):
    """A consultant edits cadences.yaml: the texts follow it."""
    table = yaml.safe_load(CADENCES_FILE.read_text(encoding="utf-8"))
    table["activities"]["budget_check"]["small"] = "quarter"
    edited = tmp_path / "cadences.yaml"
    edited.write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    intake = load_intake(AI["zh"])
    assert sizing(intake, "zh", edited)["every"]["budget_check"] == table["words"]["quarter"]["zh"]
    assert sizing(intake, "zh")["every"]["budget_check"] == table["words"]["year"]["zh"]


# -- 2. electronic document control ---------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_start_up_controls_documents_in_feishu(language, templates, corpus):
    intake = load_intake(AI[language])
    p01 = _texts(intake, templates, corpus, language, "procedures/P01")
    for word in ELECTRONIC[language]:
        assert word in p01, word
    assert STAMP[language] not in p01
    assert TWO_PEOPLE[language] not in p01
    manual = _texts(intake, templates, corpus, language, "manual")
    assert ELECTRONIC[language][0] in manual
    # external documents are published in the system too, not stamped
    p02 = _texts(intake, templates, corpus, language, "procedures/P02")
    assert ("加盖“外来文件”标识" if language == "zh" else "stamped 'External document'") not in p02
    assert ELECTRONIC[language][0] in p02


@pytest.mark.parametrize("language", ["zh", "en"])
def test_large_company_keeps_paper_control(language, templates, corpus):
    p01 = _texts(load_intake(MAKER[language]), templates, corpus, language, "procedures/P01")
    assert STAMP[language] in p01
    assert TWO_PEOPLE[language] in p01


def test_paper_based_start_up_keeps_stamps_without_two_people(tmp_path, templates, corpus):
    def paper(data):
        data["documents"]["control"] = "paper"

    p01 = _texts(load_intake(intake_variant(AI["zh"], tmp_path, paper)), templates, corpus,
                 "zh", "procedures/P01")
    assert STAMP["zh"] in p01
    assert "飞书" not in p01
    assert TWO_PEOPLE["zh"] not in p01


def test_named_system_for_a_large_company(tmp_path, templates, corpus):
    def dingtalk(data):
        data["documents"]["system"] = "钉钉"

    p01 = _texts(load_intake(intake_variant(MAKER["zh"], tmp_path, dingtalk)), templates, corpus,
                 "zh", "procedures/P01")
    assert "钉钉" in p01 and "阅读确认" in p01
    assert TWO_PEOPLE["zh"] in p01  # a large company's paper copies: as before


def test_intake_check_asks_a_small_company_where_it_controls_documents(tmp_path):
    """A small company naming no system and no paper control: `ipms intake check` warns, as for
    the other 调查诊断 facts; the start-up naming Feishu and a large company are not asked."""
    from generators.intake import load_intake_report

    def no_suite(data):
        data["rd"].pop("records_other", None)
        data["ip"]["open_source"]["how"] = "引入开源组件前登记并审查许可证"

    def asked(path: Path) -> bool:
        _, report = load_intake_report(path)
        return any(p.path == "documents.system" for p in report.warnings)

    assert asked(intake_variant(AI["zh"], tmp_path, no_suite))
    assert not asked(AI["zh"])
    assert not asked(MAKER["zh"])
