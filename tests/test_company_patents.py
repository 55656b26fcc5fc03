"""The patent apparatus follows the company's patents, and every record has one keeper (issue 17).

Five companies are drafted in-process, once each per language: the three shipped examples and two
test fixtures (tests/data/intakes): a goods-trading company (no R&D staff, no R&D of its own, no
patents, trademarks only, imports and exports goods) and a small R&D-services company (a lab,
patents, laboratory notebooks). Expected facts come from the intakes as a reader sees them and from
the issue's findings, never from the generator:

- a company that holds no patents and plans none gets no patent filing procedure and no invention
  disclosure, filing approval or quality assessment form; one with no R&D of its own gets no patent
  search procedure and no R&D record form either; the numbers are listed as unused in coverage.md
  with the fact that decided them, and nothing in the package refers to them;
- a company with R&D but no patent plans still has a route for deciding how a result is protected;
- bj-ipm's clauses on filing strategy and filing quality are excluded for it with the reason;
- the R&D record is kept by the one department the record list names, in every text;
- every package reads back with 0 lint findings (leftover markers included).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import docx_text, procedure_documents
from generators.intake import load_intake
from generators.lint import lint_package
from generators.package import draft_package
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR, template_strings
from test_lint import make_package

FIXTURES = Path(__file__).parent / "data" / "intakes"
INTAKES = {"saas": TEMPLATES_DIR / "examples" / "saas.zh.yaml",
           "manufacturer": TEMPLATES_DIR / "examples" / "manufacturer.zh.yaml",
           "life-sciences": TEMPLATES_DIR / "examples" / "life-sciences.zh.yaml",
           "trading": FIXTURES / "trading.zh.yaml",
           "rd-services": FIXTURES / "rd-services.zh.yaml"}
NO_PATENTS = ("saas", "trading")  # hold no patents, and no objective names one
WITH_PATENTS = ("manufacturer", "life-sciences", "rd-services")
# the patent filing procedure and its forms (P13: R36 invention disclosure, R37 filing approval,
# R38 quality assessment); the patent search procedure and its forms (P12: R34, R35); R39 R&D record
FILING = {"zh": ["专利申请与质量控制程序", "技术交底书", "专利申请审批表", "专利申请质量评估表"],
          "en": ["Patent filing strategy and quality control procedure", "Invention disclosure",
                 "Patent filing approval", "Patent application quality assessment"]}
SEARCH = {"zh": ["专利检索与布局控制程序", "专利检索申请单", "专利检索报告"],
          "en": ["Patent search and portfolio planning procedure", "Patent search request",
                 "Patent search report"]}
# P12's title for a company that holds and plans no patents (issue 17: no layout in its title)
SEARCH_WITHOUT_PATENTS = {"zh": "专利检索与风险排查控制程序",
                          "en": "Patent search and risk screening procedure"}
RD_RECORD = {"zh": "研发记录", "en": "R&D record"}
REGISTERS = {"zh": ("受控文件清单", "记录清单"), "en": ("Controlled document list", "Records list")}
LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|bj-ipm|(?<![A-Za-z])(?:TODO|XXX|TBD)(?![A-Za-z])"
                      r"|\d+(?:\.\d+)+#\d+")


def _raw(name: str) -> dict:
    return yaml.safe_load(INTAKES[name].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def packages(tmp_path_factory, corpus, templates):
    """{(company, language): (result, {file stem: text}, coverage.md)}: each drafted once."""
    out = {}
    for name, path in INTAKES.items():
        for language in ("zh", "en"):
            folder = tmp_path_factory.mktemp(f"{name}-{language}") / "pkg"
            result = draft_package(load_intake(path), corpus, folder, language,
                                   templates=templates)
            texts = {p.stem: docx_text(p) for p in folder.rglob("*.docx")}
            # each procedure by its own title, also where a small company's bundle holds it
            texts.update(procedure_documents(folder))
            out[name, language] = (result, texts, (folder / "coverage.md").read_text("utf-8"))
    return out


def _titles(texts: dict[str, str]) -> set[str]:
    """Document titles from the file names ('YZ-IPM-P-13 专利申请与质量控制程序')."""
    return {stem.split(" ", 1)[1] for stem in texts if " " in stem}


def _referred(texts: dict[str, str], titles: list[str], language: str) -> list[str]:
    """The titles a text names as a document (《title》, or 'Title (' before its number), and
    those the controlled-document list and the record list hold in a row."""
    registers = REGISTERS[language]
    found = []
    for stem, text in texts.items():
        register = stem.split(" ", 1)[-1] in registers
        for title in titles:
            named = f"《{title}》" if language == "zh" else f"{title} ("
            if named in text or register and f"\n{title}\n" in text:
                found.append(f"{stem}: {title}")
    return found


def _document(texts: dict[str, str], title: str) -> str:
    return next(t for stem, t in texts.items() if stem.split(" ", 1)[-1] == title)


COMPANIES = [(n, lang) for n in INTAKES for lang in ("zh", "en")]


@pytest.mark.parametrize("name, language", COMPANIES)
def test_each_company_reads_back_clean(packages, name, language):
    result, texts, coverage = packages[name, language]
    assert result.findings == []
    assert ("## 文件包检查 (0)" if language == "zh" else "## Package lint (0)") in coverage
    leftovers = {stem: LEFTOVER.findall(text) for stem, text in texts.items()
                 if LEFTOVER.search(text)}
    assert leftovers == {}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_patent_filing_documents_without_patents(packages, language):
    for name in NO_PATENTS:
        result, texts, coverage = packages[name, language]
        titles = _titles(texts)
        assert not titles & set(FILING[language]), name
        # the numbers are listed as unused, with the fact: no patents held or planned
        unused = coverage[coverage.index("## 未使用的编号" if language == "zh"
                                         else "## Numbers not used"):]
        for code in ("P13", "R36", "R37", "R38"):
            line = next(x for x in unused.splitlines() if result.plan.context["docno"][code] in x)
            assert ("专利" if language == "zh" else "patent") in line
        # nothing refers to them: manual, procedures, controlled-document and record lists
        assert _referred(texts, FILING[language], language) == [], name
    for name in WITH_PATENTS:
        assert set(FILING[language]) <= _titles(packages[name, language][1]), name


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_company_without_rd_gets_no_patent_search_or_rd_record(packages, language):
    raw = _raw("trading")
    assert raw["company"]["rd_staff"] == 0 and raw["rd"]["modes"] == []
    _, texts, _ = packages["trading", language]
    titles = _titles(texts)
    search = SEARCH[language] + [SEARCH_WITHOUT_PATENTS[language]]
    assert not titles & set(search) and RD_RECORD[language] not in titles
    assert _referred(texts, search + FILING[language] + [RD_RECORD[language]], language) == []
    # the companies with R&D keep the search procedure (titled without layout when they hold and
    # plan no patents) and the R&D record
    for name in ("saas", "rd-services"):
        titles = _titles(packages[name, language][1])
        title = SEARCH_WITHOUT_PATENTS[language] if name in NO_PATENTS else SEARCH[language][0]
        assert {title, *SEARCH[language][1:]} <= titles and RD_RECORD[language] in titles, name


def test_rd_without_patent_plans_still_decides_how_a_result_is_protected(packages):
    _, texts, _ = packages["saas", "zh"]
    p14 = _document(texts, "知识产权取得控制程序")
    assert "保护方式" in p14 and "软件著作权" in p14 and "技术秘密" in p14
    _, texts, _ = packages["saas", "en"]
    p14 = _document(texts, _catalogue_title("P14", "en"))
    assert "how the result is protected" in p14 and "software" in p14 and "secret" in p14


def _catalogue_title(code: str, language: str) -> str:
    """A procedure's title as catalogue.yaml gives it (what the package prints)."""
    import yaml

    from generators.templates_io import TEMPLATES_DIR

    catalogue = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
    return next(p["title"][language] for p in catalogue["procedures"] if p["code"] == code)


