"""`ipms intake check` says how the drafting reads the questionnaire — the kind of company, the
IP held with its counts, the IP planned with the objective it was read from, the exports — so a
consultant sees before drafting why a patent or trademark procedure will be drafted or not."""
from __future__ import annotations

from pathlib import Path

import yaml

from generators.intake import load_intake
from generators.intake_reading import reading

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parents[1] / "generators" / "templates" / "examples"


def test_a_patent_planned_only_by_an_objective_is_named_with_that_objective():
    path = DATA / "intakes" / "game-studio.en.yaml"
    objectives = yaml.safe_load(path.read_text(encoding="utf-8"))["policy"]["objectives"]
    number = next(i for i, o in enumerate(objectives, 1) if "patent" in o.lower())
    first = reading(load_intake(path), "en")[0]
    assert f"patents (objective {number})" in first
    assert "holds: " in first and "patents" not in first.split("; plans:")[0]


def test_patents_held_are_counted_and_not_called_planned():
    path = EXAMPLES / "manufacturer.zh.yaml"
    patents = yaml.safe_load(path.read_text(encoding="utf-8"))["ip"]["patents"]
    first = reading(load_intake(path), "zh")[0]
    held = first.split("；计划：")[0]
    # granted patents counted apart from the pending and the foreign (the rail maker's intake:
    # '专利 715 件' added 90 applications and 25 abroad to 600 granted)
    granted = patents["invention"] + patents["utility_model"] + patents["design"]
    assert f"专利 {granted} 件" in held
    assert f"在审专利申请 {patents['pending']} 件" in held
    assert "专利" not in first.split("；计划：")[1]


def test_a_company_that_does_not_export_gets_no_export_line():
    path = DATA / "intakes" / "food.zh.yaml"
    markets = yaml.safe_load(path.read_text(encoding="utf-8")).get("business", {}).get(
        "export_markets")
    lines = reading(load_intake(path), "zh")
    assert len(lines) == (2 if markets else 1)


def test_intake_check_prints_the_reading(run_cli):
    code, out, _err = run_cli("intake", "check", str(DATA / "intakes" / "game-studio.zh.yaml"))
    assert code == 0
    assert "读作：" in out and "计划：专利（据目标" in out and "出口：在线服务" in out
