"""Write documents into a corpus directory: the shipped ones from the raw seeds, and user files.

Every write goes to a temporary file first and is renamed into place, and the manifest is written
last, so a failure leaves the corpus as it was. The user's corpus is changed under a lock
(user_corpus.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from assistant.corpus.cleaning import CleanResult, DocumentRules, clean_text
from assistant.corpus.cover import cover_of
from assistant.corpus.import_report import ImportReport, assess
from assistant.corpus.importers import ImportLimits, read_source
from assistant.corpus.section_parser import parse_sections
from assistant.corpus.standard_parser import ParsedDocument, parse_standard
from assistant.corpus.store import MANIFEST, read_manifest
from assistant.corpus.user_corpus import commit, corpus_lock, read_entries, text_file_name
from assistant.errors import IpmsError
from assistant.models import DocumentMeta
from assistant.settings import Settings
from assistant.standards.profile_import import ProfileMatch, match_profile
from assistant.standards.profiles import load_profile
from assistant.textutil import language_of

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{1,40}$")
LANGUAGE_SAMPLE_CHARS = 1_000_000  # a document's language shows in its first million characters


def atomic_write(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_manifest(directory: Path, entries: list[dict]) -> None:
    atomic_write(directory / MANIFEST,
                 json.dumps({"documents": entries}, ensure_ascii=False, indent=2) + "\n")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_shipped_corpus(seeds_dir: Path, corpus_dir: Path) -> dict[str, CleanResult]:
    """Clean every seed named in the shipped manifest into corpus_dir; return what was removed."""
    entries = read_manifest(corpus_dir)
    results = {}
    for entry in entries:
        source = seeds_dir / entry["source"]
        if not source.exists():
            raise IpmsError(f"seed file not found: {source}")
        rules = entry.get("cleaning", {})
        result = clean_text(source.read_text(encoding="utf-8"),
                            DocumentRules(tuple(rules.get("drop", ())),
                                          tuple(rules.get("strip_prefix", ()))))
        atomic_write(corpus_dir / entry["file"], result.text)
        entry["sha256"] = sha256(result.text)
        results[entry["id"]] = result
    _write_manifest(corpus_dir, entries)
    return results


def _parse(doc_id: str, text: str, title: str, language: str,
           kind: str = "standard") -> tuple[str, ParsedDocument]:
    """(structure, parsed document): 'clauses' when at least three printed clause numbers are
    found, else 'sections' (the document is then parsed by its headings). A notice is always read
    by its headings: its items 1. 2. 3. are not chapters."""
    if kind != "notice":
        parsed = parse_standard(doc_id, text, title)
        numbered = sum(1 for c in parsed.clauses.values() if c.number and not c.inferred)
        if numbered >= 3:
            return "clauses", parsed
    return "sections", parse_sections(doc_id, text, language)


MAX_ALIASES, MAX_ALIAS_CHARS = 20, 64
# An alias: letters, digits, CJK and the punctuation of names and standard numbers.
_ALIAS = re.compile(r"[^\W_]([^\W_]| |[-—–/.:：·()（）《》&+])*")
# Shapes a question reads as a clause number (4, 4.3, A.1, 第三条): not a name for a document.
_CLAUSE_SHAPED = re.compile(r"\d{1,3}(\.\d+)*|[A-Za-z](\.\d+)*|第.+[章条节]|附录\s*[A-Za-z]")


def check_aliases(aliases: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The aliases with spaces squeezed and without repeats. Raises IpmsError for more than
    MAX_ALIASES, one longer than MAX_ALIAS_CHARS, with fewer than two letters or digits, with
    characters other than letters, digits, spaces and - — / . : · ( ) 《 》 & +, or shaped like a
    clause number (a question naming it would read as naming a clause)."""
    out: list[str] = []
    for raw in aliases:
        alias = " ".join(raw.split()).strip("《》 ")
        if len(alias) > MAX_ALIAS_CHARS:
            raise IpmsError(f"alias '{alias[:20]}…' is {len(alias)} characters long; "
                            f"the limit is {MAX_ALIAS_CHARS}")
        if not _ALIAS.fullmatch(alias):
            raise IpmsError(f"invalid alias {alias!r}: use letters, digits, spaces and - / . : ( ) "
                            "(starting with a letter or digit)")
        if sum(ch.isalnum() for ch in alias) < 2:
            raise IpmsError(f"invalid alias {alias!r}: it needs at least two letters or digits")
        if _CLAUSE_SHAPED.fullmatch(alias):
            raise IpmsError(f"invalid alias {alias!r}: it reads as a clause number")
        if alias not in out:
            out.append(alias)
    if len(out) > MAX_ALIASES:
        raise IpmsError(f"{len(out)} aliases given; the limit is {MAX_ALIASES}")
    return tuple(out)


def _refuse_existing(doc_id: str, replace: bool, entries: list[dict]) -> None:
    if not replace and any(e["id"] == doc_id for e in entries):
        raise IpmsError(f"'{doc_id}' is already in your corpus; add --replace to replace it")


