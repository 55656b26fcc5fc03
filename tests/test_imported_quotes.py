"""Every quote the product prints for an imported standard occurs verbatim in that standard.

The sample standard (tests/data/sample_standard/standard.txt) is imported as a typeset PDF, as a
.docx with Word's automatic numbering and as the .txt itself; then every numbered clause is asked
for by number and by its title. Each citation's quote must be a span of the source text (after
whitespace is removed: a PDF or a Word file wraps lines where the .txt does not), so no running
header, page number, 目次 line or Word numbering artefact can reach a quote.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from docx_builders import build_auto, source_paragraphs
from helpers import PROJECT_ROOT
from pdf_builders import Layout, split_sample, typeset
from test_docx_import import STANDARD_LISTS, STANDARD_RULES, WRAPPED, squash

SAMPLE = PROJECT_ROOT / "tests" / "data" / "sample_standard" / "standard.txt"
TITLE = "中小企业知识产权管理工作指引（示例）"


def _numbered_headings(text: str) -> list[tuple[str, str]]:
    """(number, title) of the body's headings as a reader sees them: a number, a space, a short
    title without punctuation; the 目次's lines end in leader dots and are skipped."""
    found = []
    for line in text.split("\n"):
        match = re.fullmatch(r"((?:\d+|[A-Z])(?:\.\d+)+|\d+) ([^，。；：…]{2,16})", line.strip())
        if match and (match.group(1), match.group(2)) not in found:
            found.append((match.group(1), match.group(2)))
    return found


def _with_body(text: str) -> set[str]:
    """The numbers of the headings that have text of their own: the next line is no heading."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    lines = lines[lines.index("前言"):]  # the 目次 repeats every heading
    numbers = dict(_numbered_headings(text))
    found = set()
    for line, following in zip(lines, lines[1:]):
        number = line.split(" ")[0]
        if numbers.get(number) == line[len(number) + 1:] and not (
                following.split(" ")[0] in numbers or following.startswith("附录")):
            found.add(number)
    return found


def _pdf(path: Path) -> Path:
    cover, contents, body = split_sample(SAMPLE.read_text(encoding="utf-8"))
    layout = Layout(lines_per_page=18, header=("DB11/T 0000—2024",),
                    front_footer=lambda page: "Ⅰ", footer=lambda page, pages: f"第 {page} 页 共 {pages} 页")
    path.write_bytes(typeset(body, layout, cover=cover, contents=contents).pdf)
    return path


def _docx(path: Path) -> Path:
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").split("\n") if line]
    return build_auto(path, source_paragraphs(lines, WRAPPED), STANDARD_LISTS, STANDARD_RULES,
                      (r"[A-Z]\.\d+(?:\.\d+)* .+", 2))


def test_every_quote_of_an_imported_standard_is_a_span_of_its_text(settings, tmp_path):
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    source = SAMPLE.read_text(encoding="utf-8")
    whole = squash(source)
    headings = _numbered_headings(source)
    assert len(headings) >= 25, "the sample standard's headings were not found"
    forms = {"quotes-pdf": _pdf(tmp_path / "sample.pdf"), "quotes-docx": _docx(tmp_path / "s.docx"),
             "quotes-txt": SAMPLE}
    for doc_id, path in forms.items():
        add_user_document(settings, path, doc_id, TITLE)
    answerer = ExtractiveAnswerer(settings, Corpus.load(settings))

    strays: list[str] = []
    cited: dict[str, set[str]] = {doc_id: set() for doc_id in forms}
    for doc_id in forms:
        for number, title in headings:
            named = f"第{number}章" if number.isdigit() else number  # a bare "2" is no clause
            for question in (f"{named}要求什么", f"{title}有哪些要求"):
                for citation in answerer.answer(question, doc=doc_id).citations:
                    assert citation.doc == doc_id
                    cited[doc_id].add(citation.clause)
                    if squash(citation.quote) not in whole:
                        strays.append(f"{doc_id} {citation.clause}: {citation.quote[:60]}")
    assert not strays, "quotes that are not in the standard:\n" + "\n".join(strays)
    # A heading without a body of its own is answered by its sub-clauses' quotes, so not every
    # number is cited; but every form cites the same clauses as the .txt.
    assert _with_body(source) <= cited["quotes-txt"]
    assert cited["quotes-pdf"] == cited["quotes-txt"]
    assert cited["quotes-docx"] == cited["quotes-txt"]


@pytest.mark.parametrize("question", ["第 2 页 共 4 页", "DB11/T 0000—2024 目次"])
def test_furniture_is_never_quoted(settings, tmp_path, question):
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    add_user_document(settings, _pdf(tmp_path / "sample.pdf"), "quotes-pdf", TITLE)
    answer = ExtractiveAnswerer(settings, Corpus.load(settings)).answer(question, doc="quotes-pdf")
    for citation in answer.citations:
        assert "页" not in citation.quote.replace("页面", "")
        assert "……" not in citation.quote
