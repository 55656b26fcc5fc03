"""Hybrid retrieval with the hashing embedder: ranking, abstention, the --doc filter and the
index lifecycle on disk. The questions are paraphrases written from the standard's text."""
from __future__ import annotations

import json

import pytest

from assistant.corpus.build import add_user_document
from assistant.corpus.store import Corpus
from assistant.retrieval.retriever import Retriever, rrf
from helpers import SHIPPED_IDS

MISS = pytest.mark.xfail(strict=False, reason="retrieval miss")


def zh(question: str, keys: set[str], miss: bool = False):
    return pytest.param(question, keys, marks=[MISS] if miss else [], id="|".join(sorted(keys)))


ZH_QUESTIONS = [  # question, acceptable keys of bj-ipm at rank 1
    zh("知识产权培训应该覆盖哪些人员", {"7.3.2.7"}),
    zh("员工离职时要签什么协议", {"7.3.2.5"}),
    zh("合同签订前要做知识产权审查吗", {"4.3.3"}),
    zh("专利申请前要做哪些检索", {"9.1.1", "9.1.2"}),
    zh("知识产权作价入股要注意什么", {"11.4.3.2"}),
    zh("新员工入职要做知识产权背景调查吗", {"7.3.2.4"}),
    zh("知识产权工作经费包括哪些费用", {"7.4.2.1"}),
    zh("企业知识产权管理手册应包括什么内容", {"4.3.2.3"}),
    zh("发生知识产权纠纷可以向法院起诉吗", {"10.2/司法保护"}),
    zh("知识产权许可前需要做什么", {"11.4.2.3"}),
    zh("最高管理者在知识产权管理中的职责", {"7.3.2.1"}),
    zh("专利质量评估包括哪些内容", {"9.2.3"}),
    zh("商业秘密如何保密管理", {"6.2.3#2"}, miss=True),
    zh("知识产权联盟退出时知识产权归谁", {"11.4.3.2#2"}),
    zh("内部审核的评审输入包括什么", {"13.2.1"}),
    zh("纠正措施的控制程序包括哪些", {"13.5.2.2"}),
    zh("怎样识别知识产权风险", {"8.2"}, miss=True),
    zh("涉外知识产权申请要注意什么", {"10.1.2.1"}),
]

EN_QUESTIONS = [  # question, document expected among the top 3
    ("what are the eight stages of implementing the standard", "impl-guide"),
    ("pilot objectives of ISO 56005", "iso56005-pilot"),
    ("what safeguard measures support the ISO 56005 pilot", "iso56005-pilot"),
    ("how should top management evaluate the IP management system", "ipms-cert-en"),
    ("for certification, which documents must include policies, an internal control system "
     "and records", "ipms-cert-en"),
    ("what happens in the internal audit stage", "impl-guide"),
]

OUT_OF_SCOPE = ["明天北京天气怎么样", "how do I reset my router", "如何做红烧肉", "who won the world cup",
                # everyday words with a standard term in synonyms_en.txt or among a clause's
                # search terms: not a sign of scope
                "what is a good smart goal for my fitness", "how do I buy a company car",
                "what is the best data room software for startups"]


@pytest.mark.parametrize("question,keys", ZH_QUESTIONS)
def test_chinese_questions_rank_the_clause_first(retriever, question, keys):
    result = retriever.search(question)
    assert not result.abstained
    assert result.language == "zh"
    top = result.hits[0]
    assert (top.doc, top.key) in {("bj-ipm", k) for k in keys}, [(h.doc, h.key) for h in result.hits]


@pytest.mark.slow
@pytest.mark.parametrize("question,doc", EN_QUESTIONS)
def test_english_questions_hit_the_document(real_retriever, question, doc):
    # With the real model, as in use: the hashing stand-in is a bag of words, and the everyday
    # search terms in the bj-ipm renditions outweigh it for such list-like questions.
    result = real_retriever.search(question)
    assert not result.abstained
    assert doc in [h.doc for h in result.hits[:3]], [(h.doc, h.key) for h in result.hits]


@pytest.mark.slow
@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_out_of_scope_questions_abstain(real_retriever, question):
    # The real model: the dense-similarity threshold of the scope check is set for it, not for
    # the hashing stand-in.
    result = real_retriever.search(question)
    assert result.abstained
    assert result.hits == []


