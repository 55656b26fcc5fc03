"""Answerability, not only topicality: can a clause answer what a question asks?

The IP-management standards set a company's duties. They state no fees, terms of protection,
office filing procedures or materials, other schemes' thresholds (高新技术企业认定), a foreign
office's practice or how a tax applies (免增值税, withholding tax on royalties). A question asking for such a fact is answered by a clause only if the clause
states one (a number with that unit, a list of filing steps, the office's name); the cue words
and the evidence patterns are data (assistant/retrieval/data/answerability.toml).

The rule (`judge`):
1. No fact of these kinds asked → the retrieval's answer stands.
2. A clause to be cited states the fact → it is cited. A figure of the company's own activity
   (几次, 多久一次) must be stated by the first clause, the one that governs the activity: a
   number in another clause is about something else (12.1's yearly evaluation is no training
   frequency).
3. None does, but the figure asked is the company's own — a duration or count of its own
   activity (how often it trains, how many grades its assets get), or an amount it spends on
   itself (rewards, its IP budget) — not one set by an office, a court or another scheme (grant,
   registration, renewal, litigation, tax relief, 高新技术企业认定; a named foreign office), or
   the question asks how the company decides (怎么定下来, 要不要) → the clauses found are
   cited (the scope check has passed: they are about its topic), and the answer says the
   standard sets no such figure. Which figure is whose is read from the question's words only:
   requiring the clause to hold every word of a colloquial question abstained on answerable
   ones ("专利检索报告要多长时间出").
4. Otherwise → abstain, saying what the standards do not state and where to look.
A reward or bonus the company pays is its own amount even when an office's act occasions it
(专利授权后给发明人发多少奖金); the time and price of a certification are the certification
body's. A named office or scheme is a fact of its own when the question asks about its acts or
practice (How does EUIPO examine …, 高企认定要多少分, USPTO的审查流程). A figure the law fixes
(法律规定最低多少, statutory damages) or a government pays (区里奖励多少) is never the
company's own, a reward included ([not_own] of the data). Whether a clause states the fact is read
against the question's own topic (`stating`): a clause listing an injunction's materials does not
state a geographical indication's. A foreign country's office or courts and a named company are
entries of [offices] with words of their own (`questions`): they are asked about only in those
words (在德国打官司一审多久, 华为和中兴的纠纷), so a country or a customer named beside the
company's own matter (向德国出口前要做什么, 华为要求供应商贯标) leaves the clauses to answer.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from assistant.textutil import fold

Kind = Literal["fee", "term", "duration", "count", "materials", "procedure", "payment",
               "criteria", "drafting", "eligibility", "licence", "legal", "litigation",
               "product", "qualification", "tax", "foreign_office"]
_ITEM = re.compile(r"(?m)^\s*[(（]?[a-zA-Z][)）]")


@dataclass(frozen=True)
class KindRule:
    """One kind of fact: its question cue, the evidence a clause needs, the abstention words."""

    name: str
    cue: re.Pattern[str] | None
    evidence: re.Pattern[str] | None
    context: re.Pattern[str] | None  # the question must match it too
    min_items: int
    figure: bool
    own: re.Pattern[str] | None  # figure only when the question matches it (the company's own)
    fact: dict[str, str]  # language -> what the standards do not state
    not_when: re.Pattern[str] | None = None  # the question asks no such fact when it matches


@dataclass(frozen=True)
class Office:
    """An office or scheme the standards never describe (EUIPO, 高新技术企业认定): a fact asked
    about it is answered only by a clause naming it."""

    name: str  # EUIPO
    names: re.Pattern[str]
    label: dict[str, str]  # language -> how the answer names it
    fact: dict[str, str] | None = None  # language -> what the standards do not state about it
    # Words that, beside its name, ask about the office's, court's or company's own acts (a named
    # company's dispute or certification), besides the [office_questions] common to all.
    questions: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Rules:
    kinds: tuple[KindRule, ...]
    offices: tuple[Office, ...]
    office_acts: re.Pattern[str]
    office_questions: re.Pattern[str]
    decision: re.Pattern[str]
    subjects: tuple[tuple[re.Pattern[str], dict[str, str]], ...]
    generic: re.Pattern[str]  # words that say nothing of a question's own activity
    not_own: re.Pattern[str]  # a figure fixed by law or paid by a government, never the company's
    keeping: re.Pattern[str]  # the company keeps a document (保存, retain)
    kept_documents: re.Pattern[str]  # an office's document as a record kept (审查文件, 注册证书)


@dataclass(frozen=True)
class Intent:
    """What kind of fact a question asks for: no kinds for an ordinary question."""

    kinds: tuple[Kind, ...] = ()
    office: Office | None = None  # a foreign office or another scheme the question names
    office_act: bool = False  # the question is about an office's act (grant, registration ...)
    decision: bool = False  # it asks how the company decides (怎么定下来, 要不要)
    cues: tuple[str, ...] = ()  # the words of the question that ask for the fact

    def __bool__(self) -> bool:
        return bool(self.kinds)


@dataclass(frozen=True)
class Verdict:
    """What to do with a search answer: `answer` as retrieved, `unstated` (cite, and say the
    standard sets no figure), or `abstain`; `fact` and `source` are in the question's language
    (`source` None when no particular office or source answers it); `stated_by`: the position of
    the candidate that states the fact asked (an answer quotes it first), None when none does."""

    action: Literal["answer", "unstated", "abstain"]
    fact: str = ""
    source: str | None = None
    stated_by: int | None = None


def _compile(pattern: str, numbers: str, right: str = "") -> re.Pattern[str]:
    return re.compile(pattern.replace("{num}", numbers).replace("{right}", right), re.IGNORECASE)


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The cue words and evidence patterns, read once from answerability.toml."""
    text = resources.files("assistant.retrieval").joinpath("data", "answerability.toml") \
        .read_text(encoding="utf-8")
    data = tomllib.loads(text)
    num = data["numbers"]["num"]
    right = data["numbers"]["right"]
    kinds = tuple(
        KindRule(name, _compile(k["cue"], num) if "cue" in k else None,
                 _compile(k["evidence"], num) if "evidence" in k else None,
                 _compile(k["context"], num, right) if "context" in k else None,
                 int(k.get("min_items", 0)), bool(k.get("figure", False)),
                 _compile(k["own"], num) if "own" in k else None,
                 {"zh": k["fact_zh"], "en": k["fact_en"]},
                 _compile(k["not_when"], num) if "not_when" in k else None)
        for name, k in data["kinds"].items())
    offices = tuple(Office(name, re.compile(o["names"], re.IGNORECASE),
                           {"zh": o["zh"], "en": o["en"]},
                           {"zh": o["fact_zh"], "en": o["fact_en"]} if "fact_zh" in o else None,
                           re.compile(o["questions"], re.IGNORECASE) if "questions" in o else None)
                    for name, o in data["offices"].items())
    subjects = tuple((re.compile(s["cue"], re.IGNORECASE), {"zh": s["zh"], "en": s["en"]})
                     for s in data["subjects"])
    return Rules(kinds, offices, re.compile(data["office_acts"]["pattern"], re.IGNORECASE),
                 re.compile(data["office_questions"]["pattern"], re.IGNORECASE),
                 re.compile(data["decision"]["pattern"], re.IGNORECASE), subjects,
                 re.compile(data["topic"]["generic"], re.IGNORECASE),
                 re.compile(data["not_own"]["pattern"], re.IGNORECASE),
                 re.compile(data["kept_documents"]["keeping"], re.IGNORECASE),
                 re.compile(data["kept_documents"]["pattern"], re.IGNORECASE))


