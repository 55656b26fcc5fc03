"""Issue 17, part H1: pages as a reader finds them after LibreOffice lays the documents out.

- No record form starts with a mostly empty first page: a form that fits on one page stays on
  one (R-69, a sheet a little too long, has its answer areas shortened), and one that runs on
  carries only its last row and the sign-off over — its first page is filled (ledgers get as many
  blank rows as fit; the rows of tick boxes are three lines high).
- No page of the manual's chapters holds only the end of a chapter (its related-documents table
  or that table's last rows) before the next chapter: chapters run on.

The SaaS example is planned once in each language and only the documents measured are written.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generators.documents import build_form, build_manual
from generators.intake import load_intake
from generators.package import BJ
from generators.page_check import available, page_fill
from generators.plan import plan_package
from generators.target import load_target
from generators.templates_io import TEMPLATES_DIR, TemplateSet

pytestmark = pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed "
                                "(.ci/run installs them)")
# sheets and ledgers (portrait and landscape) that ran on to a second page with their first
# page a third to a half empty
FORMS = {"zh": ("R23", "R31", "R35", "R49"), "en": ("R35", "R63")}
ONE_PAGE = "R69"  # 软件著作权登记申请审批表: 14 fields and three signatures, a little too long
FILLED = 0.7  # how far down its text area a form's first page reaches when it runs on
CHAPTER_END = 0.4  # a page of the chapters reaching less than this is a chapter's lone tail


@pytest.fixture(scope="module")
def pages(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("pages")
    templates = TemplateSet()
    sources, companies = [], []
    for language, codes in FORMS.items():
        intake = load_intake(TEMPLATES_DIR / "examples" / f"saas.{language}.yaml")
        companies.append(intake.company.name)
        plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                           templates.directory), language)
        for code in codes + ((ONE_PAGE,) if language == "zh" else ()):
            form = next(f for f in plan.forms if f.code == code)
            sources.append(out / f"{language}-{code}.docx")
            build_form(plan, templates, form, sources[-1])
        if language == "zh":
            sources.append(out / "zh-manual.docx")
            build_manual(plan, templates, sources[-1])
    found: dict[str, list] = {}
    for page in page_fill(sources, tuple(companies)):
        found.setdefault(Path(page.document).stem, []).append(page)
    return found


@pytest.mark.parametrize("name", [f"{lang}-{code}" for lang, codes in FORMS.items()
                                  for code in codes])
def test_a_form_that_runs_on_has_a_full_first_page(pages, name: str):
    laid_out = pages[name]
    assert len(laid_out) == 1 or laid_out[0].fill >= FILLED, [
        round(p.fill, 2) for p in laid_out]


def test_a_sheet_a_little_too_long_fits_on_one_page(pages):
    assert len(pages[f"zh-{ONE_PAGE}"]) == 1


def test_no_page_of_the_manual_holds_only_the_end_of_a_chapter(pages):
    manual = pages["zh-manual"]
    # the chapters follow the last front section that starts a page (手册管理); the standard's
    # chapters and 引用文件/术语 run on from there
    first = 1 + max(p.page for p in manual if p.first_line.startswith("手册管理"))
    # appendix A runs on after the last chapter (documents.build_manual): where it starts a page
    # that page ends the range, else the last page (the appendices' own) does
    annex = next((p.page for p in manual if re.match(r"附录\s*A", p.first_line)),
                 max(p.page for p in manual))
    short = [(p.page, round(p.fill, 2), p.first_line[:20]) for p in manual
             if first <= p.page < annex - 1 and p.fill < CHAPTER_END]
    assert short == []
