"""Issue 17, part G (item 21 of a consultant's tryout): the English running header never wraps
a part of itself onto a line of its own.

At 9 pt the trading company's manual header ran past the line and put '—2023' alone on a second
line of every page; P-14's long title wrapped inside itself. A header a little too long is set
smaller (down to 8 pt) on one line; a longer one on two deliberate lines, company and number
above, title, version and standard below — and the package reader still finds the number.
The headers are the trading company's (the consultant's intake), as issued.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generators import docx_writer as w
from generators.package_reader import read_document
from generators.page_check import available
from generators.toc_pages import convert_to_pdf, pdf_pages

COMPANY = "Harbourline Trading (Shanghai) Co., Ltd."
STANDARD = "GB/T 29490—2023"
HEADERS = {
    "manual": f"{COMPANY}  HLT-IPM-M-01  Intellectual Property Management Manual  Version A/0  "
              f"{STANDARD}",
    "p14": f"{COMPANY}  HLT-IPM-P-14  IP acquisition procedure for own R&D, joint development "
           f"and transfer  Version A/0  {STANDARD}",
}


def _write(folder: Path) -> list[Path]:
    paths = []
    for name, header in HEADERS.items():
        document = w.new_document(language="en")
        w.header_and_footer(document, header, "Page {page} of {pages}")
        document.add_paragraph("Body text.")
        paths.append(folder / "01-manual" / f"{name}.docx")
        w.save(document, paths[-1])
    return paths


@pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed")
def test_no_part_of_the_header_wraps_onto_a_line_of_its_own(tmp_path: Path):
    paths = _write(tmp_path)
    done = convert_to_pdf(paths, tmp_path / "pdf", tmp_path)
    assert done.returncode == 0, done.stderr[-300:]
    laid_out = {}
    for path in paths:
        page = pdf_pages(tmp_path / "pdf" / f"{path.stem}.pdf")[0]
        laid_out[path.stem] = [" ".join(line.split()) for line in page.splitlines()
                               if line.strip() and "Body text" not in line
                               and not line.strip().startswith("Page ")]
    squashed = " ".join(HEADERS["manual"].split())
    assert laid_out["manual"] == [squashed]
    number = HEADERS["p14"].split("  ")[1]
    first, second = laid_out["p14"]
    assert first.endswith(f"{COMPANY} {number}") and second.endswith(STANDARD)
    assert second.startswith("IP acquisition procedure")
    for path, header in zip(paths, HEADERS.values()):  # as the package lint reads it
        read = read_document(path, tmp_path)
        assert read.number == header.split("  ")[1]
        assert read.header.split("  ")[0] == COMPANY
        assert read.header.split("  ")[-1] == STANDARD
