"""The fourth tryout, a foreign-invested game studio (issue 17): the company's own processes.

tests/data/intakes/game-studio.*.yaml (the consultant's intake, Chinese twin beside it) found:
1. Two departments holding R&D (Game Development Studio, Art and Audio Centre): the second, which
   makes most of the works, was named in no procedure or form — `dept.rd` named the first only.
   Every department holding a function is named where that function's duty is, as the manual's
   duties name parallel departments together (generators.roles.function_departments).
2. `licensing_out: true` drafted P-29 with franchisees and the Regulations on Commercial
   Franchising: franchising is drafted only when business.franchising says so.
3. R-39 (R&D record, evidence of authorship and inventorship) and R-19 kept 3 years although
   P-02 5.7 keeps records on acquiring or confirming a right at least 5 years after it ends; the
   lint reports a record kept for less than the rule P-02 states for its kind.
4. "Review 100% of user-generated content reports within 48 hours" had no procedure: the lint
   names an objective no procedure handles, and business.user_content drafts notice and
   takedown in P-15 under 信息网络传播权保护条例.
Expected words come from the intake (department names, objectives), P-02 5.7's rule and the
consultant's findings (特许, franchis, 信息网络传播权保护条例).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generators.intake import load_intake, parse_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR
from tests.helpers import docx_text, procedure_document

INTAKES = Path(__file__).parent / "data" / "intakes"
STUDIO = {"zh": ("游戏研发中心", "美术与音频中心"),
          "en": ("Game Development Studio", "Art and Audio Centre")}


@pytest.fixture(scope="module")
def studio(corpus, templates, tmp_path_factory):
    """{language: (drafted folder, draft result)} of the game studio's intakes."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"studio-{language}") / "pkg"
        result = draft_package(load_intake(INTAKES / f"game-studio.{language}.yaml"), corpus,
                               folder, language, templates=templates)
        out[language] = (folder, result)
    return out


def _texts(folder: Path, part: str) -> dict[str, str]:
    """{file name: its text} of the drafted documents in `part` (02-procedures, 03-forms)."""
    return {p.name: docx_text(p) for p in sorted((folder / part).glob("*.docx"))}


# -- 1. every department holding a function is named where its duty is -------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_second_rd_department_is_named_wherever_the_first_is(studio, language):
    folder, _ = studio[language]
    first, second = STUDIO[language]
    for part in ("02-procedures", "03-forms"):
        texts = _texts(folder, part)
        named = [name for name, text in texts.items() if first in text]
        assert named, part
        assert [name for name in named if second not in texts[name]] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_any_company_with_two_rd_departments_names_both(language, corpus, templates, tmp_path):
    """The manufacturer example with a second R&D department: both keep the R&D records (P-14)
    and both are in the records list as the R&D record's keepers."""
    path = TEMPLATES_DIR / "examples" / f"manufacturer.{language}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    second = "软件研究所" if language == "zh" else "Software Institute"
    data["org"]["departments"].append({"key": "sw", "name": second, "head": "Li Ming",
                                       "functions": ["rd"], "ip_liaison": "Li Ming"})
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), path.name)
    draft_package(intake, corpus, tmp_path / "pkg", language, templates=templates)
    procedures = _texts(tmp_path / "pkg", "02-procedures")
    p14 = next(t for n, t in procedures.items() if "-P-14" in n)
    assert second in p14 and ("研发中心" if language == "zh" else "R&D Centre") in p14
    forms = _texts(tmp_path / "pkg", "03-forms")
    assert second in next(t for n, t in forms.items() if "-R-05" in n)  # the records list


# -- 2. licensing out is franchising only when the intake says the company franchises ---------
FRANCHISE = {"zh": ("特许", "加盟"), "en": ("franchis", "Commercial Franchising")}


def _p29(folder: Path) -> str:
    """P-29's text, issued on its own or as a chapter of a small company's bundle."""
    return procedure_document(folder, "P-29")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_licensing_out_without_franchising_has_no_franchise_text(studio, language):
    folder, _ = studio[language]
    p29 = _p29(folder)
    assert ("许可合同" if language == "zh" else "licence") in p29  # its licensing is drafted
    for word in FRANCHISE[language]:
        assert word not in p29
    forms = _texts(folder, "03-forms")
    assert not [n for n, t in forms.items() if any(w in t for w in FRANCHISE[language])]


def test_a_franchise_is_drafted_only_for_a_company_that_franchises(corpus, templates, tmp_path):
    """The food maker licenses its marks to franchisees (franchising: true, as its dispute with
    a 加盟店 shows); the same company licensing its marks without franchising gets no franchise
    text, and franchising alone implies licensing out."""
    food = INTAKES / "food.zh.yaml"
    data = yaml.safe_load(food.read_text("utf-8"))
    assert data["business"]["franchising"] is True
    draft_package(load_intake(food), corpus, tmp_path / "franchise", "zh", templates=templates)
    assert "《商业特许经营管理条例》" in _p29(tmp_path / "franchise")
    data["business"]["franchising"] = False
    licensor = parse_intake(yaml.safe_dump(data, allow_unicode=True), food.name)
    draft_package(licensor, corpus, tmp_path / "licence", "zh", templates=templates)
    assert "特许" not in _p29(tmp_path / "licence") and "商标许可合同" in _p29(tmp_path / "licence")
    data["business"].update(franchising=True, licensing_out=False)
    assert parse_intake(yaml.safe_dump(data, allow_unicode=True), food.name).business.licensing_out


