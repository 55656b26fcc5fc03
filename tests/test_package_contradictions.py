"""Contradictions between the documents of one package (issue 17, part K): a consultant's tryout
with an engineering design institute (tests/data/intakes/design.zh.yaml) found texts that
disagree with each other on who keeps a record, how long HR records are kept, who approves
rewards, who signs the NDA, what the IP ledger holds, licences taken in, and who leads 8.3.

Each kind is shown twice: the lint (generators/lint.py) must report a small doctored package
holding it, and the design institute's drafted package must no longer hold it. Expected words
come from the consultant's findings and the standard, not from the code under test."""
from __future__ import annotations

import re

from pathlib import Path

import pytest
import yaml

from generators.intake import load_intake
from generators.lint import lint_package
from generators.package import draft_package
from generators.package_reader import Paragraph, read_package
from tests.test_lint import make_package

DESIGN = Path(__file__).parent / "data" / "intakes" / "design.zh.yaml"
RECORDS = ("T-R-05", ("记录清单", [("table", [["序号", "记录编号", "记录名称", "保管部门", "保管期限"],
                                              ["1", "T-R-07", "合同台账", "研发中心", "10年"]])]))


def _messages(root: Path, kind: str) -> list[str]:
    return [f.message for f in lint_package(root) if f.kind == kind]


@pytest.fixture(scope="module")
def design(corpus, tmp_path_factory):
    """The design institute's package, drafted once: (folder, its documents read back)."""
    folder = tmp_path_factory.mktemp("design") / "pkg"
    result = draft_package(load_intake(DESIGN), corpus, folder, "zh")
    return folder, read_package(folder), result.findings


def _document(documents, title: str):
    return next(d for d in documents if d.title == title)


def _table(document, column: str):
    """The document's table with `column` in its header."""
    return next(t for t in document.tables() if column in t.header)


def _text(document) -> str:
    return "\n".join(text for _, text in document.texts())


# -- 1. who keeps a record: the department registering it -----------------------------------------
def test_a_department_registering_in_a_record_another_keeps_is_found(tmp_path):
    # manual 5.2 of the tryout: '技术质量部识别…并登记于《…清单》' while R-05 gives 经营部
    sentence = "方针符合法律法规的要求，知识产权部识别适用的合同并登记于《合同台账》（T-R-07），每年更新一次。"
    root = make_package(tmp_path / "a", manual=[("p", sentence)], forms=dict([RECORDS]))
    assert _messages(root, "keeper") == [
        "文中说《合同台账》由知识产权部保管或归档，《记录清单》中的保管部门为研发中心"]
    same = sentence.replace("知识产权部", "研发中心")
    assert _messages(make_package(tmp_path / "b", manual=[("p", same)], forms=dict([RECORDS])),
                     "keeper") == []


def test_the_laws_list_is_kept_by_the_department_the_texts_say_registers_it(design):
    _, documents, findings = design
    assert [f.message for f in findings if f.kind == "keeper"] == []
    records = _table(_document(documents, "记录清单"), "保管部门")
    header = list(records.header)
    row = next(r for r in records.rows if "知识产权法律法规清单" in r)
    keeper = row[header.index("保管部门")]
    manual = _text(_document(documents, "知识产权管理手册"))
    assert f"{keeper}识别适用的法律法规并登记于《知识产权法律法规清单》" in manual
    assert f"由{keeper}收集和更新" in _text(_document(documents, "知识产权法律法规清单"))


# -- 5. a procedure's field list after the form's number and a comma ------------------------------
def test_a_field_list_after_the_forms_number_and_a_comma_is_checked(tmp_path):
    # P-18 5.1 of the tryout: '建立《知识产权台账》（R-42），登记名称、…、权利人…'
    root = make_package(tmp_path, procedure=[
        ("p", "知识产权部建立《合同台账》（T-R-07），登记合同编号、名称和权利人。")])
    assert _messages(root, "form-field") == ["文中要求在《合同台账》中登记“权利人”，该表单没有此栏"]