def add_user_document(settings: Settings, path: Path, doc_id: str, title: str,
                      title_en: str = "", kind: str = "standard",
                      replace: bool = False, *, accept_defects: bool = False,
                      dry_run: bool = False,
                      on_report: Callable[[ImportReport], None] | None = None,
                      aliases: tuple[str, ...] = (), profile: str = "",
                      on_profile: Callable[[ProfileMatch], None] | None = None) -> DocumentMeta:
    """Import a user's standard into home/corpus and return its manifest entry.

    The file is read as what its bytes say (text in any common encoding, .docx, PDF), cleaned and
    parsed before anything is written; an id already in the user's corpus is refused unless
    `replace`. The text and the manifest are written under the corpus lock so that the change
    lands whole or not at all (see user_corpus.py).

    The import report (import_report.py) goes to `on_report` after the document is added, or at
    once with `dry_run`, which writes nothing. The cover's number, replaced standard and dates go
    into the manifest entry, and so do the `aliases` (other names a question can use for it).

    With `profile` (a shipped profile id, assistant/standards/profiles.py) the text is the
    licensed copy of that standard: its clauses are matched with the profile's (a ProfileMatch
    to `on_profile`, reported like the import report), the manifest records the profile id, and
    the profile's designation stands in for a cover number the file lacks. An unknown profile
    id, or a text holding fewer than half of the profile's clauses or under 30% with the
    profile's titles (ProfileMatch.broken; unless `accept_defects`), raises IpmsError with
    nothing written.

    Raises IpmsError (one line) for a bad id or title, a shipped or existing id, a file that
    is missing, too large (settings.max_import_mb), not a document, or holds no clauses, and for
    a clause tree that looks broken (ImportReport.findings) unless `accept_defects`, and for
    aliases check_aliases refuses."""
    if not _ID.match(doc_id):
        raise IpmsError(f"invalid id '{doc_id}': use 2-41 lowercase letters, digits, '.', '_' or '-'")
    if not title.strip():
        raise IpmsError("a --title is required")
    aliases = check_aliases(aliases)
    standard = load_profile(profile) if profile else None  # an unknown id fails before any work
    shipped = {e["id"] for e in read_manifest(settings.corpus_dir)}
    if doc_id in shipped:
        raise IpmsError(f"'{doc_id}' is a shipped document; choose another id")
    directory = settings.user_corpus_dir
    _refuse_existing(doc_id, replace, read_entries(directory))  # early; checked again below
    limits = ImportLimits.from_mb(settings.max_import_mb)
    source = read_source(path, limits)
    cleaned = clean_text(source.text)
    text = cleaned.text
    if not text.strip():
        raise IpmsError(f"{path.name} contains nothing but page furniture")
    language = language_of(text[:LANGUAGE_SAMPLE_CHARS])
    title_zh = title if language == "zh" else (title_en or title)
    title_en = title_en or title
    structure, parsed = _parse(doc_id, text, title_zh if language == "zh" else title_en, language,
                               kind)
    if not parsed.clauses:
        raise IpmsError(f"{path.name}: no clauses or sections could be read")
    cover = cover_of(source.blocks)
    report = assess(path.name, source, len(cleaned.dropped), text, parsed, structure, kind, cover)
    if dry_run and on_report is not None:
        on_report(report)
    if report.broken and not accept_defects:
        raise IpmsError(report.summary())
    match = match_profile(standard, parsed.clauses) if standard else None
    if match is not None and dry_run and on_profile is not None:
        on_profile(match)
    if match is not None and match.broken and not accept_defects:
        raise IpmsError(match.summary())
    digest = sha256(text)
    meta = DocumentMeta(
        id=doc_id, title_zh=title_zh, title_en=title_en, kind=kind, language=language,
        issuer="user-supplied", date="", source=path.name, file=text_file_name(doc_id, digest),
        structure=structure, sha256=digest,
        number=cover.number or (standard.designation if standard else ""),
        replaces=cover.replaces, issued=cover.issued, effective=cover.effective, aliases=aliases,
        profile=profile,
    )
    if dry_run:
        return meta
    entry = {**asdict(meta), "aliases": list(meta.aliases)}
    with corpus_lock(directory) as entries:
        _refuse_existing(doc_id, replace, entries)
        kept = [e for e in entries if e["id"] != doc_id]
        commit(directory, entries, kept + [entry], text=(meta.file, text))
    if on_report is not None:
        on_report(report)
    if match is not None and on_profile is not None:
        on_profile(match)
    return meta


def remove_user_document(settings: Settings, doc_id: str) -> None:
    """Remove a user-added document: its manifest entry, then its text.

    Raises IpmsError when no user-added document has this id, or the folder cannot be written."""
    directory = settings.user_corpus_dir
    if not any(e["id"] == doc_id for e in read_entries(directory)):  # early; checked again below
        raise IpmsError(f"no user-added document '{doc_id}'")
    with corpus_lock(directory) as entries:
        kept = [e for e in entries if e["id"] != doc_id]
        if len(kept) == len(entries):
            raise IpmsError(f"no user-added document '{doc_id}'")
        commit(directory, entries, kept)
