"""Issue 17, round 35: Word output and intake reading left open by a consultant's tryout.

1. The internal audit checklist R-57, pre-filled with every requirement clause, ran to 18 pages
   for a bj-ipm package (27 in English): its 审核内容 / 'What is checked' column, where the
   clause's text stands, was set at 6.4 cm by the template while the record column had 4.4 cm.
   The clause text gets the room: every other column is no wider than its content needs (its
   widest unbreakable piece, the record column the room to write an answer in).
2. An English intake's flow list `[Acme, Inc., Beta Ltd]` was read as three names, the company
   split at the comma before its legal form: a name with ', Inc.' / ', Ltd.' is kept whole.

The intakes are the consultants' (tests/data/intakes) and the shipped examples.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from generators import docx_writer as w
from generators.documents import build_form
from generators.form_layout import ANSWER_MIN_CM
from generators.intake import load_intake, parse_intake
from generators.intake_yaml import read_mapping
from generators.package import BJ
from generators.plan import plan_package
from generators.target import load_target
from generators.templates_io import TEMPLATES_DIR, TemplateSet

INTAKES = Path(__file__).parent / "data" / "intakes"
RECORD = re.compile(r"^(审核记录|Record)$")  # R-57's column written in by the auditor
CHECK = re.compile(r"^(审核内容|What is checked)$")  # the clause's text
SPARE_CM = 0.35  # a bold header's word is a little wider than the body text's


def _need_cm(texts: list[str]) -> float:
    """What a column must have for its texts (the header among them) not to break inside a
    number or a word: its widest unbreakable piece and the cell's padding."""
    return max(w._unbreakable(t) for t in texts if t.strip()) * w.EM_CM + w.CELL_PADDING_CM


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_audit_checklists_clause_text_gets_the_room(corpus, tmp_path, language):
    templates = TemplateSet()
    intake = load_intake(INTAKES / f"machine-vision.{language}.yaml")
    assert intake.standard == BJ  # the standard whose clauses' text is long
    plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                       templates.directory), language)
    path = tmp_path / "R57.docx"
    build_form(plan, templates, next(f for f in plan.forms if f.code == "R57"), path)
    document = docx.Document(str(path))
    checklist = next(t for t in document.tables
                     if any(CHECK.match(c.text) for c in t.rows[0].cells))
    heads = [c.text for c in checklist.rows[0].cells]
    columns = [[row.cells[i].text for row in checklist.rows] for i in range(len(heads))]
    widths = [c.width.cm for c in checklist.rows[0].cells]
    check = next(i for i, h in enumerate(heads) if CHECK.match(h))
    needs = [ANSWER_MIN_CM if RECORD.match(h) else _need_cm(columns[i])
             for i, h in enumerate(heads)]
    # no other column keeps more than a bold header's few millimetres above its need
    spare = {heads[i]: round(width - need, 2) for i, (width, need) in enumerate(zip(widths, needs))
             if i != check and width - need > SPARE_CM}
    assert spare == {}, (widths, needs)
    assert widths[check] > max(widths[:check] + widths[check + 1:])


@pytest.mark.parametrize("flow, names", [
    ("[Acme, Inc., Beta Ltd]", ["Acme, Inc.", "Beta Ltd"]),
    ("[Shenzhen Huaxin Co., Ltd., Tsinghua University]",
     ["Shenzhen Huaxin Co., Ltd.", "Tsinghua University"]),
    ("[Bosch, GmbH, Acme, LLC, Beta Pte. Ltd.]", ["Bosch, GmbH", "Acme, LLC", "Beta Pte. Ltd."]),
    ("[Alpha, Beta, Gamma]", ["Alpha", "Beta", "Gamma"]),  # names without a legal form
    ("['Acme', 'Inc.']", ["Acme", "Inc."]),  # quoted: as the consultant wrote them
])
def test_a_company_name_keeps_its_legal_form_in_a_flow_list(flow: str, names: list[str]):
    assert read_mapping(f"partners: {flow}\n")["partners"] == names


def test_an_english_intakes_partner_list_keeps_company_names_whole():
    text = (TEMPLATES_DIR / "examples" / "manufacturer.en.yaml").read_text("utf-8")
    text = re.sub(r"(?m)^  partners: \[.*?\]", "  partners: [Acme Materials, Inc., "
                  "Beijing University of Chemical Technology]", text)
    intake = parse_intake(text, "manufacturer.en.yaml")
    assert intake.rd.partners == ["Acme Materials, Inc.",
                                  "Beijing University of Chemical Technology"]
