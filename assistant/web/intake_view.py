"""Draft: the questionnaire's problems as the Draft tab shows them, in the user's language, each
with the line of the YAML it is on (the same rules as `ipms intake check`: generators.intake)."""
from __future__ import annotations

from dataclasses import dataclass

import yaml
from pydantic import ValidationError

from generators.intake import MAX_PROBLEMS, Intake
from generators.intake_report import compose, error_loc, field_path, message
from generators.intake_yaml import UnreadableIntake, read_mapping

_UNREADABLE = ("无法读取：{phrase}", "cannot be read: {phrase}")
_YAML_ZH = {"not valid YAML": "不是有效的 YAML", "nested too deeply": "嵌套层次过深",
            "is not a mapping of fields": "不是字段映射"}


@dataclass(frozen=True)
class Problem:
    """One problem: the field's dotted path, the 1-based YAML line it is on (None: unknown),
    the message in the language asked for, and the text of that line."""

    path: str
    line: int | None
    message: str
    source: str = ""


def _node_at(root, loc: tuple) -> tuple[object, bool]:
    """The YAML node at pydantic's `loc`, or the deepest existing one; True when found."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((value for key, value in node.value if key.value == str(part)), None)
            if match is None:
                return node, False
            node = match if not isinstance(match, yaml.ScalarNode) else match
            # a key with a scalar value: that line; keep the key's line for collections
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return node, False
    return node, True


def _key_line(root, loc: tuple) -> int | None:
    if root is None:
        return None
    parent, _ = _node_at(root, loc[:-1]) if loc else (root, True)
    if loc and isinstance(parent, yaml.MappingNode):
        for key, _value in parent.value:
            if key.value == str(loc[-1]):
                return key.start_mark.line + 1
    node, _ = _node_at(root, loc)
    return node.start_mark.line + 1


def intake_problems(text: str, lang: str = "zh") -> list[Problem]:
    """Every problem of the questionnaire `text`, with its line; [] when it is valid."""
    pick = 1 if lang == "en" else 0
    try:
        data = read_mapping(text)
        model_errors = []
        try:
            Intake.model_validate(data)
        except ValidationError as exc:
            model_errors = exc.errors()
        except RecursionError:
            raise UnreadableIntake("nested too deeply") from None
    except UnreadableIntake as exc:
        line = int(exc.line.strip(" ()").removeprefix("line ")) if exc.line else None
        phrase = (exc.zh or _YAML_ZH.get(exc.phrase, exc.phrase)) if pick == 0 else exc.phrase
        cause = exc.cause[1 - pick]  # (en, zh): what the YAML mistake is, when known
        phrase += (("：" if pick == 0 else ": ") + cause) if cause else ""
        return [Problem("(file)", line, _UNREADABLE[pick].format(phrase=phrase))]
    if not model_errors:
        return []
    root = compose(text)
    lines = text.removeprefix("\ufeff").split("\n")
    out = []
    for error in model_errors[:MAX_PROBLEMS]:
        loc = error_loc(error)  # a repeated department name: the repeating one's name
        line = _key_line(root, loc)
        source = lines[line - 1].split(" #")[0].strip() if line and line <= len(lines) else ""
        # The command line's wording (generators.intake_report): positions from 1, values in
        # the user's language.
        out.append(Problem(field_path(loc), line, message(error, lang), source[:80]))
    return out


def problems_markdown(problems: list[Problem], lang: str) -> str:
    """The problems as a Markdown list: line, field, message, and the line's text."""
    from assistant.web.messages import t

    if not problems:
        return t("intake_valid", lang)
    rows = [t("intake_problems", lang, n=len(problems))]
    for p in problems:
        where = f"{t('line', lang, n=p.line)} · " if p.line else ""
        shown = f" — `{p.source}`" if p.source else ""
        rows.append(f"- {where}`{p.path}`: {p.message}{shown}")
    return "\n".join(rows)
