"""No blank pages (issue 17): each example company's whole package, laid out by LibreOffice, has
none — a page with nothing but the running header and the page footer counts as blank."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from generators import docx_writer as w
from generators.intake import load_intake
from generators.package import draft_package
from generators.page_check import available, blank_pages
from generators.templates_io import TEMPLATES_DIR

pytestmark = pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed "
                                "(.ci/run installs them)")
COMPANY = "测试样例有限公司"


def _document(path: Path, pages: list[str]) -> None:
    document = docx.Document()
    w.header_and_footer(document, f"{COMPANY}  T-01", "第 {page} 页 共 {pages} 页")
    for i, text in enumerate(pages):
        paragraph = document.add_paragraph(text)
        if i:
            w.page_break_before(paragraph)
    document.save(str(path))


def test_a_page_with_only_the_header_and_footer_is_found(tmp_path: Path):
    _document(tmp_path / "a.docx", ["第一页正文", "", "第三页正文"])
    _document(tmp_path / "b.docx", ["只有一页"])
    found = blank_pages(tmp_path, COMPANY)
    assert (found.documents, found.pages) == (2, 4)
    assert found.blank == [("a.docx", 2)]


@pytest.mark.parametrize("example", ["manufacturer", "saas", "life-sciences"])
def test_an_example_package_has_no_blank_page(example: str, corpus, tmp_path: Path):
    intake = load_intake(TEMPLATES_DIR / "examples" / f"{example}.zh.yaml")
    result = draft_package(intake, corpus, tmp_path / "package", "zh")
    assert result.findings == []  # and the package lint finds nothing in it
    found = blank_pages(tmp_path / "package", intake.company.name)
    assert found.documents == len([f for f in result.files if f.suffix == ".docx"])
    assert found.pages > found.documents  # several documents run to more than one page
    assert found.blank == []
