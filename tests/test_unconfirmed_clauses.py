"""A package drafted to a standard whose text is not in the corpus (GB/T 29490-2023, -2013: a
profile built from public outlines) says in coverage.md and on the command line which clause
numbers and titles the profile could not confirm by two sources, so a consultant checks them
against the licensed text before issuing (a consultant's finding, session 32); a package drafted to
a text in the corpus (bj-ipm) lists none."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generators.intake import load_intake
from generators.package import draft_package

EXAMPLE = Path(__file__).resolve().parents[1] / "generators/templates/examples/manufacturer.zh.yaml"
PROFILES = Path(__file__).resolve().parents[1] / "corpus/profiles"


def _not_confirmed(profile: str) -> dict[str, str]:
    """number -> confidence of the profile's clauses from chapter 4 on, read from its YAML."""
    data = yaml.safe_load((PROFILES / f"{profile}.yaml").read_text(encoding="utf-8"))
    return {str(c["number"]): c.get("confidence", "unverified") for c in data["clauses"]
            if str(c["number"]).split(".")[0].isdigit() and int(str(c["number"]).split(".")[0]) >= 4
            and c.get("confidence", "unverified") != "confirmed"}


@pytest.mark.parametrize("standard", ["gbt29490-2023", "gbt29490-2013"])
def test_coverage_lists_every_clause_the_profile_has_not_confirmed(corpus, tmp_path, standard):
    result = draft_package(load_intake(EXAMPLE), corpus, tmp_path / "pkg", "zh", standard)
    report = (tmp_path / "pkg" / "coverage.md").read_text(encoding="utf-8")
    wanted = _not_confirmed(standard)
    assert wanted, "the profile has clauses to check"
    assert f"## 待核对的条款编号和标题 ({len(wanted)})" in report
    section = report.split("## 待核对的条款编号和标题")[1].split("\n## ")[0]
    for number, confidence in wanted.items():
        line = next(li for li in section.splitlines()
                    if li.startswith("- 仅一个公开来源" if confidence == "single" else "- 未能核实"))
        assert f"{number} " in line, (number, confidence)
    assert "对照标准正式文本核对" in section
    assert len(result.plan.standard.unconfirmed()) == len(wanted)


def test_a_standard_whose_text_is_in_the_corpus_has_nothing_to_check(corpus, tmp_path):
    draft_package(load_intake(EXAMPLE), corpus, tmp_path / "pkg", "zh", "bj-ipm")
    assert "待核对的条款编号和标题" not in (tmp_path / "pkg" / "coverage.md").read_text(encoding="utf-8")


def test_the_english_report_and_the_command_line_say_it_too(run_cli, tmp_path):
    english = EXAMPLE.with_name("manufacturer.en.yaml")
    code, out, err = run_cli("draft", str(english), "--out", str(tmp_path / "en"),
                             "--standard", "gbt29490-2023")
    assert code == 0, err
    count = len(_not_confirmed("gbt29490-2023"))
    assert f"clause numbers and titles to check against the standard's text: {count}" in out
    report = (tmp_path / "en" / "coverage.md").read_text(encoding="utf-8")
    assert f"## Clause numbers and titles to check ({count})" in report
    assert "licensed text" in report