def test_hits_are_sorted_and_point_to_real_clauses(retriever, corpus):
    result = retriever.search("知识产权管理体系的内部审核")
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert len(result.hits) <= retriever.settings.retrieval.top_k
    for hit in result.hits:
        assert hit.key in corpus.get(hit.doc).clauses


@pytest.mark.parametrize("doc,question", [
    ("cert-quality-2020", "知识产权贯标认证的质量"),
    ("bj-ipm", "知识产权贯标认证的质量"),
    ("impl-guide", "intellectual property management system"),
    ("ipms-cert-en", "intellectual property management system"),
    ("iso56005-pilot", "intellectual property management system"),
])
def test_doc_filter_returns_only_that_document(retriever, doc, question):
    result = retriever.search(question, doc=doc)
    assert result.hits
    assert {h.doc for h in result.hits} == {doc}


def test_unfiltered_search_spans_documents(retriever):
    result = retriever.search("intellectual property management system", top_k=10)
    assert len({h.doc for h in result.hits}) > 1


# -- index lifecycle --------------------------------------------------------------------------
def _version(home):
    """The folder of the index version the pointer names (home/index/versions/NAME)."""
    name = json.loads((home / "index" / "current.json").read_text(encoding="utf-8"))["version"]
    return home / "index" / "versions" / name


def test_index_files_appear_under_home(settings, tmp_path):
    Retriever(settings, Corpus.load(settings)).build()
    assert (_version(tmp_path) / "lexical.json").is_file()
    chroma = _version(tmp_path) / "chroma"
    assert chroma.is_dir() and any(chroma.iterdir())
    data = json.loads((_version(tmp_path) / "lexical.json").read_text(encoding="utf-8"))
    assert data["tokens"]


def test_second_retriever_reuses_the_dense_index(settings):
    corpus = Corpus.load(settings)
    assert Retriever(settings, corpus).dense.rebuilt is True
    assert Retriever(settings, corpus).dense.rebuilt is False


def test_build_forces_a_rebuild(settings):
    corpus = Corpus.load(settings)
    Retriever(settings, corpus).search("pilot objectives of ISO 56005")
    assert Retriever(settings, corpus).build()["dense_rebuilt"] is True


def test_corrupt_lexical_cache_is_rebuilt(settings, tmp_path):
    corpus = Corpus.load(settings)
    question = "员工离职时要签什么协议"
    before = [(h.doc, h.key) for h in Retriever(settings, corpus).search(question).hits]
    cache = _version(tmp_path) / "lexical.json"
    cache.write_text("{ this is not json", encoding="utf-8")
    after = [(h.doc, h.key) for h in Retriever(settings, corpus).search(question).hits]
    assert after == before and after
    json.loads((_version(tmp_path) / "lexical.json").read_text(encoding="utf-8"))  # rebuilt, valid


def test_lexical_cache_of_another_corpus_is_ignored(settings, tmp_path):
    corpus = Corpus.load(settings)
    Retriever(settings, corpus).search("员工离职时要签什么协议")
    cache = _version(tmp_path) / "lexical.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["tokens"] = [["无关"] for _ in data["tokens"]]
    data["key"] = "0" * 16
    cache.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    hits = Retriever(settings, corpus).search("员工离职时要签什么协议").hits
    assert hits and hits[0].key == "7.3.2.5"


def test_corrupt_chroma_store_is_rebuilt(settings, tmp_path, run_cli):
    settings = settings.model_copy(update={"vector_search": "chroma"})  # the store queried
    # build in another process, so this one has no Chroma client cached for the path
    code, _, err = run_cli("index", home=tmp_path)
    assert code == 0, err
    sqlite = _version(tmp_path) / "chroma" / "chroma.sqlite3"
    assert sqlite.is_file()
    sqlite.write_bytes(b"garbage, not a database " * 400)
    retriever = Retriever(settings, Corpus.load(settings))
    result = retriever.search("pilot objectives of ISO 56005")
    assert result.hits and retriever.dense.rebuilt