def _rd_department(name: str) -> str:
    return next(d["name"] for d in _raw(name)["org"]["departments"] if "rd" in d["functions"])


@pytest.mark.parametrize("name", ["saas", "rd-services"])
def test_the_rd_record_has_one_keeper(packages, name):
    from docx import Document

    result, texts, _ = packages[name, "zh"]
    rd = _rd_department(name)
    folder = result.out_dir
    records = next(folder.rglob("*记录清单.docx"))
    table = next(t for t in Document(str(records)).tables
                 if "保管部门" in [c.text for c in t.rows[0].cells])
    header = [c.text for c in table.rows[0].cells]
    row = next(r for r in table.rows[1:] if r.cells[header.index("记录名称")].text == "研发记录")
    assert row.cells[header.index("保管部门")].text == rd
    p14 = _document(texts, "知识产权取得控制程序")
    assert re.search(f"研发记录(?:由|交){rd}归档", p14)
    assert f"交{rd}归档" in _document(texts, "研发记录")
    ip = next(d["name"] for d in _raw(name)["org"]["departments"] if "ip" in d["functions"])
    assert f"研发记录交{ip}归档" not in p14 and f"研发记录由{ip}归档" not in p14


# -- the certified standard's clauses -----------------------------------------------------------
def _plan(name, standard, templates, corpus, language="zh"):
    return plan_package(load_intake(INTAKES[name]), templates,
                        load_target(standard, corpus.get(BJ), templates.directory), language)


