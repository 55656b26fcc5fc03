"""A foreign-invested game studio's intake read as a consultant reads it (issue 17, the fourth
tryout: tests/data/intakes/game-studio.en.yaml and .zh.yaml, the consultant's own files):

- a site's 'art and audio production' (美术和音频制作) is media work, not a production area
  that P-06 §5.6 and the manual restrict;
- the package lint splits a joint duties line by the department names it knows, not by 'and'
  ('Game Development Studio and Art and Audio Centre');
- a list item holding a comma inside brackets ('Project Ember (PC action game, in
  development)') stays one item;
- a product title in 《》 ending in 计划 is no reference to a missing document;
- a foreign manager's name in Latin letters is no English text left in a Chinese intake;
- a quoted section title matches a heading ('Scope and statement of exclusions');
- `--lang zh` on an English intake prints one line for its English answers, and a retention
  kind near no form's title is offered the known kinds, not "did you mean: Patent search report".

Expected words come from the consultant's intakes and findings, the standard's and the templates'
headings, never from what the code under test produced.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from docx import Document

from helpers import docx_text
from generators.company_sites import physical_areas
from generators.intake import check_intake, load_intake
from generators.intake_report import compose
from generators.lint import lint_package
from generators.lint_people import named_together
from generators.package import draft_package
from generators.retention import retention_problems

INTAKES = Path(__file__).parent / "data" / "intakes"
TRY = {"en": INTAKES / "game-studio.en.yaml", "zh": INTAKES / "game-studio.zh.yaml"}
# the consultant's quote of what P-06 §5.6 / the manual's 8.2 wrongly restricted
PRODUCTION_AREAS = {"en": "production areas where key processes", "zh": "关键工艺的生产区域"}


@pytest.fixture(scope="module")
def drafted(tmp_path_factory, corpus, templates):
    """Each language's package: {lang: (folder, findings, {file stem: text})}, drafted once."""
    out = {}
    for lang, path in TRY.items():
        folder = tmp_path_factory.mktemp(f"game-{lang}") / "pkg"
        result = draft_package(load_intake(path), corpus, folder, lang, templates=templates)
        texts = {p.stem: docx_text(p) for p in folder.rglob("*.docx")}
        out[lang] = (folder, result.findings, texts)
    return out


def _manual(texts: dict[str, str]) -> str:
    return next(text for stem, text in texts.items() if "-M-" in stem.split(" ", 1)[0])


def _all(texts: dict[str, str]) -> str:
    return "\n".join(texts.values())


# -- 1. a media production is no factory floor ------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_art_and_audio_production_restricts_no_production_area(drafted, lang):
    _, _, texts = drafted[lang]
    assert PRODUCTION_AREAS[lang] not in _all(texts)


# site activities as a consultant reads them: (activities, production area named?)
ACTIVITIES = [
    ("management, game development, art and audio production, live operations", False),
    ("video production and post-production", False),
    ("operation of the production environment and production servers", False),
    ("管理、内容生产、数据加工", False),
    ("运维生产环境", False),
    ("production of castings, assembly", True),  # a factory's production stays one
    ("生产车间、仓库", True),
]


@pytest.mark.parametrize("activities,production", ACTIVITIES)
def test_site_activities_are_read_as_work_or_place(activities, production):
    intake = SimpleNamespace(company=SimpleNamespace(
        sites=[SimpleNamespace(name="Site", activities=activities)]),
        ip=SimpleNamespace(trade_secret_examples=[]))
    kind = {"manufacturing": True, "life_sciences": False, "testing": False,
            "physical_goods": True, "rd_services": False, "rd": True}
    areas = physical_areas(intake, kind)
    assert (("", "") in areas) is production


# -- 2. joint duties split by the known names ---------------------------------------------------
def test_the_english_package_finds_duties_for_departments_with_and_in_their_names(drafted):
    _, findings, _ = drafted["en"]
    departments = [f.message for f in findings if f.kind == "department"]
    assert not [m for m in departments if "Game Development Studio" in m
                or "Art and Audio Centre" in m]


