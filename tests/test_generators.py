"""Intake questionnaire, templates and the drafted package (real .docx files)."""
from __future__ import annotations

import shutil
import subprocess
import typing

import docx
import pytest

from helpers import docx_text
import yaml
from pydantic import BaseModel

from assistant.errors import IpmsError
from generators.company_kind import DERIVED
from generators.roles import process_names
from generators.intake import Intake, load_intake
from generators.package import draft_package
from generators.plan import requirement_clauses
from generators.templates_io import (FUNCTIONS, TEMPLATES_DIR, template_strings,
                                     variable_paths)

EXAMPLE = {lang: TEMPLATES_DIR / f"intake.{lang}.yaml" for lang in ("zh", "en")}
FORBIDDEN = ["XXX", "{{", "}}", "{%", "某某", "TODO", "[company]", "None"]


def _schema_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    paths = set()
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.add(path)
        annotation = field.annotation
        candidates = typing.get_args(annotation) or (annotation,)
        for candidate in candidates:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                paths |= _schema_paths(candidate, f"{path}.")
    return paths


@pytest.fixture(scope="module")
def package_zh(tmp_path_factory, corpus, templates):
    out = tmp_path_factory.mktemp("pkg") / "zh"
    return draft_package(load_intake(EXAMPLE["zh"]), corpus, out, "zh", templates=templates)


# -- intake -------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_example_questionnaires_validate(lang):
    intake = load_intake(EXAMPLE[lang])
    assert intake.org.ip_department in {d.key for d in intake.org.departments}


def test_a_malformed_questionnaire_lists_every_problem(tmp_path):
    data = yaml.safe_load(EXAMPLE["en"].read_text(encoding="utf-8"))
    del data["people"]["ip_representative"]
    data["ip"]["patents"]["invention"] = -3
    data["company"]["staff"] = "many"
    data["company"]["colour"] = "blue"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(IpmsError) as error:
        load_intake(path)
    message = str(error.value)
    assert "\n" not in message
    assert "people.ip_representative: required" in message
    assert "ip.patents.invention: must be an integer ≥ 0" in message
    assert "company.staff: must be an integer" in message
    # a key near no field is not called a misspelling (issue 17, the rail maker's company.parent)
    assert "company.colour: is not a field the intake has" in message


@pytest.mark.parametrize("content,expected", [
    ("company: [unclosed", "not valid YAML"),
    ("- just\n- a list\n", "expected a mapping"),
])
def test_unreadable_questionnaires(tmp_path, content, expected):
    path = tmp_path / "intake.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IpmsError, match=expected):
        load_intake(path)


# -- templates ----------------------------------------------------------------------------------
def test_every_template_variable_exists_in_the_intake_schema(templates):
    allowed = _schema_paths(Intake)
    codes = {p.code for p in templates.procedures} | {f.code for f in templates.forms} | {"M01"}
    unknown = []
    for where, text in template_strings(templates):
        for path in variable_paths(text):
            root, _, rest = path.partition(".")
            if root == "dept" and rest in FUNCTIONS or root == "docno" and rest in codes:
                continue
            if rest in DERIVED.get(root, ()):  # kind.software, held.patents … (company_kind)
                continue
            if root == "approval" and rest in {f"{k}.{r}" for k in ("manual", "procedure", "form")
                                               for r in ("drafted_by", "reviewed_by",
                                                         "approved_by")}:
                continue  # generators.authority
            if path == "duties":  # [{name, duties}] per department: generators.roles
                continue
            if path == "chapter":  # a bundle's chapter ('2.') before a step number: documents
                continue
            if path in ("owners.objectives", "owners.all"):  # generators.objective_owners
                continue
            if path == "own_sites":  # the company's own sites: generators.company_sites
                continue
            if root == "stage" and rest in {n for phrases in
                                            templates.enterprise_stages["phrases"].values()
                                            for n in phrases}:  # enterprise_stages' phrases
                continue
            if root == "role" and rest in process_names(templates):  # generators.roles
                continue
            if root == "lead" and rest in {a.id for a in templates.additions}:  # Addition.lead_for
                continue
            if path in allowed or any(path.startswith(a + ".") and a in allowed
                                      for a in allowed if "." not in path[len(a) + 1:]):
                continue
            unknown.append(f"{where}: {path}")
    assert unknown == []