def test_adding_a_document_changes_the_hash_and_rebuilds(settings, tmp_path):
    before = Corpus.load(settings)
    assert Retriever(settings, before).dense.rebuilt is True
    assert Retriever(settings, before).dense.rebuilt is False  # same corpus: reused
    source = tmp_path / "input" / "widget.txt"
    source.parent.mkdir()
    source.write_text("\n".join([
        "Widget Standard", "1 Scope", "This standard covers widget licensing.",
        "1.1 Licensing", "Enterprises shall register every widget licence with the registry.",
        "1.2 Records", "Enterprises shall keep widget licence records for ten years.",
        "2 Review", "2.1 General", "Widget licences shall be reviewed every year.", ""]),
        encoding="utf-8")
    add_user_document(settings, source, "widget-std", "Widget Standard")
    after = Corpus.load(settings)
    assert after.content_hash() != before.content_hash()
    retriever = Retriever(settings, after)
    assert retriever.dense.rebuilt is True
    hits = retriever.search("widget licence records", doc="widget-std").hits
    assert hits and hits[0].doc == "widget-std"


def test_content_hash_is_stable_for_the_same_corpus(settings):
    assert Corpus.load(settings).content_hash() == Corpus.load(settings).content_hash()


# -- the real embedding model (slow) ----------------------------------------------------------
@pytest.mark.slow
def test_real_model_english_questions_and_abstention(real_retriever):
    # The session's index with the real model (building another costs about a minute of CPU).
    retriever = real_retriever
    for question, doc in EN_QUESTIONS:
        result = retriever.search(question)
        assert doc in [h.doc for h in result.hits[:3]], question
    for question in ("who won the world cup", "how do I reset my router"):
        assert retriever.search(question).abstained, question
    assert set(SHIPPED_IDS) == set(Corpus.load(retriever.settings).documents)


def test_the_sklearn_stand_in_loads_the_real_module_on_first_use():
    import subprocess
    import sys

    code = ("import sys; from assistant.retrieval import lazy_sklearn; lazy_sklearn.install(); "
            "from sklearn.metrics import pairwise_distances; assert 'sklearn' not in sys.modules; "
            "import numpy as np; d = pairwise_distances(np.array([[0.0, 0.0], [3.0, 4.0]])); "
            "assert abs(d[0][1] - 5.0) < 1e-9; from sklearn.metrics import accuracy_score; "
            "assert accuracy_score([1, 0], [1, 1]) == 0.5; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_fusion_by_ranks_alone_ignores_a_wide_lexical_lead():
    # Clause 1 is far ahead on BM25 and low on the dense ranking; clause 2 is a distant second
    # on BM25 and tenth on the dense ranking.
    lexical = [(1, 9.0), (2, 2.0)] + [(10 + i, 1.9 - i / 100) for i in range(20)]
    dense = [(30 + i, 0.6 - i / 100) for i in range(9)] + [(2, 0.5)] \
        + [(40 + i, 0.49 - i / 100) for i in range(9)] + [(1, 0.35)]
    by_rank = rrf([(1.0, lexical), (1.0, dense)], 60)
    with_scores = rrf([(1.0, lexical), (1.0, dense)], 60, score_weight=0.5)
    assert max(by_rank, key=by_rank.get) == 2
    assert max(with_scores, key=with_scores.get) == 1


def test_fusion_skips_a_ranker_without_weight():
    fused = rrf([(1.0, [(1, 3.0), (2, 1.0)]), (0.0, [(2, 0.9)])], 60, score_weight=0.5)
    assert fused[1] > fused[2]


@pytest.mark.parametrize("question", ["ISO 56005 试点通知的文号是多少？是哪两个部门联合发的？",
                                      "国家知识产权局和工信部开展这次试点的依据是哪些文件？"])
def test_questions_about_a_notice_itself_reach_its_front_matter(retriever, question):
    top = retriever.search(question).hits[0]
    assert (top.doc, top.key) == ("iso56005-pilot", "preamble")


def test_other_questions_about_the_notice_prefer_its_requirements(retriever):
    hits = retriever.search("ISO 56005 试点企业三年内要达到什么目标？").hits
    assert hits[0].doc == "iso56005-pilot" and hits[0].key != "preamble"


@pytest.mark.parametrize("question", ["申请认证的企业，知识产权目标要分解到各部门吗？",
                                      "For certification, who carries out the management review?"])
def test_a_question_about_certification_prefers_the_certification_requirements(retriever,
                                                                              question):
    # bj-ipm never speaks of certification; the word names the two documents about it.
    hits = retriever.search(question).hits
    assert hits[0].doc == "ipms-cert-en", [(h.doc, h.key) for h in hits]
