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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from rapidfuzz import fuzz, process, utils

from assistant.textutil import has_cjk
from generators.intake import Intake
from generators.intake_report import Problem, _line
from generators.templates_io import Form, TemplateSet

# what an intake calls its other records ({其他: 3}): the period of every record not named
OTHER_KINDS = ("其他", "其它", "其他记录", "其它记录", "other", "others", "other records")
# how many record forms a warning offers for a key that names none, and by language the rapidfuzz
# scorer and the least score (0-100) one needs to be offered: characters for Chinese, whole words
# for English (by characters 'test records' came nearest to 'Document change request')
NEAREST = 3
NEAREST_SCORE = {"zh": (fuzz.WRatio, 55.0), "en": (fuzz.token_set_ratio, 60.0)}
# words a retention kind may end with that say nothing about which records it means
_GENERIC = ("记录", "资料", "文件", "档案", "records", "record", "documents", "document", "data",
            "files")


def _core(kind: str) -> str:
    text = kind.strip().lower()
    for word in _GENERIC:
        if text.endswith(word) and len(text) > len(word):
            return text[: -len(word)].strip(" 及和与、&")
    return text


def kind_applies(kind: str, form: Form) -> bool:
    """Whether the documents.retention_years key `kind` names `form`'s records: one of the
    form's `record_kind` words (forms.yaml) occurs in it, or the kind less a generic ending
    (记录, records) occurs in one of the form's titles."""
    words = [str(w).lower() for w in form.content.get("record_kind", [])]
    core = _core(kind)
    return (any(w and w in kind.lower() for w in words)
            or any(core and core in t.lower() for t in form.title.values()))


def record_years(intake: Intake, form: Form) -> int | None:
    """Years to keep `form`'s records, from documents.retention_years: a kind applies to the form
    when one of the form's `record_kind` words (forms.yaml) occurs in it ('研发' in '源代码及研发记
    录', 'contract' in 'contracts'), or when the kind, less a generic ending (记录, records),
    occurs in the form's title ('临床试验资料' and a form titled 临床试验…). Several kinds: the
    longest period. None of them: the kind named 其他 / other, if any; else None."""
    periods = intake.documents.retention_years or {}
    found = [years for kind, years in periods.items()
             if kind.strip().lower() not in OTHER_KINDS and kind_applies(kind, form)]
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


def unmatched_kinds(intake: Intake, forms: Iterable[Form]) -> list[str]:
    """The keys of documents.retention_years that name no form's records (kind_applies) and
    are not other records (其他 / other): their periods apply to nothing, so the record list
    (R-05) prints P-02's default for the records they were meant for."""
    forms = list(forms)
    return [kind for kind in intake.documents.retention_years or {}
            if kind.strip().lower() not in OTHER_KINDS
            and not any(kind_applies(kind, form) for form in forms)]


def nearest_forms(kind: str, forms: Iterable[Form], language: str) -> list[str]:
    """Up to NEAREST titles (in `language`) of the forms whose titles are nearest to `kind` less
    its generic ending (rapidfuzz, NEAREST_SCORE), best first: what a mistyped
    key could mean ('研发纪录' -> ['研发记录']); none when no title is near. An English title
    is near only when it also has a word like one of the key's own words (shares_word):
    'user content reports' is not 'Patent search report' for sharing 'report' and letters."""
    titles = list(dict.fromkeys(form.title[language] for form in forms))
    scorer, cutoff = NEAREST_SCORE[language]
    found = process.extract(_core(kind), titles, scorer=scorer, limit=NEAREST,
                            processor=utils.default_process, score_cutoff=cutoff)
    return [title for title, _score, _index in found
            if language == "zh" or shares_word(kind, title)]


# English words of a retention key or a form title that say what kind of paper it is, not what
# it is about; and how alike (rapidfuzz ratio, 0-100) two words must be to be the same word
# mistyped ('serach' and 'search')
_PAPER_WORDS = frozenset(("report", "reports", "record", "records", "register", "registers",
                          "list", "lists", "form", "forms", "sheet", "sheets", "log", "logs",
                          "document", "documents", "data", "file", "files", "and", "of", "the",
                          "for", "on", "in", "ip"))
WORD_SCORE = 80.0


def shares_word(kind: str, title: str) -> bool:
    """Whether the retention key `kind` and a form `title` have a word in common that says
    what the record is about (not report, record, list …: _PAPER_WORDS), mistyped or in the
    plural ('serach' ~ 'search', 'contracts' ~ 'contract')."""
    def words(text: str) -> list[str]:
        return [w for w in re.findall(r"[a-z]+", text.casefold()) if w not in _PAPER_WORDS]
    return any(fuzz.ratio(a, b) >= WORD_SCORE for a in words(kind) for b in words(title))


def kind_words(forms: Iterable[Form], language: str) -> list[str]:
    """The forms' `record_kind` words in `language` (Chinese ones for zh), in file order, once
    each: the short keys retention_years takes ('合同', '培训', 'training')."""
    words = [str(w) for form in forms for w in form.content.get("record_kind", [])]
    return list(dict.fromkeys(w for w in words if has_cjk(w) == (language == "zh")))



def retention_problems(intake: Intake, root=None, lang: str = "zh",
                       templates: TemplateSet | None = None) -> list[Problem]:
    """A warning (intake check, draft) for each documents.retention_years key that names no
    record form (unmatched_kinds), in `lang`: the key, its YAML line (`root`: the node tree,
    None for no line), what happens — P02 states the period as a kind of record, no form carries
    it and the records list (R05) gives the forms P02's default periods — and what a form meant
    could be — the nearest forms' titles, else the record_kind words. `templates`:
    the shipped ones by default."""
    templates = templates or TemplateSet()
    forms = templates.forms
    listed = next(f.title[lang] for f in forms if f.code == "R05")
    procedure = next(p.title[lang] for p in templates.procedures if p.code == "P02")
    out = []
    for kind in unmatched_kinds(intake, forms):
        near = nearest_forms(kind, forms, lang)
        words = kind_words(forms, lang)
        years = intake.documents.retention_years[kind]
        if lang == "zh":
            text = (f"保存期限“{kind}”不对应任何记录表单：《{procedure}》将其作为一类记录的期限写明"
                    f"（{kind}保存{years}年），但没有记录表单载明这一期限，《{listed}》中的各表单仍按"
                    f"《{procedure}》的默认期限填写——" + (
                        f"如指某一表单，是否为：{'、'.join(near)}？" if near else
                        f"如指某一表单，请用记录表单的名称或其中的词（{'、'.join(words)}）"))
        else:
            text = (f"the retention period '{kind}' names no record form: the {procedure.lower()} "
                    f"states it as a kind of record ({kind} kept for {years} years), but no "
                    f"record form carries it and the {listed.lower()} gives the forms the "
                    f"default periods of the {procedure.lower()} — " + (
                        f"if a form is meant, did you mean: {'; '.join(near)}?" if near else
                        f"if a form is meant, use its title or a word of it ({', '.join(words)})"))
        out.append(Problem(f"documents.retention_years.{kind}",
                           _line(root, ("documents", "retention_years", kind)), text))
    return out
