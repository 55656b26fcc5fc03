"""Issue 17, round 33: Word layout left open by a consultant's review of the drafted packages.

1. Narrow ledger columns broke words: R-85 of the ODM company ('客户（品/牌商）', '中国注册号及注册人'
   over four lines), the English IP ledger R-42's headers ('regis-' / 'tration'), a filled-in
   'Bluetooth SIG' broken inside a word in R-78 ('Bluetooth SI' / 'G'). A Chinese header breaks
   only between its words, an English one at its spaces, and a value's word stays whole.
2. The Chinese R-42's number column is wide enough for a patent number ('ZL 2023 1 0000000.0',
   the sample the English template sizes its column with) on two lines.
3. R-78 of the ODM company, a register of three example rows, took three pages.
4. A procedure's closing lists (6 相关文件, 7 记录) jumped to a new page with the last step and
   left half a page blank (seed.zh P-10/P-12, ai-startup.zh P-07/P-25).
5. A company controlling its documents electronically (ai-startup: a small company working in
   飞书/Feishu) gets no 分发号 / Copy No. box for paper copies on its covers.

The intakes are the consultant's (tests/data/intakes); expected words come from the forms'
templates and the findings. Every document is laid out by one LibreOffice process per test
module (generators.page_check / toc_pages).
"""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import docx
import pytest

from generators.documents import build_form, build_procedure
from generators.intake import load_intake
from generators.package import BJ
from generators.page_check import available, page_fill
from generators.plan import plan_package
from generators.target import load_target
from generators.templates_io import TemplateSet
from generators.toc_pages import convert_to_pdf

pytestmark = pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed "
                                "(.ci/run installs them)")
INTAKES = Path(__file__).parent / "data" / "intakes"
LEDGERS = ("R42", "R78", "R85")
# what the consultant found broken, and the other words of the same headers (forms.yaml)
ZH_WORDS = {"R85": ("品牌商", "注册号", "注册人", "授权人", "核查人", "复核人", "目的地"),
            "R42": ("注册日", "年费", "续展", "尼斯分类", "完成人"),
            "R78": ("合同编号", "许可期限")}
VALUE_WORDS = ("Bluetooth", "SIG")  # R-78's licence of the Bluetooth SIG (odm intakes)
CLOSING = {"seed.zh": ("P10", "P12"), "ai-startup.zh": ("P07", "P25")}
LEAST_FILL = 0.75  # a page before the last is filled at least this far down
PATENT_NUMBER = ("ZL 2023 1", "0000000.0")  # R-42's sample (forms.yaml), on two lines
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>')


def _plan(name: str, language: str, corpus):
    templates = TemplateSet()
    intake = load_intake(INTAKES / f"{name}.yaml")
    return templates, intake, plan_package(
        intake, templates, load_target(intake.standard, corpus.get(BJ), templates.directory),
        language)


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory, corpus):
    """{(language, code): (docx path, [bbox words of each page])} of the ODM company's
    ledgers R-42, R-78 and R-85, zh and en."""
    out = tmp_path_factory.mktemp("round33-ledgers")
    sources = []
    for language in ("zh", "en"):
        templates, _, plan = _plan(f"odm.{language}", language, corpus)
        for code in LEDGERS:
            sources.append(out / f"{language}-{code}.docx")
            build_form(plan, templates, next(f for f in plan.forms if f.code == code),
                       sources[-1])
    done = convert_to_pdf(sources, out / "pdf", out)
    assert done.returncode == 0, done.stderr[-300:]
    laid_out = {}
    for source in sources:
        language, code = source.stem.split("-")
        pdf = out / "pdf" / f"{source.stem}.pdf"
        boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout
        pages = [[html.unescape(word) for _, word in _WORD.findall(page)]  # product&apos;s
                 for page in boxes.split("<page ")[1:]]
        laid_out[(language, code)] = (source, pages)
    return laid_out


def _header_labels(path: Path) -> list[str]:
    """The ledger's column headers as a reader reads them (line breaks taken out)."""
    table = docx.Document(str(path)).tables[-2]  # the ledger, before the sign-off block
    return [re.sub(r"\s*\n\s*", " ", c.text).strip() for c in table.rows[0].cells]


@pytest.mark.parametrize("code", LEDGERS)
def test_a_chinese_ledger_header_breaks_between_words(ledgers, code: str):
    _, pages = ledgers[("zh", code)]
    words = pages[0]
    for word in ZH_WORDS[code]:
        assert any(word in laid for laid in words), (word, words[:80])