# -- 3. records that evidence a right are kept as P-02 5.7 says ----------------------------------
# P-02 5.7: records on acquiring or confirming a right are kept at least 5 years after it ends
AFTER_RIGHT = {"zh": "权利终止后", "en": "after the right ends"}
EVIDENCE = {"zh": ("研发记录", "入职知识产权声明书"), "en": ("R&D record", "IP declaration on joining")}


def _record_rows(folder: Path, language: str) -> dict[str, str]:
    """{record name: retention period} of the drafted record list (R-05)."""
    import docx

    path = next((folder / "03-forms").glob("*-R-05 *.docx"))
    name, period = ("记录名称", "保管期限") if language == "zh" else ("Record name",
                                                                  "Retention period")
    for table in docx.Document(str(path)).tables:
        header = [c.text for c in table.rows[0].cells]
        if name in header and period in header:
            i, j = header.index(name), header.index(period)
            return {r.cells[i].text: r.cells[j].text for r in table.rows[1:]}
    raise AssertionError("no record list table")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_records_evidencing_rights_follow_p02s_rule(studio, language):
    folder, result = studio[language]
    rows = _record_rows(folder, language)
    for record in EVIDENCE[language]:
        assert AFTER_RIGHT[language] in rows[record], (record, rows[record])
    assert [f for f in result.findings if f.kind == "retention"] == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_lint_reports_a_record_kept_less_than_p02s_rule(language, corpus, templates, tmp_path):
    """An intake keeping R&D records 2 years: P-02 still states the rule for records that
    evidence rights, and the lint names the R&D record as kept for less."""
    path = TEMPLATES_DIR / "examples" / f"manufacturer.{language}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["documents"]["retention_years"] = {("研发记录" if language == "zh" else "R&D records"): 2}
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), path.name)
    result = draft_package(intake, corpus, tmp_path / "pkg", language, templates=templates)
    short = [f for f in result.findings if f.kind == "retention"]
    assert [f.where for f in short] == [EVIDENCE[language][0]]
    assert "5" in short[0].message


# -- 4. an objective needs a process ----------------------------------------------------------
UGC_LAW = {"zh": "信息网络传播权保护条例",
           "en": "Regulations on the Protection of the Right to Network Dissemination of Information"}


def _objective_findings(result) -> list:
    return [f for f in result.findings if f.kind == "objective"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_lint_names_the_objective_no_procedure_handles(studio, language):
    """The studio's intake sets a user-content objective but does not say it hosts user content:
    no procedure handles the reports, and the lint says which objective has no process."""
    folder, result = studio[language]
    data = yaml.safe_load((INTAKES / f"game-studio.{language}.yaml").read_text("utf-8"))
    ugc = next(o for o in data["policy"]["objectives"] if "48" in o)
    found = _objective_findings(result)
    assert len(found) == 1 and ugc in found[0].message
    assert UGC_LAW[language] not in _texts(folder, "02-procedures")[
        next(n for n in _texts(folder, "02-procedures") if "-P-15" in n)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_company_hosting_user_content_gets_notice_and_takedown(language, corpus, templates,
                                                                 tmp_path):
    """business.user_content: P-15 handles right holders' notices on user content under the
    Regulations on the Protection of the Right to Network Dissemination of Information, the
    manual cites them, a register keeps the reports, and the objective has its process."""
    path = INTAKES / f"game-studio.{language}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["business"]["user_content"] = True
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), path.name)
    result = draft_package(intake, corpus, tmp_path / "pkg", language, templates=templates)
    p15 = next(t for n, t in _texts(tmp_path / "pkg", "02-procedures").items() if "-P-15" in n)
    assert UGC_LAW[language] in p15
    assert ("删除或断开链接" if language == "zh" else "disconnected") in p15
    manual = docx_text(next((tmp_path / "pkg" / "01-manual").glob("*.docx")))
    assert UGC_LAW[language] in manual
    assert any("-R-77" in n for n in _texts(tmp_path / "pkg", "03-forms"))
    assert _objective_findings(result) == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_intake_check_asks_for_the_fact_an_objective_needs(language):
    """`ipms intake check`: the user-content objective without business.user_content is a
    warning on that fact; with the fact (or for the franchising food maker) there is none."""
    from generators.intake import check_intake

    path = INTAKES / f"game-studio.{language}.yaml"
    _, report = check_intake(path.read_text("utf-8"), path.name)
    assert [w.path for w in report.warnings if w.path.startswith("business.")] == [
        "business.user_content"]
    data = yaml.safe_load(path.read_text("utf-8"))
    data["business"]["user_content"] = True
    _, report = check_intake(yaml.safe_dump(data, allow_unicode=True), path.name)
    assert not [w for w in report.warnings if w.path.startswith("business.")]
    food = INTAKES / "food.zh.yaml"
    _, report = check_intake(food.read_text("utf-8"), food.name)
    assert not [w for w in report.warnings if w.path.startswith("business.")]