def test_the_ip_ledger_has_the_columns_the_asset_procedure_names(design):
    _, documents, findings = design
    assert [f.message for f in findings if f.kind == "form-field"] == []
    header = " ".join(_table(_document(documents, "知识产权台账"), "序号").header)
    for column in ("权利人", "发明人", "成果完成人", "对应产品", "到期日", "等级", "授权日"):
        assert column in header


# -- 7. one responsible department (●) a clause ----------------------------------------------------
def test_a_matrix_row_with_two_responsible_departments_is_found(tmp_path):
    matrix = [["条款", "知识产权部", "研发中心"], ["7.5", "●", "○"], ["8.3", "●", "●"]]
    root = make_package(tmp_path, matrix=matrix)
    assert _messages(root, "matrix-owner") == [
        "职能分配表中 8.3 有2个主责部门（●）：知识产权部、研发中心；每个条款只能有一个主责部门"]


def test_two_departments_holding_the_leading_function_give_one_owner(design):
    # 技术质量部 and 结构设计所 both do R&D; 8.3 had both marked ●
    _, documents, findings = design
    assert [f.message for f in findings if f.kind == "matrix-owner"] == []
    manual = _document(documents, "知识产权管理手册")
    matrix = [t for t in manual.tables() if t.header and t.header[0] == "条款"][-1]
    assert all(list(row).count("●") <= 1 for row in matrix.rows[1:])
    row = next(r for r in matrix.rows if r[0] == "8.3")
    assert row[list(matrix.header).index("结构设计所")] == "○"


# -- 2. how long HR records are kept: the record list's period, record by record -------------------
HR_RECORDS = ("T-R-05", ("记录清单", [("table", [
    ["序号", "记录编号", "记录名称", "保管部门", "保管期限"],
    ["1", "T-R-18", "入职知识产权背景调查表", "研发中心", "3年"],
    ["2", "T-R-19", "入职知识产权声明书", "研发中心", "3年"],
    ["3", "T-R-21", "竞业限制协议", "研发中心", "10年"]])]))


def test_records_named_by_the_end_of_their_titles_keep_the_record_lists_period(tmp_path):
    # P-07 5.9 of the tryout: '…归入员工知识产权档案，保存至员工离职后10年' while R-05 gives 3年
    sentence = "研发中心将背景调查表、声明书和竞业限制协议归入员工知识产权档案，保存至员工离职后10年。"
    root = make_package(tmp_path / "a", procedure=[("p", sentence)], forms=dict([HR_RECORDS]))
    assert sorted(_messages(root, "retention")) == [
        "文中说《入职知识产权声明书》保存10年，《记录清单》中的保管期限为3年",
        "文中说《入职知识产权背景调查表》保存10年，《记录清单》中的保管期限为3年"]


def test_the_hr_files_are_kept_for_the_record_lists_periods(design):
    _, documents, findings = design
    assert [f.message for f in findings if f.kind == "retention"] == []
    text = _text(_document(documents, "人力资源知识产权管理控制程序"))
    step = next(line for line in text.splitlines() if "归入员工知识产权档案" in line)
    assert "离职后10年" not in step and "《记录清单》" in step


# -- 3. who reviews and approves a record: one chain in every text ---------------------------------
def test_two_texts_naming_different_reviewers_of_a_record_are_found(tmp_path):
    # manual 7.1 '技术质量部核定、院办公室审核' against P-07 5.8 '技术质量部审核，院长批准'
    manual = [("p", "奖励由知识产权部核定、研发中心审核，记录于《合同台账》（T-R-07）。")]
    procedure = [("p", "部门负责人填写《合同台账》（T-R-07），知识产权部审核，最高管理者批准。")]
    root = make_package(tmp_path / "a", manual=manual, procedure=procedure)
    assert _messages(root, "chain") == [
        "文中说《合同台账》由知识产权部审核，《知识产权管理手册》说由研发中心审核"]
    by_level = [("p", "人员权限按级别经知识产权部、研发中心或最高管理者批准，记入《合同台账》（T-R-07）。"),
                ("p", "研发中心审核后报最高管理者批准（重要合同报董事会批准），登记于《合同台账》（T-R-07）。")]
    assert _messages(make_package(tmp_path / "b", procedure=by_level), "chain") == []