def test_the_variable_finder_sees_nested_paths():
    assert variable_paths("{{ company.name }} {{ dept.rd }}{% if business.export_markets %}x"
                          "{% endif %}{% for p in company.products %}{{ p }}{% endfor %}") == {
        "company.name", "dept.rd", "business.export_markets", "company.products"}


def test_catalogue_and_templates_agree(templates, corpus):
    procedures = {p.code for p in templates.procedures}
    assert len(procedures) >= 18 and len(templates.forms) >= 45
    bj = corpus.documents["bj-ipm"]
    for form in templates.forms:  # a bj-ipm clause, or (forms for one standard) its clauses
        assert form.procedure in procedures and (form.clause in bj.clauses or form.serves)
        assert form.code in templates.procedures[[p.code for p in templates.procedures]
                                                 .index(form.procedure)].content["records"]
    required = {c.key for c in requirement_clauses(bj)}
    for language in ("zh", "en"):
        assert required <= set(templates.manual(language)["clauses"]), language
    assert required <= set(templates.responsibilities)


# -- the package --------------------------------------------------------------------------------
def test_package_contents(package_zh, corpus):
    files = package_zh.files
    names = [f.relative_to(package_zh.out_dir).as_posix() for f in files]
    assert sum(n.startswith("01-manual/") for n in names) == 1
    assert sum(n.startswith("02-procedures/") for n in names) >= 18
    assert sum(n.startswith("03-forms/") for n in names) >= 45
    for name in ("traceability.docx", "traceability.csv", "coverage.md"):
        assert (package_zh.out_dir / name).is_file()
    assert all(f.is_file() and f.stat().st_size > 0 for f in files)


def test_no_placeholder_survives_in_any_file(package_zh):
    for path in package_zh.files:
        text = docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8-sig")
        for marker in FORBIDDEN:
            assert marker not in text, (path.name, marker)


def test_company_facts_appear_where_they_belong(package_zh):
    intake = package_zh.plan.intake
    manual = docx_text(next(f for f in package_zh.files if "01-manual" in f.parts))
    for fact in (intake.company.name, intake.people.top_manager.name,
                 intake.people.ip_representative.name, intake.policy.statement,
                 intake.documents.version, intake.document_number("M", 1)):
        assert fact in manual, fact
    for department in intake.org.departments:
        assert department.name in manual


def test_every_requirement_clause_is_addressed_excluded_or_a_gap(corpus, templates):
    # drafted to bj-ipm explicitly: the default standard is now GB/T 29490-2023
    # (tests/test_draft_standards.py checks the others)
    plan = draft_package(load_intake(EXAMPLE["zh"]), corpus, None, "zh", "bj-ipm",
                         templates=templates).plan
    required = {c.key for c in requirement_clauses(corpus.documents["bj-ipm"])}
    statuses = {c.key: c for c in plan.clauses}
    assert set(statuses) == required
    for status in statuses.values():
        if status.status == "addressed":
            assert status.manual or status.procedures or status.forms
        if status.status == "excluded":
            assert status.reason


