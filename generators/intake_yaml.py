"""Reading a questionnaire's YAML safely: bounded size, bounded nesting, no aliases, only plain
data (YAML's safe loader), and a one-phrase reason when it cannot be read.

generators.intake validates what this returns; the CLI and the web app both come through here.
"""
from __future__ import annotations

import re

import yaml

from generators.intake_syntax import explain

MAX_INTAKE_BYTES = 256 * 1024  # the example is 4 KB; the web app's upload limit is 1 MB
MAX_DEPTH = 12  # nesting levels of YAML collections; the schema needs 4


class IntakeLoader(yaml.SafeLoader):
    """YAML's safe loader without aliases (an alias bomb cannot grow) and with bounded nesting
    (a deeply nested file cannot exhaust the stack); a flow list's item holding a comma inside
    brackets, or a company name before its legal form ('Acme, Inc.'), stays one item
    (_rejoined)."""

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
            node = super().compose_node(parent, index)
        finally:
            if not isinstance(event, yaml.ScalarEvent):
                self._depth -= 1
        if isinstance(node, yaml.SequenceNode) and node.flow_style:
            node.value = _rejoined(node.value)
        return node


# the brackets a list item may hold a comma inside: half-width and full-width round brackets
_OPEN, _CLOSE = "(（", ")）"
# a company's legal form, written after its name and a comma ('Acme, Inc.', 'Huaxin Co., Ltd.'):
# an item that is nothing else belongs to the item before it
LEGAL_FORM = re.compile(r"(?:Inc|Ltd|Limited|LLC|L\.L\.C|LLP|Corp|Co|PLC|GmbH|AG|S\.A|S\.p\.A|"
                        r"S\.r\.l|B\.V|N\.V|K\.K|(?:Pte|Pty)\.? Ltd)\.?")


def _unclosed(text: str) -> int:
    """How many round brackets ( or （ `text` opens and does not close."""
    return sum(text.count(c) for c in _OPEN) - sum(text.count(c) for c in _CLOSE)


def _rejoined(items: list) -> list:
    """A flow list's items with those YAML split at a comma inside brackets joined again, as
    the source wrote them: in `[Project Ember (PC action game, in development), B]` YAML reads
    'Project Ember (PC action game' and 'in development)', a consultant one product. Only plain
    (unquoted) scalars are joined, and only up to the item that closes the bracket; a bracket
    never closed (a slip) leaves the items as YAML read them. A plain item that is only a legal
    form (LEGAL_FORM) is joined to the plain item before it: `[Acme, Inc., Beta Ltd]` names two
    companies, not three."""
    out: list = []
    i = 0
    while i < len(items):
        run = [items[i]]
        while (_plain(run[-1]) and _unclosed("".join(n.value for n in run)) > 0
               and i + len(run) < len(items) and _plain(items[i + len(run)])):
            run.append(items[i + len(run)])
        if len(run) > 1 and _unclosed("".join(n.value for n in run)) == 0:
            joined = run[0]
            for node in run[1:]:
                joined = _joined(joined, node)
            out.append(joined)
            i += len(run)
        elif (out and _plain(items[i]) and _plain(out[-1])
              and LEGAL_FORM.fullmatch(str(items[i].value).strip())):
            out[-1] = _joined(out[-1], items[i])
            i += 1
        else:
            out.append(items[i])
            i += 1
    return out


