"""Drafting to the chosen standard (issue 15): the package for GB/T 29490-2023, GB/T 29490-2013 and
bj-ipm, read back from the files a user gets. Expected clause numbers and titles come from the
profile files (corpus/profiles/*.yaml) and the bj-ipm text, never from the generator."""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from helpers import docx_text
import yaml

from assistant.cli import main
from generators.intake import load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR, TemplateSet

PROFILES = Path(__file__).resolve().parents[1] / "corpus" / "profiles"
EXAMPLE = TEMPLATES_DIR / "intake.zh.yaml"
STANDARDS = ("gbt29490-2023", "gbt29490-2013", "bj-ipm")
INTERNAL_IDS = ("gbt29490-2023", "gbt29490-2013", "bj-ipm", "iso56005")
NUMBER = r"\d{1,2}(?:\.\d{1,2}){0,4}"


def _profile(standard: str) -> dict:
    return yaml.safe_load((PROFILES / f"{standard}.yaml").read_text(encoding="utf-8"))


def _known_numbers(standard: str, corpus) -> set[str]:
    """Every clause number a reader may find for `standard`: the profile's, or the numbers
    printed in the bj-ipm text (annexes as '附录B')."""
    if standard == "bj-ipm":
        return {c.label for c in corpus.documents["bj-ipm"].clauses.values() if c.label}
    numbers = {str(c["number"]) for c in _profile(standard)["clauses"]}
    return numbers | {f"附录{n}" for n in numbers if n.isalpha()}


def _requirements(standard: str, corpus) -> list[str]:
    if standard == "bj-ipm":  # numbered clauses with text from chapter 4 on, as printed
        from generators.plan import requirement_clauses

        return [c.label for c in requirement_clauses(corpus.documents["bj-ipm"])]
    return [str(c["number"]) for c in _profile(standard)["clauses"] if c["kind"] == "requirement"]


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    document = docx.Document(str(path))
    return [(p.style.name, p.text) for p in document.paragraphs]


@pytest.fixture(scope="module")
def packages(tmp_path_factory, corpus):
    templates = TemplateSet()
    intake = load_intake(EXAMPLE)
    root = tmp_path_factory.mktemp("standards")
    return {s: draft_package(intake, corpus, root / s, "zh", s, templates=templates)
            for s in STANDARDS}


def _designation(standard: str) -> str:
    if standard == "bj-ipm":
        return "企业知识产权管理规范"
    return _profile(standard)["designation"]


def _clauses_named(package, standard: str) -> list[tuple[str, str]]:
    """(file, clause number) for every clause the documents name where they name clauses: the
    manual's section headings and clause columns, the procedures' standard row and record table,
    the forms' 'evidences' line, the traceability matrix and inline references '（见7.5）'
    (a procedure's own step numbers 5.1, 5.2 are not clause references)."""
    designation = _designation(standard)
    found = []
    for path in package.files:
        if path.suffix != ".docx":
            continue
        document = docx.Document(str(path))
        manual = "01-manual" in path.parts  # a procedure numbers its own steps 5.1, 5.2 ...
        for p in document.paragraphs:
            if manual and p.style.name in ("Heading 2", "Heading 3") and re.match(NUMBER + " ",
                                                                                  p.text):
                found.append((path.name, p.text.split(" ")[0]))
            if p.text.startswith("编号:") and designation in p.text:
                evidenced = p.text.split(designation, 1)[1]
                found += [(path.name, m) for m in
                          re.findall(rf"(?:^|、)\s*(附录[A-Z]|{NUMBER})\s", evidenced)]
            for inner in re.findall(rf"（(?:见|本标准|组织形式见)?((?:{NUMBER})(?:、{NUMBER})*)）",
                                    p.text):
                found += [(path.name, n) for n in inner.split("、") if "." in n]
        for table in document.tables:
            header = [c.text for c in table.rows[0].cells]
            for column in ("条款", "对应条款"):
                if column in header:
                    i = header.index(column)
                    for row in table.rows[1:]:  # a number two clauses share carries its
                        # title: '6.2.3（保密管理制度）' (tests/test_bj_edition.py)
                        found += [(path.name, re.sub(r"（[^）]*）$", "", n.strip()))
                                  for n in row.cells[i].text.split(",") if n.strip()]
            for row in table.rows[1:]:
                cells = [c.text for c in row.cells]
                if cells[0] == designation or cells[0].startswith("《"):
                    found += [(path.name, n) for n in re.findall(rf"(?<![\d.]){NUMBER}(?![\d.])",
                                                                 cells[1].split(" ", 1)[1])]
    return found


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_clause_named_exists_in_that_standard(packages, corpus, standard):
    named = _clauses_named(packages[standard], standard)
    assert len({n for _, n in named}) >= 20  # the extraction found the references
    known = _known_numbers(standard, corpus)
    assert [(f, n) for f, n in named if n not in known] == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_requirement_clause_is_addressed_excluded_or_a_gap(packages, corpus, standard):
    package = packages[standard]
    report = (package.out_dir / "coverage.md").read_text(encoding="utf-8")
    listed = re.findall(rf"^- ({NUMBER}) ", report, flags=re.M)
    assert sorted(listed) == sorted(_requirements(standard, corpus))
    rows = list(docx.Document(str(package.out_dir / "traceability.docx")).tables[0].rows)[1:]
    assert sorted(r.cells[0].text for r in rows) == sorted(_requirements(standard, corpus))
    assert {r.cells[5].text for r in rows} <= {"已覆盖", "删减", "缺口"}