def test_no_export_business_excludes_the_foreign_trade_procedure(tmp_path, corpus, templates):
    data = yaml.safe_load(EXAMPLE["zh"].read_text(encoding="utf-8"))
    data["business"]["export_markets"] = []
    data["ip"]["patents"]["foreign"] = 0
    path = tmp_path / "intake.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = draft_package(load_intake(path), corpus, None, "zh", "bj-ipm", templates=templates)
    excluded = {p.code: reason for p, reason in result.plan.excluded}
    assert "P17" in excluded and "出口" in excluded["P17"]
    statuses = {c.key: c for c in result.plan.clauses}
    assert statuses["10.1.2.2"].status == "excluded" and "出口" in statuses["10.1.2.2"].reason
    with_exports = draft_package(load_intake(EXAMPLE["zh"]), corpus, None, "zh", "bj-ipm",
                                 templates=templates)
    assert "P17" in {p.code for p in with_exports.plan.procedures}


def test_existing_output_is_kept_without_force(package_zh, corpus, templates):
    before = sorted(p.name for p in package_zh.out_dir.rglob("*"))
    with pytest.raises(IpmsError, match="--force"):
        draft_package(load_intake(EXAMPLE["zh"]), corpus, package_zh.out_dir, "zh",
                      templates=templates)
    assert sorted(p.name for p in package_zh.out_dir.rglob("*")) == before


def test_a_failure_leaves_no_partial_package(tmp_path, corpus, templates, monkeypatch):
    import generators.package as package

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(package, "build_form", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        draft_package(load_intake(EXAMPLE["zh"]), corpus, out, "zh", templates=templates)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no staging folder left behind


def test_english_package(tmp_path, corpus, templates):
    result = draft_package(load_intake(EXAMPLE["en"]), corpus, tmp_path / "en", "en",
                           templates=templates)
    manual = docx_text(result.files[0])
    assert "Zhiheng" in manual and "Clause traceability" not in manual
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in
                   docx_text(next(f for f in result.files if "02-procedures" in f.parts)))


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_documents_convert_to_pdf(package_zh, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    sample = [package_zh.files[0],
              next(f for f in package_zh.files if "02-procedures" in f.parts),
              next(f for f in package_zh.files if "03-forms" in f.parts)]
    done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                           *map(str, sample)], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    pdfs = list(tmp_path.glob("*.pdf"))
    assert len(pdfs) == 3 and all(p.stat().st_size > 1000 for p in pdfs)


def test_a_company_reference_document_supplies_the_letterhead(tmp_path, corpus, templates):
    reference = docx.Document()
    reference.sections[0].header.paragraphs[0].text = "LETTERHEAD OF THE COMPANY"
    reference.add_paragraph("old body text that must not survive")
    reference.save(str(tmp_path / "letterhead.docx"))
    result = draft_package(load_intake(EXAMPLE["en"]), corpus, tmp_path / "pkg", "en",
                           reference=tmp_path / "letterhead.docx", templates=templates)
    manual = docx.Document(str(result.files[0]))
    assert "old body text" not in "\n".join(p.text for p in manual.paragraphs)
    header = [p.text for p in manual.sections[0].header.paragraphs]
    assert header[0] == "LETTERHEAD OF THE COMPANY"
    assert any("Zhiheng" in line for line in header[1:])


def test_cli_intake_and_draft(run_cli, tmp_path):
    rc, out, err = run_cli("intake", "template", "--lang", "en")
    assert rc == 0 and "company:" in out
    intake = tmp_path / "intake.yaml"
    intake.write_text(out.replace("staff: 180", "staff: -5"), encoding="utf-8")
    rc, out, err = run_cli("intake", "check", str(intake))
    assert rc == 2 and err.count("\n") == 1 and "company.staff" in err and "Traceback" not in err
    rc, out, err = run_cli("draft", str(intake), "--out", str(tmp_path / "pkg"))
    assert rc == 2 and not (tmp_path / "pkg").exists()
    intake.write_text(intake.read_text(encoding="utf-8").replace("staff: -5", "staff: 180"),
                      encoding="utf-8")
    rc, out, err = run_cli("draft", str(intake), "--check", "--lang", "en")
    assert rc == 0 and "Coverage report" in out and "Gaps (0)" in out
