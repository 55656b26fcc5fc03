"""The Draft tab in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
a user with no questionnaire of their own picks the SaaS example company, drafts, and downloads
the package; a malformed questionnaire is one message in the page, never a traceback; the
example picker follows the interface language. One app start and one browser per module; the
hashing embedder (conftest) and no login (the gate is tested in test_web_e2e.py). Screenshots
go to /tmp/ipms-draft-e2e (never into the repository)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from assistant.web import handlers as h
from generators.templates_io import TemplateSet
from helpers import CHROMIUM, PROJECT_ROOT, chromium
from web_server import running_app

SHOTS = Path("/tmp/ipms-draft-e2e")
TEMPLATES = PROJECT_ROOT / "generators" / "templates"
DRAFTING = 240_000  # ms: a package is drafted in ~10 s alone, far slower on a shared CI machine

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")]


def _example(name: str, lang: str) -> dict:
    return yaml.safe_load((TEMPLATES / "examples" / f"{name}.{lang}.yaml")
                          .read_text(encoding="utf-8"))


def _software_only_procedures() -> dict[str, str]:
    """Code -> Chinese title of the procedures drafted only for a software company (catalogue:
    `drafted_when` names kind.software)."""
    catalogue = yaml.safe_load((TEMPLATES / "catalogue.yaml").read_text(encoding="utf-8"))
    return {p["code"]: p["title"]["zh"] for p in catalogue["procedures"]
            if "kind.software" in (p.get("drafted_when") or "")}


@pytest.fixture(scope="module")
def url(session_settings, corpus):
    # The Draft tab asks no question: no answerer, so no search index is built for this app.
    services = h.Services(session_settings, corpus, None, TemplateSet())
    with running_app(services) as address:  # closing the server closes the services
        yield address


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _draft_tab(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 1400}, accept_downloads=True)
    page.goto(url, wait_until="load")
    page.get_by_role("tab", name="文件起草 Draft").click()
    page.locator("#intake-example").wait_for(timeout=60_000)
    return page


def _editor_text(page) -> str:
    return page.locator("#intake .cm-content").inner_text()


def _replace_editor_text(page, text: str) -> None:
    page.locator("#intake .cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
    page.locator("#intake .cm-content").blur()
    page.wait_for_timeout(500)  # the editor's value reaches gradio's state


def test_pick_the_saas_example_and_download_its_package(url, browser, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    saas = _example("saas", "zh")
    page = _draft_tab(browser, url)
    picker = page.locator("#intake-example")
    assert picker.locator("label").count() == len(list((TEMPLATES / "examples").glob("*.zh.yaml")))
    picker.locator("label", has_text="SaaS").click()
    page.locator("#intake").get_by_text(saas["company"]["name"]).first.wait_for(timeout=30_000)
    page.locator("#intake-problems").get_by_text("已载入示例企业", exact=False) \
        .wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "1-draft-saas-loaded.png"), full_page=True)

    page.locator("#generate").click()
    link = page.locator("#package a").first
    link.wait_for(timeout=DRAFTING)
    page.locator("#coverage").get_by_text("文件包检查", exact=False).first.wait_for(
        timeout=30_000)
    page.screenshot(path=str(SHOTS / "2-draft-saas-package.png"), full_page=True)
    with page.expect_download() as download_info:
        link.click()
    saved = tmp_path / "package.zip"
    download_info.value.save_as(saved)
    page.close()

    with zipfile.ZipFile(saved) as bundle:
        names = bundle.namelist()
        coverage = bundle.read("coverage.md").decode("utf-8")
    short = saas["company"]["short_name"]
    assert any(n.startswith("01-manual/") and n.endswith("知识产权管理手册.docx")
               and short in n for n in names), names
    software = _software_only_procedures()
    assert {"P25", "P27"} & set(software)
    drafted = {code for code, title in software.items()
               if any(n.startswith("02-procedures/") and n.endswith(f"{title}.docx")
                      for n in names)}
    assert drafted & {"P25", "P27"}, names  # a procedure only a software company gets
    lint = re.search(r"^## 文件包检查 \((\d+)\)\n(.*?)(?=^## |\Z)", coverage, re.M | re.S)
    assert lint is not None, coverage[-800:]
    assert lint.group(1) == "0" and lint.group(2).strip() == "0 项", lint.group(0)


def test_the_picker_follows_the_language_and_a_malformed_questionnaire_is_one_line(url, browser):
    page = _draft_tab(browser, url)
    chinese = yaml.safe_load((TEMPLATES / "intake.zh.yaml").read_text(encoding="utf-8"))
    page.locator("#intake").get_by_text(chinese["company"]["name"]).first.wait_for(
        timeout=30_000)
    page.locator("#ui-lang label", has_text="English").click()
    picker = page.locator("#intake-example")
    picker.get_by_text("Start from an example company").wait_for(timeout=30_000)
    english = yaml.safe_load((TEMPLATES / "intake.en.yaml").read_text(encoding="utf-8"))
    # the example nobody edited yet follows the interface language
    page.locator("#intake").get_by_text(english["company"]["name"]).first.wait_for(
        timeout=30_000)
    assert page.locator("#draft-lang input[value='en']").is_checked()  # the documents too
    picker.locator("label", has_text="SaaS").click()
    saas = _example("saas", "en")["company"]["name"]
    page.locator("#intake").get_by_text(saas).first.wait_for(timeout=30_000)
    problems = page.locator("#intake-problems")
    problems.get_by_text("is loaded", exact=False).wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "3-draft-english-picker.png"), full_page=True)

    _replace_editor_text(page, "company:\n  name: [未闭合的列表\nstaff: 120\n")
    page.locator("#generate").click()
    problems.get_by_text("cannot be read", exact=False).wait_for(timeout=30_000)
    page.locator("#ui-lang label", has_text="中文").click()
    picker.get_by_text("从示例企业开始").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    assert "未闭合的列表" in _editor_text(page)  # what the user wrote is never replaced
    page.locator("#generate").click()
    problems.get_by_text("无法读取", exact=False).wait_for(timeout=30_000)
    items = problems.locator("li")
    assert items.count() == 1
    assert "\n" not in items.first.inner_text().strip()
    assert re.search(r"第 \d+ 行", items.first.inner_text())  # where in the YAML
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "Error" not in body
    assert page.locator("#package a").count() == 0
    page.screenshot(path=str(SHOTS / "4-draft-malformed.png"), full_page=True)
    page.close()
