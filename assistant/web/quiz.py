"""Quizzes built from a document's own text, no language model: the shipped standard, or the
company's own rules added to the corpus (第一章… with 第一条…, or a policy's 1, 1.1 …). Fill-in
questions whose answer is a term the clause uses (distractors: other terms of the same kind from
the standard, none of which could also be right), and "which clause says this" questions
(distractors: other clauses of the same chapter, else of the chapters chosen, else of the whole
document, named by title or, for an untitled article, by its number). Questions alternate between the two kinds and are spread over the chosen chapters
in turn."""
from __future__ import annotations

import datetime as dt
import functools
import random
import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.corpus.glossary import Term
from assistant.corpus.store import Corpus, Document
from assistant.web.messages import UserError

SOURCE_DOC = "bj-ipm"  # the shipped standard quizzes are drawn from unless another is chosen
USER_SUPPLIED = "user-supplied"  # the issuer `ipms corpus add` gives the user's own documents
# a standard's front chapters state no requirement to train on (a company's 总则 does)
FRONT_CHAPTERS = {"范围", "规范性引用文件", "术语和定义", "术语", "scope", "normative references",
                  "terms and definitions"}
BLANK = "＿＿＿＿"
KINDS = ("fill_in", "which_clause")
LEAD_IN = ("：", ":")  # a list's lead-in line ("应确保：") is no sentence to blank
# A term said in at least this share of a document's askable clauses is the document's own
# subject, no answer to test: 知识产权 is in 0.84 of bj-ipm's clauses (and is the kind of which
# every other option is an instance), 知识产权管理 in 0.32; the next, 管理体系, in 0.19.
GENERIC_SHARE = 0.25


@dataclass(frozen=True)
class Question:
    kind: Literal["fill_in", "which_clause"]
    prompt: str  # the sentence (with BLANK for a fill-in), without the kind's instruction
    options: tuple[str, ...]
    answer: str
    clause_key: str  # the clause the question comes from (shown after answering)
    clause_name: str = ""  # '7.3.2.7 培训'
    chapter: str = ""  # the key of the chapter it was drawn for


@dataclass
class QuizSession:
    """One attendee's quiz: the questions, the answers given so far, who ran it and when.
    `pass_mark` is a percentage (0-100) set by the trainer."""

    attendee: str
    chapters: list[str]
    questions: list[Question]
    given: list[str] = field(default_factory=list)
    trainer: str = ""
    session_name: str = ""
    pass_mark: int = 60
    hours: float | None = None  # 培训学时 credited, as the trainer enters it (not the quiz's time)
    place: str = ""  # 地点
    mode: str = ""  # 方式: 面授, 线上 …, as the trainer enters it
    doc_id: str = SOURCE_DOC  # the standard the questions were drawn from (named on the record)
    started: dt.datetime = field(default_factory=dt.datetime.now)
    ended: dt.datetime | None = None

    @property
    def current(self) -> Question | None:
        return self.questions[len(self.given)] if len(self.given) < len(self.questions) else None

    def answer(self, choice: str) -> bool:
        """Record `choice` for the current question; True when right. UserError after the end."""
        question = self.current
        if question is None:
            raise UserError("quiz_over")
        self.given.append(choice)
        if self.finished:
            self.ended = dt.datetime.now()
        return choice == question.answer

    @property
    def score(self) -> int:
        return sum(1 for q, a in zip(self.questions, self.given) if q.answer == a)

    @property
    def percent(self) -> int:
        return round(100 * self.score / len(self.questions)) if self.questions else 0

    @property
    def passed(self) -> bool:
        return self.percent >= self.pass_mark

    @property
    def finished(self) -> bool:
        return len(self.given) == len(self.questions)

    @property
    def wrong(self) -> list[tuple[int, Question, str]]:
        """(number from 1, question, answer given) of every wrong answer so far."""
        return [(i, q, a) for i, (q, a) in enumerate(zip(self.questions, self.given), start=1)
                if q.answer != a]

    @property
    def duration(self) -> dt.timedelta:
        return (self.ended or dt.datetime.now()) - self.started


