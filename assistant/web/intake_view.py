"""Draft: the questionnaire's problems as the Draft tab shows them, in the user's language, each
with the line of the YAML it is on (the same rules as `ipms intake check`: generators.intake)."""
from __future__ import annotations

from dataclasses import dataclass

import yaml
from pydantic import ValidationError

from generators.intake import MAX_PROBLEMS, Intake
from generators.intake_yaml import UnreadableIntake, read_mapping

_PHRASES: dict[str, tuple[str, str]] = {  # pydantic error type -> (zh, en); {…} from its ctx
    "missing": ("必填项，缺失", "required"),
    "extra_forbidden": ("未知字段（请检查拼写）", "unknown key (check the spelling)"),
    "int_parsing": ("必须是整数", "must be an integer"),
    "int_type": ("必须是整数", "must be an integer"),
    "int_from_float": ("必须是整数", "must be an integer"),
    "greater_than_equal": ("必须 ≥ {ge}", "must be ≥ {ge}"),
    "greater_than": ("必须 > {gt}", "must be > {gt}"),
    "less_than_equal": ("必须 ≤ {le}", "must be ≤ {le}"),
    "less_than": ("必须 < {lt}", "must be < {lt}"),
    "literal_error": ("必须是以下之一：{expected}", "must be one of {expected}"),
    "string_too_short": ("至少 {min_length} 个字符", "at least {min_length} characters"),
    "string_too_long": ("最多 {max_length} 个字符", "at most {max_length} characters"),
    "string_type": ("必须是文字", "must be text"),
    "string_pattern_mismatch": ("格式不符合要求", "is not in the required form"),
    "too_short": ("至少需要 {min_length} 项", "needs at least {min_length} item(s)"),
    "too_long": ("最多 {max_length} 项", "at most {max_length} item(s)"),
    "bool_parsing": ("必须是 true 或 false", "must be true or false"),
    "bool_type": ("必须是 true 或 false", "must be true or false"),
    "date_parsing": ("必须是日期（如 2026-01-31）", "must be a date (e.g. 2026-01-31)"),
    "date_from_datetime_parsing": ("必须是日期（如 2026-01-31）", "must be a date (e.g. 2026-01-31)"),
    "date_type": ("必须是日期（如 2026-01-31）", "must be a date (e.g. 2026-01-31)"),
    "list_type": ("必须是列表（每项以 - 开头）", "must be a list (items start with -)"),
    "dict_type": ("必须是字段映射", "must be a mapping of fields"),
    "model_type": ("必须是字段映射", "must be a mapping of fields"),
    "model_attributes_type": ("必须是字段映射", "must be a mapping of fields"),
    "float_parsing": ("必须是数字", "must be a number"),
}
_UNREADABLE = ("无法读取：{phrase}", "cannot be read: {phrase}")
_YAML_ZH = {"not valid YAML": "不是有效的 YAML", "nested too deeply": "嵌套层次过深",
            "is not a mapping of fields": "不是字段映射"}
_VALUE = ("取值无效：{message}", "{message}")


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


def _message(error: dict, lang: str) -> str:
    kind = error["type"]
    pick = 1 if lang == "en" else 0
    if kind in _PHRASES:
        try:
            return _PHRASES[kind][pick].format(**error.get("ctx", {}))
        except (KeyError, IndexError):
            pass
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return _VALUE[pick].format(message=message)


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
        phrase = _YAML_ZH.get(exc.phrase, exc.phrase) if pick == 0 else exc.phrase
        return [Problem("(file)", line, _UNREADABLE[pick].format(phrase=phrase))]
    if not model_errors:
        return []
    try:
        root = yaml.compose(text.removeprefix("\ufeff"), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        root = None
    lines = text.removeprefix("\ufeff").split("\n")
    out = []
    for error in model_errors[:MAX_PROBLEMS]:
        loc = tuple(error["loc"])
        line = _key_line(root, loc)
        source = lines[line - 1].split(" #")[0].strip() if line and line <= len(lines) else ""
        path = ".".join(str(p) for p in loc) or "(top level)"
        out.append(Problem(path, line, _message(error, lang), source[:80]))
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
