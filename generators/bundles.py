"""The compact package of a small company: control procedures issued in bundles.

A small company (a start-up, 初创类, or at most cadences.yaml `small_staff` staff) issues about
ten procedure documents, not 25 or more: templates/bundles.yaml groups the procedures, each bundle
is one issued document holding its drafted members as chapters. The intake's `package.compact`
switches it on or off; not given, it follows the small-company rule (generators.cadence.is_small).

The plan (generators.plan) keeps every member procedure with its own clauses, so traceability and
coverage still trace each clause to it; only what is issued changes: `Issued` says which document
carries each procedure, and the texts' `title.P02` / `docno.P02` name that document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from generators.cadence import is_small
from generators.intake import Intake
from generators.templates_io import Procedure

BUNDLES_FILE = Path(__file__).parent / "templates" / "bundles.yaml"


@dataclass(frozen=True)
class Bundle:
    """One group of bundles.yaml: its title in each language and its members in chapter order."""

    title: dict[str, str]
    members: tuple[str, ...]


@dataclass(frozen=True)
class Issued:
    """One issued procedure document: `code` is the procedure whose number it carries (its first
    drafted member), `title` as printed, `members` the procedures it holds, in chapter order (one
    for a procedure issued on its own)."""

    code: str
    title: str
    members: tuple[Procedure, ...]

    @property
    def bundled(self) -> bool:
        """Whether the document holds its procedures as chapters (more than one member)."""
        return len(self.members) > 1

    def chapter(self, code: str) -> int | None:
        """The chapter number of procedure `code` in this document (None when not bundled)."""
        codes = [m.code for m in self.members]
        return codes.index(code) + 1 if self.bundled and code in codes else None


@lru_cache(maxsize=4)
def load_bundles(path: Path = BUNDLES_FILE) -> tuple[Bundle, ...]:
    """bundles.yaml's bundles; a procedure named in two bundles is refused."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    bundles = tuple(Bundle(dict(b["title"]), tuple(b["members"])) for b in raw.get("bundles", []))
    named = [m for b in bundles for m in b.members]
    twice = sorted({m for m in named if named.count(m) > 1})
    if twice:
        raise ValueError(f"{path.name}: procedures in more than one bundle: {', '.join(twice)}")
    return bundles


def is_compact(intake: Intake, path: Path = BUNDLES_FILE) -> bool:
    """Whether the package issues its procedures in bundles: package.compact when the intake
    gives it, else for a small company (generators.cadence.is_small) when bundles.yaml's
    `small_default` says so."""
    chosen = intake.package.compact if intake.package else None
    if chosen is not None:
        return chosen
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return bool((raw or {}).get("small_default")) and is_small(intake)


def issued_documents(procedures: list[Procedure], language: str, compact: bool,
                     bundles: tuple[Bundle, ...] | None = None) -> list[Issued]:
    """The procedure documents the package issues for its drafted `procedures`, in the order of
    their numbers: one per procedure, or (compact) one per bundle with at least one drafted
    member, a bundle of one drafted member issued as that procedure under its own title."""
    by_code = {p.code: p for p in procedures}
    groups: list[tuple[str | None, list[Procedure]]] = []
    placed: set[str] = set()
    for bundle in (bundles if bundles is not None else load_bundles()) if compact else ():
        members = [by_code[c] for c in bundle.members if c in by_code]
        placed |= {m.code for m in members}
        if members:
            groups.append((bundle.title[language] if len(members) > 1 else None, members))
    groups += [(None, [p]) for p in procedures if p.code not in placed]
    issued = [Issued(members[0].code, title or members[0].title[language], tuple(members))
              for title, members in groups]
    return sorted(issued, key=lambda d: d.code)


def bundle_references(context: dict, issued: list[Issued]) -> None:
    """Point the texts' `docno.<member>` and `title.<member>` at the document that carries each
    bundled procedure (its number and title): 《{{ title.P02 }}》 then names the issued document."""
    for document in issued:
        if document.bundled:
            for member in document.members:
                context["docno"][member.code] = context["docno"][document.code]
                context["title"][member.code] = document.title


# markers a bundle member's text is rendered with for the title and number of another member of
# the same bundle (chapter_context), replaced by the chapter reference (chapter_references)
_TITLE, _END, _NUMBER = "\ue000", "\ue001", "\ue002"


def chapter_context(context: dict, issued: Issued) -> dict:
    """The context a chapter of bundle `issued` is rendered with: the members of the same bundle
    named by markers in place of the bundle's own title and number, so that chapter_references
    can say where in this document they are ('见本程序第2章'), not name the document itself."""
    if not issued.bundled:
        return context
    titles, numbers = dict(context["title"]), dict(context["docno"])
    for n, member in enumerate(issued.members, start=1):
        titles[member.code] = f"{_TITLE}{n}{_END}"
        numbers[member.code] = _NUMBER
    return {**context, "title": titles, "docno": numbers}


# a chapter's text naming its own procedure ('本程序' / 'this procedure') means the chapter in a
# bundle, where 'this procedure' is the issued document ('本程序第2章'); not where the text gives
# the document's number ('如本程序为SH-IPM-P-01' / 'this procedure is SH-IPM-P-01')
_OWN = {"zh": re.compile(r"本程序(?!为)"), "en": re.compile(r"\b[Tt]his procedure\b(?! is)")}
_CHAPTER_SELF = {"zh": {"本程序": "本章"},
                 "en": {"this procedure": "this chapter", "This procedure": "This chapter"}}


def chapter_references(text: str, issued: Issued, language: str, number: str,
                       path: Path = BUNDLES_FILE) -> str:
    """`text` rendered with chapter_context: its own procedure named as this chapter ('本章'),
    each member of the same bundle named where it is in
    this document by bundles.yaml's `same_bundle` wording ('本程序第2章“外来文件与记录控制程序”'
    for 《title》（number）, 'chapter 2 of this procedure' for 'the title (number)'); `number`
    is the bundle's own, printed where a text names a member's number alone."""
    text = _OWN[language].sub(lambda m: _CHAPTER_SELF[language][m.group(0)], text)
    if _TITLE not in text and _NUMBER not in text:
        return text
    wording = _same_bundle_words(path)[language]

    def reference(match: re.Match) -> str:
        n = int(match.group("n"))
        said = wording.format(n=n, title=issued.members[n - 1].title[language])
        return said[:1].upper() + said[1:] if match.group("the") == "The " else said

    marker = rf"{_TITLE}(?P<n>\d+){_END}"
    if language == "zh":
        text = re.sub(rf"(?P<the>)《{marker}》(?:（{_NUMBER}）| ?{_NUMBER})?", reference, text)
    else:  # a number in brackets, or after a comma where the text was in brackets already
        text = re.sub(rf"(?P<the>[Tt]he )?{marker}(?: \({_NUMBER}\)|,? {_NUMBER})?",
                      reference, text)
    text = re.sub(rf"(?P<the>){marker}", reference, text)
    return text.replace(_NUMBER, number)


@lru_cache(maxsize=4)
def _same_bundle_words(path: Path) -> dict[str, str]:
    """bundles.yaml's `same_bundle` wording of a reference to a chapter of the same document."""
    raw = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None) or {}
    return dict(raw.get("same_bundle") or {"zh": "本程序第{n}章“{title}”",
                                            "en": "chapter {n} of this procedure"})
