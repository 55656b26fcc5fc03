"""`ipms crosswalk CLAUSE --from ID [--to ID]`: the clauses of the other standards that
correspond to one clause, read from the crosswalk (corpus/profiles/crosswalk.csv).

A bj-ipm clause is quoted verbatim from the corpus by its key; a clause of a profiled standard
(GB/T 29490, ISO 56005) is named by number and title with our own summary, labelled as a summary,
unless a licensed copy was imported under the profile's id (then its text is quoted). Wording is
in prompts/crosswalk/<lang>.toml.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answer.extractive import render_body
from assistant.corpus.store import Corpus, Document
from assistant.errors import IpmsError
from assistant.retrieval.router import find_clause_numbers
from assistant.settings import PROJECT_ROOT
from assistant.standards.crosswalk import COLUMNS, CrosswalkRow, load_crosswalk, row_by_topic
from assistant.standards.names import standards_named
from assistant.standards.profiles import load_profile
from assistant.textutil import fold

BJ = "bj-ipm"
ISO = "iso56005-2020"
OLD, NEW = "gbt29490-2013", "gbt29490-2023"
STANDARDS = tuple(COLUMNS)  # bj-ipm, gbt29490-2013, gbt29490-2023, iso56005-2020
PROMPTS_DIR = PROJECT_ROOT / "prompts" / "crosswalk"
_BJ_NAMES = {"bj-ipm", "bj", "bjipm", "北京", "北京市地方标准", "北京地方标准", "beijing",
             "beijing local standard", "beijing standard"}
_KEY = re.compile(r"\d{1,2}(?:\.\d{1,3}){0,5}(?:#\d)?")
_ANNEX = re.compile(r"(?:附录|annex\s*)?([A-Z])", re.IGNORECASE)


@lru_cache(maxsize=2)
def wording(language: str) -> dict:
    """The strings of prompts/crosswalk/<language>.toml ('zh' or 'en')."""
    with (PROMPTS_DIR / f"{'en' if language == 'en' else 'zh'}.toml").open("rb") as handle:
        return tomllib.load(handle)


def designation(standard: str, language: str = "zh") -> str:
    """How a standard is named to a reader: 'GB/T 29490—2013', never the internal id."""
    if standard == BJ:
        return wording(language)["bj_ipm_name"]
    return load_profile(standard).designation


def resolve_standard(text: str) -> str:
    """The standard id for an id, designation or edition year: 'gbt29490-2023',
    'GB/T 29490-2023', 'GB/T 29490—2023', '2023', '2023版', 'bj-ipm', 'ISO 56005'.
    Raises IpmsError naming the known standards for anything else."""
    raw = fold(text or "").strip()
    lowered = raw.lower()
    if lowered in STANDARDS:
        return lowered
    if lowered in _BJ_NAMES:
        return BJ
    if lowered in {"2013", "2023"}:
        return f"gbt29490-{lowered}"
    mentions = [m for m in standards_named(raw) if m.profile]
    if len(mentions) == 1 and mentions[0].profile in STANDARDS:
        return mentions[0].profile
    known = ", ".join(f"{s} ({designation(s, 'en')})" if s != BJ else s for s in STANDARDS)
    if re.fullmatch(r"(?:gb\s*/?\s*t\s*)?29490", lowered):
        raise IpmsError(f"say which edition of GB/T 29490: 2013 or 2023 (known: {known})")
    raise IpmsError(f"unknown standard '{raw[:60]}' (known: {known})")


def parse_clause(text: str) -> str:
    """A clause number from '7.3.2.4', '第7.3.2.4条', 'clause 7.3.2.4', '附录B', 'Annex B', or a
    bj-ipm key such as '6.2.3#2'. Raises IpmsError when there is none."""
    raw = fold(text or "").strip().rstrip(".")
    if len(raw) > 60:
        raise IpmsError("that is not a clause number (e.g. 7.3.2.4)")
    if _KEY.fullmatch(raw):
        return raw
    if (annex := _ANNEX.fullmatch(raw)) is not None:
        return annex[1].upper()
    numbers = find_clause_numbers(raw)
    if not numbers:
        raise IpmsError(f"'{raw}' is not a clause number (e.g. 7.3.2.4 or 第7.3.2.4条)")
    return numbers[0]


@dataclass(frozen=True)
class ClauseInfo:
    """One clause as shown: a quote from the corpus (`quote`, with `citation` such as
    '[bj-ipm 4.3.3]') or, for a standard whose text is not in the corpus, our `summary`."""

    standard: str
    designation: str
    number: str  # as printed; '' for "no counterpart"
    key: str  # the corpus key (bj-ipm) or the profile number
    title: str
    quote: str | None = None
    citation: str | None = None
    summary: str | None = None
    confidence: str = ""
    doc: str = ""  # the corpus document quoted ('bj-ipm', or a licensed copy's id)
    doc_key: str = ""  # the quoted clause's key in that document

    def to_json(self) -> dict:
        return {"standard": self.standard, "designation": self.designation,
                "clause": self.number or None, "key": self.key or None, "title": self.title,
                "quote": self.quote, "citation": self.citation, "summary": self.summary,
                "summary_is_our_wording": self.summary is not None,
                "confidence": self.confidence or None}


@dataclass
class Correspondence:
    """A clause of `target` (or none: target.number '') corresponding to the clause asked
    about; `sources` are the clauses of the asked standard its rows name (the asked clause,
    or its sub-clauses), `notes` the rows' notes in file order."""

    sources: list[ClauseInfo]
    target: ClauseInfo
    relation: str
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"sources": [{"standard": s.standard, "clause": s.number, "key": s.key,
                             "title": s.title} for s in self.sources],
                **self.target.to_json(), "relation": self.relation, "notes": self.notes}


