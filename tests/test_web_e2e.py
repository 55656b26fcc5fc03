"""End to end in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
log in through the login form, ask about clause 4.3.2, open a citation chip, run a three-question quiz, download the record.
Screenshots go to reports/e2e/."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from assistant.web import auth
from assistant.web import handlers as h
from generators.templates_io import TemplateSet
from web_server import running_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield browser
        browser.close()


def test_ask_open_chip_quiz_and_download_record(url, browser, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1100}, accept_downloads=True)
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

    page.locator("#question textarea").fill("what does clause 4.3.2 require")
    page.locator("#ask").click()
    chip = page.locator("#chips label", has_text="[bj-ipm 4.3.2.1]")
    chip.wait_for(timeout=30_000)
    page.locator("#chat").get_by_text("[bj-ipm 4.3.2.2]", exact=False).first.wait_for()
    chip.click()
    clause = page.locator("#clause-view")
    clause.get_by_text("对知识产权管理体系中的管理文件应确保", exact=False).wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "1-ask-and-clause.png"), full_page=True)

    page.get_by_role("tab", name="Train 培训").click()
    page.locator("#attendee textarea, #attendee input").first.fill("Zhao Lei")
    page.locator("#start").click()
    question = page.locator("#quiz-question")
    question.get_by_text("1 / 3", exact=False).wait_for(timeout=30_000)
    for number in (1, 2, 3):
        page.locator("#quiz-options label").first.click()
        page.locator("#submit").click()
        page.locator("#quiz-feedback").get_by_text("正确", exact=False).first.wait_for(timeout=30_000)
        if number < 3:
            question.get_by_text(f"{number + 1} / 3", exact=False).wait_for(timeout=30_000)
    question.get_by_text("Finished", exact=False).wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "2-quiz-finished.png"), full_page=True)

    page.locator("#record").click()
    link = page.locator("#record-file a").first
    link.wait_for(timeout=30_000)
    with page.expect_download() as download_info:
        link.click()
    saved = tmp_path / "record.docx"
    download_info.value.save_as(saved)
    import docx

    cells = [c.text for t in docx.Document(str(saved)).tables for r in t.rows for c in r.cells]
    assert "Zhao Lei" in cells
    page.screenshot(path=str(SHOTS / "3-record.png"), full_page=True)
    page.close()