def _kind(name: str) -> KindRule:
    return next(k for k in rules().kinds if k.name == name)


# A sentence told, not asked: it ends with a full stop or an exclamation mark (。！; in English
# ". " or "! " before the next sentence, not a decimal point).
_TOLD = re.compile(r"[^。！!？?]*[。！]|(?:[^.!?？。！]|\.(?=\d))*?[a-z)\]\"'”’][.!](?=\s)",
                   re.IGNORECASE)


# A word that asks (多少, 几件, 吗, how, what …), or a sentence that asks in its first word
# (Is …, Tell me …). 几 asks after a verb of having to (要交几年。, 是几年。); told with a full stop
# elsewhere (几件发明专利的证书…, 十几件, 有几份已经找不到了) it tells "several".
_ASKING_ZH = re.compile(r"多少|多久|多长|多大|多高|(?<=[要需得能交缴是])几(?![十百千万乎])|什么|啥|哪|怎|如何|吗|呢|"
                        r"是否|能否|可否|要不要|需不需要|有没有|能不能|可不可以|是不是|行不行|够不够|"
                        r"请问|想问|想知道|想了解|请教|告诉|列出|说明一下")
_ASKING_EN = re.compile(r"(?i)(?:^|[.!]\s+)(?:how|what|which|when|where|who|whom|whose|why|is|are|was|"
                        r"were|do|does|did|can|could|should|shall|will|would|may|must|tell|list|"
                        r"give|explain|show|name|describe|please)\b|\b(?:want|wants|need|needs|"
                        r"would like|like) to know\b|\bwonder(?:ing)?\b|\btell (?:me|us)\b")


