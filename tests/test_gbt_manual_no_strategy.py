"""A package drafted to GB/T 29490 (2023 or 2013) no longer speaks of the Beijing standard's IP
strategy (issue 17; /work/notes/s37/man37/report.md "Left"). GB/T 29490 has no strategy clause
(corpus/profiles/crosswalk.csv, the rows for bj-ipm 5.1-5.5: "GB/T 29490 has no strategy
clause"), yet its manual printed bj-ipm chapter 5's texts under the clauses they are mapped to by
topic: 2023's 9.2 opened its 管理评价 with "战略进入实施阶段后…战略管理评价", 10.3 had "修改战略实施方案",
9.1's 监督检查 ran "按知识产权战略的实施阶段", and R-10, where a GB/T P-04 records its evaluation, was a
知识产权战略实施方案评价表 with strategy fields.

Each text must instead answer the clause it sits under, as the profile's summary (read here as
YAML, not from the code) words it. Everything is planned in-process (no files).
"""
from __future__ import annotations

import re

import pytest
import yaml

from generators.documents import _chapters
from generators.intake import load_intake
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR, template_strings
from tests.helpers import CORPUS_DIR

EXAMPLES = TEMPLATES_DIR / "examples"
CASES = [("manufacturer", "zh", "gbt29490-2023"), ("manufacturer", "en", "gbt29490-2023"),
         ("saas", "zh", "gbt29490-2013"), ("saas", "en", "gbt29490-2013")]
# the IP strategy as bj-ipm chapter 5 speaks of it; a business strategy (经营战略, 发展战略,
# "business strategy") is the company's own and may stay
STRATEGY = {"zh": re.compile("知识产权战略|战略管理|战略规划|战略实施|战略评价|管理战略|战略进入|战略阶段|战略的阶段"),
            "en": re.compile(r"IP strategy|strategy management|strategic plan|strategy implementation"
                             r"|strategy evaluation|strategy is being|IP management strategy"
                             r"|stage of the (IP )?strategy|strategy plan",
                             # not "grading … with management strategies to match" (P-18, R-49)
                             re.IGNORECASE)}


def _summaries(standard: str) -> dict[str, str]:
    profile = yaml.safe_load((CORPUS_DIR / "profiles" / f"{standard}.yaml").read_text("utf-8"))
    return {str(c["number"]): c.get("summary_zh", "") for c in profile["clauses"]}


def _plan(example: str, language: str, standard: str, corpus, templates):
    intake = load_intake(EXAMPLES / f"{example}.{language}.yaml")
    return plan_package(intake, templates, load_target(standard, corpus.get(BJ),
                                                       templates.directory), language)


@pytest.fixture(scope="module")
def plans(corpus, templates) -> dict:
    return {case: _plan(*case, corpus, templates) for case in CASES}


def _sections(plan, templates) -> dict[str, list[tuple[str, str]]]:
    """{section number: [(topic heading or '', text)]} of the manual's chapters."""
    return {heading.split(" ")[0]: [(topic, text) for _, topic, text in body]
            for _, _, _, chapter in _chapters(plan, templates)
            for heading, _, _, body in chapter}


@pytest.mark.parametrize("example, language, standard", CASES)
def test_no_manual_text_speaks_of_an_ip_strategy(plans, templates, example, language, standard):
    """Neither a topic heading (bj-ipm 5.1's 知识产权战略管理) nor a text of the manual's chapters or of its
    organisation section."""
    plan = plans[(example, language, standard)]
    found = [(number, STRATEGY[language].search(words).group(0))
             for number, section in _sections(plan, templates).items()
             for topic, text in section for words in (topic, text)
             if STRATEGY[language].search(words)]
    organisation = next(text for where, text in template_strings(templates)
                        if where == f"manual.{language}.sections.organisation.text")
    front = templates.render(organisation, plan.context)
    found += [("organisation", m.group(0)) for m in STRATEGY[language].finditer(front)]
    assert not found


