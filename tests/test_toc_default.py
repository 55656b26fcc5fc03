"""Issue 17: the manual's contents show page numbers without Word — filled in by LibreOffice
headless when it is installed, by default (`ipms draft` and the web app's draft), `--no-toc-pages`
to leave it out, and a clear note when LibreOffice is absent (Word numbers them then)."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from assistant.web import handlers as h
from generators.page_check import available
from generators.templates_io import TEMPLATES_DIR, TemplateSet

EXAMPLE = TEMPLATES_DIR / "examples" / "saas.en.yaml"
NOTE = "contents have no page numbers"
needs_libreoffice = pytest.mark.skipif(not available(), reason="LibreOffice / poppler not "
                                       "installed (.ci/run installs them)")


def _numbered_entries(package: Path) -> int:
    """How many entries of the manual's contents end in a page number (after a tab)."""
    manual = next((package / "01-manual").glob("*.docx"))
    count = 0
    for paragraph in docx.Document(str(manual)).paragraphs:
        if paragraph.style.name.lower().startswith("toc"):
            xml = paragraph._p
            tabs = list(xml.iter(qn("w:tab")))
            if tabs and re.search(r"\d+$", paragraph.text.strip()):
                count += 1
    return count


@needs_libreoffice
def test_draft_numbers_the_contents_by_default_and_not_when_told(run_cli, tmp_path):
    code, out, err = run_cli("draft", str(EXAMPLE), "--out", str(tmp_path / "pkg"))
    assert code == 0, err
    assert NOTE not in out and _numbered_entries(tmp_path / "pkg") > 10
    code, out, err = run_cli("draft", str(EXAMPLE), "--out", str(tmp_path / "plain"),
                             "--no-toc-pages")
    assert code == 0, err
    assert NOTE not in out and _numbered_entries(tmp_path / "plain") == 0


def test_draft_says_so_when_libreoffice_is_absent(run_cli, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    code, out, err = run_cli("draft", str(EXAMPLE), "--out", str(tmp_path / "pkg"),
                             extra_env={"PATH": str(empty)})
    assert code == 0, err
    note = next(line for line in out.splitlines() if NOTE in line)
    assert "LibreOffice" in note and "Word" in note
    assert _numbered_entries(tmp_path / "pkg") == 0


def test_the_web_draft_says_so_when_libreoffice_is_absent(session_settings, corpus, tmp_path,
                                                         monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    services = h.Services(session_settings, corpus, None, TemplateSet())
    _, report = h.draft_zip(services, EXAMPLE.read_text("utf-8"), "en")
    assert NOTE in report
