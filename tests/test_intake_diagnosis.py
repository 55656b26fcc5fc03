"""The intake as a consultant's 调查诊断 (issue 17): the optional diagnosis facts and the warnings
for those not given, values in either language, messages in the intake's language with 1-based
positions and YAML lines, cross-field checks, clean refusals on the command line, and --force
that keeps the folder and the user's files."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import stat

import pytest
import yaml

from assistant.errors import IpmsError
from generators.intake import load_intake, parse_intake
from generators.templates_io import TEMPLATES_DIR

EN = TEMPLATES_DIR / "intake.en.yaml"
ZH = TEMPLATES_DIR / "intake.zh.yaml"
DIAGNOSIS = {"company": ["credit_code", "legal_representative", "sites"],
             "people": ["internal_auditors"], "ip": ["licences_in", "open_source",
                                                    "domain_names", "disputes"],
             "rd": ["records"], "documents": ["approvals", "retention_years"]}


def _without_diagnosis(path) -> str:
    """The shipped example as intakes were before issue 17: none of the diagnosis facts."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section, keys in DIAGNOSIS.items():
        for key in keys:
            data[section].pop(key, None)
    data.pop("certification", None)
    data.pop("budget", None)
    for department in data["org"]["departments"]:
        department.pop("ip_liaison", None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_the_examples_carry_the_diagnosis_facts():
    facts = load_intake(ZH)
    assert facts.company.credit_code == "91110108MA01B7K3T4"
    assert facts.company.legal_representative == "王建国"
    assert [s.name for s in facts.company.sites] == ["总部及研发中心", "生产基地"]
    assert facts.certification.existing_systems == ["ISO 9001"]
    assert facts.documents.approvals.form.approved_by == "李敏"
    assert facts.rd.records == ["lab-notebook", "pdm"] and facts.ip.disputes == []
    assert facts.documents.retention_years["研发记录"] == 10
    assert load_intake(EN).budget.annual_cny == 800000


def test_an_intake_without_them_stays_valid_and_check_warns(tmp_path, run_cli):
    path = tmp_path / "old.yaml"
    path.write_text(_without_diagnosis(EN), encoding="utf-8")
    code, out, err = run_cli("intake", "check", str(path))
    assert code == 0, err
    warnings = [line for line in out.splitlines() if line.startswith("warning: ")]
    for fact in ("company.credit_code", "company.legal_representative", "company.sites",
                 "certification.scope", "certification.existing_systems", "ip.licences_in",
                 "ip.open_source", "ip.domain_names", "ip.disputes", "documents.approvals",
                 "people.internal_auditors", "rd.records", "documents.retention_years",
                 "budget", "org.departments[1, 2, 3, 4, 5, 6, 7, 8].ip_liaison"):
        assert any(f" {fact}: " in w or f", {fact}: " in w for w in warnings), fact
    zh = tmp_path / "old-zh.yaml"
    zh.write_text(_without_diagnosis(ZH), encoding="utf-8")
    from generators.intake import load_intake_report

    _, report = load_intake_report(zh)
    assert report.language == "zh" and len(report.warnings) == 15
    assert "统一社会信用代码" in report.warnings[0].message


@pytest.mark.parametrize("code,ok", [
    ("91350100M000100Y43", True),   # the example printed in GB 32100-2015
    ("91110108MA01B7K3T4", True),
    ("91350100M000100Y44", False),  # check character changed
    ("91350100M000100Y4", False),   # 17 characters
    ("91350100M0001O0Y43", False),  # the letter O is not in the code's alphabet
])
def test_the_credit_code_is_checked_by_its_check_character(code, ok):
    text = EN.read_text(encoding="utf-8").replace("91110108MA01B7K3T4", code)
    if ok:
        assert parse_intake(text).company.credit_code == code
        return
    with pytest.raises(IpmsError) as error:
        parse_intake(text)
    assert f"line {_line_of(text, 'credit_code:')}, company.credit_code: not a valid unified " \
        "social credit code" in str(error.value)


def test_chinese_values_in_an_english_intake_and_english_in_a_chinese_one():
    text = (EN.read_text(encoding="utf-8").replace("stage: pilot ", "stage: 试点类 ")
            .replace("ip_work_mode: department", "ip_work_mode: 知识产权部门")
            .replace("functions: [hr]", "functions: [人力资源]")
            .replace("modes: [in-house, university]", "modes: [自主研发, 产学研合作]")
            .replace("revenue_band: 50M-200M", "revenue_band: 5000万-2亿"))
    facts = parse_intake(text)
    assert (facts.company.stage, facts.org.ip_work_mode, facts.company.revenue_band) == (
        "pilot", "department", "50M-200M")
    assert facts.department("hr").functions == ["hr"]
    assert facts.rd.modes == ["in-house", "university"]
    zh = ZH.read_text(encoding="utf-8").replace("stage: pilot ", "stage: demonstration ")
    assert parse_intake(zh).company.stage == "demonstration"


def test_messages_are_in_the_intakes_language_with_lines_and_positions_from_one():
    text = EN.read_text(encoding="utf-8").replace("functions: [hr]", "functions: [hr, payroll]")
    with pytest.raises(IpmsError) as error:
        parse_intake(text, "intake.yaml")
    message = str(error.value)
    line = _line_of(text, "payroll")
    assert f"line {line}, org.departments[4].functions[2]: must be one of management" in message
    assert "Input should be" not in message and ".3." not in message and "\n" not in message
    zh = ZH.read_text(encoding="utf-8").replace("functions: [hr]", "functions: [hr, 工资]")
    with pytest.raises(IpmsError) as error:
        parse_intake(zh, "intake.yaml")
    message = str(error.value)
    assert message.startswith("intake.yaml 有 1 个问题：")
    assert f"第 {_line_of(zh, '工资')} 行 org.departments[4].functions[2]：必须是以下之一：管理" \
        in message


def test_cross_field_checks():
    next_year = dt.date.today().year + 1
    text = (EN.read_text(encoding="utf-8").replace("staff: 180", "staff: 120")
            .replace("rd_staff: 45", "rd_staff: 500")
            .replace("founded: 2012", f"founded: {next_year}"))
    with pytest.raises(IpmsError) as error:
        parse_intake(text)
    message = str(error.value)
    assert f"line {_line_of(text, 'rd_staff:')}, company.rd_staff: is 500, more than staff " \
        "(120)" in message
    assert f"company.founded: {next_year} is in the future" in message
    early = EN.read_text(encoding="utf-8").replace("effective_date: 2026-12-01",
                                                   "effective_date: 2010-12-01")
    with pytest.raises(IpmsError, match="effective_date 2010-12-01 is before the company was "
                                        "founded \\(2012\\)"):
        parse_intake(early)


def test_the_command_line_refuses_a_folder_and_a_huge_intake_in_one_line(tmp_path, run_cli):
    folder = tmp_path / "intake.yaml"
    folder.mkdir()
    huge = tmp_path / "huge.yaml"
    huge.write_text(EN.read_text(encoding="utf-8") + "#" + "x" * 5_000_000 + "\n",
                    encoding="utf-8")
    for args in (("intake", "check", str(folder)), ("draft", str(folder), "--check"),
                 ("draft", str(huge), "--out", str(tmp_path / "pkg"))):
        code, out, err = run_cli(*args)
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, (args, err)
        assert "is a folder" in err or "larger than" in err, err
    assert not (tmp_path / "pkg").exists()


def test_force_keeps_the_folder_its_mode_and_the_users_files(tmp_path, corpus):
    from generators.package import draft_package

    facts = load_intake(EN)
    out = tmp_path / "pkg"
    first = draft_package(facts, corpus, out, "en", cwd=tmp_path / "x")
    os.chmod(out, 0o750)
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    (out / "01-manual" / "comments.txt").write_text("mine", encoding="utf-8")
    inode = out.stat().st_ino
    renumbered = facts.model_copy(update={"documents": facts.documents.model_copy(
        update={"numbering": "{short}-K-{kind}{seq:02d}"})})
    second = draft_package(renumbered, corpus, out, "en", force=True, cwd=tmp_path / "x")
    assert stat.S_IMODE(out.stat().st_mode) == 0o750 and out.stat().st_ino == inode
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert (out / "01-manual" / "comments.txt").read_text(encoding="utf-8") == "mine"
    assert all(not f.exists() for f in first.files if f not in second.files)  # old numbers gone
    assert all(f.is_file() for f in second.files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]  # no staging left
    # a file of the user's where the new package would write is never overwritten
    shutil.move(second.files[0], tmp_path / "moved.docx")
    second.files[0].write_text("the user's own", encoding="utf-8")
    marker = out / ".ipms-package.json"
    marker.write_text(marker.read_text(encoding="utf-8").replace(
        second.files[0].name, "gone.docx"), encoding="utf-8")
    with pytest.raises(IpmsError, match="ipms did not write it"):
        draft_package(renumbered, corpus, out, "en", force=True, cwd=tmp_path / "x")
    assert second.files[0].read_text(encoding="utf-8") == "the user's own"
