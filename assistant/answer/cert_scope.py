"""Questions about the scope of certification ("我们江苏工厂和北京研发中心都要纳入认证范围吗？").

What a certificate covers is the management system's scope, which each standard's scope clause
fixes (bj-ipm 1 范围, GB/T 29490—2023 4.3 确定…体系的范围): such a question is answered by those
clauses — quoted from a text in the corpus, or from a profile as our summary — and not by the
certification notices, which share only the word 认证. A question about certification bodies or
audits (认证机构, 审核, 证书 …) is left to the ordinary answer. The phrases and the clauses are
data: assistant/answer/data/certification_scope.toml.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.models import Answer
from assistant.retrieval.documents import NamedDocuments, NamedProfile
from assistant.textutil import fold

if TYPE_CHECKING:
    from assistant.answer.extractive import ExtractiveAnswerer

DATA = Path(__file__).resolve().parent / "data" / "certification_scope.toml"


@dataclass(frozen=True)
class ScopeRules:
    """The phrases of a scope-of-certification question, those of a question about bodies or
    audits, each standard's scope clause, and the standards answered when none is named."""

    scope: re.Pattern
    bodies: re.Pattern
    clauses: dict[str, str]
    current: tuple[str, ...]

    def asks(self, question: str) -> bool:
        text = fold(question)
        return bool(self.scope.search(text)) and not self.bodies.search(text)


@lru_cache(maxsize=1)
def rules(path: Path = DATA) -> ScopeRules:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return ScopeRules(re.compile("|".join(data["scope"]), re.IGNORECASE),
                      re.compile("|".join(data["bodies"]), re.IGNORECASE),
                      dict(data["clauses"]), tuple(data["current"]))


def scope_answer(answerer: "ExtractiveAnswerer", question: str, named: NamedDocuments,
                 default: str | None, language: str) -> Answer | None:
    """The scope clauses' answer to a scope-of-certification question; None for any other
    question. The standards answered: those the question names (documents or profiles) that
    have a scope clause, else the default standard (`default`, an id), else `current`."""
    found = rules()
    if not found.asks(question):
        return None
    wanted = [d for d in named.ids if d in found.clauses]
    wanted += [p.profile for p in named.profiles if p.profile in found.clauses]
    if not wanted:
        wanted = [default] if default in found.clauses else list(found.current)
    parts: list[Answer] = []
    for standard in dict.fromkeys(wanted):
        number = found.clauses[standard]
        if standard in answerer.corpus.documents:
            parts.append(answerer._lookup(question, [number], [answerer.corpus.documents[standard]],
                                          (), language))
        elif standard not in answerer.names.texts:
            parts.append(answerer.profiles.lookup(question, [number],
                                                  (NamedProfile(standard, ""),), language))
        else:  # a profiled standard whose licensed copy is in the corpus
            text = answerer.names.texts[standard]
            parts.append(answerer._lookup(question, [number], [answerer.corpus.documents[text]],
                                          (), language))
    intro = answerer.templates(language)("certification_scope")
    return Answer(question, "\n\n".join([intro, *(p.answer for p in parts)]),
                  abstained=all(p.abstained for p in parts),
                  citations=[c for p in parts for c in p.citations],
                  keys=[k for p in parts for k in p.keys],
                  ranked=list(dict.fromkeys(k for p in parts for k in p.ranked)),
                  summaries=[s for p in parts for s in p.summaries])
