"""The game-studio tryout's wording and layout leftovers (issue 17, session 30).

tests/data/intakes/game-studio.*.yaml drafted, the consultant found, each by kind:
1. Brackets inside brackets: '(Moonlit Tide (mobile RPG), …, Project Ember (PC action game, in
   development))' — an intake value's own bracketed note inside a bracket the text opens. The
   note is left out there and kept where the value stands in the sentence (generators.brackets).
3. 'with each of Game Development Studio and the Art and Audio Centre and other departments':
   lists ending in 'the other departments' go through depts(); names ending in Studio take 'the'.
Expected words come from the intakes (names, notes) and the consultant's findings.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generators.intake import load_intake
from generators.package import draft_package
from tests.helpers import docx_text, procedure_document

INTAKES = Path(__file__).parent / "data" / "intakes"
OPEN, CLOSE = "(（", ")）"


@pytest.fixture(scope="module")
def studio(corpus, templates, tmp_path_factory):
    """{language: {file name: text}} of the game studio's drafted documents."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"studio5-{language}") / "pkg"
        draft_package(load_intake(INTAKES / f"game-studio.{language}.yaml"), corpus, folder,
                      language, templates=templates)
        out[language] = {p.name: docx_text(p) for p in sorted(folder.glob("*/*.docx"))}
    return out


def _inner_groups(text: str) -> list[str]:
    """The contents of the brackets that stand inside another bracket."""
    found, stack = [], []
    for i, char in enumerate(text):
        if char in OPEN:
            stack.append(i)
        elif char in CLOSE and stack:
            start = stack.pop()
            if stack:
                found.append(text[start + 1:i])
    return found


# the intake's own bracketed notes (products, industry, partners, works)
NOTES = {"en": ("mobile RPG", "casual mobile game", "PC action game, in development",
                "mobile and PC", "Chengdu", "Beijing", "characters, scenes, UI"),
         "zh": ("移动端角色扮演游戏", "休闲手游", "PC动作游戏，在研", "移动端和PC端", "成都", "北京")}


# -- 1. no intake value's note inside a bracket of the text --------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_value_note_stands_inside_another_bracket(studio, language):
    nested = [(name, inner) for name, text in studio[language].items()
              for inner in _inner_groups(text) if inner in NOTES[language]]
    assert not nested, nested[:5]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_value_notes_are_kept_where_the_value_stands_in_the_sentence(studio, language):
    manual = next(text for name, text in studio[language].items() if "-M-01" in name)
    for note in NOTES[language][:3]:
        assert note in manual, note


# -- 3. joint department lists ------------------------------------------------------------------
def test_other_departments_close_the_list_once(studio):
    for name, text in studio["en"].items():
        assert not re.search(r"each of [^.;]*? and (the )?other departments", text), name
        assert "together with each of" not in text, name
        # 'each of' is for a subject that acts ('each of A and B confirms'); after 'in', 'of',
        # 'to' the departments are listed (depts())
        assert not re.search(r"(such as in|researcher of|reports them to|inventors of) each of",
                             text), name


def test_a_studio_takes_the_article_in_running_text(studio):
    texts = "\n".join(studio["en"].values())
    assert "the Game Development Studio" in texts
    assert not re.search(r"(?:with|and|of|to|from) Game Development Studio", texts)


# -- 4. P-29 follows the business model: goods have an origin, services do not ------------------
def _of(texts: dict[str, str], code: str) -> str:
    return next(text for name, text in texts.items() if f"-{code[0]}-{code[1:]}" in name)


@pytest.mark.parametrize("language, goods_words", [
    ("en", ("origin of the goods", "packaging", "labels from other sources")),
    ("zh", ("商品产地", "包装", "印制", "非指定来源的标识"))])
def test_trademark_licensing_of_a_company_without_goods_names_no_goods(studio, language,
                                                                         goods_words):
    for code in ("P29", "R76"):
        text = _of(studio[language], code)
        assert not [w for w in goods_words if w in text], code
    assert "被许可人名称" in _of(studio["zh"], "R76")  # 商标法第四十三条: the licensee's name


def test_trademark_licensing_of_a_goods_company_keeps_the_origin(corpus, templates, tmp_path):
    """A food company licensing its marks: 商标法第四十三条 — 标明被许可人的名称和商品产地."""
    draft_package(load_intake(INTAKES / "food.zh.yaml"), corpus, tmp_path / "pkg", "zh",
                  templates=templates)
    texts = {p.name: docx_text(p) for p in (tmp_path / "pkg").glob("*/*.docx")}
    p29 = procedure_document(tmp_path / "pkg", "P-29")  # a chapter of the small company's bundle
    assert "商品产地" in p29 and "商品产地" in _of(texts, "R76")


# -- 5. a yes/no fact that is absent is not collected, an explicit false is an answer -------------
EXAMPLES = Path(__file__).resolve().parents[1] / "generators" / "templates" / "examples"