def tells_only(text: str) -> bool:
    """Whether a text only tells a story: no question mark, it ends with a full stop and none of
    its sentences asks ("去年收购了一个小公司，拿到了它名下十几件专利，可是到现在也没人去国知局
    办著录项目变更。", "Someone … changed a deadline, without sending them back for approval.").
    The figures and prices it tells of are the story, not a fact asked; "专利年费多少钱。" and
    "Finance wants to know the current … rate." still ask."""
    text = text.strip()
    if re.search(r"[？?]", text) or not re.search(r"[。！.!]$", text):
        return False
    return not _ASKING_ZH.search(text) and not _ASKING_EN.search(text)


def asked_part(text: str) -> str:
    """The part of a question that asks: a scenario tells what happened in sentences ending with
    a full stop and then asks ("…只有口头约定和一张报价单，现在双方都说软件著作权归自己。当初该
    怎么做？"); the figures and papers it tells of (报价单, 好几件专利, 准备材料) are the story,
    not the fact asked. Without a question mark after them the whole text is what is asked
    ("专利年费多少钱。" or a question written without one), unless no sentence of it asks
    (tells_only): then nothing is."""
    if tells_only(text):
        return ""
    if not re.search(r"[？?]", text):
        return text
    told = 0
    for m in _TOLD.finditer(text):
        if m.start() != told or not re.search(r"[？?]", text[m.end():]):
            break
        told = m.end()
    return text[told:] if text[told:].strip() else text


def intent_of(question: str) -> Intent:
    """The kinds of fact a question asks for (fee, term, duration, count, materials, procedure,
    payment, criteria, foreign_office), in Chinese or English; Intent() when it asks for none of them.
    A named office or scheme (EUIPO, 高新技术企业认定) is read when another kind is asked, or
    when the question asks about the office's own acts or practice (examination, procedure,
    criteria, scores: [office_questions] and [office_acts] of the data)."""
    text = fold(question)
    r = rules()
    kinds: list[Kind] = []
    cues: list[str] = []
    asked = asked_part(text)  # a scenario's story names figures it does not ask for
    for k in r.kinds:
        if k.cue is not None and k.cue.search(asked) \
                and (k.context is None or k.context.search(text)) \
                and (k.not_when is None or not k.not_when.search(text)):
            kinds.append(k.name)  # type: ignore[arg-type]
            cues.extend(m.group(0) for m in k.cue.finditer(asked))
    if "term" in kinds and "duration" in kinds:
        kinds.remove("duration")  # "保护期多久": a term of protection, not a time limit
    # A foreign office qualifies a fact asked ("EUIPO注册要多久") or is asked about itself ("How
    # does EUIPO examine …", "高企认定有什么要求"); named alone ("通过PCT途径申请要做哪些准备")
    # it asks what the company does, which the clauses on foreign filing answer.
    # 审查文件 or 注册证书 kept as a record names an office's document, not its act.
    acts = r.kept_documents.sub(" ", text) if r.keeping.search(text) else text
    office_act = bool(r.office_acts.search(acts))
    office = next((o for o in r.offices if o.names.search(text)), None)
    # What a story tells of the office ("patent cases there drag on for years and customs can
    # hold goods. What should we have looked into first?") is not asked: its words count only
    # in the part that asks.
    asked_acts = r.kept_documents.sub(" ", asked) if r.keeping.search(asked) else asked
    if office is not None and office.questions is not None:
        # A foreign country or a named company is asked about only in its entry's own words
        # (在德国打官司一审多久, 华为和中兴的纠纷): named beside the company's own matter
        # (向德国出口前要做什么, 华为要求供应商贯标) the clauses answer.
        office = office if _asked_of(office, asked) else None
    elif office is not None and not kinds and not (r.office_acts.search(asked_acts)
                                                   or r.office_questions.search(asked)):
        office = None
    if office is not None:
        kinds.insert(0, "foreign_office")
        cues.append(office.names.search(text).group(0))
    return Intent(tuple(kinds), office, office_act, bool(r.decision.search(text)), tuple(cues))


