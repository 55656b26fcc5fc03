"""Core domain objects: documents, clauses, citations, answers.

Everything the product says about a standard is addressed by a clause key (`Clause.key`, unique
within its document); citations and quotes are always built from the corpus by that key.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

DocKind = Literal["standard", "guide", "notice"]
Structure = Literal["clauses", "sections"]
ClauseKind = Literal["front", "title", "chapter", "clause", "heading", "section", "preamble"]


@dataclass(frozen=True)
class DocumentMeta:
    """One manifest entry."""

    id: str
    title_zh: str
    title_en: str
    kind: DocKind
    language: Literal["zh", "en"]
    issuer: str
    date: str
    source: str  # the raw file it was cleaned from
    file: str  # the cleaned text, relative to its corpus directory
    structure: Structure
    primary: bool = False  # clause numbers without a document name refer to this one
    sha256: str = ""  # of the cleaned text; part of the index's content hash
    aliases: tuple[str, ...] = ()  # names people use for it ("ISO 56005", "2020 notice")
    # From the cover of an imported standard (empty when it has none): its designation as
    # printed ("GB/T 29490—2023"), the one it replaces (代替), and its 发布 / 实施 dates.
    number: str = ""
    replaces: str = ""
    issued: str = ""
    effective: str = ""
    # The standard profile this text is the licensed copy of ('gbt29490-2023'; `ipms corpus add
    # --profile`): questions naming that standard quote this text instead of the profile.
    profile: str = ""

    def title(self, language: str) -> str:
        return self.title_zh if language == "zh" else self.title_en

    @property
    def both_titles(self) -> str:
        """'中文标题 / English title'; one title when the two are the same or one is empty (a
        document added with a single title)."""
        if self.title_en and self.title_zh and self.title_en != self.title_zh:
            return f"{self.title_zh} / {self.title_en}"
        return self.title_zh or self.title_en


@dataclass(frozen=True)
class ListItem:
    """A lettered list item a) b) c) inside a clause; offsets index into `Clause.text`."""

    letter: str
    text: str
    start: int  # where the item (its letter) begins in the clause text
    end: int


@dataclass
class Clause:
    """A node of a document's tree: a numbered clause, an unnumbered heading or a section."""

    doc: str
    key: str  # stable and unique within the document, e.g. "4.3.2.1", "6.2.3#2", "10.2/司法保护"
    number: str | None  # the clause number (None for unnumbered headings and sections)
    label: str  # how a citation names it: the number, or a section's own label
    title: str  # may be "" when the numbered line carries a sentence instead of a title
    kind: ClauseKind
    text: str  # the clause's own original lines, joined with "\n" (children excluded)
    body_start: int  # offset in `text` where the requirement text begins (after number/title)
    first_line: int  # 1-based line numbers in the cleaned document
    line_numbers: tuple[int, ...]
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    items: tuple[ListItem, ...] = ()
    inferred: bool = False  # the number is not printed; it was inferred from context
    depth: int = 0

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


@dataclass(frozen=True)
class Defect:
    """A numbering defect found while parsing (reported by `ipms corpus check`)."""

    kind: Literal[
        "duplicate", "gap", "inferred", "unnumbered_heading", "list_letters", "format",
        "cross_reference",
    ]
    line: int
    number: str
    message: str


@dataclass(frozen=True)
class Citation:
    doc: str
    clause: str  # the number as printed, or an unnumbered document's section label
    title: str
    quote: str  # a verbatim span of the clause's original text
    translation: str | None = None  # the clause's rendition in the other language, if any
    # '' for a standard's (or an official notice's) own text; 'summary' or 'guide' for a quote
    # from a document that is not a standard's text (assistant/answer/status.py): shown beside
    # the citation as '非官方摘要' / 'unofficial summary' wherever the quote is shown.
    status: str = ""


@dataclass(frozen=True)
class Summary:
    """A clause of a standard profile named in an answer (assistant/standards/profiles.py): its
    number, title and OUR OWN summary of it. Never a quote: the standard's text is not in the
    corpus, so it is kept apart from `Answer.citations` (JSON field `summaries`)."""

    doc: str  # the profile id, e.g. 'gbt29490-2023'
    key: str  # the clause number in the profile, e.g. '8.3'
    designation: str  # as printed: 'GB/T 29490—2023'
    title: str
    summary: str  # our wording, in the answer's language
    text_in_corpus: bool = False
    is_summary: bool = True  # in the JSON: this is a summary, not the standard's wording


@dataclass
class GuardReport:
    """What the citation guard did to a model's answer (JSON field `guard`)."""

    removed: list[str] = field(default_factory=list)  # "[doc clause] (why)"
    fallback: bool = False  # the extractive answer was given instead
    notice: str | None = None

    def to_json(self) -> dict:
        return {"citations_removed": self.removed, "fallback": self.fallback,
                "notice": self.notice}


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation]
    # Not part of the JSON: the (doc, key) behind each citation, and the ranking the answer was
    # drawn from (routed clauses, or retrieval hits best first), for evals and the web app.
    keys: list[tuple[str, str]] = field(default_factory=list)
    ranked: list[tuple[str, str]] = field(default_factory=list)
    guard: GuardReport | None = None  # set on answers that went through a language model
    # Clauses of standard profiles the answer names (our summaries, never quotes).
    summaries: list[Summary] = field(default_factory=list)

    def to_json(self) -> dict:
        data = {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            # A citation's status only where it has one (a summary's quote): the schema of a
            # standard's citations stays as it was.
            "citations": [{k: v for k, v in asdict(c).items() if k != "status" or v}
                          for c in self.citations],
        }
        if self.summaries:
            data["summaries"] = [asdict(s) for s in self.summaries]
        if self.guard is not None:
            data["guard"] = self.guard.to_json()
        return data