@pytest.mark.parametrize("code", LEDGERS)
def test_an_english_ledger_header_breaks_only_at_spaces(ledgers, code: str):
    path, pages = ledgers[("en", code)]
    words = [w.strip("(),;") for w in pages[0]]
    laid = set(words)
    wanted = {word.strip("(),;") for label in _header_labels(path) for word in label.split()}
    for word in wanted - {""}:
        assert word in laid, word
    # nor is one broken between syllables where it appears a second time ('regis-' / 'tration')
    broken = [(a, b) for a, b in zip(words, words[1:])
              if a.endswith("-") and (a[:-1] + b) in wanted]
    assert not broken, broken


def _whole_words(path: Path, word: str) -> int:
    """How often `word` stands as a word of its own in the ledger's cells (the .docx)."""
    table = docx.Document(str(path)).tables[-2]
    return sum(len(re.findall(rf"(?<![A-Za-z]){word}(?![A-Za-z])", cell.text))
               for row in table.rows[1:] for cell in row.cells)


@pytest.mark.parametrize("language", ("zh", "en"))
def test_a_filled_in_word_is_not_broken_inside(ledgers, language: str):
    path, pages = ledgers[(language, "R78")]
    for word in VALUE_WORDS:  # every time it is written, laid out whole ('Bluetooth SI' / 'G')
        laid = sum(len(re.findall(rf"(?<![A-Za-z]){word}(?![A-Za-z])", w))
                   for page in pages for w in page)
        assert laid >= _whole_words(path, word) > 0, (word, laid)


def test_the_chinese_ip_ledger_holds_a_patent_number_on_two_lines(ledgers):
    path, pages = ledgers[("zh", "R42")]
    table = docx.Document(str(path)).tables[-2]
    heads = [c.text.replace("\n", "") for c in table.rows[0].cells]
    column = next(i for i, h in enumerate(heads) if h.startswith("申请号"))
    width_cm = table.rows[0].cells[column].width / 360000
    # Times New Roman: a digit 0.5 em, a full stop 0.25 em, a space 0.25 em; 10.5 pt text and
    # Word's cell margins (0.19 cm a side)
    em_cm = 10.5 / 72 * 2.54
    widest = max(sum(0.25 if ch in ". " else 0.722 if ch == "Z" else 0.611 if ch == "L"
                     else 0.5 for ch in part) for part in PATENT_NUMBER)
    assert width_cm >= widest * em_cm + 0.38, width_cm


def test_a_register_of_three_rows_does_not_take_three_pages(ledgers):
    _, pages = ledgers[("zh", "R78")]
    assert len(pages) <= 2, len(pages)


@pytest.fixture(scope="module")
def procedures(tmp_path_factory, corpus):
    """[PageFill] of the procedures the consultant found ending on a half-empty page."""
    out = tmp_path_factory.mktemp("round33-procedures")
    sources, companies = [], []
    for name, codes in CLOSING.items():
        templates, intake, plan = _plan(name, "zh", corpus)
        companies.append(intake.company.name)
        for code in codes:
            sources.append(out / f"{name}-{code}.docx")
            build_procedure(plan, templates, next(p for p in plan.procedures if p.code == code),
                            sources[-1])
    return page_fill(sources, tuple(companies))


def test_no_half_empty_page_before_a_procedures_closing_lists(procedures):
    documents = sorted({p.document for p in procedures})
    assert len(documents) == sum(len(c) for c in CLOSING.values())
    for document in documents:
        pages = [p for p in procedures if p.document == document]
        low = [(p.page, round(p.fill, 2)) for p in pages[:-1] if p.fill < LEAST_FILL]
        assert not low, (document, low)


def _cover(name: str, language: str, corpus, tmp_path: Path) -> tuple[list[str], list[str]]:
    """The header and first row of procedure P-01's control block."""
    templates, _, plan = _plan(name, language, corpus)
    path = tmp_path / f"{name}-P01.docx"
    build_procedure(plan, templates, next(p for p in plan.procedures if p.code == "P01"), path)
    table = docx.Document(str(path)).tables[0]
    return [c.text for c in table.rows[0].cells], [c.text for c in table.rows[1].cells]


@pytest.mark.parametrize("language, system, copy_no", [("zh", "飞书", "分发号"),
                                                      ("en", "Feishu", "Copy No.")])
def test_electronic_control_has_no_copy_number_box(corpus, tmp_path, language, system,
                                                   copy_no):
    heads, row = _cover(f"ai-startup.{language}", language, corpus, tmp_path)
    assert copy_no not in heads
    assert any(system in cell for cell in row), row  # the status names the system
    heads, _ = _cover(f"odm.{language}", language, corpus, tmp_path)  # paper copies
    assert copy_no in heads
