"""Checks of the standard profiles and the crosswalk in corpus/profiles/ (run by
scripts/check_profiles.py; findings are one-line strings naming the file, line or clause).

What is checked
- profiles (gbt29490-*.yaml, iso56005-*.yaml): clause numbers well-formed and unique, level equal
  to the depth of the number, every parent present, kind / confidence values known, sources named
  by id and listed, `confirmed` backed by two public sources and `single` by one, zh and en
  summaries present and at most two sentences;
- crosswalk.csv: UTF-8 with BOM, the expected columns, an English `note` and a Chinese `note_zh`
  on every row (one line each), known relation values consistent with the
  cells filled in (empty only on bj-ipm / ISO 56005 rows without a GB/T clause), every clause
  named exists in its profile (bj-ipm clauses in the parsed corpus/bj-ipm.txt, by canonical key
  such as 6.2.3#2), every requirement clause of every profile appears in at least one row, no
  duplicate rows;
- wording: no summary shares a run of more than 12 characters (Chinese, punctuation and spaces
  ignored) or more than 6 words (English) with the bj-ipm text or with snippets quoted from the
  standards (a file kept outside the repository on purpose).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.corpus.standard_parser import parse_standard
from assistant.settings import PROJECT_ROOT

PROFILES_DIR = PROJECT_ROOT / "corpus" / "profiles"
BJ_IPM = PROJECT_ROOT / "corpus" / "bj-ipm.txt"

COLUMNS = ["bj_ipm", "gbt29490_2013", "gbt29490_2023", "iso56005", "relation", "bj_ipm_relation",
           "note", "note_zh"]
NOTES = {"note": re.compile(r"[A-Za-z]{3}"),  # English words (it may name a Chinese title)
         "note_zh": re.compile(r"[\u4e00-\u9fff]")}  # Chinese characters
PROFILE_COLUMNS = {"gbt29490_2013": "gbt29490-2013", "gbt29490_2023": "gbt29490-2023", "iso56005": "iso56005-2020"}
RELATIONS = {"equivalent", "partly covers", "new in 2023", "removed"}
BJ_RELATIONS = {"equivalent", "partly covers"}
KINDS = {"requirement", "heading", "informative", "guidance"}
CONFIDENCE = {"confirmed", "single", "unverified"}
NUMBER = re.compile(r"^(?:[1-9]\d*|[A-Z])(?:\.[1-9]\d*)*$")
ZH_RUN = 12  # longest shared run of Chinese characters allowed
EN_RUN = 6  # longest shared run of English words allowed


@dataclass
class Profile:
    """One loaded profile: its id, clauses by number and the ids of its public sources."""

    id: str
    path: Path
    clauses: dict[str, dict] = field(default_factory=dict)
    public_sources: set[str] = field(default_factory=set)
    all_sources: set[str] = field(default_factory=set)


def parent_of(number: str) -> str | None:
    """The number of the enclosing clause ('4.2' for '4.2.1'), None for a chapter or annex."""
    return number.rsplit(".", 1)[0] if "." in number else None


def sentence_count(text: str) -> int:
    """Sentences in a summary: Chinese full stops, or English full stops followed by a space or the end."""
    zh = len(re.findall(r"[。！？]", text))
    en = len(re.findall(r"[.!?](?:\s|$)", text))
    return max(zh, en, 1)


def load_profile(path: Path, findings: list[str]) -> Profile:
    """Load one profile file and report the problems of its own structure."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = path.name
    profile = Profile(id=str(data.get("id", "")), path=path)
    if profile.id != path.stem:
        findings.append(f"{where}: id {profile.id!r} does not match the file name")
    for source in data.get("sources") or []:
        sid = str(source.get("id", ""))
        if not sid or not source.get("title") or not source.get("url"):
            findings.append(f"{where}: source {source!r} needs id, title and url")
        profile.all_sources.add(sid)
        if source.get("public", True):
            profile.public_sources.add(sid)
    for clause in data.get("clauses") or []:
        number = str(clause.get("number", ""))
        at = f"{where} {number or '?'}"
        if not NUMBER.match(number):
            findings.append(f"{at}: malformed clause number")
            continue
        if number in profile.clauses:
            findings.append(f"{at}: number used twice")
            continue
        profile.clauses[number] = clause
        if clause.get("level") != number.count(".") + 1:
            findings.append(f"{at}: level {clause.get('level')} but the number has depth {number.count('.') + 1}")
        if not str(clause.get("title", "")).strip():
            findings.append(f"{at}: no title")
        if clause.get("kind") not in KINDS:
            findings.append(f"{at}: kind {clause.get('kind')!r} not one of {sorted(KINDS)}")
        check_sources(profile, clause, at, findings)
        for lang in ("summary_zh", "summary_en"):
            text = str(clause.get(lang, "")).strip()
            if not text:
                findings.append(f"{at}: no {lang}")
            elif sentence_count(text) > 2:
                findings.append(f"{at}: {lang} has more than two sentences")
    for number in profile.clauses:
        parent = parent_of(number)
        if parent and parent not in profile.clauses:
            findings.append(f"{where} {number}: parent {parent} missing")
    return profile


