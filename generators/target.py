"""The standard a package is drafted to: its requirement clauses, its chapters, and where each
piece of our content (written once, in bj-ipm clause keys) lands in it.

The content of the templates is keyed by bj-ipm clauses (catalogue.yaml, manual.<lang>.yaml). For
GB/T 29490—2013 and —2023 it is mapped through the crosswalk (corpus/profiles/crosswalk.csv,
assistant.standards.crosswalk): a bj-ipm key serves the clauses the crosswalk relates to it (rows naming
that very key: `Crosswalk.corresponding` would add its sub-clauses' rows); a key the crosswalk
does not name serves what its nearest named parent clause serves (exact key, below
the chapter level); what is left serves the clauses placement.yaml gives it. Content written for
one standard only (additions.yaml) names that standard's clauses itself.
"""
from __future__ import annotations

import collections
import functools
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.corpus.store import Document
from assistant.errors import IpmsError
from assistant.standards.crosswalk import load_crosswalk, row_by_topic
from assistant.standards.profiles import load_profile
from generators.intake import StandardId

STANDARDS: tuple[str, ...] = typing.get_args(StandardId)  # what a package can be drafted to
DEFAULT_STANDARD = STANDARDS[0]
BJ = "bj-ipm"
# The shipped bj-ipm text is the edition before DB11/T 937-2021 (../shared/DOMAIN.md,
# corpus/editions.yaml); a package names which edition its clause numbers are from.
BJ_DESIGNATION = {"zh": "《{title}》（北京市地方标准，2021年以前的版本）",
                  "en": "{title} (Beijing local standard, pre-2021 edition)"}
# how a running header names it, on one line with the company, number, title and version (the
# edition is named in each document's text: the designation above)
BJ_HEADER_LABEL = {"zh": "北京市《{title}》", "en": "Beijing IPM Specification"}


_BRACKETED = re.compile(r"\s*[（(][^（）()]*[）)]")


def _bj_designation(title: str, language: str) -> str:
    """'《企业知识产权管理规范》（北京市地方标准，2021年以前的版本）'; an English title that names
    the Beijing standard in its own brackets keeps one bracket: 'Enterprise … Specification
    (Beijing local standard, pre-2021 edition)'."""
    if language == "en" and title.endswith("(Beijing local standard)"):
        title = title[:-len("(Beijing local standard)")].rstrip()
    return BJ_DESIGNATION[language].format(title=title)


def check_standard(standard_id: str) -> str:
    """The id of the standard a package can be drafted to, given as an id or as its designation
    or edition ('GB/T 29490-2023', '2013', 'bj-ipm'); else IpmsError naming the known ids."""
    if standard_id in STANDARDS:
        return standard_id
    from assistant.standards.crosswalk_view import resolve_standard

    try:
        resolved = resolve_standard(standard_id)
    except IpmsError:
        resolved = ""
    if resolved not in STANDARDS:
        raise IpmsError(f"unknown standard '{standard_id}' (known: {', '.join(STANDARDS)})")
    return resolved


@dataclass(frozen=True)
class TargetClause:
    """A clause of the target standard: `key` as the package names it (bj-ipm: the corpus key,
    '6.2.3#2'; profiles: the number), `label` as printed, `level` 1 for a chapter."""

    key: str
    label: str
    titles: dict[str, str]
    level: int
    requirement: bool
    chapter: str
    summary: dict[str, str] = field(default_factory=dict)
    # bj-ipm's own numbering defects: `shared` when another clause prints the same number (6.2.3
    # twice; 10.2 and the unnumbered headings inside it), `numbered` False for such a heading
    shared: bool = False
    numbered: bool = True
    # how sure the number and title are (profiles: confirmed by two public sources | single |
    # unverified, corpus/profiles/SOURCES.md); a clause read from a text in the corpus is confirmed
    confidence: str = "confirmed"

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles.get("zh", "")

    def ref_label(self, language: str) -> str:
        """The label a reader sees: '4.2.1', or for an annex '附录B' / 'Annex B'."""
        if self.label[:1].isalpha():
            return f"附录{self.label}" if language == "zh" else f"Annex {self.label}"
        return self.label


