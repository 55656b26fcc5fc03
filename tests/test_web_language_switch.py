"""The web app speaks one language at a time (issue 16, presentation leftovers): after the
interface language is switched, what is already on screen is drawn again in the new language:
the clause under the chat and its chip, a quiz in progress (its question, options, feedback and
end screen; the sentences quoted from the standard stay verbatim), and search results, whose
line of context is the rendition in the interface language, labelled as one, or the original
labelled as having none. Expected words come from the corpus's own renditions
(corpus/renditions/*.jsonl) and the standard's text."""
from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest

from assistant.web import browse, quiz
from assistant.web import chat as chats
from assistant.web import handlers as h
from generators.templates_io import TemplateSet
from helpers import CHROMIUM, chromium
from web_server import running_app

CJK = re.compile(r"[\u4e00-\u9fff]")
SHOTS = Path("/tmp")


@pytest.fixture(scope="module")
def services(session_settings, corpus, answerer):
    return h.Services(session_settings, corpus, answerer, TemplateSet())


def _flat(text: str) -> str:
    return " ".join(text.split())


# -- search results ------------------------------------------------------------------------------
def test_an_english_interface_previews_a_chinese_clause_by_its_english_rendition(corpus):
    document = corpus.documents["bj-ipm"]
    found = browse.results_html(document, "培训", "en")
    item = next(li for li in found.split("<li>") if ">7.3.2.7 Training</a>" in li)
    rendition = _flat(document.renditions["7.3.2.7"].text)
    assert "English rendition" in item and rendition[:30] in item
    assert _flat(document.clauses["7.3.2.7"].body)[:15] not in item  # not the Chinese text


def test_a_chinese_interface_previews_an_english_summary_by_its_chinese_rendition(corpus):
    document = corpus.documents["ipms-cert-en"]
    found = browse.results_html(document, "evaluat", "zh")
    item = next(li for li in found.split("<li>") if ">管理评价</a>" in li)
    assert "中文译文" in item and "最高管理者应定期评价" in item
    assert "Top managers should" not in item


def test_a_clause_without_a_rendition_keeps_its_original_and_says_so(corpus):
    document = corpus.documents["bj-ipm"]  # as a document added without renditions reads
    bare = dataclasses.replace(document, renditions={})
    found = browse.results_html(bare, "培训", "en")
    item = next(li for li in found.split("<li>") if "7.3.2.7" in li)
    assert "Original (no English rendition)" in item and "知识产权培训" in item
    chinese = browse.results_html(document, "培训", "zh")
    assert "译文" not in chinese and "原文" not in chinese.split("snippet")[1]


def test_an_english_line_of_context_is_cut_between_words(corpus):
    """'…tellectual property training is…' was cut inside words: a line of context in English
    starts and ends at a word of the rendition, marked '…' where it is cut."""
    document = corpus.documents["bj-ipm"]
    found = browse.results_html(document, "training", "en")
    lines = re.findall(r'class="snippet"><small>[^<]*</small> (.*?)</span>', found)
    assert len(lines) >= 3
    for line in lines:
        words = html.unescape(line).strip("…").split(" ")
        texts = [" ".join(r.text.split()) for r in document.renditions.values()]
        whole = next(text for text in texts if " ".join(words) in text)
        assert all(word in whole.split(" ") for word in (words[0], words[-1])), line


# -- the clause under the chat -------------------------------------------------------------------
def test_the_chip_of_the_clause_shown_is_found_again_in_the_other_language(services):
    turns = []
    h.ask(services, "第7.3.2.7条", h.ALL_DOCS, turns)
    target = ("bj-ipm", "7.3.2.7")
    assert chats.chip_for(turns, target, "zh", services.corpus) == "第7.3.2.7条「培训」讲什么？"
    english = chats.chip_for(turns, target, "en", services.corpus)
    assert english == "What does clause 7.3.2.7 “Training” say?"
    assert english in chats.chips(turns, "en", services.corpus)
    assert chats.chip_for(turns, ("bj-ipm", "9.1.1"), "en", services.corpus) is None


def test_an_english_lookup_names_the_clause_by_its_english_title(answerer, corpus):
    """'Clause 7.3.2.7 “培训” of … reads:' mixed the languages: the English answer's lead line
    names the clause by its rendition's title (corpus/renditions), the Chinese one by its own."""
    english = answerer.answer("What does clause 7.3.2.7 require?").answer.split("\n")[0]
    assert "“Training”" in english and "培训" not in english, english
    title = corpus.documents["bj-ipm"].renditions["9.1.1"].title
    assert f"“{title}”" in answerer.answer("What does clause 9.1.1 say?").answer
    assert "「培训」" in answerer.answer("第7.3.2.7条要求什么？").answer.split("\n")[0]