# a list item's mark: a) b)、1) 2)、（1）（2）, and in a company's rules 一、二、 and （一）（二）
_ITEM = re.compile(r"^(?:[a-z][)）]|\d{1,2}[)）]|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]{1,3}[)）]"
                   r"|[一二三四五六七八九十]{1,3}、)\s*")


LEAD_JOIN = "……"  # between a list's lead-in and the item asked about
TABLE_CELLS = " | "  # how an imported table's row separates its cells


def _statements(text: str) -> list[tuple[str, str]]:
    """(lead-in, statement) of each statement of a clause's body a question may be made from,
    each readable on its own: a whole line, not a piece of one cut at its semicolon ('也可委托专业
    的服务机构…' is the end of a sentence); a list item with its list's lead-in ('对…管理文件应确保：',
    c) 按文件类别、秘密级别进行管理；), since an item alone cannot be answered; '' as the lead-in of
    any other line. Lead-in lines themselves are no statements (LEAD_IN), nor a table's rows."""
    out, lead, mark = [], "", ""
    for line in (x.strip() for x in text.split("\n")):
        if not line:
            continue
        if _ITEM.fullmatch(line):  # an item's mark on a line of its own ('a)'): its text follows
            mark = line + " "
            continue
        line, mark = mark + line, ""
        if TABLE_CELLS in line:  # a table's row (培训对象 | 内容 | 学时) is no sentence
            lead = ""
            continue
        if line.endswith(LEAD_IN):
            lead = line
            continue
        if not (_ITEM.match(line) and lead):
            lead = ""
        if len(_shown(lead, line)) >= 10:
            out.append((lead, line))
    return out


def _shown(lead: str, statement: str) -> str:
    return f"{lead}{LEAD_JOIN}{statement}" if lead else statement


def _terms(corpus: Corpus) -> list[Term]:
    return [t for t in corpus.glossary.terms if len(t.zh) >= 2 and t.category != "general"]


def quiz_terms(corpus: Corpus, document: Document) -> list[Term]:
    """The glossary terms a fill-in may blank or offer in `document`: not an ordinary business
    word (企业, 管理), not one its title says (商业秘密 in 《商业秘密保护规定》 gives itself away) and
    not one said in GENERIC_SHARE of its clauses (知识产权 in a standard on IP management)."""
    lang = "en" if document.meta.language == "en" else "zh"
    title = f"{document.meta.title_zh} {document.meta.title_en}"
    clauses = [c.body for c in document.clauses.values() if _askable(c)]
    floor = GENERIC_SHARE * max(len(clauses), 1)

    def generic(term: Term) -> bool:
        name = _name(term, lang)
        return bool(_where(name, title, lang)) or sum(
            1 for body in clauses if _where(name, body, lang)) >= floor

    return [t for t in _terms(corpus) if not generic(t)]


def chapter_choices(document: Document) -> list[tuple[str, str]]:
    """(label shown, chapter key) for the chapters a quiz can be drawn from: every chapter of the
    document (第一章… under a company rule's title, 1, 2 … of a policy) that holds text to ask
    about, a standard's front chapters (范围, 规范性引用文件, 术语和定义) left out."""
    return [(chapter_label(c), c.key) for c in _chapters(document)
            if c.title.strip().lower() not in FRONT_CHAPTERS
            and any(_askable(x) for x in document.subtree(c.key))]


def chapter_label(chapter) -> str:
    """'7 知识产权资源管理', '第二章 组织与职责', or the bare number of an untitled chapter."""
    return f"{chapter.label} {chapter.title}".strip()


def _chapters(document: Document) -> list:
    """The document's top-level parts: its roots, or the parts under its title where the title
    heads the tree (a company's rules); front matter (前言, 引言, a preamble) left out."""
    out = []
    for key in document.roots:
        clause = document.clauses[key]
        if clause.kind == "title":
            out.extend(document.clauses[k] for k in clause.children)
        elif clause.kind != "front":
            out.append(clause)
    return out


def _askable(clause) -> bool:
    """A clause a question may come from: numbered (7.3.2.7, 1.1) or an article of a document
    read by sections (第五条), with some text of its own."""
    return (bool(clause.number) or clause.kind == "section") and len(clause.body.strip()) >= 15


