"""Text written for another kind of company, found in a foreign-invested game studio's package
(issue 17, fourth tryout): the service function worded as a testing or R&D service, the
company's activities called key technologies and used as technical fields, patent machinery for a
company whose IP is mainly works, marks and software, and a joint-development checklist that asks
what a contractor is asked when the company commissions art and audio from outside studios.

The texts are rendered in-process for the studio's intakes (tests/data/intakes/game-studio.*,
the consultant's files) and for the shipped examples; nothing is written to Word. Expected words
come from the consultant's findings, the intake and the Copyright Law, never from the code."""
from __future__ import annotations

import pytest
import yaml

from generators.company_kind import derived_facts, is_activity
from generators.form_layout import shown_fields
from generators.intake import load_intake
from generators.roles import department_duties
from generators.templates_io import TEMPLATES_DIR
from generators.plan import plan_package
from generators.target import BJ, load_target
from test_company_kinds2 import _rendered

INTAKES = TEMPLATES_DIR.parent.parent / "tests" / "data" / "intakes"
EXAMPLES = TEMPLATES_DIR / "examples"
LANGUAGES = ("zh", "en")


def _studio(language: str):
    return load_intake(INTAKES / f"game-studio.{language}.yaml")


@pytest.fixture(scope="module")
def studio(templates, corpus):
    return {lang: _printed(_rendered(_studio(lang), templates, corpus, lang)) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def plans(templates, corpus):
    """{language: the studio's package plan}."""
    out = {}
    for lang in LANGUAGES:
        intake = _studio(lang)
        out[lang] = plan_package(intake, templates, load_target(
            intake.standard, corpus.get(BJ), templates.directory), lang)
    return out


def _procedure(texts: dict[str, str], code: str) -> str:
    return "\n".join(t for w, t in texts.items() if w.startswith(f"procedures/{code}."))


def _manual(texts: dict[str, str]) -> str:
    return "\n".join(t for w, t in texts.items() if w.startswith(("manual.", "additions/")))


def _printed(texts: dict[str, str]) -> dict[str, str]:
    """The texts a document prints: a definition's meaning only when its term renders (a term
    rendering empty is left out with its meaning)."""
    return {w: t for w, t in texts.items()
            if not (w.endswith(".meaning")
                    and not texts.get(w[:-len("meaning")] + "term", "x").strip())}


# -- 1. the service function's duties follow the business model -----------------------------------
def _service_duty(intake, plan, templates, language: str) -> str:
    """The duties the manual gives the department that holds `service` (the studio's
    Publishing and Live Operations, the first such department)."""
    name = next(d.name for d in intake.org.departments if "service" in d.functions)
    entry = next(e for e in department_duties(intake, templates, plan.context, language)
                 if name in e.get("names", [e["name"]]) or e["name"] == name)
    return entry["duties"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_live_operations_team_keeps_player_data_not_client_samples(plans, templates, language):
    duty = _service_duty(_studio(language), plans[language], templates, language)
    if language == "zh":
        assert "样品" not in duty and "客户提供的资料" not in duty
        assert "用户" in duty and "数据" in duty
    else:
        assert "samples" not in duty and "material, samples and data clients provide" not in duty
        assert "user" in duty and "data" in duty


def _service_phrase(path, templates, corpus, language: str) -> str:
    """duties.yaml's `service` duty rendered for the company of the intake at `path`."""
    intake = load_intake(path)
    plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                       templates.directory), language)
    phrases = yaml.safe_load((TEMPLATES_DIR / "duties.yaml").read_text(encoding="utf-8"))
    return templates.render(phrases[language]["service"], plan.context)


@pytest.mark.parametrize("path, language, present, absent", [
    (INTAKES / "testing-lab.zh.yaml", "zh", ["样品", "检测数据"], ["用户"]),
    (INTAKES / "rd-services.zh.yaml", "zh", ["客户提供的资料、样品和数据"], ["用户"]),
    (EXAMPLES / "saas.en.yaml", "en", ["user", "data"], ["samples"]),
    (INTAKES / "design.zh.yaml", "zh", ["客户提供的资料"], ["样品", "用户"]),
])
def test_the_service_duty_follows_the_business_model(templates, corpus, path, language, present,
                                                     absent):
    duty = _service_phrase(path, templates, corpus, language)
    assert [w for w in present if w not in duty] == [] and [w for w in absent if w in duty] == []


