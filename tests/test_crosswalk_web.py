"""The web clause page's crosswalk section (assistant/web/browse.py) gives each corresponding
clause's relation and the crosswalk row's note, read from crosswalk.csv by hand."""
from __future__ import annotations


def test_the_clause_page_names_relation_and_note(corpus):
    from assistant.web import browse

    section = browse.corresponding_markdown(corpus, "7.3.2.4", "zh")
    lines = section.split("\n")
    at = lines.index("- **GB/T 29490—2023 7.1** 资源（部分对应）  ")
    following = "\n".join(lines[at:at + 5])
    # bj-ipm 7.3.2.4 入职 = GB/T 29490-2013 6.1.4 入职 → 2023 7.1 (and via 6.1.3 人事合同)
    # the row's note in the page's language (crosswalk.csv, column note_zh)
    assert "入职时的知识产权背景调查和声明；2023版中的位置未经证实。" in following
    assert "IP background checks" not in section
    assert "摘要（本产品自行概括，非标准原文" in following
    assert "- **GB/T 29490—2013 6.1.4** 入职（等同）  " in lines


def test_the_english_page_gives_the_english_note(corpus):
    from assistant.web import browse

    section = browse.corresponding_markdown(corpus, "7.3.2.4", "en")
    # crosswalk.csv, column note of the 7.3.2.4 / 6.1.4 / 7.1 row
    note = "IP background checks and declarations on hiring; 2023 location not confirmed."
    assert note in section
    assert "入职时的知识产权背景调查和声明" not in section
