"""Web leftovers of issue 17 (session 32), as a user of the pages saw them:

- the Chinese clause page wrote its labels with an ASCII colon ('上级条款: 9.3 取得') and its
  lists with ASCII commas and semicolons;
- English clause titles the translator supplied (the original clause has none) were shown in
  the translator's brackets ('9.3.3.1 [List and assessment of …]') in the tree and on the page;
- the download boxes stood a quarter of a screen tall and empty before anything was drafted.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.web import handlers as h
from assistant.web.browse import clause_markdown, tree_html
from generators.templates_io import TemplateSet
from helpers import CHROMIUM, chromium
from web_server import running_app

SUPPLIED = "9.3.3"  # bj-ipm: 9.3.3.1-9.3.3.5 have no titles of their own in the original


def test_the_chinese_clause_page_uses_chinese_punctuation(corpus):
    page = clause_markdown(corpus, TemplateSet(), "bj-ipm", SUPPLIED, "zh")
    labels = [line for line in page.splitlines()
              if re.match(r"(上级条款|下级条款|相关程序和表单)", line)]
    assert len(labels) == 3, labels
    assert all(re.match(r"[^:：]+：\S", line) for line in labels), labels
    children = next(line for line in labels if line.startswith("下级条款"))
    assert "、" in children and ", " not in children
    assert not re.search(r"条款:|表单:|[\u4e00-\u9fff]: ", page)


def test_the_english_clause_page_keeps_english_punctuation(corpus):
    page = clause_markdown(corpus, TemplateSet(), "bj-ipm", SUPPLIED, "en")
    assert re.search(r"^Parent: 9\.3 ", page, re.M) and re.search(r"^Children: 9\.3\.3\.1 ",
                                                                   page, re.M)


def test_titles_the_translator_supplied_are_shown_without_brackets(corpus):
    from assistant.corpus.renditions import clean_title

    document = corpus.get("bj-ipm")
    bracketed = [r for r in document.renditions.values() if r.title.startswith("[")]
    assert bracketed  # the renditions mark the titles they supply
    tree = tree_html(document, SUPPLIED + ".1", "en")
    page = clause_markdown(corpus, TemplateSet(), "bj-ipm", SUPPLIED, "en")
    for rendition in bracketed:
        assert f"[{rendition.shown_title}]" not in tree and rendition.title not in page
    assert "9.3.3.1 List and assessment of intellectual property to be acquired" in tree
    assert clean_title("Records (translator's note: untitled in the original)") == "Records"
    assert clean_title("【记录】") == "记录"
    assert clean_title("Contribution of IP as capital (IP-for-equity)") \
        == "Contribution of IP as capital (IP-for-equity)"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")
def test_empty_download_boxes_take_one_line(session_settings, corpus, tmp_path):
    services = h.Services(session_settings, corpus, None, TemplateSet())
    with running_app(services) as url, chromium() as browser:
        for width, height in ((1280, 800), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url, wait_until="load")
            page.locator("#download").wait_for(timeout=60_000)
            heights = {"#download": page.locator("#download").bounding_box()["height"]}
            tab = page.get_by_role("tab", name="文件起草 Draft")
            if not tab.is_visible():  # beyond a phone's screen: in the overflow menu
                page.locator(".overflow-menu button").first.click()
                page.locator("button", has_text="文件起草 Draft").last.click()
            else:
                tab.click()
            page.locator("#package").wait_for(timeout=30_000)
            heights["#package"] = page.locator("#package").bounding_box()["height"]
            page.screenshot(path=str(tmp_path / f"draft-{width}.png"), full_page=True)
            page.close()
            assert all(h < 100 for h in heights.values()), (width, heights)
