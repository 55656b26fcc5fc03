"""PDF imports keep the clause tree: page furniture (running headers, page numbers in every common
form, a 目次) never reaches the text, wrapped lines are joined again — across page breaks, and when
a wrapped line starts with a number — and the cover stays front matter.

The PDFs are typeset here (tests/pdf_builders.py) from texts written in the tests, so every
expected value is the standard's own words: what a reader of the printed page sees.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pdf_builders import Layout, split_sample, typeset

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT.parent / "shared" / "cases"
SAMPLE = ROOT / "tests" / "data" / "sample_standard" / "standard.txt"
TITLE = "企业知识产权检索与利用指南（示例）"
NUMBER = "GB/T 99999—2025"

COVER = ["ICS 03.100.01", "CCS A 01", "中华人民共和国国家标准", NUMBER, "代替 GB/T 99999—2015",
         TITLE, "2025-03-01 发布", "2025-10-01 实施", "示例标准化委员会　发布"]
CONTENTS = ["目次", "前言 …………………………………………… Ⅰ", "1 范围 ……………………………………… 1",
            "2 检索 ……………………………………… 1", "3 利用 ……………………………………… 2",
            "4 记录 ……………………………………… 3"]
# (heading, body paragraphs): a tuple paragraph is printed line by line as given.
CLAUSES: list[tuple[str, list[str | tuple[str, ...]]]] = [
    ("前言", ["本文件由示例标准化委员会提出。本文件代替GB/T 99999—2015，与之相比主要变化是增加了检索记录的要求。"]),
    ("1 范围", ["本文件给出了企业在研发立项、产品上市和技术合作中开展知识产权检索与利用的指引。"]),
    ("2 检索", []),
    ("2.1 检索时机", ["企业应在研发立项前、产品上市前和签订技术合作合同前分别开展知识产权检索，检索范围覆盖国内外的专利、商标和软件著作权。"]),
    ("2.2 检索人员", ["检索由知识产权部门组织，研发部门指定熟悉技术方案的人员参加，必要时委托外部检索机构。"]),
    ("2.3 检索报告", [("检索完成后应形成检索报告。报告的格式按照",
                        "3.2.1执行；报告的审批期限不超过",
                        "10 个工作日，由知识产权部门负责人签字。")]),
    ("3 利用", []),
    ("3.1 检索结果的利用", ["研发部门应根据检索报告调整技术方案，避开有效专利的保护范围，并记录调整的理由和依据。"]),
    ("3.2 报告的评审", []),
    ("3.2.1 评审程序", ["检索报告应经研发、法务和知识产权部门共同评审，评审意见应逐条回复，未回复的意见不得关闭。"]),
    ("3.2.2 评审结论", [("评审结论分为通过、修改后通过和不通过三类，不通过的项目应在",
                         "30 日内重新提交检索报告",
                         "。")]),
    ("4 记录", []),
    ("4.1 记录内容", ["检索记录包括检索日期、检索人员、检索式、数据库名称、检索结果和结论，记录应完整、清楚、便于追溯。"]),
    ("4.2 记录保存", ["检索记录和检索报告的保存期限不少于项目结束后五年，电子记录应定期备份并存放在两个不同的地点。"]),
]


def body_paragraphs() -> list[str | tuple[str, ...]]:
    out: list[str | tuple[str, ...]] = []
    for heading, paragraphs in CLAUSES:
        out.append(heading)
        out.extend(paragraphs)
    return out


def squash(text: str) -> str:
    """Whitespace-normalised for comparison: CJK text has no spaces between words, so all go."""
    return re.sub(r"\s+", "", text)


def words(paragraph: str | tuple[str, ...]) -> str:
    return "".join(paragraph) if isinstance(paragraph, tuple) else paragraph


def clause_text(number: str) -> str:
    """A clause as a reader sees it: its heading line, then each body paragraph on one line."""
    for heading, paragraphs in CLAUSES:
        if heading.split(" ")[0] == number:
            return "\n".join([heading] + [words(p) for p in paragraphs])
    raise KeyError(number)


FOOTERS = {
    "第 N 页 共 M 页": lambda page, pages: f"第 {page} 页 共 {pages} 页",
    "- N -": lambda page, pages: f"- {page} -",
    "—N—": lambda page, pages: f"—{page}—",
    "第N页": lambda page, pages: f"第{page}页",
    "Page N of M": lambda page, pages: f"Page {page} of {pages}",
    "N": lambda page, pages: str(page),
}


def four_pages(**layout) -> "object":
    """The test standard on 4 pages: a cover, a contents page and 2 body pages, with a sentence
    running over the page break (the typesetter's own placement says so)."""
    settings = {"lines_per_page": 21, "header": (NUMBER, TITLE), "front_footer": lambda p: "Ⅰ"}
    settings.update(layout)
    result = typeset(body_paragraphs(), Layout(**settings), cover=COVER, contents=CONTENTS)
    assert len({page for _, page in result.placed}) == 2
    assert result.split_paragraphs(), "a paragraph must run over a page break"
    return result


def read(pdf: bytes):
    """The blocks the PDF reader of the import gives."""
    from assistant.corpus.importers import READERS, ImportLimits

    return READERS["pdf"](pdf, "standard.pdf", ImportLimits.from_mb(20))


@pytest.mark.parametrize("footer", sorted(FOOTERS))
def test_the_text_is_the_cover_and_the_body_and_nothing_else(footer):
    from assistant.corpus.blocks import render_text

    result = four_pages(footer=FOOTERS[footer])
    expected = "".join(COVER) + "".join(words(p) for p in body_paragraphs())
    assert squash(render_text(read(result.pdf))) == squash(expected)


@pytest.mark.parametrize(("pages", "per_page", "footer"), [
    (3, 13, "第 N 页 共 M 页"), (3, 13, "N"), (3, 13, "- N -"), (2, 21, "N"), (2, 21, "第N页")])
def test_a_two_or_three_page_file_loses_its_running_header_too(pages, per_page, footer):
    from assistant.corpus.blocks import render_text

    result = typeset(body_paragraphs(), Layout(lines_per_page=per_page, header=(NUMBER,),
                                               footer=FOOTERS[footer]))
    assert len({page for _, page in result.placed}) == pages and result.split_paragraphs()
    text = render_text(read(result.pdf))
    assert NUMBER not in text
    assert squash(text) == squash("".join(words(p) for p in body_paragraphs()))


def test_wrapped_lines_are_joined_into_one_line_per_paragraph():
    from assistant.corpus.blocks import render_text

    lines = render_text(read(four_pages().pdf)).split("\n")
    expected = COVER + [words(p) for p in body_paragraphs()]
    assert [squash(line) for line in lines] == [squash(p) for p in expected]


def test_an_indented_line_starts_a_paragraph_even_after_an_unfinished_one():
    from assistant.corpus.blocks import render_text

    paragraphs = ["5.3 经费", "知识产权经费占比按下列公式计算，结果保留两位小数",
                  "经费占比＝知识产权经费÷研发经费×100％",
                  "经费占比低于上一年度的，应在管理评审中说明原因并提出改进措施，改进措施应明确责任部门。"]
    result = typeset(paragraphs, Layout(indent_ems=2, header=()))
    lines = render_text(read(result.pdf)).split("\n")
    assert lines == paragraphs


def test_import_through_the_cli_keeps_every_clause_whole(run_cli, tmp_path):
    path = tmp_path / "guide.pdf"
    path.write_bytes(four_pages().pdf)
    code, out, err = run_cli("corpus", "add", str(path), "--id", "demo-guide", "--title", TITLE)
    assert code == 0, err
    for number in ("2.3", "3.2.2", "4.1", "4.2", "1"):
        code, out, err = run_cli("clause", number, "--doc", "demo-guide", "--json")
        assert code == 0, err
        clause = json.loads(out)["clauses"][0]
        assert clause["text"] == clause_text(number)
    code, out, err = run_cli("clause", "3", "--doc", "demo-guide", "--json")  # not "3.2.1执行"
    assert [c["clause"] for c in json.loads(out)["clauses"]] == ["3", "3.1", "3.2", "3.2.1",
                                                                 "3.2.2"]
    code, out, err = run_cli("ask", "检索报告的审批期限", "--doc", "demo-guide", "--json")
    assert code == 0, err
    quotes = [c["quote"] for c in json.loads(out)["citations"]]
    source = squash("".join(COVER) + "".join(words(p) for p in body_paragraphs()))
    assert quotes and all(squash(q) in source for q in quotes)
    assert all("页" not in q and NUMBER not in q for q in quotes)


def test_a_pdf_without_a_text_layer_is_refused_in_one_line(run_cli, tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 400, 300, 300, fill=1)
    pdf.showPage()
    pdf.save()
    code, out, err = run_cli("corpus", "add", str(path), "--id", "scan", "--title", "扫描件")
    assert code == 2 and "no text layer" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("text", ["3", "- 3 -", "—3—", "第 3 页 共 12 页", "第3页", "Page 3 of 12",
                                  "Ⅲ", "iii", "3/12", "共 12 页 第 3 页"])
def test_page_numbers_in_every_common_form(text):
    from assistant.corpus.pdf_furniture import is_page_number

    assert is_page_number(text)


@pytest.mark.parametrize("text", ["5 管理职责", "5 年，并明确保管部门。", "附录A", "第三条",
                                  "a) 专利；", "Page layout", "Mix", "did", "2.1"])
def test_lines_that_are_not_page_numbers(text):
    from assistant.corpus.pdf_furniture import is_page_number

    assert not is_page_number(text)


def test_the_cover_gives_number_year_replaced_standard_and_dates():
    from assistant.corpus.importers import ImportLimits
    from assistant.corpus.pdf_import import CoverInfo, read_cover

    info = read_cover(four_pages().pdf, "standard.pdf", ImportLimits.from_mb(20))
    assert info == CoverInfo(number=NUMBER, year="2025", replaces="GB/T 99999—2015",
                             issued="2025-03-01", effective="2025-10-01")


# ---- the failing cases (../shared/cases) -----------------------------------------------------

def _case(name: str) -> Path:
    folder = CASES / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    return folder


def test_case_03_running_header_and_varying_footer_stay_out_of_clauses(run_cli):
    folder = _case("03-pdf-running-header-footer")
    title = "企业知识产权管理规范（示例）"
    for name, doc in (("std-with-header.pdf", "demo-pdf4"), ("std-with-header-3pages.pdf",
                                                             "demo-pdf3")):
        code, _, err = run_cli("corpus", "add", str(folder / name), "--id", doc, "--title", title)
        assert code == 0, err
    expected = {("demo-pdf4", "5.1"): "5.1最高管理者最高管理者是企业知识产权管理的第一责任人，应批准知识产权方针。",
                ("demo-pdf3", "6.1.1"): "6.1.1培训企业应每年组织知识产权培训，培训对象包括管理层、研发人员和知识产权工作人员。"}
    for (doc, number), text in expected.items():
        code, out, err = run_cli("clause", number, "--doc", doc, "--json")
        assert code == 0, err
        assert squash(json.loads(out)["clauses"][0]["text"]) == text
    code, out, err = run_cli("ask", "谁来批准知识产权方针", "--doc", "demo-pdf4", "--json")
    quotes = [c["quote"] for c in json.loads(out)["citations"]]
    assert "最高管理者是企业知识产权管理的第一责任人，应批准知识产权方针。" in quotes


def test_case_04_a_wrapped_line_starting_with_a_number_continues_its_sentence(run_cli):
    folder = _case("04-pdf-wrapped-line-starts-with-number")
    title = "企业知识产权管理规范（示例）"
    for name, doc in (("wrapped.pdf", "demo-wrap"), ("wrapped-years.pdf", "demo-wrap2")):
        code, _, err = run_cli("corpus", "add", str(folder / name), "--id", doc, "--title", title)
        assert code == 0, err
        code, out, err = run_cli("clause", "5", "--doc", doc, "--json")
        assert code == 0, err
        tree = json.loads(out)["clauses"]
        assert [(c["clause"], c["title"]) for c in tree] == [
            ("5", "管理职责"), ("5.1", "最高管理者"), ("5.2", "管理者代表")]
    code, out, _ = run_cli("clause", "4.2.2", "--doc", "demo-wrap", "--json")
    assert json.loads(out)["clauses"][0]["text"] == (  # one paragraph, as printed
        "4.2.2 记录控制\n企业应保存知识产权活动的记录。培训记录的保存按照6.1.1执行；"
        "专利申请文件的保存期限不少于5 年，并明确保管部门。")
    code, out, _ = run_cli("clause", "6.1.1", "--doc", "demo-wrap", "--json")
    assert [c["title"] for c in json.loads(out)["clauses"]] == ["培训"]  # no phantom 6.1.1
    code, out, _ = run_cli("ask", "专利申请文件保存期限多少年", "--doc", "demo-wrap2", "--json")
    quotes = [c["quote"] for c in json.loads(out)["citations"] if c["clause"] == "4.2.2"]
    assert quotes and "5 年，并明确保管部门。" in quotes[0]


# ---- the sample standard: the PDF gives the .txt's clause tree ----------------------------------

def _tree(text: str) -> dict[str, tuple]:
    from assistant.corpus.cleaning import clean_text
    from assistant.corpus.standard_parser import parse_standard

    parsed = parse_standard("sample", clean_text(text).text, "中小企业知识产权管理工作指引（示例）")
    # The 目次 is furniture in a PDF (it never builds the tree); the .txt keeps it as front matter.
    return {key: (c.number, squash(c.title), squash(c.body)) for key, c in parsed.clauses.items()
            if key != "目次"}


def _sample_pdfs() -> dict[str, "object"]:
    if not SAMPLE.exists():
        pytest.skip("tests/data/sample_standard/standard.txt is not written yet")
    cover, contents, body = split_sample(SAMPLE.read_text(encoding="utf-8"))
    header = ("DB11/T 0000—2024",)
    return {
        "typeset": typeset(body, Layout(lines_per_page=18, header=header,
                                        front_footer=lambda p: "Ⅰ"), cover=cover,
                           contents=contents),
        "3 pages": typeset([(line,) for line in contents] + body,
                           Layout(lines_per_page=(47, 58), size=10, pitch=12, header=header,
                                  footer=lambda page, pages: str(page)), cover=cover),
    }


@pytest.mark.parametrize("form", ["typeset", "3 pages"])
def test_the_sample_standard_as_pdf_gives_the_clause_tree_of_the_txt(form, tmp_path):
    from assistant.corpus.importers import ImportLimits, read_document

    result = _sample_pdfs()[form]
    assert result.split_paragraphs(), "a paragraph must run over a page break"
    path = tmp_path / "sample.pdf"
    path.write_bytes(result.pdf)
    pdf_tree = _tree(read_document(path, ImportLimits.from_mb(20)))
    txt_tree = _tree(SAMPLE.read_text(encoding="utf-8"))
    assert {k for k, v in txt_tree.items() if v[0]} >= {"4.2.2", "5.2.2", "6.2.1", "A.2.1"}
    assert pdf_tree == txt_tree


def test_the_sample_standard_exported_by_libreoffice_reads_line_for_line(tmp_path):
    """Real fonts and proportional widths, Word's layout: a running header and a page number on
    every page, cover and contents on pages of their own, paragraph spacing."""
    from assistant.corpus.blocks import render_text
    from assistant.corpus.importers import ImportLimits, read_document
    from pdf_builders import libreoffice_pdf

    if not SAMPLE.exists():
        pytest.skip("tests/data/sample_standard/standard.txt is not written yet")
    cover, contents, lines = split_sample(SAMPLE.read_text(encoding="utf-8"))
    body: list[str] = []
    for line in lines:  # the sample's README: this line is the wrapped end of the line before
        if line.startswith("5.2 与 6.1.1 规定的记录"):
            body[-1] += line
        else:
            body.append(line)
    pdf = libreoffice_pdf(cover, contents, body, "DB11/T 0000—2024", tmp_path)
    if pdf is None:
        pytest.skip("LibreOffice is not installed")
    text = render_text(read(pdf))
    assert [squash(line) for line in text.split("\n")] == [squash(line) for line in cover + body]
    path = tmp_path / "exported.pdf"
    path.write_bytes(pdf)
    assert _tree(read_document(path, ImportLimits.from_mb(20))) == _tree(
        SAMPLE.read_text(encoding="utf-8"))
