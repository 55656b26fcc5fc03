"""A company whose exports are on China's export-control lists (出口管制法 2020, 主席令第五十八号;
两用物项出口管制条例, 国务院令第792号, in force 2024-12-01): a tryout's carbon-fibre supplier to
aerospace and defence customers found neither law in its laws list (R-09) and no step checking
exports against the control lists. With `business.export_controlled: true` the export procedure
(P-17) checks each export against the lists and obtains the licence and end-user certificates
before the contract, the export investigation form (R-47) has the field it records that in, and
the laws list cites both texts; without it none of that is printed. `ipms intake check` asks for
the fact when an exporter's goods are of the kinds the lists name, or its objectives speak of it."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generators.intake import check_intake, load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR
from helpers import intake_variant, package_parts

EXAMPLE = {"zh": TEMPLATES_DIR / "intake.zh.yaml", "en": TEMPLATES_DIR / "intake.en.yaml"}
LAWS = {"zh": ("中华人民共和国出口管制法", "中华人民共和国两用物项出口管制条例"),
        "en": ("Export Control Law of the People's Republic of China",
               "Regulations of the People's Republic of China on the Export Control of Dual-Use Items")}
STEP = {"zh": "出口管制审查", "en": "Export control check"}
LICENCE = {"zh": "最终用户和最终用途证明文件", "en": "end-user and end-use certificates"}


def _controlled(data):
    data["business"]["export_controlled"] = True


def _draft(path: Path, target: Path, language: str, corpus) -> dict[str, str]:
    result = draft_package(load_intake(path), corpus, target, language)
    assert [f.message for f in result.findings] == []
    return package_parts(target)


@pytest.fixture(scope="module")
def packages(corpus, tmp_path_factory):
    out = {}
    for language in ("zh", "en"):
        base = tmp_path_factory.mktemp(f"controlled-{language}")
        out[language] = _draft(intake_variant(EXAMPLE[language], base, _controlled),
                               base / "pkg", language, corpus)
    return out


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_controlled_exporter_checks_the_lists_and_cites_the_laws(packages, language):
    texts = packages[language]
    step = next(line for line in texts["P-17"].splitlines()
                if LICENCE[language] in line)
    assert "R-47" in step, step
    assert STEP[language] in texts["P-17"]
    assert STEP[language] in texts["R-47"]
    for law in LAWS[language]:
        assert law in texts["R-09"], law


def test_the_example_that_exports_nothing_controlled_gets_none_of_it(corpus, tmp_path):
    texts = _draft(EXAMPLE["zh"], tmp_path / "pkg", "zh", corpus)
    assert LICENCE["zh"] not in texts["P-17"]
    for law in LAWS["zh"]:
        assert law not in texts["R-09"]


def _check(change, language="zh"):
    data = yaml.safe_load(EXAMPLE[language].read_text(encoding="utf-8"))
    change(data)
    _, report = check_intake(yaml.safe_dump(data, allow_unicode=True), f"x.{language}.yaml")
    return [w for w in report.warnings if w.path == "business.export_controlled"]


def test_intake_check_asks_an_exporter_of_listed_kinds_of_goods():
    def unasked(data):
        del data["business"]["export_controlled"]
        data["company"]["products"] = ["无人机碳纤维机体结构件"]
    assert len(_check(unasked)) == 1

    def domestic(data):
        unasked(data)
        data["business"]["export_markets"] = []
        data["business"]["export_mode"] = []
    assert _check(domestic) == []

    def plain(data):
        del data["business"]["export_controlled"]
        data["company"]["products"] = ["家用厨具"]
        data["company"]["business_scope"] = "厨具的生产和销售"
        data["company"]["industry"] = "日用品"
    assert _check(plain) == []


def test_an_objective_on_export_control_with_the_fact_false_is_queried():
    def objective(data):
        data["policy"]["objectives"].append("两用物项出口前100%完成出口管制审查")
    warned = _check(objective)
    assert len(warned) == 1 and "两用物项出口前" in warned[0].message
