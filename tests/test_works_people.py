"""Issue 17 (third tryout, wrk): the people who make the works.

For a company whose product is works (`ip.works`: an engineering design institute's design
drawings, design documents and bid documents), the consultant found:
1. training (manual 7.3.2.7, P-07, P-08, R-23), the background check (R-18) and the
   declarations on joining and leaving (R-19, R-20) addressed R&D staff only, not the people
   who make the works — the designers of the institute's design studios (the departments with
   the function production), who must hear of works for hire (Copyright Law art. 18), of not
   reusing a former employer's drawings and of keeping authorship records;
2. the compliance self-check R-68 listed no prohibited act for works (copying others' designs,
   unlicensed standard drawing sets, software or fonts, others' schemes in bids, authorship
   notices removed);
3. the IP ledger R-42 was pre-filled for patents, marks and software but not for the works;
4. P-03's scope listed bid documents among the works delivered under design contracts.
Checked both ways: the institute has all of it, the same intake without `ip.works` (an old
intake, still valid) and the manufacturer example none; a surveying company's works are made by
its surveyors. Phrases are the consultant's findings', the standard's (the Copyright Law article)
and the templates' own (templates/works.yaml names the makers and what they use).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import docx_text, intake_variant
from generators.intake import load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR

DATA = Path(__file__).parent / "data" / "intakes"
DESIGN = {lang: DATA / f"design.{lang}.yaml" for lang in ("zh", "en")}
MANUFACTURER = {lang: TEMPLATES_DIR / "examples" / f"manufacturer.{lang}.yaml"
                for lang in ("zh", "en")}
# the people who make the institute's works, as the consultant calls them
DESIGNERS = {"zh": "设计人员", "en": "designers"}

# language -> words only a package for a company with works prints (finding 1: works for hire,
# Copyright Law art. 18)
WORKS_FOR_HIRE = {"zh": ["职务作品", "《中华人民共和国著作权法》第十八条"],
                  "en": ["work for hire", "works for hire", "Copyright Law of the PRC, art. 18"]}


def _part(name: str) -> str:
    """'M-01', 'P-07', 'R-42' from a document's file name ('HZY-IPM-P-07 …')."""
    return name.split(" ")[0].split("-IPM-")[-1]


def _draft(path: Path, language: str, corpus, folder: Path) -> dict[str, str]:
    """{document part: text} of the package drafted for the intake at `path`, lint-clean."""
    result = draft_package(load_intake(path), corpus, folder / "pkg", language)
    assert [f.message for f in result.findings] == []
    return {_part(p.name): docx_text(p).replace("\u00a0", " ")
            for p in (folder / "pkg").rglob("*.docx")}


@pytest.fixture(scope="module")
def packages(corpus, tmp_path_factory):
    """{(company, language): {part: text}}: the design institute, the same without ip.works,
    the manufacturer example."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"old-{language}")
        old = intake_variant(DESIGN[language], folder, lambda d: d["ip"].pop("works"))
        for company, path in (("design", DESIGN[language]), ("old", old),
                              ("manufacturer", MANUFACTURER[language])):
            out[(company, language)] = _draft(path, language, corpus,
                                              tmp_path_factory.mktemp(f"{company}-{language}"))
    return out


def _intake(language: str) -> dict:
    return yaml.safe_load(DESIGN[language].read_text(encoding="utf-8"))


def _studios(language: str) -> list[str]:
    """The design institute's departments that make its works (function production)."""
    return [d["name"] for d in _intake(language)["org"]["departments"]
            if "production" in d["functions"]]


def _makers_of(word: str) -> dict:
    """templates/works.yaml's entry for the works naming `word` (its makers and sources)."""
    table = yaml.safe_load((TEMPLATES_DIR / "works.yaml").read_text(encoding="utf-8"))
    return next(e for e in table["makers"] if word in e.get("words", []))


def _paragraph(text: str, words: str) -> str:
    """The paragraph (line) of `text` containing `words`."""
    return next(line for line in text.splitlines() if words in line)


