"""Issue 17, part H6: faults a consultant found in the drafted packages once LibreOffice had laid
them out.

- No text is lost: a table whose header row would stand alone at a page's foot takes its first
  row with it (LibreOffice laid the rows after such a header out on no page at all: RL-IPM-P-28's
  术语 table in the life-sciences package).
- An agreement the employee signs (R14 NDA, R20 departure undertaking, R21 non-compete) is no
  record form: no "本记录证明符合…" line, and its signatures are on the page of its last clause.
- A procedure's last page never holds only its closing lists (6 相关文件, 7 记录): the last
  step's end goes with them.
- Labels and numbers do not wrap inside: a sheet's label column fits its longest label
  (R10 '技术及产品品牌体系建设情况'), a column the template sizes fits its header's word ('Verdict'),
  and a document number in running text never breaks at its hyphens ('RL-IPM-R-3 / 7').
- The English audit checklist says what each clause requires in whole sentences (no "…").
- Registers are sized from the intake (a row for each of the 70 R&D staff on the repository
  access list R71 — the training sign-in sheet R24 is one session's page since round 34:
  tests/test_layout_round34.py —, one for each right the life-sciences
  company holds in the IP ledger R42, which has a trademark-class column) and the open-source
  register R70 lists the components the intake names.
- A form signed in its own fields (R39's 记录人/审核人, R24's column where each attendee signs)
  gets no second 填写人/审核人/批准人 block.

Expected texts come from forms.yaml and from what the .docx holds; each company is planned once
and every document measured is laid out by one LibreOffice process.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docx
import pytest
import yaml

from generators.documents import build_form, build_procedure
from generators.intake import load_intake
from generators.package import BJ
from generators.page_check import available
from generators.plan import plan_package
from generators.target import load_target
from generators.templates_io import TEMPLATES_DIR, TemplateSet
from generators.toc_pages import convert_to_pdf, pdf_pages
from helpers import visible

pytestmark = pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed "
                                "(.ci/run installs them)")
FORMS = {f["code"]: f for f in yaml.safe_load((TEMPLATES_DIR / "forms.yaml").read_text("utf-8"))}
AGREEMENTS = ("R14", "R20", "R21")
SIGNED_IN_FIELDS = ("R24", "R39")
CLOSING = ("P13", "P28")  # procedures whose last page held only the 6 / 7 lists
SIZED = ("R24", "R42", "R70", "R71")  # registers sized and pre-filled from the intake
DRAFTED = {("life-sciences", "zh"): CLOSING + AGREEMENTS + ("R42",),
           ("life-sciences", "en"): ("P04", "P08"),
           ("saas", "zh"): AGREEMENTS + SIGNED_IN_FIELDS + ("R10", "R70", "R71"),
           ("saas", "en"): AGREEMENTS + SIGNED_IN_FIELDS + ("R57",)}
CONFORMITY = ("本记录证明符合", "This record evidences")
DEFAULT_ROLES = {"zh": ["填写人", "审核人", "批准人"],
                 "en": ["Filled in by", "Reviewed by", "Approved by"]}


def _squash(text: str) -> str:
    """`text` without spaces and without the word joiners a reader does not see."""
    return re.sub(r"[\s\u00a0\u3000]+", "", visible(text))


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory, corpus):
    """{'<example>-<lang>-<code>': (python-docx Document, [text of each PDF page])}."""
    out = tmp_path_factory.mktemp("drafted-pages")
    templates = TemplateSet()
    sources = []
    for (example, language), codes in DRAFTED.items():
        intake = load_intake(TEMPLATES_DIR / "examples" / f"{example}.{language}.yaml")
        plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                           templates.directory), language)
        for code in codes:
            sources.append(out / f"{example}-{language}-{code}.docx")
            if code.startswith("P"):
                build_procedure(plan, templates,
                                next(p for p in plan.procedures if p.code == code), sources[-1])
            else:
                build_form(plan, templates, next(f for f in plan.forms if f.code == code),
                           sources[-1])
    done = convert_to_pdf(sources, out / "pdf", out)
    assert done.returncode == 0, done.stderr[-300:]
    return {s.stem: (docx.Document(str(s)), pdf_pages(out / "pdf" / f"{s.stem}.pdf"))
            for s in sources}


def _cells(document) -> list[str]:
    texts = []
    for table in document.tables:
        for row in table.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:  # a merged cell once
                    seen.add(id(cell._tc))
                    texts.append(cell.text)
    return texts


@pytest.mark.parametrize("name", [f"{e}-{lang}-{c}" for (e, lang), codes in DRAFTED.items()
                                  for c in codes])
def test_no_table_text_is_lost_in_the_layout(laid_out, name: str):
    document, pages = laid_out[name]
    lost = Counter(_squash("".join(_cells(document)))) - Counter(_squash("".join(pages)))
    assert sum(lost.values()) == 0, "".join(lost.elements())[:80]


def test_the_terms_table_of_the_clinical_procedure_is_on_a_page(laid_out):
    document, pages = laid_out["life-sciences-zh-P28"]
    terms = next(t for t in document.tables if t.rows[0].cells[0].text == "术语")
    text = _squash("".join(pages))
    for row in terms.rows[1:]:
        assert _squash(row.cells[1].text)[:12] in text, row.cells[0].text


def _last_clause(code: str, language: str, text: str = "") -> str:
    """The first words of an agreement's last clause as forms.yaml writes them (up to any
    template expression): the last of its clauses the drafted `text` holds (R-14's clause 7,
    mutual confidentiality, is an OEM/ODM maker's only: fr34)."""
    starts = [_squash(re.split(r"\{[{%]", line)[0])[:12]
              for line in FORMS[code][language]["text"].strip().split("\n")]
    return next(s for s in reversed(starts) if s in _squash(text)) if text else starts[-1]


@pytest.mark.parametrize("name", [f"{e}-{lang}-{c}" for (e, lang), codes in DRAFTED.items()
                                  for c in codes if c in AGREEMENTS])
def test_an_agreement_is_signed_on_the_page_of_its_last_clause(laid_out, name: str):
    document, pages = laid_out[name]
    code, language = name.rsplit("-", 1)[1], name.split("-")[-2]
    text = "\n".join(p.text for p in document.paragraphs)
    assert not any(words in text for words in CONFORMITY)
    signing = [_squash(s) for s in FORMS[code][language]["signatures"]]
    page = next(i for i, p in enumerate(pages) if signing[-1][:8] in _squash(p))
    assert _last_clause(code, language, text) in _squash(pages[page]), (page + 1, len(pages))


@pytest.mark.parametrize("name", [f"{e}-{lang}-{c}" for (e, lang), codes in DRAFTED.items()
                                  for c in codes if c in SIGNED_IN_FIELDS])
def test_a_form_signed_in_its_own_fields_has_no_second_sign_off(laid_out, name: str):
    document, _ = laid_out[name]
    language = name.split("-")[-2]
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert all(h[1:] != DEFAULT_ROLES[language] for h in headers), headers


@pytest.mark.parametrize("code", CLOSING)
def test_a_procedure_does_not_end_on_a_page_of_its_closing_lists_alone(laid_out, code: str):
    """Round 33 (tests/test_layout_round33.py) let the related documents flow: kept with the
    last step as one block they jumped to a new page and left half a page blank. What stays:
    the records list is whole on the last page, under its heading, and the related list's
    heading is not left at the foot of a page without its first row."""
    document, pages = laid_out[f"life-sciences-zh-{code}"]
    last = _squash(pages[-1])
    records = document.tables[-1]
    assert "7记录" in last
    assert all(_squash(row.cells[0].text) in last for row in records.rows[1:])
    related = next(i for i, page in enumerate(pages) if "6相关文件" in _squash(page))
    first_row = _squash(document.tables[-2].rows[1].cells[0].text)
    assert first_row in _squash(pages[related])


def test_the_audit_checklist_says_what_is_checked_in_whole_sentences(laid_out):
    document, _ = laid_out["saas-en-R57"]
    checklist = next(t for t in document.tables
                     if [c.text for c in t.rows[0].cells][:3] == ["No.", "Clause",
                                                                 "What is checked"])
    checks = [row.cells[2].text for row in checklist.rows[1:] if row.cells[1].text]
    assert checks and all(not c.rstrip().endswith("…") for c in checks), checks[:3]
    assert all(c.rstrip()[-1] in ".)" for c in checks if ":" in c), checks[:3]


# a number cut at a line end anywhere but after one of its hyphens ('RL-IPM-R-' / '14' is how a
# typed code breaks, and the Word files write numbers as they read so that Find matches them:
# generators.word_text); 'RL-IP' / 'M-R-14' or 'RL-IPM-R-1' / '4' is not
BROKEN_NUMBER = re.compile(r"[A-Z]{2}-(?:I|IP|IPM-[A-Z]-\d)$")


@pytest.mark.parametrize("name", ["life-sciences-en-P04", "life-sciences-en-P08",
                                  "life-sciences-zh-P28"])
def test_a_document_number_breaks_at_a_line_end_only_after_a_hyphen(laid_out, name: str):
    _, pages = laid_out[name]
    lines = [line.rstrip() for page in pages for line in page.splitlines()]
    assert [line[-40:] for line in lines if BROKEN_NUMBER.search(line)] == []


def test_labels_and_header_words_are_not_wrapped_inside(laid_out):
    document, sheet = laid_out["saas-zh-R10"]
    # the labels as this package prints them (R10's fields vary with the standard: a GB/T
    # package's '资源和年度工作计划的执行情况'), read from the sheet's label column
    table = next(t for t in document.tables if any("评价期间" in c.text for c in t.columns[0].cells))
    labels = list(dict.fromkeys(_squash(c.text) for c in table.columns[0].cells if c.text.strip()))
    lines = [_squash(line) for page in sheet for line in page.splitlines()]
    fitting = [label for label in labels if len(label) <= 14]  # at most 42 % of the page
    assert max(map(len, fitting)) >= 13, labels
    for label in fitting:
        assert any(line.startswith(label) for line in lines), label
    _, checklist = laid_out["saas-en-R57"]
    assert any(re.search(r"\bVerdict\b", line) for page in checklist
               for line in page.splitlines())


def _intake(example: str, language: str) -> dict:
    return yaml.safe_load((TEMPLATES_DIR / "examples" / f"{example}.{language}.yaml")
                          .read_text("utf-8"))


def _ledger(document, first: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first)


@pytest.mark.parametrize("code", ["R71"])
def test_a_register_of_people_has_a_row_for_each_rd_staff_member(laid_out, code: str):
    document, _ = laid_out[f"saas-zh-{code}"]
    assert len(_ledger(document, "序号").rows) - 1 >= _intake("saas", "zh")["company"]["rd_staff"]


def test_the_ip_ledger_has_a_row_for_each_right_held_and_a_trademark_class(laid_out):
    document, _ = laid_out["life-sciences-zh-R42"]
    ip = _intake("life-sciences", "zh")["ip"]
    held = sum(ip["patents"].values()) + ip["trademarks"] + ip["software_copyrights"] \
        + len(ip.get("domain_names") or [])
    ledger = _ledger(document, "序号")
    assert len(ledger.rows) - 1 >= held
    assert any("商标类别" in c.text for c in ledger.rows[0].cells)


def test_the_open_source_register_lists_the_components_the_intake_names(laid_out):
    document, _ = laid_out["saas-zh-R70"]
    named = [n for n in ("React", "Spring Boot") if n in _intake("saas", "zh")["ip"]["open_source"]["how"]]
    listed = [row.cells[1].text for row in _ledger(document, "序号").rows[1:]]
    assert named and all(n in listed for n in named), listed[:5]
