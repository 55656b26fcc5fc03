"""The faster paths of drafting write what python-docx writes: documents made from a prototype
package read once (generators.docx_prototype) are saved as python-docx saves the same document
opened afresh and do not share changes; generators.docx_fast's cell text is python-docx's."""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE

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
