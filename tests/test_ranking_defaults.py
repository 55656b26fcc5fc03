"""Ranking among close candidates (issue 16), when turned on (bigram_weight, named_sibling_ratio;
off by default): the question's character pairs only where a word split can hide a word, and a
sibling named by its own title only when the first clause's title does not hold that name too. Clauses are read from corpus/bj-ipm.txt:
6.1.1 知识产权制度, 6.1.2 知识产权制度管理要求, 7.3.2.4 入职, 7.3.2.7 培训."""
from __future__ import annotations

from assistant.retrieval.tokenize import Tokenizer, bigrams, split_pairs
from test_close_candidates import number_titled


def _cut(tokenizer: Tokenizer):
    return lambda run: tokenizer.jieba.lcut(run, HMM=False)


def test_pairs_across_two_whole_words_are_not_searched():
    tokenizer = Tokenizer()
    question = "我要给公司编一本知识产权工作的总纲性手册"
    assert "权工" in bigrams(question)  # 知识产权 / 工作: a pair no text means
    pairs = split_pairs(question, _cut(tokenizer))
    assert "权工" not in pairs and {"知识", "产权", "工作", "手册"} <= set(pairs)


def test_a_pair_across_a_lone_character_is_searched():
    """入 / 职时 (jieba's own dictionary, without the standard's titles) still gives 入职."""
    segment = lambda run: ["新", "员工", "入", "职时", "要", "做", "什么"] if run.startswith("新") \
        else list(run)
    assert "入职" in split_pairs("新员工入职时要做什么", segment)


def test_the_answerability_check_is_on_by_default():
    from assistant.settings import RetrievalSettings

    assert RetrievalSettings().answerability_check


def test_a_name_both_titles_hold_moves_nothing(retriever):
    """制度 is 6.1.1's topic (知识产权制度) and inside 6.1.2's (知识产权制度管理要求): a question
    saying 知识产权制度 names both, so 6.1.2, ranked first, stays first."""
    general = retriever.clause_ids.index(("bj-ipm", number_titled("知识产权制度")))
    first = retriever.clause_ids.index(("bj-ipm", number_titled("知识产权制度管理要求")))
    ordered = [(first, 1.0), (general, 0.95)]
    assert retriever._named_sibling_first("我们刚起步的小公司，知识产权制度得全套都弄吗",
                                          ordered, 1.4) == ordered
    hiring = retriever.clause_ids.index(("bj-ipm", number_titled("入职")))
    training = retriever.clause_ids.index(("bj-ipm", number_titled("培训")))
    moved = retriever._named_sibling_first("新员工入职时要做什么", [(training, 1.0), (hiring, 0.9)],
                                           1.4)
    assert moved[0][0] == hiring  # a name only the sibling's title holds still moves it
