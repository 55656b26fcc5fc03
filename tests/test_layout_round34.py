"""Issue 17, round 34: Word layout left open by a consultant's tryout on a German-owned
automotive-parts WFOE (its intakes: tests/data/intakes/wfoe.*.yaml) and the ODM company.

1. No form's first page is mostly empty and no page holds only the sign-off: the table keeps its
   rows on the first page and ends with rows above the sign-off (R-78 of the WFOE: 'page 1
   holds only the header block … page 5 holds only the sign-off'; the franchise's English
   self-check R-68, a checklist, ended page 2 with its last item and put the sign-off alone
   on page 3: a checklist gets blank rows for further items there).
2. The training sign-in sheet R-24 ran to nine landscape pages of blank rows: it is one
   session's sheet and fills one page (more attendees sign a second copy).
3. The English IP ledger R-42 was a page longer than the Chinese (its pre-filled 'Pending
   patent applications' on three lines in a column fitted to its header); R-85's English
   headers were set bottom to top above empty rows, and the table left the first page empty.

Each form is built from the plan and every document is laid out by one LibreOffice process
(generators.page_check / toc_pages).
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from generators.documents import build_form
from generators.intake import load_intake
from generators.package import BJ
from generators.page_check import available, page_fill
from generators.plan import plan_package
from generators.target import load_target
from generators.templates_io import TemplateSet
from generators.toc_pages import convert_to_pdf, pdf_pages

pytestmark = pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed "
                                "(.ci/run installs them)")
DATA = Path(__file__).parent / "data"
WFOE = DATA / "intakes" / "wfoe"
ODM = DATA / "intakes" / "odm"
FRANCHISE = DATA / "intakes" / "franchise"
BUILT = {(WFOE, "zh"): ("R24", "R78"), (WFOE, "en"): ("R24", "R78"),
         (ODM, "zh"): ("R42",), (ODM, "en"): ("R24", "R42", "R85"),
         (FRANCHISE, "en"): ("R68",)}
# registers that run on, and a checklist that did with its sign-off alone on page 3
SIGNED = [(WFOE, "zh", "R78"), (WFOE, "en", "R78"), (FRANCHISE, "en", "R68")]
MOSTLY_EMPTY = 0.5  # a first page whose body ends above half its height, the table on page 2
PAGE_OF_ROWS = 10  # a landscape page under the sheet's header holds 11 rows of 0.8 cm


def _name(intake: Path, language: str, code: str) -> str:
    return f"{intake.name}-{language}-{code}"


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory, corpus):
    """{name: (docx path, pdf path, [PageFill])} of the forms of BUILT."""
    out = tmp_path_factory.mktemp("round34")
    templates = TemplateSet()
    sources, companies = [], []
    for (intake_path, language), codes in BUILT.items():
        intake = load_intake(intake_path.with_name(f"{intake_path.name}.{language}.yaml"))
        companies.append(intake.company.name)
        plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                           templates.directory), language)
        for code in codes:
            sources.append(out / f"{_name(intake_path, language, code)}.docx")
            build_form(plan, templates, next(f for f in plan.forms if f.code == code),
                       sources[-1])
    fills = page_fill(sources, tuple(companies))
    done = convert_to_pdf(sources, out / "pdf", out)
    assert done.returncode == 0, done.stderr[-300:]
    return {s.stem: (s, out / "pdf" / f"{s.stem}.pdf",
                     [p for p in fills if p.document == s.name]) for s in sources}


@pytest.mark.parametrize("name", [_name(i, lang, c) for (i, lang), codes in BUILT.items()
                                  for c in codes])
def test_no_form_starts_with_a_mostly_empty_first_page(laid_out, name: str):
    _, _, pages = laid_out[name]
    if len(pages) > 1:
        assert pages[0].fill >= MOSTLY_EMPTY, (name, round(pages[0].fill, 2))


@pytest.mark.parametrize("intake, language, code", SIGNED)
def test_the_sign_off_is_kept_with_the_tables_last_rows(laid_out, intake, language, code):
    path, pdf, pages = laid_out[_name(intake, language, code)]
    tables = docx.Document(str(path)).tables
    role = next(c.text for c in tables[-1].rows[0].cells if c.text)
    first = tables[-2].rows[0].cells[0].text  # the table's repeated header row: 序号 / No.
    last = pdf_pages(pdf)[-1]
    assert len(pages) > 1 and role in last  # it runs on
    # the last page starts with the repeated header row and rows, not the sign-off
    assert first in last[:last.index(role)], last[:200]


@pytest.mark.parametrize("name", [_name(WFOE, "zh", "R24"), _name(WFOE, "en", "R24"),
                                  _name(ODM, "en", "R24")])
def test_a_training_sign_in_sheet_is_one_page_of_rows(laid_out, name: str):
    path, _, pages = laid_out[name]
    assert len(pages) == 1, len(pages)  # 900 and 1,200 employees: nine pages before
    sheet = docx.Document(str(path))
    ledger = next(t for t in sheet.tables if t.rows[0].cells[0].text in ("序号", "No."))
    assert len(ledger.rows) - 1 >= PAGE_OF_ROWS  # the page is filled with rows to sign


def test_a_small_companys_sign_in_sheet_has_a_row_for_each_employee(corpus, tmp_path):
    """'or what the company's size needs': a company of fewer staff than a page holds gets a
    row for each of them, not a page of rows nobody signs."""
    templates = TemplateSet()
    intake = load_intake(WFOE.with_name(f"{WFOE.name}.zh.yaml"))
    intake.company.staff = 6
    plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                       templates.directory), "zh")
    path = tmp_path / "R24.docx"
    build_form(plan, templates, next(f for f in plan.forms if f.code == "R24"), path)
    ledger = next(t for t in docx.Document(str(path)).tables
                  if t.rows[0].cells[0].text == "序号")
    assert len(ledger.rows) - 1 == 6


@pytest.mark.xfail(strict=True, reason="left open: lo34 shortened the ODM's English R-42 from 10 to "
                   "8 pages by narrowing its number column below a patent number ('ZL 2023 1' "
                   "broken, test_page_flow); with the number kept whole it is 10 pages again "
                   "(zh 9) — another way to shorten it is still to be found")
def test_the_english_ip_ledger_is_no_longer_than_the_chinese(laid_out):
    english = laid_out[_name(ODM, "en", "R42")][2]
    chinese = laid_out[_name(ODM, "zh", "R42")][2]
    assert len(english) <= len(chinese), (len(english), len(chinese))


def test_english_ledger_headers_are_not_set_vertically_above_empty_rows(laid_out):
    path, pdf, pages = laid_out[_name(ODM, "en", "R85")]
    table = docx.Document(str(path)).tables[-1]
    turned = [c.text for c in table.rows[0].cells
              if c._tc.tcPr is not None and c._tc.tcPr.find(qn("w:textDirection")) is not None]
    assert turned == []
    assert len(pages) == 1 and len(table.rows) - 1 >= 3  # the register starts on its page
    # each header word laid out whole, or broken after a hyphen between syllables
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    laid = re.findall(r'<word [^>]*>(.*?)</word>', boxes)
    joined = " ".join(laid).replace("- ", "")
    for cell in table.rows[0].cells:
        for word in cell.text.split():
            assert word.strip("(),") in joined, word
    assert max(len(w) for w in laid if w.isalpha()) > 3  # not one letter a line
