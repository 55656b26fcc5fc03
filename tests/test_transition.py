"""`ipms transition`: the report is opened with python-docx and its sections are checked against
crosswalk rows read by hand; bad input writes nothing."""
from __future__ import annotations

import pytest
from docx import Document
from docx.shared import Mm

from assistant.textutil import visible

# One section per 2023 clause (30 clauses have rows): new when no row names a 2013 clause,
# unchanged when every row is equivalent, else changed.
# 10.1 (improvement, general) also partly covers 2013 9.1 (general: checking, analysis and
# improvement) since session 30: changed, not new.
SECTION_TITLES = ["新增要求 (5)", "有变化的要求 (21)", "被删除的要求 (0)", "基本不变的要求 (4)"]


def cli(capsys, *args: str) -> tuple[int, str, str]:
    from assistant.cli import main

    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def docx_text(document) -> str:
    """As a reader sees it (visible: without the word joiners that keep numbers whole)."""
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return visible("\n".join(parts))


def first_cells(table) -> list[str]:
    return [visible(row.cells[0].text).split()[0] for row in table.rows[1:]]


def row_of(table, number: str) -> list[str]:
    return next([visible(c.text) for c in row.cells] for row in table.rows[1:]
                if visible(row.cells[0].text).split()[0] == number)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The 2013 → 2023 report written once, with the CLI's output."""
    import contextlib
    import io

    from assistant.cli import main

    out = tmp_path_factory.mktemp("report") / "transition.docx"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["transition", "--from", "gbt29490-2013", "--to", "GB/T 29490-2023",
                     "--out", str(out)])
    assert code == 0
    return out, buffer.getvalue()


def test_a4_with_title_designations_and_date(report):
    path, _ = report
    document = Document(str(path))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert document.paragraphs[0].text == "知识产权管理体系换版差异报告"
    text = docx_text(document)
    assert "现行认证标准: GB/T 29490—2013" in text and "目标标准: GB/T 29490—2023" in text
    assert "编制日期: 20" in text
    assert "gbt29490-20" not in text  # designations, never the internal ids


