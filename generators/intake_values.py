"""Free-text answers of an intake written in the other language, as warnings for `ipms intake
check` (generators.intake.check_intake adds them), in the intake's language with the YAML line.

The package is drafted in the intake's language (its company name's: generators.intake_report.
intake_language), and the answers are printed into the documents as they are: 'industry: 批发贸易'
in an English intake gives 'It belongs to the 批发贸易 industry'. So an English intake warns of
each answer holding Chinese characters, and a Chinese intake of each answer written in English
words (at least two words of two or more Latin letters, not acronyms, and no Chinese: 'Advanced
materials', not 'ISO/IEC 17025', 'ZH-Coat 3000' or 'A/0'). Identifiers and codes (department keys, the numbering
scheme, domain names, e-mail addresses, the credit code, the short name) are not prose and are
not read. The intake stays valid: a warning only.
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
              "ip_work_mode"}


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
        if not other_language(text, lang):
            continue
        shown = text if len(text) <= 30 else text[:30] + "…"
        out.append(Problem(field_path(loc), _line(root, loc) if root is not None else None,
                           f"写的是英文（{shown}）——中文文件包会原样印出，请用中文填写"
                           if lang == "zh" else
                           f"written in Chinese ({shown}) — an English package prints it as it "
                           "is; give it in English"))
    return out
