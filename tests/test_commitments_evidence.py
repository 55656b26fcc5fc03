"""Issue 17, late round (cmt): commitments an auditor will ask evidence for.

1. A text committing the company unconditionally to what it may not do — "在服务进入当地市场前在
   目的地注册商标" for a service sold in Laos — is worded as an assessment whose conclusion the
   export survey (R-47, field "拟在当地申请、注册或登记的知识产权") records: in the manual and in
   P-17, for goods, services and online services, in both languages.
2. P-06's quarterly confidentiality inspection "记录问题" named no record: it is entered in the
   supervision and inspection record (R-61).
3. The laws list (R-09) and the compliance obligations register (R-66) were empty although the
   manual's 引用文件 names the laws and the intake the licences taken: R-09 lists every law the
   manual cites (and no other), R-66 has an obligation from each of them and from each licence.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import docx_text
from generators.intake import load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR

DATA = Path(__file__).parent / "data" / "intakes"
COMPANIES = {("design", "zh"): DATA / "design.zh.yaml", ("design", "en"): DATA / "design.en.yaml",
             ("saas", "zh"): TEMPLATES_DIR / "examples" / "saas.zh.yaml",
             ("saas", "en"): TEMPLATES_DIR / "examples" / "saas.en.yaml",
             ("manufacturer", "zh"): TEMPLATES_DIR / "intake.zh.yaml"}


def _part(name: str) -> str:
    """'M-01', 'P-15', 'R-42' from a document's file name."""
    return name.split(" ")[0].split("-IPM-")[-1]


@pytest.fixture(scope="module")
def packages(corpus, tmp_path_factory):
    """{(company, language): {document part: text}} of whole drafted packages."""
    out = {}
    for (company, language), path in COMPANIES.items():
        target = tmp_path_factory.mktemp(f"{company}-{language}") / "pkg"
        result = draft_package(load_intake(path), corpus, target, language)
        assert [f.message for f in result.findings] == []
        out[(company, language)] = {_part(p.name): docx_text(p).replace("\u00a0", " ")
                                    for p in target.rglob("*.docx")}
    return out


def _intake(company: str, language: str) -> dict:
    return yaml.safe_load(COMPANIES[(company, language)].read_text(encoding="utf-8"))


# ------------------------------------------------------------------ 1. foreign filing as a decision
@pytest.mark.parametrize("company", ["design", "saas"])
def test_foreign_filing_is_an_assessment_recorded_in_the_export_survey_zh(packages, company):
    texts = packages[(company, "zh")]
    for part in ("M-01", "P-17"):
        assert "在服务进入当地市场前在目的地" not in texts[part]
        assert "适时在目的地进行知识产权申请" not in texts[part]
        assert "评估是否需要在目的地" in texts[part], part
        assert "拟在当地申请、注册或登记的知识产权" in texts[part], part
    # the field the texts name is the survey's own
    assert "拟在当地申请、注册或登记的知识产权" in texts["R-47"]


@pytest.mark.parametrize("company", ["design", "saas"])
def test_foreign_filing_is_an_assessment_recorded_in_the_export_survey_en(packages, company):
    texts = packages[(company, "en")]
    for part in ("M-01", "P-17"):
        assert "in good time" not in texts[part]
        assert "in the destination before the service enters" not in texts[part]
        assert "assesses whether" in texts[part], part
        assert "IP to file, register or record there" in texts[part], part
    assert "IP to file, register or record there" in texts["R-47"]


def test_the_manufacturer_assesses_filing_before_selling_abroad(packages):
    text = packages[("manufacturer", "zh")]["M-01"]
    assert "适时在目的地进行知识产权申请、注册和登记" not in text
    assert "需要的在产品销售前办理" in text


# ------------------------------------------------------------------ 2. an inspection names its record
@pytest.mark.parametrize("key", list(COMPANIES))
def test_confidentiality_inspection_is_recorded_in_the_inspection_record(packages, key):
    texts = packages[key]
    r61 = re.search(r"([A-Z]+-IPM-R-61)", texts["R-61"]).group(1)
    step = texts["P-06"].split("保密检查与泄密处理" if key[1] == "zh" else "Inspections and leaks")[-1]
    assert "记录问题并督促整改" not in step
    assert r61 in step[:300]


