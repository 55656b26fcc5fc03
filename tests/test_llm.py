"""Language-model answers: the citation guard, fallbacks, follow-ups, polish — with LangChain's
fake chat models, and through the real OpenAI-compatible client against a local stub server."""
from __future__ import annotations

import json
import re
import time

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.llm.answerer import LLMAnswerer
from assistant.llm.chat_models import make_chat_model
from assistant.llm.guard import guard_text
from assistant.settings import Settings
from llm_stub import CALLS, stub_server


def fake(*replies: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=r) for r in replies]))


@pytest.fixture(scope="module")
def llm_settings(session_settings):
    return session_settings


def answerer_with(settings, corpus, answerer, model) -> LLMAnswerer:
    return LLMAnswerer(settings, corpus, model, extractive=answerer)


# -- the guard on its own -----------------------------------------------------------------------
def test_guard_keeps_retrieved_clauses_and_reports_the_rest(corpus):
    text = ("需要培训 [bj-ipm 7.3.2.7]，并见 [bj-ipm 4.9.9]、[bj-ipm 3.1] 和 [nosuch 1.1]，"
            "以及 [bj-ipm 7.3.2.7、7.3.2.6]。")
    guarded = guard_text(text, corpus, [("bj-ipm", "7.3.2.7"), ("bj-ipm", "7.3.2.6")])
    assert guarded.cited == [("bj-ipm", "7.3.2.7"), ("bj-ipm", "7.3.2.6")]
    assert "4.9.9" not in guarded.text and "3.1]" not in guarded.text and "nosuch" not in guarded.text
    reasons = " ".join(guarded.report.removed)
    assert "4.9.9] (no such clause)" in reasons and "3.1] (not among the retrieved" in reasons
    assert "[nosuch 1.1] (no such document)" in reasons


def test_duplicated_numbers_resolve_to_the_retrieved_one(corpus):
    guarded = guard_text("见 [bj-ipm 6.2.3]", corpus, [("bj-ipm", "6.2.3#2")])
    assert guarded.cited == [("bj-ipm", "6.2.3#2")]


# -- answers with fake chat models --------------------------------------------------------------
def test_a_good_answer_cites_with_quotes_from_the_corpus(llm_settings, corpus, answerer):
    llm = answerer_with(llm_settings, corpus, answerer,
                        fake("培训对象包括管理人员和研发人员 [bj-ipm 7.3.2.7]。“培训要每天进行。”"))
    answer = llm.answer("知识产权培训应该覆盖哪些人员")
    assert [c.clause for c in answer.citations] == ["7.3.2.7"]
    clause = corpus.documents["bj-ipm"].clauses["7.3.2.7"]
    assert answer.citations[0].quote in clause.text  # from the corpus, not from the model
    assert all("每天" not in c.quote for c in answer.citations)
    assert "每天" not in answer.answer  # the invented quotation is cut from the text
    data = answer.to_json()
    assert data["guard"] == {"citations_removed": ["“培训要每天进行。” (quotation not verbatim)"],
                             "fallback": False, "notice": None}


def test_an_invented_clause_is_removed_and_reported(llm_settings, corpus, answerer):
    llm = answerer_with(llm_settings, corpus, answerer,
                        fake("见 [bj-ipm 7.3.2.7] 和 [bj-ipm 14.2]。"))
    answer = llm.answer("知识产权培训应该覆盖哪些人员")
    assert [c.clause for c in answer.citations] == ["7.3.2.7"]
    assert answer.guard.removed == ["[bj-ipm 14.2] (no such clause)"]
    assert "14.2" not in answer.answer


def test_no_valid_citation_falls_back_to_the_extractive_answer(llm_settings, corpus, answerer):
    llm = answerer_with(llm_settings, corpus, answerer, fake("It depends [bj-ipm 99.1]."))
    answer = llm.answer("知识产权培训应该覆盖哪些人员")
    assert answer.guard.fallback and answer.guard.notice
    assert answer.citations == answerer.answer("知识产权培训应该覆盖哪些人员").citations


def test_follow_up_questions_use_the_last_turns_clauses(llm_settings, corpus, answerer):
    first = answerer.answer("第7.3.2.5条")
    llm = answerer_with(llm_settings, corpus, answerer,
                        fake("离职时应签署离职知识产权协议 [bj-ipm 7.3.2.5]。"))
    answer = llm.answer("那离职呢？", history=[first])
    assert ("bj-ipm", "7.3.2.5") in answer.keys and not answer.guard.fallback


