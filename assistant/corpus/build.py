"""Write documents into a corpus directory: the shipped ones from the raw seeds, and user files.

Every write goes to a temporary file first and is renamed into place, and the manifest is written
last, so a failure leaves the corpus as it was.
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
from assistant.corpus.importers import read_document
from assistant.corpus.standard_parser import parse_standard
from assistant.corpus.store import MANIFEST, parse_document, read_manifest
from assistant.errors import IpmsError
from assistant.models import DocumentMeta
from assistant.settings import Settings
from assistant.textutil import language_of

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{1,40}$")


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


def add_user_document(settings: Settings, path: Path, doc_id: str, title: str,
                      title_en: str = "", kind: str = "standard") -> DocumentMeta:
    """Import a user's standard into home/corpus. Nothing is written unless it parses."""
    if not _ID.match(doc_id):
        raise IpmsError(f"invalid id '{doc_id}': use 2-41 lowercase letters, digits, '.', '_' or '-'")
    if not title.strip():
        raise IpmsError("a --title is required")
    shipped = {e["id"] for e in read_manifest(settings.corpus_dir)}
    if doc_id in shipped:
        raise IpmsError(f"'{doc_id}' is a shipped document; choose another id")
    text = clean_text(read_document(path)).text
    if not text.strip():
        raise IpmsError(f"{path.name} contains nothing but page furniture")
    language = language_of(text)
    numbered = parse_standard(doc_id, text, title).clauses.values()
    structure = "clauses" if sum(1 for c in numbered if c.number and not c.inferred) >= 3 else "sections"
    meta = DocumentMeta(
        id=doc_id, title_zh=title if language == "zh" else (title_en or title),
        title_en=title_en or title, kind=kind, language=language, issuer="user-supplied",
        date="", source=path.name, file=f"{doc_id}.txt", structure=structure,
        sha256=sha256(text),
    )
    if not parse_document(meta, text).clauses:
        raise IpmsError(f"{path.name}: no clauses or sections could be read")
    directory = settings.user_corpus_dir
    entries = [e for e in read_manifest(directory) if e["id"] != doc_id]
    atomic_write(directory / meta.file, text)
    _write_manifest(directory, entries + [{**asdict(meta), "aliases": list(meta.aliases)}])
    return meta


def remove_user_document(settings: Settings, doc_id: str) -> None:
    directory = settings.user_corpus_dir
    entries = read_manifest(directory)
    kept = [e for e in entries if e["id"] != doc_id]
    if len(kept) == len(entries):
        raise IpmsError(f"no user-added document '{doc_id}'")
    _write_manifest(directory, kept)
    (directory / f"{doc_id}.txt").unlink(missing_ok=True)

