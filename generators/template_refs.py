"""Templates that name another document of the package by its literal title.

A procedure's or form's title can vary with the company (catalogue.yaml `title_when`: P12 without
patents, P29 without licensing-out, R30 by the cadence of spending checks, R47 by the export mode),
and a compact package issues procedures as chapters of bundles: a text naming a document therefore
writes `《{{ title.P12 }}》` / `the {{ title.P12 }}`, never the words of one of its titles. This
check reads the template files (not a drafted package) and lists every literal title it finds
outside the title definitions of the catalogue and of the bundles (bundles.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generators.templates_io import TEMPLATES_DIR


# the files whose `title:` blocks define titles (a procedure's, a form's, a bundle's)
DEFINING = ("catalogue.yaml", "bundles.yaml")


@dataclass(frozen=True)
class LiteralTitle:
    """One document title written out in a template: where, which document, the words."""

    file: str
    line: int
    code: str
    title: str


def _titles(catalogue: dict) -> tuple[dict[str, str], dict[str, str]]:
    """Every title (all `title_when` variants) of each procedure and form:
    ({zh title: code}, {en title: code})."""
    zh, en = {}, {}
    for entry in [*catalogue["procedures"], *catalogue["forms"]]:
        for title in [entry["title"], *(entry.get("title_when") or [])]:
            zh[title["zh"]] = entry["code"]
            en[title["en"]] = entry["code"]
    return zh, en


def _pattern(names, template: str) -> re.Pattern:
    """One regular expression for `names` (longest first), each put into `template` as {names}."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(template.format(names=alternatives))


def _definition_lines(lines: list[str]) -> set[int]:
    """Line numbers of the `title:` and `title_when:` blocks (definitions, not references)."""
    inside, found = False, set()
    for number, line in enumerate(lines, 1):
        key = re.match(r"\s*-?\s*([a-z_]+):", line)
        if key and key.group(1) in ("title", "title_when"):
            inside = True
        elif key and key.group(1) not in ("zh", "en", "when") or re.match(r"\S", line):
            inside = False
        if inside:
            found.add(number)
    return found


def literal_titles(folder: Path = TEMPLATES_DIR) -> list[LiteralTitle]:
    """Every place in the templates under `folder` that writes a procedure's or form's title
    instead of `{{ title.Xnn }}`: Chinese titles in 《》, English procedure titles anywhere."""
    catalogue = yaml.safe_load((folder / "catalogue.yaml").read_text(encoding="utf-8"))
    zh, en = _titles(catalogue)
    procedures_en = {t: c for t, c in en.items() if c.startswith("P")}
    patterns = [(_pattern(zh, r"《({names})》"), zh),
                (_pattern(procedures_en, r"(?<![\w-])({names})(?![\w-])"), procedures_en)]
    found = []
    for path in sorted(folder.rglob("*.yaml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        skip = _definition_lines(lines) if path.name in DEFINING else set()
        for number, line in enumerate(lines, 1):
            if number in skip:
                continue
            for pattern, codes in patterns:
                found += [LiteralTitle(str(path.relative_to(folder)), number, codes[m.group(1)],
                                       m.group(1)) for m in pattern.finditer(line)]
    return found
