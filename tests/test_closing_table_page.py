"""Issue 17, part G (item 19 of a consultant's tryout): a document whose last table ends just
above the foot of a page has no page of its own for the paragraph after it.

A document cannot end in a table (Word and LibreOffice add a paragraph), so the paragraph after
the last table is made a hairline; at 1 pt it did not fit under a table ending less than a point
above the foot of the page, and the trading company's P-18 got a fourth page holding only the
running header and the footer. The tables here are sized to end that close to the foot.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from docx.shared import Emu, Twips

from generators import docx_writer as w
from generators.page_check import available, blank_pages

pytestmark = pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed")
COMPANY = "Harbourline Trading (Shanghai) Co., Ltd."
ROWS = 20
ABOVE_FOOT_TWIPS = (12, 16, 20, 24)  # where the table ends: under a point (20 twips) up


def test_a_table_ending_at_the_foot_of_the_page_leaves_no_blank_page(tmp_path: Path):
    for above in ABOVE_FOOT_TWIPS:
        document = w.new_document(language="en")
        w.header_and_footer(document, f"{COMPANY}  HLT-IPM-P-18", "Page {page} of {pages}")
        section = document.sections[0]
        text = Emu(section.page_height - section.top_margin - section.bottom_margin).twips
        row = (text - above) // ROWS
        heights = [Twips(row).cm] * (ROWS - 1) + [Twips(text - above - row * (ROWS - 1)).cm]
        w.table(document, None, [[f"HLT-IPM-R-{i:02d}", "IP ledger"] for i in range(ROWS)],
                widths_cm=[8, 8], heights_cm=heights)  # and the paragraph after it
        w.save(document, tmp_path / f"above-{above}.docx")
    found = blank_pages(tmp_path, COMPANY)
    assert found.documents == len(ABOVE_FOOT_TWIPS)
    assert found.blank == []
