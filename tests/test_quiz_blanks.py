"""What a fill-in question may blank (try13 fault 9): not a word the whole document uses (知识产权,
企业, 管理: every option then reads true), not an answer the question's own text or the document's
title gives away (《商业秘密保护规定》 asking "＿＿按其重要程度分为核心秘密…" for 商业秘密), and no option
that is a kind of the answer or the answer a kind of it (知识产权 with 著作权/商业秘密/民间文艺).
Expected words are the issue's and the documents'; the rules document is written here in the
shape of a company's 商业秘密 rules."""
from __future__ import annotations

import pytest

from assistant.corpus.store import Corpus, parse_document
from assistant.models import DocumentMeta
from assistant.web import quiz

GENERIC = {"知识产权", "知识产权管理", "企业", "管理"}
IP_KINDS = {"专利", "商标", "著作权", "商业秘密", "民间文艺", "域名"}
SECRETS = """织云商业秘密保护规定
第一章 总则
第一条 为保护公司商业秘密，防止商业秘密泄露，依据《反不正当竞争法》，制定本规定。
第二条 本规定所称商业秘密，是指不为公众所知悉、具有商业价值并经公司采取保密措施的技术信息和经营信息。
第三条 商业秘密按其重要程度分为核心秘密、重要秘密和一般秘密三级，由法务部确定密级和保密期限。
第二章 保密措施
第四条 涉密人员入职时应当签订保密协议，离职时应当交还全部涉密载体并接受离职面谈。
第五条 源代码仓库的访问权限由研发中心每季度复核一次，离职人员的账号应当在离职当日注销。
第六条 访客进入研发区域应当登记并由员工全程陪同，不得拍照或者复制任何技术资料。
第七条 对外提供技术资料应当经总经理书面批准，并与接收方签订保密协议。
第三章 奖惩
第八条 对保护商业秘密作出突出贡献的员工，公司给予奖励。
第九条 违反本规定造成商业秘密泄露的，公司依法追究其法律责任，并可以解除劳动合同。
"""


@pytest.fixture(scope="module")
def secrets(corpus) -> Corpus:
    title = "商业秘密保护规定"
    meta = DocumentMeta("zy-secrets", title, title, "standard", "zh", "user-supplied", "",
                        "zy-secrets.pdf", "zy-secrets.txt", "sections")
    return Corpus({**corpus.documents, "zy-secrets": parse_document(meta, SECRETS)},
                  corpus.glossary)


def _fill_ins(corpus: Corpus, doc_id: str, chapters: list[str], seeds=range(30)):
    for seed in seeds:
        session = quiz.build_quiz(corpus, chapters, 10, "x", seed=seed, doc_id=doc_id)
        yield from (q for q in session.questions if q.kind == "fill_in")


def test_no_blank_on_a_word_the_whole_standard_uses(corpus):
    asked = [q.answer for q in _fill_ins(corpus, "bj-ipm", ["4", "5", "6", "7", "8", "9", "10"])]
    assert len(asked) >= 100
    assert not GENERIC & set(asked), sorted(GENERIC & set(asked))


def test_no_option_is_a_kind_of_the_answer_or_the_answer_a_kind_of_an_option(corpus):
    for question in _fill_ins(corpus, "bj-ipm", ["4", "6", "7", "8", "10"]):
        others = set(question.options) - {question.answer}
        if question.answer in IP_KINDS:
            assert "知识产权" not in others, question
        assert not (question.answer in GENERIC and others & IP_KINDS), question


def test_neither_the_stem_nor_the_documents_title_gives_the_answer_away(corpus, secrets):
    chapters = [key for _, key in quiz.chapter_choices(secrets.documents["zy-secrets"])]
    cases = [("zy-secrets", chapters), ("bj-ipm", ["4", "7", "8", "9", "10"])]
    for doc_id, picked in cases:
        title = secrets.documents[doc_id].meta.title_zh
        asked = list(_fill_ins(secrets, doc_id, picked))
        assert len(asked) >= 20, doc_id  # the rules still give fill-ins, on other words
        for question in asked:
            assert question.answer not in question.prompt, question
            assert question.answer not in title, (title, question)
