"""Registers pre-filled from what the package and the intake already know.

A ledger of forms.yaml may name a `register`; its rows are then filled in here, one row per
thing the package or the intake holds, and `blank_rows` blank rows follow for additions. A column
takes a value with `from: <key>` (the keys of each register are listed in REGISTERS):

- documents  every controlled document of this package: the manual, each procedure, each form
- records    every record form of this package, with the department keeping it and its
             retention period (documents.retention_years, matched as `retention` explains)
- objectives the company's IP objectives (policy.objectives)
- trade_secrets the trade secrets the intake names (ip.trade_secret_examples)
- clauses    the requirement clauses of the standard the package is drafted to (an audit
             checklist); an excluded clause says so with the reason
"""
from __future__ import annotations

from collections.abc import Callable

from assistant.errors import IpmsError
from generators.plan import PackagePlan
from generators.templates_io import Form, TemplateSet

WORDS = {
    "zh": {"manual": "手册", "procedure": "程序文件", "form": "记录表单", "years": "{n}年",
           "excluded": "删减"},
    "en": {"manual": "Manual", "procedure": "Procedure", "form": "Form", "years": "{n} years",
           "excluded": "excluded"},
}
# what an intake calls its other records ({其他: 3}): the period of every record not named
OTHER_KINDS = ("其他", "其它", "其他记录", "其它记录", "other", "others", "other records")
# words a retention kind may end with that say nothing about which records it means
_GENERIC = ("记录", "资料", "文件", "档案", "records", "record", "documents", "document", "data",
            "files")

Row = dict[str, str]


def keeper(plan: PackagePlan, form: Form) -> str:
    """The department that keeps `form`'s records: forms.yaml `keeper` (a function such as hr,
    rd, admin), the department with that function; the IP department by default. The same
    value the texts print as `keeper.<code>` (generators.plan.keeper_department)."""
    return plan.context["keeper"][form.code]


def _core(kind: str) -> str:
    text = kind.strip().lower()
    for word in _GENERIC:
        if text.endswith(word) and len(text) > len(word):
            return text[: -len(word)].strip(" 及和与、&")
    return text


def retention(plan: PackagePlan, form: Form) -> int | None:
    """Years to keep `form`'s records, from documents.retention_years: a kind applies to the form
    when one of the form's `record_kind` words (forms.yaml) occurs in it ('研发' in '源代码及研发记
    录', 'contract' in 'contracts'), or when the kind, less a generic ending (记录, records),
    occurs in the form's title ('临床试验资料' and a form titled 临床试验…). Several kinds: the
    longest period. None of them: the kind named 其他 / other, if any; else None."""
    periods = plan.intake.documents.retention_years or {}
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


def _documents(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    lang, docno, docs = plan.language, plan.context["docno"], plan.intake.documents
    words, ip = WORDS[lang], plan.context["dept"]["ip"]
    entries = [(docno["M01"], templates.manual(lang)["labels"]["manual_title"], words["manual"])]
    entries += [(docno[p.code], p.title[lang], words["procedure"]) for p in plan.procedures]
    entries += [(docno[f.code], f.title[lang], words["form"]) for f in plan.forms]
    return [{"number": number, "title": title, "version": docs.version, "category": category,
             "department": ip, "issue_date": docs.effective_date.isoformat(), "keeper": ip}
            for number, title, category in entries]


def _records(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    lang, docno = plan.language, plan.context["docno"]
    titles = {p.code: p.title[lang] for p in templates.procedures}
    rows = []
    for form in plan.forms:
        years = retention(plan, form)
        rows.append({"number": docno[form.code], "title": form.title[lang],
                     "procedure": f"{docno[form.procedure]} {titles[form.procedure]}",
                     "keeper": keeper(plan, form),
                     "retention": WORDS[lang]["years"].format(n=years) if years else ""})
    return rows


def _objectives(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    return [{"objective": o} for o in plan.intake.policy.objectives]


def _trade_secrets(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    return [{"name": s} for s in plan.intake.ip.trade_secret_examples]


def _clauses(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    excluded = WORDS[plan.language]["excluded"]
    rows = []
    for c in plan.clauses:
        what = c.title
        if c.status == "excluded":
            what = (f"{c.title}（{excluded}：{c.reason}）" if plan.language == "zh"
                    else f"{c.title} ({excluded}: {c.reason})")
        rows.append({"clause": c.label, "title": what})
    return rows


REGISTERS: dict[str, tuple[Callable[[PackagePlan, TemplateSet], list[Row]], tuple[str, ...]]] = {
    "documents": (_documents, ("number", "title", "version", "category", "department",
                               "issue_date", "keeper")),
    "records": (_records, ("number", "title", "procedure", "keeper", "retention")),
    "objectives": (_objectives, ("objective",)),
    "trade_secrets": (_trade_secrets, ("name",)),
    "clauses": (_clauses, ("clause", "title")),
}


def _known(name: str) -> None:
    if name not in REGISTERS:
        raise IpmsError(f"forms.yaml names an unknown register '{name}'; the registers are "
                        f"{', '.join(REGISTERS)}")


def register_rows(name: str, plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """The pre-filled rows of register `name` (REGISTERS), each {key: text}; every row also has
    `seq` ('1', '2', ...). IpmsError naming the registers there are for an unknown name."""
    _known(name)
    rows = REGISTERS[name][0](plan, templates)
    return [{"seq": str(i), **row} for i, row in enumerate(rows, start=1)]


def check_columns(name: str, keys: list[str]) -> None:
    """IpmsError when `name` is no register or a column takes a value (`from:`) it does not
    have."""
    _known(name)
    known = ("seq",) + REGISTERS[name][1]
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise IpmsError(f"forms.yaml: register '{name}' has no value '{unknown[0]}'; it has "
                        f"{', '.join(known)}")