def _chapter_of(document: Document, clause) -> str:
    """The key of the top-level part `clause` lies in (as _chapters gives it)."""
    while clause.parent is not None and document.clauses[clause.parent].kind != "title":
        clause = document.clauses[clause.parent]
    return clause.key


def quiz_documents(corpus: Corpus) -> list[str]:
    """Ids of the documents a quiz can be drawn from: the shipped standard first, then the
    user's own documents that have a chapter to ask about, in the corpus's order."""
    own = [d.id for d in corpus.documents.values()
           if d.id != SOURCE_DOC and d.meta.issuer == USER_SUPPLIED and chapter_choices(d)]
    return [SOURCE_DOC, *own] if SOURCE_DOC in corpus.documents else own


def clause_name(document: Document, clause) -> str:
    """How a quiz names a clause (an option, an answer, a source): '7.3.2.7 培训', or an
    untitled article by its number alone ('第五条', '1.1')."""
    return f"{clause.label} {document.display_title(clause)}".strip()


def build_quiz(corpus: Corpus, chapters: list[str], count: int, attendee: str,
               seed: int = 0, doc_id: str = SOURCE_DOC, trainer: str = "", session_name: str = "",
               pass_mark: int = 60, hours: float | None = None, place: str = "",
               mode: str = "") -> QuizSession:
    """`count` questions from the clauses of `chapters` (chapter keys of `doc_id`), the kinds
    alternating and the chapters taking turns, so every chosen chapter is drawn from when
    count >= len(chapters). UserError for no chapters, a count outside 1-30, chapters with no
    text to ask about. `trainer` … `mode` are the session's details, kept for its record."""
    document = corpus.get(doc_id)
    picked = [key for key in dict.fromkeys(chapters) if key in document.clauses]
    if not picked:
        raise UserError("pick_chapter")
    if not 1 <= count <= 30:
        raise UserError("bad_count")
    rng = random.Random(seed)
    pools = {key: [c for c in document.subtree(key) if _askable(c)] for key in picked}
    everything = [c for key in picked for c in pools[key]]
    if not everything:
        raise UserError("no_text")
    for pool in pools.values():
        rng.shuffle(pool)
    order = [key for key in picked if pools[key]]
    rng.shuffle(order)
    terms = quiz_terms(corpus, document)
    questions: list[Question] = []
    used: set[str] = set()
    attempts = 0
    while len(questions) < count and attempts < count * 20:
        attempts += 1
        chapter = order[len(questions) % len(order)]
        pool = pools[chapter]
        fresh = [c for c in pool if c.key not in used] or pool
        clause = rng.choice(fresh)
        preferred = KINDS[len(questions) % 2]
        for kind in (preferred, *(k for k in KINDS if k != preferred)):
            maker = _fill_in if kind == "fill_in" else _which_clause
            question = maker(document, clause, terms, everything, rng)
            if question and all(q.prompt != question.prompt for q in questions):
                questions.append(Question(**{**question.__dict__, "chapter": chapter}))
                used.add(clause.key)
                break
    if not questions:
        raise UserError("no_questions")
    return QuizSession(attendee.strip() or "—", picked, questions, trainer=trainer.strip(),
                       session_name=session_name.strip(), pass_mark=pass_mark, hours=hours,
                       place=place.strip(), mode=mode.strip(), doc_id=doc_id)


def _related(a: Term, b: Term, lang: str = "zh") -> bool:
    """Could `b` also be a fair answer where `a` is? (one contains the other, or an alias)"""
    names_a = {f.lower() for f in a.forms(lang) if f}
    names_b = {f.lower() for f in b.forms(lang) if f}
    return any(x in y or y in x for x in names_a for y in names_b)


def _name(term: Term, lang: str) -> str:
    """The term as a document in `lang` writes it: '商业秘密', 'trade secret'."""
    return term.canonical(lang)


def _where(name: str, text: str, lang: str):
    """Where `name` is said in `text`: anywhere in Chinese, as whole words (any case) in
    English ('patent' is not in 'patents' or 'patented')."""
    if not name:
        return None
    if lang == "zh":
        at = text.find(name)
        return _Span(at, at + len(name)) if at >= 0 else None
    return _words(name).search(text)


