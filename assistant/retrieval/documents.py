"""Which documents a question names: by id, by a standard number in any common spelling, by
title or by an alias given at import.

With many standards in the corpus a clause number (8.3, 第三条, A.1) names a clause in many
documents; the document a question names decides where the number is looked up, and which
document a topical search is restricted to (named by id or number) or favours (named by title or
alias). A standard number is read from `DocumentMeta.number`, the titles, the aliases and the id,
so "GB/T 29490-2023", "GB/T29490—2023", "gbt 29490 2023" and "29490-2023" all name the document
whose title or alias says "GB/T 29490—2023". A number without its year names every edition in
the corpus: the latest is used and the others are reported (`Edition`).

Standards whose text the corpus may not hold are known by their profiles (corpus/profiles/; read
with assistant/standards/names.py: designations, "2023版", "13版29490", "the 2023 edition",
"新标准", and a profile's title): a question naming one whose text no document holds gets it in
`NamedDocuments.profiles` (answered by assistant/standards/profile_answers.py); once a document
holds it (`ipms corpus add --profile`, or its designation on the cover), that document is named
instead. A standard neither in the corpus nor profiled ("GB/T 19001") is in `.unknown`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.corpus.store import Corpus
from assistant.models import DocumentMeta
from assistant.standards.names import StandardMention, standards_named
from assistant.standards.profiles import Profile, load_profile, profile_ids
from assistant.textutil import fold, has_cjk

# Series prefixes: GB/T, GB/Z, GB, GJB, DB11/T, ISO, ISO/IEC, IEC, group standards T/CAS, and
# sector standards JB/T, SJ/T. Written with or without the slash and spaces (gbt, GB／T).
_PREFIX = (r"(?P<prefix>gb\s*/?\s*[tz]|gjb(?:\s*/?\s*z)?|gb|db\s*\d{2}(?:\s*/?\s*t)?"
           r"|iso(?:\s*/\s*iec)?|iec|t\s*/\s*[a-z]{2,6}|[a-z]{2}\s*/\s*t)")
_YEAR_SEP = r"\s*[-—–―‐:：]\s*"
_PREFIXED = re.compile(
    rf"(?<![a-z0-9]){_PREFIX}\s*[-_]?\s*(?P<code>\d{{1,6}}(?:\.\d{{1,3}})?)(?![\d.]\d|\d)"
    rf"(?:(?:{_YEAR_SEP}|\s+)(?P<year>(?:19|20)\d{{2}})(?!\d))?", re.IGNORECASE)
# Without a series a number needs its year: "29490-2023", "56005:2020".
_BARE = re.compile(
    rf"(?<![a-z0-9./\-])(?P<code>\d{{4,6}}){_YEAR_SEP}(?P<year>(?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE)
MAX_NAMED = 5  # documents one question can name; more are read as no document in particular


@dataclass(frozen=True)
class StandardNumber:
    """A standard's designation: series prefix (normalised: "GB/T", "DB11/T", "ISO"; "" when
    the writer left it out), code ("29490", "1.1") and year ("2023"; "" when not written)."""

    prefix: str
    code: str
    year: str

    @property
    def series(self) -> str:
        """The prefix without its /T, /Z or /IEC: GB/T 29490 and GB 29490 are one series."""
        return self.prefix.split("/")[0]

    @property
    def family(self) -> tuple[str, str]:
        """Series and code: every edition of one standard shares it."""
        return (self.series, self.code)

    def names(self, other: "StandardNumber") -> bool:
        """Whether this number, as written in a question, names the document numbered `other`
        (a missing prefix or year matches any)."""
        return (self.code == other.code and (not self.prefix or self.series == other.series)
                and (not self.year or not other.year or self.year == other.year))

    def __str__(self) -> str:
        return " ".join(p for p in (self.prefix, self.code) if p) + (f"-{self.year}" if self.year else "")


def _prefix(raw: str) -> str:
    letters = re.sub(r"[\s/]", "", raw.upper())
    if m := re.fullmatch(r"(GB|GJB|DB\d{2}|[A-Z]{2})([TZ])", letters):
        return f"{m.group(1)}/{m.group(2)}"
    if letters == "ISOIEC":
        return "ISO/IEC"
    if letters.startswith("T") and "/" in raw:
        return "T/" + letters[1:]
    return letters


def find_standard_numbers(text: str) -> list[tuple[int, int, StandardNumber]]:
    """(start, end, number) of every standard number in `text` (NFKC-folded first), in order."""
    text = fold(text)
    found = [(m.start(), m.end(), StandardNumber(_prefix(m["prefix"]), m["code"], m["year"] or ""))
             for m in _PREFIXED.finditer(text)]
    for m in _BARE.finditer(text):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), StandardNumber("", m["code"], m["year"])))
    return sorted(found, key=lambda f: f[0])


def document_numbers(meta: DocumentMeta, own: bool = False) -> list[StandardNumber]:
    """The standard numbers a document goes by (only those with a series prefix or a year): its
    cover number, and those written in its titles, id and aliases. With `own`, only its own
    designation: the cover number, and a number a title begins with ("GB/T 29490—2023 企业…") —
    a title citing another standard ("…实施 ISO 56005 的通知"), an alias or an id
    ("iso56005-pilot") is not one."""
    out: list[StandardNumber] = []
    sources = [(meta.number, True), (meta.title_zh, False), (meta.title_en, False)]
    if not own:
        sources += [(meta.id, False), *((alias, False) for alias in meta.aliases)]
    for source, cover in sources:
        for start, _, number in find_standard_numbers(source):
            leading = cover or not fold(source)[:start].strip()
            if (number.prefix or number.year) and number not in out and (leading or not own):
                out.append(number)
    return out


@dataclass(frozen=True)
class Edition:
    """A number that named several editions (or a year the corpus lacks): the document used and
    the other editions in the corpus, newest first."""

    written: str  # the number as the question wrote it
    chosen: str  # document id
    others: tuple[str, ...]
    exact: bool = True  # False: the year written is in no document; the latest edition is used


@dataclass(frozen=True)
class NamedProfile:
    """A standard a question names whose text is not in the corpus but whose profile ships
    (corpus/profiles/): answered from the profile (assistant/standards/profile_answers.py)."""

    profile: str  # profile id, e.g. 'gbt29490-2023'
    written: str  # as the question wrote it: '2023版', 'GB/T 29490'
    others: tuple[str, ...] = ()  # other editions' profile ids, when no year was written


@dataclass(frozen=True)
class NamedDocuments:
    """The documents a question names, in the order it names them."""

    ids: tuple[str, ...] = ()  # where its clause numbers are looked up
    # Every one named by its own designation: its id, or the number on its cover or at the start
    # of its title (not a number in an alias or cited in a title: the ISO 56005 pilot notice is
    # not ISO 56005 itself).
    designated: bool = False
    editions: tuple[Edition, ...] = field(default_factory=tuple)
    # Every document any of its names occurs in, a shorter name inside a longer one included
    # ("认证要求" mentions "认证" too): the documents a topical search favours.
    mentioned: tuple[str, ...] = ()
    # Standards named whose text is not in the corpus: profiled ones, and the others (their
    # designations as normalised by assistant/standards/names.py: 'GB/T 19001', 'ISO 9001').
    profiles: tuple[NamedProfile, ...] = ()
    unknown: tuple[str, ...] = ()

    @property
    def only(self) -> str | None:
        """The one document named by its own designation (a search is restricted to it)."""
        return self.ids[0] if self.designated and len(self.ids) == 1 else None


def _name_pattern(name: str) -> str | None:
    """A regex for a title or alias over folded text: its words in order, separated by any
    spaces or punctuation; an ASCII start needs a word boundary, and no digit may follow."""
    tokens = [t for t in re.split(r"[\W_]+", fold(name).lower()) if t]
    if not tokens or len("".join(tokens)) < 2:
        return None
    body = r"[\W_]*".join(re.escape(t) for t in tokens)
    start = r"(?<![a-z0-9])" if re.match(r"[a-z0-9]", tokens[0]) else ""
    end = r"(?!\d)" if re.search(r"[a-z0-9]$", tokens[-1]) else ""
    return start + body + end


def _recency(meta: DocumentMeta, number: StandardNumber, order: int) -> tuple[str, str, int]:
    return (number.year, meta.effective or meta.issued, order)


def shipped_profiles() -> dict[str, Profile]:
    """The shipped standard profiles by id (corpus/profiles/*.yaml)."""
    return {pid: load_profile(pid) for pid in profile_ids()}


class DocumentNames:
    """Every name each document of a corpus goes by, compiled once; `find` reads a question.

    Standards the corpus has no text of are known by their profiles (`profiles`, default the
    shipped ones): a question naming one gets it in `NamedDocuments.profiles`, unless a document
    is its licensed text (imported with `--profile`, or carrying its designation on the cover or
    at the start of its title), which is then named instead."""

    def __init__(self, corpus: Corpus, profiles: dict[str, Profile] | None = None) -> None:
        self.metas = {d.id: d.meta for d in corpus.documents.values()}
        self._order = {doc_id: i for i, doc_id in enumerate(self.metas)}
        ids = sorted(self.metas, key=len, reverse=True)
        self._ids = re.compile(
            "|".join(rf"(?<![a-z0-9]){re.escape(i)}(?![a-z0-9]|[-._][a-z0-9])" for i in ids)
            or r"(?!)", re.IGNORECASE)
        self.numbers = {doc_id: document_numbers(meta) for doc_id, meta in self.metas.items()}
        self._own_numbers = {doc_id: document_numbers(meta, own=True)
                             for doc_id, meta in self.metas.items()}
        # The codes of every document's numbers ("29490"): standards the corpus holds.
        self.codes = frozenset(n.code for numbers in self.numbers.values() for n in numbers)
        owners: dict[str, set[str]] = {}
        for doc_id, meta in self.metas.items():
            for name in (meta.title_zh, meta.title_en, *meta.aliases,
                         *printed_titles(corpus.documents[doc_id])):
                for variant in (name, without_standard_numbers(name), *short_names(name)):
                    pattern = _name_pattern(variant)
                    if pattern and not _is_only_number(variant):
                        owners.setdefault(pattern, set()).add(doc_id)
        patterns = sorted(owners, key=len, reverse=True)
        self._owners = [frozenset(owners[p]) for p in patterns]
        self._names = re.compile("|".join(f"({p})" for p in patterns) or r"(?!)", re.IGNORECASE)
        self._each_name = [re.compile(p, re.IGNORECASE) for p in patterns]
        self.profiles = shipped_profiles() if profiles is None else profiles
        self.profile_numbers = {pid: found[0][2] for pid, p in self.profiles.items()
                                if (found := find_standard_numbers(p.designation))}
        self.texts = {pid: doc_id for pid in self.profiles
                      if (doc_id := self._text_of(pid)) is not None}
        # A profile's titles name it, unless a document's title or alias contains one (the 2013
        # title "企业知识产权管理规范" is bj-ipm's too).
        names = [fold(n) for m in self.metas.values() for n in (m.title_zh, m.title_en, *m.aliases)]
        self._profile_titles = [
            (pid, compiled) for pid, p in self.profiles.items() for title in (p.title_zh, p.title_en)
            if (pattern := _name_pattern(title)) and not any(
                (compiled := re.compile(pattern, re.IGNORECASE)).search(n) for n in names)]

    def _text_of(self, profile_id: str) -> str | None:
        """The document holding the licensed text of a profiled standard: one imported with
        `--profile`, else one whose own designation is the profile's (same number and year)."""
        linked = [d for d, meta in self.metas.items() if meta.profile == profile_id]
        number = self.profile_numbers.get(profile_id)
        if not linked and number is not None:
            linked = [d for d in self.metas if any(
                n.family == number.family and n.year == number.year
                for n in self._own_numbers[d])]
        return linked[-1] if linked else None  # the user's documents come last

    def family(self, doc_id: str) -> set[tuple[str, str]]:
        """The standard families (series, code) a document belongs to; empty when unnumbered."""
        return {n.family for n in self.numbers.get(doc_id, ())}

    def find(self, question: str) -> NamedDocuments:
        """The documents `question` names. Ids and standard numbers are read first; a title or
        alias that names a document already named by them adds nothing."""
        text = fold(question)
        named: dict[str, int] = {}  # id -> position of its first mention
        designated: set[str] = set()
        editions: list[Edition] = []
        spans: list[tuple[int, int]] = []
        for m in self._ids.finditer(text):
            named.setdefault(m.group(0).lower(), m.start())
            designated.add(m.group(0).lower())
            spans.append(m.span())
        id_spans = list(spans)
        for start, end, number in find_standard_numbers(text):
            if any(s <= start < e for s, e in spans):
                continue
            chosen = self._by_number(number, text[start:end], editions)
            if chosen:
                named.setdefault(chosen, start)
                spans.append((start, end))
                if any(n.family == number.family or not number.prefix and n.code == number.code
                       for n in self._own_numbers[chosen]):
                    designated.add(chosen)
        profiles, unknown = self._standards(text, named, designated, spans, id_spans)
        masked = _mask(text, spans)
        mentioned = set(named) | {doc_id for pattern, owners in zip(self._each_name, self._owners)
                                  if pattern.search(masked) for doc_id in owners}
        by_name: dict[str, int] = {}
        for m in self._names.finditer(masked):
            owners = self._owners[m.lastindex - 1]
            if owners & set(named):
                continue  # "GB/T 29490-2023 企业知识产权管理规范": the title repeats the number
            for doc_id in self._shared_name(owners, m.group(0), editions):
                by_name.setdefault(doc_id, m.start())
        for doc_id, position in by_name.items():
            named.setdefault(doc_id, position)
        order = tuple(sorted(mentioned, key=self._order.get))
        if not named or len(named) > MAX_NAMED:
            return NamedDocuments(mentioned=order, profiles=profiles, unknown=unknown)
        ids = tuple(sorted(named, key=named.get))
        return NamedDocuments(ids, designated=set(ids) <= designated,
                              editions=tuple(e for e in editions if e.chosen in named),
                              mentioned=order, profiles=profiles, unknown=unknown)

    def _standards(self, text: str, named: dict[str, int], designated: set[str],
                   spans: list[tuple[int, int]], id_spans: list[tuple[int, int]]
                   ) -> tuple[tuple[NamedProfile, ...], tuple[str, ...]]:
        """Standards named in `text` (folded) that no document's number matched: a profiled
        one whose text a document holds names that document (added to `named`, designated);
        one whose text is not in the corpus is returned as a NamedProfile ('GB/T 29490' with
        no year: the latest edition's profile); one neither in the corpus nor profiled is
        returned by its designation."""
        profiles: list[NamedProfile] = []
        unknown: list[str] = []
        for mention in standards_named(text):
            start, end = mention.span
            if any(a <= start < b for a, b in id_spans):
                continue  # "iso56005-pilot" is a document id, not ISO 56005
            matched = any(a < end and start < b for a, b in spans)
            profile_id, others = self._profile_of(mention)
            doc_id = self.texts.get(profile_id) if profile_id else None
            if doc_id is not None:
                named.setdefault(doc_id, start)
                designated.add(doc_id)
            elif profile_id and not (matched and not mention.year and not mention.profile):
                if all(p.profile != profile_id for p in profiles):
                    profiles.append(NamedProfile(profile_id, text[start:end].strip(), others))
            elif not matched and not profile_id and mention.designation not in unknown:
                unknown.append(mention.designation)
        for profile_id, title in self._profile_titles:
            if (m := title.search(text)) is None:
                continue
            if (doc_id := self.texts.get(profile_id)) is not None:
                named.setdefault(doc_id, m.start())
            elif all(p.profile != profile_id for p in profiles):
                profiles.append(NamedProfile(profile_id, m.group(0)))
        return tuple(profiles), tuple(unknown)

    def _profile_of(self, mention: StandardMention) -> tuple[str | None, tuple[str, ...]]:
        """The profile a mention names, and for a number without its year ('GB/T 29490') the
        latest edition's profile with the other editions' ids."""
        if mention.profile in self.profiles:
            return mention.profile, ()
        if mention.year:
            return None, ()
        written = find_standard_numbers(mention.designation)
        if not written:
            return None, ()
        family = written[0][2].family
        editions = sorted((n.year, pid) for pid, n in self.profile_numbers.items()
                          if n.family == family)
        if not editions:
            return None, ()
        return editions[-1][1], tuple(pid for _, pid in reversed(editions[:-1]))

    def _by_number(self, number: StandardNumber, written: str,
                   editions: list[Edition]) -> str | None:
        """The document a number names: the edition of that year, or the latest edition."""
        matches = [(doc_id, n) for doc_id, numbers in self.metas.items()
                   for n in self.numbers[doc_id] if number.names(n)]
        exact = True
        if not matches and number.year:  # a year the corpus lacks: its family's latest edition
            loose = StandardNumber(number.prefix, number.code, "")
            matches = [(doc_id, n) for doc_id in self.metas
                       for n in self.numbers[doc_id] if loose.names(n)]
            exact = False
        ranked = sorted({doc_id: n for doc_id, n in matches}.items(),
                        key=lambda pair: _recency(self.metas[pair[0]], pair[1],
                                                  self._order[pair[0]]), reverse=True)
        if not ranked:
            return None
        chosen = ranked[0][0]
        if len(ranked) > 1 or not exact:
            editions.append(Edition(written.strip(), chosen,
                                    tuple(doc_id for doc_id, _ in ranked[1:]), exact))
        return chosen

    def _shared_name(self, owners: frozenset[str], written: str,
                     editions: list[Edition]) -> list[str]:
        """The documents a title or alias names: its one owner; for a name several editions of
        one standard share, the latest; for a name unrelated documents share, all of them."""
        if len(owners) == 1:
            return list(owners)
        families = [self.family(d) for d in owners]
        common = set.intersection(*families) if all(families) else set()
        if not common:
            return sorted(owners, key=self._order.get)
        family = next(iter(common))

        def recency(doc_id: str) -> tuple[str, str, int]:
            years = [n.year for n in self.numbers[doc_id] if n.family == family]
            meta = self.metas[doc_id]
            return (max(years), meta.effective or meta.issued, self._order[doc_id])

        ranked = sorted(owners, key=recency, reverse=True)
        editions.append(Edition(written.strip(), ranked[0], tuple(ranked[1:])))
        return ranked[:1]


# A company's name in a title ("华瑞精密机械股份有限公司知识产权管理制度"): what precedes these
# words is the company, what follows them the document.
_COMPANY = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)")
_KINDS = re.compile(r"(?:制度|办法|规定|规范|细则|手册|程序|守则|规程|条例|指引|政策)$")


# The field's own words in a Chinese title: what precedes the first of them, in a title without a
# company's legal form ("华瑞知识产权管理制度"), is the name that tells the document apart.
_FIELD_WORDS = re.compile(r"知识产权|专利|商标|著作权|版权|商业秘密|技术秘密|保密|信息安全|管理|企业"
                          r"|集团|公司|研发|合同|奖励|员工|职务")
# What a title may carry after its name: the form or edition of this copy ("PDF版", "（试行）").
_TITLE_TAIL = re.compile(r"\s*(?:[（(][^（）()]*[）)]|[A-Za-z0-9.]*版)$")
_RULES_ENDINGS = ("制度", "规定", "办法")  # how staff name any company's rules ("华瑞的规定")


def short_names(title: str) -> list[str]:
    """How staff shorten a company's own document title: its short name (the first two to
    four characters of the company, or the whole of it) followed by the end of the document's
    name ("华瑞制度", "华瑞的管理制度", "华瑞公司制度", "华瑞精密知识产权管理制度",
    "华瑞精密机械知识产权管理制度" for "华瑞精密机械股份有限公司知识产权管理制度"). A title without a
    legal form is named by what precedes the field's words ("华瑞" of "华瑞知识产权管理制度PDF版");
    an English one by its words before them, without Ltd, Inc … ("Northwind policy",
    "Northwind's IP policy" for "Northwind Robotics Ltd — IP Policy"). Only for a title ending
    in a kind of document (制度, 办法, 规定, policy …); none for any other title."""
    text = _TITLE_TAIL.sub("", fold(title).strip()).strip()
    if not has_cjk(text):
        return _english_short_names(text)
    if not _KINDS.search(text):
        return []
    m = _COMPANY.search(text)
    if m is None:  # no legal form: the name is what precedes the field's words
        m = _FIELD_WORDS.search(text)
        if m is None:
            return []
    company, rest = text[: m.start()].strip(), text[m.end():].strip()
    if m.re is _FIELD_WORDS:
        rest = text[m.start():]
    if len(company) < 2 or len(rest) < 2 or not all(
            "\u4e00" <= ch <= "\u9fff" or ch.isascii() and ch.isalnum() for ch in company):
        return []
    heads = {company[:n] for n in range(2, min(4, len(company)) + 1)} | {company}
    endings = {rest[-k:] for k in range(2, len(rest) + 1)} | set(_RULES_ENDINGS)
    return [head + joiner + ending for head in sorted(heads)
            for joiner in ("", "的", "公司", "公司的") for ending in sorted(endings)]


_LEGAL_FORM_EN = re.compile(r"\b(?:ltd|limited|inc|incorporated|plc|llc|gmbh|corp|corporation"
                            r"|co|company|group|ag|s\.?a|b\.?v)\b\.?", re.I)
_FIELD_WORDS_EN = {"ip", "intellectual", "property", "patent", "patents", "trademark",
                   "trademarks", "trade", "secret", "secrets", "confidential", "confidentiality",
                   "information", "invention", "inventions", "management", "employee",
                   "employees", "global", "group", "corporate", "company"}
_KINDS_EN = re.compile(r"\b(?:policy|policies|procedures?|rules|regulations|handbook|manual"
                       r"|guidelines?|code)$", re.I)


def _english_short_names(text: str) -> list[str]:
    """An English policy's short names: the words before the field's words (without a legal
    form), with the end of its name or the kind of document ("Northwind policy", "Northwind
    IP Policy", "Northwind's policy")."""
    if not _KINDS_EN.search(text):
        return []
    words = [w for w in re.split(r"[\s\W]+", _LEGAL_FORM_EN.sub(" ", text)) if w]
    lead = []
    for word in words:
        if word.lower() in _FIELD_WORDS_EN or _KINDS_EN.fullmatch(word):
            break
        lead.append(word)
    rest = words[len(lead):]
    if not lead or not rest or lead[0].lower() in ("the", "our", "this", "a", "an"):
        return []
    heads = {" ".join(lead), lead[0]}
    endings = {" ".join(rest[-k:]) for k in range(1, len(rest) + 1)}
    return [f"{head}{joiner} {ending}" for head in sorted(heads) for joiner in ("", "'s")
            for ending in sorted(endings)]


def printed_titles(document) -> list[str]:
    """The title printed at the top of a document the user added, when it is not the title
    given on import ('华瑞精密机械股份有限公司知识产权管理制度' of a file added as '华瑞制度PDF版'):
    questions name a company's rules by what the rules say they are."""
    if document.meta.issuer != "user-supplied":
        return []
    title = document.clauses.get("title")
    if title is not None and title.kind == "title" and title.title.strip():
        return [title.title.strip()]
    # A policy read by its numbered clauses keeps its printed title as the text before clause 1
    # ('Northwind Robotics Ltd — Intellectual Property Policy'): one line naming a kind of document.
    first = document.clauses.get("preamble")
    line = first.body.strip() if first is not None else ""
    if line and "\n" not in line and len(line) <= 120 and (_KINDS_EN.search(line)
                                                           or _KINDS.search(line)):
        return [line]
    return []


def without_standard_numbers(name: str) -> str:
    """`name` (folded) with the standard numbers in it removed ("GB/T 29490—2023 企业…" ->
    "企业…"): a title's words, or the words that show a question's language."""
    text = fold(name)
    for start, end, _ in reversed(find_standard_numbers(text)):
        text = text[:start] + " " + text[end:]
    return text.strip()


def _is_only_number(name: str) -> bool:
    """A name that is nothing but a standard number (read as a number, not as a name)."""
    text = fold(name).strip()
    found = find_standard_numbers(text)
    return bool(found) and not without_standard_numbers(text).strip(" -_/.:")


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
