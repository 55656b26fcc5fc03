"""Record forms people can fill in by hand and in Word (issue 17): answer areas sized to the answer,
tick boxes for choices, a header with form number, version, effective date and record number,
sign-off rows with a date, and registers pre-filled from the package and the intake. The forms
are read back from the drafted .docx files; expected values come from forms.yaml and the intake."""
from __future__ import annotations

import csv
import re

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from generators.documents import build_manual
from generators.form_layout import signed_by_fields
from generators.intake import load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR, TemplateSet
from generators.unused_rows import is_unused_row
from helpers import visible

EXAMPLE = {lang: TEMPLATES_DIR / f"intake.{lang}.yaml" for lang in ("zh", "en")}
FORMS = {f["code"]: f for f in yaml.safe_load((TEMPLATES_DIR / "forms.yaml").read_text("utf-8"))}
CHOICE_LIST = re.compile(r"[（(][^）()（]*/[^）()（]*[）)]")  # '（修订/换版/作废）'
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
CM = 360000  # EMU


@pytest.fixture(scope="module")
def package(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("forms") / "zh"
    return draft_package(load_intake(EXAMPLE["zh"]), corpus, out, "zh", templates=TemplateSet())


@pytest.fixture(scope="module")
def forms(package):
    """{code: python-docx Document} of every form of the package."""
    return {re.search(r"R-(\d+)", f.name).group(0).replace("-", ""): docx.Document(str(f))
            for f in package.files if "03-forms" in f.parts}


def _label(entry) -> str:
    return entry if isinstance(entry, str) else entry["label"]


def _rows(table) -> list[list[str]]:
    return [[visible(c.text) for c in row.cells] for row in table.rows]


def _boxes(element) -> int:
    return len(element.findall(f".//{{{W14}}}checkbox"))


def _numbers(files) -> set[str]:
    return {f.name.split(" ")[0] for f in files}


def test_no_label_holds_a_list_of_choices(forms):
    for code, document in forms.items():
        for table in document.tables:
            labels = [c.text for c in table.rows[0].cells] + [r.cells[0].text for r in table.rows]
            assert not [t for t in labels if CHOICE_LIST.search(t)], code


def test_a_choice_field_is_ticked_in_boxes(forms):
    spec = next(f for f in FORMS["R03"]["zh"]["fields"] if isinstance(f, dict) and "choices" in f)
    table = forms["R03"].tables[1]
    row = next(r for r in table.rows if r.cells[0].text == spec["label"])
    assert _boxes(row.cells[1]._tc) == len(spec["choices"])
    assert all(choice in row.cells[1].text for choice in spec["choices"])


def test_ledger_choices_are_boxes_in_each_row_or_a_legend(forms, package):
    checked = 0
    templates = TemplateSet()  # a choice may follow the company: {% if kind.physical_goods %}…
    for code, spec in FORMS.items():
        if spec["layout"] != "ledger" or code not in forms:
            continue
        document = forms[code]
        # a column whose label renders empty for this company is left out (R07's NDA columns)
        shown = [c for c in spec["zh"]["columns"] if templates.render(
            c["label"] if isinstance(c, dict) else c, package.plan.context).strip()]
        table = next(t for t in document.tables if len(t.columns) == len(shown))
        text = "\n".join(p.text for p in document.paragraphs)
        for i, column in enumerate(shown):
            if not isinstance(column, dict) or not column.get("choices"):
                continue
            checked += 1
            blank = table.rows[-1].cells[i]
            if _boxes(blank._tc):
                given = column["choices"]
                count = len(given) if isinstance(given, list) else len(
                    templates.render(given, package.plan.context).split("\n"))
                assert _boxes(blank._tc) == count, code
            else:  # numbered once in a legend above the ledger
                legend = next(line for line in text.split("\n") if line.startswith(column["label"]))
                given = column["choices"]
                choices = ([templates.render(c, package.plan.context) for c in given]
                           if isinstance(given, list) else
                           templates.render(given, package.plan.context).split("\n"))
                assert all(choice in legend for choice in choices), code
    assert checked >= 20


def test_answer_areas_are_sized_to_the_answer(forms):
    fields = FORMS["R03"]["zh"]["fields"]
    lines = {_label(f): (f.get("lines", 1) if isinstance(f, dict) else 1) for f in fields}
    table = forms["R03"].tables[1]
    heights = {r.cells[0].text: (r.height or 0) / CM for r in table.rows[1:]}
    tall = [label for label, n in lines.items() if n >= 3]
    assert tall and "申请日期" in lines and lines["申请日期"] == 1
    for label in tall:
        assert heights[label] >= 0.6 * lines[label] > heights["申请日期"]


def test_every_form_has_number_version_effective_date_and_record_number(forms, package):
    docs = load_intake(EXAMPLE["zh"]).documents
    by_code = {re.search(r"R-(\d+)", f.name).group(0).replace("-", ""): f.name.split(" ")[0]
               for f in package.files if "03-forms" in f.parts}
    for code, document in forms.items():
        header, values = _rows(document.tables[0])
        assert header == ["表单编号", "版本", "生效日期", "记录编号"], code
        assert values == [by_code[code], docs.version, docs.effective_date.isoformat(), ""]


def test_sign_off_rows_have_a_name_a_signature_and_a_date(forms):
    approvals = load_intake(EXAMPLE["zh"]).documents.approvals.form
    for code, document in forms.items():
        if signed_by_fields(FORMS[code]):  # 记录人/审核人 fields: no second sign-off (H6)
            continue
        rows = _rows(document.tables[-1])
        assert [r[0] for r in rows[1:]] == ["姓名", "签字", "日期"], code
        roles = [r for r in FORMS[code]["zh"].get("signatures") or []]
        if not roles:  # filled in, reviewed and approved
            assert rows[0][1:] == ["填写人", "审核人", "批准人"], code
        # each record is signed by whoever signs it: the names who approved the blank form
        # (the line under its header) are not pre-printed on every record
        assert all(name == "" for name in rows[1][1:]), code
        if FORMS[code].get("agreement"):  # signed by the parties, no record of conformity
            assert not any("批准发布" in p.text for p in document.paragraphs), code
            continue
        line = next(p.text for p in document.paragraphs if "批准发布" in p.text)
        assert approvals.reviewed_by in line and approvals.approved_by in line, code


def test_the_controlled_document_list_holds_every_document_of_the_package(forms, package):
    files = [f for f in package.files if f.parts[-2] in ("01-manual", "02-procedures", "03-forms")]
    table = next(t for t in forms["R01"].tables if t.rows[0].cells[1].text == "文件编号")
    # a row of numbers left free (本公司不适用，编号空缺) lists no document
    listed = {r[1]: r for r in _rows(table)[1:] if r[1] and not is_unused_row(r)}
    assert set(listed) == _numbers(files)
    docs = load_intake(EXAMPLE["zh"]).documents
    for f in files:
        number, title = f.stem.split(" ", 1)
        row = listed[number]
        assert row[2].replace("/", "_") == title and row[3] == docs.version
        assert row[7] == docs.effective_date.isoformat()
    assert sum(1 for r in _rows(table)[1:] if not any(r)) >= 3  # room for additions


def test_the_record_list_holds_every_form_with_keeper_and_retention(forms, package):
    intake = load_intake(EXAMPLE["zh"])
    files = [f for f in package.files if "03-forms" in f.parts]
    table = next(t for t in forms["R05"].tables if t.rows[0].cells[1].text == "记录编号")
    rows = {r[1]: r for r in _rows(table)[1:] if r[1] and not is_unused_row(r)}
    assert set(rows) == _numbers(files)
    by_title = {r[2]: r for r in rows.values()}
    years = intake.documents.retention_years  # {研发记录: 10, 合同: 10, 培训记录: 3}
    assert by_title["研发记录"][7] == f"{years['研发记录']}年"
    assert by_title["合同台账"][7] == f"{years['合同']}年"
    assert by_title["培训签到表"][7] == f"{years['培训记录']}年"
    hr = next(d.name for d in intake.org.departments if "hr" in d.functions)
    assert by_title["培训签到表"][5] == hr


def test_objectives_trade_secrets_and_audit_clauses_are_filled_in(forms, package):
    intake = load_intake(EXAMPLE["zh"])
    # a number and its unit are joined by invisible characters ('10\u2060件'): read as shown
    def shown(text: str) -> str:
        return text.replace("\u2060", "").replace("\u202f", " ")

    objectives = [shown(c.text) for row in forms["R08"].tables[1].rows for c in row.cells]
    assert all(o in objectives for o in intake.policy.objectives)
    secrets = [shown(c.text) for row in forms["R13"].tables[1].rows for c in row.cells]
    assert intake.ip.trade_secret_examples and all(
        s in secrets for s in intake.ip.trade_secret_examples)
    with open(package.out_dir / "traceability.csv", encoding="utf-8-sig") as handle:
        clauses = [row["clause"] for row in csv.DictReader(handle)]
    audit = next(t for t in forms["R57"].tables if t.rows[0].cells[1].text == "条款")
    assert [r[1] for r in _rows(audit)[1:] if r[1]] == clauses


def test_english_function_matrix_headers_and_clause_numbers_do_not_wrap(tmp_path, corpus):
    templates = TemplateSet()
    plan = draft_package(load_intake(EXAMPLE["en"]), corpus, None, "en", templates=templates).plan
    path = tmp_path / "manual.docx"
    build_manual(plan, templates, path)
    document = docx.Document(str(path))
    departments = [d.name for d in plan.intake.org.departments]
    matrix = next(t for t in document.tables
                  if [c.text for c in t.rows[0].cells][1:] == departments
                  and t.rows[1].cells[0].text[:1].isdigit())
    letter = 10.5 / 72 * 2.54 * 0.55  # cm: a bold Latin letter of 10.5 pt Times, on average
    padding = 0.3  # cm: the cell's left and right margins
    for cell, column in zip(matrix.rows[0].cells[1:], list(matrix.columns)[1:]):
        longest = max(len(word) for word in cell.text.split())
        rotated = cell._tc.tcPr.find(qn("w:textDirection")) is not None
        assert rotated or column.width / CM - padding >= longest * letter, cell.text
    clause_width = matrix.columns[0].width / CM - padding
    assert clause_width >= max(len(r.cells[0].text) for r in matrix.rows[1:]) * letter


def _count(entry, attribute: str):
    """How many choices (or fills) a form entry lists; a template string giving them per company
    counts as one."""
    given = entry.get(attribute, []) if isinstance(entry, dict) else []
    return 1 if isinstance(given, str) else len(given)


def test_forms_yaml_writes_no_choices_into_labels_and_the_languages_agree():
    for code, spec in FORMS.items():
        for key in ("fields", "columns"):
            zh, en = spec["zh"].get(key) or [], spec["en"].get(key) or []
            assert len(zh) == len(en), code
            for a, b in zip(zh, en):
                assert not CHOICE_LIST.search(_label(a)) and not CHOICE_LIST.search(_label(b))
                for attribute in ("choices", "fill"):
                    # a list of choices, or one template giving them per company (R-26's channels)
                    assert _count(a, attribute) == _count(b, attribute), (code, a)
                lines = [e.get("lines", 1) if isinstance(e, dict) else 1 for e in (a, b)]
                assert lines[0] == lines[1], (code, a)


def test_retention_follows_the_kinds_the_intake_names(package):
    import dataclasses

    from generators.registers import retention

    plan = package.plan
    periods = {"源代码及研发记录": 10, "专利检索资料": 7, "其他": 2}
    documents = plan.intake.documents.model_copy(update={"retention_years": periods})
    plan = dataclasses.replace(plan, intake=plan.intake.model_copy(update={"documents": documents}))
    forms = {f.code: f for f in plan.forms}
    assert forms["R39"].title["zh"] == "研发记录" and retention(plan, forms["R39"]) == 10  # 研发
    assert forms["R34"].title["zh"].startswith("专利检索") and retention(plan, forms["R34"]) == 7
    assert retention(plan, forms["R15"]) == 2  # named by no kind: 其他


def test_a_form_naming_an_unknown_register_is_one_line(package, tmp_path):
    import dataclasses

    from assistant.errors import IpmsError
    from generators.documents import build_form

    form = next(f for f in package.plan.forms if f.code == "R01")
    broken = dataclasses.replace(form, content={**form.content, "register": "staff"})
    with pytest.raises(IpmsError, match=r"unknown register 'staff'.*documents") as raised:
        build_form(package.plan, TemplateSet(), broken, tmp_path / "R01.docx")
    assert "\n" not in str(raised.value) and not (tmp_path / "R01.docx").exists()