def _asked_of(office: Office, text: str) -> bool:
    """Whether a question asks about a named country's office or courts, or a named company,
    in the words of that entry ([offices] questions: 一审, specimen; 纠纷, certified)."""
    return office.questions is not None and bool(office.questions.search(text))


def answers(intent: Intent, clause_text: str) -> bool:
    """Whether a clause's text (with its sub-clauses and rendition) states the fact asked:
    every kind of the intent needs its evidence (a foreign office: the office's name)."""
    text = fold(clause_text)
    for name in intent.kinds:
        if name == "foreign_office":
            if intent.office is None or not intent.office.names.search(text):
                return False
            continue
        k = _kind(name)
        if k.evidence is not None and not k.evidence.search(text):
            return False
        if k.min_items and len(_ITEM.findall(clause_text)) < k.min_items:
            return False
    return True


def _own_pay(intent: Intent, text: str) -> bool:
    """A reward or bonus the company pays is its own figure even when an office's act occasions
    it ("What bonus do we pay when a patent is granted?")."""
    own = _kind("fee").own
    return "fee" in intent.kinds and own is not None and bool(own.search(text)) \
        and not rules().not_own.search(text)


def own_amount(question: str) -> bool:
    """Whether a question asking for an amount of money asks for one the company sets for itself
    (a reward, a bonus, its IP budget: [kinds.fee] own of the data), not an office's, an agent's,
    a court's or another scheme's (a named office makes it theirs)."""
    intent = intent_of(question)
    return intent.office is None and _own_pay(intent, fold(question))


@lru_cache(maxsize=1)
def _own_budget_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """([own_budget] source, others) of answerability.toml."""
    text = resources.files("assistant.retrieval").joinpath("data", "answerability.toml") \
        .read_text(encoding="utf-8")
    table = tomllib.loads(text)["own_budget"]
    return (re.compile(table["source"], re.IGNORECASE), re.compile(table["others"], re.IGNORECASE))


def own_budget(question: str) -> bool:
    """Whether an English question after a cost asks what the company's own IP budget covers:
    it names the budget, a reward or bonus (own of [kinds.fee]) or where the money comes from
    ([own_budget] source: paid from, set aside), and no office, scheme, agent, attorney or court
    whose price it would be ([own_budget] others, the offices, not_own). "What is the cost of IP
    training, and should the IP budget carry it?" is 7.4.2.1's (b: training expenses); "Budget
    check: the basic EUIPO fee …" stays an office's fee."""
    text = fold(question)
    if re.search(r"[\u4e00-\u9fff]", text):
        return False
    source, others = _own_budget_rules()
    own = _kind("fee").own
    r = rules()
    return (bool(own is not None and own.search(text)) or bool(source.search(text))) \
        and not others.search(text) and not r.not_own.search(text) \
        and not any(o.names.search(text) for o in r.offices)