# -- 2. activities are called activities, not technologies ----------------------------------------
@pytest.mark.parametrize("name, activity", [
    ("游戏策划", True), ("游戏运营", True), ("2D/3D美术制作", True), ("live operations", True),
    ("game design", True), ("2D/3D art production", True), ("programming", True),
    ("多租户微服务架构", False), ("热压成型工艺", False), ("hot-press moulding", False),
    ("real-time data synchronisation engine", False), ("大跨度钢结构优化设计", False),
    ("optimised design of long-span steel structures", False),
    ("failure analysis techniques", False),
])
def test_an_activity_is_told_from_a_technology(name, activity):
    assert is_activity(name) is activity


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_studio_profile_calls_its_processes_activities_not_key_technologies(studio, language):
    profile = studio[language][f"manual.{language}.sections.profile.text"]
    if language == "zh":
        assert "关键技术" not in profile and "游戏运营" in profile and "核心业务环节" in profile
    else:
        assert "key technologies" not in profile and "live operations" in profile
        assert "core activities" in profile


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_ledger_is_not_divided_by_activities_as_technical_fields(studio, language):
    for text in (_procedure(studio[language], "P18"), _manual(studio[language])):
        activity = "游戏运营" if language == "zh" else "live operations"
        field = "技术领域" if language == "zh" else "technical field"
        assert not any(activity in line and field in line for line in text.splitlines())


def test_the_saas_and_manufacturer_keep_their_key_technologies(templates, corpus):
    saas = _rendered(load_intake(EXAMPLES / "saas.en.yaml"), templates, corpus, "en")
    profile = saas["manual.en.sections.profile.text"]
    assert "key technologies include" in profile
    assert "multi-tenant microservice architecture" in profile
    maker = _rendered(load_intake(EXAMPLES / "manufacturer.zh.yaml"), templates, corpus, "zh")
    assert "热压成型工艺" in _procedure(maker, "P18") and "技术领域" in _procedure(maker, "P18")


# -- 3. patent machinery only where patents are central -------------------------------------------
PATENT_MACHINERY = {"zh": ["外围专利", "专利包", "专利申请和授权数量", "专利组合"],
                    "en": ["peripheral patents", "patent package", "patent applications and grants",
                           "patent portfolio"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_studio_with_marks_works_and_software_gets_no_patent_machinery(studio, language):
    texts = "\n".join([_manual(studio[language])] + [_procedure(studio[language], c)
                                                     for c in ("P12", "P18", "P19", "P21")])
    assert [w for w in PATENT_MACHINERY[language] if w in texts] == []
    # its portfolio per product speaks of marks by class and country, works and software versions
    p18 = _procedure(studio[language], "P18")
    if language == "zh":
        assert "类别" in p18 and "作品" in p18 and "版本" in p18
        assert "商标申请和注册数量" in _manual(studio[language])
    else:
        assert "by class" in p18 and "work" in p18 and "version" in p18
        assert "trademark applications and registrations" in _manual(studio[language])


def test_patents_are_central_to_the_manufacturer_and_not_to_the_studio():
    maker = derived_facts(load_intake(EXAMPLES / "manufacturer.en.yaml"))
    studio = derived_facts(_studio("en"))
    assert studio["plans"]["patents"]  # it plans one invention patent …
    assert not studio["plans"]["patent_led"]  # … but its IP is works, marks and software
    assert maker["plans"]["patent_led"]


def test_the_manufacturer_keeps_its_patent_portfolio(templates, corpus):
    maker = _rendered(load_intake(EXAMPLES / "manufacturer.zh.yaml"), templates, corpus, "zh")
    assert "外围专利" in _procedure(maker, "P18") and "专利包" in _manual(maker)


# -- 4. the commissioning client's checklist (R-40) -----------------------------------------------
def _r40(plan, templates, language: str) -> list[str]:
    spec = next(f for f in templates.forms if f.code == "R40")
    return [f.label for f in shown_fields(spec.content[language]["fields"],
                                          lambda t: templates.render(t, plan.context))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_company_commissioning_art_asks_what_a_client_needs(plans, templates, language):
    labels = " | ".join(_r40(plans[language], templates, language))
    if language == "zh":
        for word in ("著作财产权", "第十九条", "人工智能", "源文件", "转包", "署名"):
            assert word in labels, word
        assert "专利申请权" not in labels and "论文" not in labels
    else:
        for word in ("economic rights", "article", "AI-generated", "source files",
                     "sub-contracting", "attribution"):
            assert word in labels, word
        assert "patent" not in labels.lower() and "papers" not in labels


def test_a_university_partner_still_gets_the_patent_and_papers_questions(templates, corpus):
    intake = load_intake(EXAMPLES / "manufacturer.zh.yaml")
    plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                       templates.directory), "zh")
    labels = " | ".join(_r40(plan, templates, "zh"))
    assert "专利申请权" in labels and "论文" in labels and "转包" not in labels