def test_out_of_scope_questions_do_not_reach_the_model(llm_settings, corpus, answerer):
    model = fake("should not be used")
    answer = answerer_with(llm_settings, corpus, answerer, model).answer("明天北京天气怎么样")
    assert answer.abstained and answer.citations == []
    assert next(model.messages).content == "should not be used"  # still unread


# -- the real client against a local OpenAI-compatible stub -------------------------------------
@pytest.fixture(scope="module")
def endpoint():
    with stub_server() as url:
        yield url


def real(endpoint, model: str, home, timeout: float = 10.0, retries: int = 1) -> Settings:
    # 10 s by default: a loaded CI machine can take over a second for the first call (the client's
    # set-up); tests of timeouts pass their own.
    return Settings(home=home, embedding_model="hashing", llm_provider="vllm", llm_model=model,
                    llm_base_url=endpoint, llm_timeout=timeout, llm_retries=retries,
                    llm_api_key="secret-key-123")


@pytest.mark.parametrize("model,fallback,removed", [
    ("good", False, 0), ("invent", False, 2), ("badquote", False, 1), ("nocite", True, 0)])
def test_scripted_models_through_the_openai_client(endpoint, corpus, answerer, tmp_path,
                                                   model, fallback, removed):
    settings = real(endpoint, model, tmp_path)
    llm = LLMAnswerer(settings, corpus, make_chat_model(settings), extractive=answerer)
    answer = llm.answer("What must a joint-development contract say about IP ownership?")
    assert answer.guard.fallback is fallback
    assert len(answer.guard.removed) == removed
    assert answer.citations
    for citation in answer.citations:
        clause = next(c for c in corpus.documents[citation.doc].clauses.values()
                      if c.label == citation.clause)
        assert citation.quote in corpus.documents[citation.doc].subtree_text(clause.key)
        assert "每天开会" not in citation.quote


@pytest.mark.parametrize("model", ["stall", "error"])
def test_failing_endpoints_fall_back_quickly(endpoint, corpus, answerer, tmp_path, model):
    # the timeout bounds the whole request: give the failing endpoint room for its retry
    settings = real(endpoint, model, tmp_path, timeout=1.0 if model == "stall" else 5.0, retries=1)
    llm = LLMAnswerer(settings, corpus, make_chat_model(settings), extractive=answerer)
    CALLS.clear()
    start = time.perf_counter()
    answer = llm.answer("知识产权培训应该覆盖哪些人员")
    assert time.perf_counter() - start < 15
    assert answer.guard.fallback and answer.citations
    if model == "error":
        assert CALLS.count("error") == 2  # the first try and one retry


def test_unreachable_endpoint_falls_back(corpus, answerer, tmp_path):
    settings = real("http://127.0.0.1:9/v1", "good", tmp_path, timeout=1.0, retries=0)
    llm = LLMAnswerer(settings, corpus, make_chat_model(settings), extractive=answerer)
    assert llm.answer("知识产权培训应该覆盖哪些人员").guard.fallback


def test_cli_json_has_guard_and_never_shows_the_key(endpoint, run_cli):
    env = {"IPMS_LLM_PROVIDER": "vllm", "IPMS_LLM_MODEL": "invent", "IPMS_LLM_BASE_URL": endpoint,
           "IPMS_LLM_API_KEY": "secret-key-123", "IPMS_LLM_TIMEOUT": "5"}
    rc, out, err = run_cli("ask", "知识产权培训应该覆盖哪些人员", "--json", extra_env=env)
    assert rc == 0, err
    data = json.loads(out)
    assert data["guard"]["citations_removed"] and not data["guard"]["fallback"]
    assert "secret-key-123" not in out + err


def test_polish_keeps_references_or_keeps_the_template(endpoint, corpus, tmp_path):
    from generators.polish import Polisher

    for model, changed in (("polish", True), ("polish-break", False)):
        settings = real(endpoint, model, tmp_path, timeout=5)
        polisher = Polisher(make_chat_model(settings), "Zhiheng", "en")
        text = "IP Department runs ZH-IPM-P-01 under clause 4.3.2.1."
        result = polisher(text=text, where="4.3.2.1")
        assert (result == text) is True  # echo keeps it; a broken rewrite is refused
        assert bool(polisher.kept) is (not changed)