@pytest.mark.parametrize("lead,names,language,expected", [
    ("Game Development Studio and Art and Audio Centre",
     ["Game Development Studio", "Art and Audio Centre", "Legal and IP Department"], "en",
     ["Game Development Studio", "Art and Audio Centre"]),
    ("Art and Audio Centre and Game Development Studio",
     ["Game Development Studio", "Art and Audio Centre"], "en",
     ["Art and Audio Centre", "Game Development Studio"]),
    ("法务和知识产权部、研发中心", ["法务和知识产权部", "研发中心"], "zh",
     ["法务和知识产权部", "研发中心"]),
    ("Art and Audio Centre", ["Art and Audio Centre", "Audio Centre"], "en",
     ["Art and Audio Centre"]),
])
def test_joint_duties_are_split_by_the_names_not_by_and(lead, names, language, expected):
    assert named_together(lead, names, language) == expected


# -- 3. a comma inside brackets ----------------------------------------------------------------------
def test_a_comma_inside_brackets_does_not_split_a_list_item():
    # the consultant's three products, as the intake's line writes them
    assert load_intake(TRY["en"]).company.products == [
        "Moonlit Tide (mobile RPG)", "Pixel Orchard (casual mobile game)",
        "Project Ember (PC action game, in development)"]


def test_only_a_bracket_that_closes_joins_list_items():
    from generators.intake_yaml import read_mapping

    text = "p: [A (b, c), D (e, F, \"G (h\", i)]\n"
    assert read_mapping(text)["p"] == ["A (b, c)", "D (e", "F", "G (h", "i)"]


def test_full_width_brackets_with_a_comma_stay_one_item_and_lines_stay_right():
    text = TRY["zh"].read_text(encoding="utf-8").replace("（PC动作游戏，在研）",
                                                       "（PC动作游戏, 在研）")
    intake, _ = check_intake(text, "intake.yaml")
    assert intake.company.products[-1] == "《余烬计划》（PC动作游戏, 在研）"
    root = compose(text)
    company = next(v for k, v in root.value if k.value == "company")
    processes = next(v for k, v in company.value if k.value == "processes")
    products = next(v for k, v in company.value if k.value == "products")
    assert len(products.value) == 3
    assert processes.start_mark.line == products.start_mark.line + 1


def test_products_are_named_whole_and_without_an_article(drafted):
    _, _, texts = drafted["en"]
    text = _all(texts)
    assert "Project Ember (PC action game, in development)" in text
    assert "the in development" not in text
    assert "the Project Ember" not in text


# -- 4. a product title is no document ---------------------------------------------------------------
def test_a_product_title_ending_in_jihua_is_no_missing_document(drafted):
    _, findings, texts = drafted["zh"]
    assert "《余烬计划》" in _all(texts)
    assert not [f for f in findings if "余烬计划" in f.message]


def test_a_missing_plan_that_is_no_product_is_still_reported(tmp_path):
    from test_lint import make_package

    folder = make_package(tmp_path, manual=[
        ("p", "公司产品包括《月汐》和《余烬计划》（PC动作游戏），按《知识产权年度工作计划》推进。")])
    found = [f.message for f in lint_package(folder, load_intake(TRY["zh"]))
             if f.kind == "reference"]
    assert any("知识产权年度工作计划" in m for m in found)
    assert not any("余烬计划》" in m for m in found)


# -- 5. a foreign name is no English text --------------------------------------------------------
def test_a_foreign_managers_name_is_no_english_text_in_a_chinese_intake():
    _, report = check_intake(TRY["zh"].read_text(encoding="utf-8"), "intake.yaml")
    assert not [w for w in report.warnings if "Daniel Whitfield" in w.message]


def test_an_english_title_in_a_chinese_intake_is_still_warned():
    data = yaml.safe_load(TRY["zh"].read_text(encoding="utf-8"))
    data["people"]["top_manager"]["title"] = "General Manager"
    _, report = check_intake(yaml.safe_dump(data, allow_unicode=True), "intake.yaml")
    assert [w for w in report.warnings if w.path == "people.top_manager.title"]


def test_a_product_named_by_its_brand_alone_is_no_english_text_but_a_description_is():
    data = yaml.safe_load(TRY["zh"].read_text(encoding="utf-8"))
    data["company"]["products"] = ["Moonlit Tide", "Pixel Orchard (casual mobile game)"]
    _, report = check_intake(yaml.safe_dump(data, allow_unicode=True), "intake.yaml")
    warned = {w.path for w in report.warnings}
    assert "company.products[1]" not in warned
    assert "company.products[2]" in warned