def _plain(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style is None


def _joined(first: yaml.ScalarNode, second: yaml.ScalarNode) -> yaml.ScalarNode:
    """One text scalar from two, with the text between them as the source has it (', '; a
    line break read as a space)."""
    source = getattr(first.end_mark, "buffer", None)
    between = (source[first.end_mark.index:second.start_mark.index]
               if source is not None and source is getattr(second.start_mark, "buffer", None)
               else ", ")
    return yaml.ScalarNode("tag:yaml.org,2002:str",
                           first.value + re.sub(r"\s+", " ", between) + second.value,
                           first.start_mark, second.end_mark, style=None)


class UnreadableIntake(Exception):
    """Why a questionnaire's text cannot even be validated: a phrase such as 'not valid YAML',
    and the line where it was found ('' or ' (line 3)')."""

    def __init__(self, phrase: str, line: str = "", *, path: str = "", zh: str = "",
                 cause: tuple[str, str] = ("", "")) -> None:
        super().__init__(phrase)
        self.phrase, self.line = phrase, line
        self.path, self.zh = path, zh  # the field it is in, and the phrase in Chinese
        self.cause = cause  # why, in English and Chinese ('' when not known)


# IntakeLoader's reasons (their first 8 characters) -> Chinese
_COMPOSER_ZH = {"uses a Y": "使用了 YAML 别名（*name），信息采集表不允许使用",
                "nests de": f"嵌套超过 {MAX_DEPTH} 层"}

# Python's reasons for a date or time that cannot exist -> Chinese
_DATE_ZH = {"month must be in 1..12": "月份应为 1 至 12",
            "day is out of range for month": "该月没有这一天",
            "year 0 is out of range": "年份不能为 0",
            "hour must be in 0..23": "小时应为 0 至 23",
            "minute must be in 0..59": "分钟应为 0 至 59",
            "second must be in 0..59": "秒应为 0 至 59"}


def _bad_scalar(text: str) -> tuple[str, int, str] | None:
    """(field path with 1-based positions, 1-based line, reason) of the first scalar YAML reads
    as a date or number that cannot exist (2026-13-45), or None."""
    try:
        root = yaml.compose(text.removeprefix("\ufeff"), Loader=IntakeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    loader = yaml.SafeLoader("")
    stack = [(root, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack += [(value, f"{path}.{key.value}" if path else str(key.value))
                      for key, value in reversed(node.value)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, f"{path}[{i + 1}]") for i, item in reversed(list(enumerate(
                node.value)))]
        elif isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except ValueError as exc:
                return path or "(top level)", node.start_mark.line + 1, str(exc)[:60]
    return None


def read_mapping(text: str) -> dict:
    """The questionnaire's YAML as a mapping; raises UnreadableIntake with a phrase and line."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_INTAKE_BYTES:
        raise UnreadableIntake(f"larger than {MAX_INTAKE_BYTES // 1024} KB, which no "
                               "questionnaire needs",
                               zh=f"大于 {MAX_INTAKE_BYTES // 1024} KB，信息采集表不会这么大")
    try:
        data = yaml.load(text.removeprefix("\ufeff"), Loader=IntakeLoader)  # noqa: S506
    except yaml.composer.ComposerError as exc:  # our own: an alias, too deep
        line = f" (line {exc.problem_mark.line + 1})" if exc.problem_mark is not None else ""
        raise UnreadableIntake(exc.problem, line, zh=_COMPOSER_ZH.get(exc.problem[:8], "")
                               ) from None
    except (yaml.MarkedYAMLError, yaml.reader.ReaderError) as exc:
        found = explain(exc, text)
        line = f" (line {found.line})" if found.line is not None else ""
        raise UnreadableIntake("not valid YAML", line, zh="不是有效的 YAML",
                               cause=(found.en, found.zh)) from None
    except ValueError as exc:  # a date such as 2026-13-01, an integer of 10,000 digits
        found = _bad_scalar(text)
        if found is None:
            raise UnreadableIntake(f"holds a value that cannot be read ({str(exc)[:60]})") from None
        path, line, reason = found
        what = ("date", "日期") if reason in _DATE_ZH else ("value", "值")
        raise UnreadableIntake(f"{path}: holds a {what[0]} that cannot be read ({reason})",
                               f" (line {line})",
                               path=path, zh=f"{path}：不是有效的{what[1]}（"
                               f"{_DATE_ZH.get(reason, reason)}）") from None
    except (yaml.YAMLError, RecursionError):
        raise UnreadableIntake("not valid YAML", zh="不是有效的 YAML") from None
    if not isinstance(data, dict):
        raise UnreadableIntake("expected a mapping of sections (company, people, ...)",
                               zh="应为各部分（company、people 等）的字段映射")
    return data
