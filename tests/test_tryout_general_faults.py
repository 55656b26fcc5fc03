"""General faults two tryouts found that any company can hit (issue 17, part gen31): a seed
company and a Beijing AI start-up (tests/data/intakes/ai-startup.*.yaml, the consultant's
intakes as given). The seed company is tried here only through small intakes of its own kind built
from the shipped manufacturer example (its own files are added by other parts).

1. a process or technology is never a place: restricted areas come from the sites (a processing
   centre, trial fields), never "实施分子标记辅助育种…等关键工艺的生产区域";
2. a department whose duties another holds gets a duty of its own, never "与Y共同承担上述职责".

Expected words come from the intake's facts and the consultants' quotes, never from the code's
output.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import docx_text, planned as _plan, rendered_texts as _texts
from generators.intake import check_intake, load_intake
from generators.package import draft_package
from generators.roles import department_duties
from generators.templates_io import TEMPLATES_DIR

INTAKES = Path(__file__).parent / "data" / "intakes"
EXAMPLES = Path(__file__).parent.parent / "generators" / "templates" / "examples"
AREAS = "procedures/P06.{lang}.steps[5].text"  # 5.6 保密区域 / Restricted areas
TERM = "procedures/P06.{lang}.definitions[2].meaning"  # 保密区域 / restricted area
MANUAL_SECRETS = "manual.{lang}.clauses.6.2.3#2"  # the manual's confidentiality clause


AI = {lang: INTAKES / f"ai-startup.{lang}.yaml" for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def ai_package(tmp_path_factory, corpus, templates):
    """The AI start-up's package in each language: {lang: (findings, {file stem: text})}."""
    out = {}
    for lang, path in AI.items():
        folder = tmp_path_factory.mktemp(f"ai-{lang}") / "pkg"
        result = draft_package(load_intake(path), corpus, folder, lang, templates=templates)
        out[lang] = (result.findings, {p.stem: docx_text(p) for p in folder.rglob("*.docx")})
    return out


def _doc(texts: dict[str, str], code: str) -> str:
    """The text of the package's document numbered …-`code` (P-06, M-01, R-57)."""
    return next(text for stem, text in texts.items() if stem.split(" ", 1)[0].endswith(code))


def _example(lang: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"manufacturer.{lang}.yaml").read_text(encoding="utf-8"))


def _intake(data: dict):
    return check_intake(yaml.safe_dump(data, allow_unicode=True), "intake.yaml")[0]


# the seed tryout's facts, in each language: breeding technologies as company.processes, a seed
# processing centre and trial stations as sites, a processing centre beside the production
# department and an international-trade department beside the sales one
SEED = {
    "zh": {"processes": ["分子标记辅助育种", "双单倍体育种", "亲本自交系选育"],
           "sites": [{"name": "总部", "address": "郑州市翠竹街 66 号", "activities": "管理、育种研发"},
                     {"name": "种子加工中心", "address": "原阳县产业集聚区 9 号",
                      "activities": "种子精选、包衣、包装、仓储"},
                     {"name": "河北试验站", "address": "石家庄市藁城区",
                      "activities": "品种比较试验、多点测试"}],
           "departments": [{"key": "proc", "name": "种子加工中心", "head": "黄磊",
                            "functions": ["production"]},
                           {"key": "intl", "name": "国际贸易部", "head": "何立",
                            "functions": ["sales"]}],
           "places": ("种子加工中心", "试验田")},
    "en": {"processes": ["marker-assisted breeding", "doubled-haploid breeding"],
           "sites": [{"name": "Head office", "address": "66 Cuizhu Street",
                      "activities": "management, breeding, R&D"},
                     {"name": "Seed Processing Centre", "address": "Yuanyang County",
                      "activities": "conditioning, coating, packaging, storage"},
                     {"name": "Hebei test station", "address": "Gaocheng",
                      "activities": "variety trials"}],
           "departments": [{"key": "proc", "name": "Seed Processing Centre",
                            "head": "Huang Lei", "functions": ["production"]},
                           {"key": "intl", "name": "International Trade Department",
                            "head": "He Li", "functions": ["sales"]}],
           "places": ("Seed Processing Centre", "trial fields")},
}


def _seed(lang: str) -> dict:
    data = _example(lang)
    facts = SEED[lang]
    data["company"]["processes"] = facts["processes"]
    data["company"]["sites"] = facts["sites"]
    data["org"]["departments"] += facts["departments"]
    return data