def _business_warnings(data: dict) -> list[str]:
    import yaml

    from generators.intake import check_intake

    _, report = check_intake(yaml.safe_dump(data, allow_unicode=True), "intake.yaml")
    return [w.path for w in report.warnings if w.path.startswith("business.")]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_online_company_is_asked_whether_it_hosts_user_content(language):
    import yaml

    data = yaml.safe_load((EXAMPLES / f"saas.{language}.yaml").read_text(encoding="utf-8"))
    data["business"]["user_content"] = False  # the consultant asked: no
    assert _business_warnings(data) == []
    del data["business"]["user_content"]  # not asked yet
    assert _business_warnings(data) == ["business.user_content"]


def test_a_brand_licensing_goods_company_is_asked_whether_it_franchises():
    import yaml

    data = yaml.safe_load((INTAKES / "food.zh.yaml").read_text(encoding="utf-8"))
    data["ip"]["disputes"] = []  # its 加盟店 dispute would say it franchises
    data["policy"]["objectives"] = [o for o in data["policy"]["objectives"] if "加盟" not in o]
    data["business"]["franchising"] = False
    assert _business_warnings(data) == []
    del data["business"]["franchising"]
    assert _business_warnings(data) == ["business.franchising"]
    data["business"]["licensing_out"] = False  # licenses nothing out: franchising does not matter
    assert _business_warnings(data) == []


# -- 8. bid review only for a company that bids ----------------------------------------------------
@pytest.mark.parametrize("language, words", [
    ("zh", ("投标", "招标")), ("en", ("bid", "tender"))])
def test_a_studio_publishing_through_a_publisher_has_no_bid_review(studio, language, words):
    """The studio makes works (game art, music, scripts) but takes part in no tenders: P-03,
    the contract forms, the audit checklist and the departure undertaking say nothing of bids."""
    for code in ("P03", "R06", "R07", "R57", "R20", "P07"):
        text = _of(studio[language], code).casefold()
        assert not [w for w in words if w in text], code


# -- 9. coverage.md calls an institute what its documents call it ---------------------------------
def test_coverage_report_of_an_institute_says_benyuan(corpus, templates, tmp_path):
    """江苏华筑工程设计研究院有限公司 calls itself 本院 in its documents; its coverage report too
    (the company's full name, ending 有限公司, stays as it is)."""
    intake = load_intake(INTAKES / "design-institute.zh.yaml")
    draft_package(intake, corpus, tmp_path / "pkg", "zh", templates=templates)
    report = (tmp_path / "pkg" / "coverage.md").read_text(encoding="utf-8")
    assert "本院" in report
    # names quoted from the intake (a licensor 北京构力科技有限公司 in an intake-check warning)
    # are theirs, not the report's words
    own_words = re.sub(r"“[^”]*”", "", report).replace(intake.company.name, "")
    assert "公司" not in own_words


# -- 7. the IP positions include those who make the company's works ------------------------------
@pytest.mark.parametrize("language, lead, makers", [
    ("en", "IP working positions", ("game designers", "artists")),
    ("zh", "知识产权工作岗位", ("策划", "美术"))])
def test_the_manuals_ip_positions_name_the_creative_positions(studio, language, lead, makers):
    """A studio whose works (game art, music, scripts) are its product: the positions HR sets up
    with the IP department include the designers and artists who create them (works.yaml)."""
    manual = next(text for name, text in studio[language].items() if "-M-01" in name)
    sentence = next(line for line in manual.splitlines() if lead in line)
    positions = sentence[sentence.index(lead):]
    assert all(m in positions.split("。")[0].split(". ")[0] for m in makers), positions[:300]


# -- 6. the training sign-in sheet is sized to everyone the plan trains ----------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_training_sign_in_rows_cover_all_staff(corpus, templates, tmp_path, language):
    """P-08 trains all employees in IP awareness (全体员工——知识产权意识和保密要求), not only the
    100 developers. R-24 is one session's sheet (round 34: nine pages of blank rows for a large
    company helped nobody): a page of rows, sized from all staff, not from the developers —
    the studio's 150 employees fill a page, more than a page holds."""
    import docx
    import yaml

    intake = load_intake(INTAKES / f"game-studio.{language}.yaml")
    draft_package(intake, corpus, tmp_path / "pkg", language, templates=templates)
    p08 = docx_text(next((tmp_path / "pkg" / "02-procedures").glob("*-P-08 *.docx")))
    assert ("全体员工" if language == "zh" else "all employees") in p08
    staff = yaml.safe_load((INTAKES / f"game-studio.{language}.yaml").read_text("utf-8"))[
        "company"]["staff"]
    sheet = docx.Document(str(next((tmp_path / "pkg" / "03-forms").glob("*-R-24 *.docx"))))
    ledger = next(t for t in sheet.tables if t.rows[0].cells[0].text in ("序号", "No."))
    assert 10 <= len(ledger.rows) - 1 < staff  # a page of rows: more attendees sign a copy


