"""Issue 17, part gen32b: wording, ownership and Beijing-standard leftovers the consultants found
in the AI start-up (bj-ipm) and seed packages (/work/notes/s31/try6a-report.md, try6b-report.md),
each fixed by kind and checked on the drafted package read back: definitions cite the standard
with their term, never a bare '（本标准3.9）'; the industry keeps its note everywhere it describes
the company; information channels follow the company's kind; joint duties in natural English;
two clauses sharing a number excluded in one line; a clause named one way in the package; one
owner of the export duties."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generators.intake import load_intake
from generators.package import draft_package
from generators.package_reader import read_package
from tests.helpers import BJ_PATH, intake_variant, procedure_documents

INTAKES = Path(__file__).parent / "data" / "intakes"


def _texts(folder: Path) -> dict[str, str]:
    """Each drafted document's text by its number, and each procedure a small company's bundle
    holds as a chapter by its own ('chapter-P-05')."""
    texts = {d.number: "\n".join(t for _, t in d.texts()) for d in read_package(folder)}
    texts.update({f"chapter-{key.split(' ')[0]}": text
                  for key, text in procedure_documents(folder).items()})
    return texts


def _drafted(corpus, path: Path, folder: Path, language: str) -> dict[str, str]:
    draft_package(load_intake(path), corpus, folder, language)
    return _texts(folder)


@pytest.fixture(scope="module")
def ai(corpus, tmp_path_factory):
    """The Beijing AI start-up (bj-ipm; industry '软件和信息技术服务业（人工智能）') drafted in
    both languages: {language: texts by number}."""
    return {language: _drafted(corpus, INTAKES / f"ai-startup.{language}.yaml",
                               tmp_path_factory.mktemp("ai") / language, language)
            for language in ("zh", "en")}


def _doc(texts: dict[str, str], code: str) -> str:
    """The text of document `code` ('P01', 'M01', 'R26')."""
    return next(t for n, t in texts.items() if n.endswith(f"-{code[0]}-{code[1:]}"))


def _whole(texts: dict[str, str]) -> str:
    return "\n".join(texts.values())


# --- 1. a definition cites the standard with its term ------------------------------------------

def _bj_term(number: str) -> str:
    """The term bj-ipm's clause `number` (3.x) defines, read from the shipped text."""
    for line in BJ_PATH.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(rf"{re.escape(number)}\s*(\S+)", line.strip())
        if match:
            return match[1]
    raise AssertionError(number)


def test_definitions_cite_the_standards_term_never_a_bare_number(ai):
    """'建立方针和目标并实现这些目标的体系（本标准3.9）' gives the reader a bare number: a
    consultant writes '（见本标准3.9“管理体系”）' with the term, and in English says what the
    number is ('as defined in clause 3.9 of the standard'), never '(clause 3.9 of the standard)'."""
    zh, en = _whole(ai["zh"]), _whole(ai["en"])
    assert not re.findall(r".{0,20}[（(]本标准\s*\d+(?:\.\d+)*[）)]", zh)
    assert not re.findall(r".{0,30}\(clause \d+(?:\.\d+)* of the standard\)", en)
    for number in ("3.9", "3.3", "3.1", "3.7"):
        assert f"（见本标准{number}“{_bj_term(number)}”）" in zh, number
    assert "（见本标准3.9“管理体系”）" in _doc(ai["zh"], "P01")
    assert "(as defined in clause 3.9 of the standard)" in _doc(ai["en"], "P01")


# --- 2. the industry with its note wherever it describes the company --------------------------

def _industry(path: Path) -> tuple[str, str]:
    """(core, note) of the intake's industry: '软件和信息技术服务业', '人工智能'."""
    import yaml

    value = yaml.safe_load(path.read_text(encoding="utf-8"))["company"]["industry"]
    match = re.fullmatch(r"(.+?)\s*[（(]([^()（）]+)[)）]", value)
    assert match, value
    return match[1], match[2]


