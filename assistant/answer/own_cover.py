"""How much of a standard clause's requirement an article of the company's own rules states.

Suggestions of our rules for a clause (own_rules.py) come from each company document's search
hits; across documents they are ranked here by the clause's words the article states. An
article that is a table (rows kept as `cell | cell` lines by the import) states only what one
row says: a row that mentions the act (人力资源部 | …离职提醒…) counts as that row, so an article
about the act itself (员工离职前应交回全部涉密载体…发出《离职知识产权提醒函》) comes first.
"""
from __future__ import annotations

from typing import Callable

TABLE_CELL = " | "  # how an imported table row joins its cells


def units(body: str) -> list[str]:
    """An article's units of meaning: its prose lines as one text, and each table row alone."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    rows = [line for line in lines if TABLE_CELL in line]
    prose = "\n".join(line for line in lines if TABLE_CELL not in line)
    return ([prose] if prose else []) + rows


def stated(asked: set[str], body: str, tokens: Callable[[str], list[str]]) -> int:
    """How many of the words `asked` (a clause's tokens) one unit of `body` states, at most."""
    return max((len(asked & set(tokens(unit))) for unit in units(body)), default=0)


def by_cover(picked: list, query: Callable, body: Callable, tokens: Callable[[str], list[str]]
             ) -> list:
    """`picked` (document, clause) pairs, those stating most of `query(document)` first; ties
    keep their order. `body(document, clause)` is the article's text."""
    def cover(pair) -> int:
        document, clause = pair
        return stated(set(tokens(query(document))), body(document, clause), tokens)

    return sorted(picked, key=cover, reverse=True)
