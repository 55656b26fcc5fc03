"""How answers, exports and training records read to a new user (an IP manager trying the web
app): a summary's quotes say they are not the standard's text; chips are questions in the
interface's language; exports follow the interface's language and print each quote once; the
training record names the standard and edition; the crosswalk relates every 2023 clause that has
a 2013 counterpart; related clauses are listed once, ranked and capped."""
from __future__ import annotations

import re

import docx
import pytest

from assistant.answer.status import document_status
from assistant.models import DocumentMeta
from assistant.web import chat, quiz
from assistant.web import handlers as h
from assistant.web import records
from assistant.web.messages import t
from generators.templates_io import TemplateSet

CJK = re.compile(r"[\u4e00-\u9fff]")
SUMMARY_QUESTION_EN = "What are the certification requirements for top management?"
SUMMARY_QUESTION_ZH = "认证对最高管理者有什么要求"


@pytest.fixture(scope="module")
def services(session_settings, corpus, answerer):
    return h.Services(session_settings, corpus, answerer, TemplateSet())


def _meta(**changes) -> DocumentMeta:
    values = dict(id="x", title_zh="某文件", title_en="A document", kind="guide", language="en",
                  issuer="", date="", source="x.raw.txt", file="x.txt", structure="sections")
    return DocumentMeta(**{**values, **changes})


# -- 3. a quote from a summary is labelled as one ------------------------------------------------
def test_documents_marked_as_summaries_or_guides_have_a_status():
    assert document_status(_meta(title_en="Requirements (summary)")) == "summary"
    assert document_status(_meta(title_zh="认证要求（英文摘要）")) == "summary"
    assert document_status(_meta(issuer="unattributed web summary")) == "summary"
    assert document_status(_meta()) == "guide"
    assert document_status(_meta(kind="standard", title_en="Summary of nothing")) == ""
    assert document_status(_meta(kind="notice")) == ""


@pytest.mark.parametrize("question,label", [(SUMMARY_QUESTION_EN, "unofficial summary"),
                                            (SUMMARY_QUESTION_ZH, "非官方摘要")])
def test_every_quote_from_the_summary_is_labelled_beside_its_citation(answerer, question, label):
    answer = answerer.answer(question)
    summary = [c for c in answer.citations if c.doc == "ipms-cert-en"]
    assert summary, "the question is answered from the English summary"
    assert all(c.status == "summary" for c in summary)
    for citation in answer.citations:
        tag = f"[{citation.doc} {citation.clause}]"
        line = next(x for x in answer.answer.split("\n") if tag in x)
        assert (label in line) == (citation.doc == "ipms-cert-en"), line


def test_the_standard_itself_is_not_labelled(answerer):
    answer = answerer.answer("第4.3.2条要求什么？")
    assert answer.citations and all(c.status == "" for c in answer.citations)
    assert "非官方" not in answer.answer


def test_the_clause_page_and_the_cli_clause_view_label_the_summary(services, corpus):
    from assistant.answer.clause_view import clause_view

    key = next(k for k, c in corpus.documents["ipms-cert-en"].clauses.items() if c.body.strip())
    assert "非官方摘要" in h.clause_markdown(services, "ipms-cert-en", key, "zh")
    assert "unofficial summary" in h.clause_markdown(services, "ipms-cert-en", key, "en")
    assert "unofficial summary" in clause_view(corpus, "Planning", "ipms-cert-en").text
    assert "非官方" not in h.clause_markdown(services, "bj-ipm", "4.3.2.1", "zh")


@pytest.mark.parametrize("lang,label", [("zh", "非官方摘要"), ("en", "unofficial summary")])
def test_exports_label_the_summary_beside_its_citation(services, lang, label):
    turns = []
    h.ask(services, SUMMARY_QUESTION_EN, h.ALL_DOCS, turns)
    markdown = open(h.export_conversation(services, turns, "md", lang), encoding="utf-8").read()
    cited = [x for x in markdown.split("\n") if x.startswith("- [ipms-cert-en")]
    assert cited and all(label in x for x in cited)
    paragraphs = [p.text for p in docx.Document(h.export_conversation(services, turns, "docx",
                                                                      lang)).paragraphs]
    cited = [x for x in paragraphs if x.startswith("[ipms-cert-en")]
    assert cited and all(label in x for x in cited)


# -- 5. exports: fixed text in the interface's language, each quote once -----------------------
def test_markdown_export_in_a_chinese_interface_has_chinese_headers(services):
    turns = []
    h.ask(services, "第4.3.2条要求什么？", h.ALL_DOCS, turns)
    markdown = open(h.export_conversation(services, turns, "md", "zh"), encoding="utf-8").read()
    assert markdown.startswith(f"# {t('qa_record', 'zh')}")
    assert f"### {t('citations', 'zh')}" in markdown
    for english in ("IP management assistant", "conversation", "Citations", "## Q:"):
        assert english not in markdown
    english = open(h.export_conversation(services, turns, "md", "en"), encoding="utf-8").read()
    assert english.startswith(f"# {t('qa_record', 'en')}") and "### Citations" in english