def test_one_table_per_section_with_the_rows_read_by_hand(report):
    document = Document(str(report[0]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTION_TITLES
    new, changed, unchanged = document.tables  # the removed section has no row: no table
    # clauses whose crosswalk rows are all 'new in 2023' (6.1, 8.4 and 10.1 also have rows
    # that partly cover 2013 clauses: they are changed, listed once)
    assert first_cells(new) == ["4.1", "4.3", "5.1.3", "8.1", "B"]
    # all rows 'equivalent': 2023 4.4 ← 2013 4.1, 5.2 ← 5.2, 6.3 ← 5.3.2, 9.3 ← 9.2 (9.4 ← 5.5.1
    # is equivalent, but 9.4 also partly covers 5.5.2 and 5.5.3: changed)
    assert first_cells(unchanged) == ["4.4", "5.2", "6.3", "9.3"]
    every = first_cells(new) + first_cells(changed) + first_cells(unchanged)
    assert len(every) == len(set(every)) == 30 and {"6.1", "8.4", "9.4", "10.1"} <= set(first_cells(changed))
    assert row_of(unchanged, "6.3")[1] == "5.3.2 知识产权目标"
    contracts = row_of(changed, "8.2")
    assert "7.5 合同管理" in contracts[1] and "7.6 保密" in contracts[1]
    # bj-ipm rows mapped by topic (notes "按主题对应…", e.g. bj-ipm 6.1.1 → 2013 4.2.1 / 2023 7.5)
    # say nothing about the two editions: their notes stay out of a 2013 → 2023 report
    assert "按主题对应" not in "".join(row[3] for row in (row_of(changed, "7.5"), contracts))
    assert "4.2.1 总则" in row_of(changed, "7.5")[1]
    # the rows' notes in the report's language (crosswalk.csv, column note_zh)
    assert "签订合同前的知识产权审查；2023版中的位置未经证实。" in contracts[3]
    assert "IP review of contracts before signing" not in contracts[3]
    # contract review serves bj-ipm 4.3.3: procedure P03 and its forms R06, R07
    assert "P03 合同知识产权审查控制程序" in contracts[4] and "R06 合同知识产权审查表" in contracts[4]
    # the documents are those of the package drafted to GB/T 29490-2023: what 2023 adds is
    # drafted (P24 IP compliance procedure; R65 context analysis; R68 the Annex B self-check)
    assert "P24 " in row_of(new, "5.1.3")[4] and "需新编" not in row_of(new, "5.1.3")[4]
    assert "R65 " in row_of(new, "4.1")[4] and "R68 " in row_of(new, "B")[4]
    assert "摘要（非原文）" in row_of(new, "B")[0]


def test_markdown_beside_it_and_a_summary_printed(report):
    path, printed = report
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    assert markdown.startswith("# 知识产权管理体系换版差异报告")
    assert "## 新增要求 (5)" in markdown
    assert "新增 5 条，有变化 21 条，删除 0 条，基本不变 4 条" in printed
    assert str(path) in printed


def test_from_bj_ipm_the_strategy_clauses_are_mapped_by_topic(tmp_path, capsys):
    out = tmp_path / "bj.docx"
    code, _, err = cli(capsys, "transition", "--from", "bj-ipm", "--to", "2023", "--out", str(out),
                       "--lang", "en")
    assert code == 0, err
    document = Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    # every bj-ipm clause with a row now has a 2023 clause: the strategy clauses 5.1, 5.3, 5.4
    # and 11.3.1.1 have rows by topic (crosswalk.csv: 5.1 -> 6.1, 5.3 -> 6.3, 5.4 -> 9.2,
    # 11.3.1.1 -> 8.2), so nothing is removed and the removed section has no table
    assert "Removed requirements (0)" in headings
    new, changed, unchanged = document.tables
    assert changed.rows[0].cells[0].text == "GB/T 29490—2023 clause"
    planning = row_of(changed, "6.1")
    assert "5.1 总体要求" in planning[1]
    # the row's English note (crosswalk.csv, column note)
    assert "the strategy's planning is closest to planning the system" in planning[3]


def test_the_intake_numbers_documents_and_marks_exclusions(tmp_path, capsys):
    from generators.templates_io import TemplateSet

    example = TemplateSet().intake_example("zh")
    assert "export_markets: [德国, 韩国]" in example and "foreign: 1}" in example
    intake = tmp_path / "intake.yaml"
    intake.write_text(example.replace("export_markets: [德国, 韩国]", "export_markets: []")
                      .replace("foreign: 1}", "foreign: 0}"), encoding="utf-8")
    out = tmp_path / "r.docx"
    code, _, err = cli(capsys, "transition", "--from", "2013", "--to", "2023", "--out", str(out),
                       "--intake", str(intake))
    assert code == 0, err
    document = Document(str(out))
    text = docx_text(document)
    assert "企业: 北京智衡新材料科技有限公司" in text
    business = row_of(document.tables[1], "8.3")[4]  # 2013 7.4.3 涉外贸易 → 2023 8.3
    assert "ZH-IPM-P-17 涉外知识产权管理控制程序（本企业删减）" in business
    assert "ZH-IPM-P-12 专利检索与布局控制程序" in business  # not excluded


@pytest.mark.parametrize("args, says", [
    (["--from", "gbt29490-2019", "--to", "2023"], "unknown standard 'gbt29490-2019'"),
    (["--from", "2023", "--to", "2013"], "no transition report from gbt29490-2023"),
    (["--from", "2013", "--to", "2023", "--intake", "missing.yaml"], "missing.yaml"),
])
def test_bad_input_writes_nothing(tmp_path, capsys, args, says):
    out = tmp_path / "r.docx"
    code, printed, err = cli(capsys, "transition", *args, "--out", str(out))
    assert code == 2 and printed == ""
    assert err.startswith("ipms: error: ") and says in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_kept_unless_forced(tmp_path, capsys):
    out = tmp_path / "r.docx"
    out.write_bytes(b"mine")
    code, _, err = cli(capsys, "transition", "--from", "2013", "--to", "2023", "--out", str(out))
    assert code == 2 and "exists; pass --force" in err
    assert out.read_bytes() == b"mine" and sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]
    code, _, _ = cli(capsys, "transition", "--from", "2013", "--to", "2023", "--out", str(out),
                     "--force")
    assert code == 0 and Document(str(out)).paragraphs[0].text == "知识产权管理体系换版差异报告"


def test_not_a_docx_name_is_refused(tmp_path, capsys):
    code, _, err = cli(capsys, "transition", "--from", "2013", "--to", "2023", "--out",
                       str(tmp_path / "r.txt"))
    assert code == 2 and "must name a .docx file" in err
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_leaves_no_file(tmp_path, capsys, monkeypatch):
    from assistant.standards import transition_docx

    def broken(report):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(transition_docx, "report_markdown", broken)
    code, _, err = cli(capsys, "transition", "--from", "2013", "--to", "2023", "--out",
                       str(tmp_path / "r.docx"))
    assert code == 2 and "the disk is full" in err
    assert list(tmp_path.iterdir()) == []  # neither the .docx (made first) nor a temporary file
