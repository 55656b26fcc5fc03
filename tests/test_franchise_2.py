"""The franchise tryout's leftovers (issue 17, try9; /work/notes/s34/fr34.md), each as a kind.

1. A procedure saying something is noted in a form that has no column for it (try9: P-29 5.12's
   de-branding check "在R-75中注明" while R-75 had no such column): the package lint reads the
   drafted package back and reports it, in Chinese and English, the form named by its title or
   its number alone.
2. Annex B (the function matrix) left a department blank for a clause whose text says every
   department takes part (9.3: the internal audit covers "全部适用条款和相关部门", yet 品牌营销中心
   and 数字化中心 had no mark): each department gets one.
3. An objective's time limit no procedure has a step for (objective (3) "山寨店线索 30 日内完成取证"):
   the infringement procedure's evidence step states it, and the lint reports an objective's
   time limit no procedure states.
4. P-25 titled "软件著作权登记控制程序" for a company whose works are store designs, a mascot and
   menus: an auditor looking for the copyright procedure does not find it; title and purpose
   name the works as well as software.
5. Wording: "the Ele.me" (a platform's name takes no article); the Malaysian Franchise Act 1998
   registration before franchising in Malaysia, where the intake's markets include Malaysia.
Expected words come from the consultant's findings (try9/report.md), the intakes and the
templates' own words.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generators.company_kind import articled
from generators.intake import load_intake
from generators.lint import lint_package
from generators.package import draft_package
from generators.package_reader import Paragraph, read_package
from tests.test_lint import _docx, make_package

INTAKES = Path(__file__).parent / "data" / "intakes"


@pytest.fixture(scope="module")
def franchise(corpus, templates, tmp_path_factory):
    """{language: the drafted package read back} of the franchise brand's intakes."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"franchise2-{language}") / "pkg"
        draft_package(load_intake(INTAKES / f"franchise.{language}.yaml"), corpus, folder,
                      language, templates=templates)
        out[language] = read_package(folder)
    return out

LEDGER = [["序号", "被许可人", "合同编号", "许可期限", "备案号及备案日期"]]
LEDGER_EN = [["No.", "Licensee", "Contract number", "Term", "Recordal number and date"]]


def _field_messages(root) -> list[str]:
    return [f.message for f in lint_package(root) if f.kind == "form-field"]


@pytest.mark.parametrize("sentence", [
    "许可终止后，加盟管理部核查门店的去品牌化情况，去品牌化核查结果在T-R-75中注明。",
    "许可终止后，去品牌化核查结果在《商标许可合同登记及备案台账》（T-R-75）中注明。",
    "许可终止后，核查日期和结果填入《商标许可合同登记及备案台账》（T-R-75）的“终止核查”栏。",
])
def test_a_detail_noted_in_a_form_without_its_column_is_found(tmp_path, sentence):
    root = make_package(tmp_path, procedure=[("p", sentence)],
                        forms={"T-R-75": ("商标许可合同登记及备案台账", [("table", LEDGER)])})
    messages = _field_messages(root)
    assert len(messages) == 1 and "商标许可合同登记及备案台账" in messages[0]
    assert "去品牌化核查结果" in messages[0] or "终止核查" in messages[0]


def test_a_detail_the_form_has_a_column_for_is_not_found(tmp_path):
    root = make_package(tmp_path, procedure=[
        ("p", "备案完成后，备案号和备案日期在《商标许可合同登记及备案台账》（T-R-75）中注明。"),
        ("p", "许可期限填入T-R-75的“许可期限”栏。")],
        forms={"T-R-75": ("商标许可合同登记及备案台账", [("table", LEDGER)])})
    assert _field_messages(root) == []


def _english_package(root, sentence: str):
    """The clean package with an English manual title, so that the lint reads it as English,
    and the ledger in English."""
    make_package(root, procedure=[("p", sentence)],
                 forms={"T-R-75": ("Trademark licence and recordal register",
                                   [("table", LEDGER_EN)])})
    _docx(root / "01-manual" / "T-M-01 知识产权管理手册.docx", "T-M-01",
          "Intellectual Property Management Manual",
          [("h1", "Company profile"), ("p", "The company was founded in 2015.")])
    return root


@pytest.mark.parametrize("sentence, found", [
    ("The de-branding check is noted in T-R-75.", "de-branding check"),
    ("The date and result of the de-branding check are recorded in the 'Termination check' "
     "column of the Trademark licence and recordal register (T-R-75).", "Termination check"),
    ("The recordal number and date are noted in the Trademark licence and recordal register "
     "(T-R-75).", None),
])
def test_an_english_detail_noted_in_a_form_is_checked(tmp_path, sentence, found):
    messages = _field_messages(_english_package(tmp_path, sentence))
    if found is None:
        assert messages == []
    else:
        assert len(messages) == 1 and found in messages[0]


