"""The internal audit checklist (R-57) asks about every item a clause lists.

A consultant's finding on a Beijing-standard package: each row kept the clause's first sentence,
so 4.2.1's policy requirements stopped at "a) 符合法律法规的要求" and b) to g) were never audited;
the English package printed the Chinese text. Expected items come from the standard's text in the
corpus (its body in Chinese, its rendition in English), not from the code under test.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from generators.documents import build_manual
from generators.intake import load_intake
from generators.package import draft_package
from generators.plan import plan_package
from generators.registers import register_rows
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR

INTAKE = str(Path(__file__).parent / "data" / "intakes" / "machine-vision.{}.yaml")
ITEM = re.compile(r"(?m)^\s*([a-z])\)\s*(.+?)[；;。.]?\s*$")


@pytest.fixture(scope="module", params=["zh", "en"])
def checklist(request, corpus, templates):
    language = request.param
    intake = load_intake(Path(INTAKE.format(language)))
    assert intake.standard == "bj-ipm"
    plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                       TEMPLATES_DIR), language)
    return language, {row["clause"]: row["check"] for row in register_rows("clauses", plan,
                                                                           templates)}


def _items(corpus, key: str, language: str) -> list[tuple[str, str]]:
    """[(label, text)] of the clause's list as the standard prints it (13.5.2.2 has two d))."""
    doc = corpus.get(BJ)
    text = doc.renditions[key].text if language == "en" else doc.clauses[key].body
    return [(m.group(1), " ".join(m.group(2).split())) for m in ITEM.finditer(text)]


@pytest.mark.parametrize("key", ["4.2.1", "4.2.2", "4.3.1", "4.3.2.1", "7.4.2.1", "13.5.2.2"])
def test_every_item_of_a_listing_clause_is_asked_about(checklist, corpus, key):
    language, rows = checklist
    items = _items(corpus, key, language)
    assert len(items) >= 3
    row = " ".join(rows[key].split())
    assert [text for _, text in items if text[:12] not in row] == []
    assert re.findall(r"\b([a-z])\) ", row) == [label for label, _ in items]


def test_the_english_checklist_is_in_english(checklist):
    language, rows = checklist
    if language == "en":
        assert [k for k, check in rows.items() if re.search(r"[\u4e00-\u9fff]", check)] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_function_matrix_names_a_shared_number_with_its_title(tmp_path, corpus, templates,
                                                                   language):
    """bj-ipm prints 10.2 over five headings and 6.2.3, 11.4.2.3, 11.4.3.2 twice each: the
    manual promises titles with those numbers, and Annex B printed '10.2' five times bare."""
    intake = load_intake(Path(INTAKE.format(language)))
    plan = draft_package(intake, corpus, None, language, templates=templates).plan
    path = tmp_path / "manual.docx"
    build_manual(plan, templates, path)
    matrix = docx.Document(str(path)).tables[-1]
    labels = [" ".join(row.cells[0].text.split()) for row in matrix.rows[1:]]
    assert len(labels) == len(set(labels))
    printed = [c.label for c in plan.standard.clauses.values()]
    shared = {n for n in printed if printed.count(n) > 1}
    assert {"10.2", "6.2.3"} <= shared
    for number in shared:
        rows = [label for label in labels if label.split("（")[0].split(" (")[0] == number]
        assert rows and all(len(label) > len(number) + 2 for label in rows), rows