# -- 2. narrow Chinese column headers wrap without a lone last character ---------------------------
CELL_MARGINS_CM, EM_CM_AT_10_5 = 0.381, 10.5 / 72 * 2.54  # LibreOffice's cell margins; 1 em


def _headers(path: Path):
    """(label, width cm, size pt) of every header cell of the form's tables (bold first row)."""
    import docx

    for table in docx.Document(str(path)).tables:
        for cell in table.rows[0].cells:
            runs = cell.paragraphs[0].runs
            size = next((r.font.size.pt for r in runs if r.font.size), 10.5)
            yield cell.text.replace("\u2060", ""), cell.width.cm, size


@pytest.mark.parametrize("intake, forms", [("game-studio.zh.yaml", "*-R-70 *.docx"),
                                           ("design-institute.zh.yaml", "*.docx")])
def test_chinese_headers_do_not_leave_one_character_on_the_last_line(corpus, templates,
                                                                      tmp_path, intake, forms):
    """LibreOffice fills a Chinese header's line with as many characters as the cell holds:
    '来源地址' in a three-character column reads '来源地' / '址' (R-70). A column is sized so that
    a header of Chinese characters breaks into lines of two or more ('来源' / '地址'), where
    the table has the room (the studio's 15-column IP ledger R-42 has not)."""
    draft_package(load_intake(INTAKES / intake), corpus, tmp_path / "pkg", "zh",
                  templates=templates)
    lone = []
    for form in sorted((tmp_path / "pkg" / "03-forms").glob(forms)):
        for label, width, size in _headers(form):
            if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", label):
                continue
            chars = int((width - CELL_MARGINS_CM) / (EM_CM_AT_10_5 * size / 10.5) + 1e-6)
            if 0 < chars < len(label) and len(label) % chars == 1:
                lone.append((form.name[:10], label, chars))
    assert not lone, lone


# -- 10. document numbers kept whole: the transition report, and a Chinese short name -------------
def test_the_transition_reports_document_numbers_as_the_package_writes_them(tmp_path, capsys):
    """The transition report names the company's documents ('ZH-IPM-P-17 涉外知识产权管理控制
    程序'): written as the package writes them, in an en-GB run of its own (LibreOffice's
    Chinese line breaker breaks 'ZH-IPM-P-1' / '7' otherwise) with nothing inside it, so that
    Find matches the number."""
    import re
    import zipfile

    from assistant.cli import main
    from generators.templates_io import TemplateSet

    intake = tmp_path / "intake.yaml"
    intake.write_text(TemplateSet().intake_example("zh"), encoding="utf-8")
    out = tmp_path / "r.docx"
    assert main(["transition", "--from", "2013", "--to", "2023", "--out", str(out),
                 "--intake", str(intake)]) == 0
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "\u2060" not in re.sub(r"\d{4}-\u2060\d\d-\u2060\d\d", "", xml)  # a date's only
    assert re.search(r'<w:lang w:val="en-GB"[^>]*/></w:rPr><w:t[^>]*>ZH-IPM-P-17</w:t>', xml)


@pytest.mark.parametrize("language, short, warned", [
    ("zh", "星港数字娱乐科技", True), ("en", "星港数字娱乐科技", True), ("zh", "SHG", False),
    ("zh", "星港", False)])
def test_a_chinese_short_name_in_document_numbers_is_queried(language, short, warned):
    """'星港数字娱乐科技-IPM-P-03' may break between two Chinese characters in LibreOffice (a
    short name of at most 6 is kept whole: tests/test_whole_measures.py): the intake check says
    so on company.short_name and suggests Latin letters (拼音首字母)."""
    import yaml

    from generators.intake import check_intake

    data = yaml.safe_load((INTAKES / f"game-studio.{language}.yaml").read_text("utf-8"))
    data["company"]["short_name"] = short
    _, report = check_intake(yaml.safe_dump(data, allow_unicode=True), "intake.yaml")
    assert ("company.short_name" in [w.path for w in report.warnings]) is warned


def test_a_bracket_inside_a_title_is_no_value_note():
    """The life-sciences company's partner '上海某医药研发合同研究组织（CRO）': its note goes inside
    a bracket, but the procedure title 《注册申报数据与临床试验（CRO）协议知识产权管理控制程序》
    (catalogue.yaml) keeps its own bracket."""
    from generators.brackets import unnested, value_notes

    notes = value_notes([["上海某医药研发合同研究组织（CRO）"]])
    title = "《注册申报数据与临床试验（CRO）协议知识产权管理控制程序》"
    text = f"（按{title}办理，如与上海某医药研发合同研究组织（CRO）的协议）"
    assert unnested(text, notes) == f"（按{title}办理，如与上海某医药研发合同研究组织的协议）"
