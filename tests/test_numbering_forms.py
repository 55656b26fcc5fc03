"""Numbering forms of Chinese standards, rules and notices, end to end: `ipms corpus add` then
`ipms clause --json` / `ipms ask --json`.

Documents: tests/data/sample_standard (a GB/T-style standard with cover, 目次, notes, a table and
annex A; company rules 第一章/第一条; a notice 一、（一）1.(1)①), the notice of case 07 and the
wrapped PDF text of case 04. Every expected value is read off those texts.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "sample_standard"
STANDARD = DATA / "standard.txt"
STANDARD_LINES = STANDARD.read_text(encoding="utf-8").split("\n")

# Case 04: clause 4.2.2's sentence wraps before "6.1.1执行" and before "5 年".
WRAPPED = "\n".join([
    "1 范围", "本文件规定了企业建立、实施和改进知识产权管理体系的要求。",
    "2 规范性引用文件", "本文件没有规范性引用文件。",
    "3 术语和定义", "下列术语和定义适用于本文件。",
    "3.1 职务发明", "员工执行本企业任务或主要利用本企业物质技术条件完成的发明创造。",
    "4 管理体系", "4.1 总体要求", "企业应建立知识产权管理体系，形成文件，加以实施并持续改进。",
    "4.2 文件要求", "4.2.1 文件控制", "知识产权管理文件发布前应经审批，修订后应重新审批。",
    "4.2.2 记录控制", "企业应保存知识产权活动的记录。培训记录的保存按照",
    "6.1.1执行；专利申请文件的保存期限不少于", "5 年，并明确保管部门。",
    "5 管理职责", "5.1 最高管理者", "最高管理者是企业知识产权管理的第一责任人，应批准知识产权方针。",
    "5.2 管理者代表", "最高管理者应在管理层中指定管理者代表，负责协调知识产权管理体系的运行。",
    "6 资源管理", "6.1 人力资源", "6.1.1 培训",
    "企业应每年组织知识产权培训，培训对象包括管理层、研发人员和知识产权工作人员。",
    "6.1.2 入职和离职", "企业应对新入职员工进行知识产权背景调查，并在员工离职时提醒其保密义务。",
    "6.2 财务资源", "企业应设立知识产权专项经费，用于申请、维护和培训。", "",
])
# Case 04's second file: only "…不少于" / "5 年，…" wraps; 5 is the next chapter's number.
WRAPPED_YEARS = WRAPPED.replace("企业应保存知识产权活动的记录。培训记录的保存按照\n6.1.1执行；",
                                "企业应保存知识产权活动的记录，")

# Case 07's notice.
CASE_07_NOTICE = "\n".join([
    "关于开展企业知识产权管理规范贯标工作的通知（示例）", "各有关单位：",
    "为推动企业提升知识产权管理水平，现将有关事项通知如下。",
    "一、工作目标", "（一）到年底，推动一批企业通过贯标认证。", "（二）培育一批知识产权管理示范企业。",
    "二、支持措施", "（一）资金支持", "1. 对通过认证的企业给予一次性资助。",
    "2. 资助金额不超过实际发生费用的50%。", "（二）培训支持", "1. 组织贯标辅导员培训。",
    "2. 培训名额按区分配。", "三、申报材料", "（一）申报书。", "（二）认证证书复印件。", "",
])


def _add(run_cli, path: Path, doc_id: str, title: str, kind: str = "standard") -> None:
    code, out, err = run_cli("corpus", "add", str(path), "--id", doc_id, "--title", title,
                             "--kind", kind)
    assert code == 0, err


def _clause(run_cli, number: str, doc: str) -> dict:
    code, out, err = run_cli("clause", number, "--doc", doc, "--json")
    assert code == 0, err
    return json.loads(out)


def _ask(run_cli, question: str, doc: str | None = None) -> dict:
    args = ["ask", question, "--json"] + (["--doc", doc] if doc else [])
    code, out, err = run_cli(*args)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def standard(run_cli) -> str:
    _add(run_cli, STANDARD, "sample-std", "中小企业知识产权管理工作指引（示例）")
    return "sample-std"


# -- the sample standard: cover, 目次, clause tree ------------------------------------------
def test_the_sample_standard_has_the_clause_tree_a_reader_sees(run_cli, standard):
    """Chapters 1-6 and annex A with exactly the sub-clauses printed in the body (README)."""
    keys = []
    for top in ("1", "2", "3", "4", "5", "6", "A"):
        view = _clause(run_cli, top, standard)
        assert not view["ambiguous"]
        keys += [c["key"] for c in view["clauses"]]
    assert keys == ["1", "2", "3", "3.1", "3.2", "4", "4.1", "4.2", "4.2.1", "4.2.2", "4.3",
                    "5", "5.1", "5.2", "5.2.1", "5.2.2", "5.3",
                    "6", "6.1", "6.1.1", "6.1.2", "6.2", "6.2.1", "6.2.2", "6.3",
                    "A", "A.1", "A.2", "A.2.1", "A.2.2"]


def test_table_of_contents_lines_are_not_headings(run_cli, standard, tmp_path):
    chapter_1 = _clause(run_cli, "1", standard)["clauses"][0]
    (stored,) = (tmp_path / "corpus").glob(f"{standard}.*.txt")  # lines of the cleaned text
    lines = stored.read_text(encoding="utf-8").split("\n")
    assert (chapter_1["title"], chapter_1["line"]) == ("范围", lines.index("1 范围") + 1)
    assert not any("……" in line for line in lines)  # the 目次 is furniture, as in a PDF
    code, out, _ = run_cli("corpus", "check", "--doc", standard)
    assert code == 0 and "0 defects" in out


# -- annexes ---------------------------------------------------------------------------------
def test_annex_clauses_are_looked_up_by_their_letter_number(run_cli, standard):
    a1 = _clause(run_cli, "A.1", standard)["clauses"][0]
    assert (a1["clause"], a1["title"], a1["parent"]) == ("A.1", "一般要求", "A")
    assert a1["text"].split("\n")[1] == "知识产权台账应按知识产权类别分别建立，每项知识产权占一行。"
    annex = _clause(run_cli, "附录A", standard)["clauses"][0]
    assert annex["title"] == "知识产权台账的内容"
    assert annex["children"] == ["A.1", "A.2"]


def test_an_annex_table_stays_in_its_clause(run_cli, standard):
    a21 = _clause(run_cli, "A.2.1", standard)["clauses"][0]
    lines = a21["text"].split("\n")
    assert lines[2:] == ["表A.1 台账基本栏目", "栏目 | 填写说明", "名称 | 知识产权的名称",
                         "编号 | 申请号、注册号或登记号", "状态 | 申请中、有效或失效"]


def test_ask_names_an_annex_clause(run_cli, standard):
    answer = _ask(run_cli, "A.2.2 规定了什么", standard)
    assert [(c["clause"], c["title"]) for c in answer["citations"]] == [("A.2.2", "补充栏目")]
    assert "企业可根据需要增加费用、许可和质押等栏目。" in answer["citations"][0]["quote"]


# -- notes, dash items, lists, tables in the body ---------------------------------------------
def test_notes_stay_in_the_clause_they_follow(run_cli, standard):
    c43 = _clause(run_cli, "4.3", standard)["clauses"][0]
    assert c43["text"].split("\n")[-1] == "注：部门协作可通过例会或共享文件的方式进行。"
    c522 = _clause(run_cli, "5.2.2", standard)["clauses"][0]
    assert c522["children"] == []
    assert c522["text"].split("\n")[2:] == [
        "表1 记录保存期限", "记录类别 | 保存期限 | 保管部门", "合同文本 | 合同终止后五年 | 法务部门",
        "专利申请文件 | 专利权终止后三年 | 研发部门", "培训记录 | 三年 | 人事部门",
        "注1：保存期限自记录形成的次年一月一日起算。", "注2：电子记录与纸质记录的保存期限相同。"]


def test_dash_items_and_lettered_lists_stay_in_the_body(run_cli, standard):
    c51 = _clause(run_cli, "5.1", standard)["clauses"][0]
    assert c51["text"].split("\n")[2:] == ["——权属约定；", "——保密要求；", "——奖励与报酬。"]
    c422 = _clause(run_cli, "4.2.2", standard)["clauses"][0]
    assert c422["children"] == []
    assert c422["text"].split("\n")[2:] == [
        "a) 维护知识产权台账；", "b) 跟踪各项期限，包括：", "1) 专利年费的缴纳期限；",
        "2) 商标续展的期限；", "c) 组织内部宣传。"]


def test_a_cross_reference_at_a_line_start_is_not_a_heading(run_cli, standard):
    c621 = _clause(run_cli, "6.2.1", standard)["clauses"][0]
    assert c621["text"].split("\n")[-1] == "5.2 与 6.1.1 规定的记录应逐项核对，核对结果应写入审核报告。"
    c52 = _clause(run_cli, "5.2", standard)
    assert not c52["ambiguous"] and c52["clauses"][0]["title"] == "记录"


# -- case 04: a wrapped line that starts with a number ---------------------------------------
@pytest.fixture
def wrapped(run_cli, tmp_path) -> str:
    path = tmp_path / "wrapped.txt"
    path.write_text(WRAPPED, encoding="utf-8")
    _add(run_cli, path, "demo-wrap", "企业知识产权管理规范（示例）")
    return "demo-wrap"


def test_wrapped_lines_starting_with_a_number_continue_the_sentence(run_cli, wrapped):
    c422 = _clause(run_cli, "4.2.2", wrapped)["clauses"][0]
    assert c422["text"].split("\n")[2:] == ["6.1.1执行；专利申请文件的保存期限不少于",
                                            "5 年，并明确保管部门。"]
    chapter_5 = _clause(run_cli, "5", wrapped)
    assert [(c["key"], c["title"]) for c in chapter_5["clauses"]] == [
        ("5", "管理职责"), ("5.1", "最高管理者"), ("5.2", "管理者代表")]
    training = _clause(run_cli, "6.1.1", wrapped)
    assert not training["ambiguous"] and training["clauses"][0]["title"] == "培训"


def test_a_number_followed_by_years_is_not_the_next_chapter(run_cli, tmp_path):
    path = tmp_path / "wrapped-years.txt"
    path.write_text(WRAPPED_YEARS, encoding="utf-8")
    _add(run_cli, path, "demo-wrap2", "企业知识产权管理规范（示例）")
    chapter_5 = _clause(run_cli, "5", "demo-wrap2")["clauses"][0]
    assert chapter_5["title"] == "管理职责"
    answer = _ask(run_cli, "专利申请文件保存期限多少年", "demo-wrap2")
    cited = answer["citations"][0]
    assert (cited["doc"], cited["clause"]) == ("demo-wrap2", "4.2.2")
    assert cited["quote"].replace("\n", "").endswith("专利申请文件的保存期限不少于5 年，并明确保管部门。")


# -- rules: 第一章 / 第一条 -------------------------------------------------------------------
@pytest.fixture
def rules(run_cli) -> str:
    _add(run_cli, DATA / "rules.txt", "sample-rules", "示例科技有限公司知识产权管理办法", "guide")
    return "sample-rules"


def test_an_article_is_looked_up_by_its_number_and_its_body_is_its_text(run_cli, rules):
    view = _clause(run_cli, "第三条", rules)
    assert [c["clause"] for c in view["clauses"]] == ["第三条"]
    assert view["clauses"][0]["text"] == (
        "第三条 公司知识产权工作由知识产权办公室归口管理，各部门指定一名联络员配合开展工作。")
    answer = _ask(run_cli, "第三条是怎么规定的", rules)
    assert [(c["clause"], c["quote"]) for c in answer["citations"]] == [
        ("第三条", "公司知识产权工作由知识产权办公室归口管理，各部门指定一名联络员配合开展工作。")]


def test_an_articles_items_stay_in_its_body(run_cli, rules):
    article = _clause(run_cli, "第七条", rules)["clauses"][0]
    assert article["children"] == []
    assert article["text"].split("\n") == [
        "第七条 公司对职务发明的发明人给予奖励：", "（一）发明专利授权后，每件奖励五千元；",
        "（二）实用新型专利授权后，每件奖励一千元。"]


def test_a_chapter_of_rules_holds_its_articles(run_cli, rules):
    view = _clause(run_cli, "第二章", rules)
    assert [c["clause"] for c in view["clauses"]] == ["第二章", "第四条", "第五条", "第六条"]
    assert view["clauses"][0]["title"] == "权属与保密"


def test_articles_past_one_hundred(run_cli, tmp_path):
    path = tmp_path / "long-rules.txt"
    path.write_text("\n".join([
        "示例集团知识产权管理规定", "第十二章 附则", "第九十九条 各子公司可以制定实施细则。",
        "第一百条 本规定由集团法务部负责解释。", "第一百零一条 本规定自印发之日起施行。", ""]),
        encoding="utf-8")
    _add(run_cli, path, "long-rules", "示例集团知识产权管理规定", "guide")
    assert _clause(run_cli, "第一百条", "long-rules")["clauses"][0]["text"] == (
        "第一百条 本规定由集团法务部负责解释。")
    answer = _ask(run_cli, "第一百零一条讲什么", "long-rules")
    assert [(c["clause"], c["quote"]) for c in answer["citations"]] == [
        ("第一百零一条", "本规定自印发之日起施行。")]


# -- notices: 一、（一）1.(1)① ----------------------------------------------------------------
@pytest.fixture
def case_07(run_cli, tmp_path) -> str:
    path = tmp_path / "notice.txt"
    path.write_text(CASE_07_NOTICE, encoding="utf-8")
    _add(run_cli, path, "demo-notice", "关于开展企业知识产权管理规范贯标工作的通知（示例）", "notice")
    return "demo-notice"


@pytest.mark.parametrize("question,label,sentence", [
    ("培训名额怎么分配", "二（二）2", "培训名额按区分配。"),
    ("知识产权管理示范企业", "一（二）", "培育一批知识产权管理示范企业。"),
    ("贯标辅导员培训", "二（二）1", "组织贯标辅导员培训。"),
])
def test_a_one_sentence_notice_item_is_quoted(run_cli, case_07, question, label, sentence):
    answer = _ask(run_cli, question, case_07)
    assert not answer["abstained"]
    assert (answer["citations"][0]["clause"], answer["citations"][0]["quote"]) == (label, sentence)


def test_a_notice_item_is_found_without_naming_the_document(run_cli, case_07):
    answer = _ask(run_cli, "贯标辅导员培训")
    assert not answer["abstained"] and answer["citations"]
    cited = {(c["doc"], c["clause"]) for c in answer["citations"]}
    assert ("demo-notice", "二（二）1") in cited or any(
        c["doc"] == "bj-ipm" and "培训" in c["title"] for c in answer["citations"])


@pytest.mark.parametrize("question,label,sentence", [
    ("每季度召开专利布局讨论会", "二（一）2", "每季度召开一次专利布局讨论会。"),
    ("商标续展申请什么时候提出", "二（二）1(1)", "续展申请应在注册有效期满前六个月内提出。"),
    ("不得自行改变注册商标的文字和图形", "二（二）2②", "不得自行改变注册商标的文字和图形。"),
])
def test_nested_notice_items_are_labelled_by_their_numbers(run_cli, question, label, sentence):
    _add(run_cli, DATA / "notice.txt", "sample-notice", "关于做好年度知识产权工作的通知（示例）",
         "notice")
    answer = _ask(run_cli, question, "sample-notice")
    assert (label, sentence) in {(c["clause"], c["quote"]) for c in answer["citations"]}


def test_a_notice_with_three_numbered_items_is_still_read_by_its_headings(run_cli, tmp_path):
    path = tmp_path / "training-notice.txt"
    path.write_text("\n".join([
        "关于开展培训的通知（示例）", "各部门：", "一、培训安排", "1. 组织贯标辅导员培训。",
        "2. 培训名额按区分配。", "3. 培训结束后进行考核。", "二、工作要求", "（一）各部门按时报名。", ""]),
        encoding="utf-8")
    _add(run_cli, path, "training-notice", "关于开展培训的通知（示例）", "notice")
    answer = _ask(run_cli, "培训结束后考核", "training-notice")
    assert (answer["citations"][0]["clause"], answer["citations"][0]["quote"]) == (
        "一3", "培训结束后进行考核。")