# -- 1. the people who make the works ---------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_training_reaches_the_designers_of_the_studios(packages, language):
    """Manual 7.3.2.7 (the training paragraph names the annual training plan), P-08's plan and
    R-23 name the studios' designers beside the R&D staff, and their training covers works for
    hire under Copyright Law art. 18."""
    texts = packages[("design", language)]
    plan = {"zh": "《年度知识产权培训计划》", "en": "Annual IP training plan"}[language]
    makers = DESIGNERS[language]
    manual = _paragraph(texts["M-01"], plan)
    for part, text in (("M-01", manual), ("P-08", texts["P-08"]), ("R-23", texts["R-23"])):
        missing = [name for name in _studios(language) if name not in text]
        assert missing == [] and makers in text, part
    assert WORKS_FOR_HIRE[language][-1] in manual
    assert WORKS_FOR_HIRE[language][-1] in texts["P-08"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_joining_and_leaving_bind_the_authors_of_works(packages, language):
    """P-07 and the manual have the designers sign the declaration on joining; R-19 says who owns
    works for hire (art. 18) and that others' works are not used; R-20 keeps leavers from using
    the works for hire for their new employer's projects or bids."""
    texts = packages[("design", language)]
    declaration = {"zh": "《入职知识产权声明书》", "en": "IP declaration on joining"}[language]
    for part in ("M-01", "P-07"):
        text = _paragraph(texts[part], declaration) if part == "M-01" else texts[part]
        assert all(name in text for name in _studios(language)), part
        assert WORKS_FOR_HIRE[language][-1] in text, part
    assert WORKS_FOR_HIRE[language][-1] in texts["R-19"]
    # the manual's example of an employee involved in core IP is one P-07 defines as such
    lead = {"zh": "主持项目的设计人员", "en": "designers who lead projects"}[language]
    assert lead in texts["M-01"] and lead in texts["P-07"]
    assert {"zh": "原单位或他人的设计图纸", "en": "works of a former employer or of others"}[
        language] in texts["R-19"]
    assert {"zh": "在原单位创作的主要作品及其著作权归属",
            "en": "Main works created for the former employer and who owns their copyright"}[
        language] in texts["R-18"]
    assert {"zh": "不将在职期间创作的职务作品用于新单位的项目或投标",
            "en": "will not use the works for hire I created for projects or bids of my new "
                  "employer"}[language] in texts["R-20"]


@pytest.mark.parametrize("company", ["old", "manufacturer"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_works_text_without_works(packages, company, language):
    """Without ip.works (an old intake) and for the manufacturer: no works for hire, no makers
    of works in training or the declarations, no works in R-68 or R-42."""
    texts = packages[(company, language)]
    for part in ("M-01", "P-07", "P-08", "R-19", "R-20", "R-23", "R-68"):
        assert [w for w in WORKS_FOR_HIRE[language] if w in texts[part]] == [], part
    assert {"zh": "在原单位创作的主要作品", "en": "Main works created for the former employer"}[
        language] not in texts["R-18"]
    assert DESIGNERS[language] not in texts["R-23"]
    assert {"zh": "标准图集", "en": "standard drawing sets"}[language] not in texts["R-68"]
    assert {"zh": "按项目登记", "en": "entered by project"}[language] not in texts["R-42"]


def test_a_surveying_company_names_its_surveyors(corpus, tmp_path):
    """The kind, not the design institute: a company whose works are survey reports and maps
    names its surveyors (works.yaml) with its production departments in training, R-68 asks
    about the maps and data they use, and P-03 names survey contracts, not design contracts."""
    def surveying(data):
        data["ip"]["works"] = ["勘察报告", "测绘成果图"]
        for department in data["org"]["departments"]:
            department["name"] = department["name"].replace("设计所", "勘察测绘所")
    texts = _draft(intake_variant(DESIGN["zh"], tmp_path, surveying), "zh", corpus, tmp_path)
    entry = _makers_of("测绘")["zh"]
    studios = [n.replace("设计所", "勘察测绘所") for n in _studios("zh")]
    manual = _paragraph(texts["M-01"], "《年度知识产权培训计划》")
    assert all(name in manual for name in studios) and entry["makers"] in manual
    assert entry["makers"] in texts["R-23"] and "设计人员" not in texts["R-23"]
    assert entry["sources"] in texts["R-68"] and "标准图集" not in texts["R-68"]
    scope = _paragraph(texts["P-03"], "适用于")
    # the contracts of works.yaml named under P-03's category words (contract_categories.yaml)
    assert "以勘察报告和测绘成果图等作品为交付成果的" in scope and entry["contracts"] in scope
    assert "设计合同" not in scope


# -- 2. prohibited acts for works (R-68) --------------------------------------------------------
R68_ACTS = {"zh": ["抄袭", "标准图集", "字体", "投标文件中是否没有使用他人", "署名"],
            "en": ["plagiarised", "standard drawing sets", "fonts", "Do bids contain no proposals",
                   "authors' names"]}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_r68_lists_prohibited_acts_for_works(packages, language):
    """Copying others' designs, unlicensed standard drawing sets, software or fonts, others'
    schemes in bids, authorship notices removed: each is asked in R-68 of the institute, and
    the drawing sets and the bids are asked of no company without works."""
    r68 = packages[("design", language)]["R-68"]
    assert [w for w in R68_ACTS[language] if w not in r68] == []
    for company in ("old", "manufacturer"):
        other = packages[(company, language)]["R-68"]
        assert R68_ACTS[language][1] not in other and R68_ACTS[language][3] not in other


# -- 3. the IP ledger's rows for works (R-42) ----------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_r42_has_a_row_per_kind_of_work(packages, language):
    """A row per kind of work the intake names, entered by project ('设计图纸（按项目登记）'),
    like the rows of the patents, marks and software copyrights held."""
    r42 = packages[("design", language)]["R-42"]
    said = {"zh": "{}（按项目登记）", "en": "{} (entered by project)"}[language]
    for work in _intake(language)["ip"]["works"]:
        expected = said.format(work)
        assert expected[:1].upper() + expected[1:] in r42
    for company in ("old", "manufacturer"):
        assert said.format("").strip("（）() ") not in packages[(company, language)]["R-42"]


# -- 4. P-03: bids are not delivered under design contracts -------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_p03_keeps_bids_apart_from_contract_deliverables(packages, language):
    """P-03's scope names the works delivered under contracts without the bid documents, and
    the tender and bid documents on their own."""
    scope = _paragraph(packages[("design", language)]["P-03"],
                       {"zh": "适用于", "en": "Applies to"}[language])
    if language == "zh":
        end = scope.index("等作品为交付成果")
        delivered = scope[scope.rindex("、以", 0, end):end]
        assert "设计图纸" in delivered and "投标" not in delivered
        assert "招标文件和投标文件" in scope[scope.index("等作品为交付成果"):]
    else:
        start = scope.index("deliverables are works such as")
        # up to the next category (the list's order: contract_categories.yaml)
        delivered = scope[start:min(i for i in (scope.find(", ", start), scope.find(".", start))
                                    if i > 0)]
        assert "design drawings" in delivered and "bid" not in delivered
        assert "tender and bid documents" in scope
    old = _paragraph(packages[("old", language)]["P-03"],
                     {"zh": "适用于", "en": "Applies to"}[language])
    assert {"zh": "投标", "en": "bid"}[language] not in old
