"""What the law says of a right held with others, and where a pledge of it is registered, by
kind of right (templates/right_kinds.yaml: patent, trademark, copyright).

Co-owned rights (ip.co_owned) follow the co-owners' agreement; without one, each kind has its own
rule: 专利法 第十四条 for a patent, 商标法 第五条 for a mark (the co-owners jointly enjoy and
exercise the right), 著作权法 第十四条 with 著作权法实施条例 第九条 (and 计算机软件保护条例 第十条 for
software) for a copyright. A pledge (ip.pledges) is created on registration (民法典 第四百四十四条):
patents and marks with CNIPA, copyrights with the National Copyright Administration. The texts
of P-18, P-19, P-20, P-25 and P-29, the IP ledger's co-owner cell and the intake check's warning
take their words from here (company_kind.derived_facts: says.co_owned_rules,
says.pledge_registration).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_FILE = Path(__file__).resolve().parent / "templates" / "right_kinds.yaml"
KINDS = ("patent", "trademark", "copyright")


@lru_cache(maxsize=1)
def _table() -> dict:
    return yaml.safe_load(_FILE.read_text(encoding="utf-8"))


def _said(kind: str, part: str, field: str, language: str) -> str:
    """right_kinds.yaml's `kind`.`part`.`field` in `language` (English for any but zh); ''
    when the table gives none."""
    words = _table()[kind][part].get(field) or {}
    return words.get("zh" if language == "zh" else "en", "")


def _kinds(items) -> list[str]:
    """The kinds of right `items` (co-owned rights or pledges) are of, each once, in KINDS order."""
    found = {item.kind for item in items or []}
    return [k for k in KINDS if k in found]


def law_short(kind: str, language: str) -> str:
    """'商标法第五条': the law that applies to a right of `kind` its co-owners made no agreement
    on, as the IP ledger names it."""
    return _said(kind, "co_owned", "short", language)


def co_owned_rule(kind: str, language: str) -> str:
    """What the company may do with a right of `kind` its co-owners made no agreement on
    ('共有的商标由共有人共同享有和行使商标专用权，…'), without the law."""
    return _said(kind, "co_owned", "rule", language)


def co_owned_rules(items, language: str, software: bool = False) -> str:
    """The rule without an agreement for each kind of right among the co-owned `items`, with the
    law it comes from in brackets, joined ('共有的商标由共有人共同享有和行使…（《中华人民共和国商标法》
    第五条）；共有的著作权…'); `software`: the company's copyrights include software."""
    rules = []
    for kind in _kinds(items):
        law = _said(kind, "co_owned", "law", language)
        if software:
            law += _said(kind, "co_owned", "software", language)
        rules.append(co_owned_rule(kind, language)
                     + (f"（{law}）" if language == "zh" else f" ({law})"))
    return ("；" if language == "zh" else "; ").join(rules)


def co_owners_of(items, kind: str) -> list[str]:
    """The co-owners named for the co-owned `items` of `kind`, each once, in order."""
    return list(dict.fromkeys(o for item in items or [] if item.kind == kind
                              for o in item.co_owners))


def pledge_registration(kinds: list[str], language: str) -> str:
    """Where pledges of rights of `kinds` are registered, by registry: '向国家知识产权局办理专利权、
    注册商标专用权的质押登记，向国家版权局（由中国版权保护中心受理）办理著作权的质押登记' /
    'register the pledge of a patent or a registered mark with …'."""
    by_registry: dict[str, list[str]] = {}
    for kind in (k for k in KINDS if k in kinds):
        by_registry.setdefault(_said(kind, "pledge", "registry", language), []).append(
            _said(kind, "pledge", "right", language))
    if language == "zh":
        return "，".join(f"向{registry}办理{'、'.join(rights)}的质押登记"
                        for registry, rights in by_registry.items())
    return "register the pledge of " + " and of ".join(
        f"{' or '.join(rights)} with the {registry}" for registry, rights in by_registry.items())


def pledged_kinds(pledges) -> list[str]:
    """The kinds of right the company has pledged (ip.pledges)."""
    return _kinds(pledges)
