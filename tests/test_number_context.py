"""Numbers in context (assistant/retrieval/router.py read_clause_numbers, and the answers):
a quantity is never a clause number; a clause number named in passing leaves the question to
search; chapter forms route to the chapter. Expected clauses are read from corpus/bj-ipm.txt:
7.3.2.7 培训, 9 知识产权创造 (9.1 检索, 9.2.1 研发策略), 4.3.2 文件控制."""
from __future__ import annotations

import pytest

from assistant.retrieval.router import find_clause_numbers, read_clause_numbers

QUANTITIES = [  # case 10 and more: durations, amounts, counts, in both languages
    "我们每次知识产权培训安排1.5小时，培训应该覆盖哪些人员？",
    "Our IP training sessions last 1.5 hours; who must attend IP training?",
    "研发项目预算2.5千万，立项时要做哪些知识产权检索？",
    "每年安排2.5学时的知识产权培训够吗",
    "知识产权经费占研发投入的1.5‰合适吗",
    "专利申请费要1.2千元，要列入预算吗",
    "合同审查一般要3.5周，入职时签什么协议",
    "项目总投资1.5百万，需要做专利布局吗",
    "试用期3.5星期的员工要做知识产权培训吗",
    "检索报告要在2.5周内完成吗",
    "We spend 2.5 days a year on IP audits; what must an internal audit cover?",
    "Our budget is 2.5 million RMB; which IP costs belong in it?",
    "Patent fees rose 3.5 percent; what should the IP budget include?",
    "Training takes 1.5 hrs per person; who should be trained?",
    "The project costs ¥2.5 and takes 3.5 months; what searches come first?",
    "IP spending grew by 1.05 this year",
]


@pytest.mark.parametrize("question", QUANTITIES)
def test_a_quantity_is_never_a_clause_number(question):
    assert find_clause_numbers(question) == []
    assert read_clause_numbers(question).asked == []


# A number asked about beside the same number named in passing (the first of each pair is
# looked up, the second leaves its question to search).
@pytest.mark.parametrize("asked, passing", [
    ("4.3.2要求什么，我们公司该怎么做",
     "去年外审时按4.3.2整改过文件控制，现在想问知识产权培训应该覆盖哪些人员？"),
    ("4.3.3 contract management: what does it say?",
     "Last year we fixed document control under 4.3.2; now who must attend IP training?"),
    ("第4.3.2条要求什么", "上次内审参照4.3.2整改了文件，这次想了解知识产权培训要覆盖哪些人员"),
    ("What is in 4.3.2?", "我们按4.3.2改完了文件管理，新员工入职时要签署哪些知识产权文件"),
    ("7.3.2人力资源有什么要求", "审核员按7.3.2提过意见，离职员工要做哪些知识产权提醒"),
])
def test_a_number_asked_about_is_told_from_one_named_in_passing(asked, passing):
    assert read_clause_numbers(asked).asked and not read_clause_numbers(asked).background
    reading = read_clause_numbers(passing)
    assert reading.asked == [] and len(reading.background) == 1
    number = reading.background[0]
    assert number not in reading.search_text  # the question is searched without it
    assert any(word in reading.search_text for word in ("培训", "training", "入职", "离职"))


@pytest.mark.parametrize("question", [
    "Chapter IX", "chapter ix", "Give me an overview of Chapter IX", "part 9", "第九部分讲什么",
    "第9部分",
])
def test_chapter_forms_route_to_the_chapter(question):
    assert read_clause_numbers(question).asked == ["9"]


@pytest.fixture(scope="module")
def answerer(session_settings, corpus, retriever):
    from assistant.answer.extractive import ExtractiveAnswerer

    return ExtractiveAnswerer(session_settings, corpus, retriever)


@pytest.mark.parametrize("question, first", [
    ("我们每次知识产权培训安排1.5小时，培训应该覆盖哪些人员？", "7.3.2.7"),
    ("Our IP training sessions last 1.5 hours; who must attend IP training?", "7.3.2.7"),
    ("去年外审时按4.3.2整改过文件控制，现在想问知识产权培训应该覆盖哪些人员？", "7.3.2.7"),
])
def test_case_10_questions_are_answered_like_the_control(answerer, question, first):
    got = answerer.answer(question)
    assert not got.abstained and got.keys[0] == ("bj-ipm", first)
    assert "不存在" not in got.answer and "does not exist" not in got.answer


def test_an_amount_leaves_the_question_to_search(answerer):
    got = answerer.answer("研发项目预算2.5千万，立项时要做哪些知识产权检索？")
    assert not got.abstained and "不存在" not in got.answer
    assert got.keys[0][0] == "bj-ipm" and got.keys[0][1].startswith("9.")  # 9 知识产权创造


def test_a_background_clause_is_named_after_the_answer(answerer):
    got = answerer.answer("去年外审时按4.3.2整改过文件控制，现在想问知识产权培训应该覆盖哪些人员？")
    assert "问题中提到的第4.3.2条「文件控制」（bj-ipm）" in got.answer
    assert got.answer.index("7.3.2.7 培训") < got.answer.index("问题中提到的第4.3.2条")


def test_chapter_in_roman_numerals_answers_with_the_chapter(answerer):
    got = answerer.answer("Chapter IX")
    assert got.keys and all(key.startswith("9.") for _, key in got.keys)
    assert got.keys == answerer.answer("第九部分讲什么").keys


@pytest.mark.parametrize("question", ["第九条讲什么", "第9条讲什么", "chap 9", "Chap IX"])
def test_every_form_of_chapter_nine_answers_with_chapter_nine(answerer, question):
    """第九条 in Chinese numerals reads as 第9条 does when no document prints an article 第九条;
    `chap` abbreviates chapter as `ch.` does."""
    got = answerer.answer(question)
    assert not got.abstained and got.keys
    assert all(key == "9" or key.startswith("9.") for _, key in got.keys)
    assert "不存在" not in got.answer and "does not exist" not in got.answer
