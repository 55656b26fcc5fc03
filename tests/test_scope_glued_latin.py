"""Scope (issue 16): a standard's number, an IP word or another field's Latin term glued to
Chinese ("符合GB 4806", "通过了ISO 9001认证", "我们的IP部门") was missed, because `\\b` finds
no edge between a Chinese character and a letter (both are word characters to it). The edges
are now those of Latin letters and digits, so Chinese text reads as English text does."""
from __future__ import annotations

import pytest

from assistant.retrieval.scope import foreign_standard, other_domain


@pytest.mark.parametrize("question, named", [
    ("食品接触材料要符合GB 4806吗", "GB 4806"),
    ("符合GB2760的添加剂怎么用", "GB 2760"),
    ("我们通过了GB/T 19001认证，还要做什么", "GB/T 19001"),
    ("包装标志执行了GB/T 191－2008", "GB/T 191"),
    ("国标GB 4806.1-2016对涂层有什么要求", "GB 4806"),
    ("医疗器械公司执行了ISO 13485，质量手册怎么写", "ISO 13485"),
    ("家电要满足IEC 60335的哪些条款", "IEC 60335"),
    ("执行DB11/T 1234的企业要做什么", "DB11/T 1234"),
    ("ISO 9001第7.5条要求什么", "ISO 9001"),  # not glued: read as before
])
def test_a_standard_glued_to_chinese_is_named(question, named):
    assert foreign_standard(question, frozenset()) == named


@pytest.mark.parametrize("question", [
    "按照GB/T 29490贯标要准备哪些文件",
    "企业执行了GB/T29490，内审怎么做",
    "试点企业学习ISO56005要先做什么",
    "培训安排了12345678号文件",  # a long number is no standard's
])
def test_the_corpus_standards_stay_known(question):
    assert foreign_standard(question, frozenset()) is None


@pytest.mark.parametrize("question, field", [
    ("我们刚通过了ISO 9001认证，下一步要注意什么", "other management systems"),
    ("出海欧洲要做GDPR合规吗", "data protection"),
    ("交VAT要准备什么", "tax"),
])
def test_another_fields_latin_term_glued_to_chinese_is_read(question, field):
    assert other_domain(question) == field


@pytest.mark.parametrize("question", [
    "我们的IP部门要不要管员工社保",
    "员工离职了，patent申请还没交，社保怎么停",
])
def test_an_ip_word_glued_to_chinese_keeps_the_question_in_the_field(question):
    assert other_domain(question) is None
