"""The crosswalk: which clauses of bj-ipm, GB/T 29490—2013, GB/T 29490—2023 and ISO 56005:2020
correspond (corpus/profiles/crosswalk.csv, a table a consultant can open in Excel and correct).

Each row relates one clause per standard (an empty cell: none). `relation` says how the 2013
clause relates to the 2023 one (equivalent / partly covers / new in 2023 / removed);
`bj_ipm_relation` how the bj-ipm clause relates to the 2013 one. Column meanings:
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
    note: str

    def clause(self, standard: str) -> str:
        return self.clauses.get(standard, "")


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
                                 (raw["note"] or "").strip()))
    return Crosswalk(tuple(rows))
