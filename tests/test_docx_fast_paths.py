"""The faster paths of drafting write what python-docx writes: documents made from a prototype
package read once (generators.docx_prototype) are saved as python-docx saves the same document
opened afresh and do not share changes; generators.docx_fast's cell text is python-docx's."""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from generators.docx_prototype import document_from
from generators.docx_writer import _blank_template


def _edit(document) -> None:
    document.add_paragraph("质量手册", style="Title")
    document.add_paragraph("1 范围", style="Heading 1")
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = "编号"


def _parts(document) -> dict[str, bytes]:
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.fixture(scope="module")
def template() -> bytes:
    return _blank_template("zh")


def test_saved_as_python_docx_saves_the_template_opened_afresh(template):
    fresh, made = Document(io.BytesIO(template)), document_from(template)
    _edit(fresh)
    _edit(made)
    expected, got = _parts(fresh), _parts(made)
    assert list(got) == list(expected)
    assert [n for n in expected if got[n] != expected[n]] == []
    assert b'w:val="Title"' in got["word/document.xml"]  # the style names were resolved


def test_a_style_added_to_one_document_is_in_that_one_only(template):
    first, second = document_from(template), document_from(template)
    first.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    first.add_paragraph("1 范围", style="toc 1")
    second.add_paragraph("正文")
    assert b'w:styleId="toc1"' in _parts(first)["word/styles.xml"]
    assert _parts(second)["word/styles.xml"] == _parts(Document(io.BytesIO(template)))[
        "word/styles.xml"]
    assert "正文" not in _parts(first)["word/document.xml"].decode("utf-8")
    with pytest.raises(KeyError):  # as python-docx: no such style in this document
        second.add_paragraph("1 范围", style="toc 1")


@pytest.mark.parametrize("text", ["知识产权部", "", " 前后有空格 ", "RL-IPM-R-37", "a\tb", "一\n二",
                                  "\u3000全角空格"])
def test_cell_text_writes_what_python_docx_writes(text):
    from lxml import etree

    from generators.docx_fast import cell_text

    document = Document()
    table = document.add_table(rows=1, cols=2)
    theirs, ours = table.rows[0].cells
    for cell in (theirs, ours):  # a cell with content to replace, and its width
        cell.width = 360000
        cell.paragraphs[0].add_run("旧")
        cell.add_paragraph("旧的第二段")
    theirs.text = text
    cell_text(ours, text)
    assert etree.tostring(ours._tc) == etree.tostring(theirs._tc)


def _two_paragraphs(setup):
    """The same paragraph twice in one document, set up by `setup` (their XML compared)."""
    document = Document()
    first, second = document.add_paragraph(), document.add_paragraph()
    for paragraph in (first, second):
        setup(paragraph)
    return first, second


@pytest.mark.parametrize("setup", [
    lambda p: None,
    lambda p: p.add_run("知识产权"),
    lambda p: setattr(p, "style", "Heading 1"),  # properties there already: python-docx's way
    lambda p: setattr(p.paragraph_format, "keep_with_next", True),
])
def test_keep_with_next_as_python_docx_sets_it(setup):
    from lxml import etree

    from generators.docx_fast import keep_with_next

    theirs, ours = _two_paragraphs(setup)
    theirs.paragraph_format.keep_with_next = True
    keep_with_next(ours)
    assert b"keepNext" in etree.tostring(ours._p)
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)


@pytest.mark.parametrize("setup", [lambda r: None, lambda r: setattr(r, "italic", True)])
def test_bold_as_python_docx_sets_it(setup):
    from lxml import etree

    from generators.docx_fast import bold

    theirs, ours = _two_paragraphs(lambda p: setup(p.add_run("编号")))
    theirs.runs[0].bold = True
    bold(ours.runs[0])
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)


def test_widths_cells_and_row_properties_as_python_docx_sets_them():
    from docx.shared import Cm
    from lxml import etree

    from generators.docx_fast import cell_width, row_cells, row_properties

    document = Document()
    theirs, ours = document.add_table(rows=2, cols=3), document.add_table(rows=2, cols=3)
    for table in (theirs, ours):
        table.rows[1].cells[1].merge(table.rows[1].cells[2])  # a span: python-docx's way
    for r, row in enumerate(theirs.rows):
        row._tr.get_or_add_trPr().append(etree.Element(qn("w:cantSplit")))
        for c, cell in enumerate(row.cells):
            cell.width = Cm(2.5 + r + c)
    for r, row in enumerate(ours.rows):
        row_properties(row._tr).append(etree.Element(qn("w:cantSplit")))
        cells = row_cells(row, ours)
        assert [c._tc for c in cells] == [c._tc for c in row.cells]
        assert [c._parent for c in cells] == [c._parent for c in row.cells]  # the table
        for c, cell in enumerate(cells):
            cell_width(cell, Cm(2.5 + r + c))
    assert etree.tostring(ours._tbl) == etree.tostring(theirs._tbl)
