"""Contradictions a stage-1 reviewer found that the package lint missed (issue 17, part H5):
a clause called not applicable although nothing is excluded; records with no retention period;
a procedure asking to record what its form has no column for; one internal auditor who would
have to audit his own department; a dispute over a kind of right held 0 times. Expected values
are the templates' and examples' own words (forms.yaml, P26.yaml, retention.yaml, the examples)."""
from __future__ import annotations

import re

import yaml

from generators import lint_retention
from generators.intake import check_intake
from generators.lint import _Package, _covered, _field_items, rules
from generators.package_reader import PackageDocument, Paragraph, Table
from generators.templates_io import TEMPLATES_DIR, TemplateSet

EXAMPLES = TEMPLATES_DIR / "examples"


def _manual(*blocks) -> PackageDocument:
    return PackageDocument("01-manual/M.docx", "manual", "X-M-01", "知识产权管理手册", "",
                           list(blocks))


def _kinds(package: _Package) -> list[str]:
    return [f.message for f in package.findings]


# -- 1. exclusions said one way ------------------------------------------------------------------
def test_a_clause_called_not_applicable_that_is_not_excluded_is_a_finding():
    from generators import lint_applicability
    package = _Package([_manual(
        Paragraph("适用范围与删减说明", "Heading1"),
        Paragraph("GB/T 29490—2023的条款均适用于本公司，本手册未删减任何条款。"),
        Paragraph("8.3 经营管理", "Heading2"),
        Paragraph("公司目前无出口业务，本条款不适用（见删减说明）；今后开展出口业务时补充程序。"))], None)
    lint_applicability.check_applicability(package)
    assert any("8.3 经营管理" in m and "不适用" in m for m in _kinds(package))


def test_an_excluded_clause_is_listed_and_its_text_is_not_a_finding():
    from generators import lint_applicability
    package = _Package([_manual(
        Paragraph("适用范围与删减说明", "Heading1"),
        Paragraph("删减：10.1.2.1 涉外申请 — 本公司无出口业务，相关条款暂不适用。"),
        Paragraph("10.1.2.1 涉外申请", "Heading2"),
        Paragraph("删减：本公司无出口业务，相关条款暂不适用。"),
        Paragraph("10.1.2.2 涉外保护", "Heading2"),
        Paragraph("公司按合同约定保护境外权利。"))], None)
    lint_applicability.check_applicability(package)
    assert package.findings == []


def test_the_manual_templates_call_no_unexcluded_clause_not_applicable():
    # the texts a company without the activity gets are printed where the clause is NOT excluded
    # (an excluded clause prints only its 删减 line), so they must not call it not applicable
    for lang in ("zh", "en"):
        text = (TEMPLATES_DIR / f"manual.{lang}.yaml").read_text(encoding="utf-8")
        words = rules()["applicability"][lang]
        assert not re.search(words["not_applicable"], text, re.IGNORECASE), lang


def test_a_procedure_not_drafted_is_not_called_excluded_in_coverage():
    said = yaml.safe_load((TEMPLATES_DIR / "not_drafted.yaml").read_text(encoding="utf-8"))
    assert "删减" not in said["messages"]["zh"]["excluded"]
    assert "excluded" not in said["messages"]["en"]["excluded"]


# -- 2. every record has a retention period ------------------------------------------------------
def test_the_record_list_gives_p02s_default_when_the_intake_names_no_period():
    from generators.retention import record_period
    intake, _ = check_intake((EXAMPLES / "saas.zh.yaml").read_text(encoding="utf-8"), "saas")
    forms = {f.code: f for f in TemplateSet().forms}
    # P-02 5.7: 知识产权…维护…记录保存至该项权利终止后至少5年；内部审核…记录保存至少3年；其他记录至少3年
    assert record_period(intake, forms["R48"], "zh") == "权利终止后5年"  # 专利年费监控表
    assert record_period(intake, forms["R59"], "zh") == "3年"  # 内部审核报告
    assert record_period(intake, forms["R45"], "en") == "3 years"  # 服务机构评价表: other
    assert record_period(intake, forms["R07"], "zh") == "10年"  # 合同台账: the intake's 合同: 10


def test_a_blank_period_in_the_record_list_is_a_finding():
    form = PackageDocument("03-forms/R-05.docx", "form", "X-R-05", "记录清单", "", [Table((
        ("序号", "记录名称", "保管部门", "保管期限"),
        ("1", "合同台账", "法务部", "10年"),
        ("2", "内部审核报告", "法务部", ""),
        ("", "", "", "")))])
    package = _Package([_manual(Paragraph("x")), form], None)
    lint_retention.check_retention(package)
    assert _kinds(package) == ["《记录清单》中《内部审核报告》的保管期限为空"]


# -- 3. what a procedure asks to record has a column ---------------------------------------------
def test_p26s_linking_question_is_read_and_r70_has_a_column_for_it():
    p26 = (TEMPLATES_DIR / "procedures" / "P26.yaml").read_text(encoding="utf-8")
    sentence = re.search(r"R70 }}）中登记([^。\"]+)", p26)[1]
    items = _field_items(sentence)
    assert "静态或动态链接" in items
    r70 = next(f for f in TemplateSet().forms if f.code == "R70")
    cells = []
    for column in r70.content["zh"]["columns"]:
        if isinstance(column, dict):
            cells += [column["label"], *column.get("choices", [])]
        else:
            cells.append(column)
    assert all(_covered(item, cells) for item in items), items


# -- 4. and 5. the intake check -----------------------------------------------------------------
def _warnings(text: str) -> list[str]:
    _, report = check_intake(text, "intake.yaml")
    return [w.text(report.language) for w in report.warnings]


def test_one_auditor_heading_rd_is_warned_on_the_auditors_line():
    text = (EXAMPLES / "manufacturer.zh.yaml").read_text(encoding="utf-8")
    alone = re.sub(r"\n    - \{name: 马琳, title: [^}]*\}", "", text)
    line = next(i for i, l in enumerate(alone.split("\n"), 1) if "internal_auditors:" in l)
    found = [w for w in _warnings(alone) if "内审员" in w and "研发中心" in w]
    assert found and found[0].startswith(f"第 {line} 行 people.internal_auditors")


def test_a_dispute_over_a_design_patent_held_zero_times_is_warned():
    text = (EXAMPLES / "life-sciences.en.yaml").read_text(encoding="utf-8")
    zero = text.replace("design: 1,", "design: 0,")
    assert any("design" in w and "ip.patents.design" in w for w in _warnings(zero))


def test_the_example_intakes_raise_neither_warning():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        for w in _warnings(path.read_text(encoding="utf-8")):
            assert "internal auditor" not in w and "内审员（" not in w, (path.name, w)
            assert "dispute" not in w and "纠纷“" not in w, (path.name, w)