@dataclass
class CrosswalkView:
    """The answer to `ipms crosswalk`: the clause(s) asked about and what corresponds."""

    standard: str
    asked: str  # the clause number as asked
    sources: list[ClauseInfo]  # two when bj-ipm prints the number twice
    correspondences: list[Correspondence]
    via: str = ""  # the enclosing clause whose rows are shown, when none names `asked`
    language: str = "zh"

    def to_json(self) -> dict:
        return {"from": self.standard, "designation": designation(self.standard, self.language),
                "clause": self.asked, "via": self.via or None,
                "clauses": [s.to_json() for s in self.sources],
                "correspondences": [c.to_json() for c in self.correspondences]}

    @property
    def text(self) -> str:
        w = wording(self.language)
        lines: list[str] = []
        if len(self.sources) > 1:
            lines.append(w["twice"].format(designation=self.sources[0].designation,
                                           number=self.asked, count=len(self.sources)))
        for source in self.sources:
            lines.append(w["heading"].format(designation=source.designation,
                                             clause=source.number, title=source.title))
            if self.via:
                lines.append("  " + w["via_parent"].format(clause=self.asked, parent=self.via))
            lines += _body_lines(source, w, "  ")
        for c in self.correspondences:
            lines.append("")
            relation = w["relation"].get(c.relation, c.relation)
            if c.target.number:
                lines.append(w["target"].format(designation=c.target.designation,
                                                clause=c.target.number, title=c.target.title,
                                                relation=relation))
            else:  # the relation said only when it adds something ('new in 2023')
                template = w["no_target_plain"] if c.relation == "no counterpart" else w["no_target"]
                lines.append(template.format(designation=c.target.designation,
                                             relation=relation))
            asked = {s.key for s in self.sources} if len(self.sources) == 1 else set()
            if {s.key for s in c.sources} != asked:
                lines.append("  (" + "; ".join(f"{s.designation} {s.number} {s.title}"
                                               for s in c.sources) + ")")
            lines += _body_lines(c.target, w, "  ")
            lines += [f"  {w['note_label']} {note}" for note in c.notes]
        profiles = {c.target.standard for c in self.correspondences
                    if c.target.summary is not None} | {s.standard for s in self.sources
                                                         if s.summary is not None}
        for profile in sorted(profiles):
            lines += ["", w["not_in_corpus"].format(profile=profile,
                                                    title=load_profile(profile).title_zh)]
        return "\n".join(lines)