def test_2023_manual_follows_the_2023_structure(packages):
    manual = packages["gbt29490-2023"].files[0]
    chapters = [t for style, t in _paragraphs(manual) if style == "Heading 1" and t.startswith("第")]
    expected = [f"第{c['number']}章 {c['title']}" for c in _profile("gbt29490-2023")["clauses"]
                if c["level"] == 1 and str(c["number"]).isdigit() and int(c["number"]) >= 4]
    assert chapters == expected
    assert chapters[0] == "第4章 组织环境" and chapters[-1] == "第10章 改进"
    sections = [t for style, t in _paragraphs(manual) if style in ("Heading 2", "Heading 3")
                and re.match(NUMBER + " ", t)]
    for clause in _profile("gbt29490-2023")["clauses"]:
        if clause["kind"] == "requirement":
            assert f"{clause['number']} {clause['title']}" in sections


def test_2023_package_covers_what_2023_adds(packages):
    package = packages["gbt29490-2023"]
    report = (package.out_dir / "coverage.md").read_text(encoding="utf-8")
    assert "缺口 (0)" in report
    manual = _paragraphs(package.files[0])
    headings = [t for style, t in manual if not style.startswith("toc")]  # not the contents
    for clause, topic in (("4.1", "内外部环境分析"), ("4.2", "相关方及其要求"),
                          ("4.5", "知识产权合规义务的识别和更新"), ("5.1.3", "知识产权合规文化"),
                          ("6.2", "知识产权合规风险和机遇的应对"), ("8.4", "知识产权合规管理")):
        start = headings.index(next(t for t in headings if t.startswith(clause + " ")))
        following = headings[start + 1:]
        stop = next((i for i, t in enumerate(following) if re.match(NUMBER + " ", t)), None)
        assert topic in following[:stop], clause
    checklist = next(f for f in package.files if "禁止性行为" in f.name)
    text = docx_text(checklist)
    assert "附录B" in text and "GB/T 29490—2023" in text
    tables = docx.Document(str(checklist)).tables  # the form's header, the checklist, the sign-off
    table = next(t for t in tables if "自查问题" in [c.text for c in t.rows[0].cells])
    header = [c.text for c in table.rows[0].cells]
    assert "证据或说明" in header
    answers = [re.sub(r"[☐\s]", "", row.cells[header.index("回答")].text) for row in table.rows[1:]]
    assert set(answers) == {"是否不适用"}  # the three answers in every row (as tick boxes)
    assert "知识产权部复核" in text  # the IP department (知识产权部 in the intake) checks the answers (sign-off row)
    categories = {row.cells[1].text for row in table.rows[1:]}
    assert categories == {"专利", "商标", "著作权", "商业秘密"}
    assert not any(f for f in packages["gbt29490-2013"].files if "禁止性行为" in f.name)


