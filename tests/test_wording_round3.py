"""Issue 17, third tryout: wording a consultant would correct (part wrd).

The consultant drafted an engineering design institute (tests/data/intakes/design.zh.yaml /
design.en.yaml), a trading company without patents or R&D (trading.zh.yaml) and the shipped
examples, and marked, by kind:

1. an absence stated twice: '公司目前无知识产权投融资计划，目前没有此类活动' (5 times in the institute's
   manual), 'The company has no plans …, so there is no such activity at present', and '公司目前未
   持有专利，知识产权目标也不含专利申请' three times in one manual — state it once, in one wording;
   the package lint reports a sentence stating an absence twice;
2. 公司 beside 本院: a company whose name ends in 院/所/中心/大学 calls itself 本院/本所/本中心 in
   its own text (the institute's staff write 院本部, 院办公室, 我院), never 公司 — but another
   company (子公司, 评估公司, names ending 有限公司) and the 公司法 stay;
3. the joint duty entry of parallel departments in English still says 'its work';
4. texts naming what the company does not have: 商标代理 in P-16 for a company without marks, 已许可
   专利 in the manual's M&A text without patents, 配方、工艺参数、图纸 in R-14 for a trading company;
5. R-66's 来源 cells hold words while the legend above says to write its number (代号);
6. the lint's `chain` check (who reviews or approves a record) read only Chinese packages.

Expected phrases are the consultant's findings, the standard's and the templates' own words.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest

from generators.intake import load_intake
from generators.lint import _Package, lint_package
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph, read_package
from generators.templates_io import TEMPLATES_DIR
from helpers import intake_variant, procedure_documents
from tests.test_lint import make_package

INTAKES = Path(__file__).parent / "data" / "intakes"
DESIGN = {"zh": INTAKES / "design.zh.yaml", "en": INTAKES / "design.en.yaml"}
TRADING = INTAKES / "trading.zh.yaml"
EXAMPLES = TEMPLATES_DIR / "examples"


def _draft(intake, folder: Path, language: str, corpus, templates) -> dict[str, str]:
    """{'M-01', 'P-16', 'R-66' …: the document's text} of the package drafted to `folder`."""
    result = draft_package(intake, corpus, folder, language, templates=templates)
    texts = {d.number.split("-IPM-")[-1]: "\n".join(t for _, t in d.texts())
             for d in read_package(folder)}
    # a procedure a small company's bundle holds as a chapter, by its own number ('P-16')
    texts.update({key.split(" ")[0]: text for key, text in procedure_documents(folder).items()
                  if key.split(" ")[0] not in texts})
    texts["lint"] = [f"{f.kind}: {f.message}" for f in result.findings]
    texts["folder"] = folder
    return texts


@pytest.fixture(scope="module")
def design(tmp_path_factory, corpus, templates):
    """The institute's package in each language: {language: {document: text}}."""
    return {lang: _draft(load_intake(path), tmp_path_factory.mktemp(f"design-{lang}") / "pkg",
                         lang, corpus, templates) for lang, path in DESIGN.items()}


def _no_marks(data: dict) -> None:
    """The trading company without registered marks, with two software copyrights (its
    customs-declaration tools) and no objective naming marks."""
    data["ip"]["trademarks"] = 0
    data["ip"]["software_copyrights"] = 2
    data["policy"]["objectives"] = ["进口及出口货物的知识产权核查覆盖率达到 100%"]


@pytest.fixture(scope="module")
def plain_trader(tmp_path_factory, corpus, templates):
    """The trading company without marks (_no_marks), drafted in Chinese."""
    folder = tmp_path_factory.mktemp("trader")
    return _draft(load_intake(intake_variant(TRADING, folder, _no_marks)), folder / "pkg", "zh",
                  corpus, templates)


@pytest.fixture(scope="module")
def maker(tmp_path_factory, corpus, templates):
    """The manufacturer example (patents, marks, formulations), drafted in Chinese."""
    return _draft(load_intake(EXAMPLES / "manufacturer.zh.yaml"),
                  tmp_path_factory.mktemp("maker") / "pkg", "zh", corpus, templates)


# -- 1. an absence is stated once ------------------------------------------------------------------
# the consultant's example: the second phrase restates the first
ECHO = {"zh": "目前没有此类活动", "en": "no such activity at present"}
# each absence the institute's manual states, in its one wording
ONCE = {"zh": ["目前无知识产权投融资计划", "目前无知识产权作价入股计划", "目前未参加或组建知识产权联盟",
               "目前无并购计划"],
        "en": ["has no plans for IP investment and financing", "has no plans to contribute IP",
               "is not a member of an IP alliance", "has no plans for mergers or acquisitions"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_institutes_manual_states_each_absence_once(lang, design):
    manual = design[lang]["M-01"]
    assert ECHO[lang] not in manual
    for phrase in ONCE[lang]:
        assert manual.count(phrase) == 1, phrase
    assert not [f for f in design[lang]["lint"] if f.startswith("wording")]


@pytest.mark.parametrize("lang, phrase", [("zh", "目前未持有专利，知识产权目标也不含专利申请"),
                                          ("en", "holds no patents at present and its IP "
                                                 "objectives include no patent filings")])
def test_a_company_without_patents_is_told_so_once_in_its_manual(lang, phrase, tmp_path, corpus,
                                                                 templates):
    texts = _draft(load_intake(EXAMPLES / f"saas.{lang}.yaml"), tmp_path / "pkg", lang, corpus,
                   templates)
    assert texts["M-01"].count(phrase) == 1


def test_the_lint_reports_a_sentence_stating_an_absence_twice(tmp_path):
    twice = "公司目前无知识产权投融资计划，目前没有此类活动；计划发生时由财务部牵头制定方案。"
    root = make_package(tmp_path / "a", manual=[("p", twice)])
    findings = [f.message for f in lint_package(root) if f.kind == "wording"]
    assert len(findings) == 1 and "公司目前无知识产权投融资计划，目前没有此类活动" in findings[0]
    once = "公司目前无知识产权投融资计划；计划发生时由财务部牵头制定方案。"
    assert [f for f in lint_package(make_package(tmp_path / "b", manual=[("p", once)]))
            if f.kind == "wording"] == []


def _english_manual(text: str) -> _Package:
    manual = PackageDocument("01-manual/M.docx", "manual", "M-01", "IP Management Manual",
                             "Example Ltd  M-01  GB/T 29490", [Paragraph(text)])
    return _Package([manual], None)


def test_the_lint_reports_an_english_sentence_stating_an_absence_twice():
    from generators.lint_wording import check_repeated_absence

    package = _english_manual("The company has no plans for mergers or acquisitions, so there "
                              "is no such activity at present; in any future merger it will "
                              "carry out due diligence.")
    check_repeated_absence(package)
    assert [f.kind for f in package.findings] == ["wording"]
    package = _english_manual("The company has no plans for mergers or acquisitions; in any "
                              "future merger it will carry out due diligence.")
    check_repeated_absence(package)
    assert package.findings == []


# -- 2. the company's own word for itself ----------------------------------------------------------
@pytest.mark.parametrize("name, word", [
    ("江苏华筑工程设计研究院有限公司", "院"), ("上海市建筑设计研究院", "院"), ("某某律师事务所", "所"),
    ("苏州工业园区检验检测中心有限公司", "中心"), ("某某大学", "校"),
    ("北京智衡新材料科技有限公司", "公司"), ("宁波海联进出口贸易有限公司", "公司"),
])
def test_a_company_calls_itself_by_the_word_its_name_ends_with(name, word):
    from generators.company_kind import self_name

    assert self_name(name) == word


@pytest.mark.parametrize("text, wanted", [
    ("公司目前未对外转让知识产权", "本院目前未对外转让知识产权"),
    ("本公司员工", "本院员工"), ("任命书在全公司公布", "任命书在全院公布"),
    ("入职江苏华筑工程设计研究院有限公司（以下简称“公司”）", "入职江苏华筑工程设计研究院有限公司（以下简称“本院”）"),
    ("委托具有评估资质的评估公司评估", "委托具有评估资质的评估公司评估"),  # another company
    ("通过证券公司、信托公司等专业的金融服务机构", "通过证券公司、信托公司等专业的金融服务机构"),
    ("子公司和分公司", "子公司和分公司"), ("《中华人民共和国公司法》", "《中华人民共和国公司法》"),
])
def test_the_institutes_text_says_benyuan_where_it_means_itself(text, wanted):
    from generators.company_kind import self_named

    assert self_named(text, "院") == wanted
    assert self_named(text, "公司") == text  # a company calls itself 公司 as written


def test_the_institutes_package_never_calls_it_gongsi(design, maker):
    text = "\n".join(t for k, t in design["zh"].items() if k not in ("lint", "folder"))
    others = re.sub(r"有限公司|评估公司|证券公司|信托公司|子公司|公司法", "", text)
    assert "公司" not in others, re.findall(r".{12}公司.{6}", others)[:5]
    assert "本院目前未对外转让知识产权" in design["zh"]["M-01"]
    assert "以下简称“本院”" in text  # the declarations' parties
    assert "我院方案设计图纸" in text  # the intake's own words (a past dispute) as written
    # a company named as a company keeps 公司
    assert "公司目前未对外转让知识产权" in maker["M-01"] and "本院" not in maker["M-01"]


# -- 3. parallel departments named together: their duties in the plural -----------------------------
def _four_studios(data: dict) -> None:
    """The institute with four design studios of the same functions (第一设计所…第四设计所)."""
    departments = data["org"]["departments"]
    studio = next(d for d in departments if d["key"] == "arch")
    at = departments.index(studio)
    departments[at:at + 1] = [dict(studio, key=f"s{n}", name=f"Design Studio {n}",
                                   functions=list(studio["functions"]), ip_liaison=f"Liaison {n}")
                              for n in range(1, 5)]
    data["org"]["departments"] = [d for d in departments if d["key"] != "muni"]


def _studios_1_to_4(data: dict) -> None:
    """The institute's design studios entered as one department, 'Design Studios 1–4'."""
    departments = data["org"]["departments"]
    next(d for d in departments if d["key"] == "arch")["name"] = "Design Studios 1–4"
    data["org"]["departments"] = [d for d in departments if d["key"] != "muni"]


def test_the_english_joint_duty_of_parallel_departments_is_plural(tmp_path, corpus, templates,
                                                                  design):
    texts = _draft(load_intake(intake_variant(DESIGN["en"], tmp_path, _four_studios)),
                   tmp_path / "pkg", "en", corpus, templates)
    lead = "Design Studio 1, Design Studio 2, Design Studio 3 and Design Studio 4: "
    entry = next(line for line in texts["M-01"].splitlines() if line.startswith(lead))
    assert "in their work" in entry and not re.search(r"\bits\b", entry)
    two = next(line for line in design["en"]["M-01"].splitlines() if line.startswith(
        "Architectural Design Studio and Municipal Design Studio: "))
    assert "in their work" in two and not re.search(r"\bits\b", two)
    # one entry of the intake naming the four studios together
    (tmp_path / "one").mkdir()
    texts = _draft(load_intake(intake_variant(DESIGN["en"], tmp_path / "one", _studios_1_to_4)),
                   tmp_path / "one" / "pkg", "en", corpus, templates)
    entry = next(line for line in texts["M-01"].splitlines()
                 if line.startswith("Design Studios 1–4: "))
    assert "in their work" in entry and not re.search(r"\bits\b", entry)
    # one department alone keeps the singular (the structural studio without the two others,
    # whose duties it otherwise shares as a joint duty)
    (tmp_path / "alone").mkdir()
    texts = _draft(load_intake(intake_variant(DESIGN["en"], tmp_path / "alone", _structural_alone)),
                   tmp_path / "alone" / "pkg", "en", corpus, templates)
    assert "in its work" in next(line for line in texts["M-01"].splitlines()
                                 if line.startswith("Structural Design Studio: "))


def _structural_alone(data: dict) -> None:
    """The institute with its structural design studio as its only design studio."""
    data["org"]["departments"] = [d for d in data["org"]["departments"]
                                  if d["key"] not in ("arch", "muni")]


# -- 4. texts name only what the company has ---------------------------------------------------------
def test_p16_names_agencies_for_the_rights_the_company_has(plain_trader, maker):
    p16 = plain_trader["P-16"]
    assert "商标代理" not in p16 and "商标申请代理" not in p16 and "专利代理" not in p16
    assert "著作权登记代理" in p16  # its software copyrights
    assert "专利代理机构、商标代理机构" in maker["P-16"]


def test_r45_offers_the_agency_services_for_the_rights_the_company_has(tmp_path, corpus,
                                                                       templates, plain_trader):
    # the trading company of the tryout: marks only, no patents, no software copyrights
    marks_only = _draft(load_intake(TRADING), tmp_path / "pkg", "zh", corpus, templates)
    assert "商标代理" in marks_only["R-45"]
    assert "著作权登记代理" not in marks_only["R-45"] and "专利代理" not in marks_only["R-45"]
    assert "著作权登记代理" in plain_trader["R-45"] and "商标代理" not in plain_trader["R-45"]


def test_the_manual_speaks_of_licensed_patents_only_with_patents(plain_trader, maker, design):
    assert "已许可专利" not in plain_trader["M-01"]
    assert "已许可知识产权的许可费归属" in plain_trader["M-01"]
    assert "已许可专利的许可费归属" in maker["M-01"]
    assert "licensed patents" in design["en"]["M-01"]  # the institute holds patents


def test_r14_names_formulations_and_drawings_only_for_a_maker(plain_trader, maker):
    assert "源代码" in plain_trader["R-14"]  # its software copyrights make it technical
    for word in ("配方", "工艺参数", "图纸"):
        assert word not in plain_trader["R-14"], word
        assert word in maker["R-14"], word


# -- 5. R-66: the source cell holds the legend's number ----------------------------------------------
LEGEND = {"zh": re.compile(r"来源（填写代号）：(.+)"), "en": re.compile(r"Source \(write the number\): (.+)")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_r66_source_cells_hold_the_numbers_the_legend_gives(lang, design):
    lines = design[lang]["R-66"].splitlines()
    legend = next(LEGEND[lang].match(line) for line in lines if LEGEND[lang].match(line))
    codes = dict(re.findall(r"([①-⑫])\s*([^①-⑫]+?)\s*(?=[①-⑫]|$)", legend[1]))
    assert len(codes) == 5  # 法律法规, 监管规定, 合同, 承诺, 相关方要求
    words = set(codes.values())
    header = "来源" if lang == "zh" else "Source"
    table = next(t for d in read_package(design[lang]["folder"]) if
                 d.number.endswith("R-66") for t in d.tables() if header in t.header)
    column = list(table.header).index(header)
    cells = [row[column] for row in table.rows[1:] if row[column]]
    assert len(cells) >= 5  # the laws the package cites and the three licences taken
    assert all(cell in codes for cell in cells), cells
    assert not any(cell in words for cell in cells)


# -- 6. the chain check reads the English package ----------------------------------------------------
def test_the_chain_check_reads_an_english_package(design, tmp_path):
    intake = load_intake(DESIGN["en"])
    assert [f for f in lint_package(design["en"]["folder"], intake) if f.kind == "chain"] == []
    doctored = tmp_path / "pkg"
    shutil.copytree(design["en"]["folder"], doctored)
    path = next((doctored / "02-procedures").glob("*P-07*.docx"))
    document = docx.Document(str(path))
    changed = 0
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if "the President approves them" in run.text:  # P-07's reward step
                run.text = run.text.replace("the President approves them",
                                            "the Business Department approves them")
                changed += 1
    document.save(str(path))
    assert changed == 1
    found = [f for f in lint_package(doctored, intake) if f.kind == "chain"]
    assert len(found) == 1
    assert "IP reward application and payment" in found[0].message
    assert "the Business Department" in found[0].message and "the President" in found[0].message
