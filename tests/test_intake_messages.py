"""What `ipms intake check` and `ipms draft` say about a questionnaire they cannot take (issue 17,
U-report items 27, 28): a YAML mistake is named at the line it is on with its cause, in the
intake's language (Chinese when its text is); file-level errors are in that language too; an
unquoted date in a text field is the text it reads as; a wrong value is reported at its own
line; counts are written as words ("1 problem", "2 problems"), never "problem(s)"."""
from __future__ import annotations

import re

import pytest

from assistant.errors import IpmsError
from generators.intake import load_intake, parse_intake
from generators.intake_yaml import MAX_INTAKE_BYTES
from generators.templates_io import TEMPLATES_DIR

ZH = (TEMPLATES_DIR / "intake.zh.yaml").read_text(encoding="utf-8")
EN = (TEMPLATES_DIR / "intake.en.yaml").read_text(encoding="utf-8")


def _line_of(text: str, start: str) -> int:
    """1-based number of the first line of `text` that starts (after its indent) with `start`."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.lstrip().startswith(start))


def _edit(text: str, start: str, new: str) -> str:
    """`text` with the line starting (after its indent) with `start` replaced by `new`."""
    lines = text.split("\n")
    lines[_line_of(text, start) - 1] = new
    return "\n".join(lines)


def _error(text: str, name: str = "intake.yaml") -> str:
    with pytest.raises(IpmsError) as error:
        parse_intake(text, name)
    message = str(error.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# -- YAML mistakes: their own line, their cause, the intake's language ---------------------------
@pytest.mark.parametrize("start,new,zh_cause,en_cause", [
    ("staff:", "  staff： 180", "全角“：”", "full-width '：'"),
    ("products:", "  products: [a, b", "“[”没有对应的“]”", "'[' opened on this line is not closed"),
    ("address:", "  address: 'Room 5, Building 18", "引号（'）没有闭合", "quote (') opened on this"),
    ("staff:", "\tstaff: 180", "制表符", "tab"),
    ("staff:", "  staff:180", "冒号后缺少空格", "no space after the colon"),
    ("rd_staff:", "   rd_staff: 45", "缩进", "indented"),
], ids=["full-width-colon", "unclosed-bracket", "unclosed-quote", "tab", "no-space",
        "indentation"])
def test_a_yaml_mistake_is_told_at_its_line_with_its_cause(start, new, zh_cause, en_cause):
    for text, cause, where in ((ZH, zh_cause, "第 {n} 行"), (EN, en_cause, "line {n}")):
        n = _line_of(text, start)
        message = _error(_edit(text, start, new))
        assert where.format(n=n) in message, message
        assert cause in message, message
        assert ("不是有效的 YAML" in message) == (text is ZH), message


def test_a_full_width_colon_on_a_section_heading_is_that_line():
    text = _edit(ZH, "people:", "people：")
    assert f"第 {_line_of(ZH, 'people:')} 行" in _error(text)


# -- file-level errors in the intake's language ---------------------------------------------------
def test_a_file_that_is_not_utf8_is_told_in_its_language(tmp_path):
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(ZH.encode("gb18030"))
    with pytest.raises(IpmsError, match="不是 UTF-8 编码.*GBK"):
        load_intake(gbk)
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes(EN.encode("utf-16"))
    with pytest.raises(IpmsError, match="not UTF-8 text.*UTF-16"):
        load_intake(utf16)


def test_a_file_over_the_limit_is_told_in_its_language(tmp_path):
    big = tmp_path / "big.yaml"
    for text, expected in ((ZH, "大于 256 KB"), (EN, "larger than 256 KB")):
        big.write_text(text + "#" * MAX_INTAKE_BYTES, encoding="utf-8")
        with pytest.raises(IpmsError, match=expected):
            load_intake(big)


def test_a_missing_company_name_is_told_in_the_intake_language():
    message = _error(_edit(ZH, "name: 北京智衡", "  # name: (not filled in yet)"))
    assert message.startswith("intake.yaml 有 1 个问题：") and "company.name：必填项" in message



def test_a_section_missing_from_a_truncated_file_is_told_without_a_line():
    """No line holds a section the file lacks: 'org：必填项，缺失', not '第 2 行 org：…' (line 2 is
    another key); a field missing inside a section that is there keeps its section's line."""
    truncated = ZH[:ZH.index("\norg:")]
    message = _error(truncated)
    for section in ("org", "policy", "documents"):
        assert f"{section}：必填项，缺失" in message, message
        assert not re.search(rf"第 \d+ 行 {section}：", message), message
    nested = _error(_edit(ZH, "name: 北京智衡", "  # name: (not filled in yet)"))
    assert re.search(rf"第 {_line_of(ZH, 'company:')} 行 company\.name：必填项", nested), nested

# -- values ---------------------------------------------------------------------------------------
def test_an_unquoted_date_in_a_text_field_is_the_date_it_reads():
    text = _edit(EN, "licences_in:",
                 "  licences_in: [{what: CAD software, licensor: Some Vendor, until: 2027-06-30}]")
    intake = parse_intake(text)
    assert intake.ip.licences_in[0].until == "2027-06-30"


def test_a_wrong_ip_department_is_told_at_its_own_line():
    text = _edit(EN, "ip_department:", "  ip_department: legal_x")
    message = _error(text)
    assert f"line {_line_of(EN, 'ip_department:')}, org.ip_department:" in message, message
    assert "legal_x" in message


# -- counts in words ------------------------------------------------------------------------------
def test_counts_are_words_not_parenthesised_plurals():
    one = _error(_edit(EN, "staff:", "  staff: lots"))
    assert one.startswith("intake.yaml has 1 problem: "), one
    two = _error(_edit(_edit(EN, "staff:", "  staff: lots"), "products:", "  products: []"))
    assert two.startswith("intake.yaml has 2 problems: "), two
    assert "needs at least 1 item" in two and not re.search(r"\w\(s\)", two), two