@dataclass
class TargetStandard:
    """A standard as the drafted package sees it. `clauses` in document order (bj-ipm: only its
    requirement clauses); `chapters` the manual's chapters (profiles: levels 1 from 4 on);
    `bj_map` bj-ipm content key -> the keys of this standard it serves (identity for bj-ipm)."""

    id: str
    designations: dict[str, str]  # 'GB/T 29490—2023' / '《企业知识产权管理规范》（北京市地方标准）'
    titles: dict[str, str]
    clauses: dict[str, TargetClause]
    chapters: list[TargetClause]
    bj: Document
    bj_map: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # bj-ipm key -> {language: the manual's heading of that topic} (placement.yaml `headings`)
    headings: dict[str, dict[str, str]] = field(default_factory=dict)
    # bj-ipm key -> {language: heading} of an untitled sub-clause in a bj-ipm manual
    # (placement.yaml `section_headings`)
    section_headings: dict[str, dict[str, str]] = field(default_factory=dict)
    # bj-ipm key -> the clauses it serves only through by-topic crosswalk rows (_by_topic), less
    # those whose duty its text states (placement.yaml `topic_pointers`): no "see also" there
    topic_only: dict[str, frozenset[str]] = field(default_factory=dict)
    # clause -> the texts (bj-ipm keys, addition ids) its section prints first, in this order
    # (placement.yaml `section_order`): the order in which the clause states its requirements
    section_order: dict[str, list[str]] = field(default_factory=dict)

    def printing_order(self, clause: str, key: str) -> int:
        """Where the text `key` stands in the section of `clause`: its place in
        `section_order`, or after every listed text (a stable sort keeps the rest as they are)."""
        order = self.section_order.get(clause, [])
        return order.index(key) if key in order else len(order)

    def points_to(self, key: str, clause: str) -> bool:
        """Whether the manual's section for `clause` names the text `key` (a bj-ipm key or an
        addition's id) printed in another section under "see also": only where that text states
        a duty of `clause`, never where the crosswalk relates them by topic alone (7.1 资源 is not
        pointed to 研究信息发布 or 知识产权运用)."""
        return clause not in self.topic_only.get(_bare(key), frozenset())

    @property
    def is_profile(self) -> bool:
        return self.id != BJ

    def designation(self, language: str) -> str:
        return self.designations.get(language) or self.designations["zh"]

    def header_label(self, language: str) -> str:
        """How a running header names the standard: its designation ('GB/T 29490—2023'), or
        for the Beijing standard, named by its title and edition, a shorter label (BJ_HEADER_LABEL:
        the header stays on one line)."""
        if self.is_profile:
            return self.designation(language)
        return BJ_HEADER_LABEL[language].format(title=self.titles["zh"])

    def named_by(self, label: str) -> bool:
        """Whether `label` (a running header's last part) names this standard."""
        return label in {self.designation("zh"), self.designation("en"),
                         self.header_label("zh"), self.header_label("en")}

    def name(self, language: str) -> str:
        """How documents name the standard: 'GB/T 29490—2023《企业知识产权合规管理体系 要求》'."""
        if not self.is_profile:
            return self.designation(language)
        if language == "zh":
            return f"{self.designation('zh')}《{self.titles['zh']}》"
        return f"{self.designation('en')} {self.titles['en']}"

    def requirement_clauses(self) -> list[TargetClause]:
        return [c for c in self.clauses.values() if c.requirement]

    def unconfirmed(self) -> list[TargetClause]:
        """The clauses from chapter 4 on whose number and title the package prints without two
        public sources confirming them (a profile's `single` or `unverified`, in document order):
        a consultant checks them against the licensed text before issuing."""
        return [c for c in self.clauses.values() if c.confidence != "confirmed"
                and c.chapter.isdigit() and int(c.chapter) >= 4]

    def serves(self, bj_keys) -> list[str]:
        """The clauses of this standard that content keyed by `bj_keys` serves, in its order."""
        wanted = list(dict.fromkeys(k for key in bj_keys for k in self.bj_map.get(_bare(key), ())))
        order = {k: i for i, k in enumerate(self.clauses)}
        return sorted(wanted, key=lambda k: order.get(k, len(order)))

    def covers(self, mapped: str, key: str) -> bool:
        """Whether content serving `mapped` serves clause `key` (the same clause or a parent)."""
        if mapped == key:
            return True
        if self.is_profile:
            return key.startswith(mapped + ".")
        return any(a.key == mapped for a in self.bj.ancestors(key))

    def heading(self, bj_key: str, language: str) -> str | None:
        """The manual's heading of a bj-ipm topic where its bj-ipm title names a document
        ('专利管理制度' -> '专利管理', "Outsourcing control procedure" -> "Control of outsourced
        IP work"; placement.yaml `headings`), else None."""
        return self.headings.get(bj_key, {}).get(language) or None

    def section_heading(self, bj_key: str, language: str) -> str | None:
        """The heading of a bj-ipm manual's section for `bj_key`: placement.yaml
        `section_headings` (an untitled sub-clause: '9.3.3.2' -> '知识产权转移合同'), else its
        `headings` (TargetStandard.heading), else None (the clause's title)."""
        worded = self.section_headings.get(bj_key, {}).get(language)
        return worded or self.heading(bj_key, language)

    def label(self, key: str) -> str:
        clause = self.clauses.get(key)
        return clause.label if clause else key

    def ref(self, bj_spec: str, language: str) -> str:
        """The clause numbers of this standard that a bj-ipm reference such as '4.3.2.1 e' stands
        for ('4.3.2.1 e' itself for bj-ipm, '7.5' for 2023); '' when none."""
        if not self.is_profile:
            return bj_spec
        keys = self.serves([bj_spec.split(" ")[0]])
        return ("、" if language == "zh" else ", ").join(self.label(k) for k in keys)

    def term_ref(self, bj_spec: str, language: str) -> str:
        """The clause numbers `ref` gives, each followed by the term it defines as the
        standard's own text words it: '3.9“管理体系”' (an English text names the term itself:
        the standard prints it in Chinese); a number whose term is not known stands alone."""
        keys = [_bare(bj_spec)] if not self.is_profile else self.serves([_bare(bj_spec)])
        out = []
        for key in keys:
            number = key if not self.is_profile else self.label(key)
            clause = self.clauses.get(key) if self.is_profile else self.bj.clauses.get(key)
            term = "" if clause is None or language != "zh" else (
                clause.title("zh") if self.is_profile else clause.title or "")
            out.append(f"{number}“{term}”" if term else number)
        return "、".join(out) if language == "zh" else ", ".join(out)

    def numbers(self) -> set[str]:
        """Every clause number the standard has, as a document may cite it: its requirement
        clauses and the others too — bj-ipm's terms and definitions 3.1-3.9, which a
        procedure's definition cites ('（本标准3.9）', '(clause 3.9 of the standard)')."""
        if self.is_profile:
            return {c.label for c in self.clauses.values()}
        return {c.number for c in self.bj.clauses.values() if c.number}

    def labels(self, keys, language: str) -> str:
        """'7.5, 8.2' (zh '7.5、8.2'): how a document lists clauses of this standard; a number
        the standard prints for two clauses carries its title: '6.2.3（保密管理制度）'."""
        return ", ".join(self.listed_label(k, language) for k in keys)

    def listed_label(self, key: str, language: str) -> str:
        """A clause's number as a list of numbers shows it: '8.2', or where the standard's
        text gives the number to two clauses (bj-ipm 6.2.3, 11.4.2.3, 11.4.3.2, 10.2's
        unnumbered headings) the number with its title, '6.2.3（保密管理制度）' /
        '6.2.3 (Confidentiality management rules)'; `key` unknown: the key itself."""
        clause = self.clauses.get(key)
        if clause is None:
            return key
        if not clause.shared:
            return clause.ref_label(language)
        title = self.clause_name(key, language)
        return f"{clause.label}（{title}）" if language == "zh" else f"{clause.label} ({title})"

    def clause_name(self, key: str, language: str) -> str:
        """How every document of the package names clause `key` beside its number: the topic's
        heading where the title names a document ('6.2.3（其他知识产权的管理）', not '…管理制
        度': the package has no such rules; placement.yaml headings), else its title, without a
        bracketed note (brackets never nest). One name per clause: a purpose's clause list
        (the `serves` filter) and a references table (listed_label) agree. The headings are
        bj-ipm's: a GB/T 29490 clause is named by its own title (2023's 6.3 is 知识产权目标及其
        实现的策划, never bj-ipm 6.3's 相关管理要求)."""
        name = ((None if self.is_profile else self.heading(key, language))
                or self.clauses[key].title(language))
        return _BRACKETED.sub("", name).strip() or name

    def twins(self, key: str) -> list[TargetClause]:
        """The other clauses printed with the same number as `key` (bj-ipm's numbering
        defects: 11.4.2.3 知识产权许可 for 11.4.2.3#2 企业并购与收购), in document order."""
        clause = self.clauses.get(key)
        if clause is None or not clause.shared:
            return []
        return [c for c in self.clauses.values() if c.label == clause.label and c.key != key]

    def shared_numbers(self, language: str) -> list[dict]:
        """Each number the standard's text gives to more than one requirement clause:
        [{'number': '6.2.3', 'titles': [...], 'unnumbered': [titles of headings printed
        without a number]}], in document order; [] for a standard without such defects."""
        out: dict[str, dict] = {}
        for clause in self.clauses.values():
            if clause.shared:
                entry = out.setdefault(clause.label, {"number": clause.label, "titles": [],
                                                      "unnumbered": []})
                entry["titles" if clause.numbered else "unnumbered"].append(
                    self.heading(clause.key, language) or clause.title(language))
        return list(out.values())