def check_sources(profile: Profile, clause: dict, at: str, findings: list[str]) -> None:
    """A clause names listed sources, and its confidence matches how many of them are public."""
    confidence = clause.get("confidence")
    sources = [str(s) for s in clause.get("sources") or []]
    unknown = [s for s in sources if s not in profile.all_sources]
    if unknown:
        findings.append(f"{at}: unknown source ids {unknown}")
    public = [s for s in sources if s in profile.public_sources]
    if confidence not in CONFIDENCE:
        findings.append(f"{at}: confidence {confidence!r} not one of {sorted(CONFIDENCE)}")
    elif confidence == "confirmed" and len(public) < 2:
        findings.append(f"{at}: confirmed but backed by {len(public)} public source(s)")
    elif confidence == "single" and len(public) < 1:
        findings.append(f"{at}: single but no public source named")


def bj_ipm_keys() -> set[str]:
    """Canonical clause keys of the shipped bj-ipm text, as `ipms clause` knows them."""
    parsed = parse_standard("bj-ipm", BJ_IPM.read_text(encoding="utf-8"))
    return set(parsed.clauses)


def check_crosswalk(path: Path, profiles: dict[str, Profile], findings: list[str]) -> int:
    """Check the crosswalk table against the profiles and bj-ipm; return the number of rows."""
    raw = path.read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        findings.append(f"{path.name}: no UTF-8 byte-order mark (Excel would misread the Chinese)")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    if not rows or rows[0] != COLUMNS:
        findings.append(f"{path.name}: header must be {COLUMNS}")
        return 0
    bj_keys = bj_ipm_keys()
    seen_rows: set[tuple[str, ...]] = set()
    named: dict[str, set[str]] = {pid: set() for pid in profiles}
    for line_no, row in enumerate(rows[1:], start=2):
        at = f"{path.name}:{line_no}"
        if len(row) != len(COLUMNS):
            findings.append(f"{at}: {len(row)} cells, expected {len(COLUMNS)}")
            continue
        cells = dict(zip(COLUMNS, (c.strip() for c in row)))
        key = tuple(cells.values())
        if key in seen_rows:
            findings.append(f"{at}: duplicate row")
        seen_rows.add(key)
        check_row_relations(cells, at, findings)
        if cells["bj_ipm"] and cells["bj_ipm"] not in bj_keys:
            findings.append(f"{at}: bj-ipm clause {cells['bj_ipm']} not in corpus/bj-ipm.txt")
        for column, pid in PROFILE_COLUMNS.items():
            number = cells[column]
            if not number:
                continue
            if pid not in profiles:
                findings.append(f"{at}: {column} filled but there is no profile {pid}.yaml")
            elif number not in profiles[pid].clauses:
                findings.append(f"{at}: {pid} has no clause {number}")
            else:
                named[pid].add(number)
        for column, script in NOTES.items():
            text = row[COLUMNS.index(column)]
            if not text.strip() or "\n" in text or "\r" in text:
                findings.append(f"{at}: {column} must be one non-empty line")
            elif not script.search(text):
                language = "Chinese" if column == "note_zh" else "English"
                findings.append(f"{at}: {column} must be in {language}")
    for pid, profile in profiles.items():
        for number, clause in profile.clauses.items():
            if clause.get("kind") == "requirement" and number not in named[pid]:
                findings.append(f"{path.name}: requirement clause {pid} {number} appears in no row")
    return len(rows) - 1


