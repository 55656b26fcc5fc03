"""One department named twice in a row (issue 17, part D, item 3).

A template writes 'X负责A，Y负责B' for two functions; where one department holds both, the
package read '总经理办公室负责登记和管理，总经理办公室负责提交软件、技术文档等作品的登记材料'
(the trading company of tests/data/intakes, manual 6.2.3), and the English manual's 7.1.1 named
the IP department twice itself ("the IP Department is the IP management body …; the IP
Department collects …"). A consultant writes the department once ('X负责A，并负责B' / "X is A
and collects B"): generators.roles.once_named does so for every rendered text, and the package
lint (`department`, lint.yaml `named_twice`) reports what is left.

Sentences below are the templates' own (manual.zh.yaml 6.2.3, 4.2.1, additions.yaml `culture`,
manual.en.yaml 7.1.1) with one department in both places.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generators.intake import load_intake
from generators.lint import lint_package
from generators.package import draft_package
from generators.roles import once_named
from generators.templates_io import TEMPLATES_DIR
from test_lint import make_package

OFFICE, IP, HR = "总经理办公室", "知识产权部", "人力资源部"
LEGAL = "Legal and IP Department"
NAMES = (OFFICE, IP, HR, LEGAL, "General Office")


@pytest.mark.parametrize("text, expected", [
    (f"{OFFICE}负责登记和管理，{OFFICE}负责提交软件、技术文档等作品的登记材料。",
     f"{OFFICE}负责登记和管理，并负责提交软件、技术文档等作品的登记材料。"),
    (f"每年更新一次。{OFFICE}通过宣贯培训和内部发布使全体员工理解和支持方针，{OFFICE}将方针纳入新员工入职培训；",
     f"每年更新一次。{OFFICE}通过宣贯培训和内部发布使全体员工理解和支持方针，并将方针纳入新员工入职培训；"),
    (f"的输入。\n{OFFICE}将知识产权合规表现纳入员工考核和奖惩，{OFFICE}通过案例宣讲（员工在入职声明中确认）使全体员工参与；",
     f"的输入。\n{OFFICE}将知识产权合规表现纳入员工考核和奖惩，并通过案例宣讲（员工在入职声明中确认）使全体员工参与；"),
    (f"{IP}评估许可知识产权（期限至2027-06-30，每年复核）的稳定性并核查其有效性；{IP}每年核查办公软件是否为正版。",
     f"{IP}评估许可知识产权（期限至2027-06-30，每年复核）的稳定性并核查其有效性，每年核查办公软件是否为正版。"),
    (f"resources: the {LEGAL} is the IP management body (its form: see 5.3) and is staffed with IP "
     f"human resources; the {LEGAL} collects and uses IP information resources; Finance includes",
     f"resources: the {LEGAL} is the IP management body (its form: see 5.3) and is staffed with IP "
     f"human resources, and collects and uses IP information resources; Finance includes"),
    ("The General Office makes the policy understood, and the General Office includes it in training.",
     "The General Office makes the policy understood and includes it in training."),
])
def test_a_department_doing_two_things_in_a_row_is_named_once(text, expected):
    assert once_named(text, NAMES, "en" if text[0].isascii() else "zh") == expected


@pytest.mark.parametrize("text", [
    f"{IP}审核后报知识产权管理者代表批准，由{IP}登记。",  # another acts between: named again
    f"{IP}审核后报知识产权管理者代表批准，{IP}登记。",
    f"{IP}负责制度的执行和监督，{IP}等部门在本部门落实。",  # X等部门: a list, not X alone
    f"{IP}负责编制，{HR}负责审核。",  # two departments
    f"报送{IP}，{IP}审核。",  # the first is the receiver, not the subject
    f"{IP}编制计划，{HR}和{IP}实施。",
    "the General Office reviews it and the IP management representative approves it, and the "
    "General Office records it.",
])
def test_the_name_stays_where_it_is_needed(text):
    assert once_named(text, NAMES, "en" if text[0].isascii() else "zh") == text


def _named_twice(findings) -> list[str]:
    return [f.message for f in findings if f.kind == "department"
            and ("相邻两个分句" in f.message or "two clauses in a row" in f.message)]


def test_the_lint_reports_a_department_named_twice_in_a_row(tmp_path):
    twice = make_package(tmp_path / "a", manual=[
        ("h1", "其他知识产权管理制度"),
        ("p", "知识产权部负责登记和管理，知识产权部负责提交软件、技术文档等作品的登记材料。")])
    assert len(_named_twice(lint_package(twice))) == 1
    needed = make_package(tmp_path / "b", manual=[
        ("h1", "保密管理"), ("p", "知识产权部审核后报知识产权管理者代表批准，知识产权部登记。"),
        ("p", "知识产权部负责登记和管理，并负责提交登记材料；研发中心负责提交材料。")])
    assert _named_twice(lint_package(needed)) == []


EXAMPLES = sorted(TEMPLATES_DIR.joinpath("examples").glob("*.yaml"))
TRADING = Path(__file__).parent / "data" / "intakes" / "trading.zh.yaml"


@pytest.mark.parametrize("path", [*EXAMPLES, TRADING], ids=lambda p: p.stem)
def test_drafted_packages_name_no_department_twice_in_a_row(path, tmp_path, corpus, templates):
    intake = load_intake(path)
    language = path.stem.split(".")[-1]
    result = draft_package(intake, corpus, tmp_path / "pkg", language, templates=templates)
    assert _named_twice(result.findings) == []
