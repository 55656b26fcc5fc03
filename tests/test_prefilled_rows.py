"""Issue 17, part R (a consultant's tryout at an engineering design institute): the registers a
package pre-fills are as tall as their rows' text, and the document numbers in them stay whole.

The institute's R-01 受控文件清单 ran to 12 landscape pages: every pre-filled row, one line of
text, was set 1.5 cm high (two lines), so 9 rows fitted on a page; and its first row wrapped the
manual's number as 'HZY / -IPM-M-01'. The intake is the consultant's
(tests/data/intakes/design-institute.zh.yaml: numbering prefix HZY, its IP department
技术质量部, five characters).

The lines a row needs are measured here from the Word file alone: each cell's text across its
column (the column's width less the cell margins of Word's Table Grid, 108 twips a side), CJK
characters 1 em of 10.5 pt, Latin characters at Times New Roman's published widths (the body
font; LibreOffice sets Liberation Serif, of the same widths), lines broken between words and
between CJK characters.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import docx
import pytest

from generators.documents import build_form
from generators.intake import load_intake
from generators.package import BJ
from generators.page_check import available
from generators.plan import plan_package
from generators.target import load_target
from generators.templates_io import TemplateSet
from generators.toc_pages import convert_to_pdf, pdf_pages

INTAKES = Path(__file__).parent / "data" / "intakes"
EXAMPLES = Path(__file__).parents[1] / "generators" / "templates" / "examples"
CASES = {  # (intake, language)
    "design": (INTAKES / "design-institute.zh.yaml", "zh"),
    "manufacturer": (EXAMPLES / "manufacturer.zh.yaml", "zh"),
    "manufacturer-en": (EXAMPLES / "manufacturer.en.yaml", "en"),
    "saas-en": (EXAMPLES / "saas.en.yaml", "en"),
}
# registers pre-filled from the package and the intake: documents, records, objectives, trade
# secrets, the IP ledger (the audit checklist, R-57, leaves room to write in its rows on purpose)
REGISTERS = ("R01", "R05", "R08", "R13", "R42")

EM_CM = 10.5 / 72 * 2.54  # one em of 10.5 pt
MARGINS_CM = 2 * 108 / 1440 * 2.54  # Table Grid's left and right cell margins
# LibreOffice's line of 10.5 pt text at the body's 1.25 spacing (measured on the examples' PDFs:
# 宋体 0.67 cm, Times New Roman 0.53 cm), and what a row adds to its lines: the 4 pt after the
# paragraph and the borders, with a little to spare
LINE_CM = {"zh": 0.67, "en": 0.53}
ROW_EXTRA_CM = 0.25
HAND_ROW_CM = 0.8  # a blank row to write in by hand: at least this high
TIMES = {  # Times New Roman advance widths, thousandths of an em (Adobe's AFM)
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
               (722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556,
                722, 667, 556, 611, 722, 722, 944, 722, 722, 611))),
    **dict(zip("abcdefghijklmnopqrstuvwxyz",
               (444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500,
                500, 333, 389, 278, 500, 500, 722, 500, 500, 444))),
    **{d: 500 for d in "0123456789"}, "-": 333, ".": 250, "/": 278, " ": 250, ",": 250,
    "(": 333, ")": 333, ":": 278, "'": 333, "&": 778, "%": 833, "\u00a0": 250, "\u2060": 0,
}
PIECE = re.compile(r"[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\S\s*")  # a word, or a CJK character
# a word of letters joined by a hyphen breaks after it, as LibreOffice breaks Latin text
# ('zhiheng-' / 'materials.cn', 'standard-' / 'essential'); a number keeps its hyphens
AT_HYPHEN = re.compile(r"(?<=[A-Za-z]-)(?=[A-Za-z])")


def _pieces(text: str) -> list[str]:
    """What a line may break between: PIECE's words, cut again after a hyphen between letters."""
    return [part for piece in PIECE.findall(text) for part in AT_HYPHEN.split(piece)]

DOCUMENT_NUMBER = re.compile(r"^[A-Z]+(?:-\u2060?[A-Z]+)*-\u2060?[A-Z]-\u2060?\d+$")


def _em(text: str) -> float:
    return sum(TIMES[ch] / 1000 if ch in TIMES else 1.0 for ch in text)


def _lines(text: str, width_cm: float) -> int:
    """The lines `text` takes in a cell `width_cm` wide."""
    room = (width_cm - MARGINS_CM) / EM_CM
    count = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for piece in _pieces(paragraph.strip()):
            if used and used + _em(piece.rstrip()) > room:
                lines, used = lines + 1, 0.0
            used += _em(piece)
        count += lines
    return count


@pytest.fixture(scope="module")
def registers(tmp_path_factory, corpus):
    """{(case, code): path of the drafted register}."""
    out = tmp_path_factory.mktemp("prefilled")
    templates = TemplateSet()
    paths = {}
    for case, (path, lang) in CASES.items():
        intake = load_intake(path)
        plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                           templates.directory), lang)
        for form in plan.forms:
            if form.code in REGISTERS:
                paths[case, form.code] = out / f"{case}-{form.code}.docx"
                build_form(plan, templates, form, paths[case, form.code])
    return paths


def _register(path: Path):
    """The register's table (the largest of the form) and its column widths (cm)."""
    table = max(docx.Document(path).tables, key=lambda t: len(t.rows))
    return table, [c.width / 360000 for c in table.columns]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("code", REGISTERS)
