"""A company certifying against GB/T 29490—2023, whose text the corpus does not hold (issue 16,
try12 report section 1): the profile ids are document ids wherever a document is chosen; a
default_standard setting reads bare clause numbers in 2023; a title typed beside a bare number
picks the held standard whose clause of that number has it; 认证范围 questions reach the scope
clauses; a standard not held is said so without padding. Expected numbers and titles are read
from corpus/profiles/*.yaml and corpus/bj-ipm.txt, never from the code under test."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from helpers import BJ_PATH, CORPUS_DIR

PROFILES = CORPUS_DIR / "profiles"
PROFILE_IDS = sorted(p.stem for p in PROFILES.glob("*.yaml"))
NEW = "gbt29490-2023"
BJ_LINES = [line.strip() for line in BJ_PATH.read_text(encoding="utf-8").split("\n")]


def _profile(pid: str) -> dict:
    return yaml.safe_load((PROFILES / f"{pid}.yaml").read_text(encoding="utf-8"))


def _titles(pid: str) -> dict[str, str]:
    return {str(c["number"]): c["title"] for c in _profile(pid)["clauses"]}


def _bj_title(number: str) -> str | None:
    """bj-ipm's title of a clause as printed on its own line ("9.3 取得"); None when the
    number heads no such line (a number followed by a sentence has no title)."""
    for line in BJ_LINES:
        m = re.fullmatch(rf"{re.escape(number)}\s*([\u4e00-\u9fff、（）]{{2,20}})", line)
        if m:
            return m.group(1)
    return None


def _answerer(settings, corpus, retriever, **changes):
    from assistant.answer.extractive import ExtractiveAnswerer

    return ExtractiveAnswerer(settings.model_copy(update=changes), corpus, retriever=retriever)


# -- every command that takes a document takes the profiles' ids -------------------------------
@pytest.mark.parametrize("given", [NEW, "GB/T 29490-2023", "2023"])
def test_ask_doc_takes_a_profile_as_clause_does(run_cli, indexed_home, given):
    code, out, err = run_cli("ask", "管理评审的输入包括哪些？", "--doc", given, "--json")
    assert code == 0, err
    data = json.loads(out)
    title = _titles(NEW)["9.4"]
    assert "GB/T 29490—2023" in data["answer"] and title in data["answer"]
    code, out, _ = run_cli("clause", given, "9.4")
    assert code == 0 and title in out


def test_ask_jsonl_doc_takes_a_profile(run_cli, indexed_home, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text("第9.3条有什么要求\n", encoding="utf-8")
    code, out, err = run_cli("ask", "--jsonl", str(questions), "--doc", NEW)
    assert code == 0, err
    assert _titles(NEW)["9.3"] in json.loads(out.splitlines()[0])["answer"]


def test_corpus_check_takes_a_profile_and_an_unknown_id_lists_them(run_cli, indexed_home):
    code, out, err = run_cli("corpus", "check", "--doc", NEW)
    assert code == 0, err
    assert NEW in out and "Traceback" not in out + err
    code, out, err = run_cli("ask", "培训有什么要求", "--doc", "no-such-doc")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert all(pid in err for pid in PROFILE_IDS)


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_the_answerer_restricted_to_a_profile_answers_from_it(session_settings, corpus,
                                                              retriever, pid):
    number, clause = next((str(c["number"]), c) for c in _profile(pid)["clauses"]
                          if int(c["level"]) >= 2)
    answer = _answerer(session_settings, corpus, retriever).answer(f"第{number}条有什么要求", pid)
    assert answer.summaries and (answer.summaries[0].doc, answer.summaries[0].key) == (pid, number)
    assert all(c.doc == "bj-ipm" for c in answer.citations)  # quotes only from texts held


def test_the_web_ask_filter_offers_the_profiles_and_answers_from_them(session_settings, corpus,
                                                                      answerer):
    from assistant.web import handlers

    services = handlers.Services(session_settings, corpus, answerer, None)
    offered = [value for _, value in handlers.document_choices(services, "zh", everything=True)]
    assert set(PROFILE_IDS) <= set(offered)
    answer, _ = handlers.ask(services, "第9.3条有什么要求", NEW, [])
    assert answer is not None and answer.summaries[0].key == "9.3"
    assert answer.summaries[0].doc == NEW


# -- the default standard ----------------------------------------------------------------------
def test_a_default_standard_reads_bare_numbers_in_it(session_settings, corpus, retriever):
    answerer = _answerer(session_settings, corpus, retriever, default_standard=NEW)
    for number, title in [("9.3", _titles(NEW)["9.3"]), ("4.3", _titles(NEW)["4.3"])]:
        answer = answerer.answer(f"第{number}条有什么要求")
        first = answer.summaries[0]
        assert (first.doc, first.key, first.is_summary) == (NEW, number, True)
        assert title in answer.answer
        assert "我们自己的概括" in answer.answer  # a summary said to be ours
        assert all(first.summary not in c.quote for c in answer.citations)  # never a quote


def test_the_default_standard_is_an_environment_setting(run_cli, indexed_home):
    code, out, err = run_cli("ask", "第9.3条有什么要求", extra_env={"IPMS_DEFAULT_STANDARD": NEW})
    assert code == 0, err
    assert _titles(NEW)["9.3"] in out and "GB/T 29490—2023" in out
    code, out, err = run_cli("ask", "培训有什么要求", extra_env={"IPMS_DEFAULT_STANDARD": "nope"})
    assert code == 2 and "IPMS_DEFAULT_STANDARD" in err and len(err.strip().splitlines()) == 1


# -- a title typed beside a bare number --------------------------------------------------------
def _title_cases(pid: str) -> list[tuple[str, str]]:
    """(number, title) of the clauses of a profile whose number bj-ipm also titles, with a
    title that neither bj-ipm's title of that number contains nor another edition shares."""
    others = [_titles(p) for p in PROFILE_IDS if p != pid]
    out = []
    for number, title in _titles(pid).items():
        bj = _bj_title(number)
        if bj and "." in number and title not in bj and bj not in title and all(
                o.get(number) != title for o in others):
            out.append((number, title))
    return out