def _bare(spec: str) -> str:
    return spec.split(" ")[0]


def bj_requirement_clauses(standard: Document) -> list:
    """bj-ipm clauses that state requirements: numbered clauses with text from chapter 4 on, and
    the unnumbered headings with text inside them (definitions, scope and front matter excluded)."""
    out = []
    for clause in standard.clauses.values():
        if not clause.body.strip():
            continue
        chapter = ([clause] + standard.ancestors(clause.key))[-1]
        if clause.kind == "heading" or (clause.number and chapter.number
                                        and chapter.number.isdigit() and int(chapter.number) >= 4):
            out.append(clause)
    return out


def bj_title(standard: Document, clause, language: str) -> str:
    if language != standard.meta.language and clause.key in standard.renditions:
        return standard.renditions[clause.key].title.strip("[]【】")
    return standard.display_title(clause)


def _bj_target(bj: Document) -> TargetStandard:
    clauses = {}
    required = bj_requirement_clauses(bj)
    printed = collections.Counter(clause.label for clause in required)
    for clause in required:
        chapter = ([clause] + bj.ancestors(clause.key))[-1]
        clauses[clause.key] = TargetClause(
            clause.key, clause.label, {lang: bj_title(bj, clause, lang) for lang in ("zh", "en")},
            3, True, chapter.key.split("/")[0], shared=printed[clause.label] > 1,
            numbered=bool(clause.number))
    chapters = [TargetClause(c.key, c.label, {lang: bj_title(bj, c, lang) for lang in ("zh", "en")},
                             1, False, c.key)
                for c in bj.clauses.values() if c.parent is None and (c.number or "").isdigit()
                and int(c.number) >= 4]
    meta = bj.meta
    designations = {lang: _bj_designation(meta.title(lang), lang) for lang in ("zh", "en")}
    target = TargetStandard(BJ, designations, {"zh": meta.title("zh"), "en": meta.title("en")},
                            clauses, chapters, bj)
    target.bj_map = {key: (key,) for key in bj.clauses}
    return target


