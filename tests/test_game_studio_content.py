"""What a game studio / media company needs in its package (issue 17, the consultant's tryout of
a foreign-invested game studio, tests/data/intakes/game-studio.*.yaml):

1. publishing through a publisher (who holds the 版号): the publishing agreement's review points
   — rights, territory, revenue share, IP warranties, takedown duties — in the contracts procedure;
2. app-store and platform terms, accepted not negotiated: reviewed, recorded and their versions kept;
3. a foreign parent owning the IP: who owns what the company makes, intra-group licences, in whose
   name rights are registered (manual and procedures);
4. registering the copyright in art and music works, not only software (作品登记);
5. licences in whose scope must match what ships: a release check with a record (R-78);
6. accusations of copying another game: evidence of independent creation;
7. a foreign engine licence: the Regulations on the Administration of Technology Import and Export;
8. P-14's commissioned development read for commissioned works as well as technology.
Every fact is optional: the same studio without it gets none of its text, and `intake check` asks
for it where it applies. Expected words come from the consultant's findings, the intake and the
laws named (Copyright Law art. 19, 作品自愿登记试行办法, 技术进出口管理条例), never from the code."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generators.intake import check_intake, load_intake, parse_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR
from tests.helpers import docx_text

INTAKES = Path(__file__).parent / "data" / "intakes"
LANGUAGES = ("zh", "en")
TECH_LAW = {"zh": "技术进出口管理条例",
            "en": "Regulations on the Administration of Technology Import and Export"}


def _data(language: str) -> dict:
    return yaml.safe_load((INTAKES / f"game-studio.{language}.yaml").read_text("utf-8"))


def _without_new_facts(data: dict) -> dict:
    """The studio as the intake read before these facts existed (licences not abroad)."""
    data["company"].pop("parent", None)
    data["business"].pop("publishers", None)
    data["business"].pop("platforms", None)
    for licence in data["ip"]["licences_in"]:
        licence.pop("abroad", None)
    return data


def _draft(data: dict, language: str, folder: Path, templates, corpus) -> dict[str, str]:
    """{document number ('P-03', 'R-78', 'M-01'): its text} of the drafted package."""
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), f"studio.{language}.yaml")
    draft_package(intake, corpus, folder, language, templates=templates)
    return {p.name.split(" ")[0].split("-IPM-")[1]: docx_text(p) for p in folder.rglob("*.docx")
            if "-IPM-" in p.name}


@pytest.fixture(scope="module")
def studio(templates, corpus, tmp_path_factory):
    """{language: the studio's package texts} with the facts of the tryout."""
    return {lang: _draft(_data(lang), lang, tmp_path_factory.mktemp(f"gs-{lang}") / "pkg",
                         templates, corpus) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def plain(templates, corpus, tmp_path_factory):
    """{language: package texts} of the same studio without the new facts (an intake valid
    before them: items 4-6 and 8 follow facts the intake already had)."""
    return {lang: _draft(_without_new_facts(_data(lang)), lang,
                         tmp_path_factory.mktemp(f"gsp-{lang}") / "pkg", templates, corpus)
            for lang in LANGUAGES}


# -- 1. publishing through a publisher ----------------------------------------------------------
PUBLISHING = {"zh": ("收入分成", "发行地域", "下架", "知识产权保证", "网络游戏出版物号（版号）"),
              "en": ("revenue share", "territory", "taking products down", "IP warranties",
                     "the online game publication number")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_publishing_agreement_is_reviewed_for_what_it_sets(studio, plain, language):
    p03 = studio[language]["P-03"]
    publisher = _data(language)["business"]["publishers"][0]["name"]
    assert publisher in p03
    for words in PUBLISHING[language]:
        assert words in p03, words
    assert publisher not in plain[language]["P-03"]
    assert ("发行协议" if language == "zh" else "publishing agreement") not in plain[language]["P-03"]


# -- 2. platform terms accepted, not negotiated ---------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_platform_terms_are_reviewed_recorded_and_their_versions_kept(studio, plain, language):
    p03 = studio[language]["P-03"]
    for platform in _data(language)["business"]["platforms"]:
        assert platform in p03
    if language == "zh":
        assert "标准条款" in p03 and "只能接受" in p03 and "所接受版本的全文" in p03
    else:
        assert "standard terms" in p03 and "cannot negotiate" in p03
        assert "full text of each version accepted" in p03
    assert "Steam" not in plain[language]["P-03"]


# -- 3. a foreign parent that owns the IP ---------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_parent_owning_the_ip_is_written_where_ownership_is(studio, plain, language):
    parent = _data(language)["company"]["parent"]["name"]
    texts = studio[language]
    for number in ("M-01", "P-03", "P-14"):
        assert parent in texts[number], number
    p14 = texts["P-14"]
    assert ("集团内许可" if language == "zh" else "intra-group licence") in p14
    assert ("权利人或许可方" if language == "zh" else "Right holder or licensor") in p14
    assert not [n for n, t in plain[language].items() if parent in t]


def test_a_parent_that_does_not_own_the_ip_licenses_it_from_the_company(templates, corpus,
                                                                       tmp_path):
    data = _data("zh")
    data["company"]["parent"]["owns_ip"] = False
    p14 = _draft(data, "zh", tmp_path / "pkg", templates, corpus)["P-14"]
    assert "公司创造的知识产权归公司所有" in p14 and "再转让给" not in p14


# -- 4. copyright in works registered, not only software ------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_software_registration_also_registers_the_works(plain, language, templates, corpus,
                                                       tmp_path):
    p25 = plain[language]["P-25"]
    assert ("《作品自愿登记试行办法》" if language == "zh"
            else "Trial Measures for the Voluntary Registration of Works") in p25
    for work in _data(language)["ip"]["works"][:2]:
        assert work in p25
    saas = load_intake(TEMPLATES_DIR / "examples" / f"saas.{language}.yaml")  # no works
    draft_package(saas, corpus, tmp_path / "saas", language, templates=templates)
    text = docx_text(next((tmp_path / "saas" / "02-procedures").glob("*-P-25 *.docx")))
    assert ("作品登记" if language == "zh" else "Registering works") not in text


# -- 5. licences in checked against what ships ----------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_licensed_asset_is_checked_against_its_licence_before_release(plain, language):
    texts = plain[language]
    assert "R-78" in texts
    p11 = texts["P-11"]
    assert "R-78" in p11
    for licence in _data(language)["ip"]["licences_in"]:
        assert licence["what"] in p11
    form = texts["R-78"]
    for column in (("许可地域", "许可期限至", "席位") if language == "zh"
                   else ("Territory licensed", "Licence term ends", "seats")):
        assert column in form


def test_a_company_licensing_nothing_in_has_no_scope_check(templates, corpus, tmp_path):
    maker = load_intake(TEMPLATES_DIR / "examples" / "manufacturer.zh.yaml")  # licences_in: []
    draft_package(maker, corpus, tmp_path / "pkg", "zh", templates=templates)
    assert not list((tmp_path / "pkg").rglob("*-R-78 *.docx"))
    assert "R-78" in (tmp_path / "pkg" / "coverage.md").read_text("utf-8")  # numbers not used


# -- 6. accused of copying: evidence of independent creation --------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_works_keep_evidence_of_independent_creation(plain, language, templates, corpus,
                                                    tmp_path):
    texts = plain[language]
    if language == "zh":
        assert "独立创作的证据" in texts["P-11"] and "参考素材" in texts["P-11"]
        assert "实质性相似" in texts["P-15"]
    else:
        assert "evidence of independent creation" in texts["P-11"]
        assert "reference material" in texts["P-11"]
        assert "substantially similar" in texts["P-15"]
    saas = load_intake(TEMPLATES_DIR / "examples" / f"saas.{language}.yaml")
    draft_package(saas, corpus, tmp_path / "saas", language, templates=templates)
    p11 = docx_text(next((tmp_path / "saas" / "02-procedures").glob("*-P-11 *.docx")))
    assert ("独立创作" if language == "zh" else "independent creation") not in p11


# -- 7. a foreign engine licence is a technology import -------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_licence_from_abroad_cites_the_technology_import_regulations(studio, plain, language):
    texts = studio[language]
    engine = next(x for x in _data(language)["ip"]["licences_in"] if x["abroad"])
    assert TECH_LAW[language] in texts["P-14"] and engine["what"] in texts["P-14"]
    assert TECH_LAW[language] in texts["M-01"] and TECH_LAW[language] in texts["R-09"]
    assert texts["M-01"].count(TECH_LAW[language]) == 1  # cited once, for all its reasons
    # without the licence from abroad and the parent, no import text: the studio still exports
    # and licenses out (a technology export), for which the manual and the laws lists cite it
    data = _data(language)
    assert data["business"]["export_markets"] and data["business"]["licensing_out"]
    cited = {n for n, t in plain[language].items() if TECH_LAW[language] in t}
    assert cited <= {"M-01", "R-09", "R-66"} and "P-14" not in cited
    assert engine["what"] not in plain[language]["P-14"]


# -- 8. commissioned works in P-14 -----------------------------------------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_commissioned_art_is_checked_as_a_commissioned_work(plain, language):
    p14 = plain[language]["P-14"]
    if language == "zh":
        assert "《中华人民共和国著作权法》第十九条" in p14 and "分层源文件" in p14
        assert "不得转委托" in p14 and "公司受他人委托创作作品" in p14
    else:
        assert "Article 19 of the Copyright Law" in p14 and "layered source files" in p14
        assert "does not subcontract" in p14 and "commissioned to create works" in p14


# -- the intake: optional facts, asked for where they apply ---------------------------------------
ASKED = ["company.parent", "business.publishers", "business.platforms",
         "ip.licences_in[1].abroad", "ip.licences_in[2].abroad", "ip.licences_in[3].abroad"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_intake_check_asks_for_the_facts_where_they_apply(language):
    data = _without_new_facts(_data(language))
    _, report = check_intake(yaml.safe_dump(data, allow_unicode=True), "studio.yaml")
    assert [w.path for w in report.warnings if w.path in ASKED] == ASKED
    assert all(w.line for w in report.warnings if w.path in ASKED)
    path = INTAKES / f"game-studio.{language}.yaml"
    _, report = check_intake(path.read_text("utf-8"), path.name)
    assert not [w for w in report.warnings if w.path in ASKED]
    saas = TEMPLATES_DIR / "examples" / f"saas.{language}.yaml"  # no works, not foreign-owned
    _, report = check_intake(saas.read_text("utf-8"), saas.name)
    assert report.warnings == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reading_names_the_parent_publisher_and_licence_from_abroad(language):
    from generators.intake_reading import reading

    data = _data(language)
    lines = reading(load_intake(INTAKES / f"game-studio.{language}.yaml"), language)
    said = "\n".join(lines)
    assert data["company"]["parent"]["name"] in said
    assert data["business"]["publishers"][0]["name"] in said
    assert next(x["what"] for x in data["ip"]["licences_in"] if x["abroad"]) in said
    plain = parse_intake(yaml.safe_dump(_without_new_facts(data), allow_unicode=True), "s.yaml")
    assert len(reading(plain, language)) == len(lines) - 1


def test_a_publisher_may_be_given_by_its_name_alone():
    data = _data("zh")
    data["business"]["publishers"] = ["示例发行有限公司"]
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), "studio.zh.yaml")
    assert [p.name for p in intake.business.publishers] == ["示例发行有限公司"]
    assert intake.business.publishers[0].approvals == ""


def test_a_maker_of_goods_checks_its_licences_before_production_not_release(templates, corpus,
                                                                          tmp_path):
    """The life-sciences example licenses a patent in: the same check, worded for products
    that go into production and on the market rather than software releases."""
    maker = load_intake(TEMPLATES_DIR / "examples" / "life-sciences.zh.yaml")
    draft_package(maker, corpus, tmp_path / "pkg", "zh", templates=templates)
    p11 = docx_text(next((tmp_path / "pkg" / "02-procedures").glob("*-P-11 *.docx")))
    step = p11[p11.index("许可使用范围核查"):]
    step = step[:step.index("\n", step.index("\n") + 1)]
    assert maker.ip.licences_in[0].what in step and "投产" in step and "上市" in step
    assert "发布" not in step and "平台" not in step.split("每项许可只允许")[1].split("。")[1]
