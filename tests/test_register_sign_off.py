"""Form R-11 (知识产权管理制度清单) is signed off like the other registers (issue 17, part D,
item 4): its 批准人 column names who approved each rule listed — no signature and no date — yet
it made the form count as "signed in its own fields", so the drafted list had no sign-off rows
(姓名 / 签字 / 日期). Expected words come from forms.yaml and the shipped example intake."""
from __future__ import annotations

import re

import docx
import pytest
import yaml

from generators.form_layout import SIGNING, signed_by_fields
from generators.intake import load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR, TemplateSet

FORMS = {f["code"]: f for f in yaml.safe_load((TEMPLATES_DIR / "forms.yaml").read_text("utf-8"))}


def _signature_columns(spec: dict) -> list[str]:
    zh = spec["zh"]
    labels = [c if isinstance(c, str) else c["label"] for c in (zh.get("columns") or [])]
    return [label for label in labels if SIGNING.search(label)]


def test_a_register_whose_only_signing_word_names_an_approver_is_signed_off():
    """A ledger counts as signed in its own columns only where a column is signed and dated
    per row (领用人签字及日期, 审批人及日期, 本人签字 …): a bare 批准人 column of the listed
    documents' approvers is no sign-off of the register."""
    for code, spec in FORMS.items():
        columns = _signature_columns(spec)
        if spec["layout"] == "ledger" and columns == ["批准人"]:
            assert not signed_by_fields(spec), code
    assert _signature_columns(FORMS["R11"]) == ["批准人"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_r11_has_name_signature_and_date_rows(language, tmp_path, corpus):
    path = TEMPLATES_DIR / f"intake.{language}.yaml"
    result = draft_package(load_intake(path), corpus, tmp_path / "pkg", language,
                           templates=TemplateSet())
    form = next(f for f in result.files if "03-forms" in f.parts and re.search(r"R-11\b", f.name))
    rows = [[c.text for c in r.cells] for r in docx.Document(str(form)).tables[-1].rows]
    words = (["姓名", "签字", "日期"] if language == "zh" else ["Name", "Signature", "Date"])
    assert [r[0] for r in rows[1:]] == words
    assert rows[0][1:] == FORMS["R11"][language]["signatures"]