# -- 2. every department marked for a clause every department takes part in ----------------------
# the manual's own words saying the internal audit covers every department
ALL_DEPARTMENTS = {"zh": "全部适用条款和相关部门",
                   "en": "covering every applicable clause and the departments concerned"}


def _clauses_involving_all(manual, language: str) -> set[str]:
    """The clause numbers ('9.3') of the manual's sections whose text says all departments."""
    found, number = set(), ""
    for block in manual.blocks:
        if not isinstance(block, Paragraph):
            continue
        if block.style.lower().startswith("heading"):
            match = re.match(r"(\d+(?:\.\d+)+)\s", block.text)
            number = match.group(1) if match and block.style.lower() == "heading2" else number
        elif ALL_DEPARTMENTS[language] in block.text:
            found.add(number)
    return found


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_department_is_marked_for_a_clause_all_take_part_in(franchise, language):
    manual = next(d for d in franchise[language] if d.kind == "manual")
    clauses = _clauses_involving_all(manual, language)
    assert "9.3" in clauses
    matrix = next(t for t in manual.tables() if t.rows and len(t.header) > 5
                  and any(r and r[0] == "9.3" for r in t.rows))
    for row in matrix.rows[1:]:
        if row[0] in clauses:
            blank = [d for d, cell in zip(matrix.header[1:], row[1:]) if not cell]
            assert blank == [], (row[0], blank)


# -- 3. an objective's time limit is a procedure's step --------------------------------------------
def _objective_package(root, objective: str, procedure: str = ""):
    make_package(root, procedure=[("p", procedure)] if procedure else None)
    _docx(root / "01-manual" / "T-M-01 知识产权管理手册.docx", "T-M-01", "知识产权管理手册",
          [("h1", "知识产权方针与目标"), ("p", f"知识产权目标：{objective}；每年新增发明专利申请不少于 8 件。")])
    return root


def test_an_objectives_time_limit_no_procedure_states_is_found(tmp_path):
    objective = "山寨店线索 30 日内完成取证并启动投诉或诉讼"
    found = [f.message for f in lint_package(_objective_package(tmp_path / "a", objective))
             if f.kind == "objective"]
    assert any("30日" in m for m in found), found
    stated = _objective_package(tmp_path / "b", objective, "发现线索后30日内完成取证。")
    assert not [f for f in lint_package(stated) if f.kind == "objective" and "30日" in f.message]


STEP = {"zh": ("侵权调查与取证", "30日内完成"),
        "en": ("Investigating infringement and securing evidence", "within 30 days")}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_evidence_step_holds_the_objectives_thirty_days(franchise, language):
    p15 = next(d for d in franchise[language] if d.kind == "procedure" and "P-15" in d.number)
    heading, words = STEP[language]
    texts = [t for where, t in p15.texts() if where.endswith(heading) and t != where]
    assert any(words in t for t in texts), texts


# -- 4. the copyright procedure's title follows the works held -------------------------------------
WORKS = {"zh": ("作品", "门店装修设计图"), "en": ("works", "store interior design drawings")}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_copyright_procedure_is_titled_for_the_works_held(franchise, language):
    p25 = next(d for d in franchise[language] if d.kind == "procedure" and "P-25" in d.number)
    word, work = WORKS[language]
    assert word in p25.title
    purpose = next(t for where, t in p25.texts()
                   if where.endswith(("目的", "Purpose")) and t != where)
    assert work in purpose.lower() if language == "en" else work in purpose


# -- 5. small wording: platforms' names, Malaysia's franchise registration -------------------------
@pytest.mark.parametrize("name", ["Ele.me", "eBay", "Taobao.com"])
def test_a_platforms_name_takes_no_article(name):
    assert articled(name) == name


def _text(documents) -> str:
    return "\n".join(t for d in documents for _where, t in d.texts())


def test_the_english_franchise_package_names_ele_me_without_the(franchise):
    text = _text(franchise["en"])
    assert "Ele.me" in text and "the Ele.me" not in text


MALAYSIA = {"zh": ("1998年特许经营法", "注册"), "en": ("Franchise Act 1998", "registered")}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_franchising_in_malaysia_is_registered_under_its_franchise_act(franchise, language):
    p29 = next(d for d in franchise[language] if d.kind == "procedure" and "P-29" in d.number)
    law, act = MALAYSIA[language]
    sentences = [t for _where, t in p29.texts() if law in t]
    assert sentences and act in sentences[0]