@dataclass(frozen=True)
class _Span:
    """Where a Chinese term is in a text (as a match gives it, without a regular expression)."""

    at: int
    to: int

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.to


@functools.lru_cache(maxsize=None)
def _words(name: str) -> re.Pattern:
    return re.compile(rf"(?<![A-Za-z-]){re.escape(name)}(?![A-Za-z-])", re.I)


def distractor_terms(answer: Term, sentence: str, terms: list[Term], document_text: str,
                     lang: str = "zh") -> list[str]:
    """Terms that cannot be right in the blank: of the answer's kind when there are enough,
    in the document, not in the sentence, neither containing nor contained in the answer (or
    its aliases) nor in each other; named in the document's language `lang`."""
    def candidates(same_kind: bool) -> list[Term]:
        return [t for t in terms if (not same_kind or t.category == answer.category)
                and not _where(_name(t, lang), sentence, lang)
                and _where(_name(t, lang), document_text, lang)
                and not _related(t, answer, lang)]

    found = candidates(True)
    if len(found) < 3:
        found = candidates(False)
    out: list[Term] = []
    for term in found:
        if all(not _related(term, other, lang) for other in out):
            out.append(term)
    return [_name(t, lang) for t in out]


def _fill_in(document: Document, clause, terms: list[Term], _clauses, rng: random.Random):
    """A sentence of the clause with a term of the glossary blanked, in the document's own
    language (a Chinese standard, an English policy)."""
    lang = "en" if document.meta.language == "en" else "zh"
    statements = _statements(clause.body)
    for lead, item in rng.sample(statements, k=len(statements)):
        # the blank goes in the item, never on a term its lead-in gives away
        present = sorted((t for t in terms if _where(_name(t, lang), item, lang)
                          and not _where(_name(t, lang), lead, lang)),
                         key=lambda t: -len(_name(t, lang)))
        if not present:
            continue
        term = present[0]
        alike = distractor_terms(term, _shown(lead, item), terms, document.text, lang)
        if len(alike) < 3:
            continue
        answer = _name(term, lang)
        options = [answer, *rng.sample(alike, 3)]
        rng.shuffle(options)
        found = _where(answer, item, lang)
        blanked = item[:found.start()] + BLANK + item[found.end():]
        if _where(answer, _shown(lead, blanked), lang):  # said again: the stem gives it away
            continue
        return Question("fill_in", _shown(lead, blanked), tuple(options), answer, clause.key,
                        clause_name(document, clause))
    return None


def _which_clause(document: Document, clause, _terms, clauses, rng: random.Random):
    # a sentence the document says in one clause only (a company's rules may repeat a line
    # in every article: it would name none of them)
    statements = [(lead, statement) for lead, statement in _statements(clause.body)
                  if not any(statement in c.body for c in document.clauses.values()
                             if c.key != clause.key)]
    if not statements:
        return None
    lead, statement = rng.choice(statements)
    chapter = _chapter_of(document, clause)
    mine = clause_name(document, clause)
    title = document.display_title(clause)

    def other(c) -> bool:
        """Another clause not saying the statement; of another title when this one has a title
        (siblings titled alike differ by number only), any other when it has none (an article
        is told apart by its number: 第五条, 第九条)."""
        return (c.key != clause.key and statement not in c.body
                and (not title or document.display_title(c) != title))

    others = [c for c in clauses if _chapter_of(document, c) == chapter and other(c)]
    if len(others) < 3:  # then the chapters chosen, then the whole document (a short chapter)
        others = [c for c in clauses if other(c)]
    if len(others) < 3:
        others = [c for c in document.clauses.values() if _askable(c) and other(c)]
    by_title: dict[str, str] = {}  # one option a title: no two options differ by number only
    for c in others:  # an untitled clause stands for itself, by its number
        by_title.setdefault(document.display_title(c) or clause_name(document, c),
                            clause_name(document, c))
    names = list(dict.fromkeys(n for n in by_title.values() if n != mine))
    if len(names) < 3:
        return None
    options = [mine, *rng.sample(names, 3)]
    rng.shuffle(options)
    return Question("which_clause", _shown(lead, statement), tuple(options), mine, clause.key,
                    mine)
