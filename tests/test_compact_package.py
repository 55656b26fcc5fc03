"""A compact package for a small company (issue 17, part xref33).

A consultant issues a start-up 10–12 procedure documents, not 25 or more: templates/bundles.yaml
groups the procedures, each issued document holds its members as chapters keeping their purpose,
scope and steps, every clause of the standard is still traced to them, and the texts' cross-
references name the issued documents. Switched by the intake's `package.compact`; not given, a
small company (a start-up or at most 50 staff: generators.cadence.is_small) gets it when
bundles.yaml's `small_default` is true (it is: part cp34);
a large company's package is unchanged.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import docx_text, intake_variant, planned
from generators.bundles import is_compact
from generators.intake import load_intake
from generators.package import draft_package
from generators.package_reader import read_package
from generators.templates_io import TEMPLATES_DIR

INTAKES = Path(__file__).parent / "data" / "intakes"
EXAMPLES = TEMPLATES_DIR / "examples"
AI = {lang: INTAKES / f"ai-startup.{lang}.yaml" for lang in ("zh", "en")}
MAKER = EXAMPLES / "manufacturer.zh.yaml"
MOST_ISSUED = 12  # the consultant's 10–12 procedure documents for a small company
# the seven sections every procedure has (documents.WORDS), kept by each chapter of a bundle
SECTIONS = {"zh": ["目的", "适用范围", "术语和定义", "职责", "工作程序", "相关文件", "记录"],
            "en": ["Purpose", "Scope", "Terms and definitions", "Responsibilities", "Procedure",
                   "Related documents", "Records"]}


def _compact(path: Path, tmp_path: Path, on: bool) -> Path:
    """The intake at `path` with package.compact set to `on`."""
    return intake_variant(path, tmp_path, lambda d: d.setdefault("package", {}).update(compact=on))


@pytest.fixture(scope="module", params=["zh", "en"])
def drafted(request, tmp_path_factory, corpus, templates):
    """The AI start-up's package drafted compact (package.compact: true)."""
    language = request.param
    folder = tmp_path_factory.mktemp(f"compact-{language}")
    intake = load_intake(_compact(AI[language], folder, True))
    result = draft_package(intake, corpus, folder / "pkg", language, templates=templates)
    return language, result, folder / "pkg"


def test_a_small_company_issues_at_most_twelve_procedure_documents(drafted):
    _, result, folder = drafted
    issued = sorted((folder / "02-procedures").glob("*.docx"))
    assert 0 < len(issued) <= MOST_ISSUED, [p.name for p in issued]
    assert len(result.plan.procedures) > MOST_ISSUED  # its procedures are all still drafted


def test_the_package_lint_finds_nothing(drafted):
    _, result, _ = drafted
    assert [f"{f.kind} {f.document} {f.where}: {f.message}" for f in result.findings] == []


def test_every_clause_is_still_traced_to_its_procedure(drafted, tmp_path, corpus, templates):
    language, result, folder = drafted
    separate = planned(load_intake(_compact(AI[language], tmp_path, False)), templates, corpus,
                       language)
    assert {c.key: (c.status, c.procedures) for c in result.plan.clauses} == \
           {c.key: (c.status, c.procedures) for c in separate.clauses}
    assert not [c.key for c in result.plan.clauses if c.status == "gap"]
    # the matrix names, for each clause a bundled procedure serves, the bundle and the chapter
    matrix = docx_text(folder / "traceability.docx")
    numbers = _issued_numbers(folder)
    chapter = "第" if language == "zh" else " ch. "
    for clause in result.plan.clauses:
        for code in clause.procedures:
            document = result.plan.issued_for(code)
            assert document is not None and result.plan.context["docno"][code].replace(
                "\u2060", "") in numbers
            if document.bundled:
                assert f"{numbers[document.title]}{chapter}{document.chapter(code)}" in matrix


def _issued_numbers(folder: Path) -> dict[str, str]:
    """{title: number} of the procedure documents in the package, read from their file names."""
    out = {}
    for path in (folder / "02-procedures").glob("*.docx"):
        number, title = path.stem.split(" ", 1)
        out[title] = number
        out[number] = title
    return out