def test_bj_ipm_excludes_the_patent_filing_clauses_for_a_company_without_patents(
        templates, corpus, tmp_path):
    from generators.documents import build_manual

    plan = _plan("saas", "bj-ipm", templates, corpus)
    status = {c.key: c for c in plan.clauses}
    # 9.2.2 申请策略 and 9.2.3 质量控制 concern patent filings only: excluded with the reason
    for key in ("9.2.2", "9.2.3"):
        assert status[key].status == "excluded" and "专利" in status[key].reason
    assert status["9.1.1"].status == "addressed"  # searches before R&D stay (own R&D)
    assert status["9.3.1"].status == "addressed" and "P14" in status["9.3.1"].procedures
    path = tmp_path / "manual.docx"
    build_manual(plan, templates, path)
    manual = docx_text(path)
    # the scope section lists the exclusion with the clauses (and the chapter says so)
    excluded = [line for line in manual.splitlines() if line.startswith("删减：")]
    assert any("9.2.2" in line and "专利" in line for line in excluded)
    # P-13 is named only as the procedure drawn up when patents are planned (the statement of
    # exclusions), never as one in force; its form R-35 not at all
    named = [m.start() for m in re.finditer("《专利申请与质量控制程序》", manual)]
    assert all(manual[at - 5:at] == "编制并启用" for at in named)
    assert "《技术交底书》" not in manual
    # the trading company: its searches, layout and R&D strategy clauses go as well
    status = {c.key: c for c in _plan("trading", "bj-ipm", templates, corpus).clauses}
    for key in ("9.1.1", "9.1.2", "9.1.3", "9.2.1", "9.2.2", "9.2.3"):
        assert status[key].status == "excluded", key
    assert status["9.3.1"].status == "addressed"


def test_gbt_clauses_served_by_the_filing_procedure_stay_served(templates, corpus):
    plan = _plan("saas", "gbt29490-2023", templates, corpus)
    assert "P13" not in {p.code for p in plan.procedures}
    assert "P13" not in {p.code for p, _ in plan.excluded}  # not an exclusion: 8.2 is served
    status = {c.key: c for c in plan.clauses}
    assert status["8.2"].status == "addressed" and "P14" in status["8.2"].procedures
    plan = _plan("trading", "gbt29490-2013", templates, corpus)
    status = {c.key: c for c in plan.clauses}
    assert status["7.1"].status == "addressed" and "P14" in status["7.1"].procedures
    excluded = {p.code: plan.procedure_clauses(p) for p, _ in plan.excluded}
    assert excluded.get("P12") == ["8.1"]  # only the clause nothing else serves is excluded


@pytest.mark.parametrize("standard", ["bj-ipm", "gbt29490-2013"])
@pytest.mark.parametrize("name", ["saas", "trading"])
def test_no_text_names_a_document_left_out(templates, corpus, name, standard):
    """Rendered in-process for the standards the drafts above do not cover."""
    for language in ("zh", "en"):
        plan = _plan(name, standard, templates, corpus, language)
        docno = plan.context["docno"]
        inside = {p.code for p in plan.procedures} | {f.code for f in plan.forms}
        outside = [docno[c] for c in docno if c != "M01" and c not in inside]
        codes = {f.code for f in plan.forms} | {p.code for p in plan.procedures}
        found = []
        for where, text in template_strings(templates):
            owner = re.match(r"(?:procedures|forms)/([PR]\d\d)\.", where)
            if owner and owner.group(1) not in codes or f".{language}." not in where \
                    and not where.startswith(f"manual.{language}"):
                continue
            rendered = templates.render(text, plan.context)
            found += [f"{where}: {n}" for n in outside if n in rendered]
        assert found == [], (language, found[:5])


# -- the lint: a record's keeper ----------------------------------------------------------------
RECORDS = ("table", [["序号", "记录编号", "记录名称", "所属程序文件", "保管部门"],
                     ["1", "T-R-39", "研发记录", "T-P-14 知识产权取得控制程序", "研发中心"]])


@pytest.mark.parametrize("text, found", [
    ("项目结题后研发记录交知识产权部归档，按规定保存。", "知识产权部"),
    ("《研发记录》（T-R-39）由知识产权部统一保管。", "知识产权部"),
])
def test_the_lint_finds_a_record_kept_by_another_department(tmp_path, text, found):
    forms = {"T-R-05": ("记录清单", [RECORDS]), "T-R-39": ("研发记录", [("p", "项目结束后交研发中心归档。")])}
    root = make_package(tmp_path, procedure=[("h2", "5.1 研发记录"), ("p", text)], forms=forms)
    findings = [f for f in lint_package(root) if f.kind == "keeper"]
    assert len(findings) == 1 and findings[0].where == "5.1 研发记录"
    assert found in findings[0].message and "研发中心" in findings[0].message
    # the same record kept where the record list says is no finding
    clean = make_package(tmp_path / "clean", forms=forms, procedure=[
        ("p", text.replace(found, "研发中心"))])
    assert [f for f in lint_package(clean) if f.kind == "keeper"] == []


def test_the_lint_finds_a_form_naming_another_keeper_than_the_record_list(tmp_path):
    forms = {"T-R-05": ("记录清单", [RECORDS]),
             "T-R-39": ("研发记录", [("p", "项目结束后交知识产权部归档。")])}
    findings = [f for f in lint_package(make_package(tmp_path, forms=forms))
                if f.kind == "keeper"]
    assert len(findings) == 1 and "T-R-39" in findings[0].document
