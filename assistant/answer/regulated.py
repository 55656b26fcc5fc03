"""Matters another law regulates: honest abstention with a pointer.

The IP-management standards set a company's IP duties. Secrecy qualifications for weapons work,
state secrets and the 脱密期 of classified staff, defence patents, export control: other laws
regulate these, though the field's words touch them (保密, 专利, 出口), so a search finds clauses
that only share a word (10.1.2.1 c for "国防专利怎么管理"). A question asking about one gets:
- `noted`: the clauses found that speak to a part of it the standards do cover (涉密人员离岗 ->
  7.3.2.5 离职, 6.2.3 保密管理制度), after a note that the standards do not state the rest and
  where it is stated;
- else `abstain`: what the standards do not state and where it is stated.
A company whose own rules use the same words of its own matter (涉密人员 for trade-secret staff,
no classified work in them) is answered from its rules instead, unless the question says the
regulated matter outright (国家秘密, 脱密期).
The topics, their cue words, the parts clauses speak to and the laws' titles are data
(assistant/retrieval/data/regulated.toml).
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from assistant.answer.answerability import asked_part
from assistant.textutil import fold


@dataclass(frozen=True)
class Part:
    """A part of a regulated question a clause speaks to: the question names it (`question`) and
    the clause's title (or its rendition's) says it (`clause`)."""

    question: re.Pattern[str]
    clause: re.Pattern[str]


@dataclass(frozen=True)
class Topic:
    """A matter another law regulates (regulated.toml): `fact` and `source` by language."""

    name: str  # state_secrets
    cue: re.Pattern[str]
    fact: dict[str, str]  # language -> what the standards do not state
    source: dict[str, str]  # language -> where it is stated (the law's title)
    bears: tuple[Part, ...] = ()
    not_when: re.Pattern[str] | None = None  # the company's own matter in the same words
    own: "OwnSense | None" = None  # the company's rules using the cue's words of their own matter


@dataclass(frozen=True)
class OwnSense:
    """When a company's own rules use a topic's cue words of their own matter: they match the cue
    and `sense` (商业秘密) and not `other` (国家秘密, 军工); a question saying `strong` (脱密期,
    国家秘密) asks about the regulated matter still."""

    sense: re.Pattern[str]
    other: re.Pattern[str]
    strong: re.Pattern[str]

    def theirs(self, topic: "Topic", question: str, texts: Sequence[str]) -> bool:
        """Whether `question` (in the cue's words) asks about the company's own matter, as its
        rules `texts` use those words."""
        said = fold(" ".join(texts))
        return bool(topic.cue.search(said) and self.sense.search(said)
                    and not self.other.search(said) and not self.strong.search(fold(question)))


@dataclass(frozen=True)
class Ruling:
    """What to do with the clauses found: `noted` cites those at `cited` (positions in the
    titles given) after the note; `abstain` cites none."""

    action: Literal["noted", "abstain"]
    fact: str
    source: str
    cited: tuple[int, ...] = ()


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    """The topics of regulated.toml, in file order (the first whose cue matches is the one)."""
    text = resources.files("assistant.retrieval").joinpath("data", "regulated.toml") \
        .read_text(encoding="utf-8")
    return tuple(Topic(name, _compile(t["cue"]), {"zh": t["fact_zh"], "en": t["fact_en"]},
                       {"zh": t["source_zh"], "en": t["source_en"]},
                       tuple(Part(_compile(p["question"]), _compile(p["clause"]))
                             for p in t.get("bears", ())),
                       _compile(t["not_when"]) if "not_when" in t else None,
                       OwnSense(_compile(t["own_sense"]), _compile(t["own_not"]),
                                _compile(t["strong"])) if "own_sense" in t else None)
                 for name, t in tomllib.loads(text).items())


def regulated_topic(question: str) -> Topic | None:
    """The regulated matter a question asks about, read in the part that asks (a story's told
    sentences are not asked); None for an ordinary question ("员工离职时保密方面要做什么？")."""
    asked = asked_part(fold(question))
    return next((t for t in topics() if t.cue.search(asked)
                 and not (t.not_when is not None and t.not_when.search(asked))), None)


def in_own_words(question: str, own: Sequence[str]) -> bool:
    """Whether a question in a regulated matter's words (涉密人员) asks about the company's own
    matter, as its rules `own` (their texts) use those words (see OwnSense)."""
    topic = regulated_topic(question)
    return bool(topic is not None and topic.own is not None and own
                and topic.own.theirs(topic, question, own))


def rule(question: str, language: str, titles: Sequence[str], own: Sequence[str] = ()
         ) -> Ruling | None:
    """None when the question asks about no regulated matter, or about the company's own matter
    in its words (`own`: the texts of the company's own rules; see OwnSense); else which of the
    clauses found (`titles`: each clause's title with its rendition's) speak to a part of it the
    question names."""
    topic = regulated_topic(question)
    if topic is None or in_own_words(question, own):
        return None
    text = fold(question)
    parts = [p for p in topic.bears if p.question.search(text)]
    cited = tuple(i for i, title in enumerate(titles)
                  if any(p.clause.search(fold(title)) for p in parts))
    return Ruling("noted" if cited else "abstain", topic.fact[language], topic.source[language],
                  cited)
