"""Issue 17, part lo31: the leftovers of the last tryouts, each fixed by kind (the consultant's
and the review's findings): a note after a name that ends in its own bracket, the word for
'before release' by the company's kind, gaps in the record list's numbering, narrow headers of
wide forms, articles before numbered names, a maker's works under P-03, laws R-09 lists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generators.brackets import one_bracket, value_notes
from generators.intake import load_intake
from generators.package import draft_package
from generators.package_reader import read_package
from generators.templates_io import TEMPLATES_DIR
from generators.toc_pages import available, convert_to_pdf, pdf_pages

INTAKES = Path(__file__).parent / "data" / "intakes"
EXAMPLES = TEMPLATES_DIR / "examples"


def _texts(folder: Path) -> dict[str, str]:
    """Each drafted document's text by its number."""
    return {d.number: "\n".join(t for _, t in d.texts()) for d in read_package(folder)}


@pytest.fixture(scope="module")
def testing_lab(corpus, tmp_path_factory):
    """The testing lab (its agency '…（普通合伙）') drafted in both languages: texts by number."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp("lab") / language
        draft_package(load_intake(INTAKES / f"testing-lab.{language}.yaml"), corpus, folder,
                      language)
        out[language] = _texts(folder)
    return out


# --- 2. one bracket after a name that ends in its own ----------------------------------------

def test_a_note_after_a_names_own_note_joins_its_bracket():
    notes = value_notes([{"agency": "苏州某知识产权代理事务所（普通合伙）"},
                         {"agency": "Suzhou Example IP Agency (General Partnership)"}])
    assert one_bracket("或委托苏州某知识产权代理事务所（普通合伙）（由知识产权部管理）办理", notes,
                       "zh") == "或委托苏州某知识产权代理事务所（普通合伙；由知识产权部管理）办理"
    assert one_bracket("through Suzhou Example IP Agency (General Partnership) (managed by the "
                       "IP department);", notes, "en") == \
        "through Suzhou Example IP Agency (General Partnership; managed by the IP department);"
    # a bracket after another value, or not right after the note, stays as written
    assert one_bracket("委托某所（普通合伙）（由…管理）", notes, "zh") == "委托某所（普通合伙）（由…管理）"
    assert one_bracket("苏州某知识产权代理事务所（普通合伙）办理（按…管理）", notes, "zh") == \
        "苏州某知识产权代理事务所（普通合伙）办理（按…管理）"


def test_no_drafted_text_puts_a_bracket_right_after_another(testing_lab):
    for language, texts in testing_lab.items():
        for number, text in texts.items():
            found = re.findall(r".{0,40}(?:[)）]\s?[(（]).{0,20}", text)
            assert not found, (language, number, found)


# --- 3. 'before release' in the company kind's word -------------------------------------------

@pytest.fixture(scope="module")
def manufacturer(corpus, tmp_path_factory):
    """The rail manufacturer (licences in, so P-11 has the licensed-asset check: R-78) in both
    languages: texts by number."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp("maker") / language
        intake = load_intake(INTAKES / f"soe-rail.{language}.yaml")
        draft_package(intake, corpus, folder, language)
        out[language] = _texts(folder)
    return out


def _procedure(texts: dict[str, str], code: str) -> str:
    return next(t for n, t in texts.items() if n.endswith(f"-{code[0]}-{code[1:]}"))


def test_a_goods_company_checks_before_launch_or_shipment_never_before_publication(
        manufacturer):
    """The act for goods is 上市 / 出货 (launch, shipment), not 发布 (publication): P-11's check of
    assets licensed in and the manual's check of product markings say so."""
    for language, said, wrong in (
            ("zh", ("上市或出货前核查许可引进资产", "标注内容在产品上市或出货前"),
             ("发布前核查许可引进资产", "标注内容发布前")),
            ("en", ("checks before a product is launched or shipped that assets licensed in",
                    "legal status of the marking before a product is launched or shipped"),
             ("checks before release that assets", "before the marking is published"))):
        texts = manufacturer[language]
        p11, manual = _procedure(texts, "P11"), next(t for n, t in texts.items() if "-M-" in n)
        assert said[0] in p11 and wrong[0] not in p11, language
        assert said[1] in manual and wrong[1] not in manual, language


# --- 4. the lists say why their numbering skips -----------------------------------------------

def test_the_document_and_record_lists_explain_the_gaps_in_their_numbering(manufacturer):
    """R-01 and R-05 list the drafted documents only (R-70 followed by R-78 when the forms between
    are left out): each says numbers are fixed across packages and left-out forms are not used
    (and, since session 37, which numbers, in rows of their own: tests/test_secrecy_forms.py)."""
    for language, said in (("zh", ("固定不变", "编号空缺", "本公司不适用")),
                            ("en", ("fixed across all companies' packages", "left free",
                                    "ot used by this company"))):
        texts = manufacturer[language]
        for code in ("R01", "R05"):
            text = _procedure(texts, code)
            numbers = sorted({int(n) for n in re.findall(r"-R-(\d\d)\b", text)})
            assert numbers != list(range(1, len(numbers) + 1))  # the numbering skips
            assert all(s in text for s in said), (language, code)


# --- 5. a wide form's Chinese headers end in no lone character ---------------------------------

@pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed")
@pytest.mark.parametrize("intake", ["game-studio.zh.yaml", "soe-rail.zh.yaml"])
def test_the_ip_ledgers_fifteen_headers_leave_no_character_alone_on_a_line(intake, corpus,
                                                                          tmp_path):
    """R-42 with 15 columns: '授权日或注册日' wrapped as '授权' / '日或' / '注册' / '日' (a lone
    '日'); laid out by LibreOffice, no header line of the ledger is one character."""
    folder = tmp_path / "pkg"
    draft_package(load_intake(INTAKES / intake), corpus, folder, "zh")
    [ledger] = list((folder / "03-forms").glob("*R-42*.docx"))
    done = convert_to_pdf([ledger], tmp_path / "pdf", tmp_path)
    assert done.returncode == 0, done.stderr
    lines = pdf_pages(tmp_path / "pdf" / f"{ledger.stem}.pdf")[0].splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == ["序号"])
    end = next(i for i in range(start + 1, len(lines)) if re.match(r"\s*1\s", lines[i]))
    words = [t for line in lines[start:end] for t in line.split()]
    # the header is there, in whole words (lo33 breaks a Chinese header between its words:
    # '授权日' / '或注册日')
    assert "授权日或注册日" in "".join(words) or ("授权日" in words and "或注册日" in words) \
        or "授权日或" in words
    assert not [t for t in words if len(t) == 1 and re.match(r"[\u4e00-\u9fff]", t)], words


# --- 6. no article before a numbered name ------------------------------------------------------

def test_a_numbered_name_takes_no_article():
    from generators.company_kind import articled
    from generators.templates_io import the

    for name in ("Design Studio 1", "Workshop 2", "Plant 3", "Plant III", "Building A"):
        assert the(name) == name and the(name, capital=True) == name and articled(name) == name
    assert the("No. 2 Workshop") == "the No. 2 Workshop"  # the number comes first
    assert the("Design Studio") == "the Design Studio"


def test_a_package_never_writes_the_before_a_numbered_studio(corpus, tmp_path):
    """The design institute's studios renamed 'Design Studio 1', '… 2', '… 3' (as a consultant
    found them): the English package names them without 'the' wherever they stand."""
    text = (INTAKES / "design.en.yaml").read_text("utf-8")
    for i, old in enumerate(("Architectural Design Studio", "Structural Design Studio",
                             "Municipal Design Studio"), start=1):
        text = text.replace(old, f"Design Studio {i}")
    path = tmp_path / "design.en.yaml"
    path.write_text(text, encoding="utf-8")
    folder = tmp_path / "pkg"
    result = draft_package(load_intake(path), corpus, folder, "en")
    joined = "\n".join(_texts(folder).values())
    assert "Design Studio 1" in joined
    assert not re.findall(r"\b[Tt]he Design Studio \d", joined)
    assert result.findings == []


# --- 7. P-03: a maker's works under its own wording ---------------------------------------------

def test_p03_words_a_makers_works_as_a_maker_and_a_design_institutes_as_its_own(manufacturer,
                                                                               corpus, tmp_path):
    """The rail maker's drawings and standards are made by its R&D engineers, commissioned from
    others or supplied with products: P-03 reviews that the copyright comes to the company and
    what customers may do with them, not a client's use of delivered works by project and
    site, which stays the design institute's."""
    design = {"zh": "用途、项目、地点和次数", "en": "purpose, project, site and number of uses"}
    maker = {"zh": ("合同须约定归公司所有", "仅用于产品的使用和维修"),
             "en": ("the copyright belongs to the company", "operate and maintain the products")}
    for language in ("zh", "en"):
        p03 = _procedure(manufacturer[language], "P03")
        assert design[language] not in p03, language
        assert all(s in p03 for s in maker[language]), language
    folder = tmp_path / "design"
    draft_package(load_intake(INTAKES / "design.zh.yaml"), corpus, folder, "zh")
    p03 = _procedure(_texts(folder), "P03")
    assert design["zh"] in p03 and maker["zh"][0] not in p03


# --- 8. R-09 lists the rules for transfer rewards and the secrecy qualification ---------------

def test_r09_lists_the_transfer_reward_provisions_and_the_secrecy_qualification(
        manufacturer, testing_lab):
    """A company that does R&D and licenses out gets 实施《促进科技成果转化法》若干规定 (国发〔2016〕
    16号) beside the law; one with classified work (business.classified_work, which the rail
    maker's secrecy qualification implies) the secrecy qualification rules for weapons and
    equipment units; the testing lab neither."""
    rewards = {"zh": ("实施《中华人民共和国促进科技成果转化法》若干规定", "国发〔2016〕16号"),
               "en": ("Several Provisions on Implementing the Law of the People's Republic of "
                      "China on Promoting the Transformation", "Guofa [2016] No. 16")}
    secrecy = {"zh": "武器装备科研生产单位保密资格认定办法",
               "en": "Secrecy Qualification of Weapons and Equipment Research and Production"}
    for language in ("zh", "en"):
        r09 = _procedure(manufacturer[language], "R09")
        assert all(s in r09 for s in rewards[language]), language
        classified = load_intake(INTAKES / f"soe-rail.{language}.yaml").business.classified_work
        assert (secrecy[language] in r09) is classified, language
        lab = _procedure(testing_lab[language], "R09")  # no classified work, no licensing out
        assert secrecy[language] not in lab and rewards[language][0] not in lab
