"""The web Draft tab says what is wrong with a questionnaire the way `ipms intake check` does
(issue 18): in the user's language, list positions counted from 1, with the YAML line."""
from __future__ import annotations

from assistant.web.intake_view import intake_problems
from helpers import PROJECT_ROOT

EXAMPLE = (PROJECT_ROOT / "generators" / "templates" / "intake.zh.yaml").read_text(encoding="utf-8")


def test_positions_from_one_and_the_message_in_chinese():
    # The first department's second function made unknown.
    text = EXAMPLE.replace("functions: [management, admin]", "functions: [management, bogus]")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if "bogus" in row)
    problems = intake_problems(text, "zh")
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == "org.departments[1].functions[2]"
    assert problem.line == line
    assert problem.message.startswith("必须是以下之一：") and "must be" not in problem.message


def test_the_same_problem_in_english():
    text = EXAMPLE.replace("functions: [management, admin]", "functions: [management, bogus]")
    problem = intake_problems(text, "en")[0]
    assert problem.path == "org.departments[1].functions[2]"
    assert problem.message.startswith("must be one of ")
