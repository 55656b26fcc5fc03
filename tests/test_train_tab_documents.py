"""The Train tab with a company's own documents (issue 16, try8 leftovers, session 33): a quiz
on screen is cleared when another document is chosen (its questions would stand under the new
document's source line), the feedback's clause panel names a company document once (its Chinese
and English titles are the same), and a policy without a 文件编号 is named without '版本：—'.
The documents are those of tests/test_quiz_own_rules.py, as `ipms corpus add` records them."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.web import handlers as h
from assistant.web import quiz
from helpers import CHROMIUM, chromium
from test_quiz_own_rules import own, services  # noqa: F401  (fixtures)
from web_server import running_app

RULES_TITLE = "华瑞知识产权管理制度"


def test_the_clause_panel_names_a_company_document_once(services):  # noqa: F811
    shown = h.clause_markdown(services, "huarui", "第五条", "zh")
    assert shown.count(RULES_TITLE) == 1, shown
    english = h.clause_markdown(services, "northwind", "1.1", "en")
    assert english.count("Northwind IP Policy") == 1, english


def test_a_policy_without_a_document_number_has_no_empty_edition(services):  # noqa: F811
    for lang in ("zh", "en"):
        line = h.quiz_source_markdown(services, lang, "northwind")
        assert "Northwind IP Policy" in line and "—" not in line, line
    assert "版本" not in h.quiz_source_markdown(services, "zh", "northwind")
    assert "版本：" in h.quiz_source_markdown(services, "zh")  # the standard keeps its edition


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")
def test_choosing_another_document_clears_the_quiz_on_screen(services):  # noqa: F811
    """A quiz from 华瑞's 第二章, one question answered; then the English policy is chosen: no
    question, option or feedback of 华瑞's quiz is left, and a new quiz can be started."""
    with running_app(services) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url, wait_until="load")
        page.get_by_role("tab", name="培训 Train").click()
        source = page.locator("#quiz-source")
        source.get_by_text("企业知识产权管理规范", exact=False).wait_for(timeout=60_000)
        page.locator("#quiz-doc input").click()
        page.get_by_role("option", name=f"{RULES_TITLE} (huarui)").click()
        page.locator("#chapters").get_by_text("第二章 组织与职责").wait_for(timeout=30_000)
        page.locator("#start").click()
        question = page.locator("#quiz-question")
        question.get_by_text("第 1 / 5 题", exact=False).wait_for(timeout=30_000)
        page.locator("#quiz-options label").first.click()
        page.locator("#submit").click()
        feedback = page.locator("#quiz-feedback")
        feedback.get_by_text("你的答案", exact=False).first.wait_for(timeout=30_000)
        feedback.scroll_into_view_if_needed()
        page.screenshot(path="/tmp/own33-train-feedback.png")
        assert feedback.inner_text().count(RULES_TITLE) == 1, feedback.inner_text()
        page.locator("#quiz-doc").scroll_into_view_if_needed()
        page.locator("#quiz-doc input").click()
        page.get_by_role("option", name="Northwind IP Policy (northwind)").click()
        source.get_by_text("Northwind IP Policy", exact=False).wait_for(timeout=30_000)
        page.wait_for_function(
            "() => !document.querySelector('#quiz-question').innerText.includes('题')",
            timeout=30_000)
        page.screenshot(path="/tmp/own33-train-switched.png")
        assert page.locator("#quiz-options label").count() == 0
        assert "你的答案" not in feedback.inner_text()
        assert page.locator("#submit").is_disabled()
        page.locator("#start").click()
        question.get_by_text("第 1 / ", exact=False).wait_for(timeout=30_000)
        assert not any(w in question.inner_text() for w in ("第一条", "第五条", "知识产权管理委员会"))
        page.screenshot(path="/tmp/own33-train-new.png")
        page.close()
