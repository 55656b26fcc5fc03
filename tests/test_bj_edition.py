"""A package drafted to the Beijing local standard names the edition its clause numbers come from
and copes with that text's numbering defects (a consultant's tryout of a Beijing start-up, issue
17): the shipped bj-ipm text is the edition before DB11/T 937-2021 (../shared/DOMAIN.md), and it
prints 6.2.3, 11.4.2.3 and 11.4.3.2 for two clauses each and four headings inside 10.2 without a
number (`ipms corpus check`). Expected words come from those facts and the bj-ipm text itself."""
from __future__ import annotations

import re

import pytest

from helpers import docx_text
from generators.intake import load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR, TemplateSet

SAAS = {lang: TEMPLATES_DIR / "examples" / f"saas.{lang}.yaml" for lang in ("zh", "en")}
JOINER = "\u2060"  # kept out of the text a reader searches


@pytest.fixture(scope="module")
def packages(corpus, tmp_path_factory):
    """The SaaS example (no M&A plans, licences out) drafted to bj-ipm in both languages."""
    root = tmp_path_factory.mktemp("bj")
    return {lang: draft_package(load_intake(SAAS[lang]), corpus, root / lang, lang, "bj-ipm",
                                templates=TemplateSet())
            for lang in ("zh", "en")}


def _text(result, part: str) -> str:
    path = next(f for f in result.files if part in str(f))
    return docx_text(path).replace(JOINER, "")


def _paragraphs(result, part: str) -> list[str]:
    return [line for line in _text(result, part).splitlines() if line.strip()]


def test_the_manual_names_the_edition_and_the_current_one(packages):
    zh, en = _text(packages["zh"], "01-manual"), _text(packages["en"], "01-manual")
    assert "北京市地方标准，2021年以前的版本" in zh and "DB11/T 937—2021" in zh
    assert "pre-2021 edition" in en and "DB11/T 937-2021" in en
    assert "(Beijing local standard) (" not in en  # one bracket, not the title's and another


def test_an_excluded_clause_sharing_its_number_says_which_clause_is_excluded(packages, corpus):
    bj = corpus.documents["bj-ipm"]
    kept, dropped = bj.clauses["11.4.2.3"].title, bj.clauses["11.4.2.3#2"].title
    lines = [p for p in _paragraphs(packages["zh"], "01-manual") if p.startswith("删减：11.4.2.3")]
    assert len(lines) == 1 and dropped in lines[0] and kept in lines[0], lines
    english = [p for p in _paragraphs(packages["en"], "01-manual")
               if p.startswith("Excluded: 11.4.2.3")]
    assert len(english) == 1 and "Intellectual property licensing" in english[0], english
    for result in packages.values():
        assert not [f for f in result.findings if f.check == "applicability"]


def test_a_shared_number_listed_alone_carries_its_title(packages, corpus):
    """P-06 (confidentiality) serves bj-ipm's second 6.2.3: its purpose or header names it with
    the title, so a reader can tell it from 6.2.3 其他知识产权管理制度 — the title of its topic as
    the manual heads it (placement.yaml; one name for a clause across the package, gen32b)."""
    import yaml

    from generators.templates_io import TEMPLATES_DIR

    placement = yaml.safe_load((TEMPLATES_DIR / "placement.yaml").read_text(encoding="utf-8"))
    title = placement["headings"]["6.2.3#2"]["zh"]
    assert title != corpus.documents["bj-ipm"].clauses["6.2.3"].title
    text = _text(packages["zh"], "P-06")
    assert f"6.2.3（{title}）" in text
    assert not re.search(r"6\.2\.3(?![（\d.])(?! ?" + re.escape(title) + ")", text)


def test_untitled_sub_clauses_get_headings_of_their_own(packages, corpus):
    """9.3.3.1-9.3.3.5 have no titles of their own in bj-ipm: the manual does not head all five
    '继受取得'; the headings inside 10.2 are printed without a number the standard lacks."""
    lines = _paragraphs(packages["zh"], "01-manual")
    headings = [p for p in lines if re.match(r"9\.3\.3\.[1-5] ", p)]
    titles = {p.split(" ", 1)[1] for p in headings}
    assert len(titles) == len({p.split(" ", 1)[0] for p in headings}) == 5, headings
    assert corpus.documents["bj-ipm"].clauses["9.3.3"].title not in titles
    for heading in ("司法保护", "行政保护", "仲裁与调解", "谈判"):
        assert f"10.2 {heading}" not in lines and heading in lines


def test_the_contents_lists_each_chapters_sections_not_every_sub_clause(packages):
    """The TOC field takes heading levels 1-2: a bj-ipm manual's level-2 headings are its x.y
    sections (a heading over sub-clauses where x.y has no text), every chapter 4-13 has some,
    and deeper clauses sit at level 3 (the contents ran to 4 pages with every 4.3.2.1)."""
    import docx

    path = next(f for f in packages["zh"].files if "01-manual" in str(f))
    level2 = [p.text for p in docx.Document(path).paragraphs if p.style.name == "Heading 2"]
    numbers = [t.split(" ", 1)[0] for t in level2]
    assert all(re.fullmatch(r"\d+\.\d+", n) for n in numbers), numbers
    assert {n.split(".")[0] for n in numbers} >= {str(c) for c in range(4, 14)}
    assert "7.1" in numbers  # no text of its own: a heading over 7.1.1 and 7.1.2
