"""A newcomer finds in the README how to add the company's own rules (try13 fault 11): a section
of its own whose commands the CLI accepts, which says what the listing calls such documents
(status.KIND_LABELS, what `ipms corpus list` prints) and which questions then work."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from assistant.answer.status import KIND_LABELS
from assistant.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"^## [^\n]*own rules[^\n]*\n(.*?)(?=^## )", text, re.M | re.S)
    assert found, "no README section on adding the company's own rules"
    return found.group(1)


def test_the_section_names_the_listing_label_and_the_questions_that_work():
    section = _section()
    assert f'"{KIND_LABELS["company"]["en"]}"' in section
    for said in ("--dry-run", "第十八条", "制度什么时候开始施行", "--profile", "OCR", "Train"):
        assert said in section, said


def test_every_command_in_the_section_is_one_the_cli_accepts():
    commands = [line.split("#")[0].strip() for line in _section().splitlines()
                if line.startswith("ipms ")]
    assert any(c.startswith("ipms corpus add") for c in commands)
    runner = CliRunner()
    for command in commands:
        args = shlex.split(command)[1:]
        # --help after the arguments: click parses (and rejects unknown options) but runs nothing
        done = runner.invoke(cli, [a for a in args if not a.endswith((".docx", ".pdf"))]
                             + ["--help"])
        assert done.exit_code == 0, (command, done.output)