TITLED = [(pid, n, t) for pid in ("gbt29490-2023", "gbt29490-2013") for n, t in _title_cases(pid)]
assert (NEW, "9.3", "内部审核") in TITLED and len(TITLED) >= 5  # the table reads the texts


@pytest.mark.parametrize("pid, number, title", TITLED)
def test_a_title_of_another_standard_reads_the_number_there(answerer, pid, number, title):
    answer = answerer.answer(f"第{number}条{title}有什么要求？")
    first = answer.summaries[0] if answer.summaries else None
    assert first is not None and (first.doc, first.key) == (pid, number)
    designation = _profile(pid)["designation"]
    assert f"按{designation}第{number}条“{title}”理解" in answer.answer.split("\n")[0]


def test_the_default_standard_gives_way_to_bj_ipm_for_a_bj_ipm_title(session_settings, corpus,
                                                                     retriever):
    title = _bj_title("9.3")
    answer = _answerer(session_settings, corpus, retriever, default_standard=NEW).answer(
        f"第9.3条{title}有什么要求？")
    assert answer.keys and all(doc == "bj-ipm" and key.startswith("9.3") for doc, key in answer.keys)
    assert not answer.summaries
    assert f"第9.3条“{title}”理解" in answer.answer.split("\n")[0] and "bj-ipm" in answer.answer


def test_a_title_no_standard_gives_that_number_is_said_to_disagree(answerer):
    typed = _bj_title("13.5.2")  # 纠正措施: a title, but of no standard's 9.3
    assert typed and all(_titles(p).get("9.3") != typed for p in PROFILE_IDS)
    answer = answerer.answer(f"第9.3条{typed}有什么要求？")
    head = answer.answer.split("\n")[0]
    assert "不一致" in head and typed in head and _bj_title("9.3") in head and "13.5.2" in head
    assert answer.keys and answer.keys[0][1].startswith("9.3")
    # No title typed (分析一下 is no title, though 分析 is one): the primary standard, no note.
    for question in ("第9.3条有什么要求", "第9.3条分析一下", "9.3讲什么"):
        plain = answerer.answer(question)
        assert plain.keys and plain.keys[0] == ("bj-ipm", "9.3.1")
        assert "理解" not in plain.answer.split("\n")[0] and "不一致" not in plain.answer


# -- scope of certification --------------------------------------------------------------------
@pytest.mark.parametrize("question", [
    "我们江苏工厂和北京研发中心都要纳入认证范围吗？",
    "认证范围怎么定？子公司要不要算进去",
    "Do both our plant and our R&D centre have to be within the scope of certification?"])
def test_scope_of_certification_reaches_the_scope_clauses(answerer, question):
    answer = answerer.answer(question)
    assert ("bj-ipm", "1") in answer.keys
    assert (NEW, "4.3") in {(s.doc, s.key) for s in answer.summaries}
    assert all(doc == "bj-ipm" for doc, _ in answer.keys)  # no certification notice


def test_scope_of_certification_in_2023_is_its_4_3(answerer):
    answer = answerer.answer("2023版对认证范围有什么要求？")
    assert answer.summaries and (answer.summaries[0].doc, answer.summaries[0].key) == (NEW, "4.3")
    assert all(doc == "bj-ipm" for doc, _ in answer.keys)
    # A question about the certification body's audit still reaches the notices.
    bodies = answerer.answer("认证机构审核时怎么确定认证范围？")
    assert any(doc in ("cert-quality-2020", "ipms-cert-en") for doc, _ in bodies.keys)


# -- a standard not held -----------------------------------------------------------------------
@pytest.mark.parametrize("question, designation", [
    ("GJB 9158 对知识产权管理有什么要求？", "GJB 9158"),
    ("军工客户问我们有没有通过GJB 9158认证，我们该怎么回答？", "GJB 9158"),
    ("GB/T 19001 对知识产权有什么规定？", "GB/T 19001")])
def test_a_standard_not_held_is_said_so_and_nothing_is_quoted(answerer, question, designation):
    answer = answerer.answer(question)
    assert answer.abstained and not answer.citations and not answer.summaries
    assert designation in answer.answer
    for pid in PROFILE_IDS:  # the held standards are named
        assert _profile(pid)["designation"] in answer.answer
    assert "bj-ipm" in answer.answer


def test_a_question_a_clause_answers_on_its_own_is_still_answered(answerer):
    answer = answerer.answer("GB/T 19001我们也有；员工离职时知识产权方面要做什么？")
    assert "GB/T 19001" in answer.answer
    assert any(key.startswith("7.3.2") for doc, key in answer.keys if doc == "bj-ipm")
