"""A company's own rules (知识产权管理制度: a title, its particulars, 第N章 / 第N条) imported from
Word or PDF read as written (a new user's tryout, session 32): a title wrapped over two lines is one
title, the 文件编号/版本 line under it is no clause and gives the document its number, the PDF's
text is verbatim — quotation marks drawn in a fallback font back in their place, no spaces where
a Chinese layout only left room between digits and characters — and an article is not named after
its chapter."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus.pdf_lines import _line, _Run
from assistant.corpus.section_parser import parse_sections

COVER = ["华瑞精密机械股份有限公司知识产权", "管理制度", "文件编号：HR-IPM-2026-01    版本：A/0"]
BODY = ["第一章 总则",
        "第一条 知识产权管理遵循“统一领导、分级负责、全员参与、依法保护”的原则。",
        "第二条 本制度自2026年1月1日起施行，原《知识产权管理办法》（HR-2019-07）同时废止。",
        "第二章 组织与职责",
        "第三条 公司设立知识产权管理委员会，由总经理任主任。",
        "第四条 法务部是知识产权归口管理部门。"]


def _text(line) -> str:
    return line.text


def test_quotation_marks_in_a_run_of_their_own_go_back_into_their_gaps():
    """pypdf gives a line whose quotation marks LibreOffice drew in a Latin font as two runs:
    the text with a space where each mark stood, and the marks alone, placed after it."""
    runs = [_Run(126.1, 109.2, 12.0, " “ ”"),
            _Run(90.1, 109.2, 12.0, "第四条知识产权管理遵循 统一领导、分级负责、全员参与、依法保护 的原则。")]
    assert _text(_line(runs, 1, 595, 842)) == \
        "第四条知识产权管理遵循“统一领导、分级负责、全员参与、依法保护”的原则。"


def test_no_space_where_a_chinese_layout_only_left_room_beside_digits():
    """'自2026年1月1日' printed in runs of their own with the room a Chinese layout leaves between
    digits and characters (positions as pypdf gave them for a LibreOffice PDF)."""
    runs = [_Run(189.9, 185.8, 12.0, "自"), _Run(204.3, 185.8, 12.0, "2026"),
            _Run(237.3, 185.8, 12.0, "年"), _Run(251.7, 185.8, 12.0, "1"),
            _Run(261.7, 185.8, 12.0, "月")]
    assert _text(_line(runs, 1, 595, 842)) == "自2026年1月"


def test_a_space_character_ending_a_run_stays_before_chinese():
    """A clause number printed as its own run with its space ('2 ' then '规范性引用文件')."""
    runs = [_Run(90.1, 497.5, 11.0, "2 "), _Run(100.6, 497.5, 11.0, "规范性引用文件")]
    assert _text(_line(runs, 1, 595, 842)) == "2 规范性引用文件"


def test_a_space_between_latin_words_in_runs_of_their_own_stays():
    runs = [_Run(72.0, 700.0, 12.0, "Intellectual"), _Run(72.0 + 12 * 6 + 4, 700.0, 12.0, "property")]
    assert _text(_line(runs, 1, 595, 842)) == "Intellectual property"


def test_a_wrapped_title_is_one_title_and_its_particulars_no_clause():
    parsed = parse_sections("rules", "\n".join(COVER + BODY), "zh")
    title = parsed.clauses[parsed.roots[0]]
    assert title.kind == "title" and title.title == "华瑞精密机械股份有限公司知识产权管理制度"
    assert "文件编号" in title.text
    labels = [c.label for c in parsed.clauses.values()]
    assert labels == ["title", "第一章", "第一条", "第二条", "第二章", "第三条", "第四条"]
    assert not any(c.label.startswith(("管理制度", "文件编号")) for c in parsed.clauses.values())


def test_a_title_that_is_whole_keeps_the_next_short_line_as_a_heading():
    parsed = parse_sections("rules", "公司知识产权管理制度\n总则说明\n第一条 本制度适用于全体员工。", "zh")
    assert parsed.clauses[parsed.roots[0]].title == "公司知识产权管理制度"
    assert "总则说明" in [c.label for c in parsed.clauses.values()]


def _libreoffice_rules_pdf(tmp_path: Path) -> Path:
    from pdf_builders import libreoffice_pdf

    pdf = libreoffice_pdf(COVER, [], BODY, "华瑞精密机械股份有限公司", tmp_path)
    assert pdf is not None, "LibreOffice (soffice) is needed: .ci/run installs it"
    path = tmp_path / "rules.pdf"
    path.write_bytes(pdf)
    return path


def test_rules_exported_to_pdf_import_verbatim_with_their_number(run_cli, tmp_path):
    path = _libreoffice_rules_pdf(tmp_path)
    code, out, err = run_cli("corpus", "add", str(path), "--id", "huarui", "--title", "华瑞知识产权管理制度")
    assert code == 0, err
    code, listing, err = run_cli("corpus", "list")
    line = next(li for li in listing.splitlines() if li.startswith("huarui"))
    assert "[HR-IPM-2026-01]" in line and line.count("华瑞知识产权管理制度") == 1
    for article, sentence in (("第一条", BODY[1]), ("第二条", BODY[2])):
        code, shown, err = run_cli("clause", article, "--doc", "huarui")
        assert code == 0, err
        assert sentence[len(article) + 1:] in shown, shown
    code, shown, err = run_cli("clause", "管理制度", "--doc", "huarui")
    assert code != 0  # the title's second line is no clause


def test_an_article_is_not_named_after_its_chapter(run_cli, tmp_path):
    path = _libreoffice_rules_pdf(tmp_path)
    assert run_cli("corpus", "add", str(path), "--id", "huarui", "--title", "华瑞知识产权管理制度")[0] == 0
    code, shown, err = run_cli("clause", "第三条", "--doc", "huarui")
    assert code == 0, err
    assert "第三条  [huarui 第三条]" in shown and "组织与职责  [huarui 第三条]" not in shown
    code, answer, err = run_cli("ask", "第三条讲了什么", "--doc", "huarui")
    assert code == 0, err
    assert "第三条的内容如下" in answer and "「组织与职责」" not in answer and "「」" not in answer


@pytest.mark.parametrize("label", ["文件编号：HR-IPM-2026-01", "Document No.: NW-IP-01"])
def test_the_cover_gives_a_company_document_its_number(label):
    from assistant.corpus.cover import cover_info

    assert cover_info(["某公司制度", label + "   版本：A/0"]).number == label.split(":")[-1].split("：")[-1].strip()
