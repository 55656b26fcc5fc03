"""The works that are a company's product (intake `ip.works`: design drawings, survey reports,
manuscripts …) and the people who make them, worded from templates/works.yaml: which of the works
are delivered under contracts and which are bids the company submits, who makes them (the
departments that do and what they are called: 建筑设计所和结构设计所的设计人员) and what they
commonly take from others (标准图集、设计软件、字体和图库图片). The templates see them as
`says.deliverables`, `says.bids`, `says.authors`, `says.makers`, `says.work_sources` and
`says.work_contracts`."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

WORKS_FILE = Path(__file__).parent / "templates" / "works.yaml"


@functools.lru_cache(maxsize=2)
def _table(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _has(text: str, words: list[str]) -> bool:
    """Whether one of `words` occurs in `text` (English words case-blind)."""
    folded = text.casefold()
    return any(str(word).casefold() in folded for word in words)


def split_works(works: list[str] | None, path: Path = WORKS_FILE) -> tuple[list[str], list[str]]:
    """(works delivered under contracts, bids submitted): a work naming a bid (works.yaml
    `bids`: 投标文件, bid documents) is submitted when the company bids, never delivered under
    a design or service contract."""
    words = _table(path).get("bids", [])
    items = [str(w) for w in works or []]
    bids = [w for w in items if _has(w, words)]
    return [w for w in items if w not in bids], bids


def bids(intake, path: Path = WORKS_FILE) -> bool:
    """Whether the company takes part in tenders: a work it names is a bid (投标文件, bid
    documents), or its business scope or processes name bidding (works.yaml `bids`; English
    words whole: 'forbidden' is no bid). A studio publishing through a publisher does not."""
    words = [str(w) for w in _table(path).get("bids", [])]
    if split_works(intake.ip.works, path)[1]:
        return True
    text = " ".join([intake.company.business_scope or "", *map(str, intake.company.processes)])
    return any((re.search(rf"(?i)\b{re.escape(w)}", text) if w.isascii() else w in text)
               for w in words)


def makers(works: list[str] | None, language: str, path: Path = WORKS_FILE,
           kinds: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """{'makers': who makes the works ('设计人员' / 'designers'), 'sources': what they take from
    others ('标准图集、设计软件、字体和图库图片'), 'contracts': the contracts the works are
    delivered under ('设计合同、委托创作合同和服务合同')} for the kinds of `works`, from
    works.yaml's first entry whose words one of them names (else its last entry); an entry with
    `kinds` applies only to a company of one of those kinds (`kinds`: the derived kind.* that
    hold, e.g. {'manufacturing', 'physical_goods'}: a manufacturer's product drawings are made by
    R&D engineers with CAD and standard-part libraries, not by a design institute's designers
    with standard drawing sets); '' for each without works. 'rd_staff': whether the makers are
    the company's R&D staff (the entry's `rd_staff`)."""
    items = [str(w) for w in works or []]
    none = {"makers": "", "sources": "", "contracts": ""}
    if not items:
        return none
    entries = _table(path).get("makers", [])
    lang = language if language in ("zh", "en") else "en"
    for entry in entries:
        if entry.get("kinds") and not set(entry["kinds"]) & set(kinds):
            continue
        if "words" not in entry or any(_has(w, entry["words"]) for w in items):
            return {**none, **entry[lang], "rd_staff": bool(entry.get("rd_staff"))}
    return none
