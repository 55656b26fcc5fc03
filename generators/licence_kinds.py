"""What a company licenses in, by kind (templates/licence_kinds.yaml), and the columns of the
Licensed asset scope check (R-78) that follow from it: breeding material is licensed for breeding,
seed production and trials, a dataset for agreed uses with no resale, a model under its acceptable
use policy and user threshold, software for platforms and seats — never software words for a
germplasm or data licence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

_FILE = Path(__file__).resolve().parent / "templates" / "licence_kinds.yaml"


@lru_cache(maxsize=1)
def _table() -> dict:
    return yaml.safe_load(_FILE.read_text(encoding="utf-8"))


def licence_kind(what: str) -> str:
    """The kind of asset a licence is of ('model', 'data', 'material', 'technology', 'mark',
    'software'): the first kind whose words its description matches; software (or another work)
    when none does."""
    for entry in _table()["kinds"]:
        if not entry["words"] or re.search(entry["words"], str(what), re.IGNORECASE):
            return entry["key"]
    return "software"


def licensed_kinds(licences) -> list[str]:
    """The kinds the company's licences (ip.licences_in) are of, in the table's order."""
    found = {licence_kind(lic.what) for lic in licences or []}
    return [e["key"] for e in _table()["kinds"] if e["key"] in found]


def model_licence_terms(what: str, language: str) -> str:
    """The terms of the model licence `what` names (licence_kinds.yaml model_licences: Llama's
    acceptable use policy, user threshold and attribution …), or what to check in a licence the
    table does not list."""
    column = "zh" if language == "zh" else "en"
    for entry in _table()["model_licences"]:
        if not entry["words"] or re.search(entry["words"], str(what), re.IGNORECASE):
            return entry["terms"][column]
    return ""


def base_name(what: str) -> str:
    """'Llama 3': the name of a licensed model as a model derived from it names its base — the
    description before '基础模型', 'base model', a bracket or a comma."""
    return re.split(r"\s*(?:基础模型|预训练模型|开源模型|\bbase model|\bmodel\b|[（(，,])", str(what),
                    maxsplit=1, flags=re.IGNORECASE)[0].strip()


def scope_columns(licences, language: str) -> dict[str, str]:
    """R-78's column labels for these licences: {'use': '许可的使用方式（育种、制种、试验）',
    'amount': …, 'duties': …, 'now': …} — each heading followed by what the kinds licensed ask
    for; '' for a column none of them asks for (left out of the form). Without licences: the
    software wording (the form is drafted only for a company licensing something in)."""
    kinds = licensed_kinds(licences) or ["software"]
    table = _table()
    column = "zh" if language == "zh" else "en"
    entries = [e for e in table["kinds"] if e["key"] in kinds]
    labels = {}
    for name in ("use", "amount", "duties"):
        items = [e[name][column] for e in entries if e.get(name)]
        if not items:
            labels[name] = ""
            continue
        heading = table["headings"][name][column]
        labels[name] = (f"{heading}（{'；'.join(items)}）" if column == "zh"
                        else f"{heading} ({'; '.join(items)})")
    labels["now"] = table["headings"]["now"][column]
    return labels
