"""Plant variety rights as an IP kind the package knows (issue 17, part sda).

A consultant drafted a seed company (tests/data/intakes/seed.zh.yaml and seed.en.yaml: 85 plant
variety rights granted and 40 applications, objectives to file 10 variety rights a year, to have
varieties approved or registered and to protect varieties in Kazakhstan and Uzbekistan; the try6b
report, /work/notes/s31/try6b-report.md): the intake refused `ip.plant_varieties`, the manual's
inventory "截至本手册发布，公司拥有…" and the IP ledger R-42 had no variety rights, nothing
governed applying for, maintaining and archiving them, `intake check` printed "计划：无" for an
objective abroad, business_model had no agriculture, the laws list lacked 种子法 and 植物新品种
保护条例, and the retention periods 育种记录 and 品种权档案 matched no record form (items 1 and 10).

Expected words come from the intakes, the catalogue's titles, the laws' titles and the
consultant's report (新颖性, DUS, 标准样品, 年费, 品种权档案, UPOV, 农业农村部, 国家林业和草原局).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import docx_text
from generators.company_kind import derived_facts, planning_objective
from generators.intake import check_intake, load_intake, parse_intake
from generators.intake_facts import chinese_label
from generators.intake_reading import reading
from generators.package import draft_package
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR

DATA = Path(__file__).parent / "data" / "intakes"
SEED = {"zh": DATA / "seed.zh.yaml", "en": DATA / "seed.en.yaml"}
EXAMPLES = TEMPLATES_DIR / "examples"
CATALOGUE = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
LAWS = yaml.safe_load((TEMPLATES_DIR / "laws.yaml").read_text(encoding="utf-8"))


def _title(code: str, language: str) -> str:
    entry = next(e for e in CATALOGUE["procedures"] + CATALOGUE["forms"] if e["code"] == code)
    return entry["title"][language]


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _variant(path: Path, change) -> str:
    data = _raw(path)
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _plan(intake, corpus, templates, language: str):
    target = load_target(intake.standard, corpus.get(BJ), templates.directory)
    return plan_package(intake, templates, target, language)


def _document(texts: dict[str, str], number: str) -> str:
    found = [text for stem, text in texts.items() if stem.split(" ", 1)[0] == number]
    assert found, f"no document {number}: {sorted(texts)}"
    return found[0]


def _draft(path_or_text, corpus, templates, folder: Path, language: str):
    intake = (load_intake(path_or_text) if isinstance(path_or_text, Path)
              else parse_intake(path_or_text, "seed.yaml"))
    result = draft_package(intake, corpus, folder, language, templates=templates)
    texts = {p.stem: docx_text(p) for p in folder.rglob("*.docx")}
    docno = _plan(intake, corpus, templates, language).context["docno"]
    coverage = (folder / "coverage.md").read_text(encoding="utf-8")
    return result, texts, docno, coverage


@pytest.fixture(scope="module")
def seed(tmp_path_factory, corpus, templates):
    """{language: (result, {file stem: text}, document numbers, coverage.md)} of the seed
    company's packages."""
    return {lang: _draft(path, corpus, templates, tmp_path_factory.mktemp(f"seed-{lang}") / "pkg",
                         lang) for lang, path in SEED.items()}