def test_a_prefilled_row_is_no_higher_than_its_text(registers, case: str, code: str):
    if (case, code) not in registers:
        pytest.skip(f"{case} has no {code}")
    lang = CASES[case][1]
    table, widths = _register(registers[case, code])
    too_high = []
    for row in table.rows[1:]:
        texts = [c.text for c in row.cells]
        if not any(t.strip() for t in texts):
            continue
        needed = max(_lines(t, wd) for t, wd in zip(texts, widths) if t.strip())
        height = (row.height or 0) / 360000
        if height > needed * LINE_CM[lang] + ROW_EXTRA_CM:
            too_high.append((texts[1][:20], needed, round(height, 2)))
    assert not too_high, too_high[:5]


@pytest.mark.parametrize("case", CASES)
def test_blank_rows_stay_high_enough_to_write_in(registers, case: str):
    table, _ = _register(registers[case, "R01"])
    blank = [(r.height or 0) / 360000 for r in table.rows[1:]
             if not any(c.text.strip() for c in r.cells)]
    assert blank and min(blank) >= HAND_ROW_CM


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("code", ("R01", "R05"))
def test_document_numbers_fit_their_column(registers, case: str, code: str):
    """The number column is as wide as the package's longest number ('HZY-IPM-M-01': 6.7 em of
    Times New Roman, its capitals wide), so no number wraps."""
    table, widths = _register(registers[case, code])
    numbers = [(row.cells[1].text, widths[1]) for row in table.rows[1:]
               if DOCUMENT_NUMBER.match(row.cells[1].text)]
    assert len(numbers) > 20
    wrapped = [n for n, wd in numbers if _em(n) * EM_CM + MARGINS_CM > wd]
    assert not wrapped, wrapped[:3]


# R-01 laid out by LibreOffice: how many pages its rows take. N is worked out from the rows as
# a page holds them: the text area of the landscape page (its height less the top and bottom
# margins, from the file), less the header row repeated on each page; on the first page also
# less what stands above the table (the title 1.4 cm, the header table two rows of 0.8 cm, the
# two lines of text under it 0.8 cm each, the gap); each row as high as its lines need (one line
# 0.67 cm + 0.18 cm); the sign-off block (a header row and three rows of 0.8 cm, 3.4 cm in all)
# after the last row, on a page of its own only when it does not fit under it.
ABOVE_TABLE_CM = 1.4 + 2 * 0.8 + 2 * 0.8 + 0.2
SIGN_OFF_CM = 4 * 0.8 + 0.2
HEADER_ROW_CM = 0.85


def _expected_pages(path: Path, lang: str) -> int:
    section = docx.Document(path).sections[-1]
    page_cm = (section.page_height - section.top_margin - section.bottom_margin) / 360000
    table, widths = _register(path)
    pages, at = 1, ABOVE_TABLE_CM + HEADER_ROW_CM
    for row in table.rows[1:]:
        texts = [c.text for c in row.cells]
        lines = max([_lines(t, wd) for t, wd in zip(texts, widths) if t.strip()] or [1])
        height = max(lines * LINE_CM[lang] + 0.18, HAND_ROW_CM)
        if at + height > page_cm:
            pages, at = pages + 1, HEADER_ROW_CM
        at += height
    return pages + (at + SIGN_OFF_CM > page_cm)


@pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed "
                    "(.ci/run installs them)")
@pytest.mark.parametrize("case", ("manufacturer", "design"))
def test_the_document_list_takes_the_pages_its_rows_need(registers, tmp_path, case: str):
    source = registers[case, "R01"]
    done = convert_to_pdf([source], tmp_path / "pdf", tmp_path)
    assert done.returncode == 0, done.stderr[-300:]
    pages = pdf_pages(tmp_path / "pdf" / f"{source.stem}.pdf")
    expected = _expected_pages(source, CASES[case][1])
    assert len(pages) <= expected, (len(pages), expected)
    text = "\n".join(pages)
    # every document number printed whole ('HZY-IPM-M-01', never 'HZY' and '-IPM-M-01')
    table, _ = _register(source)
    numbers = [r.cells[1].text.replace("\u2060", "") for r in table.rows[1:]
               if DOCUMENT_NUMBER.match(r.cells[1].text)]
    assert all(n in text for n in numbers), [n for n in numbers if n not in text][:3]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("code", REGISTERS)
def test_no_prefilled_word_is_wider_than_its_column(registers, case: str, code: str):
    """A word of a pre-filled row fits across its column: one wider is broken inside by
    LibreOffice ('zhiheng-materi / als.cn', 'applicati / ons'), the row runs lines longer than
    its words say, and its height cannot be told from the words. R-42 (the IP ledger) has 15
    columns where a company takes licences in and holds trademarks: the headers' words cannot
    all fit side by side, the rows' words must."""
    if (case, code) not in registers:
        pytest.skip(f"{case} has no {code}")
    table, widths = _register(registers[case, code])
    broken = []
    for row in table.rows[1:]:
        for cell, width in zip(row.cells, widths):
            for piece in _pieces(cell.text):
                if _em(piece.strip()) > (width - MARGINS_CM) / EM_CM:
                    broken.append((piece.strip(), round(width, 2)))
    assert not broken, broken[:5]


def test_a_word_that_just_fits_its_line_is_not_taken_for_a_broken_word():
    """The space after a word hangs past the line's end: 'Software' in a line just as wide is one
    line, not a word broken inside (saas-en's R-42: its licensor 'Example Search Software Co.,
    Ltd.' was estimated at 5 lines, set 2.83 cm high, for 4 lines of text)."""
    from generators.form_layout import _lines as estimated

    width = _em("Software") * EM_CM + MARGINS_CM + 0.01
    text = "Search Software Co., Ltd."  # Search / Software / Co., Ltd.
    assert _lines(text, width) == 3
    assert estimated(text, width - MARGINS_CM) == 3
