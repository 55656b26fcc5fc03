"""The manual's headings of bj-ipm topics read as section headings, not document titles (issue 17,
part D, item 2).

bj-ipm's chapter 6 titles name rules documents (6.2.1 专利管理制度 / "Patent management rules"),
and some English renditions of its untitled sub-clauses name a procedure or a contract
("10.1.1.4 Outsourcing control procedure", "9.3.2.1 Written contract for collaborative
development"). The manual printed them as its own headings — in a bj-ipm manual as its sections,
in a GB/T 29490 manual as topic headings and in "see also" ('另见：专利管理制度（7.5）'). A
consultant titles the section by its topic (placement.yaml `headings`); the coverage report and
the traceability matrix keep the standard's titles.
"""
from __future__ import annotations

import re

import pytest
import yaml

from generators.documents import build_manual
from generators.intake import load_intake
from generators.plan import bj_clause_title, plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR
from helpers import docx_text

# a heading that names a document: rules (…管理制度, '… management rules', 'Management rules
# for …'), a procedure or a written contract
DOCUMENT_TITLE = re.compile(r"管理制度$|控制程序$|(?i:management rules$|^management rules for"
                            r"|procedure$|^written contract)")
HEADINGS = yaml.safe_load((TEMPLATES_DIR / "placement.yaml").read_text("utf-8"))["headings"]


def _plan(corpus, templates, standard: str, language: str):
    intake = load_intake(TEMPLATES_DIR / f"intake.{language}.yaml")
    return plan_package(intake, templates, load_target(standard, corpus.get(BJ), TEMPLATES_DIR),
                        language)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_bj_ipm_titles_that_name_documents_are_those_worded_as_topics(corpus, language):
    """The bj-ipm titles this is about, as the corpus has them: every one given a heading."""
    bj = corpus.get(BJ)
    named = {key for key in bj.clauses if DOCUMENT_TITLE.search(bj_clause_title(bj, key, language))}
    assert {"6.2.1", "6.2.2", "6.3.1"} <= named if language == "zh" else {"10.1.1.4"} <= named
    assert named <= {k for k, v in HEADINGS.items() if v.get(language)}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_bj_ipm_manual_heads_its_sections_by_topic(corpus, templates, language, tmp_path):
    plan = _plan(corpus, templates, BJ, language)
    status = {c.key: c for c in plan.clauses}
    bj = corpus.get(BJ)
    assert status["6.2.1"].heading == HEADINGS["6.2.1"][language]
    # the coverage report and the matrix keep the standard's own title
    assert status["6.2.1"].title == bj_clause_title(bj, "6.2.1", language)
    assert [c.key for c in plan.clauses if DOCUMENT_TITLE.search(c.heading)] == []
    path = tmp_path / "manual.docx"
    build_manual(plan, templates, path)
    text = docx_text(path)
    assert f"6.2.1 {HEADINGS['6.2.1'][language]}" in text
    assert f"6.2.1 {bj_clause_title(bj, '6.2.1', language)}" not in text


@pytest.mark.parametrize("standard", ["gbt29490-2023", "gbt29490-2013"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_gbt_manual_heads_bj_ipm_topics_and_see_also_by_topic(corpus, templates, standard,
                                                                 language, tmp_path):
    plan = _plan(corpus, templates, standard, language)
    assert [u.title for u in plan.units if DOCUMENT_TITLE.search(u.title)] == []
    path = tmp_path / "manual.docx"
    build_manual(plan, templates, path)
    text = docx_text(path)
    see_also = [line for line in text.splitlines() if line.startswith(("另见", "See also"))]
    assert see_also
    assert not [line for line in see_also
                if re.search(r"管理制度[（(]|management rules \(", line)]
