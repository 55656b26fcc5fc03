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
from dataclasses import asdict
from pathlib import Path

from assistant.corpus.cleaning import CleanResult, DocumentRules, clean_text
from assistant.corpus.importers import ImportLimits, read_document
from assistant.corpus.section_parser import parse_sections
from assistant.corpus.standard_parser import parse_standard
from assistant.corpus.store import MANIFEST, read_manifest
from assistant.corpus.user_corpus import commit, corpus_lock, read_entries, text_file_name
from assistant.errors import IpmsError
from assistant.models import DocumentMeta
from assistant.settings import Settings
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
           kind: str = "standard") -> tuple[str, int]:
    """(structure, number of clauses): 'clauses' when at least three printed clause numbers are
    found, else 'sections' (the document is then parsed by its headings). A notice is always read
    by its headings: its items 1. 2. 3. are not chapters."""
    if kind != "notice":
        parsed = parse_standard(doc_id, text, title)
        numbered = sum(1 for c in parsed.clauses.values() if c.number and not c.inferred)
        if numbered >= 3:
            return "clauses", len(parsed.clauses)
    return "sections", len(parse_sections(doc_id, text, language).clauses)


def _refuse_existing(doc_id: str, replace: bool, entries: list[dict]) -> None:
    if not replace and any(e["id"] == doc_id for e in entries):
        raise IpmsError(f"'{doc_id}' is already in your corpus; add --replace to replace it")


def add_user_document(settings: Settings, path: Path, doc_id: str, title: str,
                      title_en: str = "", kind: str = "standard",
                      replace: bool = False) -> DocumentMeta:
    """Import a user's standard into home/corpus and return its manifest entry.

    The file is read as what its bytes say (text in any common encoding, .docx, PDF), cleaned and
    parsed before anything is written; an id already in the user's corpus is refused unless
    `replace`. The text and the manifest are written under the corpus lock so that the change
    lands whole or not at all (see user_corpus.py).

    Raises IpmsError (one line) for a bad id or title, a shipped or existing id, and a file that
    is missing, too large (settings.max_import_mb), not a document, or holds no clauses."""
    if not _ID.match(doc_id):
        raise IpmsError(f"invalid id '{doc_id}': use 2-41 lowercase letters, digits, '.', '_' or '-'")
    if not title.strip():
        raise IpmsError("a --title is required")
    shipped = {e["id"] for e in read_manifest(settings.corpus_dir)}
    if doc_id in shipped:
        raise IpmsError(f"'{doc_id}' is a shipped document; choose another id")
    directory = settings.user_corpus_dir
    _refuse_existing(doc_id, replace, read_entries(directory))  # early; checked again below
    limits = ImportLimits.from_mb(settings.max_import_mb)
    text = clean_text(read_document(path, limits)).text
    if not text.strip():
        raise IpmsError(f"{path.name} contains nothing but page furniture")
    language = language_of(text[:LANGUAGE_SAMPLE_CHARS])
    title_zh = title if language == "zh" else (title_en or title)
    title_en = title_en or title
    structure, clauses = _parse(doc_id, text, title_zh if language == "zh" else title_en, language,
                                kind)
    if not clauses:
        raise IpmsError(f"{path.name}: no clauses or sections could be read")
    digest = sha256(text)
    meta = DocumentMeta(
        id=doc_id, title_zh=title_zh, title_en=title_en, kind=kind, language=language,
        issuer="user-supplied", date="", source=path.name, file=text_file_name(doc_id, digest),
        structure=structure, sha256=digest,
    )
    entry = {**asdict(meta), "aliases": list(meta.aliases)}
    with corpus_lock(directory) as entries:
        _refuse_existing(doc_id, replace, entries)
        kept = [e for e in entries if e["id"] != doc_id]
        commit(directory, entries, kept + [entry], text=(meta.file, text))
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