def check_row_relations(cells: dict[str, str], at: str, findings: list[str]) -> None:
    """The relation words are known and agree with which clause cells are filled."""
    relation, bj_relation = cells["relation"], cells["bj_ipm_relation"]
    old, new = cells["gbt29490_2013"], cells["gbt29490_2023"]
    filled = [c for c in ("bj_ipm", "gbt29490_2013", "gbt29490_2023", "iso56005") if cells[c]]
    if len(filled) < 2 and relation != "new in 2023":
        findings.append(f"{at}: a row relates at least two clauses (or marks a 2023 clause 'new in 2023')")
    if not old and not new:
        if relation:
            findings.append(f"{at}: relation is for the 2013/2023 pair; leave it empty when both are empty")
    elif relation not in RELATIONS:
        findings.append(f"{at}: relation {relation!r} not one of {sorted(RELATIONS)}")
    elif relation == "new in 2023" and (old or not new):
        findings.append(f"{at}: 'new in 2023' needs a 2023 clause and no 2013 clause")
    elif relation == "removed" and (new or not old):
        findings.append(f"{at}: 'removed' needs a 2013 clause and no 2023 clause")
    elif relation in {"equivalent", "partly covers"} and not (old and new):
        findings.append(f"{at}: '{relation}' needs both a 2013 and a 2023 clause")
    if bool(cells["bj_ipm"]) != bool(bj_relation):
        findings.append(f"{at}: bj_ipm_relation is filled exactly when bj_ipm is")
    elif bj_relation and bj_relation not in BJ_RELATIONS:
        findings.append(f"{at}: bj_ipm_relation {bj_relation!r} not one of {sorted(BJ_RELATIONS)}")


# -- wording -------------------------------------------------------------------------------------
def zh_chars(text: str) -> str:
    """Text with whitespace and punctuation removed, for comparing runs of characters."""
    return re.sub(r"[\s\W_]+", "", text)


def en_words(text: str) -> list[str]:
    """Lower-case English words of a text."""
    return re.findall(r"[a-z0-9]+", text.lower())


def shingles(items, size: int) -> set:
    """Every run of `size` consecutive items (characters or words)."""
    return {tuple(items[i : i + size]) for i in range(len(items) - size + 1)}


def check_wording(profiles: dict[str, Profile], reference_texts: list[str], findings: list[str]) -> None:
    """No summary shares a long run with a quoted snippet or with the bj-ipm text."""
    zh_ref: set = set()
    en_ref: set = set()
    for text in reference_texts:
        for paragraph in text.splitlines():
            zh_ref |= shingles(zh_chars(paragraph), ZH_RUN + 1)
            en_ref |= shingles(en_words(paragraph), EN_RUN + 1)
    for pid, profile in profiles.items():
        for number, clause in profile.clauses.items():
            zh = zh_chars(str(clause.get("summary_zh", "")))
            shared = shingles(zh, ZH_RUN + 1) & zh_ref
            if shared:
                findings.append(f"{pid} {number}: summary_zh shares '{''.join(sorted(shared)[0])}' with a source text")
            en = en_words(str(clause.get("summary_en", "")))
            shared_en = shingles(en, EN_RUN + 1) & en_ref
            if shared_en:
                findings.append(f"{pid} {number}: summary_en shares '{' '.join(sorted(shared_en)[0])}' with a source text")


@dataclass
class CheckResult:
    """What check_all found: `findings` (empty when all is well), clauses per profile, rows."""

    findings: list[str]
    clauses: dict[str, int]
    rows: int

    @property
    def line(self) -> str:
        counts = ", ".join(f"{pid}: {n} clauses" for pid, n in self.clauses.items())
        status = "FAILED" if self.findings else "ok"
        return (f"check_profiles: {status} - {counts}; crosswalk: {self.rows} rows; "
                f"{len(self.findings)} finding(s)")


def check_all(profiles_dir: Path = PROFILES_DIR, quotes: str | None = None) -> CheckResult:
    """Every check over the profiles and crosswalk.csv of `profiles_dir`; the wording is
    compared with bj-ipm and, when given, the text of snippets quoted from the standards."""
    findings: list[str] = []
    profiles = {}
    for path in sorted(profiles_dir.glob("*.yaml")):
        profile = load_profile(path, findings)
        profiles[profile.id] = profile
    rows = check_crosswalk(profiles_dir / "crosswalk.csv", profiles, findings)
    references = [BJ_IPM.read_text(encoding="utf-8")] + ([quotes] if quotes else [])
    check_wording(profiles, references, findings)
    return CheckResult(findings, {pid: len(p.clauses) for pid, p in profiles.items()}, rows)