def _profile_target(profile_id: str, bj: Document, placement: dict) -> TargetStandard:
    profile = load_profile(profile_id)
    clauses = {}
    for c in profile.clauses.values():
        if not c.number.split(".")[0].isdigit():
            continue  # annexes: no manual chapter of their own
        clauses[c.number] = TargetClause(
            c.number, c.number, {"zh": c.title, "en": c.title_en or c.title}, c.level,
            c.is_requirement, c.number.split(".")[0], {"zh": c.summary_zh, "en": c.summary_en},
            confidence=c.confidence)
    for c in profile.clauses.values():  # annexes a form may evidence ('B'), after the chapters
        if c.number not in clauses:
            clauses[c.number] = TargetClause(c.number, c.number, {"zh": c.title, "en": c.title_en},
                                             c.level, c.is_requirement, c.number)
    chapters = [c for c in clauses.values()
                if c.level == 1 and c.key.isdigit() and int(c.key) >= 4]
    designation = profile.designation
    target = TargetStandard(profile_id, {"zh": designation, "en": designation},
                            {"zh": profile.title_zh, "en": profile.title_en}, clauses, chapters, bj)
    target.bj_map = _map_bj(bj, profile_id, placement.get(profile_id) or {}, set(clauses))
    return target


def _by_topic(bj: Document, target: str, pointers: dict) -> dict[str, frozenset[str]]:
    """bj-ipm key -> the clauses of `target` its crosswalk rows (or, without rows of its own,
    its nearest parent's, as _map_bj reads them) relate it to by topic only (row_by_topic),
    less those `pointers` ({clause: [bj-ipm keys]}, placement.yaml `topic_pointers`) lists for
    it: texts placed by topic whose words still state a duty of that clause."""
    rows: dict[str, list] = {}
    for row in load_crosswalk().rows:
        if row.clause(BJ) and row.clause(target):
            rows.setdefault(row.clause(BJ), []).append(row)
    listed = {(str(key), str(clause)) for clause, keys in pointers.items() for key in keys or ()}
    out = {}
    for key in bj.clauses:
        own = rows.get(key) or next((rows[a.key] for a in bj.ancestors(key)
                                     if a.parent is not None and a.key in rows), [])
        related: dict[str, bool] = {}
        for row in own:
            clause = row.clause(target)
            related[clause] = related.get(clause, True) and row_by_topic(row)
        topical = frozenset(c for c, by_topic in related.items()
                            if by_topic and (key, c) not in listed)
        if topical:
            out[key] = topical
    return out


