"""Issue 17, third tryout (rec): every recurring duty names its record.

An auditor asks "show me the record" for each check the company does again and again. The
consultant found recurring checks whose evidence is not named: P-18's year-end inventory
("核查结果报知识产权管理者代表"), P-12's half-yearly supplementary search, P-25's yearly check of
released software, P-09's quarterly database update, and the management representative's
reports to top management in the manual ("定期向最高管理者报告体系运行情况").

1. The lint (`unnamed-record`, generators/lint_evidence.py) finds a recurring duty — a period and
   an audited act — whose record neither its clause nor what says its outcome names, in zh and
   en, in procedures and the manual; a definition, a retention sentence, a chapter's preface, a
   duty done at the management review and a procedure named instead of a record are no finding.
2. The shipped packages have none, and the duties the consultant named name their forms.
3. `rd.records_other` names the system `other` stands for (the design institute's 图档管理系统):
   P-14, R-39 and R-13 use the name; intakes without it read as before.
4. P-26 promised to note the source code provided in R-70's row, a column R-70 lacked: the
   form-field lint reads that sentence pattern, and R-70 has the columns P-26 names.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generators import lint, lint_evidence
from generators.company_kind import derived_facts
from generators.intake import load_intake, parse_intake
from generators.lint import lint_package
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph, read_package
from generators.templates_io import TEMPLATES_DIR
from tests.test_lint import make_package

DATA = Path(__file__).parent / "data" / "intakes"
INSTITUTE = DATA / "design-institute.zh.yaml"   # rd.records: [documents, other] + records_other
COMPANIES = {("saas", "zh"): TEMPLATES_DIR / "examples" / "saas.zh.yaml",
             ("saas", "en"): TEMPLATES_DIR / "examples" / "saas.en.yaml",
             ("manufacturer", "en"): TEMPLATES_DIR / "examples" / "manufacturer.en.yaml",
             ("institute", "zh"): INSTITUTE}


# ------------------------------------------------------------------ 1. the lint
def _procedure(step: str, language: str) -> PackageDocument:
    zh = language == "zh"
    blocks = [Paragraph("5 工作程序" if zh else "5 Procedure", "Heading1"),
              Paragraph("5.4 定期清点核查" if zh else "5.4 Regular inventory", "Heading2"),
              Paragraph(step), Paragraph("6 相关文件" if zh else "6 Related documents", "Heading1")]
    return PackageDocument("02-procedures/X-IPM-P-18.docx", "procedure", "X-IPM-P-18",
                           "知识产权资产管理控制程序" if zh else "IP asset management procedure",
                           "", blocks)


def _manual(chapter: str, topic: str, text: str, language: str) -> PackageDocument:
    blocks = [Paragraph(chapter, "Heading1"), Paragraph(topic, "Heading4"), Paragraph(text)]
    return PackageDocument("01-manual/X-IPM-M-01.docx", "manual", "X-IPM-M-01",
                           "知识产权管理手册" if language == "zh" else "IP management manual",
                           "", blocks)


def _found(document: PackageDocument) -> bool:
    package = lint._Package([document], None)
    lint_evidence.check_unnamed_recurring(package)
    return bool([f for f in package.findings if f.kind == "unnamed-record"])


@pytest.mark.parametrize("text, found", [
    # the consultant's findings
    ("每年年末，知识产权部会同财务部对知识产权资产进行一次全面清点和核查，核查结果报知识产权管理者代表。", True),
    ("研发过程中，知识产权部每半年对项目进行补充检索，跟踪新公开的相关专利。", True),
    ("知识产权部每年对照产品版本清单检查已发布的软件是否已登记，检查结果纳入知识产权目标的完成情况。", True),
    ("信息数据库由专人维护，每季度更新一次并校核法律状态。", True),
    ("逐项登记于《合规义务清单》（X-IPM-R-66）；每季度核对一次，变化时更新。", True),  # the list is before
    ("每年检查一次，按《知识产权风险管理控制程序》（X-IPM-P-11）执行。", True),         # no record named
    ("知识产权部每年核查许可的有效性；信息部每年核查正版软件，记录于《软件正版化核查表》（X-IPM-R-33）。", True),
    # named: in the clause, in the outcome said next, or for all the duties before it
    ("每年年末进行一次全面清点，核查结果记入《监督检查记录》（X-IPM-R-61）。", False),
    ("知识产权部每年检查一次标注。检查结果记入《监督检查记录》。", False),
    ("销售部每月报告线索；知识产权部每季度检索商标公告；所有线索和监控结果登记在《侵权监控记录》中。", False),
    ("知识产权部每年结合管理评审评价资源的适宜性。", False),
    # no duty: retention, definition
    ("研发记录保存10年，到期后每年清理一次。", False),
    ("季度核查是指每季度对照预算检查经费使用的活动。", False),
])
def test_lint_finds_a_recurring_duty_without_its_record_zh(text, found):
    assert _found(_procedure(text, "zh")) is found


@pytest.mark.parametrize("text, found", [
    ("At the end of each year the IP Department carries out a full inventory check of IP assets; "
     "the results are reported to the IP management representative.", True),
    ("During R&D the IP Department runs a supplementary search every six months.", True),
    ("The register is checked every quarter and updated when something changes.", True),
    ("Every quarter the IP Department searches trademark gazettes and enters the results in the "
     "Infringement monitoring record (X-IPM-R-43).", False),
    ("Each year the IP Department checks the markings. The result is entered in the Supervision "
     "and inspection record (X-IPM-R-61).", False),
    ("Top management reviews the adequacy of the resources at each annual management review.", False),
    ("R&D records are kept for 10 years and checked once a year.", False),
])
def test_lint_finds_a_recurring_duty_without_its_record_en(text, found):
    assert _found(_procedure(text, "en")) is found


@pytest.mark.parametrize("chapter, text, found", [
    ("第7章 支持", "管理者代表李敏定期向最高管理者报告体系运行情况。", True),     # the consultant's
    ("第7章 支持", "管理者代表李敏定期（至少每年一次）以《知识产权管理体系分析报告》（X-IPM-R-64）"
                  "向最高管理者报告体系运行情况。", False),
    ("第9章 绩效评价", "本章说明公司每年对知识产权管理体系进行评价的方式和内容。", False),
    ("术语和定义", "季度核查：每季度对照预算检查经费使用情况的活动。", False),
])
def test_lint_reads_the_manuals_recurring_duties(chapter, text, found):
    assert _found(_manual(chapter, "知识产权沟通", text, "zh")) is found


def test_lint_reads_the_manuals_recurring_duties_en():
    text = "the management representative reports regularly to top management on how the system is working."
    assert _found(_manual("Chapter 7 Support", "Communication on IP", text, "en"))
    named = text.replace("working.", "working, in the IP management system analysis report (X-IPM-R-64).")
    assert not _found(_manual("Chapter 7 Support", "Communication on IP", named, "en"))


def test_a_drafted_package_made_to_have_one_is_reported(tmp_path):
    """Read back from Word files: the step as P-18 had it."""
    root = make_package(tmp_path, procedure=[
        ("h2", "5.4 定期清点核查"),
        ("p", "每年年末，知识产权部对知识产权资产进行一次全面清点和核查，核查结果报知识产权管理者代表。")])
    findings = [f for f in lint_package(root) if f.kind == "unnamed-record"]
    assert len(findings) == 1 and "5.4 定期清点核查" in findings[0].message


# ------------------------------------------------------------------ 2. the shipped packages
@pytest.fixture(scope="module")
def packages(corpus, tmp_path_factory):
    """{(company, language): (lint findings, {document part: text})}."""
    out = {}
    for (company, language), path in COMPANIES.items():
        folder = tmp_path_factory.mktemp(f"{company}-{language}") / "pkg"
        result = draft_package(load_intake(path), corpus, folder, language)
        texts = {d.number.split("-IPM-")[-1]: "\n".join(t for _, t in d.texts())
                 for d in read_package(folder)}
        out[(company, language)] = (result.findings, texts)
    return out


@pytest.mark.parametrize("key", list(COMPANIES))
def test_the_shipped_packages_name_every_recurring_record(packages, key):
    findings, _ = packages[key]
    assert [f.message for f in findings if f.kind in ("unnamed-record", "form-field")] == []


def _number(texts: dict, part: str) -> str:
    return re.search(rf"[A-Z]+-IPM-{part}", texts[part]).group()


def _after(text: str, start: str, length: int = 400) -> str:
    return text.split(start, 1)[1][:length]


@pytest.mark.parametrize("key", [k for k in COMPANIES if k[1] == "zh"])
def test_the_consultants_recurring_checks_name_their_forms_zh(packages, key):
    _, texts = packages[key]
    # P-18's year-end inventory: the supervision and inspection record, not only a report upward
    assert "核查结果报知识产权管理者代表。" not in texts["P-18"]
    assert _number(texts, "R-61") in _after(texts["P-18"], "每年年末")
    # P-12's half-yearly search: the search report
    assert _number(texts, "R-35") in _after(texts["P-12"], "每半年")
    # P-09's quarterly update of the database: the information record
    assert _number(texts, "R-26") in _after(texts["P-09"], "每季度更新一次", 100)
    # the manual: the representative reports to top management in the analysis report, whose
    # field 报告最高管理者的日期 is R-64's own
    assert "报告最高管理者的日期" in texts["R-64"]
    report = texts["M-01"].split("向最高管理者报告体系运行情况")[0][-80:]
    assert _number(texts, "R-64") in report


def test_the_yearly_software_check_names_the_objectives_form(packages):
    _, texts = packages[("saas", "zh")]
    assert _number(texts, "R-08") in _after(texts["P-25"], "每年对照产品版本清单")
    _, english = packages[("saas", "en")]
    assert _number(english, "R-08") in _after(english["P-25"], "Each year")
    assert _number(english, "R-64") in _after(english["M-01"], "reports regularly (at least once a year)")


# ------------------------------------------------------------------ 3. rd.records_other
def test_the_institute_names_its_drawing_management_system(packages):
    _, texts = packages[("institute", "zh")]
    assert "其他研发记录" not in "\n".join(texts.values())
    assert "研发过程记录在研发文档和图档管理系统中" in texts["P-14"]
    assert "图档管理系统" in texts["R-39"]
    assert "图档管理系统" in texts["R-13"]


def test_records_other_implies_other_and_old_intakes_read_as_before():
    intake = load_intake(INSTITUTE)
    assert intake.rd.records == ["documents", "other"] and intake.rd.records_other == "图档管理系统"
    data = yaml.safe_load(INSTITUTE.read_text(encoding="utf-8"))
    data["rd"] = {"modes": ["in-house"], "records_other": "图档管理系统"}
    named = parse_intake(yaml.safe_dump(data, allow_unicode=True))
    assert named.rd.records == ["other"]
    assert "图档管理系统" in derived_facts(named, "zh")["says"]["rd_records"]
    data["rd"] = {"modes": ["in-house"], "records": ["documents", "other"]}  # as before: no name
    unnamed = parse_intake(yaml.safe_dump(data, allow_unicode=True))
    assert "其他研发记录" in derived_facts(unnamed, "zh")["says"]["rd_records"]


# ------------------------------------------------------------------ 4. P-26 and R-70
def test_the_form_field_lint_reads_what_is_noted_in_a_forms_row(tmp_path):
    register = ("X-R-70", ("开源组件使用登记及许可审查表",
                           [("table", [["序号", "组件名称及版本", "许可证（SPDX）", "使用方式"]])]))
    root = make_package(tmp_path, procedure=[
        ("p", "许可证要求提供源代码的，按许可证方式提供，并在《开源组件使用登记及许可审查表》（X-R-70）"
              "中该组件一行注明提供的时间和方式。")], forms=dict([register]))
    found = [f.message for f in lint_package(root) if f.kind == "form-field"]
    assert found and "时间" in found[0]


def test_the_open_source_register_has_the_columns_p26_names(packages):
    _, texts = packages[("saas", "zh")]
    assert "该组件一行注明提供的时间和方式" in texts["P-26"]
    assert "源代码提供时间及方式" in texts["R-70"]
    assert "发布前核对的版本及日期" in texts["R-70"]
    assert _number(texts, "R-61") in _after(texts["P-26"], "每半年抽查一次", 120)