def _body_lines(info: ClauseInfo, w: dict, indent: str) -> list[str]:
    if info.quote is not None:
        return [f"{indent}{w['quote_label']} {info.citation}"] + \
               [f"{indent}> {line}" for line in render_body(info.quote).split("\n") if line]
    if info.summary:
        out = [f"{indent}{w['summary_label']} {info.summary}"]
        if info.confidence:
            out.append(indent + w["confidence_label"].format(
                confidence=w["confidence"].get(info.confidence, info.confidence)))
        return out
    return []


def _licensed_copy(corpus: Corpus, standard: str) -> Document | None:
    """The licensed text of a profiled standard the user imported (`ipms corpus add FILE
    --profile ID`: its manifest entry names the profile), if any."""
    if standard == BJ:
        return None
    return next((d for d in corpus.documents.values() if d.meta.profile == standard), None)


def _quote_of(document: Document, key: str) -> str:
    """The clause's own text, or for a bare heading the texts of its sub-clauses."""
    clause = document.clauses[key]
    if clause.body.strip():
        return clause.body.strip()
    return "\n".join(c.text.strip() for c in document.subtree(key)[1:] if c.text.strip())


def clause_info(corpus: Corpus, standard: str, key: str, language: str = "zh") -> ClauseInfo:
    """How one clause (a bj-ipm key or a profile number) is shown."""
    name = designation(standard, language)
    if standard == BJ:
        document = corpus.get(BJ)
        clause = document.clauses[key]
        return ClauseInfo(standard, name, clause.label, key, document.display_title(clause),
                          quote=_quote_of(document, key), citation=f"[{BJ} {clause.label}]",
                          doc=BJ, doc_key=key)
    profile_clause = load_profile(standard).clause(key)
    title = profile_clause.title if language == "zh" or not profile_clause.title_en \
        else profile_clause.title_en
    licensed = _licensed_copy(corpus, standard)
    found = licensed.by_number(key) if licensed is not None else []
    if found:
        return ClauseInfo(standard, name, key, key, title, quote=_quote_of(licensed, found[0].key),
                          citation=f"[{licensed.id} {found[0].label}]", doc=licensed.id,
                          doc_key=found[0].key)
    return ClauseInfo(standard, name, key, key, title, summary=profile_clause.summary(language),
                      confidence=profile_clause.confidence)


def pair_relation(row: CrosswalkRow, a: str, b: str) -> str:
    """How the clauses of standards `a` and `b` in one row relate: the row's `relation` for
    the two GB/T editions, `bj_ipm_relation` for bj-ipm and the 2013 edition, for bj-ipm and
    2023 the two combined through 2013 (equivalent only when both are), 'related guidance' for
    ISO 56005 (topic match only); 'no counterpart' when one of the cells is empty."""
    pair = {a, b}
    if not (row.clause(a) and row.clause(b)):
        if pair == {OLD, NEW} and row.relation in {"new in 2023", "removed"}:
            return row.relation
        return "no counterpart"
    if pair == {OLD, NEW}:
        return row.relation
    if ISO in pair:
        if BJ in pair and not row.clause(OLD) and not row.clause(NEW):
            return row.bj_ipm_relation
        return "related guidance"
    if pair == {BJ, OLD} or not row.clause(OLD):
        return row.bj_ipm_relation
    both = row.relation == "equivalent" and row.bj_ipm_relation == "equivalent"
    return "equivalent" if both else "partly covers"