def test_the_industrys_note_reaches_every_text_that_names_the_industry(ai):
    """P-01 '依据本公司的行业性质（软件和信息技术服务业）' dropped the intake's '（人工智能）' (a
    bracket inside a bracket is left out): every place naming the industry names it whole, in
    both languages, P-01, P-04, P-05 and P-09 among them."""
    for language in ("zh", "en"):
        core, note = _industry(INTAKES / f"ai-startup.{language}.yaml")
        core = core.lower() if language == "en" else core
        for number, text in ai[language].items():
            text = text.lower() if language == "en" else text
            for found in re.finditer(re.escape(core), text):
                after = text[found.end():found.end() + len(note) + 12]
                assert note.lower() in after, (language, number, text[found.start() - 30:
                                                                        found.end() + 20])
        for code in ("P01", "P04", "P05", "P09"):
            text = _doc(ai[language], code)
            assert (note if language == "zh" else note.lower()) in text, (language, code)


def test_an_industry_with_a_note_is_never_called_a_trade_twice():
    """'软件和信息技术服务业（人工智能）行业' and '种业（农作物种子）行业': a name ending in 业
    before its note is a 行业 already."""
    from generators.templates_io import _trade_filter

    assert _trade_filter("软件和信息技术服务业（人工智能）") == "软件和信息技术服务业（人工智能）"
    assert _trade_filter("种业（农作物种子）") == "种业（农作物种子）"
    assert _trade_filter("网络游戏（移动端和PC端）") == "网络游戏行业（移动端和PC端）"
    assert _trade_filter("新材料") == "新材料行业"


# --- 5. two clauses with one number, both excluded: one line -----------------------------------

def _statement(texts: dict[str, str], language: str) -> list[str]:
    start = "删减：" if language == "zh" else "Excluded: "
    return [line for line in _doc(texts, "M01").splitlines()
            if line.startswith(start) and re.match(r"\d", line[len(start):])]


def test_both_clauses_sharing_a_number_excluded_are_one_line_naming_both(corpus, tmp_path):
    """bj-ipm prints 11.4.3.2 for 知识产权作价入股 and 知识产权联盟: with both excluded the
    statement said '删减：11.4.3.2 …' twice; it says it once, with both topics, and that both
    are excluded (as 11.4.2.3's line says which one is). Drafted for traders with no financing,
    alliance or M&A plans (the AI start-up's policy now names financing, so it keeps them)."""
    traders = {"zh": INTAKES / "new-user-trading.zh.yaml",
               "en": INTAKES.parent / "trademarks" / "trade.en.yaml"}
    for language, said in (("zh", ("知识产权作价入股", "知识产权联盟", "两条均删减")),
                           ("en", ("(IP-for-equity)", "Intellectual property alliance",
                                   "both are excluded"))):
        draft_package(load_intake(traders[language]), corpus, tmp_path / language, language,
                      standard="bj-ipm")
        texts = _texts(tmp_path / language)
        lines = [line for line in _statement(texts, language) if "11.4.3.2" in line]
        assert len(lines) == 1, (language, lines)
        assert all(s in lines[0] for s in said), (language, lines[0])


# --- 6. a clause named one way in the package -------------------------------------------------

def _placement_headings(*keys: str) -> set[str]:
    import yaml

    from generators.templates_io import TEMPLATES_DIR

    headings = yaml.safe_load((TEMPLATES_DIR / "placement.yaml").read_text(encoding="utf-8"))
    return {headings["headings"][k][lang] for k in keys for lang in ("zh", "en")}


def test_a_clause_number_carries_one_name_per_clause_in_every_document(ai):
    """P-31 named 6.2.3 '其他知识产权管理制度' in its purpose and '其他知识产权的管理' in its
    references: every document names bj-ipm's two 6.2.3 clauses by the manual's headings of
    their topics (placement.yaml), nothing else."""
    allowed = _placement_headings("6.2.3", "6.2.3#2")
    for language in ("zh", "en"):
        for number, text in ai[language].items():
            names = set(re.findall(r"6\.2\.3(?:（([^（）]+)）| \(([^()]+)\))", text))
            names = {a or b for a, b in names}
            assert names <= allowed, (language, number, names - allowed)


