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



def _with_objectives(path: Path, tmp_path: Path, objectives: list[str]) -> Path:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["policy"]["objectives"] = objectives
    out = tmp_path / path.name
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


def test_an_objective_abroad_that_files_nothing_plans_no_filing_abroad(tmp_path):
    """A freedom-to-operate check in Germany and France files nothing there: the filing abroad
    is read from the objective that files (a tryout was told '境外申请（据目标 2）' of its FTO
    objective, its EPO filing being objective 4); with no filing objective, none is planned."""
    from generators.company_kind import derived_facts

    trading = DATA / "intakes" / "trading.zh.yaml"   # trademarks only, none abroad held
    fto = "出口产品在德国、法国完成自由实施（FTO）调查覆盖率 100%"
    files = "2027 年底前在越南、泰国完成自有品牌商标注册"
    both = load_intake(_with_objectives(trading, tmp_path, ["每年新增注册商标申请不少于 2 件",
                                                            fto, "培训覆盖率 100%", files]))
    assert "境外申请（据目标 4）" in reading(both, "zh")[0]
    alone = load_intake(_with_objectives(trading, tmp_path, ["每年新增注册商标申请不少于 2 件", fto]))
    assert "境外申请" not in reading(alone, "zh")[0]
    assert derived_facts(alone, "zh")["plans"]["foreign_filing"] is False

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
