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
