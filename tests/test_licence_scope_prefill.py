"""R-78, the check of licensed-in assets against their licences, starts with a row per licence the
intake names (a consultant's tryout of an AI start-up, issue 17: the IP ledger listed the three
licences in while the scope check beside it was blank). Expected values come from the intake file."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml

from generators.intake import load_intake
from generators.package import draft_package

INTAKES = Path(__file__).parent / "data" / "intakes"
JOINER = "\u2060"


@pytest.mark.parametrize("language", ("zh", "en"))
def test_each_licence_in_has_a_prefilled_row_with_the_release_columns_blank(
        language, templates, corpus, tmp_path):
    path = INTAKES / f"game-studio.{language}.yaml"
    licences = yaml.safe_load(path.read_text("utf-8"))["ip"]["licences_in"]
    draft_package(load_intake(path), corpus, tmp_path / "pkg", language, templates=templates)
    form = next((tmp_path / "pkg").rglob("*-R-78 *.docx"))
    table = max(docx.Document(form).tables, key=lambda t: len(t.rows))
    rows = [[c.text.replace(JOINER, "") for c in r.cells] for r in table.rows]
    header = next(i for i, r in enumerate(rows) if r[0] in ("序号", "No."))
    filled = [r for r in rows[header + 1:] if r[1].strip()]
    assert len(filled) == len(licences)
    for row, licence in zip(filled, licences):
        assert row[1] == licence["what"] and licence["licensor"] in row[2]
        assert row[8] == "" and row[11] == ""  # what this release uses: filled in at the check
    assert len(rows) - header - 1 > len(licences)  # blank rows for assets taken later