def test_each_chapter_keeps_its_procedure_sections(drafted):
    language, result, folder = drafted
    bundled = [d for d in result.plan.issued if d.bundled]
    assert bundled
    for document in bundled:
        path = next((folder / "02-procedures").glob(f"* {document.title}.docx"))
        text = docx_text(path)
        for n, member in enumerate(document.members, start=1):
            assert member.title[language] in text
            for section in SECTIONS[language]:
                assert re.search(rf"^{n}\.\d {re.escape(section)}$", text, re.M), (n, section)


def test_every_cross_reference_names_an_issued_document(drafted):
    """Each procedure number a text cites is an issued document's, and the title written before
    it (《title》（number） / 'the title (number)') is that document's title."""
    language, _, folder = drafted
    numbers = _issued_numbers(folder)
    # as a reader reads them: R-01's rows of numbers left free (a bundled procedure's own
    # number, 编号空缺) cite no document
    text = "\n".join(line for d in read_package(folder)
                     for line in (d.header, *(t for _w, t in d.texts(unused_rows=False))))
    cited = set(re.findall(r"[A-Z]+-IPM-P-\d\d", text))
    assert cited and cited <= set(numbers), cited - set(numbers)
    wrong = []
    for number in cited:
        if language == "zh":
            wrong += [m.group(0) for m in re.finditer(r"《([^》]+)》（" + number, text)
                      if m.group(1) != numbers[number]]
        else:
            wrong += [m.group(0)[-100:] for m in re.finditer(
                r"([^()\n;:]*procedure[^()\n;:]*) \(" + number, text)
                if not m.group(1).endswith(numbers[number])]
    assert not wrong


def test_the_document_register_lists_the_issued_documents(drafted):
    language, result, folder = drafted
    cells = set(docx_text(next((folder / "03-forms").glob("*-R-01 *.docx"))).splitlines())
    for document in result.plan.issued:
        assert document.title in cells
    hidden = [m.title[language] for d in result.plan.issued if d.bundled for m in d.members[1:]
              if m.title[language] not in {x.title for x in result.plan.issued}]
    assert hidden and not [t for t in hidden if t in cells]


def test_compact_can_be_switched_off_for_a_small_company(tmp_path, corpus, templates):
    plan = planned(load_intake(_compact(AI["zh"], tmp_path, False)), templates, corpus, "zh")
    assert len(plan.issued) == len(plan.procedures)
    assert not any(d.bundled for d in plan.issued)


@pytest.mark.parametrize("small_default, intake, compact", [
    (True, AI["zh"], True), (True, MAKER, False), (False, AI["zh"], False)])
def test_not_given_it_follows_the_small_company_rule(tmp_path, small_default, intake, compact):
    bundles = tmp_path / "bundles.yaml"
    raw = yaml.safe_load((TEMPLATES_DIR / "bundles.yaml").read_text(encoding="utf-8"))
    bundles.write_text(yaml.safe_dump({**raw, "small_default": small_default}), encoding="utf-8")
    assert is_compact(load_intake(intake), bundles) is compact
    assert is_compact(load_intake(_compact(intake, tmp_path, not compact)), bundles) is not compact


def test_a_large_company_issues_one_document_per_procedure(tmp_path, corpus, templates):
    plan = planned(load_intake(MAKER), templates, corpus, "zh")
    assert [d.code for d in plan.issued] == [p.code for p in plan.procedures]
    switched = planned(load_intake(_compact(MAKER, tmp_path, True)), templates, corpus, "zh")
    assert len(switched.issued) <= MOST_ISSUED


def test_the_bundles_place_each_procedure_once():
    bundles = yaml.safe_load((TEMPLATES_DIR / "bundles.yaml").read_text(encoding="utf-8"))
    catalogue = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
    members = [m for b in bundles["bundles"] for m in b["members"]]
    assert len(members) == len(set(members))
    assert set(members) <= {p["code"] for p in catalogue["procedures"]}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_intake_templates_document_the_switch(language):
    text = (TEMPLATES_DIR / f"intake.{language}.yaml").read_text(encoding="utf-8")
    assert "package: {compact: true}" in text
