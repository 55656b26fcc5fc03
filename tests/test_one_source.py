"""One answer per fact between the manual, the procedures, the record list and the function
matrix (issue 17, a new user's consultant review, items 1, 2, 5, 7 and 10).

The lint's new checks are shown hand-made packages holding one defect each (tests/test_lint.py's
make_package); then the life-sciences example (a separate 法务部, a drug in clinical trials, two
sites, ISO 13485/9001) is drafted once to GB/T 29490—2023 and read back. Expected names and
words come from the example's YAML and from what the standards and laws are called, never from
the code under test."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generators.intake import load_intake
from generators.lint import lint_package
from generators.package import draft_package
from generators.package_reader import Paragraph, Table, read_package
from generators.templates_io import TEMPLATES_DIR
from test_lint import make_package

LIFE = TEMPLATES_DIR / "examples" / "life-sciences.zh.yaml"
SAAS = TEMPLATES_DIR / "examples" / "saas.zh.yaml"


def _findings(root: Path, kind: str) -> list[str]:
    return [f.message for f in lint_package(root) if f.kind == kind]


# -- the lint: who does what -----------------------------------------------------------------------
RECORDS = ("T-R-05", ("记录清单", [("table", [["序号", "记录编号", "记录名称", "保管部门"],
                                              ["1", "T-R-07", "合同台账", "研发中心"]])]))


def test_a_matrix_owner_the_manuals_text_never_names_is_found(tmp_path):
    section = [("h1", "第8章 运行"), ("h2", "8.3 经营管理"),
               ("p", "研发中心将合同草案提交审查，并按程序执行。")]
    root = make_package(tmp_path / "a", manual=section)  # the matrix: 8.3 ● 知识产权部
    assert _findings(root, "matrix-owner") == [
        "职能分配表中 8.3 的主责部门（●）为知识产权部，手册该条的正文没有提到知识产权部（正文中的部门：研发中心）"]
    named = [("h1", "第8章 运行"), ("h2", "8.3 经营管理"), ("p", "知识产权部会同研发中心审查合同。")]
    assert _findings(make_package(tmp_path / "b", manual=named), "matrix-owner") == []


def test_top_managements_office_is_named_by_top_management_without_an_intake(tmp_path):
    # Annex A: the company's row names the top manager; 总经理办公室 holds 综合管理 (management)
    departments = [["部门", "负责人", "职责"], ["测试科技有限公司", "王建国", "总经理"],
                   ["总经理办公室", "王建国", "综合管理、行政"], ["知识产权部", "赵磊", "知识产权"]]
    matrix = [["条款", "总经理办公室", "知识产权部"], ["9.3", "●", "○"], ["9.4", "●", "○"]]
    sections = [("h1", "第9章 绩效评价"), ("h2", "9.3 内部审核"), ("p", "知识产权部每年组织内部审核。"),
                ("h2", "9.4 管理评审"), ("p", "最高管理者每年主持管理评审，知识产权部准备输入。")]
    root = make_package(tmp_path / "a", manual=sections, departments=departments, matrix=matrix)
    assert _findings(root, "matrix-owner") == [
        "职能分配表中 9.3 的主责部门（●）为总经理办公室，手册该条的正文没有提到总经理办公室（正文中的部门：知识产权部）"]


def test_a_duties_table_keeping_a_record_another_department_keeps_is_found(tmp_path):
    table = ("table", [["部门/岗位", "职责"],
                       ["知识产权部", "审查合同；维护《合同台账》（T-R-07），跟踪履行。"]])
    root = make_package(tmp_path / "a", procedure=[table], forms=dict([RECORDS]))
    assert "文中说《合同台账》由知识产权部保管或归档，《记录清单》中的保管部门为研发中心" in \
        _findings(root, "keeper")


@pytest.mark.parametrize("sentence", [
    "经审查签订的合同由知识产权部按采购、销售等类别登记于《合同台账》（T-R-07），分类留存。",
    "知识产权部按类别（技术开发、采购、其他）在《合同台账》（T-R-07）中登记合同编号。"])
def test_a_text_registering_a_record_in_another_departments_ledger_is_found(tmp_path, sentence):
    root = make_package(tmp_path / "a", procedure=[("p", sentence)], forms=dict([RECORDS]))
    assert _findings(root, "keeper") == [
        "文中说《合同台账》由知识产权部保管或归档，《记录清单》中的保管部门为研发中心"]


def test_a_clause_number_the_certified_standard_lacks_is_found(tmp_path):
    # TRACE (test_lint) lists the 2023 clauses 7.5 and 8.3; bj-ipm's 10.1.2 is in no GB/T edition
    text = [("p", "本公司无出口业务，涉外贸易条款（10.1.2）不适用；合同按8.3执行，见条款（7.5）。")]
    assert _findings(make_package(tmp_path / "a", manual=text), "clause-number") == [
        "条款号 10.1.2 不是GB/T 29490—2023的条款"]
    fine = [("p", "版本A/0于2026-12-01生效，预算3.5万元，按GB/T 29490—2023的8.3执行。")]
    assert _findings(make_package(tmp_path / "b", manual=fine), "clause-number") == []


# -- the life-sciences example, drafted once ---------------------------------------------------------
@pytest.fixture(scope="module")
def life(tmp_path_factory, corpus):
    root = tmp_path_factory.mktemp("life") / "pkg"
    result = draft_package(load_intake(LIFE), corpus, root, "zh", standard="gbt29490-2023")
    facts = yaml.safe_load(LIFE.read_text(encoding="utf-8"))
    return root, read_package(root), facts, result


def _document(documents, title: str):
    return next(d for d in documents if d.title == title)


def _department(facts: dict, function: str) -> str:
    return next(d["name"] for d in facts["org"]["departments"] if function in d["functions"])


def _paragraphs(document) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, Paragraph)]


def _section(document, title: str) -> str:
    """The paragraphs under the Heading 1 `title`, up to the next Heading 1."""
    out, inside = [], False
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.style.lower().startswith("heading1"):
            inside = block.text == title
        elif inside and isinstance(block, Paragraph):
            out.append(block.text)
    return "\n".join(out)


def _duties(document) -> dict[str, str]:
    table = next(t for t in document.tables() if t.header[:2] == ("部门/岗位", "职责"))
    return {row[0]: row[1] for row in table.rows[1:]}


def _keeper(documents, record: str) -> str:
    table = next(t for d in documents if d.title == "记录清单" for t in d.tables()
                 if "保管部门" in t.header)
    title, keeper = table.header.index("记录名称"), table.header.index("保管部门")
    return next(r[keeper] for r in table.rows[1:] if r[title] == record)


def test_contract_review_and_its_ledger_have_one_department_everywhere(life):
    root, documents, facts, _ = life
    legal = _department(facts, "legal")  # 法务部: the intake's separate legal department
    p03 = _document(documents, "合同知识产权审查控制程序")
    duties = _duties(p03)
    assert "《合同台账》" in duties[legal] and "《合同知识产权审查表》" in duties[legal]
    steps = "\n".join(_paragraphs(p03))
    assert f"提交{legal}" in steps and f"{legal}按类别" in steps
    assert _keeper(documents, "合同台账") == legal == _keeper(documents, "合同知识产权审查表")
    manual = "\n".join(_paragraphs(_document(documents, "知识产权管理手册")))
    # (the categories themselves are R-06's, one list read by the form and P-03)
    assert f"将合同草案提交{legal}" in manual and re.search(
        rf"由{legal}按《合同知识产权审查表》[^。]*合同类别登记于《合同台账》", manual)


def test_disputes_are_handled_by_the_legal_department_in_the_manual_and_the_procedure(life):
    root, documents, facts, _ = life
    legal, top = _department(facts, "legal"), facts["people"]["top_manager"]["title"]
    p15 = _document(documents, "知识产权保护与纠纷处理控制程序")
    duties = _duties(p15)
    assert "《知识产权纠纷处理记录》" in duties[legal]
    assert "《知识产权纠纷处理记录》" not in duties[_department(facts, "ip")]
    assert "重大纠纷" in duties["知识产权管理者代表"] and "决定" in duties[top]
    assert _keeper(documents, "知识产权纠纷处理记录") == legal
    manual = "\n".join(_paragraphs(_document(documents, "知识产权管理手册")))
    assert f"处理知识产权纠纷时，{legal}" in manual
    assert "经知识产权管理者代表审核，重大纠纷报最高管理者决定" in manual


def test_secrets_are_graded_and_listed_as_the_confidentiality_procedure_says(life):
    root, documents, facts, _ = life
    ip = _department(facts, "ip")
    p06 = "\n".join(_paragraphs(_document(documents, "保密管理控制程序")))
    assert f"{ip}审核后报知识产权管理者代表批准" in p06
    manual = "\n".join(_paragraphs(_document(documents, "知识产权管理手册")))
    assert f"{ip}审核后报知识产权管理者代表批准" in manual
    assert _keeper(documents, "商业秘密清单") == ip


def test_the_function_matrix_has_a_legend_and_its_owners_are_named_by_the_text(life):
    root, documents, facts, result = life
    manual = _document(documents, "知识产权管理手册")
    texts = _paragraphs(manual)
    legend = next(t for t in texts if t.startswith("图例"))
    assert "●" in legend and "○" in legend
    assert "附录A  组织机构图" not in texts  # a table of departments is no chart
    assert [f for f in result.findings if f.kind == "matrix-owner"] == []
    matrix = next(t for t in manual.tables() if t.header[:1] == ("条款",)
                  and any("●" in c for r in t.rows for c in r))
    row = {r[0]: r for r in matrix.rows[1:]}
    ip = matrix.header.index(_department(facts, "ip"))
    for clause in ("4.1", "6.1"):  # the text has the IP department analyse and plan
        assert row[clause][ip] == "●", clause


def test_the_scope_follows_the_certification_scope_sites_and_existing_systems(life):
    root, documents, facts, _ = life
    manual = _document(documents, "知识产权管理手册")
    scope = _section(manual, "适用范围与删减说明")
    assert facts["certification"]["scope"] in scope
    for site in facts["company"]["sites"]:
        assert site["address"] in scope
    for system in facts["certification"]["existing_systems"]:
        assert system in scope


def test_a_drug_in_clinical_trials_is_neither_bought_made_sold_nor_marked(life):
    root, documents, facts, _ = life
    trial = next(p for p in facts["company"]["products"] if "临床" in p)
    for document in documents:
        for where, text in document.texts():
            for sentence in re.split("[。；]", text):
                if trial in sentence:
                    assert not re.search("采购|生产|销售|包装|说明书|标注", sentence), \
                        (document.path, sentence)


def _exclusions(root: Path) -> tuple[list[str], int, str]:
    """The manual's 删减 lines, the coverage report's count of excluded clauses, the manual."""
    manual = _document(read_package(root), "知识产权管理手册")
    coverage = (root / "coverage.md").read_text(encoding="utf-8")
    count = int(re.search(r"删减 (\d+)", coverage).group(1))
    scope = _section(manual, "适用范围与删减说明").split("\n")
    return [t for t in scope if t.startswith("删减：")], count, "\n".join(_paragraphs(manual))


def test_no_exclusion_is_said_as_such_and_nothing_is_listed_below(life):
    root, documents, facts, _ = life
    lines, count, manual = _exclusions(root)
    assert count == 0 and lines == []
    assert "本手册未删减任何条款" in manual and "列于下文" not in manual
    if any(d.title == "知识产权投融资与并购控制程序" for d in documents):
        assert "届时补充相应的控制程序" not in manual


@pytest.mark.parametrize("standard", ["bj-ipm", "gbt29490-2013"])
def test_exclusions_are_clauses_as_many_as_the_coverage_report_counts(tmp_path, corpus, standard):
    # a trading company a new user wrote (no R&D, no patents): clauses of 9.x are excluded
    intake = Path(__file__).parent / "data" / "intakes" / "new-user-trading.zh.yaml"
    result = draft_package(load_intake(intake), corpus, tmp_path / "pkg", "zh", standard=standard)
    lines, count, manual = _exclusions(tmp_path / "pkg")
    # a line for both clauses sharing a number (11.4.3.2 twice) counts them both
    assert count > 0 and sum(2 if "两条均删减" in t else 1 for t in lines) == count
    assert not [t for t in lines if re.match(r"删减：[^—]*程序", t)]  # clauses, not procedures
    assert "列于下文" not in manual
    assert [f for f in result.findings if f.kind == "clause-number"] == []
    if standard != "bj-ipm":
        assert "10.1.2" not in manual  # bj-ipm's foreign-trade clause: no GB/T edition has it


def test_the_references_follow_what_the_company_holds_and_does(life):
    root, documents, facts, _ = life
    refs = _section(_document(documents, "知识产权管理手册"), "引用文件")
    assert "《中华人民共和国药品管理法》" in refs and "《医疗器械监督管理条例》" in refs
    assert facts["ip"]["software_copyrights"] == 0
    assert "《计算机软件保护条例》" not in refs
    manual = "\n".join(_paragraphs(_document(documents, "知识产权管理手册")))
    assert "著作权（含软件著作权）" not in manual


def test_the_stage_is_named_as_the_standard_names_it(life):
    """GB/T 29490-2023 has no enterprise types: its package speaks of the stage of development,
    never of the Beijing standard's 示范类 (a consultant's finding) nor of a growth stage."""
    root, documents, facts, _ = life
    assert facts["company"]["stage"] == "demonstration"  # 示范类 in DB11/T 937 (bj-ipm)
    manual = "\n".join(_paragraphs(_document(documents, "知识产权管理手册")))
    assert "发展阶段" in manual
    assert not re.search("示范类|试点类|初创类|成熟期|成长期|初创期", manual)


def test_an_industry_ending_in_ye_is_not_followed_by_hangye(tmp_path, corpus):
    facts = yaml.safe_load(SAAS.read_text(encoding="utf-8"))
    assert facts["company"]["industry"].endswith("业")  # 软件和信息技术服务业
    draft_package(load_intake(SAAS), corpus, tmp_path / "pkg", "zh", standard="gbt29490-2023")
    for document in read_package(tmp_path / "pkg"):
        for where, text in document.texts():
            assert "业行业" not in text, (document.path, text)