def _source_keys(corpus: Corpus, standard: str, number: str) -> list[str]:
    """The keys the asked clause has in its standard (two for a number bj-ipm prints twice);
    IpmsError naming the standard when it has no such clause."""
    name = designation(standard, "en")
    if standard == BJ:
        document = corpus.get(BJ)
        if "#" in number:
            keys = [number] if number in document.clauses else []
        else:
            keys = [c.key for c in document.by_number(number)]
        if not keys:
            raise IpmsError(f"the Beijing local standard (bj-ipm) has no clause {number}")
        return keys
    profile = load_profile(standard)
    if profile.clause(number) is None:
        parent = number
        while "." in parent and profile.clause(parent) is None:
            parent = parent.rsplit(".", 1)[0]
        hint = (f"; its profile lists {parent} {profile.clause(parent).title} without that "
                f"sub-clause" if profile.clause(parent) is not None else "")
        raise IpmsError(f"{name} has no clause {number}{hint}")
    return [number]


def _rows_on(rows: tuple[CrosswalkRow, ...], standard: str, key: str) -> list[CrosswalkRow]:
    prefix = key + "."
    return [r for r in rows if (cell := r.clause(standard)) and
            (cell == key or cell.startswith(prefix))]


def _enclosing(corpus: Corpus, standard: str, key: str) -> list[str]:
    """The clauses enclosing `key`, nearest first (bj-ipm by its tree, profiles by number)."""
    if standard == BJ:
        return [a.key for a in corpus.get(BJ).ancestors(key)]
    parts = key.split(".")
    return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


def crosswalk_view(corpus: Corpus, clause: str, from_standard: str,
                   to_standard: str | None = None, language: str = "zh") -> CrosswalkView:
    """The clauses corresponding to `clause` of `from_standard` (an id, designation or year;
    see resolve_standard), in `to_standard` only or in every other standard.

    A clause no row names is answered from the nearest enclosing clause a row names exactly
    (13.5.2.1 from 13.5.2), and says so. Raises IpmsError for an unknown standard, a clause the
    standard does not have, and a clause that neither it, its sub-clauses nor an enclosing
    clause appears in any row of."""
    source_std = resolve_standard(from_standard)
    target_std = resolve_standard(to_standard) if to_standard else None
    if target_std == source_std:
        raise IpmsError(f"--from and --to name the same standard ({source_std})")
    number = parse_clause(clause)
    keys = _source_keys(corpus, source_std, number)
    table = load_crosswalk().rows
    rows_by_key = {k: _rows_on(table, source_std, k) for k in keys}
    via = ""
    if not any(rows_by_key.values()):
        for parent in _enclosing(corpus, source_std, keys[0]):
            exact = [r for r in table if r.clause(source_std) == parent]
            if exact:
                via, rows_by_key = parent, {parent: exact}
                break
        else:
            name = designation(source_std, "en") if source_std != BJ else "bj-ipm"
            raise IpmsError(f"no row of the crosswalk names {name} {number} "
                            "(nor a sub-clause or an enclosing clause of it)")
    targets = [target_std] if target_std else [s for s in STANDARDS if s != source_std]
    found: dict[tuple[str, str, str], Correspondence] = {}
    for rows in rows_by_key.values():
        for row in rows:
            cell = row.clause(source_std)
            for target in targets:
                relation = pair_relation(row, source_std, target)
                target_cell = row.clause(target)
                if not target_cell and not (target_std or relation in {"new in 2023", "removed"}):
                    continue
                slot = (target, target_cell)
                if slot not in found:
                    target_info = (clause_info(corpus, target, target_cell, language)
                                   if target_cell else
                                   ClauseInfo(target, designation(target, language), "", "", ""))
                    found[slot] = Correspondence([], target_info, relation)
                entry = found[slot]
                if cell not in {s.key for s in entry.sources}:
                    entry.sources.append(clause_info(corpus, source_std, cell, language))
                if relation != entry.relation and relation not in entry.relation.split(" / "):
                    entry.relation = f"{entry.relation} / {relation}"
                note = row.note_for(language)
                if BJ not in (source_std, target) and row_by_topic(row):
                    note = ""  # a bj-ipm mapping by topic says nothing about two GB/T clauses
                if note and note not in entry.notes:
                    entry.notes.append(note)
    sources = [clause_info(corpus, source_std, via or k, language) for k in (
        [via] if via else keys)]
    return CrosswalkView(source_std, number, sources, list(found.values()), via, language)