class _Doc:
    def __init__(self, kind, texts, rows=()):
        self.kind, self._texts, self._rows = kind, texts, rows
        self.path, self.header = f"{kind}.docx", ""

    def texts(self):
        return [("", t) for t in self._texts]

    def tables(self):
        from types import SimpleNamespace

        return [SimpleNamespace(rows=[("条款", "标题"), *self._rows])] if self._rows else []


class _Package:
    language = "zh"

    def __init__(self, documents):
        self.documents, self.said = documents, []

    def say(self, check, document, where, message, **values):
        self.said.append((check, values))


def test_the_lint_reports_a_clause_named_more_ways_than_it_has_clauses():
    """The package lint (`clause-title`) reads the names printed after a number and reports
    more of them than the standard has clauses of that number."""
    from generators.lint_numbers import check_clause_titles

    trace = _Doc("other", [], rows=[("6.2.3", "其他知识产权管理制度"), ("6.2.3", "保密管理制度"),
                                    ("8.2", "风险识别")])
    two = _Doc("procedure", ["满足6.2.3（其他知识产权管理制度）、8.2（风险识别）的要求",
                             "6.2.3（其他知识产权的管理）, 8.2"])
    manual = _Doc("manual", ["6.2.3（保密管理）"])
    package = _Package([trace, two, manual])
    check_clause_titles(package)
    assert [(c, v["number"], v["count"]) for c, v in package.said] == [("clause-title", "6.2.3", 3)]
    fine = _Package([trace, _Doc("procedure", ["6.2.3（其他知识产权的管理）", "6.2.3（保密管理）"])])
    check_clause_titles(fine)
    assert fine.said == []


# --- 3. information channels by the company's kind --------------------------------------------

@pytest.fixture(scope="module")
def seed(corpus, tmp_path_factory):
    """The seed company (营销中心 and 国际贸易部 both selling; exports to Central Asia) in both
    languages: {language: texts by number}."""
    return {language: _drafted(corpus, INTAKES / f"seed.{language}.yaml",
                               tmp_path_factory.mktemp("seed") / language, language)
            for language in ("zh", "en")}


def _channels_text(texts: dict[str, str], language: str) -> tuple[str, str]:
    """(P-09's step setting up the channels, the manual's sentence naming them)."""
    step = "5.1 建立信息收集渠道" if language == "zh" else "5.1 Establishing information"
    lines = _doc(texts, "P09").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(step))
    words = "建立信息收集渠道（" if language == "zh" else "sets up information collection channels ("
    manual = next(line for line in _doc(texts, "M01").splitlines() if words in line)
    return lines[at + 1], manual


@pytest.mark.parametrize("language, said", [
    ("zh", ("arXiv", "Hugging Face", "GitHub")), ("en", ("arXiv", "Hugging Face", "GitHub"))])
def test_an_ai_companys_channels_are_papers_model_hubs_and_code_hosting(ai, language, said):
    """The consultant: 7.4.1's channels listed patent databases only; an AI company reads papers
    (arXiv), model hubs and GitHub — in P-09's step and in the manual alike."""
    step, manual = _channels_text(ai[language], language)
    for word in said:
        assert word in step and word in manual, (language, word)


@pytest.mark.parametrize("language, said, not_said", [
    ("zh", ("品种权公告", "品种审定公告"), ("arXiv", "Hugging Face")),
    ("en", ("plant variety right", "variety approval announcements"), ("arXiv", "Hugging Face"))])
def test_a_seed_companys_channels_are_the_variety_gazettes(seed, language, said, not_said):
    """The seed company watches the variety right gazette (品种权公告) and the variety approval
    announcements (品种审定公告); model hubs and preprint servers are not its channels."""
    step, manual = _channels_text(seed[language], language)
    for word in said:
        assert word in step and word in manual, (language, word)
    for word in not_said:
        assert word not in step and word not in manual, (language, word)


