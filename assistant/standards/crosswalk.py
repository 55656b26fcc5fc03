"""The crosswalk: which clauses of bj-ipm, GB/T 29490—2013, GB/T 29490—2023 and ISO 56005:2020
correspond (corpus/profiles/crosswalk.csv, a table a consultant can open in Excel and correct).

Each row relates one clause per standard (an empty cell: none). `relation` says how the 2013
clause relates to the 2023 one (equivalent / partly covers / new in 2023 / removed);
`bj_ipm_relation` how the bj-ipm clause relates to the 2013 one; `note` is English, `note_zh`
Chinese (`CrosswalkRow.note_for(language)`). Column meanings:
corpus/profiles/SOURCES.md.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import IpmsError
from assistant.standards.profiles import PROFILES_DIR

CROSSWALK_FILE = PROFILES_DIR / "crosswalk.csv"
COLUMNS = {"bj-ipm": "bj_ipm", "gbt29490-2013": "gbt29490_2013",
           "gbt29490-2023": "gbt29490_2023", "iso56005-2020": "iso56005"}  # standard id -> column
RELATIONS = ("equivalent", "partly covers", "new in 2023", "removed")


@dataclass(frozen=True)
class CrosswalkRow:
    """One row: `clauses` maps a standard id (COLUMNS) to its clause there ('' for none;
    bj-ipm cells are clause keys such as '6.2.3#2')."""

    clauses: dict[str, str]
    relation: str
    bj_ipm_relation: str
    note: str  # English
    note_zh: str = ""  # the same note in Chinese (column note_zh)

    def clause(self, standard: str) -> str:
        return self.clauses.get(standard, "")

    def note_for(self, language: str) -> str:
        """The row's note in `language` ('zh' or 'en'); the English note when the row has no
        Chinese one."""
        return self.note_zh if language == "zh" and self.note_zh else self.note


@dataclass(frozen=True)
class Crosswalk:
    rows: tuple[CrosswalkRow, ...]

    def rows_for(self, standard: str, clause: str) -> list[CrosswalkRow]:
        """The rows naming `clause` of `standard` or one of its sub-clauses ('7.3' also finds
        rows on 7.3.2), in file order. Raises IpmsError for a standard the table lacks."""
        if standard not in COLUMNS:
            raise IpmsError(f"the crosswalk has no standard '{standard}' "
                            f"(known: {', '.join(COLUMNS)})")
        prefix = clause + "."
        return [r for r in self.rows
                if (cell := r.clause(standard)) and (cell == clause or cell.startswith(prefix))]

    def corresponding(self, standard: str, clause: str, target: str) -> list[str]:
        """The distinct clauses of `target` that rows on `clause` of `standard` name, in order."""
        if target not in COLUMNS:
            raise IpmsError(f"the crosswalk has no standard '{target}' "
                            f"(known: {', '.join(COLUMNS)})")
        found = [r.clause(target) for r in self.rows_for(standard, clause)]
        return list(dict.fromkeys(c for c in found if c))


@functools.lru_cache(maxsize=4)
def load_crosswalk(path: Path = CROSSWALK_FILE) -> Crosswalk:
    """The crosswalk table. Raises IpmsError when the file lacks a column or names an unknown
    relation."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.DictReader(handle))
    except OSError as exc:
        raise IpmsError(f"cannot read the crosswalk {path}: {exc.strerror}") from None
    rows = []
    for line, raw in enumerate(table, start=2):
        missing = [c for c in (*COLUMNS.values(), "relation", "note") if c not in raw]
        if missing:
            raise IpmsError(f"{path.name} lacks the column(s) {', '.join(missing)}")
        relation = (raw["relation"] or "").strip()
        if relation and relation not in RELATIONS:
            raise IpmsError(f"{path.name} line {line}: unknown relation '{relation}'")
        rows.append(CrosswalkRow({sid: (raw[col] or "").strip() for sid, col in COLUMNS.items()},
                                 relation, (raw.get("bj_ipm_relation") or "").strip(),
                                 (raw["note"] or "").strip(),
                                 (raw.get("note_zh") or "").strip()))
    return Crosswalk(tuple(rows))


TOPIC_PREFIX = "Mapped by topic"  # how a by-topic row's English note begins (SOURCES.md)


def row_by_topic(row: CrosswalkRow) -> bool:
    """True for a row that relates a bj-ipm clause to GB/T clauses by topic only (its note
    begins 'Mapped by topic'): it says nothing new about the GB/T clauses among themselves."""
    return row.note.startswith(TOPIC_PREFIX)


def notes_between(rows, language: str, standard: str, target: str) -> list[str]:
    """The distinct notes of `rows` in `language`, in order, for a reader comparing `standard`
    with `target`; between two GB/T editions the by-topic rows' notes (about bj-ipm) are left
    out unless no other row has a note."""
    rows = list(rows)
    if "bj-ipm" not in (standard, target):
        own = [r for r in rows if not row_by_topic(r)]
        rows = own or rows
    return list(dict.fromkeys(n for r in rows if (n := r.note_for(language))))
