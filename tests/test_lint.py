"""The package lint (generators/lint.py) and the one approval rule (generators/authority.py).

Each check is shown a small hand-made package (Word files written here with python-docx, laid
out as a drafted package is: 01-manual/, 02-procedures/, 03-forms/, traceability.docx) holding one
defect, and must report it; a clean hand-made package and the three example companies drafted
in-process must give no finding. Expected names and values come from the texts written here and
from the example intakes' YAML, never from the code under test."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx import Document

from generators.authority import approval
from generators.intake import load_intake, parse_intake
from generators.lint import findings_markdown, lint_package
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR

EXAMPLES = sorted((TEMPLATES_DIR / "examples").glob("*.yaml"))
MANUFACTURER = TEMPLATES_DIR / "intake.zh.yaml"
COMPANY = "测试科技有限公司"


# -- a hand-made package ---------------------------------------------------------------------------
def _docx(path: Path, number: str, title: str, blocks: list) -> None:
    """A Word file as the package writes one: header 'company  number  standard', a Title, then
    blocks: ('h1', text), ('h2', text), ('p', text) or ('table', rows)."""
    document = Document()
    document.sections[0].header.paragraphs[0].text = f"{COMPANY}  {number}  GB/T 29490—2023"
    document.add_paragraph(title, style="Title")
    for kind, value in blocks:
        if kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for row, cells in zip(table.rows, value):
                for cell, text in zip(row.cells, cells):
                    cell.text = text
        elif kind in ("h1", "h2"):
            document.add_heading(value, level=int(kind[1]))
        else:
            document.add_paragraph(value)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)


def _block(reviewer: str, approver: str) -> tuple:
    return ("table", [["", "编制", "审核", "批准"], ["姓名", "赵磊", reviewer, approver],
                      ["签字", "", "", ""], ["日期", "", "", ""]])


DEPARTMENTS = [["部门", "负责人", "职责"], [COMPANY, "王建国", "总经理"],
               ["知识产权部", "赵磊", "ip"], ["研发中心", "陈涛", "rd"]]
MATRIX = [["条款", "知识产权部", "研发中心"], ["7.5", "●", "○"], ["8.3", "●", ""]]
TRACE = [["对应条款", "名称", "手册章节", "程序文件", "记录表单", "状态", "理由"],
         ["7.5", "成文信息", "7.5", "T-P-01", "T-R-07", "已覆盖", ""],
         ["8.3", "经营管理", "8.3", "", "", "已覆盖", ""]]


def make_package(root: Path, manual: list | None = None, procedure: list | None = None,
                 forms: dict | None = None, trace: list | None = None,
                 departments: list | None = None, matrix: list | None = None,
                 procedure_block: tuple = ("李敏", "王建国"), extra: dict | None = None) -> Path:
    """A clean two-department package; the arguments replace or add the parts a test spoils."""
    _docx(root / "01-manual" / "T-M-01 知识产权管理手册.docx", "T-M-01", "知识产权管理手册",
          [_block("李敏", "王建国"),
           ("h1", "企业简介"), ("p", f"{COMPANY}成立于2015年。"),
           ("h1", "知识产权方针与目标"), ("p", "知识产权目标：每年新增发明专利申请不少于 8 件。"),
           ("h1", "知识产权管理机构与职责"),
           ("p", "知识产权部：知识产权管理机构。"), ("p", "研发中心：负责研发记录。"),
           ("h1", "适用范围与删减说明"), *(manual or []),
           ("h1", "附录A  组织机构图"), ("table", departments or DEPARTMENTS),
           ("h1", "附录B  知识产权管理职能分配表"), ("table", matrix or MATRIX)])
    _docx(root / "02-procedures" / "T-P-01 文件控制程序.docx", "T-P-01", "文件控制程序",
          [_block(*procedure_block), ("h1", "5 工作程序"),
           ("p", "合同在《合同台账》（T-R-07）中登记合同编号、名称和签订日期。"),
           ("p", "专利申请文件和授权证书作为受控文件管理。"),  # the objective's process (patents)
           *(procedure or [])])
    for number, (title, blocks) in {"T-R-07": ("合同台账", [("table", [["序号", "合同编号",
                                                                 "合同名称", "签订日期"]])]),
                                    **(forms or {})}.items():
        _docx(root / "03-forms" / f"{number} {title}.docx", number, title, blocks)
    for path, (number, title, blocks) in (extra or {}).items():
        _docx(root / path, number, title, blocks)
    _docx(root / "traceability.docx", "条款追溯矩阵", "条款追溯矩阵", [("table", trace or TRACE)])
    return root


def kinds(findings) -> list[str]:
    return [f.kind for f in findings]


def test_a_clean_hand_made_package_has_no_findings(tmp_path):
    assert lint_package(make_package(tmp_path)) == []


# -- approval authority ----------------------------------------------------------------------------
def test_a_control_block_unlike_the_others_of_its_type_is_found(tmp_path):
    root = make_package(tmp_path, procedure_block=("李敏", "王建国"), extra={
        "02-procedures/T-P-02 合同程序.docx": ("T-P-02", "合同程序", [_block("李敏", "王建国")]),
        "02-procedures/T-P-03 保密程序.docx": ("T-P-03", "保密程序", [_block("孙丽", "王建国")])})
    findings = lint_package(root)
    assert kinds(findings) == ["approval"]
    assert findings[0].document == "02-procedures/T-P-03 保密程序.docx"
    assert "孙丽" in findings[0].message and "李敏" in findings[0].message


def test_a_control_block_against_the_intakes_approval_rule(tmp_path):
    intake = load_intake(MANUFACTURER)
    rule = yaml.safe_load(MANUFACTURER.read_text(encoding="utf-8"))["documents"]["approvals"]
    root = make_package(tmp_path, procedure_block=(rule["procedure"]["reviewed_by"], "赵磊"))
    findings = lint_package(root, intake)
    assert [f.document for f in findings if f.kind == "approval"] == [
        "02-procedures/T-P-01 文件控制程序.docx"]
    assert rule["procedure"]["approved_by"] in findings[0].message


@pytest.mark.parametrize("sentence, named", [
    ("程序文件由赵磊审核、王建国批准。", "赵磊"),          # a person other than the block's reviewer
    ("程序文件经孙丽批准后发布。", "孙丽"),
    ("知识产权管理手册由李敏审核、陈涛批准。", "陈涛"),
    ("本表由孙丽审核、李敏批准发布。", "孙丽"),  # a form's own line: forms are reviewed by 赵磊
])
def test_a_sentence_naming_another_approver_is_found(tmp_path, sentence, named):
    root = make_package(tmp_path, procedure=[("h2", "5.4 审核与批准"), ("p", sentence)],
                        departments=DEPARTMENTS + [["人力资源部", "孙丽", "hr"]])
    findings = [f for f in lint_package(root, load_intake(MANUFACTURER))
                if f.kind == "approval"]
    assert len(findings) == 1 and named in findings[0].message
    assert findings[0].where == "5.4 审核与批准"


def test_a_role_is_resolved_to_its_holder_from_the_intake(tmp_path):
    # the manufacturer's IP management representative (李敏) does not approve procedures (王建国)
    data = yaml.safe_load(MANUFACTURER.read_text(encoding="utf-8"))
    assert data["people"]["ip_representative"]["name"] != \
        data["documents"]["approvals"]["procedure"]["approved_by"]
    root = make_package(tmp_path, procedure=[("p", "程序文件由知识产权管理者代表批准后发布。")])
    assert kinds(lint_package(root, load_intake(MANUFACTURER))) == ["approval"]
    assert lint_package(root) == []  # without the intake the role names no one


def test_an_english_sentence_naming_another_approver_is_found(tmp_path):
    root = tmp_path / "en"
    _docx(root / "01-manual" / "T-M-01 Manual.docx", "T-M-01", "IP Management Manual",
          [("table", [["", "Drafted by", "Reviewed by", "Approved by"],
                      ["Name", "Zhao", "Li", "Wang"]])])
    _docx(root / "02-procedures" / "T-P-01 Document control.docx", "T-P-01", "Document control",
          [("table", [["", "Drafted by", "Reviewed by", "Approved by"],
                      ["Name", "Zhao", "Li", "Wang"]]),
           ("p", "The IP management manual is reviewed by Li and approved by Zhao."),
           ("p", "Information of the top secret level is approved by Zhao.")])  # no document
    findings = lint_package(root)
    assert kinds(findings) == ["approval"] and "Zhao" in findings[0].message


# -- exclusions ------------------------------------------------------------------------------------
EXCLUDED_TRACE = TRACE[:2] + [["8.3", "经营管理", "", "T-P-17", "", "删减", "本公司无出口业务。"]]


def test_an_excluded_clause_with_an_owner_or_documents_is_found(tmp_path):
    findings = lint_package(make_package(tmp_path, trace=EXCLUDED_TRACE))
    messages = [f.message for f in findings if f.kind == "exclusion"]
    assert any("8.3" in m and "主责" in m for m in messages)  # the matrix still marks ● for 8.3
    assert any("8.3" in m and "T-P-17" in m for m in messages)  # traceability lists a procedure


def test_an_excluded_clause_printed_twice_is_matched_row_by_row(tmp_path):
    # bj-ipm prints some numbers twice: the second 8.3 is excluded and has no owner
    trace = TRACE + [["8.3", "经营管理", "", "", "", "删减", "无出口业务。"]]
    matrix = MATRIX + [["8.3", "", ""]]
    assert lint_package(make_package(tmp_path, trace=trace, matrix=matrix)) == []


def test_an_excluded_procedure_still_in_the_package_is_found(tmp_path):
    root = make_package(tmp_path, manual=[("p", "删减：涉外知识产权管理控制程序（8.3）— 本公司无出口业务。")],
                        extra={"02-procedures/T-P-17 涉外知识产权管理控制程序.docx": (
                            "T-P-17", "涉外知识产权管理控制程序", [_block("李敏", "王建国")])})
    findings = lint_package(root)
    assert kinds(findings) == ["exclusion"] and "T-P-17" in findings[0].message


def test_an_exclusion_contradicting_an_objective_or_the_profile_is_found(tmp_path):
    manual = [("p", "删减：涉外知识产权管理控制程序（8.3）— 本公司无出口业务。"),
              ("p", "删减：保密管理控制程序（8.2）— 本公司无商业秘密。")]
    root = make_package(tmp_path, manual=manual)
    assert lint_package(root) == []  # nothing in the objectives or the profile says otherwise
    _docx(root / "01-manual" / "T-M-01 知识产权管理手册.docx", "T-M-01", "知识产权管理手册",
          [("h1", "企业简介"), ("p", "复合材料配方等技术信息作为商业秘密保护。"),
           ("h1", "知识产权方针与目标"),
           ("p", "知识产权目标：每年新增发明专利申请不少于 8 件；三年内在东南亚三国注册商标。"),
           ("h1", "适用范围与删减说明"), *manual])
    messages = [f.message for f in lint_package(root) if f.kind == "exclusion"]
    assert any("涉外" in m and "东南亚" in m for m in messages)
    assert any("保密管理控制程序" in m and "商业秘密保护" in m for m in messages)


# -- references ------------------------------------------------------------------------------------
def test_references_to_documents_not_in_the_package_are_found(tmp_path):
    root = make_package(tmp_path, procedure=[
        ("p", "专利申请按《专利申请与质量控制程序》（T-P-13）执行；合同见《合同台账》（T-R-07），"
              "依据《中华人民共和国专利法》。")])
    findings = lint_package(root)
    assert sorted(f.message for f in findings) == sorted([
        "引用的文件 T-P-13 不在文件包中", "引用的《专利申请与质量控制程序》不在文件包中"])


# -- departments -----------------------------------------------------------------------------------
def test_departments_without_duties_twice_or_unknown_are_found(tmp_path):
    departments = DEPARTMENTS + [["生产部", "郑伟", "production"]]
    matrix = [row + [""] for row in MATRIX]
    matrix[0][-1] = "生产部"
    root = make_package(tmp_path, departments=departments, matrix=matrix, manual=[])
    _docx(root / "01-manual" / "T-M-01 知识产权管理手册.docx", "T-M-01", "知识产权管理手册",
          [("h1", "知识产权管理机构与职责"), ("p", "知识产权部：知识产权管理机构。"),
           ("p", "研发中心：负责研发记录。"), ("p", "研发中心：负责技术交底。"),
           ("p", "法务部：负责合同审查。"),
           ("h1", "附录A  组织机构图"), ("table", departments),
           ("h1", "附录B  知识产权管理职能分配表"), ("table", matrix)])
    messages = [f.message for f in lint_package(root) if f.kind == "department"]
    assert "部门“研发中心”的职责列出 2 次" in messages
    assert "部门“生产部”没有职责" in messages
    assert "职责中的“法务部”不是附录A中的部门" in messages
    assert "部门“生产部”在职能分配表中没有任何主责或配合条款" in messages
    assert len(messages) == 4


# -- form fields -----------------------------------------------------------------------------------
def test_a_field_the_procedure_names_and_the_form_lacks_is_found(tmp_path):
    root = make_package(tmp_path, procedure=[
        ("p", "知识产权部在《合同台账》（T-R-07）中登记合同编号、名称、相对方和保管位置，每年核对一次。")])
    findings = [f for f in lint_package(root) if f.kind == "form-field"]
    assert sorted(f.message for f in findings) == sorted([
        "文中要求在《合同台账》中登记“相对方”，该表单没有此栏",
        "文中要求在《合同台账》中登记“保管位置”，该表单没有此栏"])


# -- leftovers -------------------------------------------------------------------------------------
def test_leftover_ids_template_syntax_and_markers_are_found(tmp_path):
    root = make_package(tmp_path, procedure=[
        ("p", "依据bj-ipm 第11.4.3.2#2条；负责人{{ people.ip_representative.name }}。"),
        ("p", "TODO 补充流程图；适用类别 ['专利', '商标']。")])
    found = sorted(f.message for f in lint_package(root) if f.kind == "leftover")
    assert len(found) == 7
    for piece in ("bj-ipm", "11.4.3.2#2", "{{", "}}", "TODO", "['", "']"):
        assert any(f"“{piece}”" in m for m in found), piece


def test_findings_are_a_section_of_the_coverage_report():
    assert findings_markdown([], "zh") == "## 文件包检查 (0)\n0 项\n"
    assert findings_markdown([], "en") == "## Package lint (0)\n0 findings\n"


# -- the approval rule -----------------------------------------------------------------------------
def test_the_approval_rule_takes_each_type_from_the_intake_else_the_cover_names():
    data = yaml.safe_load(MANUFACTURER.read_text(encoding="utf-8"))
    docs = data["documents"]
    intake = parse_intake(MANUFACTURER.read_text(encoding="utf-8"))
    for kind in ("manual", "procedure", "form"):
        given = approval(intake, kind)
        assert (given.reviewed_by, given.approved_by) == (
            docs["approvals"][kind]["reviewed_by"], docs["approvals"][kind]["approved_by"])
        assert given.drafted_by == docs["drafted_by"]
    docs["approvals"] = {"form": {"reviewed_by": "孙丽", "approved_by": "周红"}}
    partial = parse_intake(yaml.safe_dump(data, allow_unicode=True))
    assert (approval(partial, "procedure").reviewed_by,
            approval(partial, "procedure").approved_by) == (docs["reviewed_by"],
                                                            docs["approved_by"])
    assert approval(partial, "form").approved_by == "周红"


# -- the example companies -------------------------------------------------------------------------
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_example_companies_draft_with_no_findings(example, tmp_path, corpus):
    result = draft_package(load_intake(example), corpus, tmp_path / "pkg", "zh")
    assert [f"{f.kind} {f.document} {f.where}: {f.message}" for f in result.findings] == []
    coverage = (tmp_path / "pkg" / "coverage.md").read_text(encoding="utf-8")
    assert "## 文件包检查 (0)\n0 项" in coverage