def _map_bj(bj: Document, target: str, placed: dict, known: set[str]) -> dict[str, tuple[str, ...]]:
    """bj-ipm key -> the target clauses it serves (see the module docstring for the rule)."""
    crosswalk = load_crosswalk()
    exact: dict[str, list[str]] = {}
    for row in crosswalk.rows:
        if row.clause(BJ) and row.clause(target):
            exact.setdefault(row.clause(BJ), []).append(row.clause(target))
    out = {}
    for key in bj.clauses:
        found = list(dict.fromkeys(exact.get(key, [])))  # rows on this very key (a parent's
        # rows would also name its sub-clauses' counterparts: 13.2 audit -> 9.4 review)
        if not found:
            for ancestor in bj.ancestors(key):
                if ancestor.parent is not None and ancestor.key in exact:
                    found = list(dict.fromkeys(exact[ancestor.key]))
                    break
        if not found:
            found = [str(n) for n in placed.get(key, [])]
        unknown = [n for n in found if n not in known]
        if unknown:
            raise IpmsError(f"placement.yaml: {target} has no clause {', '.join(unknown)} "
                            f"(given for bj-ipm {key})")
        out[key] = tuple(found)
    return out


@functools.lru_cache(maxsize=4)
def _placement_file(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise IpmsError(f"template placement.yaml is not valid YAML: {exc}") from None


def _placement(path: Path) -> dict:
    return {sid: {str(k): v for k, v in (entries or {}).items()}
            for sid, entries in (_placement_file(path).get("placement") or {}).items()}


def _headings(path: Path, bj: Document, block: str = "headings") -> dict[str, dict[str, str]]:
    """placement.yaml `headings` (or another such `block`): bj-ipm key -> {language: heading};
    a key bj-ipm lacks is an IpmsError (a slip in the file)."""
    out = {}
    for key, worded in (_placement_file(path).get(block) or {}).items():
        if str(key) not in bj.clauses:
            raise IpmsError(f"placement.yaml: {block} names {key}, which bj-ipm has no clause for")
        out[str(key)] = {lang: str(text) for lang, text in (worded or {}).items() if text}
    return out


def load_target(standard_id: str, bj: Document, templates_dir: Path) -> TargetStandard:
    """The standard `standard_id` (one of STANDARDS) as a package sees it. `bj` is the corpus's
    bj-ipm document (the content's keys); `templates_dir` holds placement.yaml. Raises IpmsError
    for an unknown id."""
    check_standard(standard_id)
    path = templates_dir / "placement.yaml"
    target = (_bj_target(bj) if standard_id == BJ
              else _profile_target(standard_id, bj, _placement(path)))
    target.headings = _headings(path, bj)
    target.section_headings = _headings(path, bj, "section_headings")
    if target.is_profile:
        placed = _placement_file(path)
        pointers = (placed.get("topic_pointers") or {}).get(standard_id) or {}
        target.topic_only = _by_topic(bj, standard_id, pointers)
        target.section_order = {str(clause): [str(k) for k in keys] for clause, keys in
                                ((placed.get("section_order") or {}).get(standard_id)
                                 or {}).items()}
    return target
