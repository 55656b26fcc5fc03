"""End to end in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
log in through the login form; ask two questions, open a citation of the older answer, export
the .docx, reload (the conversation is back), clear (nothing left to export); browse the clause
tree and search; a quiz over two chapters with both kinds of question, its end screen and its
training record. Screenshots go to reports/e2e/ (not committed)."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from assistant.web import auth
from assistant.web import handlers as h
from generators.templates_io import TemplateSet
from helpers import CHROMIUM, chromium
from web_server import running_app

SHOTS = PROJECT_ROOT / "reports" / "e2e"
PASSWORD = "zhao-lei-password"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")]


@pytest.fixture(scope="module")
def url(session_settings, corpus, answerer):
    services = h.Services(session_settings, corpus, answerer, TemplateSet())
    users = {"zhao": auth.parse_hash(auth.hash_password(PASSWORD))}
    with running_app(services, auth.Authenticator(users)) as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _login(browser, url, **context):
    page = browser.new_page(viewport={"width": 1280, "height": 1100}, accept_downloads=True,
                            **context)
    page.goto(url, wait_until="load")
    assert page.url.endswith("/login")  # nothing but the login form before login
    page.locator("#username").fill("zhao")
    page.locator("#password").fill("not the password")
    page.locator("#login").click()
    page.get_by_text("wrong user name or password").wait_for(timeout=30_000)
    page.locator("#username").fill("zhao")
    page.locator("#password").fill(PASSWORD)
    page.locator("#login").click()
    page.locator("#question textarea").wait_for(timeout=60_000)
    return page


def _ask(page, text: str, expect: str) -> None:
    page.locator("#question textarea").fill(text)
    page.locator("#ask").click()
    page.locator("#chips label", has_text=expect).wait_for(timeout=30_000)


def _download(page, button: str, target: str, saved: Path) -> Path:
    page.locator(button).click()
    link = page.locator(f"{target} a").first
    link.wait_for(timeout=30_000)
    with page.expect_download() as download_info:
        link.click()
    download_info.value.save_as(saved)
    return saved


def _paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_ask_links_exports_reload_and_clear(url, browser, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = _login(browser, url)
    assert page.locator("#chat").get_by_text("知识产权培训应该覆盖哪些人员").count() == 1  # starters
    page.locator("#ask").click()  # an empty question adds nothing
    page.wait_for_timeout(1000)
    assert page.locator("#chat [data-testid='user']").count() == 0

    _ask(page, "what does clause 4.3.2 require", "第4.3.2.1条「文件管理」")
    page.wait_for_timeout(800)  # a long answer opens at its start, not scrolled to its end
    top = page.evaluate("""() => {
        const bots = document.querySelectorAll('#chat [data-testid="bot"]');
        const log = document.querySelector('#chat [role="log"]');
        return bots[bots.length - 1].getBoundingClientRect().top
             - log.getBoundingClientRect().top; }""")
    assert -5 <= top <= 120, top
    _ask(page, "第7.3.2.7条", "第7.3.2.7条「培训」")
    # both answers' citations are chips, and a tag in the OLD answer opens its clause
    assert page.locator("#chips label", has_text="第4.3.2.2条").count() == 1
    page.locator("#chat a", has_text="[bj-ipm 4.3.2.2]").first.click()
    view = page.locator("#clause-view")
    view.get_by_text("律师函", exact=False).first.wait_for(timeout=30_000)
    page.locator("#chips label", has_text="第4.3.2.3条").click()
    view.get_by_text("知识产权管理手册", exact=False).first.wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "1-ask-old-citation-opened.png"), full_page=True)

    exported = _paragraphs(_download(page, "#export-docx", "#download", tmp_path / "chat.docx"))
    assert not any(text.lstrip().startswith(">") for text in exported)
    assert any("[bj-ipm 4.3.2.1] 文件管理" in text for text in exported)
    assert "对知识产权管理体系中的管理文件应确保：" in exported

    page.reload(wait_until="load")
    page.locator("#question textarea").wait_for(timeout=60_000)
    page.locator("#chat").get_by_text("7.3.2.7 培训", exact=False).first.wait_for(timeout=30_000)
    assert page.locator("#chat [data-testid='user']").count() == 2  # the conversation is back
    page.locator("#chat a", has_text="[bj-ipm 4.3.2.1]").first.click()
    view.get_by_text("发布前经过审核和批准", exact=False).first.wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "2-ask-after-reload.png"), full_page=True)

    page.locator("#clear").click()
    page.wait_for_timeout(1000)
    assert page.locator("#chat [data-testid='user']").count() == 0
    page.locator("#export-md").click()  # a cleared chat exports nothing
    page.get_by_text("还没有可导出的对话", exact=False).first.wait_for(timeout=30_000)
    assert page.locator("#download a").count() == 0
    page.reload(wait_until="load")
    page.locator("#question textarea").wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    assert page.locator("#chat [data-testid='user']").count() == 0  # cleared for real
    page.close()


def test_browse_tree_and_search(url, browser):
    page = _login(browser, url)
    page.get_by_role("tab", name="浏览 Browse").click()
    clause_page = page.locator("#clause-page")
    clause_page.get_by_text("本标准规定了", exact=False).first.wait_for(timeout=30_000)  # 1 范围
    tree = page.locator("#clause-tree")
    assert tree.locator("details").count() >= 10
    chapter = tree.locator("details", has=page.locator("summary", has_text="7 知识产权资源管理"))
    assert not chapter.locator("a", has_text="7.3.2.7 培训").is_visible()
    chapter.locator("summary").click(position={"x": 4, "y": 8})  # the marker: expand
    chapter.locator("a", has_text="7.3.2.7 培训").wait_for(state="visible", timeout=10_000)
    page.locator("#browse-search input, #browse-search textarea").first.fill("培训")
    results = page.locator("#browse-results")
    results.locator("a", has_text="7.3.2.7 培训").wait_for(timeout=30_000)
    results.locator("a", has_text="7.3.2.7 培训").click()
    clause_page.get_by_text("研发人员定期或不定期开展知识产权培训", exact=False).wait_for(
        timeout=30_000)
    clause_page.get_by_text("对应条款", exact=False).first.wait_for()
    page.screenshot(path=str(SHOTS / "3-browse-search.png"), full_page=True)
    page.locator("#browse-search input, #browse-search textarea").first.fill("量子引力")
    results.get_by_text("没有找到", exact=False).wait_for(timeout=30_000)
    page.locator("#ui-lang label", has_text="English").click()  # messages follow the choice
    page.locator("#browse-search input, #browse-search textarea").first.fill("quantum gravity")
    results.get_by_text("No clause matches", exact=False).wait_for(timeout=30_000)
    page.locator("#browse-search").get_by_text("Search", exact=True).wait_for(timeout=30_000)
    page.reload(wait_until="load")  # the choice is kept: labels in English after a reload
    page.locator("#ask").get_by_text("Ask", exact=True).wait_for(timeout=60_000)
    page.screenshot(path=str(SHOTS / "6-english.png"), full_page=True)
    page.locator("#ui-lang label", has_text="中文").click()
    page.locator("#ask").get_by_text("提问", exact=True).wait_for(timeout=30_000)
    page.close()


def test_quiz_two_chapters_both_kinds_review_and_record(url, browser, tmp_path):
    page = _login(browser, url)
    page.get_by_role("tab", name="培训 Train").click()
    page.locator("#trainer input, #trainer textarea").first.fill("Wang Fang")
    page.locator("#session input, #session textarea").first.fill("2026 Q4")
    page.locator("#attendee input, #attendee textarea").first.fill("Zhao Lei")
    page.locator("#chapters label", has_text="9 知识产权创造").click()
    page.locator("#count input[type='number']").fill("4")
    page.locator("#count input[type='number']").press("Enter")
    page.locator("#start").click()
    question = page.locator("#quiz-question")
    question.get_by_text("第 1 / 4 题", exact=False).wait_for(timeout=30_000)
    asked = []
    for number in range(1, 5):
        asked.append(question.inner_text())
        page.locator("#quiz-options label").last.click()
        page.locator("#submit").click()
        if number < 4:  # after the last, the end screen alone: no verdict under its review
            page.locator("#quiz-feedback").get_by_text(f"第 {number} / 4 题", exact=False) \
                .wait_for(timeout=30_000)
    question.get_by_text("测验完成", exact=False).wait_for(timeout=30_000)
    assert not page.locator("#quiz-feedback").inner_text().strip()
    assert any("填空" in q for q in asked) and any("出自哪一条" in q for q in asked)
    assert any("第4." in q or "「" in q for q in asked)
    assert page.locator("#submit").is_disabled()
    page.screenshot(path=str(SHOTS / "4-quiz-finished.png"), full_page=True)

    import docx

    record = docx.Document(str(_download(page, "#record", "#record-file", tmp_path / "r.docx")))
    cells = [c.text for t in record.tables for r in t.rows for c in r.cells]
    assert "Zhao Lei" in cells and "Wang Fang" in cells and "2026 Q4" in cells
    questions = next(t for t in record.tables if t.rows[0].cells[1].text == "题目")
    clauses = [r.cells[5].text for r in questions.rows[1:]]
    assert {c.split(".")[0] for c in clauses} == {"4", "9"}  # both chapters drawn
    page.set_viewport_size({"width": 390, "height": 900})
    label = page.locator("#chapters label", has_text="12 知识产权管理体系的评价")
    box = label.bounding_box()
    assert box is not None and box["height"] < 60  # one line, not wrapped every few characters
    page.screenshot(path=str(SHOTS / "5-train-390px.png"), full_page=True)
    page.close()


def test_browse_and_train_follow_the_interface_language(url, browser):
    """An English summary's clause reads in Chinese first in the Chinese interface (its
    original beside it, marked); switching to English redraws the open page, the tree and the
    Train tab's line naming the standard and edition (corpus/renditions, corpus/editions.yaml)."""
    page = _login(browser, url)
    page.get_by_role("tab", name="浏览 Browse").click()
    clause_page = page.locator("#clause-page")
    clause_page.get_by_text("本标准规定了", exact=False).first.wait_for(timeout=30_000)
    page.locator("#browse-doc input").click()
    page.get_by_role("option", name="ipms-cert-en", exact=False).click()
    tree = page.locator("#clause-tree")
    tree.locator("a", has_text="管理评价").first.click()
    heading = clause_page.locator("h3", has_text="管理评价（原文：Management evaluation）")
    heading.wait_for(timeout=30_000)
    clause_page.get_by_text("上级条款：知识产权管理体系认证有哪些要求？", exact=False).wait_for()
    page.screenshot(path=str(SHOTS / "7-summary-zh.png"), full_page=True)
    page.locator("#ui-lang label", has_text="English").click()
    clause_page.locator("h3", has_text="Management evaluation").filter(
        has_not_text="管理评价").wait_for(timeout=30_000)
    clause_page.get_by_text("Parent: What are the requirements", exact=False).wait_for()
    tree.locator("a", has_text="Management evaluation").first.wait_for(timeout=30_000)
    page.get_by_role("tab", name="培训 Train").click()
    source = page.locator("#quiz-source")
    source.get_by_text("pre-2021 edition", exact=False).wait_for(timeout=30_000)
    assert "Enterprise Intellectual Property Management Specification" in source.inner_text()
    page.locator("#chapters label", has_text="7 Intellectual property resource management") \
        .wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "8-train-en.png"), full_page=True)
    page.locator("#ui-lang label", has_text="中文").click()
    source.get_by_text("北京市地方标准《企业知识产权管理规范》", exact=False).wait_for(timeout=30_000)
    assert "2021年以前的版本" in source.inner_text()
    page.close()
