"""The example companies in English (issue 17): generators/templates/examples/*.en.yaml are the
companies of the Chinese examples as an English-speaking (foreign-invested) company would fill
them in — the same facts, English values — and their English packages are clean: no lint finding,
no leftover marker, no Chinese character, and lists and clause references worded as English.

Expected values come from the data files: the Chinese example's facts, the intake's product names
and markets; the packages are drafted in-process, once per module."""
from __future__ import annotations

import re

import pytest
import yaml

from helpers import docx_text
from generators.intake import check_intake, load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR

EXAMPLES = TEMPLATES_DIR / "examples"
NAMES = ["saas", "life-sciences", "manufacturer"]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # 件, 人, （）, Chinese names
DOUBLE_STOP = re.compile(r"\w{2}\.\.(?!\.)")  # 'Ltd..'


def _data(name: str, language: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"{name}.{language}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def packages(tmp_path_factory, corpus, templates):
    """{name: (DraftResult, {file stem: text})} of each English example drafted in English."""
    out = {}
    for name in NAMES:
        folder = tmp_path_factory.mktemp(name) / "pkg"
        result = draft_package(load_intake(EXAMPLES / f"{name}.en.yaml"), corpus, folder, "en",
                               templates=templates)
        out[name] = (result, {p.stem: docx_text(p) for p in folder.rglob("*.docx")})
    return out


def _document(package: dict[str, str], number: str) -> str:
    """The text of the document numbered e.g. 'P-25' ('YZ-IPM-P-25 Software copyright …')."""
    return next(text for stem, text in package.items() if stem.split(" ")[0].endswith(number))


# -- the questionnaires ------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_each_english_example_passes_the_check_with_every_diagnosis_fact(name):
    text = (EXAMPLES / f"{name}.en.yaml").read_text(encoding="utf-8")
    intake, report = check_intake(text, f"{name}.en.yaml")
    assert report.language == "en" and report.warnings == []
    values = yaml.safe_dump(yaml.safe_load(text), allow_unicode=True)
    assert not CJK.search(values), CJK.search(values)  # English values throughout


@pytest.mark.parametrize("name", ["saas", "life-sciences"])
def test_the_english_example_is_the_same_company_as_the_chinese_one(name):
    """Every count, choice, flag and structure of the Chinese example, so that the two packages
    correspond document for document."""
    zh, en = _data(name, "zh"), _data(name, "en")
    assert en["standard"] == zh["standard"]
    for key in ("short_name", "staff", "rd_staff", "revenue_band", "rd_spend_percent", "stage",
                "founded", "business_model", "credit_code"):
        assert en["company"][key] == zh["company"][key], key
    for key in ("products", "processes", "sites"):
        assert len(en["company"][key]) == len(zh["company"][key]), key
    assert [(d["key"], d["functions"]) for d in en["org"]["departments"]] == \
        [(d["key"], d["functions"]) for d in zh["org"]["departments"]]
    assert {k: v for k, v in en["org"].items() if k not in ("departments", "agency")} == \
        {k: v for k, v in zh["org"].items() if k not in ("departments", "agency")}
    for key, value in zh["ip"].items():
        if isinstance(value, list):
            assert len(en["ip"][key]) == len(value), key
        elif isinstance(value, dict):
            assert en["ip"][key].keys() == value.keys() and en["ip"][key].get("used") == \
                value.get("used"), key
        else:
            assert en["ip"][key] == value, key
    assert en["rd"]["modes"] == zh["rd"]["modes"] and en["rd"]["records"] == zh["rd"]["records"]
    assert len(en["rd"]["partners"]) == len(zh["rd"]["partners"])
    assert len(en["business"]["export_markets"]) == len(zh["business"]["export_markets"])
    assert {k: v for k, v in en["business"].items() if k != "export_markets"} == \
        {k: v for k, v in zh["business"].items() if k != "export_markets"}
    assert len(en["policy"]["objectives"]) == len(zh["policy"]["objectives"])
    assert en["budget"]["annual_cny"] == zh["budget"]["annual_cny"]
    assert sorted(en["documents"]["retention_years"].values()) == \
        sorted(zh["documents"]["retention_years"].values())
    assert en["certification"]["existing_systems"] == zh["certification"]["existing_systems"]


def test_the_english_manufacturer_example_is_the_english_questionnaire_template():
    assert (EXAMPLES / "manufacturer.en.yaml").read_text(encoding="utf-8") == \
        (TEMPLATES_DIR / "intake.en.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_intake_template_prints_the_english_example(name, capsys):
    from assistant.cli import main

    assert main(["intake", "template", "--example", name, "--lang", "en"]) == 0
    assert capsys.readouterr().out == (EXAMPLES / f"{name}.en.yaml").read_text(encoding="utf-8")


# -- the English packages ----------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_the_english_package_is_clean_and_has_no_chinese(name, packages):
    result, texts = packages[name]
    assert [f for f in result.findings if f.kind == "leftover"] == []
    assert result.findings == []  # the package lint finds nothing
    leaks = {stem: CJK.findall(text) for stem, text in texts.items() if CJK.search(text)}
    assert leaks == {}
    # a sentence ending in the company's name ('… Co., Ltd.') ends with one full stop
    doubled = {stem: DOUBLE_STOP.findall(text) for stem, text in texts.items()
               if DOUBLE_STOP.search(text)}
    assert doubled == {}


def test_the_saas_procedures_list_products_and_clauses_as_english_does(packages):
    """'A and B', not 'A, B'; 'clauses 8.2 (…) and 8.3 (…)'; the open-source answer of the
    intake quoted as its own sentence, not capitalised inside a bracket."""
    _, texts = packages["saas"]
    data = _data("saas", "en")
    # two products, each a singular noun ('… platform', '… service'): 'the A and the B'
    products = " and ".join(f"the {p}" for p in data["company"]["products"])
    for number in ("P-25", "P-26", "P-27"):
        text = _document(texts, number)
        assert products in text, number
        assert ", ".join(data["company"]["products"]) not in text, number
    clause = r"\d+(?:\.\d+)* \([^)]*\)"  # 8.3 (IP in business operations)
    assert re.search(rf"meeting clauses {clause}(?:, {clause})* and {clause} of ",
                     _document(texts, "P-26"))
    p26 = _document(texts, "P-26")
    assert "(at present: " not in p26
    assert "Open-source use at present: " + data["ip"]["open_source"]["how"] in p26
    # the form asks for the deposit as P25 names it, and an agency abroad for a trademark filing
    assert "Deposit material" in _document(texts, "R-69")
    assert "patent agency" not in _document(texts, "R-46")


def test_a_procedure_serving_one_clause_names_it_in_the_singular(packages):
    _, texts = packages["life-sciences"]
    p28 = _document(texts, "P-28")
    assert re.search(r"meeting clause \d+(\.\d+)* \([^)]*\) of ", p28)
    assert "meeting clauses " not in p28
    markets = _data("life-sciences", "en")["business"]["export_markets"]
    assert markets == ["United States", "EU", "South-East Asia"]
    assert "the United States, the EU and South-East Asia" in p28


# -- the filters the English texts use ---------------------------------------------------------
@pytest.mark.parametrize(("language", "expected"), [("en", "A, B and C"), ("zh", "A、B和C")])
def test_listed_joins_a_list_as_the_language_writes_it(templates, language, expected):
    context = {"_language": language, "three": ["A", "B", "C"], "one": ["A"], "empty": []}
    assert templates.render("{{ three | listed }}", context) == expected
    assert templates.render("{{ one | listed }}|{{ empty | listed }}", context) == "A|"


def test_a_name_ending_in_a_full_stop_ends_the_sentence_once(templates):
    context = {"_language": "en", "name": "Suzhou Example Co., Ltd."}
    assert templates.render("Party A: {{ name }}. Party B: …", context) == \
        "Party A: Suzhou Example Co., Ltd. Party B: …"
    assert templates.render("See... {{ name }}", context) == \
        "See... Suzhou Example Co., Ltd."  # an ellipsis stays


# -- issue 17, part G: what a foreign-invested company's reader trips over -------------------------
ONE_CLAUSE_AS_MANY = re.compile(r"meeting clauses \d+(?:\.\d+)* \([^()]*\) of ")
TITLE_IN_BRACKETS = re.compile(r"\([^()]*\) \([A-Z]+-IPM-[A-Z]-\d+\)")  # '(…) (YZ-IPM-P-07)'


@pytest.mark.parametrize("name", NAMES)
def test_clauses_and_titles_read_as_english(name, packages):
    _, texts = packages[name]
    many = {stem: ONE_CLAUSE_AS_MANY.findall(t) for stem, t in texts.items()
            if ONE_CLAUSE_AS_MANY.search(t)}
    assert many == {}  # one clause is 'meeting clause 7.5 (…) of'
    doubled = {stem: TITLE_IN_BRACKETS.findall(t) for stem, t in texts.items()
               if TITLE_IN_BRACKETS.search(t)}
    assert doubled == {}
    manual = next(t for stem, t in texts.items() if "-M-" in stem.split(" ")[0]
                  or "manual" in stem.casefold())
    assert "In brief: Chapter" not in manual


def test_the_saas_manual_lists_its_facts_with_and(packages):
    _, texts = packages["saas"]
    data = _data("saas", "en")
    manual = next(t for stem, t in texts.items() if "manual" in stem.casefold())
    products, markets = data["company"]["products"], data["business"]["export_markets"]
    assert " and ".join(f"the {p}" for p in products) in manual  # '… platform', '… service'
    assert ", ".join(markets[:-1]) + " and " + markets[-1] in manual
    assert ", ".join(markets) not in manual
    ip = data["ip"]
    assert (f"holds {ip['trademarks']} registered trademarks and "
            f"{ip['software_copyrights']} software copyrights") in manual
    profile = yaml.safe_load((TEMPLATES_DIR.parents[1] / "corpus" / "profiles"
                              / "gbt29490-2023.yaml").read_text(encoding="utf-8"))
    four = next(c for c in profile["clauses"] if str(c.get("number")) == "4")["summary_en"]
    assert "the c" + four[1:].split(",")[0] in manual  # 'the chapter asking the company to …'


def test_the_p13_exclusion_reason_follows_whether_the_company_does_rd(templates):
    p13, p14 = (next(p for p in templates.procedures if p.code == c) for c in ("P13", "P14"))
    for language in ("en", "zh"):
        # the reason names the procedure drawn up when patents are planned (title, number) and,
        # for a company doing R&D, the acquisition procedure by its title (xref33's variables)
        named = {"title": {"P13": p13.title[language], "P14": p14.title[language]},
                 "docno": {"P13": "X-P-13"}}
        trader = templates.render(p13.excluded_reason[language],
                                  {"_language": language, "kind": {"rd": False}, **named})
        developer = templates.render(p13.excluded_reason[language],
                                     {"_language": language, "kind": {"rd": True}, **named})
        assert ("R&D" not in trader.replace("no R&D of its own", "")) if language == "en" \
            else "研发成果" not in trader
        assert ("result of its R&D" in developer) if language == "en" else "研发成果" in developer


# -- issue 17, part H2: department names in English running text ------------------------------------
# The house style: a name whose head noun is a unit word takes 'the' in running text; a functional
# name ('Human Resources') takes none; tables, sign-off blocks and the organisation chart stay bare.
UNIT_WORDS = ("Department", "Dept", "Office", "Centre", "Center", "Team", "Division", "Unit",
              "Committee", "Group", "Section", "Bureau", "Lab", "Laboratory", "Institute")


def _departments(name: str) -> tuple[list[str], list[str]]:
    """(names with a unit head noun, functional names) of the example's departments."""
    names = [d["name"] for d in _data(name, "en")["org"]["departments"]]
    unit = [n for n in names if n.split()[-1] in UNIT_WORDS]
    return unit, [n for n in names if n not in unit]


def _running_text(result) -> list[str]:
    """Every paragraph of the package but headings, and every table cell that is a sentence."""
    from generators.package_reader import Paragraph, read_package

    out = []
    for document in read_package(result.out_dir):
        for block in document.blocks:
            if isinstance(block, Paragraph):
                if not block.style.lower().startswith(("heading", "title")):
                    out.append(block.text)
            else:
                out += [c for row in block.rows for c in row if c.rstrip().endswith(".")]
    return out


@pytest.mark.parametrize("name", NAMES)
def test_department_names_take_the_article_in_english_running_text(name, packages):
    result, texts = packages[name]
    unit, functional = _departments(name)
    named = re.compile("|".join(re.escape(n) for n in sorted(unit, key=len, reverse=True)))
    bare = []
    for text in _running_text(result):
        for match in named.finditer(text):
            label = match.start() == 0 and text[match.end():].startswith(":")  # 'R&D Centre: …'
            if not label and not re.search(r"\b(?:the|The) $", text[:match.start()]):
                bare.append(text[max(0, match.start() - 40):match.end() + 20])
            if re.search(r"(?:^|[.!?]\s)the $", text[:match.start()]):
                bare.append(text[max(0, match.start() - 40):match.end() + 20])  # 'the' starts
    assert bare == []
    everything = "\n".join(texts.values())
    assert not re.search(r"\b(?:the the|The the|the The)\b", everything)
    for department in functional:  # 'Human Resources keeps …', never 'the Human Resources'
        assert not re.search(rf"\b[Tt]he {re.escape(department)}\b", everything), department


def test_a_sentence_starts_with_the_department_capitalised(packages):
    result, _ = packages["saas"]
    unit, _ = _departments("saas")
    text = "\n".join(_running_text(result))
    for department in unit:  # CEO Office, Legal and IP Department, R&D Centre
        assert re.search(rf"(?:^|[.;:]\s|\n)The {re.escape(department)} [a-z]", text), department