# -- 6. a quoted section title is a heading -------------------------------------------------------
# the manual's heading for its scope (manual.*.yaml), as the reference must quote it
SCOPE = {"en": ('the section "Scope and statement of exclusions"',
                'the section "Scope and exclusions"'),
         "zh": ("“适用范围与删减说明”一节", "“适用范围和删减”一节")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_quoted_section_titles_match_the_headings(drafted, lang, tmp_path):
    folder, findings, texts = drafted[lang]
    right, wrong = SCOPE[lang]
    assert right in _manual(texts)
    assert not [f for f in findings if f.kind == "section"]
    copy = tmp_path / "pkg"
    shutil.copytree(folder, copy)
    manual = next((copy / "01-manual").glob("*.docx"))
    document = Document(str(manual))
    paragraph = next(p for p in document.paragraphs if right in p.text)
    paragraph.text = paragraph.text.replace(right, wrong)
    document.save(str(manual))
    name = re.search(r"[“\"]([^”\"]+)[”\"]", wrong).group(1)
    found = [f for f in lint_package(copy, load_intake(TRY[lang])) if f.kind == "section"]
    assert len(found) == 1 and name in found[0].message


def test_a_step_of_another_procedure_named_with_it_is_a_known_section(tmp_path):
    from test_lint import make_package

    folder = make_package(
        tmp_path, procedure=[("h2", "5.6 文件更改"), ("p", "需要修订的按“文件更改”步骤实施。")],
        extra={"02-procedures/T-P-02 风险控制程序.docx": ("T-P-02", "风险控制程序", [
            ("h1", "5 工作程序"),
            ("p", "修订按《文件控制程序》“文件更改”步骤进行，变更见5.6“文件变更”。")])})
    found = [f.message for f in lint_package(folder) if f.kind == "section"]
    assert len(found) == 1 and "文件变更" in found[0]


# -- 7. warnings a consultant can read ----------------------------------------------------------------
def test_lang_zh_on_an_english_intake_prints_one_line_for_its_english_answers(corpus, templates):
    result = draft_package(load_intake(TRY["en"]), corpus, None, "zh", templates=templates)
    lines = result.warning_lines(compose(TRY["en"].read_text(encoding="utf-8")))
    # 60 English answers make one line; the others are the intake's own queries (a user-content
    # objective, state-secret grades, and since session 34 the group's facts: ownership, 高企,
    # a parent owning what the objectives file in the company's name)
    assert len(lines) <= 7
    assert not [line for line in lines if "English" in line or "英文" in line][1:]
    assert len([line for line in lines if "写的是英文" in line]) == 1
    assert any("coverage.md" in line and "--lang en" in line for line in lines)


def test_an_unknown_retention_kind_is_offered_the_known_kinds_not_a_far_title(templates,
                                                                              tmp_path):
    """A kind of record no form carries ('player chat logs'; the studio's 'user content reports'
    is now R-77's) is not offered a far title such as 'Patent search report'."""
    from helpers import intake_variant

    def chat_logs(data):
        data["documents"]["retention_years"]["player chat logs"] = 3

    intake = load_intake(intake_variant(TRY["en"], tmp_path, chat_logs))
    problems = [p for p in retention_problems(intake, None, "en", templates)
                if "player chat logs" in p.path]
    assert len(problems) == 1
    message = problems[0].message
    assert "Patent search report" not in message and "did you mean" not in message
    # the record kinds forms.yaml gives (record_kind), as the Chinese message lists them
    assert "contract" in message and "training" in message


def test_a_mistyped_retention_kind_is_still_offered_its_form(templates):
    data = yaml.safe_load(TRY["en"].read_text(encoding="utf-8"))
    data["documents"]["retention_years"] = {"contracts": 10, "patent serach reports": 5}
    intake, _ = check_intake(yaml.safe_dump(data, allow_unicode=True), "intake.yaml")
    problems = retention_problems(intake, None, "en", templates)
    assert any("Patent search report" in p.message for p in problems)