@pytest.mark.parametrize("standard", STANDARDS)
def test_documents_name_the_standard_by_its_designation(packages, standard):
    designation = _designation(standard)
    package = packages[standard]
    for path in package.files:
        text = docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8-sig")
        for internal in INTERNAL_IDS:
            assert internal not in text, (path.name, internal)
        # never as a growth stage the standards do not use (issue 17); the Beijing standard's
        # enterprise types (初创类、试点类、示范类) only in its own packages: GB/T 29490 has none
        assert not re.search("初创期|成长期|成熟期", text), path.name
        if standard != "bj-ipm":
            assert not re.search("初创类|试点类|示范类", text), path.name
    if standard == "bj-ipm":  # the example is a 试点类 company (stage: pilot)
        assert "试点类企业" in docx_text(package.files[0])
    manual = docx.Document(str(package.files[0]))
    assert designation in "\n".join(p.text for p in manual.paragraphs[:4])  # the cover
    assert designation in manual.sections[0].header.paragraphs[0].text
    assert designation in docx_text(package.out_dir / "traceability.docx")
    assert designation in (package.out_dir / "coverage.md").read_text(encoding="utf-8")


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_unknown_standard_is_refused_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "pkg"
    code, _, err = _cli(capsys, "draft", str(EXAMPLE), "--out", str(out), "--standard", "gbt9999")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "gbt9999" in err and all(s in err for s in STANDARDS)
    intake = tmp_path / "intake.yaml"
    intake.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "standard: gbt29490-2023", "standard: gbt29490-2019"), encoding="utf-8")
    code, _, err = _cli(capsys, "draft", str(intake), "--out", str(out))
    assert code == 2 and err.count("\n") == 1 and "standard" in err
    assert all(s in err for s in STANDARDS)
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["intake.yaml"]


def test_the_command_line_standard_overrides_the_intake(tmp_path, capsys):
    intake = tmp_path / "intake.yaml"
    intake.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "standard: gbt29490-2023", "standard: bj-ipm"), encoding="utf-8")
    code, out, err = _cli(capsys, "draft", str(intake), "--check")
    assert code == 0, err
    assert "企业知识产权管理规范" in out and "GB/T 29490" not in out
    code, out, err = _cli(capsys, "draft", str(intake), "--check", "--standard", "gbt29490-2013")
    assert code == 0, err
    assert "标准: GB/T 29490—2013" in out
    assert re.search(r"^- 8\.4 生产", out, flags=re.M)  # a 2013 clause, absent from bj-ipm


def test_every_document_of_the_package_is_a4(packages):
    """Chinese companies file on A4 (21.0 × 29.7 cm, GB/T 148); python-docx's blank template is
    US Letter. Landscape forms are A4 turned."""
    for standard, result in packages.items():
        documents = [p for p in result.files if p.suffix == ".docx"]
        assert len(documents) > 20  # manual, procedures and forms
        for path in documents:
            for section in docx.Document(str(path)).sections:
                size = sorted((round(section.page_width.cm, 1), round(section.page_height.cm, 1)))
                assert size == [21.0, 29.7], (standard, path.name, size)


@pytest.mark.parametrize("given, standard", [
    ("GB/T 29490-2023", "gbt29490-2023"), ("GB/T29490—2013", "gbt29490-2013"),
    ("2013", "gbt29490-2013"), ("bj-ipm", "bj-ipm"),
])
def test_the_standard_may_be_given_by_its_designation(given, standard):
    from generators.target import check_standard

    assert check_standard(given) == standard


def test_a_standard_that_cannot_be_drafted_to_is_refused():
    from assistant.errors import IpmsError
    from generators.target import check_standard

    for given in ("ISO 56005", "GB/T 19001", "gbt29490-2016"):
        with pytest.raises(IpmsError, match="unknown standard"):
            check_standard(given)