# -- item 1 and 10: the intake ---------------------------------------------------------------------
def test_the_intake_takes_plant_variety_rights_and_agriculture():
    intake = load_intake(SEED["zh"])
    raw = _raw(SEED["zh"])["ip"]["plant_varieties"]
    assert intake.ip.plant_varieties.granted == raw["granted"] == 85
    assert derived_facts(intake)["held"]["plant_varieties"]
    # intakes written before the fact stay valid and hold none
    assert not derived_facts(load_intake(EXAMPLES / "manufacturer.zh.yaml"))["held"][
        "plant_varieties"]
    # 种业 / 农业 is a business model of its own, shown in Chinese as 农业
    text = _variant(SEED["zh"], lambda d: d["company"].update(business_model=["种业"]))
    farm = parse_intake(text, "seed.yaml")
    assert farm.company.business_model == ["agriculture"]
    assert chinese_label("agriculture") == "农业"
    kind = derived_facts(farm)["kind"]
    assert kind["agriculture"] and kind["physical_goods"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_intake_check_counts_variety_rights_and_reads_the_plans(language):
    """The reading `intake check` prints: the variety rights counted with the other IP, the
    objective abroad (Kazakhstan, Uzbekistan) read as a plan — not 计划：无 / plans: none."""
    intake, report = check_intake(SEED[language].read_text(encoding="utf-8"), "seed.yaml")
    first = reading(intake, language)[0]
    if language == "zh":
        assert "植物新品种权 85 件" in first and "在审品种权申请 40 件" in first
        assert "计划：无" not in first and "境外申请（据目标 3）" in first
    else:
        assert "85 plant variety rights" in first and "plans: none" not in first
        assert "filing abroad (objective 3)" in first
    # the retention periods for breeding records and variety right files name record forms
    assert not [w for w in report.warnings if "retention_years" in w.path], report.warnings


def test_a_dispute_over_a_variety_right_asks_for_the_rights_held():
    """The seed company's 2024 suit over its protected variety, with no variety rights counted
    (the intake as first written, before the fact existed): the check queries the holdings."""
    def none_held(data):
        data["ip"].pop("plant_varieties")
    _, report = check_intake(_variant(SEED["zh"], none_held), "seed.yaml")
    queried = [w for w in report.warnings if w.path.startswith("ip.disputes")]
    assert queried and "ip.plant_varieties.granted" in queried[0].text("zh")
    _, report = check_intake(SEED["zh"].read_text(encoding="utf-8"), "seed.yaml")
    assert not [w for w in report.warnings if w.path.startswith("ip.disputes")]


def test_an_objective_naming_variety_rights_plans_them():
    """A company holding none yet whose objective is to file variety rights plans them: the
    reading names the objective, and the package gets the procedure."""
    def none_held(data):
        data["ip"].pop("plant_varieties")
    intake = parse_intake(_variant(SEED["zh"], none_held), "seed.yaml")
    assert not derived_facts(intake)["held"]["plant_varieties"]
    assert derived_facts(intake)["plans"]["plant_varieties"]
    assert planning_objective(intake.policy.objectives, "plant_varieties") == 1
    assert "植物新品种权（据目标 1）" in reading(intake, "zh")[0]
    english = ["Obtain 5 plant variety rights by 2028", "PVP for two wheat lines in the EU"]
    assert planning_objective(english, "plant_varieties") == 1
    assert planning_objective(["每年申请发明专利 5 件"], "plant_varieties") is None


# -- item 2: the manual's inventory and the IP ledger ---------------------------------------------
def test_the_manual_inventory_lists_the_variety_rights(seed):
    _, texts, docno, _ = seed["zh"]
    manual = _document(texts, docno["M01"])
    inventory = next(line for line in manual.splitlines() if line.startswith("截至本手册发布"))
    assert "植物新品种权85件" in inventory and "在审品种权申请40件" in inventory
    _, texts, docno, _ = seed["en"]
    manual = _document(texts, docno["M01"])
    assert "85 plant variety rights" in manual and "40 pending plant variety applications" in manual


def test_the_ip_ledger_has_rows_and_columns_for_variety_rights(seed):
    _, texts, docno, _ = seed["zh"]
    ledger = _document(texts, docno["R42"])
    assert "植物新品种权（85件）" in ledger and "在审品种权申请（40件）" in ledger
    for column in ("品种权号", "培育人", "审定或登记编号", "保护期限"):
        assert column in ledger, column
    _, texts, docno, _ = seed["en"]
    ledger = _document(texts, docno["R42"])
    assert "Plant variety rights (85)" in ledger
    assert "variety right" in ledger and "approval or registration number" in ledger


def test_a_ledger_without_variety_rights_keeps_its_columns(corpus, templates, tmp_path):
    _, texts, docno, _ = _draft(EXAMPLES / "manufacturer.zh.yaml", corpus, templates,
                                tmp_path / "m", "zh")
    ledger = _document(texts, docno["R42"])
    assert "申请号/专利号/注册号" in ledger and "品种" not in ledger


# -- item 3: P-30 and R-79 --------------------------------------------------------------------------
def test_the_seed_company_gets_the_variety_rights_procedure(seed):
    result, texts, docno, _ = seed["zh"]
    assert result.findings == []
    procedure = _document(texts, docno["P30"])
    assert _title("P30", "zh") in procedure
    for words in ("新颖性", "DUS", "农业农村部", "国家林业和草原局", "标准样品", "年费",
                  "品种权档案", "放弃", "UPOV", "哈萨克斯坦", "实质性派生品种",
                  "已授权的85件品种权"):
        assert words in procedure, words
    r79 = _title("R79", "zh")
    assert f"《{r79}》（{docno['R79']}）" in procedure
    form = _document(texts, docno["R79"])
    assert r79 in form and "标准样品" in form and "审定或登记编号" in form
    # abandonment as for other IP: the abandonment evaluation form
    assert docno["R50"] in procedure
    # the manual names it among the procedures for each category of IP
    manual = _document(texts, docno["M01"])
    assert f"植物新品种权——《{_title('P30', 'zh')}》（{docno['P30']}）" in manual


def test_the_english_package_has_the_procedure_in_english(seed):
    result, texts, docno, _ = seed["en"]
    assert result.findings == []
    procedure = _document(texts, docno["P30"])
    for words in ("novelty", "DUS", "Ministry of Agriculture and Rural Affairs",
                  "standard sample", "annual fees", "UPOV", "Kazakhstan"):
        assert words in procedure, words
    assert f"{_title('R79', 'en')} ({docno['R79']})" in procedure


def test_a_company_without_variety_rights_gets_no_p30(corpus, templates):
    intake = load_intake(EXAMPLES / "manufacturer.zh.yaml")
    plan = _plan(intake, corpus, templates, "zh")
    assert "P30" not in {p.code for p in plan.procedures}
    assert "R79" not in {f.code for f in plan.forms}


def test_a_company_planning_its_first_variety_right_gets_p30_without_counts(
        corpus, templates, tmp_path):
    """Held none, planned by an objective, sells no seed abroad: P-30 without counts of rights
    held (no 0 printed as a fact) and without protection abroad."""
    def planned(data):
        data["ip"].pop("plant_varieties")
        data["business"]["export_markets"] = []
        data["policy"]["objectives"] = [o for o in data["policy"]["objectives"]
                                        if "哈萨克斯坦" not in o]
    result, texts, docno, _ = _draft(_variant(SEED["zh"], planned), corpus, templates,
                                     tmp_path / "p", "zh")
    procedure = _document(texts, docno["P30"])
    assert "0件" not in procedure and "已授权的" not in procedure
    assert "境外品种保护" not in procedure and "UPOV" not in procedure
    assert result.findings == []


# -- item 4: laws and retention -------------------------------------------------------------------
def test_the_laws_list_cites_the_seed_law_and_the_variety_regulations(seed):
    titles = [law["zh"]["title"] for law in LAWS if "plant_varieties" in law["when"]]
    assert {"中华人民共和国种子法", "中华人民共和国植物新品种保护条例"} <= set(titles)
    _, texts, docno, _ = seed["zh"]
    laws = _document(texts, docno["R09"])
    manual = _document(texts, docno["M01"])
    for title in titles:
        assert title in laws and f"《{title}》" in manual
    assert "2021年修正" in laws and "2022-03-01" in laws
    _, texts, docno, _ = seed["en"]
    assert "Seed Law of the People's Republic of China" in _document(texts, docno["R09"])


def test_breeding_records_and_variety_files_are_kept_as_the_intake_says(seed):
    """documents.retention_years {育种记录: 30, 品种权档案: 30}: the records list gives the R&D
    record and the variety right record 30 years."""
    _, texts, docno, coverage = seed["zh"]
    assert "育种记录" not in coverage.split("## 缺口")[0]
    records = _document(texts, docno["R05"]).splitlines()
    for code in ("R39", "R79"):
        start = records.index(docno[code])
        row = records[start:start + 12]
        row = row[:next((i for i, cell in enumerate(row[1:], 1) if cell.startswith(docno["R01"][:-2])),
                        len(row))]  # up to the next form's number
        assert any("30年" in cell for cell in row), row
