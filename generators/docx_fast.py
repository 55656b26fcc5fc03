"""python-docx setters a package calls thousands of times, written directly: the same XML.

python-docx's `cell.text = …` removes the cell's content by an XPath query, adds a paragraph and
a run, clears the new run by a second XPath query and appends the text a character at a time;
each query is compiled afresh, so a cell took about 0.1 ms (a package writes some 10 000 cells:
about a tenth of its drafting time). `cell_text` writes what it writes (one paragraph holding
one run; `xml:space="preserve"` when the text starts or ends with white space) without them.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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
