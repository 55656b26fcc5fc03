"""Issue 17, part W: what a consultant's review of the drafted example packages found, each fixed
as a kind. Expected values come from the intakes, the template files and retention.yaml (what a
reader sees), or from the page: rotated column heads measured with the font LibreOffice sets them
in.

- the function matrix's rotated column heads lose their second line (clipped);
- the cover has no copy number (分发号) and the running header no title and version;
- a ledger's title column is about 1.2 cm wide when nothing pre-fills it (R-42 …);
- P-02 5.7 wrote default retention periods of its own beside retention.yaml's;
- coverage.md called a procedure's clauses not applicable while the manual excludes none;
- sentences that name one department twice when it holds several functions (P-15, P-18), and
  P-27's partners joined with '; '.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from generators import docx_writer as w
from generators import retention
from generators.documents import build_form, build_manual, build_procedure
from generators.intake import load_intake, parse_intake
from generators.package import coverage_report
from generators.plan import plan_package
from generators.registers import PER_RIGHT_ROWS
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR, TemplateSet

EXAMPLES = TEMPLATES_DIR / "examples"
INTAKES = Path(__file__).parent / "data" / "intakes"


@pytest.fixture(scope="module")
def templates_w():
    return TemplateSet()


def _plan(corpus, templates, intake, language: str, standard: str = "gbt29490-2023"):
    return plan_package(intake, templates,
                        load_target(standard, corpus.get(BJ), TEMPLATES_DIR), language)


def _example(name: str, language: str) -> str:
    path = (TEMPLATES_DIR / f"intake.{language}.yaml" if name == "manufacturer"
            else EXAMPLES / f"{name}.{language}.yaml")
    return path.read_text(encoding="utf-8")


# -- 1. rotated column heads ------------------------------------------------------------------
def _font(bold: bool = True):
    """Liberation Serif (metric-compatible with Times New Roman, what LibreOffice sets it in)."""
    ImageFont = pytest.importorskip("PIL.ImageFont")
    try:
        style = "Liberation Serif:bold" if bold else "Liberation Serif"
        path = subprocess.run(["fc-match", "-f", "%{file}", style], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        return ImageFont.truetype(path, 105)  # 10.5 pt, in tenths of a point
    except (OSError, subprocess.SubprocessError):
        pytest.skip("Liberation Serif is not installed")


def _cm(tenths_of_point: float) -> float:
    return tenths_of_point / 10 / 72 * 2.54


def test_rotated_heads_of_the_life_sciences_matrix_fit_their_row_and_column(tmp_path):
    """Annex B of the English life-sciences manual: each department's name, set bottom to top,
    is there whole, every line of it within the header row's height and its lines within the
    column's width (before: 'Business Development and International Business' wrapped inside a
    4.5 cm row and its second line was cut off)."""
    font = _font()
    data = yaml.safe_load(_example("life-sciences", "en"))
    names = [d["name"] for d in data["org"]["departments"]]
    assert "Business Development and International Business" in names
    document = w.new_document(language="en")
    rows = [[f"4.{i}"] + ["●" if (i + j) % 3 == 0 else "○" if (i + j) % 3 == 1 else ""
                          for j in range(len(names))] for i in range(1, 6)]
    w.table(document, ["Clause", *names], rows)
    path = tmp_path / "matrix.docx"
    document.save(str(path))

    table = docx.Document(str(path)).tables[0]
    head = table.rows[0]
    height_cm = head.height.cm
    margins_cm = 2 * 0.19  # Word's and LibreOffice's default cell margins
    line_cm = _cm(105 * 1.15 * 1.25)  # a line of 10.5 pt Times at 1.25 spacing
    for cell, column, name in zip(head.cells[1:], list(table.columns)[1:], names):
        assert cell._tc.tcPr.find(qn("w:textDirection")).get(qn("w:val")) == "btLr"
        lines = cell.text.split("\n")
        assert " ".join(lines) == name  # nothing lost
        for line in lines:
            assert _cm(font.getlength(line)) <= height_cm - margins_cm, (line, height_cm)
        assert len(lines) * line_cm + margins_cm <= column.width.cm, (name, column.width.cm)


# -- 2. cover and running header ------------------------------------------------------------------
@pytest.fixture(scope="module")
def rd_services(tmp_path_factory, corpus, templates_w):
    """The R&D-services company (no exports: P-17 not drafted) drafted to GB/T 29490—2023: its
    plan, its manual and one procedure, built once."""
    intake = load_intake(INTAKES / "rd-services.zh.yaml")
    plan = _plan(corpus, templates_w, intake, "zh")
    folder = tmp_path_factory.mktemp("rd")
    build_manual(plan, templates_w, folder / "manual.docx")
    p01 = next(p for p in plan.procedures if p.code == "P01")
    build_procedure(plan, templates_w, p01, folder / "p01.docx")
    return plan, docx.Document(str(folder / "manual.docx")), docx.Document(str(folder / "p01.docx"))


def test_the_cover_has_a_copy_number_and_the_header_title_and_version(rd_services):
    plan, manual, p01 = rd_services
    data = yaml.safe_load((INTAKES / "rd-services.zh.yaml").read_text(encoding="utf-8"))
    catalogue = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
    version = str(data.get("documents", {}).get("version") or "A/0")
    company = data["company"]["name"]
    titles = {"manual": yaml.safe_load((TEMPLATES_DIR / "manual.zh.yaml").read_text(
        encoding="utf-8"))["labels"]["manual_title"],
        "P01": next(p["title"]["zh"] for p in catalogue["procedures"] if p["code"] == "P01")}
    for document, title in ((manual, titles["manual"]), (p01, titles["P01"])):
        header = document.sections[0].header.paragraphs[0].text
        assert header.startswith(company), header
        assert title in header and f"版本 {version}" in header, header
        assert header.endswith("GB/T 29490—2023"), header  # the standard, last
        control = next(t for t in document.tables if t.rows[0].cells[0].text == "文件编号")
        heads = [c.text for c in control.rows[0].cells]
        assert "分发号" in heads  # 受控文件 分发号: written on each copy issued
        assert control.rows[1].cells[heads.index("分发号")].text == ""


# -- 3. a ledger's title column -------------------------------------------------------------------
def _title_ledgers() -> list[tuple[str, str]]:
    """(form code, language) of every ledger with a column for a title (名称 / Title)."""
    out = []
    for form in yaml.safe_load((TEMPLATES_DIR / "forms.yaml").read_text(encoding="utf-8")):
        if form.get("layout") != "ledger":
            continue
        for language in ("zh", "en"):
            labels = [c if isinstance(c, str) else c["label"] for c in form[language]["columns"]]
            if any(re.fullmatch(r"名称|知识产权名称|专利名称|Title", label) for label in labels):
                out.append((form["code"], language))
    return out


@pytest.mark.parametrize("code, language", [("R42", "zh"), ("R42", "en"), ("R41", "en"),
                                            ("R49", "en")])
def test_a_blank_ledgers_title_column_has_room_to_write_a_title(code, language, corpus,
                                                                  templates_w, tmp_path):
    assert (code, language) in _title_ledgers()
    data = yaml.safe_load(_example("manufacturer", language))
    data["ip"]["domain_names"] = []  # nothing pre-fills the IP ledger's titles: no domain name,
    for counted in (data["ip"], data["ip"]["patents"]):  # no kind listed with an exported list
        for key, n in counted.items():
            if isinstance(n, int) and not isinstance(n, bool):
                counted[key] = min(n, PER_RIGHT_ROWS)
    intake = parse_intake(yaml.safe_dump(data, allow_unicode=True), "intake.yaml")
    plan = _plan(corpus, templates_w, intake, language)
    form = next(f for f in plan.forms if f.code == code)
    build_form(plan, templates_w, form, tmp_path / "form.docx")
    ledger = next(t for t in docx.Document(str(tmp_path / "form.docx")).tables
                  if len(t.columns) > 5)
    heads = [c.text for c in ledger.rows[0].cells]
    column = next(i for i, h in enumerate(heads) if re.fullmatch(r"名称|知识产权名称|Title", h))
    assert all(not row.cells[column].text for row in ledger.rows[1:])  # a blank register
    # a title such as '一种基于深度学习的缺陷检测方法' / 'Method for detecting …' written by
    # hand: before, the column was about 1.2-1.4 cm, the width of its one-word label
    assert ledger.columns[column].width.cm >= 3.0, ledger.columns[column].width.cm


# -- 4. P-02's default retention periods: retention.yaml, one source -------------------------------
def test_p02_states_the_default_periods_retention_yaml_holds(corpus, templates_w, tmp_path,
                                                             monkeypatch):
    kinds = yaml.safe_load(retention.DEFAULTS_PATH.read_text(encoding="utf-8"))
    for kind in kinds["kinds"]:  # every default changed: P-02 and R-05 must follow the file
        kind["years"] += 4
    changed = tmp_path / "retention.yaml"
    changed.write_text(yaml.safe_dump(kinds, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(retention, "DEFAULTS_PATH", changed)
    retention._default_kinds.cache_clear()
    try:
        intake = parse_intake(_example("saas", "zh"), "saas.zh.yaml")  # 源代码及研发记录, 合同, 培训记录
        years = {k["name"]: k["years"] for k in kinds["kinds"]}
        for language in ("zh", "en"):
            plan = _plan(corpus, templates_w, intake, language)
            p02 = next(p for p in templates_w.procedures if p.code == "P02")
            step = next(s for s in p02.content[language]["steps"]
                        if s["title"] in ("保管期限", "Retention periods"))
            text = templates_w.render(step["text"], plan.context)
            if language == "zh":
                assert f"权利终止后至少{years['rights']}年" in text, text
                assert f"内部审核、管理评审记录保存至少{years['audits']}年" in text, text
                assert f"其他记录保存至少{years['other']}年" in text, text
                assert "合同履行完毕后" not in text  # the intake names contracts (合同: 10)
            else:
                assert f"at least {years['rights']} years after the right ends" in text, text
                assert f"other records are kept for at least {years['other']} years" in text
            forms = {f.code: f for f in templates_w.forms}
            label = next(k for k in kinds["kinds"] if k["name"] == "rights")["label"][language]
            assert retention.record_period(intake, forms["R49"], language) == \
                label.format(n=years["rights"])  # R-05, the record list: the same file
        # the kinds the intake sets a period for get no default; the others retention.yaml's
        data = yaml.safe_load(_example("manufacturer", "zh"))
        data["documents"]["retention_years"] = {"知识产权权利文件": 12, "内部审核记录": 6}
        plan = _plan(corpus, templates_w, parse_intake(yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False)), "zh")
        p02 = next(p for p in templates_w.procedures if p.code == "P02")
        step = next(s for s in p02.content["zh"]["steps"] if s["title"] == "保管期限")
        text = templates_w.render(step["text"], plan.context)
        assert "知识产权权利文件保存12年；内部审核记录保存6年" in text
        assert "权利终止后至少" not in text and "管理评审记录保存至少" not in text
        assert f"合同及其审查记录保存至合同履行完毕后至少{years['contracts']}年" in text
        data["documents"]["retention_years"] = {"其他": 4}  # other records: every period set
        plan = _plan(corpus, templates_w, parse_intake(yaml.safe_dump(data, allow_unicode=True)),
                     "zh")
        assert "未规定期限的" not in templates_w.render(step["text"], plan.context)
    finally:
        retention._default_kinds.cache_clear()


# -- 5. coverage.md says what the manual says -----------------------------------------------------
def test_coverage_says_of_a_procedure_not_drafted_what_the_manual_says(rd_services,
                                                                        templates_w):
    plan, manual, _ = rd_services
    title = next(p.title["zh"] for p in templates_w.procedures if p.code == "P17")
    said = [p.text for p in manual.paragraphs if title in p.text]
    assert len(said) == 1 and "不删减" in said[0]  # the manual: not drafted, nothing excluded
    report = coverage_report(plan, templates=templates_w)
    line = next(l for l in report.split("\n") if "P-17" in l and title in l)
    assert said[0].rstrip("。") in line, line
    assert "不适用" not in line  # before: '…涉外贸易的条款不适用'


# -- 6. one department holding several functions -----------------------------------------------------
def _two_departments(language: str) -> tuple[str, str]:
    """The SaaS example as a company of two departments: one holding management, IP, legal,
    HR, finance, purchasing and sales; a technology department. (intake text, the office)"""
    data = yaml.safe_load(_example("saas", language))
    old = data["org"]["departments"]
    office, tech = (("综合管理部", "技术部") if language == "zh" else
                    ("General Office", "Technology Department"))
    data["org"]["departments"] = [
        {"key": "gm", "name": office, "head": old[0]["head"],
         "functions": ["management", "admin", "ip", "legal", "hr", "finance", "purchasing",
                       "sales", "marketing"]},
        {"key": "tech", "name": tech, "head": old[2]["head"], "functions": ["rd", "it",
                                                                          "quality"]}]
    data["org"]["ip_department"] = "gm"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), office


def _steps(templates, plan, code: str) -> list[str]:
    procedure = next(p for p in templates.procedures if p.code == code)
    body = procedure.content[plan.language]
    texts = [s["text"] for s in body["steps"]] + [r["duty"] for r in body["responsibilities"]]
    return [templates.render(t, plan.context) for t in texts]


def _sentences(texts: list[str]) -> list[str]:
    return [s for t in texts for s in re.split(r"[。；]|(?<=[.;])\s", t) if s.strip()]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p15_and_p18_name_a_department_holding_several_functions_once(language, corpus,
                                                                       templates_w):
    text, office = _two_departments(language)
    plan = _plan(corpus, templates_w, parse_intake(text, f"two.{language}.yaml"), language)
    for code in ("P15", "P18"):
        twice = [s for s in _sentences(_steps(templates_w, plan, code)) if s.count(office) > 1]
        assert twice == [], (code, twice)
    # P-15: the department that marks and watches the market does not check its own marking or
    # report to itself: each of those steps names it once
    p15 = next(p for p in templates_w.procedures if p.code == "P15").content[language]["steps"]
    for title in (("知识产权宣示", "市场监控") if language == "zh"
                  else ("IP marking", "Market monitoring")):
        step = next(s["text"] for s in p15 if s["title"] == title)
        assert templates_w.render(step, plan.context).count(office) == 1, title
    p18 = " ".join(_steps(templates_w, plan, "P18"))
    r42 = plan.context["docno"]["R42"]
    # the finance side cross-references the ledger itself, not "the ledger kept by" itself
    assert (f"与《知识产权台账》（{r42}）建立对应编号" if language == "zh"
            else f"cross-referenced to the numbers in the IP ledger ({r42})") in p18


def test_p18_asks_the_inventors_not_the_ip_department_itself(corpus, templates_w):
    """A trading company without R&D: its R&D function falls to the IP department (总经理办公室),
    which fills in the abandonment evaluation and so is not also asked for its view."""
    intake = load_intake(INTAKES / "new-user-trading.zh.yaml")
    office = next(d.name for d in intake.org.departments if "ip" in d.functions)
    plan = _plan(corpus, templates_w, intake, "zh")
    abandonment = next(t for t in _steps(templates_w, plan, "P18") if "放弃评估表" in t
                       and "征求" in t)
    assert f"由{office}填写" in abandonment
    # without patents held or planned the people asked are the results' creators (P-18, as
    # P-20 and bj-ipm 3.7 name them), not inventors; without R&D either, the departments using
    # the right (issue 17 part X: a trading company has no creators of results to ask)
    asked = ("发明人" if plan.context["plans"]["patents"] else "知识产权成果完成人"
             if plan.context["kind"]["rd"] else "使用该项知识产权的部门")
    assert f"征求{asked}的意见" in abandonment, abandonment
    if not plan.context["drafted"]["R48"]:  # no patent annuity sheet in this package
        assert "年费监控表" not in abandonment


def test_p27_lists_partners_as_a_sentence_does(corpus, templates_w):
    data = yaml.safe_load(_example("saas", "en"))
    data["rd"]["partners"] = ["Fudan University", "Shenzhen University", "Zhejiang University"]
    plan = _plan(corpus, templates_w, parse_intake(yaml.safe_dump(data, allow_unicode=True)),
                 "en")
    scope = templates_w.render(next(p for p in templates_w.procedures
                                    if p.code == "P27").content["en"]["scope"], plan.context)
    assert "(such as Fudan University, Shenzhen University and Zhejiang University)" in scope
    assert ";" not in scope