@pytest.mark.parametrize("question", ["第4.3.2条要求什么？", SUMMARY_QUESTION_EN])
@pytest.mark.parametrize("kind", ["md", "docx"])
def test_exports_print_each_quote_once(services, question, kind):
    turns = []
    answer, _ = h.ask(services, question, h.ALL_DOCS, turns)
    path = h.export_conversation(services, turns, kind, "zh")
    if kind == "md":
        text = open(path, encoding="utf-8").read()
    else:
        text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    for citation in answer.citations:
        first = citation.quote.strip().split("\n")[0].strip()
        assert text.count(first) == 1, first


# -- 6. the training record names the standard and edition -------------------------------------
def _finished_quiz(corpus):
    session = quiz.build_quiz(corpus, ["7"], 2, "Zhao Lei", seed=2, trainer="Wang Fang")
    while not session.finished:
        session.answer(session.current.answer)
    return session


@pytest.mark.parametrize("lang,standard,edition,absent", [
    ("zh", "北京市地方标准《企业知识产权管理规范》", "2021年以前的版本", "Result"),
    ("en", "Enterprise Intellectual Property Management Specification", "pre-2021 edition", "结果"),
])
def test_training_record_names_the_standard_and_edition_in_the_ui_language(
        services, lang, standard, edition, absent):
    path = h.training_record(services, _finished_quiz(services.corpus), lang)
    document = docx.Document(path)
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert any(standard in c and edition in c for c in cells), cells
    headers = [c.text for table in document.tables for c in table.rows[0].cells]
    assert not any(absent in c for c in headers)
    assert document.paragraphs[0].text == ("知识产权培训记录" if lang == "zh"
                                           else "IP training record")
    topics = next(row.cells[1].text for table in document.tables for row in table.rows
                  if row.cells[0].text.startswith(standard))
    assert topics.startswith("7 ") and bool(CJK.search(topics)) == (lang == "zh"), topics


# -- 4. chips read as questions in the interface's language -------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_suggested_questions_are_in_the_interface_language(lang):
    for starter in t("starters", lang).split("|"):
        assert bool(CJK.search(starter)) == (lang == "zh"), starter
        assert starter.endswith("？" if lang == "zh" else "?"), starter


@pytest.mark.parametrize("question", ["第4.3.2条", "第10.2条", SUMMARY_QUESTION_EN,
                                      "认证质量通知对有效性检验有什么要求"])
def test_citation_chips_are_questions_in_the_interface_language(answerer, corpus, question):
    answer = answerer.answer(question)
    zh, en = chat.chips([answer], "zh", corpus), chat.chips([answer], "en", corpus)
    assert len(zh) == len(en) == len(set(answer.keys))  # one chip per clause, none merged
    for label in zh:
        assert label.endswith("？") and not label.startswith("["), label
    for label in en:
        assert label.startswith("What ") and label.endswith("?"), label
        assert not CJK.search(label), label  # every cited document has English titles
    for label, key in zip(zh + en, list(dict.fromkeys(answer.keys)) * 2):
        assert chat.chip_target([answer], label, corpus) == key


def test_a_long_title_is_never_cut_inside_a_word():
    title = "Continuously optimise the supply of standard implementation certification services"
    cut = chat.shortened(title, 40)
    assert cut.endswith("…") and len(cut) <= 41
    assert title.startswith(cut[:-1]) and title[len(cut) - 1] == " "
    assert chat.shortened("持续优化高标准贯标认证服务供给持续优化高标准贯标认证服务供给", 12) \
        == "持续优化高标准贯标认证服务供给持续优化高标准贯标认证服务供给"  # no boundary: kept whole


# -- 2. related clauses: each once, best first, capped -------------------------------------------
def _profile_numbers(profile_id: str) -> list[str]:
    from assistant.standards.profiles import load_profile

    return [c.number for c in load_profile(profile_id).clauses.values()
            if re.fullmatch(r"\d+(\.\d+)*", c.number)]


def _named_bj(text: str) -> list[tuple[str, str]]:
    """The bj-ipm clauses a list names, in order: (label, Chinese title) of each
    '[bj-ipm 9.3.1] 原始取得' or '[bj-ipm 9.3.1] Original acquisition (原始取得)'."""
    return re.findall(r"\[bj-ipm ([^\]]+)\][^\u4e00-\u9fff\[]*([\u4e00-\u9fff]+)", text)


