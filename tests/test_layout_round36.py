"""Issue 17, round 36: the drafted Word files as a reader sees them.

1. The manual's function matrix (appendix B) broke its department headers inside words
   ('知识产' / '权', '人力资' / '源部', '市场营' / '销部'): eleven departments' words side by side
   do not fit the page, so each Chinese header is set top to bottom, its characters upright
   (as Latin headers of a table of marks are set bottom to top), and its column is as narrow
   as its marks; the clause column gets the room ('10.2（仲裁与调解）' on three lines before).
2. LibreOffice left headings at a page's foot with their text on the next page although every
   heading keeps with the next paragraph (the life-sciences example's P-13 '5.4 申请审批', P-19
   '5.3 尽调'; generators.heading_pass says what was tried): the procedures are laid out once
   more and such a heading starts the next page.

The intakes are the consultants' (tests/data/intakes) and the shipped examples. Item 1 is
checked in the .docx XML; item 2 lays three procedures out twice (one process each time).
"""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from generators import docx_writer as w
from generators.documents import build_manual, build_procedure
from generators.header_words import words
from generators.heading_pass import keep_headings_with_text, stranded
from generators.intake import load_intake
from generators.page_check import available
from generators.templates_io import TEMPLATES_DIR, TemplateSet
from generators.toc_pages import convert_to_pdf, pdf_pages
from helpers import planned

INTAKES = Path(__file__).parent / "data" / "intakes"
UPRIGHT = "tbRl"  # top to bottom, CJK characters upright (Word and LibreOffice)


def _direction(cell) -> str | None:
    found = cell._tc.tcPr.find(qn("w:textDirection")) if cell._tc.tcPr is not None else None
    return None if found is None else found.get(qn("w:val"))


@pytest.fixture(scope="module")
def matrices(corpus, tmp_path_factory):
    """{language: the function matrix's table} of machine-vision's manual."""
    out, templates = tmp_path_factory.mktemp("round36"), TemplateSet()
    found = {}
    for language in ("zh", "en"):
        intake = load_intake(INTAKES / f"machine-vision.{language}.yaml")
        path = out / f"M01.{language}.docx"
        build_manual(planned(intake, templates, corpus, language), templates, path)
        found[language] = docx.Document(str(path)).tables[-1]
    return found


def test_chinese_matrix_headers_break_only_between_words(matrices):
    table = matrices["zh"]
    cells = table.rows[0].cells[1:]  # the departments (the first column: 条款)
    assert len(cells) >= 8
    for cell in cells:
        label = cell.text.replace("\n", "")
        if _direction(cell) == UPRIGHT:  # one line top to bottom, as high as the header row
            assert "\n" not in cell.text, cell.text
            assert table.rows[0].height.cm >= w._text_width(label) * w.EM_CM, label
        else:  # across: every word of the header fits the column
            widest = max(w._text_width(word) for word in words(label))
            size = cell.paragraphs[0].runs[0].font.size
            pt = size.pt if size else w.BODY_PT
            assert w._header_cm(widest, pt) <= cell.width.cm, (label, cell.width.cm)
    # the clause column keeps a clause number with its bracketed title on one line or two
    clause = table.rows[0].cells[0].width.cm
    longest = max(w._text_width(row.cells[0].text) for row in table.rows[1:])
    assert longest * w.EM_CM / (clause - w.CELL_PADDING_CM) <= 2, clause


def test_english_matrix_headers_are_not_turned_upright(matrices):
    """Latin headers run bottom to top as before: upright letters would read one a line."""
    assert {_direction(c) for c in matrices["en"].rows[0].cells[1:]} == {"btLr"}


@pytest.mark.parametrize("pages, found", [
    (["1 目的\n规定…\n2 适用范围\n   第 1 页 共 4 页", "适用于…\n第 2 页 共 4 页"], ["2 适用范围"]),
    (["text\n5.4 Approval\n  Page 2 of 4  ", "The IP Department…"], ["5.4 Approval"]),
    (["2 适用范围\n适用于…\n第 1 页 共 2 页", "5.4 申请审批\n…"], []),  # heading above its text
    (["适用于…", "6 相关文件"], []),  # the last page's last line: nothing follows it
])
def test_a_heading_is_found_at_a_pages_foot(pages, found):
    assert stranded(pages, ["2 适用范围", "5.4 申请审批", "5.4 Approval", "6 相关文件"]) == found


@pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed")
def test_no_procedure_leaves_a_heading_at_a_pages_foot(corpus, tmp_path):
    templates = TemplateSet()
    intake = load_intake(TEMPLATES_DIR / "examples" / "life-sciences.zh.yaml")
    plan = planned(intake, templates, corpus, "zh")
    paths = []
    for code in ("P13", "P19", "P23"):  # LibreOffice left a heading at a page's foot in these
        paths.append(tmp_path / f"{code}.docx")
        build_procedure(plan, templates, next(p for p in plan.procedures if p.code == code),
                        paths[-1])
    keep_headings_with_text(paths)
    assert convert_to_pdf(paths, tmp_path / "pdf", tmp_path).returncode == 0
    for path in paths:
        document = docx.Document(str(path))
        headings = [p.text for p in document.paragraphs
                    if p.style.name.startswith("Heading") and p.text.strip()]
        assert stranded(pdf_pages(tmp_path / "pdf" / f"{path.stem}.pdf"), headings) == [], \
            path.stem
