"""How long each record is kept: one source, the intake's `documents.retention_years`, else the
default of P-02 5.7 for the record's kind (generators/retention.yaml).

The texts (`retention.R21` in a template: the intake's years, or None when the intake names no
period for that record; generators.plan sets it) take `record_years`; P-02 5.7 states the
defaults of the kinds the intake sets no period for (`retention.defaults`, from retention.yaml);
the record list (R05, generators.registers) prints `record_period`, which falls back to the
same defaults, so no record's period is blank; the package lint (generators.lint_retention)
reads the list back.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from generators.intake import Intake
from generators.templates_io import Form

# what an intake calls its other records ({其他: 3}): the period of every record not named
OTHER_KINDS = ("其他", "其它", "其他记录", "其它记录", "other", "others", "other records")
# words a retention kind may end with that say nothing about which records it means
_GENERIC = ("记录", "资料", "文件", "档案", "records", "record", "documents", "document", "data",
            "files")


def _core(kind: str) -> str:
    text = kind.strip().lower()
    for word in _GENERIC:
        if text.endswith(word) and len(text) > len(word):
            return text[: -len(word)].strip(" 及和与、&")
    return text


def record_years(intake: Intake, form: Form) -> int | None:
    """Years to keep `form`'s records, from documents.retention_years: a kind applies to the form
    when one of the form's `record_kind` words (forms.yaml) occurs in it ('研发' in '源代码及研发记
    录', 'contract' in 'contracts'), or when the kind, less a generic ending (记录, records),
    occurs in the form's title ('临床试验资料' and a form titled 临床试验…). Several kinds: the
    longest period. None of them: the kind named 其他 / other, if any; else None."""
    periods = intake.documents.retention_years or {}
    words = [str(w).lower() for w in form.content.get("record_kind", [])]
    titles = [t.lower() for t in form.title.values()]
    found = [years for kind, years in periods.items()
             if kind.strip().lower() not in OTHER_KINDS
             and (any(w and w in kind.lower() for w in words)
                  or any(_core(kind) and _core(kind) in t for t in titles))]
    if found:
        return max(found)
    other = [years for kind, years in periods.items() if kind.strip().lower() in OTHER_KINDS]
    return other[0] if other else None


@dataclass(frozen=True)
class DefaultRule:
    """P-02 5.7's default period for one kind of record (retention.yaml `rule`, its years
    filled in): the sentence in each language, e.g. zh '合同及其审查记录保存至合同履行完毕后至少5年'."""

    kind: str
    years: int
    zh: str
    en: str


class RecordPeriods(dict):
    """The templates' `retention`: {form code: years or None} for every form (`retention.R21`:
    the intake's years, None when it names no period for that record), and `defaults`: the
    DefaultRules of the kinds of record the intake sets no period for, in retention.yaml's
    order (none when it names a period for other records: 其他 / other)."""

    def __init__(self, periods: dict[str, int | None], defaults: list[DefaultRule]):
        super().__init__(periods)
        self.defaults = defaults


def record_periods(intake: Intake, forms: Iterable[Form]) -> RecordPeriods:
    """The templates' `retention` (RecordPeriods) for every form."""
    return RecordPeriods({form.code: record_years(intake, form) for form in forms},
                         default_rules(intake))


def default_rules(intake: Intake) -> list[DefaultRule]:
    """The default periods P-02 5.7 states (retention.yaml `rule`): one per kind whose
    `named_by` words no kind of documents.retention_years contains ('合同' in '合同及协议'), in
    the file's order; none when the intake names a period for other records (the last kind's
    words: 其他 / other), which then sets every period not named."""
    named = " ".join(intake.documents.retention_years or {}).lower()
    kinds = _default_kinds()
    if any(str(word).lower() in named for word in kinds[-1].get("named_by", [])):
        return []
    return [DefaultRule(k["name"], k["years"], k["rule"]["zh"].format(n=k["years"]),
                        k["rule"]["en"].format(n=k["years"]))
            for k in kinds if not any(str(w).lower() in named for w in k.get("named_by", []))]


DEFAULTS_PATH = Path(__file__).with_name("retention.yaml")


@lru_cache(maxsize=1)
def _default_kinds() -> list[dict]:
    return yaml.safe_load(DEFAULTS_PATH.read_text(encoding="utf-8"))["kinds"]


def default_kind(form: Form) -> dict:
    """The kind of record P-02's defaults give `form` (retention.yaml: code listed, or a word in
    its Chinese title or `record_kind`); the last kind (other records) otherwise."""
    kinds = _default_kinds()
    text = form.title.get("zh", "") + " " + " ".join(map(str, form.content.get("record_kind", [])))
    return next((k for k in kinds if form.code in k["forms"]
                 or any(w in text for w in k["words"])), kinds[-1])


def record_period(intake: Intake, form: Form, language: str) -> str:
    """The period the record list prints for `form` ('10年', '权利终止后5年', '10 years'): the
    intake's years when a kind of documents.retention_years applies, else P-02's default."""
    years = record_years(intake, form)
    if years is not None:
        return "{n}年".format(n=years) if language == "zh" else f"{years} years"
    kind = default_kind(form)
    return kind["label"][language].format(n=kind["years"])
