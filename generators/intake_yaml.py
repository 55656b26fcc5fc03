"""Reading a questionnaire's YAML safely: bounded size, bounded nesting, no aliases, only plain
data (YAML's safe loader), and a one-phrase reason when it cannot be read.

generators.intake validates what this returns; the CLI and the web app both come through here.
"""
from __future__ import annotations

import yaml

MAX_INTAKE_BYTES = 256 * 1024  # the example is 4 KB; the web app's upload limit is 1 MB
MAX_DEPTH = 12  # nesting levels of YAML collections; the schema needs 4


class _IntakeLoader(yaml.SafeLoader):
    """YAML's safe loader without aliases (an alias bomb cannot grow) and with bounded nesting
    (a deeply nested file cannot exhaust the stack)."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "uses a YAML alias (*name), which an "
                                              "intake does not allow", event.start_mark)
        if not isinstance(event, yaml.ScalarEvent):
            self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nests deeper than {MAX_DEPTH} "
                                                  "levels", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            if not isinstance(event, yaml.ScalarEvent):
                self._depth -= 1


class UnreadableIntake(Exception):
    """Why a questionnaire's text cannot even be validated: a phrase such as 'not valid YAML',
    and the line where it was found ('' or ' (line 3)')."""

    def __init__(self, phrase: str, line: str = "") -> None:
        super().__init__(phrase)
        self.phrase, self.line = phrase, line


def read_mapping(text: str) -> dict:
    """The questionnaire's YAML as a mapping; raises UnreadableIntake with a phrase and line."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_INTAKE_BYTES:
        raise UnreadableIntake(f"larger than {MAX_INTAKE_BYTES // 1024} KB, which no "
                               "questionnaire needs")
    try:
        data = yaml.load(text.removeprefix("\ufeff"), Loader=_IntakeLoader)  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem if isinstance(exc, yaml.composer.ComposerError) else "not valid YAML"
        line = f" (line {exc.problem_mark.line + 1})" if exc.problem_mark is not None else ""
        raise UnreadableIntake(problem, line) from None
    except ValueError as exc:  # a date such as 2026-13-01, an integer of 10,000 digits
        raise UnreadableIntake(f"holds a value that cannot be read ({str(exc)[:60]})") from None
    except (yaml.YAMLError, RecursionError):
        raise UnreadableIntake("not valid YAML") from None
    if not isinstance(data, dict):
        raise UnreadableIntake("expected a mapping of sections (company, people, ...)")
    return data