# bj-ipm chapter 5 clause -> the GB/T clause whose section prints it (crosswalk.csv) and the words of
# that clause's summary its text must state: 2023 6.1 相关方/合规义务, 6.3 资源/负责/完成/评价, 9.2
# 分析/合规义务, 10.3 有效性; 2013 5.3.1 相关方, 5.3.2 目标/分解, 9.3 分析 and 改进措施
ANSWERS = {"gbt29490-2023": {"5.2": ("6.1", ["相关方", "合规义务"]),
                             "5.3": ("6.3", ["资源", "负责", "完成", "评价"]),
                             "5.4": ("9.2", ["分析", "合规义务"]),
                             "5.5": ("10.3", ["有效性"])},
           "gbt29490-2013": {"5.2": ("5.3.1", ["相关方"]),
                             "5.3": ("5.3.2", ["目标", "分解"]),
                             "5.4": ("9.3", ["分析"]),
                             "5.5": ("9.3", ["改进措施"])}}


@pytest.mark.parametrize("standard", ["gbt29490-2023", "gbt29490-2013"])
def test_chapter_5_texts_answer_the_gbt_clause_they_sit_under(corpus, templates, standard):
    summaries = _summaries(standard)
    example = "manufacturer" if standard.endswith("2023") else "saas"
    plan = _plan(example, "zh", standard, corpus, templates)
    texts = {(heading.split(" ")[0], key): text
             for _, _, _, chapter in _chapters(plan, templates)
             for heading, _, _, body in chapter for key, _, text in body}
    for key, (clause, words) in ANSWERS[standard].items():
        assert all(w in summaries[clause] for w in words), (clause, words)
        text = texts[(clause, key)]
        assert all(w in text for w in words), (clause, key, [w for w in words if w not in text])


@pytest.mark.parametrize("example, language, standard", CASES)
def test_r10_is_not_a_strategy_form_in_a_gbt_package(plans, templates, example, language,
                                                     standard):
    """R-10's title and fields as the GB/T package prints them (plan.forms, title_when applied)."""
    from generators.form_layout import shown_fields

    plan = plans[(example, language, standard)]
    form = next(f for f in plan.forms if f.code == "R10")
    labels = [f.label for f in shown_fields(form.content[language]["fields"],
                                            lambda text: templates.render(text, plan.context))]
    word = "战略" if language == "zh" else "strateg"
    assert word not in form.title[language].lower()
    assert not [label for label in labels if word in label.lower()]
    wanted = ("方针", "目标", "风险和机遇") if language == "zh" else ("policy", "objectives",
                                                               "risks and opportunities")
    assert all(any(w in label for label in labels) for w in wanted), labels


@pytest.mark.parametrize("example, language, standard", CASES)
def test_no_procedure_or_form_speaks_of_an_ip_strategy(plans, templates, example, language,
                                                       standard):
    """The procedures and forms drafted from bj-ipm's texts spoke of the strategy as well: P-22's
    and R-61's supervision "按知识产权战略的阶段" / 所处战略阶段, P-21's and R-55's 战略管理规划, P-23's
    improvement "根据知识产权战略", P-10's budget from the 战略实施方案, P-07's, P-08's, P-09's,
    P-14's, P-19's and P-29's strategy."""
    from generators.documents import procedure_text
    from generators.form_layout import shown_fields

    plan = plans[(example, language, standard)]
    found = []
    for procedure in plan.procedures:
        text = procedure_text(templates, procedure.content[language], plan.context)
        words = [text.purpose, text.scope, *(w for d in text.definitions for w in d),
                 *(w for r in text.responsibilities for w in r),
                 *(w for s in text.steps for w in s)]
        found += [(procedure.code, m.group(0)) for w in words
                  for m in STRATEGY[language].finditer(w)]
    for form in plan.forms:
        body = form.content[language]
        labels = [f.label for key in ("fields", "columns") if key in body
                  and isinstance(body[key], list)
                  for f in shown_fields(body[key], lambda text: templates.render(text,
                                                                                plan.context))]
        found += [(form.code, m.group(0)) for w in [form.title[language], *labels]
                  for m in STRATEGY[language].finditer(w)]
    assert not found
