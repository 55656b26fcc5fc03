"""Package leftovers after the session-30 merges (issue 17), each fixed by kind:

1. no bracket inside a bracket: a document number inside a bracket follows its title without
   brackets of its own ('（按《…》SHG-IPM-P-07 办理）', '(under the … procedure, SHG-IPM-P-07)'),
   names that carry their own brackets (副总经理（研发）, …事务所（普通合伙）) stand outside
   brackets, and the package lint reports any bracket left inside another (`bracket`);
2. tender documents (R-27's choice, P-09's release approval) only for a company that bids
   (kind.bids), as P-03's bid review;
3. English: one of a joint R&D department's parts meant ('a key researcher of the X or the Y'),
   contracts coming from the departments, not 'from each of';
4. the manual's references list a secrecy qualification as a qualification the company holds,
   not as a management-system standard;
5. P-27 grades repositories with the trade-secret confidentiality levels, not 密级;
6. training names each group of people once (the R&D staff who also make the works);
7. one list of contract categories, read by R-06's choices and P-03's register text.

Expected words come from the consultant's findings (issue 17, the part's brief), the templates'
own words and the standard's usage, never from what the code under test produced.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from generators.brackets import flat_references, nested
from generators.intake import load_intake
from generators.lint import lint_package
from generators.lint_wording import check_nested_brackets
from generators.package import draft_package
from generators.package_reader import read_package

INTAKES = Path(__file__).parent / "data" / "intakes"
COMPANIES = ("game-studio.en", "game-studio.zh", "soe-rail.zh", "soe-rail.en", "testing-lab.en",
             "food.zh", "design.zh")


@pytest.fixture(scope="module")
def packages(tmp_path_factory, corpus, templates):
    """{company: (folder, [PackageDocument])} for the intakes above, drafted in-process."""
    out = {}
    for name in COMPANIES:
        folder = tmp_path_factory.mktemp(name) / "pkg"
        draft_package(load_intake(INTAKES / f"{name}.yaml"), corpus, folder, name.split(".")[1],
                      templates=templates)
        out[name] = folder, read_package(folder)
    return out


def _texts(documents, number_part: str = ""):
    """Every paragraph and cell text of the documents whose number contains `number_part`."""
    return [text for d in documents if number_part in d.number for _, text in d.texts()]


def _depth_two(text: str) -> bool:
    """Whether a round bracket opens inside another (a title's 《…》 skipped): counted here, apart
    from the code under test."""
    text = re.sub(r"《[^》]*》", "", text)
    depth = 0
    for char in text:
        if char in "(（":
            if depth:
                return True
            depth += 1
        elif char in ")）" and depth:
            depth -= 1
    return False


# -- 1 brackets -----------------------------------------------------------------------------------
def test_a_reference_inside_brackets_is_written_without_brackets_of_its_own():
    numbers = ["SHG-IPM-P-07", "SHG-IPM-P-12"]
    zh = flat_references("（入职知识产权事项按《人力资源知识产权管理控制程序》（SHG-IPM-P-07）办理）",
                         numbers, "zh")
    assert zh == "（入职知识产权事项按《人力资源知识产权管理控制程序》SHG-IPM-P-07 办理）"
    en = flat_references("(the Patent search and portfolio planning procedure (SHG-IPM-P-12))",
                         numbers, "en")
    assert en == "(the Patent search and portfolio planning procedure, SHG-IPM-P-12)"
    # at the top level the number keeps its brackets
    top = "按《人力资源知识产权管理控制程序》（SHG-IPM-P-07）办理"
    assert flat_references(top, numbers, "zh") == top


def test_nested_finds_a_bracket_inside_a_bracket_but_not_inside_a_title():
    assert nested("（按《…》（SHG-IPM-P-07）办理）")
    assert nested("(the industry (video games (mobile and PC)))")
    assert not nested("按《专利代理条例（修订）》办理（见5.3）")
    assert not nested("(see 5.3) and (see 5.4)")


def test_the_lint_reports_a_bracket_inside_a_bracket():
    said = []
    document = SimpleNamespace(header="", texts=lambda: [("5.5", "登记（与《审查表》（R-06）一致）")])
    package = SimpleNamespace(documents=[document], language="zh",
                              say=lambda *args, **values: said.append((args, values)))
    check_nested_brackets(package)
    assert len(said) == 1 and said[0][0][0] == "bracket"


@pytest.mark.parametrize("company", COMPANIES)
def test_no_bracket_inside_a_bracket_in_the_package(packages, company):
    folder, documents = packages[company]
    inside = [t for t in _texts(documents) if _depth_two(t)]
    assert inside == []
    assert not [f for f in lint_package(folder) if f.kind == "bracket"]


def test_the_consultants_quoted_tangles_are_gone(packages):
    text = "\n".join(_texts(packages["game-studio.en"][1]))
    assert "(SHG-IPM-P-07))" not in text
    assert "(video games (mobile and PC))" not in text
    # P-11 now names the licences in the sentence, not in brackets: the note stays, unnested
    assert "(the font licences for in-game text (Chinese and Latin fonts)" not in text
    assert "licences for in-game text (Chinese and Latin fonts) and" in text
    zh = "\n".join(_texts(packages["game-studio.zh"][1]))
    assert "（SHG-IPM-P-07）办理）" not in zh


# -- 2 tenders ------------------------------------------------------------------------------------
def test_tender_documents_only_for_a_company_that_bids(packages):
    studio_en, studio_zh = packages["game-studio.en"][1], packages["game-studio.zh"][1]
    assert not any("tender document" in t for t in _texts(studio_en, "R-27"))
    assert not any("tender documents" in t for t in _texts(studio_en, "P-09"))
    assert not any("投标" in t for t in _texts(studio_zh, "R-27") + _texts(studio_zh, "P-09"))
    designer = packages["design.zh"][1]
    assert any("投标文件" in t for t in _texts(designer, "R-27"))
    assert any("投标" in t for t in _texts(designer, "P-09"))


# -- 3 English joint departments ------------------------------------------------------------------
def test_one_of_a_joint_department_is_meant_with_or(packages):
    text = "\n".join(_texts(packages["game-studio.en"][1], "M-01"))
    assert "contracts from each of" not in text
    assert "a key researcher of the Game Development Studio and the Art" not in text
    assert "a key researcher of the Game Development Studio or the Art and Audio Centre" in text


# -- 4 a qualification is not a standard ----------------------------------------------------------
def test_the_secrecy_qualification_is_listed_as_a_qualification(packages):
    text = "\n".join(_texts(packages["soe-rail.zh"][1], "M-01"))
    assert "武器装备科研生产单位保密资格（公司已运行的管理体系标准）" not in text
    assert "保密资格管理体系" not in text
    references = [t for t in text.splitlines()
                  if t.startswith("GB/T 29490") and "GJB 9001C" in t]  # the references list
    assert len(references) == 1
    assert "武器装备科研生产单位保密资格（公司持有的资格）" in references[0]
    assert "GJB 9001C（公司已运行的管理体系标准）" in references[0]


# -- 5 P-27 in trade-secret words -----------------------------------------------------------------
def test_repositories_are_graded_with_the_trade_secret_levels(packages):
    zh = _texts(packages["game-studio.zh"][1], "P-27") + _texts(packages["game-studio.zh"][1], "R-71")
    assert zh and not any("密级" in t for t in zh)
    assert any("保密等级" in t for t in zh)
    en = _texts(packages["game-studio.en"][1], "P-27") + _texts(packages["game-studio.en"][1], "R-71")
    assert en and not any(re.search(r"\bclassif", t) for t in en)


# -- 6 training names each group once -------------------------------------------------------------
def test_training_names_the_rd_staff_once(packages):
    for lang, quoted in (("zh", "名研发人员，以及技术中心的研发设计人员"),
                         ("en", "R&D personnel and the R&D engineers in the Technology Centre")):
        documents = packages[f"soe-rail.{lang}"][1]
        text = "\n".join(_texts(documents, "M-01") + _texts(documents, "P-08")
                         + _texts(documents, "R-23"))
        assert quoted not in text
        assert "研发人员（目前350人），以及" not in text and "以及技术中心的研发设计人员" not in text


# -- 7 one list of contract categories ------------------------------------------------------------
@pytest.mark.parametrize("company", ["game-studio.zh", "game-studio.en", "testing-lab.en"])
def test_the_review_sheet_offers_the_categories_the_procedure_registers(packages, company):
    documents = packages[company][1]
    boxes = [t for t in _texts(documents, "R-06") if t.count("☐") > 5]
    assert len(boxes) == 1
    choices = [c.replace("\xa0", " ").strip().rstrip("_") for c in boxes[0].split("☐")
               if c.strip()]
    register = " ".join(t for t in _texts(documents, "P-03") if "R-07" in t).replace("\xa0", " ")
    for choice in choices:
        assert choice in register, choice
    if company.startswith("game-studio"):  # P-03 registers platform agreements in this category
        assert ("发行和平台协议" if company.endswith("zh") else
                "publishing and platform agreements") in choices
