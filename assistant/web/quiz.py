"""Quizzes built from the standard's own text, no language model: fill-in questions whose answer
is a term the clause uses (distractors: other terms of the same kind from the standard), and
"which clause says this" questions (distractors: other clauses of the same chapter)."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.corpus.glossary import Term
from assistant.corpus.store import Corpus, Document
from assistant.errors import IpmsError

BLANK = "＿＿＿＿"


@dataclass(frozen=True)
class Question:
    kind: Literal["fill_in", "which_clause"]
    prompt: str
    options: tuple[str, ...]
    answer: str
    clause_key: str  # the clause the question comes from (shown after answering)


@dataclass
class QuizSession:
    attendee: str
    chapters: list[str]
    questions: list[Question]
    given: list[str] = field(default_factory=list)

    @property
    def current(self) -> Question | None:
        return self.questions[len(self.given)] if len(self.given) < len(self.questions) else None

    def answer(self, choice: str) -> bool:
        question = self.current
        if question is None:
            raise IpmsError("the quiz is over")
        self.given.append(choice)
        return choice == question.answer

    @property
    def score(self) -> int:
        return sum(1 for q, a in zip(self.questions, self.given) if q.answer == a)

    @property
    def finished(self) -> bool:
        return len(self.given) == len(self.questions)


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[。；;])|\n", text)
    return [p.strip() for p in parts if len(p.strip()) >= 10]


def _terms(corpus: Corpus) -> list[Term]:
    return [t for t in corpus.glossary.terms if len(t.zh) >= 2 and t.category != "general"]


def chapter_choices(document: Document) -> list[tuple[str, str]]:
    """(label shown, chapter key) for the chapters that state requirements."""
    return [(f"{c.label} {c.title}", c.key) for c in (document.clauses[k] for k in document.roots)
            if c.number and c.number.isdigit() and int(c.number) >= 4]


def build_quiz(corpus: Corpus, chapters: list[str], count: int, attendee: str,
               seed: int = 0, doc_id: str = "bj-ipm") -> QuizSession:
    document = corpus.get(doc_id)
    if not chapters:
        raise IpmsError("pick at least one chapter")
    if not 1 <= count <= 30:
        raise IpmsError("a quiz has 1 to 30 questions")
    rng = random.Random(seed)
    clauses = [c for key in chapters if key in document.clauses
               for c in document.subtree(key) if c.number and len(c.body.strip()) >= 15]
    if not clauses:
        raise IpmsError("the chosen chapters hold no requirement text")
    terms = _terms(corpus)
    questions: list[Question] = []
    pool = clauses[:]
    rng.shuffle(pool)
    for i, clause in enumerate(pool * 3):
        if len(questions) >= count:
            break
        maker = _fill_in if (i + len(questions)) % 2 == 0 else _which_clause
        question = maker(document, clause, terms, clauses, rng)
        if question and all(q.prompt != question.prompt for q in questions):
            questions.append(question)
    if not questions:
        raise IpmsError("no questions could be made from the chosen chapters")
    return QuizSession(attendee.strip() or "—", chapters, questions)


def _fill_in(document: Document, clause, terms: list[Term], _clauses, rng: random.Random):
    for sentence in rng.sample(_sentences(clause.body), k=len(_sentences(clause.body))):
        present = sorted((t for t in terms if t.zh in sentence), key=lambda t: -len(t.zh))
        if not present:
            continue
        term = present[0]
        alike = [t.zh for t in terms if t.category == term.category and t.zh not in sentence
                 and t.zh != term.zh and t.zh in document.text]
        if len(alike) < 3:
            alike = [t.zh for t in terms if t.zh not in sentence and t.zh in document.text]
        options = [term.zh, *rng.sample(alike, 3)]
        rng.shuffle(options)
        prompt = (f"填空（第{clause.label}条 {document.display_title(clause)}）："
                  f"{sentence.replace(term.zh, BLANK, 1)}")
        return Question("fill_in", prompt, tuple(options), term.zh, clause.key)
    return None


def _which_clause(document: Document, clause, _terms, clauses, rng: random.Random):
    sentences = _sentences(clause.body)
    if not sentences:
        return None
    statement = rng.choice(sentences)

    def name(c) -> str:
        return f"{c.label} {document.display_title(c)}"

    chapter = clause.key.split(".")[0]
    others = [c for c in clauses if c.key != clause.key and c.key.split(".")[0] == chapter
              and name(c) != name(clause) and statement not in c.body]
    if len(others) < 3:
        others = [c for c in clauses if c.key != clause.key and name(c) != name(clause)
                  and statement not in c.body]
    if len(others) < 3:
        return None
    options = [name(clause), *(name(c) for c in rng.sample(others, 3))]
    rng.shuffle(options)
    return Question("which_clause", f"下面这句话出自哪一条？\n「{statement}」", tuple(options),
                    name(clause), clause.key)