# -- a quiz in progress --------------------------------------------------------------------------
def _quiz_with_both_kinds(corpus) -> quiz.QuizSession:
    session = quiz.build_quiz(corpus, ["7"], 4, "Li Min", seed=3)
    assert {q.kind for q in session.questions} == {"fill_in", "which_clause"}
    return session


def test_a_quiz_in_progress_is_drawn_again_in_english(services, corpus):
    document = corpus.documents["bj-ipm"]
    session = _quiz_with_both_kinds(corpus)
    for _ in range(len(session.questions) - 1):
        question = session.current
        shown, options, _ = h.quiz_in_language(services, session, "en")
        assert shown.startswith("**Question ") and question.prompt in shown  # quoted verbatim
        outside = shown.replace(question.prompt, "")
        if question.kind == "which_clause":
            # each option named by the rendition's title, the standard's name still its value
            clause = document.clauses[question.clause_key]
            title = document.renditions[clause.key].title or \
                next(document.renditions[a.key].title for a in document.ancestors(clause.key)
                     if a.title)
            assert (f"{clause.label} {title}", question.answer) in options
            assert [value for _, value in options] == list(question.options)
        else:  # a term of the standard fills its own sentence: kept as it is
            assert options == [(o, o) for o in question.options]
            assert not CJK.search(outside), outside  # the clause named in English too
        session.answer(question.options[0])
        _, _, said = h.quiz_in_language(services, session, "en")
        assert "Your answer: " in said and ("√ Correct" in said or "× Wrong" in said)
        assert "你的答案" not in said and "正确答案" not in said
    chinese, _, said = h.quiz_in_language(services, session, "zh")
    assert chinese.startswith("**第 4 / 4 题**") and "你的答案：" in said


def test_a_finished_quiz_reads_in_english_with_its_sources_named_in_english(services, corpus):
    session = _quiz_with_both_kinds(corpus)
    while session.current is not None:  # every answer wrong: every question is reviewed
        question = session.current
        session.answer(next(o for o in question.options if o != question.answer))
    end, options, _ = h.quiz_in_language(services, session, "en")
    assert end.startswith("### Quiz finished: 0 / 4") and options == []
    assert "Result: not passed" in end and "Questions answered wrongly" in end
    assert "Source: [7." in end and "出处" not in end and "你的答案" not in end
    which = next(q for q in session.questions if q.kind == "which_clause")
    assert f"the answer is: {which.answer}" not in end  # named in English, not the standard's


def test_no_quiz_nothing_to_draw(services):
    assert h.quiz_in_language(services, None, "en") == ("", [], "")


def test_the_draft_tab_names_standards_and_languages_in_the_interface_language():
    english, chinese = h.draft_standard_choices("en"), h.draft_standard_choices("zh")
    assert [v for _, v in english] == [v for _, v in chinese] == \
        [v for _, v in h.DRAFT_STANDARDS]  # the ids drafted to do not change
    assert not any(CJK.search(name) for name, _ in english)
    assert "北京市地方标准《企业知识产权管理规范》 (bj-ipm)" in dict(chinese).keys()
    assert h.package_language_choices("en") == [("Chinese", "zh"), ("English", "en")]
    assert h.package_language_choices("zh") == [("中文", "zh"), ("英文", "en")]