def _quoted_bj(text: str) -> set[tuple[str, str]]:
    """(label, Chinese title) of the bj-ipm clauses an answer quotes (their header lines)."""
    return {(label, re.search(r"[\u4e00-\u9fff]+", head).group(0))
            for head, label in re.findall(r"(?m)^(.*)\[bj-ipm ([^\]/]+)[^\]]*\]\s*$", text)
            if re.search(r"[\u4e00-\u9fff]", head)}


@pytest.mark.parametrize("profile_id", ["gbt29490-2023", "gbt29490-2013"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_other_corresponding_clauses_are_unique_and_capped(answerer, profile_id, lang):
    from assistant.standards.crosswalk import load_crosswalk
    from assistant.standards.profile_answers import MAX_LISTED

    crosswalk = load_crosswalk()
    designation = "GB/T 29490-2023" if profile_id.endswith("2023") else "GB/T 29490-2013"
    lead = "其他对应条款：" if lang == "zh" else "Other corresponding clauses:"
    for number in _profile_numbers(profile_id):
        question = (f"{designation} 第{number}条要求什么" if lang == "zh"
                    else f"What does {designation} clause {number} require?")
        text = answerer.answer(question).answer
        listed = [x for x in text.split("\n") if x.startswith(lead)]
        if not listed:
            continue
        names = _named_bj(listed[0])
        assert len(names) == len(set(names)) and len(names) <= MAX_LISTED, (number, names)
        quoted = _quoted_bj(text)
        assert not quoted & set(names), (number, "quoted and listed again")
        keys = crosswalk.corresponding(profile_id, number, "bj-ipm")
        if len(keys) > len(quoted) + MAX_LISTED:
            assert f"ipms crosswalk {number} --from {profile_id}" in listed[0]


def test_the_answer_on_2023_clause_8_2_ranks_direct_rows_before_rows_mapped_by_topic(answerer):
    from assistant.standards.crosswalk import load_crosswalk, row_by_topic

    rows = load_crosswalk().rows_for("gbt29490-2023", "8.2")
    direct = {r.clause("bj-ipm").split("#")[0] for r in rows if not row_by_topic(r)}
    by_topic = {r.clause("bj-ipm").split("#")[0] for r in rows if row_by_topic(r)} - direct
    for question in ("GB/T 29490-2023 第8.2条要求什么", "2023版8.2对应2013版哪些条款"):
        text = answerer.answer(question).answer
        order = [n for n, _ in _named_bj(text)]
        assert len(order) <= 6 + 8 + 2, len(order)  # quoted, named, and at most a repeat or two
        firsts = [order.index(n) for n in direct if n in order]
        lasts = [order.index(n) for n in by_topic if n in order]
        assert firsts and max(firsts) < min(lasts or [len(order)]), (question, order)


def test_a_comparison_of_the_editions_names_every_bj_ipm_clause_once(answerer):
    """'2013版7.3对应2023版哪条': 17 bj-ipm clauses relate; the first six are quoted, the others
    are named once each or counted with the command that lists them all."""
    from assistant.standards.crosswalk import load_crosswalk

    keys = load_crosswalk().corresponding("gbt29490-2013", "7.3", "bj-ipm")
    answer = answerer.answer("2013版7.3对应2023版哪条")
    assert len(answer.citations) == 6
    listed = next(x for x in answer.answer.split("\n") if x.startswith("其他对应的北京市地方标准条款"))
    named = _named_bj(listed)
    assert len(named) == len(set(named)) == 8
    assert f"另有{len(keys) - 6 - 8}条" in listed
    assert "ipms crosswalk 7.3 --from gbt29490-2013 --to bj-ipm" in listed


# -- 1. the crosswalk relates every 2023 clause that has a 2013 counterpart ---------------------
# Read from the two editions' clause titles (corpus/profiles/, the standards' own titles) and
# DOMAIN.md's chapter outline: 2023 clause -> the 2013 clauses whose titles name the same topic.
COUNTERPARTS_2013 = {
    "4.2": {"5.3.1"},  # 理解相关方的需要和期望 <- 知识产权管理策划 (相关方的需求)
    "4.4": {"4.1"},  # 知识产权合规管理体系及其过程 <- 总体要求
    "4.5": {"5.3.3"},  # 知识产权合规义务 <- 法律和其他要求
    "5.1.1": {"5.1"}, "5.1.2": {"5.1"},  # 最高管理者职责 / 承诺 <- 管理承诺
    "5.2": {"5.2"},  # 知识产权方针
    "5.3": {"5.4.1", "5.4.2"},  # 岗位、职责和权限 <- 管理者代表, 机构
    "6.1": {"5.3.1"},  # 策划 通则 <- 知识产权管理策划
    "6.2": {"7.4.1"},  # 应对风险和机遇的措施 <- 风险管理
    "6.3": {"5.3.2"},  # 知识产权目标及其实现的策划 <- 知识产权目标
    "7.1": {"6.2", "6.3", "6.4"},  # 资源 <- 基础设施, 财务资源, 信息资源
    "7.2": {"6.1.1", "6.1.2"},  # 能力 <- 知识产权工作人员, 教育与培训
    "7.3": {"6.1.2"},  # 意识 <- 教育与培训
    "7.4": {"5.4.3"},  # 沟通 <- 内部沟通
    "7.5": {"4.2.1", "4.2.2", "4.2.3", "4.2.4"},  # 成文信息 <- 文件要求
    "8.2": {"7.1", "7.2", "7.3.1", "7.3.2", "7.3.3", "7.3.4", "7.3.5", "7.4.2", "7.5", "7.6"},
    "8.3": {"8.1", "8.2", "8.3", "8.4", "8.5"},  # 经营管理 <- 实施和运行
    "8.4": {"7.4.1"},  # 合规管理 <- 风险管理
    "9.1": {"9.1"}, "9.2": {"9.3"}, "9.3": {"9.2"},  # 通则, 分析与评价, 内部审核
    "9.4": {"5.5.1", "5.5.2", "5.5.3"},  # 管理评审
    "10.1": {"9.1"},  # 改进 通则 <- 总则 (检查、分析和改进)
    "10.2": {"9.3"}, "10.3": {"9.3"},  # 不合格和纠正措施, 持续改进 <- 分析与改进
}
# 理解企业及其环境, 确定…体系的范围 (2013 has no scope clause: its chapter 1 is the standard's own
# scope), 文化, 运行的通则, 附录B
NEW_IN_2023 = {"4.1", "4.3", "5.1.3", "8.1", "B"}


def test_every_2023_requirement_is_decided_and_related_to_its_2013_counterparts():
    from assistant.standards.crosswalk import load_crosswalk
    from assistant.standards.profiles import load_profile

    crosswalk = load_crosswalk()
    profile = load_profile("gbt29490-2023")
    requirements = {n for n, c in profile.clauses.items() if c.is_requirement} | {"B"}
    assert requirements == set(COUNTERPARTS_2013) | NEW_IN_2023  # every clause decided
    for number, expected in COUNTERPARTS_2013.items():
        found = set(crosswalk.corresponding("gbt29490-2023", number, "gbt29490-2013"))
        assert expected <= found, (number, expected - found)
    for number in NEW_IN_2023:
        rows = crosswalk.rows_for("gbt29490-2023", number)
        assert rows and all(r.relation == "new in 2023" for r in rows
                            if r.clause("gbt29490-2023") == number), number


@pytest.mark.parametrize("number", sorted(COUNTERPARTS_2013))
def test_answers_both_ways_name_the_counterparts(answerer, number):
    answer = answerer.answer(f"2023版{number}对应2013版哪一条")
    named = {s.key for s in answer.summaries if s.doc == "gbt29490-2013"}
    assert COUNTERPARTS_2013[number] <= named, (number, answer.answer)
    for old in COUNTERPARTS_2013[number]:
        back = answerer.answer(f"GB/T 29490-2013 第{old}条在2023版中对应哪一条")
        assert number in {s.key for s in back.summaries if s.doc == "gbt29490-2023"}, old


@pytest.mark.parametrize("question,new,old", [
    ("2023版认识条款对应旧版哪一条", "7.3", "6.1.2"),
    ("意识在2013版对应哪条", "7.3", "6.1.2"),
    ("What does awareness correspond to in the 2013 edition?", "7.3", "6.1.2"),
    ("合规义务在2013版对应什么", "4.5", "5.3.3"),
    ("2023版的相关方要求对应2013版哪条", "4.2", "5.3.1"),
])
def test_topic_questions_across_editions_answer_from_the_crosswalk(answerer, question, new, old):
    answer = answerer.answer(question)
    keys = {(s.doc, s.key) for s in answer.summaries}
    assert ("gbt29490-2023", new) in keys and ("gbt29490-2013", old) in keys, answer.answer


def test_a_2023_clause_new_in_2023_is_said_to_have_no_2013_counterpart(answerer):
    """'体系范围在2013版里对应哪条': 4.3 is new in 2023; 2013's chapter 1 (the standard's own
    scope) is no answer."""
    answer = answerer.answer("体系范围在2013版里对应哪条")
    assert ("gbt29490-2023", "4.3") in {(s.doc, s.key) for s in answer.summaries}
    assert not [s for s in answer.summaries if s.doc == "gbt29490-2013"]
    assert "新增" in answer.answer