def source_for(question: str, intent: Intent, language: str) -> str | None:
    """Who answers such a question: the office it names, else the office or body of its subject."""
    if intent.office is not None:
        return intent.office.label[language]
    text = fold(question)
    return next((label[language] for cue, label in rules().subjects if cue.search(text)), None)


def fact_for(intent: Intent, language: str) -> str:
    """What the standards do not state, for the abstention sentence."""
    names = [k for k in intent.kinds if k != "foreign_office"]
    if not names and intent.office is not None and intent.office.fact is not None:
        return intent.office.fact[language]
    names = names or list(intent.kinds)
    joiner = "、" if language == "zh" else "; "
    return joiner.join(_kind(k).fact[language] for k in names)


@dataclass(frozen=True)
class Candidate:
    """A clause the answer would cite: its text with its sub-clauses' and their renditions."""

    text: str


def judge(question: str, language: str, candidates: Sequence[Candidate],
          intent: Intent | None = None) -> Verdict:
    """The rule of the module docstring, over the clauses a search answer would cite."""
    intent = intent if intent is not None else intent_of(question)
    if not intent:
        return Verdict("answer")
    # A figure of the company's own activity (几次, 多久一次) is stated by the clause that governs
    # the activity, the first found, not by another that holds some number (12.1's yearly
    # evaluation does not say how often to train).
    figures = intent.office is None and all(_kind(k).figure for k in intent.kinds)
    if (found := stating(question, intent, candidates, figures)) is not None:
        return Verdict("answer", stated_by=found)
    fact = fact_for(intent, language)
    source = source_for(question, intent, language)
    text = fold(question)
    figure = all(_kind(k).figure and (_kind(k).own is None or _kind(k).own.search(text))
                 for k in intent.kinds if k != "foreign_office") \
        and not rules().not_own.search(text)
    if candidates and figure and intent.office is None \
            and (intent.decision or not intent.office_act or _own_pay(intent, text)):
        return Verdict("unstated", fact, None)
    return Verdict("abstain", fact, source)


def stating(question: str, intent: Intent, candidates: Sequence[Candidate],
            figures: bool | None = None) -> int | None:
    """The position of the first candidate that states the fact asked, None when none does.

    A fact of a kind but a figure (materials, a procedure, a licence's terms): a candidate whose
    text states it and shares a word of the question's own topic (an injunction's materials are
    no geographical indication's). A figure of the company's own activity (how often, how many,
    how much): the first candidate when it holds one — it governs the activity — or a later one
    where the figure stands in a sentence about the question's topic: "the enterprise shall
    evaluate the IP management system every year" (12.1) answers "How often should we evaluate
    our IP management system?" behind a summary clause that says only "regularly", while 12.1's
    yearly evaluation does not answer how often to train. A figure of an office's act (a grant,
    an invalidation) is stated only in a sentence about it, the first candidate's too."""
    if figures is None:
        figures = intent.office is None and all(_kind(k).figure for k in intent.kinds)
    topic = _topic_terms(question, intent)
    if not figures:
        return next((i for i, c in enumerate(candidates) if answers(intent, c.text)
                     and (not topic or topic.in_(c.text))), None)

    def in_a_sentence(text: str) -> bool:
        text = with_table_units(question, text)
        return any(_states(question, intent, s) and topic.in_(s)
                   for s in _SENTENCE.split(fold(text)))

    if candidates and _states(question, intent, with_table_units(question, candidates[0].text)) \
            and (not intent.office_act or in_a_sentence(candidates[0].text)):
        return 0
    if not topic:
        return None
    return next((i for i, c in enumerate(candidates[1:], start=1) if in_a_sentence(c.text)), None)


# The unit a question asks a number of: 几个学时, 多少小时, 几天, how many hours.
_ASKED_UNIT = re.compile(
    r"(?:几|多少)(?:个)?(学时|课时|小时|分钟|工作日|天|周|个月|年|次|元|万元|人|名|件|项|页)"
    r"|(?i:\bhow many (hours|days|weeks|months|years|times)\b)")
_CELLS = re.compile(r"\s*\|\s*")
_NUMBER_CELL = re.compile(r"\d+(?:\.\d+)?")


