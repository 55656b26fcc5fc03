"""python-docx setters a package calls thousands of times, written directly: the same XML.

python-docx's `cell.text = …` removes the cell's content by an XPath query, adds a paragraph and
a run, clears the new run by a second XPath query and appends the text a character at a time;
each query is compiled afresh, so a cell took about 0.1 ms (a package writes some 10 000 cells:
about a tenth of its drafting time). Adding a property element (keep with next, bold, a row's
flags) looks for each element that must follow it, one query per name. The functions here write
what python-docx writes in the cases a new table has (a cell holding one empty paragraph, a
paragraph or run without properties, cells without spans) and leave every other case to
python-docx; tests/test_docx_fast_paths.py compares each with python-docx's own.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.table import _Cell
from lxml import etree

TCPR, XML_SPACE = qn("w:tcPr"), qn("xml:space")


def cell_text(cell, text: str) -> None:
    """Set `cell`'s whole content to `text`, as python-docx's `_Cell.text` setter does: every
    element but the cell's properties (w:tcPr) removed, then `<w:p><w:r><w:t>text</w:t></w:r>
    </w:p>`. A text with a tab or a line break (w:tab, w:br) is left to python-docx."""
    if "\t" in text or "\n" in text or "\r" in text:
        cell.text = text
        return
    tc = cell._tc
    for child in list(tc.iterchildren(etree.Element)):  # elements, as python-docx's './*'
        if child.tag != TCPR:
            tc.remove(child)
    p, r = OxmlElement("w:p"), OxmlElement("w:r")
    p.append(r)
    tc.append(p)
    if text:
        t = OxmlElement("w:t")
        t.text = text
        if len(text.strip()) < len(text):
            t.set(XML_SPACE, "preserve")
        r.append(t)


PPR, RPR, TCW, TRPR, TBLPREX = qn("w:pPr"), qn("w:rPr"), qn("w:tcW"), qn("w:trPr"), qn("w:tblPrEx")
GRID_SPAN, V_MERGE, W_TYPE, W_W = qn("w:gridSpan"), qn("w:vMerge"), qn("w:type"), qn("w:w")


def keep_with_next(paragraph) -> None:
    """`paragraph.paragraph_format.keep_with_next = True`: a paragraph without properties gets
    `<w:pPr><w:keepNext/></w:pPr>` first, as python-docx inserts it; others are left to it."""
    p = paragraph._p
    if p.find(PPR) is not None:
        paragraph.paragraph_format.keep_with_next = True
        return
    ppr = OxmlElement("w:pPr")
    ppr.append(OxmlElement("w:keepNext"))
    p.insert(0, ppr)


def bold(run) -> None:
    """`run.bold = True`: a run without properties gets `<w:rPr><w:b/></w:rPr>` first, as
    python-docx inserts it; others are left to it."""
    r = run._r
    if r.find(RPR) is not None:
        run.bold = True
        return
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    r.insert(0, rpr)


def cell_width(cell, width) -> None:
    """`cell.width = width` (a python-docx Length): the cell's `w:tcW` (which python-docx gives
    every new cell) set to `width` in twentieths of a point; a cell without one is left to
    python-docx."""
    tcpr = cell._tc.find(TCPR)
    tcw = tcpr.find(TCW) if tcpr is not None else None
    if tcw is None:
        cell.width = width
        return
    tcw.set(W_TYPE, "dxa")
    tcw.set(W_W, str(Emu(width).twips))


def row_cells(row, table) -> tuple:
    """`row.cells` of a row of `table` without merged cells (python-docx works out spans and
    vertical merges for every row; a row with either is left to it): a cell per w:tc."""
    tcs = row._tr.tc_lst
    for tc in tcs:
        tcpr = tc.find(TCPR)
        if tcpr is not None and (tcpr.find(GRID_SPAN) is not None
                                 or tcpr.find(V_MERGE) is not None):
            return row.cells
    return tuple(_Cell(tc, table) for tc in tcs)


def row_properties(tr):
    """`tr.get_or_add_trPr()`: a new `w:trPr` goes first in the row (after w:tblPrEx, which
    python-docx handles)."""
    trpr = tr.find(TRPR)
    if trpr is not None or tr.find(TBLPREX) is not None:
        return tr.get_or_add_trPr()
    trpr = OxmlElement("w:trPr")
    tr.insert(0, trpr)
    return trpr