def test_web_chat_streams_model_text_then_the_guarded_answer(llm_settings, corpus, answerer):
    from assistant.web import handlers as h
    from generators.templates_io import TemplateSet

    llm = answerer_with(llm_settings, corpus, answerer,
                        fake("培训对象包括研发人员 [bj-ipm 7.3.2.7]。"))
    services = h.Services(llm_settings, corpus, llm, TemplateSet())
    turns = []
    steps = list(h.ask_stream(services, "知识产权培训应该覆盖哪些人员", h.ALL_DOCS, turns))
    partial = [text for answer, text in steps if answer is None]
    assert len(partial) >= 2 and partial[-1].startswith("培训对象")
    final_answer, final_text = steps[-1]
    assert final_answer is turns[-1] and final_answer.citations[0].clause == "7.3.2.7"


def test_eval_llm_reports_the_guard(endpoint, tmp_path, monkeypatch):
    from evals import runner

    items = [i for i in runner.load_set("core", "dev") if i.type in ("paraphrase_zh", "lookup")][:6]
    monkeypatch.setattr(runner, "load_set", lambda *args, **kwargs: items)
    settings = real(endpoint, "invent", tmp_path, timeout=5)
    report = runner.run_eval(settings, "core", "dev", with_reference=False, out_dir=None,
                             echo=lambda _t: None, llm=True)
    guard = report.model_backed["guard"]
    assert guard["answers"] == 6 and guard["citations_removed"] >= 2 * 6 - 2
    assert "Citation guard" in report.markdown()


@pytest.mark.parametrize("model,timeout,retries", [("stall", 1.5, 3), ("trickle", 2.0, 2)])
def test_the_timeout_bounds_the_whole_request_retries_included(endpoint, corpus, answerer, tmp_path,
                                                              model, timeout, retries):
    """stall answers after 5 s (each attempt times out and is retried); trickle streams a little
    every half second for 10 s (no single read ever times out)."""
    question = "知识产权培训应该覆盖哪些人员"
    answerer.answer(question)  # retrieval warm: the time below is the model's
    settings = real(endpoint, model, tmp_path, timeout=timeout, retries=retries)
    llm = LLMAnswerer(settings, corpus, make_chat_model(settings, streaming=True),
                      extractive=answerer)
    start = time.perf_counter()
    answer = llm.answer(question)
    assert time.perf_counter() - start < timeout + 1.5
    assert answer.guard.fallback and answer.citations


def test_retries_go_on_while_time_is_left_and_stop_at_the_deadline(endpoint, tmp_path):
    settings = real(endpoint, "error", tmp_path, timeout=2.0, retries=10)
    CALLS.clear()
    start = time.perf_counter()
    with pytest.raises(Exception):
        make_chat_model(settings).invoke("hello")
    assert time.perf_counter() - start < 3.0  # ten retries with back-off would take a minute
    assert CALLS.count("error") >= 2


def test_the_configured_answerer_streams_the_models_text(endpoint, tmp_path, corpus, answerer):
    from assistant.llm.factory import make_answerer

    llm = make_answerer(real(endpoint, "good", tmp_path, timeout=5), corpus)
    llm.extractive = answerer  # the session's index, not a new one
    steps = list(llm.stream("知识产权培训应该覆盖哪些人员"))
    pieces = [s for s in steps if isinstance(s, str)]
    assert len(pieces) >= 2 and "".join(pieces).startswith("The standard requires")
    assert not steps[-1].guard.fallback


@pytest.mark.parametrize("prompt,complaint", [
    ("Answer {question}.", "must contain {context}"),
    ("Clauses: {context}\nQuestion: {question}\nCompany: {company}", "unknown fields {company}"),
])
def test_a_broken_prompt_file_is_one_clear_error(tmp_path, corpus, answerer, prompt, complaint):
    from assistant.errors import IpmsError
    from helpers import PROJECT_ROOT, make_settings

    (tmp_path / "llm").mkdir()
    (tmp_path / "llm" / "answer.zh.txt").write_text(prompt, encoding="utf-8")
    (tmp_path / "llm" / "answer.en.txt").write_text(
        (PROJECT_ROOT / "prompts" / "llm" / "answer.en.txt").read_text(encoding="utf-8"))
    settings = make_settings(tmp_path / "home", prompts_dir=tmp_path)
    with pytest.raises(IpmsError, match=re.escape(complaint)):
        LLMAnswerer(settings, corpus, fake("x"), extractive=answerer)
