"""`ipms draft` shows the intake check's warnings where the package is (issue 17, U-report items
7, 29): an internal auditor who would audit his own department, one person drafting and
reviewing; printed by the draft and listed in coverage.md, and warned by `ipms intake check`."""
from __future__ import annotations

import yaml

from generators.intake import check_intake, parse_intake
from generators.package import coverage_report, draft_package
from generators.templates_io import TEMPLATES_DIR

EN = (TEMPLATES_DIR / "intake.en.yaml").read_text(encoding="utf-8")


def _queried() -> tuple[str, dict]:
    """The English example with its drafter as reviewer and one internal auditor (the head of
    R&D), and its data."""
    data = yaml.safe_load(EN)
    data["documents"]["drafted_by"] = data["documents"]["reviewed_by"]
    data["people"]["internal_auditors"] = data["people"]["internal_auditors"][:1]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), data


def test_intake_check_warns_when_the_drafter_reviews(tmp_path):
    text, data = _queried()
    _, report = check_intake(text)
    reviewer = data["documents"]["reviewed_by"]
    line = next(i for i, x in enumerate(text.split("\n"), 1) if x.strip().startswith("reviewed_by"))
    found = [w for w in report.warnings if w.path == "documents.reviewed_by"]
    assert len(found) == 1 and found[0].line == line and reviewer in found[0].message
    _, clean = check_intake(EN)
    assert not [w for w in clean.warnings if w.path == "documents.reviewed_by"]


def test_the_draft_prints_and_the_coverage_report_lists_the_warnings(corpus):
    text, data = _queried()
    result = draft_package(parse_intake(text), corpus, None, "en")
    auditor = data["people"]["internal_auditors"][0]["name"]
    reviewer = data["documents"]["reviewed_by"]
    printed = "\n".join(result.warnings)
    assert f"documents.reviewed_by: the same person ({reviewer})" in printed
    assert "people.internal_auditors" in printed and auditor in printed
    report = coverage_report(result.plan)
    section = report[report.index("## Intake check warnings (2)"):report.index("## Gaps")]
    assert reviewer in section and auditor in section
    clean = coverage_report(draft_package(parse_intake(EN), corpus, None, "en").plan)
    assert "## Intake check warnings (0)\n—" in clean