# -- 1. a technology is never a place ---------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_restricted_areas_are_the_sites_never_the_processes(templates, corpus, lang):
    data = _seed(lang)
    texts = _texts(_intake(data), templates, corpus, lang, AREAS, TERM, MANUAL_SECRETS)
    for key, text in texts.items():
        for process in data["company"]["processes"]:
            assert process not in text, (key, process, text)
        assert "关键工艺" not in text and "key processes" not in text, (key, text)
        for place in SEED[lang]["places"]:  # the processing centre, the test station's fields
            assert place in text, (key, place, text)
        # field trials at a test station are no laboratory
        assert "试验室" not in text, (key, text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plants_processes_do_not_name_its_production_area(templates, corpus, lang):
    """The manufacturer example: its plant (生产基地 / Plant) is the place, not its hot-press
    moulding and nano-coating spraying."""
    data = _example(lang)
    text = _texts(_intake(data), templates, corpus, lang, AREAS)[AREAS]
    plant = data["company"]["sites"][1]["name"]
    assert plant.lower() in text.lower()
    for process in data["company"]["processes"]:
        assert process not in text


# -- 2. each department's own duty, no line pointing elsewhere ---------------------------------------
def _duties(data: dict, templates, corpus, lang: str) -> dict[str, str]:
    intake = _intake(data)
    context = _plan(intake, templates, corpus, lang).context
    return {d["name"]: d["duties"] for d in department_duties(intake, templates, context, lang)}


POINTER = {"zh": "共同承担上述职责", "en": "shares the duties above"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_processing_centre_and_a_trade_department_get_duties_of_their_own(
        templates, corpus, lang):
    duties = _duties(_seed(lang), templates, corpus, lang)
    processing, trade = (d["name"] for d in SEED[lang]["departments"])
    assert POINTER[lang] not in duties[processing] and POINTER[lang] not in duties[trade]
    # what their names say they do: processing and packaging; export and markets abroad
    assert ("包装" if lang == "zh" else "packaging") in duties[processing]
    assert ("出口" if lang == "zh" else "export") in duties[trade]
    # the production and sales departments keep their own duties
    production = next(d["name"] for d in _example(lang)["org"]["departments"]
                      if "production" in d["functions"])
    assert ("生产" if lang == "zh" else "production") in duties[production]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_department_whose_name_says_nothing_more_gets_the_duty_within_its_work(
        templates, corpus, lang):
    """A final-assembly workshop beside the production department: its name does not divide the
    production duty, so it holds that duty within its own work, never only a pointer."""
    data = _example(lang)
    name = "总装车间" if lang == "zh" else "Final Assembly Workshop"
    data["org"]["departments"].append({"key": "asm", "name": name, "head": "黄磊",
                                       "functions": ["production"]})
    duties = _duties(data, templates, corpus, lang)
    assert POINTER[lang] not in duties[name]
    assert ("保密" if lang == "zh" else "confidential") in duties[name]
    # a sole international-business department (the SaaS example's) keeps the whole sales duty
    saas = yaml.safe_load((EXAMPLES / f"saas.{lang}.yaml").read_text(encoding="utf-8"))
    sales = next(d["name"] for d in saas["org"]["departments"] if "sales" in d["functions"])
    assert ("销售合同" if lang == "zh" else "sales contracts") in _duties(
        saas, templates, corpus, lang)[sales]


# -- 3. an objective naming a country or region abroad plans IP abroad -------------------------------
ABROAD = {"zh": ("在哈萨克斯坦、乌兹别克斯坦申请商标注册和品种保护", "境外申请（据目标 {n}）", "计划：无"),
          "en": ("Apply for trademark registration in Kazakhstan and Uzbekistan",
                 "filing abroad (objective {n})", "plans: none")}


@pytest.mark.parametrize("markets", [[], ["哈萨克斯坦", "乌兹别克斯坦"]])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_objective_naming_a_country_abroad_is_a_plan_everywhere(lang, markets):
    from generators.company_kind import derived_facts
    from generators.intake_reading import reading

    objective, planned, none = ABROAD[lang]
    data = _example(lang)
    data["ip"]["patents"]["foreign"] = 0
    data["business"]["export_markets"] = (markets if lang == "zh" else
                                          ["Kazakhstan", "Uzbekistan"][:len(markets)])
    data["business"]["export_mode"] = ["goods"] if markets else []
    data["policy"]["objectives"].append(objective)
    intake = _intake(data)
    # the package reads it as a plan (derived_facts feeds every document) …
    assert derived_facts(intake, lang)["plans"]["foreign_filing"]
    # … and `ipms intake check` says the same, naming the objective
    first = reading(intake, lang)[0]
    assert planned.format(n=len(data["policy"]["objectives"])) in first and none not in first


# -- 4. the company's own messaging suite is an authorised channel ----------------------------------
@pytest.mark.parametrize("lang, suite, forbidden", [
    ("zh", "飞书", "禁止通过私人邮箱、即时通讯工具"),
    ("en", "Feishu", "private e-mail, instant messaging or public cloud storage")])
def test_p06_forbids_channels_other_than_the_companys_own_suite(ai_package, lang, suite,
                                                                forbidden):
    """rd.records_other: 'MLflow 实验记录及飞书文档' — the start-up works in Feishu, so P-06 may
    not forbid instant messaging as such (the consultant's quote), only channels besides it."""
    p06 = _doc(ai_package[lang][1], "P-06")
    assert forbidden not in p06
    sentence = next(s for s in p06.replace("\n", "。").split("。")
                    if ("即时通讯" if lang == "zh" else "instant messaging") in s)
    assert suite in sentence


# -- 5. an exclusion names the procedure it means -------------------------------------------------
@pytest.mark.parametrize("lang, vague", [("zh", "启用本程序"), ("en", "this procedure is brought in")])
def test_exclusions_name_the_procedure_to_be_drawn_up(ai_package, lang, vague, corpus,
                                                     templates):
    findings, texts = ai_package[lang]
    manual = _doc(texts, "M-01")
    assert vague not in manual and vague not in _doc(texts, "R-57")
    # the investment, financing and M&A procedure keeps its number P-20 in every package
    # (not_drafted.yaml): the manual names it by number, or by the number of the small
    # company's bundle that holds it as a chapter
    number = _plan(load_intake(AI[lang]), templates, corpus, lang).context["docno"]["P20"]
    assert number.replace("\u2060", "") in manual
    assert not [f for f in findings if "P-20" in str(f)]


# -- 6. wording of another kind: a game studio's partners, paid licences ---------------------------
@pytest.mark.parametrize("lang, game", [("zh", "发行"), ("en", "publishing partners")])
def test_an_ai_companys_delivery_duty_has_no_game_publishing(ai_package, lang, game):
    """The start-up names no publishers or platforms: its 商务与交付部 serves customers."""
    manual = _doc(ai_package[lang][1], "M-01")
    name = "商务与交付部" if lang == "zh" else "Business and Delivery"
    colon = "：" if lang == "zh" else ": "
    duty = next(line for line in manual.splitlines() if line.startswith(name + colon))
    assert game not in duty


def _step_key(procedure: str, title: str) -> str:
    """The template key of the step titled `title` (in Chinese; the English steps stand in the
    same order) of `procedure`, found by its title: a step added before it moves its index."""
    steps = yaml.safe_load((TEMPLATES_DIR / "procedures" / f"{procedure}.yaml").read_text(
        encoding="utf-8"))["zh"]["steps"]
    index = next(i for i, step in enumerate(steps) if step["title"] == title)
    return f"procedures/{procedure}.{{lang}}.steps[{index}].text"


STATUTORY = _step_key("P14", "办理法定手续")  # 办理法定手续 / Completing legal formalities
REMIT = {"zh": "付汇", "en": "remit"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_only_a_paid_licence_from_abroad_goes_to_import_registration(templates, corpus, lang):
    """Llama 3 under its Community License (royalty-free, from abroad): no technology-import
    registration for remitting royalties; the same licence paid for: registered as before."""
    data = yaml.safe_load(AI[lang].read_text(encoding="utf-8"))
    text = _texts(_intake(data), templates, corpus, lang, STATUTORY)[STATUTORY]
    assert REMIT[lang] not in text
    llama = next(lic for lic in data["ip"]["licences_in"] if lic["abroad"])
    llama["paid"] = True
    text = _texts(_intake(data), templates, corpus, lang, STATUTORY)[STATUTORY]
    # its name as written, the licensor's note joined to its own bracket (one bracket: lo31)
    assert REMIT[lang] in text and re.split(r"[（(]", llama["what"])[0] in text
    assert llama["licensor"] in text


# -- 7. a licence's term as a consultant words it ---------------------------------------------------
@pytest.mark.parametrize("lang, wrong, right", [
    ("zh", ("期限至长期", "期限至合同期内"), ("长期有效",)),
    ("en", ("until perpetual", "until term of each contract"),
     ("with no end date", "for the term of each contract"))])
def test_open_and_contract_terms_are_phrased(ai_package, lang, wrong, right):
    text = "\n".join(ai_package[lang][1].values())
    for words in wrong:
        assert words not in text
    manual = _doc(ai_package[lang][1], "M-01")
    for words in right:
        assert words in manual


# -- 8. English slips ----------------------------------------------------------------------------------
PROFILE = "manual.{lang}.sections.profile.text"


def test_an_industry_named_with_its_noun_is_not_doubled(templates, corpus):
    """The seed tryout's 'It belongs to the seed industry (crop seeds) industry', and its list
    of processes with 'the inbred parent-line development' (an article from the list)."""
    data = _example("en")
    data["company"]["industry"] = "seed industry (crop seeds)"
    data["company"]["processes"] = ["marker-assisted breeding", "doubled-haploid breeding",
                                    "inbred parent-line development", "seed quality testing"]
    text = _texts(_intake(data), templates, corpus, "en", PROFILE)[PROFILE]
    assert "industry (crop seeds) industry" not in text
    assert "the seed industry (crop seeds)" in text
    assert "the inbred parent-line development" not in text
    assert "inbred parent-line development" in text


@pytest.mark.parametrize("slip", [
    "the plan covers the identifying inventions",
    "each of Algorithm Research and Platform Engineering",
    "this procedure is brought in"])
def test_the_ai_startups_english_slips_are_gone(ai_package, slip):
    text = "\n".join(ai_package["en"][1].values())
    assert slip not in text
    if slip.startswith("each of"):  # still each department doing the work, in plain English
        assert "Algorithm Research and Platform Engineering" in text


# -- 9. sign-offs name the company's own IP department -----------------------------------------------
@pytest.mark.parametrize("lang, generic", [("zh", "知识产权管理部门"), ("en", "IP department")])
def test_form_sign_offs_name_the_companys_ip_department(ai_package, lang, generic):
    """The consultant: R-53's sign-off column says 知识产权管理部门 where the company's department
    has a name; the start-up's IP work is done by its 总裁办 (org.ip_department: ceo)."""
    data = yaml.safe_load(AI[lang].read_text(encoding="utf-8"))
    own = next(d["name"] for d in data["org"]["departments"]
               if d["key"] == data["org"]["ip_department"])
    forms = {stem: text for stem, text in ai_package[lang][1].items() if "-R-" in stem
             and not stem.split(" ", 1)[0].endswith("R-57")}  # R-57 quotes the standard
    assert not [stem for stem, text in forms.items() if generic in text]
    assert own in _doc(ai_package[lang][1], "R-53")


# -- 10. licence identifiers are no internal clause keys ----------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_licence_identifiers_are_no_leftover_clause_keys(lang):
    """The start-up's P-26 names 'GPL-3.0/AGPL-3.0' (its open-source note): coverage.md reported
    '3.0/AGPL-3.0' as a leftover internal clause key. A key standing alone still is one."""
    from generators.lint import _Package, _check_leftovers
    from generators.package_reader import PackageDocument, Paragraph

    note = yaml.safe_load(AI[lang].read_text(encoding="utf-8"))["ip"]["open_source"]["how"]
    assert "GPL-3.0/AGPL-3.0" in note
    key = "见10.2/保护" if lang == "zh" else "see 10.2/protection"
    document = PackageDocument("02-procedures/P-26.docx", "procedure", "P-26", "P-26", "",
                               [Paragraph(note), Paragraph(key)])
    package = _Package([document], None)
    package.language = lang
    _check_leftovers(package)
    found = [str(f) for f in package.findings]
    assert not [f for f in found if "GPL" in f], found
    assert len(found) == 1 and "10.2/" in found[0], found


# -- 11. one problem per line ------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_intake_check_prints_one_problem_per_line(tmp_path, capsys, lang):
    """The start-up's consultant: three problems of an intake on one line, joined by semicolons."""
    from assistant.cli import main

    data = _example(lang)
    data["company"]["staff"] = "很多" if lang == "zh" else "many"
    del data["people"]["ip_representative"]
    data["ip"]["patents"]["invention"] = -3
    path = tmp_path / "intake.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["intake", "check", str(path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 4, lines  # the head, then each problem on its own line
    for field in ("company.staff", "people.ip_representative", "ip.patents.invention"):
        line = next(x for x in lines if field in x)
        assert not any(other in line for other in ("company.staff", "people.ip_representative",
                                                   "ip.patents.invention") if other != field)
