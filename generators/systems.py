"""The processes of the management systems a company already runs (ISO 9001, ISO 27001 …) whose
procedures take in the IP requirements when the IP system is integrated with them: worded from
the intake's `certification.existing_systems` and templates/systems.yaml, so the manual names only
the company's own systems and processes."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

SYSTEMS_FILE = Path(__file__).parent / "templates" / "systems.yaml"


@functools.lru_cache(maxsize=2)
def _table(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def system_processes(systems: list[str] | None, rd: bool, language: str,
                     path: Path = SYSTEMS_FILE) -> list[str]:
    """The processes, worded in `language` ('采购', '设计开发' / 'for purchasing' …), that the
    `systems` (the intake's names: 'ISO 9001', 'GB/T 22080') have procedures for, each once in
    systems.yaml's order; design and development only when `rd` (R&D of its own). [] when none
    (no systems, or none systems.yaml knows)."""
    table = _table(path)
    wanted: list[str] = []
    for entry in table.get("systems", []):
        if any(str(m) in name for name in systems or [] for m in entry["match"]):
            wanted += [p for p in entry["processes"] if p not in wanted]
    words = table.get("processes", {})
    return [words[p][language] for p in wanted
            if words[p].get("when") != "rd" or rd]


def split_systems(systems: list[str] | None, path: Path = SYSTEMS_FILE) -> dict[str, list[str]]:
    """The intake's existing systems as {'systems': the management-system standards, in order,
    'qualifications': those that are qualifications or licences the company holds (systems.yaml
    `qualifications`: 武器装备科研生产单位保密资格)}."""
    marks = [str(m).casefold() for m in _table(path).get("qualifications", [])]
    out: dict[str, list[str]] = {"systems": [], "qualifications": []}
    for name in systems or []:
        held = any(m in str(name).casefold() for m in marks)
        out["qualifications" if held else "systems"].append(name)
    return out
