"""A licensed copy imported against its profile (`ipms corpus add FILE --profile ID`).

The imported text's numbered clauses are matched with the profile's by number, and each pair's
titles compared: the report lists the clauses matched, those whose title differs, the profile's
clauses missing from the import and the imported numbers the profile does not list. An import
that finds fewer than MIN_FOUND of the profile's clauses is not that standard (or was read
wrongly) and is refused unless --accept-defects.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from assistant.models import Clause
from assistant.standards.profiles import Profile

MIN_FOUND = 0.5  # share of the profile's clauses the import must have, by number
MIN_SAME_TITLE = 0.3  # ... and with the profile's title (a profile's own titles may be wrong)
SAME_TITLE = 80.0  # rapidfuzz ratio of two titles without spaces and punctuation
MAX_LISTED = 12  # numbers listed per line of the report; more are counted
_NOISE = re.compile(r"[\s\W_]+")


@dataclass(frozen=True)
class ProfileMatch:
    """How an imported text's clauses match its profile (numbers in profile order)."""

    profile: str
    designation: str
    total: int  # clauses in the profile
    matched: tuple[str, ...]
    title_differs: tuple[tuple[str, str, str], ...]  # (number, profile title, imported title)
    missing: tuple[str, ...]  # in the profile, not in the import
    extra: tuple[str, ...]  # in the import, not in the profile

    @property
    def found(self) -> int:
        return len(self.matched) + len(self.title_differs)

    @property
    def broken(self) -> bool:
        """Fewer than MIN_FOUND of the profile's clauses are in the import, or fewer than
        MIN_SAME_TITLE of them with the profile's title."""
        return (self.found < MIN_FOUND * self.total
                or len(self.matched) < MIN_SAME_TITLE * self.total)

    def summary(self) -> str:
        """One line for the refusal."""
        return (f"the numbering does not match the profile {self.profile} "
                f"({self.designation}): {self.found} of its {self.total} clauses were found, "
                f"{len(self.matched)} with its title (missing: {_listed(self.missing)}); check "
                "the file, or add it with --accept-defects; nothing was changed")

    def lines(self) -> list[str]:
        """The report printed after the import report."""
        out = [f"profile {self.profile} ({self.designation}): {self.found} of {self.total} "
               f"clauses found, {len(self.matched)} with the same title"]
        if self.title_differs:
            out.append(f"  title differs ({len(self.title_differs)}): " + "; ".join(
                f"{n} {ours} ≠ {theirs}" for n, ours, theirs in self.title_differs[:MAX_LISTED])
                + (" …" if len(self.title_differs) > MAX_LISTED else ""))
        if self.missing:
            out.append(f"  missing in the import ({len(self.missing)}): {_listed(self.missing)}")
        if self.extra:
            out.append(f"  not in the profile ({len(self.extra)}): {_listed(self.extra)}")
        return out


def _listed(numbers: tuple[str, ...]) -> str:
    shown = ", ".join(numbers[:MAX_LISTED])
    return shown + (f" and {len(numbers) - MAX_LISTED} more" if len(numbers) > MAX_LISTED else "")


def _plain(title: str) -> str:
    return _NOISE.sub("", title)


def match_profile(profile: Profile, clauses: dict[str, Clause]) -> ProfileMatch:
    """Match an imported document's clauses (a parsed tree, key -> Clause) with `profile`: by
    number, then by title (equal without spaces and punctuation, or a rapidfuzz ratio of at
    least SAME_TITLE)."""
    imported: dict[str, str] = {}
    for clause in clauses.values():
        if clause.number and not clause.inferred and clause.number not in imported:
            imported[clause.number.removeprefix("附录")] = clause.title
    matched, differs, missing = [], [], []
    for number, clause in profile.clauses.items():
        ours = clause.title
        if number not in imported:
            missing.append(number)
            continue
        theirs = imported[number]
        a, b = _plain(ours), _plain(theirs)
        if not a or not b or a == b or fuzz.ratio(a, b) >= SAME_TITLE or (
                number.isalpha() and a.startswith("附录")):  # an annex the profile cannot name
            matched.append(number)
        else:
            differs.append((number, ours, theirs))
    extra = tuple(n for n in imported if n not in profile.clauses)
    return ProfileMatch(profile.id, profile.designation, len(profile.clauses), tuple(matched),
                        tuple(differs), tuple(missing), extra)
