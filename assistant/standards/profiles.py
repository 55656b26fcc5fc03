"""Standard profiles: the clause structure of a standard whose text is copyrighted.

A profile (corpus/profiles/<id>.yaml) gives every clause's number, title, level and kind, and a
summary written in our own words — never the standard's wording. What each field means and where
the facts come from is in corpus/profiles/SOURCES.md; scripts/check_profiles.py checks the files.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.errors import IpmsError
from assistant.settings import PROJECT_ROOT

PROFILES_DIR = PROJECT_ROOT / "corpus" / "profiles"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: 20 times faster


@dataclass(frozen=True)
class ProfileClause:
    """One clause of a profile. `kind` is requirement | heading | informative | guidance;
    `confidence` is confirmed (two public sources) | single | unverified (SOURCES.md)."""

    number: str
    title: str
    title_en: str
    level: int
    kind: str
    confidence: str
    summary_zh: str
    summary_en: str
    note: str = ""

    @property
    def is_requirement(self) -> bool:
        return self.kind == "requirement"

    def summary(self, language: str) -> str:
        """The summary in 'zh' or 'en' (our wording, never a quote)."""
        return self.summary_en if language == "en" else self.summary_zh


@dataclass(frozen=True)
class ProfileSource:
    id: str
    title: str
    url: str
    public: bool = True


@dataclass(frozen=True)
class Profile:
    """A standard's structure: `clauses` in document order, keyed by number ('4.2.1', 'B')."""

    id: str
    designation: str  # as printed on the standard: 'GB/T 29490—2023'
    title_zh: str
    title_en: str
    issued: str
    effective: str
    replaces: str
    status: str
    sources: tuple[ProfileSource, ...]
    clauses: dict[str, ProfileClause]

    def clause(self, number: str) -> ProfileClause | None:
        return self.clauses.get(number)

    def requirement_clauses(self) -> list[ProfileClause]:
        return [c for c in self.clauses.values() if c.is_requirement]

    def parent(self, number: str) -> ProfileClause | None:
        return self.clauses.get(number.rsplit(".", 1)[0]) if "." in number else None


def profile_ids(folder: Path = PROFILES_DIR) -> list[str]:
    """The ids of the shipped profiles ('gbt29490-2013', 'gbt29490-2023', 'iso56005-2020')."""
    return sorted(p.stem for p in folder.glob("*.yaml"))


@functools.lru_cache(maxsize=16)
def load_profile(profile_id: str, folder: Path = PROFILES_DIR) -> Profile:
    """The profile with this id. Raises IpmsError naming the known ids when there is none, and
    when the file is not a profile."""
    path = folder / f"{profile_id}.yaml"
    if "/" in profile_id or "\\" in profile_id or not path.is_file():
        raise IpmsError(f"unknown standard profile '{profile_id}' "
                        f"(known: {', '.join(profile_ids(folder))})")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        clauses = {}
        for item in data["clauses"]:
            number = str(item["number"])
            clauses[number] = ProfileClause(
                number, item["title"], item.get("title_en", ""), int(item["level"]),
                item["kind"], item.get("confidence", "unverified"),
                item.get("summary_zh", ""), item.get("summary_en", ""), item.get("note", ""))
        sources = tuple(ProfileSource(s["id"], s.get("title", ""), str(s.get("url", "")),
                                      bool(s.get("public", True)))
                        for s in data.get("sources", []))
        return Profile(data["id"], data["designation"], data.get("title_zh", ""),
                       data.get("title_en", ""), str(data.get("issued", "")),
                       str(data.get("effective", "")), data.get("replaces", "") or "",
                       data.get("status", ""), sources, clauses)
    except (KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
        raise IpmsError(f"{path.name} is not a valid standard profile: {exc}") from None