# --- 4. joint duties in natural English -------------------------------------------------------

def test_no_english_text_says_each_of_a_list_of_departments(ai, seed):
    """'each of the Algorithm Research and Platform Engineering departments confirms', 'each of
    the Marketing Centre and the International Trade Department' read wrong: a duty several
    departments hold is the one concerned's, named with 'or'."""
    for texts in (ai["en"], seed["en"]):
        for number, text in texts.items():
            assert not re.findall(r"each of (?:the )?[A-Z][^.;]{0,80}", text), number
    whole = _whole(ai["en"])
    assert "the department concerned (Algorithm Research or Platform Engineering)" in whole
    assert "manages the IP of each of" not in whole


# --- 7. one owner of the export duties --------------------------------------------------------

def test_the_international_trade_department_alone_checks_before_export(seed):
    """营销中心 and 国际贸易部 both hold `sales`; both were told to check before seed is exported
    and both had 出口产品…的知识产权调查 among their duties. The department whose name says
    export (duties.yaml `named`) owns the export duties; the other is consulted."""
    zh, en = seed["zh"], seed["en"]
    p17 = _doc(zh, "P17")
    assert "种子出口前，国际贸易部确认" in p17
    assert "营销中心、国际贸易部确认" not in p17 and "营销中心、国际贸易部提前" not in p17
    assert "征求营销中心意见" in p17
    assert "Before seed is exported, the International Trade Department confirms" in \
        _doc(en, "P17")
    manual = _doc(zh, "M01")
    duties = [line for line in manual.splitlines() if line.startswith(("营销中心：", "国际贸易部："))]
    assert len(duties) == 2, duties
    assert sum("出口产品" in line for line in duties) == 1, duties
    # the export department informs the IP department, which investigates (odm33: as P-17 says)
    assert "向境外销售产品前，国际贸易部提前通知" in manual and "营销中心提前通知" not in manual


def test_a_sole_sales_department_keeps_the_export_duties():
    """Without a department named for export the sales department keeps them (the rule applies
    only beside another holder of the function)."""
    from generators.roles import owned_processes
    from generators.templates_io import TemplateSet

    intake = load_intake(INTAKES / "seed.zh.yaml")
    assert owned_processes(intake, TemplateSet()) == {"export": "国际贸易部"}
    intake.org.departments[:] = [d for d in intake.org.departments if d.name != "国际贸易部"]
    assert owned_processes(intake, TemplateSet()) == {}


def test_the_matrix_marks_the_owner_of_the_export_clause(corpus, tmp_path):
    """The seed company drafted to bj-ipm: 10.1.2.2 (IP work in foreign trade) is marked ● for
    国际贸易部, the department its texts name for export, 营销中心 assisting (○)."""
    from generators.package_reader import read_package as read

    def to_bj(data):
        data["standard"] = "bj-ipm"

    path = intake_variant(INTAKES / "seed.zh.yaml", tmp_path, to_bj)
    draft_package(load_intake(path), corpus, tmp_path / "pkg", "zh")
    manual = next(d for d in read(tmp_path / "pkg") if d.kind == "manual")
    matrix = next(t for t in manual.tables() if any("●" in c for r in t.rows for c in r))
    row = next(r for r in matrix.rows if r[0] == "10.1.2.2")
    marks = dict(zip(matrix.header, row))
    assert marks["国际贸易部"] == "●" and marks["营销中心"] == "○", marks


def test_the_information_record_offers_the_companys_channels(ai, seed):
    """R-26's source column offered 专利数据库/期刊/展会/竞争对手官网 to every company: it offers
    the channels P-09 sets up for this kind of company."""
    assert all(w in _doc(ai["zh"], "R26") for w in ("论文", "模型社区", "代码托管平台"))
    assert "品种权公告" in _doc(seed["zh"], "R26") and "模型社区" not in _doc(seed["zh"], "R26")
    assert "model hub" in _doc(ai["en"], "R26") and "variety" in _doc(seed["en"], "R26")
