"""Cross-references as template variables (issue 17, part xref33).

A procedure's title can vary with the company (catalogue.yaml `title_when`) and a compact package
issues procedures inside bundles, so a template naming another document writes
`《{{ title.P12 }}》` / `the {{ title.P12 }}`, never the words of a title. The English texts named
P-20 by a former title ("IP investment, financing and M&A procedure", not the catalogue's "IP
financing, alliance and M&A procedure") and P-07 / P-14 by shortened names.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import docx_text, planned
from generators.intake import load_intake
from generators.package import draft_package
from generators.template_refs import literal_titles
from generators.templates_io import TEMPLATES_DIR

EXAMPLES = TEMPLATES_DIR / "examples"
INTAKES = Path(__file__).parent / "data" / "intakes"


def test_no_template_names_a_document_by_its_literal_title():
    found = literal_titles()
    shown = "\n".join(f"{f.file}:{f.line} {f.title} -> {{{{ title.{f.code} }}}}"
                      for f in found[:20])
    assert not found, f"{len(found)} literal titles; write the variable instead:\n{shown}"


@pytest.mark.parametrize("text, code", [
    ("按《专利检索与布局控制程序》执行", "P12"),
    ("按《专利检索与风险排查控制程序》执行", "P12"),       # the title_when variant
    ("记入《知识产权经费年度核查表》", "R30"),             # a form's variant
    ("under the IP risk management procedure (P-11)", "P11"),
    ("see the Trademark and brand management procedure", "P29"),
])
def test_the_check_finds_every_title_variant(tmp_path, text, code):
    shutil.copy(TEMPLATES_DIR / "catalogue.yaml", tmp_path / "catalogue.yaml")
    (tmp_path / "procedures").mkdir()
    (tmp_path / "procedures" / "P99.yaml").write_text(f'zh:\n  scope: "{text}"\n', encoding="utf-8")
    found = literal_titles(tmp_path)
    assert [(f.file, f.line, f.code) for f in found] == [("procedures/P99.yaml", 2, code)]


def test_the_catalogue_own_titles_are_definitions_not_references():
    assert not [f for f in literal_titles() if f.file == "catalogue.yaml"]
    catalogue = (TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8")
    assert "zh: 专利检索与风险排查控制程序" in catalogue  # still defined there


def _package(intake: Path, language: str, tmp_path_factory, corpus, templates):
    """The drafted documents' visible text and the plan's {code: docno} and {code: title}."""
    folder = tmp_path_factory.mktemp("xref")
    draft_package(load_intake(intake), corpus, folder / "pkg", language, templates=templates)
    plan = planned(load_intake(intake), templates, corpus, language)
    text = "\n".join(docx_text(p) for p in sorted((folder / "pkg").rglob("*.docx")))
    docno = {c: n.replace("\u2060", "") for c, n in plan.context["docno"].items()}
    return text, docno, plan.context["title"]


def _misnamed(text: str, docno: dict, title: dict, language: str) -> list[str]:
    """References '<a procedure's name> (<its number>)' / '《name》（number）' whose name is not the
    title this package gives the procedure."""
    wrong = []
    for code, number in docno.items():
        if not code.startswith("P"):
            continue
        if language == "zh":
            wrong += [m.group(0) for m in re.finditer(r"《([^》]+)》（" + re.escape(number), text)
                      if m.group(1) != title[code]]
            continue
        for m in re.finditer(r"([^()\n;:]*procedure[^()\n;:]*) \(" + re.escape(number), text):
            if not m.group(1).endswith(title[code]):
                wrong.append(m.group(0)[-120:])
    return wrong


@pytest.mark.parametrize("intake, language", [
    (EXAMPLES / "saas.en.yaml", "en"), (EXAMPLES / "life-sciences.en.yaml", "en"),
    (INTAKES / "ai-startup.zh.yaml", "zh")])
def test_every_reference_names_the_procedure_by_this_package_title(intake, language,
                                                                  tmp_path_factory, corpus,
                                                                  templates):
    text, docno, title = _package(intake, language, tmp_path_factory, corpus, templates)
    assert not _misnamed(text, docno, title, language)