# -- in the browser ------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")
def test_switching_language_redraws_the_open_clause_and_the_quiz(services):
    """Ask a question, open a chip, switch to English: the clause under the chat and the chips
    read in English, the chip still selected; a quiz started in Chinese reads in English after
    the switch, then in Chinese again."""
    with running_app(services) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(url, wait_until="load")
        page.locator("#question textarea").wait_for(timeout=60_000)
        page.locator("#question textarea").fill("第7.3.2.7条")
        page.locator("#ask").click()
        chip = page.locator("#chips label", has_text="第7.3.2.7条「培训」")
        chip.wait_for(timeout=30_000)
        chip.click()
        view = page.locator("#clause-view")
        view.locator("h3", has_text="7.3.2.7 培训").wait_for(timeout=30_000)
        view.get_by_text("对应条款", exact=True).wait_for(timeout=30_000)
        page.locator("#ui-lang label", has_text="English").click()
        view.locator("h3", has_text="7.3.2.7 Training").wait_for(timeout=30_000)
        view.get_by_text("Corresponding clauses", exact=True).wait_for(timeout=30_000)
        assert "对应条款" not in view.inner_text() and "上级条款" not in view.inner_text()
        english = page.locator("#chips label", has_text="What does clause 7.3.2.7 “Training”")
        english.wait_for(timeout=30_000)
        assert english.locator("input").is_checked()
        page.screenshot(path=str(SHOTS / "web31-test-ask-en.png"), full_page=True)

        page.locator("#ui-lang label", has_text="中文").click()
        view.locator("h3", has_text="7.3.2.7 培训").wait_for(timeout=30_000)
        page.get_by_role("tab", name="培训 Train").click()
        page.locator("#start").click()
        question = page.locator("#quiz-question")
        question.get_by_text("第 1 / 5 题", exact=False).wait_for(timeout=30_000)
        page.locator("#quiz-options label").first.click()
        page.locator("#submit").click()
        feedback = page.locator("#quiz-feedback")
        feedback.get_by_text("你的答案", exact=False).wait_for(timeout=30_000)
        page.locator("#ui-lang label", has_text="English").click()
        question.get_by_text("Question 2 / 5", exact=False).wait_for(timeout=30_000)
        feedback.get_by_text("Your answer", exact=False).wait_for(timeout=30_000)
        feedback.get_by_text("Question 1 / 5", exact=False).wait_for(timeout=30_000)
        assert "你的答案" not in feedback.inner_text()
        page.screenshot(path=str(SHOTS / "web31-test-quiz-en.png"), full_page=True)
        page.locator("#ui-lang label", has_text="中文").click()
        question.get_by_text("第 2 / 5 题", exact=False).wait_for(timeout=30_000)
        page.close()


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")
def test_a_phone_screen_in_english_keeps_every_tab_inside_the_screen(services):
    """At 390 px in English: the introduction is not squeezed beside the language choice, an
    answer takes the chat's width, the Browse and Draft option rows stack with nothing cut
    (the document and standard lists full width), and a long chapter name wraps inside its box
    instead of running off the screen."""
    with running_app(services) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(url, wait_until="load")
        page.locator("#question textarea").wait_for(timeout=60_000)
        page.locator("#ui-lang label", has_text="English").click()
        page.locator("#ask").get_by_text("Ask", exact=True).wait_for(timeout=30_000)
        width = page.evaluate("() => document.documentElement.clientWidth")

        def box(selector):
            return page.locator(selector).first.bounding_box()

        intro = page.locator(".prose, .md", has_text="贯标助手").last.bounding_box()
        assert intro["width"] > 0.8 * width, intro
        page.locator("#question textarea").fill("What does clause 7.3.2.7 require?")
        page.locator("#ask").click()
        page.locator("#chips label").first.wait_for(timeout=30_000)
        assert box("#chat [data-testid='bot']")["width"] > 0.85 * box("#chat")["width"]
        page.screenshot(path=str(SHOTS / "web31-test-phone-ask.png"), full_page=True)

        def open_tab(name):
            target = page.get_by_role("tab", name=name)
            if not target.is_visible():  # tabs beyond the screen are in the overflow menu
                page.locator(".overflow-menu button").first.click()
                page.locator("button", has_text=name).last.click()
            else:
                target.click()
            page.wait_for_timeout(500)

        open_tab("浏览 Browse")
        assert box("#browse-doc")["width"] > 0.8 * width
        open_tab("文件起草 Draft")
        standard = box("#draft-standard")
        assert standard["width"] > 0.8 * width, standard
        intro = page.locator("#draft-intro").inner_text()  # in English only, like the rest
        assert "questionnaire" in intro and not CJK.search(intro), intro
        page.locator("#draft-lang label", has_text="Chinese").wait_for(timeout=30_000)
        page.locator("#draft-standard input").click()
        page.get_by_role("option", name="(Beijing local standard) (bj-ipm)").wait_for(
            timeout=30_000)
        page.keyboard.press("Escape")
        open_tab("培训 Train")
        chapters = box("#chapters")
        longest = page.locator("#chapters label", has_text="13 Continual improvement")
        longest.wait_for(timeout=30_000)
        label = longest.bounding_box()
        assert label["x"] + label["width"] <= chapters["x"] + chapters["width"] + 1, label
        page.screenshot(path=str(SHOTS / "web31-test-phone-train.png"), full_page=True)
        page.locator("#ui-lang label", has_text="中文").click()  # '合格线 (%)' on one line
        mark = page.locator("#pass-mark").get_by_text("合格线 (%)", exact=True)
        mark.wait_for(timeout=30_000)
        assert mark.bounding_box()["height"] < 40, mark.bounding_box()
        page.close()
