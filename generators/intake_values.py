"""Free-text answers of an intake written in the other language, as warnings for `ipms intake
check` (generators.intake.check_intake adds them), in the intake's language with the YAML line.

The package is drafted in the intake's language (its company name's: generators.intake_report.
intake_language), and the answers are printed into the documents as they are: 'industry: 批发贸易'
in an English intake gives 'It belongs to the 批发贸易 industry'. So an English intake warns of
each answer holding Chinese characters, and a Chinese intake of each answer written in English
words (at least two words of two or more Latin letters, not acronyms, and no Chinese: 'Advanced
materials', not 'ISO/IEC 17025', 'ZH-Coat 3000' or 'A/0'). Identifiers and codes (department keys, the numbering
scheme, domain names, e-mail addresses, the credit code, the short name) are not prose and are
not read. Proper names are not prose either: a person's name (people, department heads and IP
liaisons, the legal representative, who drafts, reviews and approves) and the name of another
organisation (a licensor, the IP agency, an R&D partner), and a product named by its brand
alone ('Moonlit Tide'), written in Latin letters is how that person, organisation or product is
named — a foreign general manager's 'Daniel Whitfield' is printed so
in a Chinese package — and no warning. The intake stays valid: a warning only.
"""
from __future__ import annotations

import re

from assistant.textutil import has_cjk
from generators.intake_report import Problem, _line, field_path

_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]*[a-z][A-Za-z]*(?![A-Za-z])")  # not an acronym
# answers that are codes or identifiers, not text a document's sentences are made of
_NOT_PROSE = {"key", "short_name", "numbering", "domain_names", "credit_code", "email",
              "version", "effective_date", "standard", "functions", "business_model",
              "export_mode", "modes", "records", "stage", "revenue_band", "ip_department",
              "ip_work_mode", "kind", "registration_no"}


# fields that hold a person's or another organisation's name (module docstring)
_NAME_FIELDS = {"head", "ip_liaison", "legal_representative", "drafted_by", "reviewed_by",
                "approved_by", "licensor", "agency", "co_owners", "pledgee"}


def proper_name(loc: tuple, text: str = "") -> bool:
    """Whether the answer `text` at `loc` (a model_dump location) is a person's or another
    organisation's name: a name field (_NAME_FIELDS), a person's `name` under people, an R&D
    partner — or a product named by its brand alone (brand_name: 'Moonlit Tide', not 'Moonlit
    Tide (mobile RPG)', whose description is English text)."""
    keys = [k for k in loc if isinstance(k, str)]
    return bool(keys) and (keys[-1] in _NAME_FIELDS or (keys[0] == "people" and keys[-1] == "name")
                           or keys[:2] == ["rd", "partners"]
                           or (keys[:2] == ["company", "products"] and brand_name(text)))


def brand_name(text: str) -> bool:
    """Whether `text` is a name in Latin letters and nothing else: every word capitalised or a
    code ('Moonlit Tide', 'Yunzhan Workspace 3', 'ZH-Coat 3000'), no lower-case word of a
    description ('mobile RPG', 'casual mobile game')."""
    words = re.findall(r"[A-Za-z][\w'&.-]*", text)
    return bool(words) and not re.search(r"[(（]", text) and all(w[0].isupper() for w in words)


def _answers(value, loc: tuple = ()):
    """(location, text) of every string of the intake's model_dump."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_PROSE:
                yield from _answers(item, loc + (key,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _answers(item, loc + (i,))


def other_language(text: str, language: str) -> bool:
    """Whether `text` is written in the language other than `language` (module docstring)."""
    if language == "en":
        return has_cjk(text)
    return not has_cjk(text) and len([w for w in _WORD.findall(text) if len(w) > 1]) >= 2


def language_problems(intake, root, lang: str) -> list[Problem]:
    """A warning for each free-text answer of `intake` written in the other language than
    `lang` (the intake's), with its field path and YAML line (module docstring)."""
    out = []
    for loc, text in _answers(intake.model_dump(mode="python", exclude_none=True)):
        if not other_language(text, lang) or (lang == "zh" and proper_name(loc, text)):
            continue
        shown = text if len(text) <= 30 else text[:30] + "…"
        out.append(Problem(field_path(loc), _line(root, loc) if root is not None else None,
                           f"写的是英文（{shown}）——中文文件包会原样印出，请用中文填写"
                           if lang == "zh" else
                           f"written in Chinese ({shown}) — an English package prints it as it "
                           "is; give it in English", kind="language"))
    return out


SHOWN_LINES = 5  # the YAML lines a summary names before '…'


def language_summary(problems: list[Problem], lang: str, intake_lang: str) -> str:
    """One line for many answers in the other language (`problems`, language_problems'), as
    `ipms draft` prints it in `lang` (the package's): how many, their first lines, where all are
    listed and — when the whole intake is in the other language (`intake_lang`, drafted with
    --lang) — how to get a package in one language."""
    lines = [str(p.line) for p in problems if p.line is not None]
    more = len(lines) > SHOWN_LINES
    n = len(problems)
    if lang == "zh":
        where = f"第 {'、'.join(lines[:SHOWN_LINES])}{'…' if more else ''} 行；" if lines else ""
        text = (f"警告：{n} 项回答写的是英文（{where}全部列在 coverage.md）——中文文件包会原样印出")
        return text + ("；信息采集表是英文的：用 --lang en 起草英文文件包，或提供中文信息采集表"
                       if intake_lang != lang else "")
    where = (f"line{'s' if len(lines) > 1 else ''} {', '.join(lines[:SHOWN_LINES])}"
             f"{', …' if more else ''}; " if lines else "")
    text = (f"warning: {n} answers are written in Chinese ({where}all listed in coverage.md) — "
            "an English package prints them as they are")
    return text + ("; the intake is in Chinese: draft with --lang zh for a Chinese package, or "
                   "give an English intake" if intake_lang != lang else "")