# ------------------------------------------------------------------ 3. laws and obligations pre-filled
def _laws_cited(manual: str, language: str) -> set[str]:
    """The laws and regulations the manual's 引用文件 names (zh: each in 《》; the standard,
    also in 《》, is no law: its title ends in 要求)."""
    section = manual.split("引用文件")[-1].split("术语和定义")[0]
    return {t for t in re.findall(r"《([^》]+)》", section) if t.endswith(("法", "条例", "办法", "规范"))}


@pytest.mark.parametrize("company", ["design", "saas", "manufacturer"])
def test_the_laws_list_holds_each_law_the_manual_cites(packages, company):
    texts = packages[(company, "zh")]
    cited = _laws_cited(texts["M-01"], "zh")
    assert "中华人民共和国著作权法" in cited
    for law in cited:
        assert law in texts["R-09"], law
        assert f"《{law}》" in texts["R-66"], law
    # a law the manual does not cite for this company is not listed either
    if "中华人民共和国知识产权海关保护条例" not in cited:
        assert "海关保护条例" not in texts["R-09"]


def test_obligations_from_laws_and_licences_are_listed_with_their_source(packages):
    texts = packages[("design", "zh")]
    # a law's row has the source 法律法规, written as the legend above the ledger numbers it
    # (tests/test_wording_round3.py)
    assert "来源（填写代号）：①法律法规" in texts["R-66"]
    assert "①" in texts["R-66"].split("最近核对日期")[-1]
    for licence in _intake("design", "zh")["ip"]["licences_in"]:
        assert licence["what"] in texts["R-66"]
        assert licence["licensor"] in texts["R-66"]
    english = packages[("design", "en")]
    assert "Copyright Law of the People's Republic of China" in english["R-09"]
    assert "Copyright Law of the People's Republic of China" in english["R-66"]


# ------------------------------------------------------------------ 2b. the lint check of the kind
def _procedure(step_text: str, language: str = "zh"):
    from generators.package_reader import PackageDocument, Paragraph
    heading = "5 工作程序" if language == "zh" else "5 Procedure"
    blocks = [Paragraph(heading, "Heading1"), Paragraph("5.8 保密检查", "Heading2"),
              Paragraph(step_text), Paragraph("6 相关文件", "Heading1")]
    return PackageDocument("02-procedures/X-IPM-P-06.docx", "procedure", "X-IPM-P-06",
                           "保密管理控制程序", "", blocks)


@pytest.mark.parametrize("text, found", [
    ("知识产权部每季度进行一次检查，记录问题并督促整改。", True),     # the consultant's finding
    ("发现延误的，立即要求纠正并记录。", True),
    ("处理过程和结果记录在案。", True),
    ("每季度逐人复核权限，复核结论和日期记入记录。", True),
    ("检查情况记入《监督检查记录》（X-IPM-R-61），并跟踪整改结果。", False),
    ("按《文件控制程序》执行，记录问题。", False),                   # a form or procedure named
])
def test_lint_finds_a_step_that_records_without_naming_the_record(text, found):
    from generators import lint, lint_evidence
    package = lint._Package([_procedure(text)], None)
    lint_evidence.check_unnamed_records(package)
    assert bool([f for f in package.findings if f.kind == "unnamed-record"]) is found


@pytest.mark.parametrize("key", list(COMPANIES))
def test_outsourcing_and_evaluation_steps_name_their_records(packages, key):
    texts = packages[key]
    if key[1] == "zh":
        assert "立即要求纠正并记录" not in texts["P-16"]
        assert "记录在案" not in texts["P-16"]
        assert "，记录发现的问题和良好做法" not in texts["P-21"]
    else:
        assert "corrected at once and recorded" not in texts["P-16"]
        assert "recording problems and good practice" not in texts["P-21"]


@pytest.mark.parametrize("key", [k for k in COMPANIES if k[1] == "zh"])
def test_following_ip_developments_names_the_information_record(packages, key):
    texts = packages[key]
    r26 = re.search(r"([A-Z]+-IPM-R-26)", texts["R-26"]).group(1)
    follows = texts["M-01"].split("定期跟踪所在领域的知识产权动态")
    for after in follows[1:]:
        assert r26 in after.split("。")[0]


def test_repository_review_names_its_record(packages):
    texts = packages[("saas", "zh")]
    r71 = re.search(r"([A-Z]+-IPM-R-71)", texts["R-71"]).group(1)
    assert "复核结论和日期记入记录" not in texts["P-27"]
    assert f"复核结论和日期记入《代码仓库访问权限审批及复核记录》（{r71}）" in texts["P-27"]
