"""Issue 17, page layout leftovers (session 32): what a reader of the laid-out documents found.

- A procedure's long last step, kept whole with the closing lists (6 相关文件, 7 记录), jumped to
  the next page and left the page before half blank (P-30 of the seed company, P-31 of the AI
  start-up); only the step's last sentence goes with the lists now, the rest flows.
- A bj-ipm package's running header wrapped to two lines: the standard, named by its title and
  edition, took a third of the line. The header names every standard on one line.
- A register's sign-off stood on a page with the repeated header and one blank row (R-82 of the
  AI start-up): the last rows go with it.
- The IP ledger's number column (R-42) was sized by its header alone and cut a patent number
  'ZL 2023 1 0000000.0' into three or four lines.

The intakes are the consultants' (tests/data/intakes); each company is planned once.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from generators import docx_writer as w
from generators.documents import build_form, build_procedure, header_line
from generators.intake import load_intake
from generators.page_check import available, page_fill
from generators.plan import plan_package
from generators.target import BJ, STANDARDS, load_target
from generators.templates_io import TemplateSet

INTAKES = Path(__file__).parent / "data" / "intakes"
LONG_LAST_STEP = {("seed", "zh"): "P30", ("ai-startup", "zh"): "P31"}
needs_libreoffice = pytest.mark.skipif(not available(), reason="LibreOffice / poppler not "
                                       "installed (.ci/run installs them)")


@pytest.fixture(scope="module")
def plans(corpus):
    """{(intake, language, standard): plan} of the companies measured."""
    templates = TemplateSet()
    out = {}
    for name, language in (("seed", "zh"), ("ai-startup", "zh"), ("ai-startup", "en")):
        intake = load_intake(INTAKES / f"{name}.{language}.yaml")
        for standard in STANDARDS:
            out[name, language, standard] = plan_package(
                intake, templates, load_target(standard, corpus.get(BJ), templates.directory),
                language)
    return out


def _own(plans, name: str, language: str):
    """The plan of intake `name` for the standard it names itself."""
    intake = load_intake(INTAKES / f"{name}.{language}.yaml")
    return plans[name, language, intake.standard]


@needs_libreoffice
def test_a_long_last_step_flows_instead_of_leaving_half_a_page_blank(plans, tmp_path):
    sources = []
    for (name, language), code in LONG_LAST_STEP.items():
        plan = _own(plans, name, language)
        sources.append(tmp_path / f"{name}-{code}.docx")
        build_procedure(plan, TemplateSet(), next(p for p in plan.procedures if p.code == code),
                        sources[-1])
    names = tuple(_own(plans, n, lang).intake.company.name for n, lang in LONG_LAST_STEP)
    fills = page_fill(sources, names)
    for source in sources:
        pages = [f for f in fills if f.document == source.name]
        assert len(pages) > 1
        # every page before the last is filled at least halfway down (the step did not jump)
        assert [round(f.fill, 2) for f in pages[:-1] if f.fill < 0.55] == [], source.name
        # the closing lists still have the step's end with them (H6: not alone on a page)
        assert not re.match(r"6\s*相关文件", pages[-1].first_line), pages[-1].first_line


def test_only_the_last_sentences_of_a_long_paragraph_are_kept_with_what_follows():
    document = w.new_document(None, language="zh")
    sentences = ["知识产权管理部门每年对品种权的维持情况进行一次核查，核查结果记入台账。"] * 5 \
        + ["境外申请按涉外知识产权管理控制程序办理。"]
    paragraph = w.paragraphs(document, "".join(sentences))[0]
    kept = w.keep_end_with_next(document, paragraph)
    body = [p for p in document.paragraphs if p.text]
    assert "".join(p.text for p in body) == "".join(sentences)  # no text lost or repeated
    assert kept is paragraph and kept.text == "".join(sentences[-2:])  # two lines at most
    assert kept.paragraph_format.keep_with_next and not body[-2].paragraph_format.keep_with_next
    short = w.paragraphs(document, sentences[-1])[0]
    assert w.keep_end_with_next(document, short) is short and short.paragraph_format.keep_with_next


@pytest.mark.parametrize("language", ["zh"])
@pytest.mark.parametrize("standard", STANDARDS)
def test_the_running_header_names_every_standard_on_one_line(plans, standard, language):
    plan = plans["ai-startup", language, standard]
    titles = [(p.title[language], plan.context["docno"][p.code]) for p in plan.procedures] \
        + [(f.title[language], plan.context["docno"][f.code]) for f in plan.forms]
    two_lines = [number for title, number in titles
                 if "\n" in w.header_lines(header_line(plan, title, number), 16.6)[0]]
    assert two_lines == []


def test_the_header_names_the_beijing_standard_as_the_lint_reads_it(plans):
    plan = plans["ai-startup", "zh", BJ]
    label = header_line(plan, "知识产权台账", "SH-IPM-R-42").split("  ")[-1]
    assert "企业知识产权管理规范" in label and plan.standard.named_by(label)


@pytest.mark.parametrize("language", ["en"])  # the Chinese ledger's headers take the room
def test_the_ip_ledger_number_column_holds_a_patent_number(plans, tmp_path, language):
    plan = _own(plans, "ai-startup", language)
    path = tmp_path / "R42.docx"
    build_form(plan, TemplateSet(), next(f for f in plan.forms if f.code == "R42"), path)
    ledger = next(t for t in docx.Document(str(path)).tables
                  if re.search("申请号|Application", t.rows[0].cells[2].text))
    width = ledger.rows[0].cells[2].width.cm - w.CELL_MARGINS_CM
    for piece in ("ZL 2023 1", "0000000.0"):  # each half of 'ZL 2023 1 0000000.0' on a line
        assert width >= w._whole_width(piece) * w.EM_CM, (piece, width)


def test_a_register_keeps_its_last_rows_with_its_sign_off(plans, tmp_path):
    plan = _own(plans, "ai-startup", "zh")
    path = tmp_path / "R82.docx"
    build_form(plan, TemplateSet(), next(f for f in plan.forms if f.code == "R82"), path)
    tables = docx.Document(str(path)).tables
    ledger, sign_off = tables[-2], tables[-1]
    assert "填写人" in [c.text for c in sign_off.rows[0].cells]
    kept = [all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
            for row in ledger.rows]
    assert kept[-3:] == [True, True, True]


@needs_libreoffice
def test_the_manual_has_no_half_empty_page_after_its_front_matter(plans, tmp_path):
    """From the first chapter of the standard on, every page but the last is filled at least
    halfway: the appendices run on after the last chapter's related documents (a new page for
    appendix A left a page holding only that table's last rows: the AI start-up's manual)."""
    from generators.documents import build_manual

    plan = _own(plans, "ai-startup", "zh")
    path = tmp_path / "manual.docx"
    build_manual(plan, TemplateSet(), path)
    pages = page_fill([path], plan.intake.company.name)
    # the front matter's pages (颁布令, 企业简介, …) each stand alone by design; 手册管理
    # (manual.zh.yaml) is the last of them, and the chapters run on after it
    first = next(i for i, p in enumerate(pages) if p.first_line.startswith("手册管理"))
    assert [(p.page, round(p.fill, 2)) for p in pages[first:-1] if p.fill < 0.5] == []