def test_every_text_on_rewards_names_the_ip_department_and_the_top_manager(design):
    _, documents, findings = design
    assert [f.message for f in findings if f.kind == "chain"] == []
    intake = yaml.safe_load(DESIGN.read_text(encoding="utf-8"))
    ip = next(d["name"] for d in intake["org"]["departments"]
              if d["key"] == intake["org"]["ip_department"])
    top = intake["people"]["top_manager"]["title"]
    texts = [text for d in documents if d.kind in ("manual", "procedure")
             for _, text in d.texts() if "《知识产权奖励申请及发放表》" in text and "审核" in text]
    assert len(texts) >= 2  # the manual's reward text and P-07's step
    for text in texts:
        assert f"{ip}审核" in text and f"{top}批准" in text


# -- 4. who signs the NDA: the same parties in the manual, P-06 and the agreement itself -----------
def test_the_nda_is_signed_by_the_parties_p06_names_and_its_text_lets_them(design):
    """Outside parties sign the NDA, employees their own undertaking (session 35: one text for
    both left each reading the other's terms): the manual, P-06 and the two texts agree."""
    _, documents, _ = design
    parties = ("合作开发方", "供方", "服务机构")  # P-06 5.4 of the tryout
    for title in ("知识产权管理手册", "保密管理控制程序"):
        sentences = re.split("[。；]", _text(_document(documents, title)))
        signing = [t for t in sentences if "签订《保密协议》" in t]
        assert all(any(p in t for t in signing) for p in parties), title
        assert not any(re.search("全体员工[^，]*签订《保密协议》", t) for t in signing), title
        assert any("全体员工" in t and "《员工保密承诺书》" in t for t in sentences), title
    agreement = _text(_document(documents, "保密协议"))
    assert "甲方与下列员工" not in agreement
    assert all(p in agreement for p in parties) and "外部单位" in agreement
    undertaking = _text(_document(documents, "员工保密承诺书"))
    assert "外部单位" not in undertaking and "离职" in undertaking


# -- 6. licences taken in: in the records, not only in the manual ----------------------------------
def test_a_licence_the_intake_names_and_no_record_lists_is_found(design, tmp_path):
    folder, _, _ = design
    intake = load_intake(DESIGN)
    root = make_package(tmp_path)  # its forms list no licence
    messages = [f.message for f in lint_package(root, intake) if f.kind == "intake"]
    assert len(messages) == len(intake.ip.licences_in)
    assert all(lic.what in m and lic.licensor in m
               for lic, m in zip(intake.ip.licences_in, messages))
    assert [f for f in lint_package(folder, intake) if f.kind == "intake"] == []


def test_the_ledger_and_the_obligations_register_list_each_licence_with_its_term(design):
    _, documents, _ = design
    licences = yaml.safe_load(DESIGN.read_text(encoding="utf-8"))["ip"]["licences_in"]
    ledger = _table(_document(documents, "知识产权台账"), "序号")
    header = list(ledger.header)
    term = next(i for i, c in enumerate(header) if "许可期限" in c)
    for licence in licences:
        row = next(r for r in ledger.rows if licence["what"] in r)
        assert licence["licensor"] in row and row[term] == str(licence["until"])
    obligations = _text(_document(documents, "知识产权合规义务清单"))
    assert all(lic["what"] in obligations and lic["licensor"] in obligations for lic in licences)
