"""Question normalisation (assistant/retrieval/normalise.py): traditional characters, full-width
forms and typos of the corpus's own terms are read as the corpus writes them; the answer keeps
the question as asked and says what it read. Expected clauses are read from corpus/bj-ipm.txt."""
from __future__ import annotations

import pytest

from assistant.retrieval.normalise import Vocabulary, normalise

# Case 12 (../shared/cases/12-traditional-chinese-question) and more of the same kind, each with
# its simplified twin and the bj-ipm clause whose text answers it.
TWINS = [
    ("知識產權培訓應該覆蓋哪些人員", "知识产权培训应该覆盖哪些人员", "7.3.2.7"),  # 7.3.2.7 培训
    ("員工離職時要做哪些知識產權提醒", "员工离职时要做哪些知识产权提醒", "7.3.2.5"),  # 7.3.2.5 离职
    ("申請專利前要做哪些檢索", "申请专利前要做哪些检索", "9.1.2"),  # 9.1.2 申请检索
    ("第4.3.2條要求什麼", "第4.3.2条要求什么", "4.3.2.1"),  # 4.3.2 文件控制 (4.3.2.1 first)
    ("第7條講什麼", "第7条讲什么", "7.1.1"),  # chapter 7 知识产权资源管理
    ("商標管理制度一般包括哪些內容", "商标管理制度一般包括哪些内容", "6.2.2"),  # 6.2.2 商标管理制度
    ("企業應當建立哪些保密管理制度", "企业应当建立哪些保密管理制度", "6.2.3#2"),  # 6.2.3 保密管理制度 (the second 6.2.3 printed)
    ("新員工入職時要簽署什麼知識產權聲明", "新员工入职时要签署什么知识产权声明", "7.3.2.4"),  # 入职
    ("發現在先申請的專利後怎樣規避設計", "发现在先申请的专利后怎样规避设计", "9.1.3"),  # 规避设计
    ("專利申請策略一般包括哪些內容", "专利申请策略一般包括哪些内容", "9.2.2"),  # 9.2.2 申请策略
]

# Questions written correctly, with words near a corpus term in sound or spelling; none may be
# "corrected" (from the eval questions' wording and the texts).
CORRECT = [
    "知识产权管理职能部门要负责哪些工作？",  # 职能 is a word, not 职责 mistyped
    "老版29490里的7.3.1讲什么",  # 老版 is not 老板
    "知识产权战略由谁牵头负总责？",  # 总责 is not 总则
    "产品包装上能不能印上我们的专利号？",  # 专利号 is not 专利包
    "研发记录里要写上哪些信息才算合格？",  # 写上 is not 协商
    "试点企业每年要报送哪些数据？",
    "贯标时编写知识产权管理手册需要准备哪些文件？",
    "对外授权专利之前要不要先摸清被授权企业的底细？",
]


def test_full_width_digits_and_dots_are_read_as_ascii():
    assert normalise("第４．３．２条", None).text == "第4.3.2条"
    assert normalise("４。３。２讲什么", None).text == "4.3.2讲什么"
    assert normalise("ＩＳＯ　５６００５", None).text == "ISO 56005"


def test_traditional_characters_are_read_as_simplified(vocabulary):
    for traditional, simplified, _ in TWINS:
        read = normalise(traditional, vocabulary)
        assert read.text == simplified and read.converted and not read.corrections


def test_simplified_questions_are_left_as_they_are(vocabulary):
    for _, simplified, _ in TWINS:
        read = normalise(simplified, vocabulary)
        assert read.text == simplified and not read.converted and not read.corrections


@pytest.mark.parametrize("typed, meant, shown", [
    ("会侵犯别人的专例吗", "会侵犯别人的专利吗", ("专例", "专利")),
    ("专力管理制度一般包括哪些内容", "专利管理制度一般包括哪些内容", ("专力", "专利")),
    ("员工离值时要做哪些知识产权提醒", "员工离职时要做哪些知识产权提醒", ("离值", "离职")),
    ("保秘管理制度应包含哪些内容", "保密管理制度应包含哪些内容", ("保秘", "保密")),
    ("离职时要签竞业先制协议吗", "离职时要签竞业限制协议吗", ("先制", "限制")),
])
def test_typos_and_homophones_are_read_as_the_corpus_term(vocabulary, typed, meant, shown):
    read = normalise(typed, vocabulary)
    assert read.text == meant
    assert read.corrections == (shown,)


@pytest.mark.parametrize("question", CORRECT)
def test_a_correct_word_is_never_corrected(vocabulary, question):
    read = normalise(question, vocabulary)
    assert read.text == question and read.corrections == ()


def test_a_correction_goes_only_toward_a_term_of_the_vocabulary():
    only_patent = Vocabulary(frozenset({"专利"}), corpus_text="专利")
    assert normalise("专例", only_patent).text == "专利"
    assert normalise("砖例", only_patent).text == "砖例"  # zhuan li, but two characters off
    assert normalise("专例", Vocabulary(frozenset({"商标"}))).text == "专例"
    # The stretch is itself in the corpus's text: a real word, left alone.
    assert normalise("专例", Vocabulary(frozenset({"专利"}), corpus_text="专例")).text == "专例"


@pytest.mark.parametrize("traditional, simplified, clause", TWINS)
def test_traditional_questions_get_the_answers_of_their_simplified_twins(
        answerer, traditional, simplified, clause):
    got, twin = answerer.answer(traditional), answerer.answer(simplified)
    assert not got.abstained
    assert got.keys == twin.keys and got.answer == twin.answer
    assert ("bj-ipm", clause) in got.keys
    assert got.question == traditional  # the question as asked


def test_the_answer_says_what_it_read_and_quotes_are_untouched(answerer, corpus):
    got = answerer.answer("专力管理制度一般包括哪些内容")
    assert got.answer.startswith("按“专利”理解（问题中写作“专力”）。")
    assert got.keys[0] == ("bj-ipm", "6.2.1")  # 6.2.1 专利管理制度
    assert got.citations[0].quote in corpus.documents["bj-ipm"].clauses["6.2.1"].body
    assert got.question == "专力管理制度一般包括哪些内容"
    assert "理解" not in answerer.answer("专利管理制度一般包括哪些内容").answer
