"""What a consultant would query in an intake (issue 17, review items 6 and 13): two
departments of one name are an error on the repeating department's YAML line; the same person
reviewing and approving, and the IP management representative being the top manager, are
warnings; a date that cannot exist and a bad numbering scheme are told in the intake's language,
with the line. Expected texts are the intake's own values and lines."""
from __future__ import annotations

import re

import pytest

from assistant.errors import IpmsError
from generators.intake import check_intake
from generators.templates_io import TEMPLATES_DIR

ZH = (TEMPLATES_DIR / "intake.zh.yaml").read_text(encoding="utf-8")
EN = (TEMPLATES_DIR / "intake.en.yaml").read_text(encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def _error(text: str) -> str:
    with pytest.raises(IpmsError) as caught:
        check_intake(text, "intake.yaml")
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_two_departments_of_one_name_are_an_error_on_the_second_ones_line():
    # the example's department named 人力资源部 renamed to the R&D department's name
    rd_name = re.search(r"key: rd, name: ([^,]+),", ZH)[1]
    text = ZH.replace("name: 人力资源部", f"name: {rd_name}", 1)
    message = _error(text)
    line = _line_of(text, f"key: hr, name: {rd_name}")
    assert f"第 {line} 行 org.departments[" in message and "].name" in message
    assert rd_name in message and "同名" in message


def test_the_same_reviewer_and_approver_and_the_top_manager_as_representative_are_warnings():
    top = re.search(r"top_manager: \{name: ([^,]+),", ZH)[1]
    text = re.sub(r"ip_representative: \{name: [^,]+,", f"ip_representative: {{name: {top},",
                  ZH, count=1)
    text = re.sub(r"procedure: \{reviewed_by: [^,]+,", f"procedure: {{reviewed_by: {top},",
                  text, count=1)
    _, report = check_intake(text, "intake.yaml")
    queried = {w.path: w for w in report.warnings}
    representative = queried["people.ip_representative"]
    assert top in representative.message and "最高管理者" in representative.message
    assert representative.line == _line_of(text, "ip_representative:")
    procedure = queried["documents.approvals.procedure"]
    assert top in procedure.message and procedure.line == _line_of(text, "procedure: {reviewed_by")
    # the example as shipped is not queried
    _, report = check_intake(ZH, "intake.yaml")
    assert not {"people.ip_representative", "documents.approvals.procedure"} & {
        w.path for w in report.warnings}


def test_an_impossible_date_is_told_in_the_intakes_language_with_its_line():
    date = re.search(r"effective_date: (\S+)", ZH)[1]
    text = ZH.replace(f"effective_date: {date}", "effective_date: 2026-13-45")
    message = _error(text)
    line = _line_of(text, "effective_date:")
    assert f"第 {line} 行 documents.effective_date：" in message
    assert "月份应为 1 至 12" in message and "month" not in message
    text = EN.replace(f"effective_date: {date}", "effective_date: 2026-02-30")
    message = _error(text)
    assert f"line {_line_of(text, 'effective_date:')}, documents.effective_date: " in message
    assert "day is out of range for month" in message


def test_a_numbering_error_is_in_one_language():
    scheme = re.search(r"numbering: (\S+)", ZH)[1]
    message = _error(ZH.replace(f"numbering: {scheme}", 'numbering: "{short}-X"'))
    assert "必须包含 {kind} 和 {seq}" in message
    told = re.sub(r"\{\w+\}", "", message.split("documents.numbering", 1)[1])  # {kind} is a field
    assert not re.search(r"[A-Za-z]{3,}", told), told