def asked_unit(question: str) -> str | None:
    """The unit a question asks a number of (学时 in 新入职员工培训至少几个学时), None when it
    names none."""
    m = _ASKED_UNIT.search(fold(question))
    return (m.group(1) or m.group(2)).lower() if m else None


def with_table_units(question: str, text: str) -> str:
    """A clause's text with each number of a table written with the unit the question asks
    for, when the column's heading names that unit (a row "新入职员工 | … | 4" under the
    heading "最低学时" reads "4学时"): a table states its figures in its headings."""
    unit = asked_unit(question)
    lines = text.split("\n")
    if unit is None or not any(" | " in line for line in lines):
        return text
    out, heading = [], None
    for line in lines:
        cells = _CELLS.split(line) if " | " in line else None
        if cells is None:
            heading = None
        elif heading is None:
            heading = cells
        else:
            cells = [f"{c}{unit}" if i < len(heading) and unit in heading[i].lower()
                     and _NUMBER_CELL.fullmatch(c) else c for i, c in enumerate(cells)]
            line = " | ".join(cells)
        out.append(line)
    return "\n".join(out)


def _states(question: str, intent: Intent, text: str) -> bool:
    """Whether a text states the fact asked: its kind's evidence, or a number with the very
    unit the question asks for (4学时 for 几个学时, which the count's evidence does not know)."""
    unit = asked_unit(question)
    return answers(intent, text) or (unit is not None and re.search(
        rf"(?<![\d.])\d+(?:\.\d+)?\s*{re.escape(unit)}", fold(text), re.IGNORECASE) is not None)


# A sentence of a clause: cut at Chinese and English sentence ends and line breaks.
_SENTENCE = re.compile(r"[。；;！!？?\n]+|\.(?:\s+|$)")


def _terms(text: str) -> set[str]:
    """A text's Chinese character pairs and the first five letters of its English words of four
    letters or more (evaluate, evaluation: "evalu"), to compare it with a question's topic."""
    text = fold(text).lower()
    pairs = {run[i:i + 2] for run in re.findall(r"[\u4e00-\u9fff]{2,}", text)
             for i in range(len(run) - 1)}
    return pairs | {w.removesuffix("s")[:5] for w in re.findall(r"[a-z]{4,}", text)}


@dataclass(frozen=True)
class Topic:
    """What a question is about besides the fact it asks for: its English words (first five
    letters) and its Chinese runs, each as its character pairs."""

    words: frozenset[str]
    runs: tuple[frozenset[str], ...]

    def __bool__(self) -> bool:
        return bool(self.words or self.runs)

    def in_(self, text: str) -> bool:
        """Whether a text shares the topic: one English word, a two-character run, or two pairs
        of a longer run (本地特产 is not met by 本地区 alone)."""
        terms = _terms(text)
        return bool(self.words & terms) or any(
            len(run & terms) >= min(2, len(run)) for run in self.runs)


def _topic_terms(question: str, intent: Intent) -> Topic:
    """The topic of a question's own activity: its words without the words asking for the
    fact (多久, how often), the field's generic words (知识产权, management system), filing words
    and particles ([topic] of the data)."""
    text = fold(question)
    for name in intent.kinds:
        if name != "foreign_office" and (cue := _kind(name).cue) is not None:
            text = cue.sub(" ", text)
    text = rules().generic.sub(" ", text.lower())
    runs = tuple(frozenset(run[i:i + 2] for i in range(len(run) - 1))
                 for run in re.findall(r"[\u4e00-\u9fff]{2,}", text))
    words = frozenset(w.removesuffix("s")[:5] for w in re.findall(r"[a-z]{4,}", text))
    return Topic(words, runs)


def candidate(document, clause) -> Candidate:
    """A clause of a corpus Document as a Candidate: its text with its sub-clauses' and their
    renditions (titles and texts)."""
    nodes = document.subtree(clause.key)
    renditions = [r for n in nodes if (r := document.renditions.get(n.key)) is not None]
    return Candidate("\n".join([n.text for n in nodes]
                                + [f"{r.title}\n{r.text}" for r in renditions]))
