"""Issue 17 (the consultant's tryout, part A): a company without R&D reads as one in P-04, P-05,
P-09, P-11, P-14 and P-18 too, and a definitions row goes with its term.

The trading companies of tests/data (rd.modes: [], rd_staff: 0; registered trademarks and trade
secrets, no patents, no licences in) were drafted with the strategy's "R&D content" and "core
technology", an R&D department (the IP department by fallback) asked for "the direction of R&D",
"R&D project initiation" and "technologies under development" as risk triggers, a definition of IP
by "inventors", and a P-14 that was mostly "the company does no R&D at present". GB/T 29490's
acquisition clause (bj-ipm 9.3) still applies to a trader: it registers its marks (P-29), buys or
takes assignments of IP and commissions designs, whose copyright the Copyright Law (Art. 19) gives
the designer unless the contract says otherwise. The expected phrases are the templates' and the
standard's words; the manufacturer with R&D (the shipped example) keeps its R&D wording. Texts are
rendered in-process as the package prints them (generators.documents.procedure_text).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generators.documents import procedure_text
from generators.intake import load_intake
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR

DATA = Path(__file__).parent / "data"
TRADERS = {"zh": [DATA / "trademarks" / "trade.zh.yaml"], "en": [DATA / "trademarks" / "trade.en.yaml"]}
MANUFACTURER = {"zh": TEMPLATES_DIR / "intake.zh.yaml", "en": TEMPLATES_DIR / "intake.en.yaml"}


# -- definitions: a row is a term and its meaning, printed together or not at all ----------------
def test_a_definition_row_goes_with_its_term_and_its_meaning(templates):
    body = {"purpose": "p", "scope": "s", "responsibilities": [], "steps": [],
            "definitions": [{"term": "{% if plans.patents %}专利组合{% endif %}",
                             "meaning": "由核心专利和外围专利构成的一组专利。"},
                            {"term": "知识产权台账", "meaning": "{% if held.any %}管理清单。{% endif %}"},
                            {"term": "分级管理", "meaning": "分为不同等级的管理方式。"}]}
    context = {"plans": {"patents": False}, "held": {"any": False}}
    assert procedure_text(templates, body, context).definitions == [
        ("分级管理", "分为不同等级的管理方式。")]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_procedure_prints_half_a_definition(corpus, templates, language):
    """Every procedure of the trader's and the manufacturer's packages: no row without a term or
    without a meaning; the trader's P-18 has no patent portfolio, the manufacturer's has."""
    portfolio = {"zh": "专利组合", "en": "patent portfolio"}[language]
    for path, has_patents in ((TRADERS[language][0], False), (MANUFACTURER[language], True)):
        plan = plan_package(load_intake(path), templates,
                            load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), language)
        for p in plan.procedures:
            rows = procedure_text(templates, p.content[language], plan.context).definitions
            assert all(term and meaning for term, meaning in rows), p.code
            if p.code == "P18":
                assert (portfolio in [term for term, _ in rows]) == has_patents
