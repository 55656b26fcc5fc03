"""Questions answered from the crosswalk: "bj-ipm 7.3.2.4 对应2023版哪一条", "2013版7.3对应2023版哪条",
"GB/T 29490-2013 第6.1.2条在新版中是哪一条", "which 2023 clause corresponds to bj-ipm 4.3.2",
"what changed between the 2013 and 2023 editions for contracts", "2023版新增了哪些要求".

A question is ours only when it has a correspondence word (对应, 在新版中, corresponds …) or a
change word (变化, 新增, what changed …) and names the standards it compares; a plain lookup of a
profile clause ("GB/T 29490-2023 第8.3条要求什么") is left to profile_answers.py. bj-ipm clauses
are cited and quoted verbatim from the corpus; GB/T clauses are named with their titles and the
relation, and our summaries are labelled as summaries. Wording: prompts/crosswalk/<lang>.toml.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import yaml

from assistant.answer.quotes import citation_for, quote_for
from assistant.corpus.store import Corpus
from assistant.errors import IpmsError
from assistant.models import Answer, Citation, Summary
from assistant.settings import PROJECT_ROOT
from assistant.retrieval.router import find_clause_numbers
from assistant.standards.crosswalk import CrosswalkRow, load_crosswalk, notes_between
from assistant.standards.crosswalk_view import (BJ, NEW, OLD, ClauseInfo, CrosswalkView, clause_info,
                                                crosswalk_view, designation, pair_relation,
                                                wording)
from assistant.standards.names import EDITION, standards_named
from assistant.standards.transition import build_report
from assistant.textutil import fold

CORRESPOND = re.compile(
    r"对应|对照|相当于|等同于|(?:新|旧)版[^，。？?]{0,8}(?:中|里)|在20(?:13|23)版[^，。？?]{0,8}(?:中|里)|"
    r"放到哪|放在哪|在哪|拆成|拆分|分成|改成|改为|变成|"
    r"\bcorrespond|\bcounterpart|\bequivalent\b|\bmatch(?:es|ing)?\b|\bmaps? (?:on)?to\b",
    re.IGNORECASE)
CHANGE = re.compile(
    r"变化|变更|改变|区别|差异|不同|新增|增加|多了|删除|删去|取消|去掉|改动|修订|还有|还要求|仍然|"
    r"转版|换版|没变|不变|"
    r"\bchang(?:e|ed|es)\b|\bdiffer|\bwhat'?s new\b|\bwhat is new\b|\bnew in\b|"
    r"\bnew requirements?\b|\badded\b|\bremoved\b|\bdropped\b|\bstill\b|\bunchanged\b|"
    r"\bcarr(?:y|ies|ied) over\b|\btransition", re.IGNORECASE)
ADDED = re.compile(r"新增|增加|多了|新要求|新加|\bnew requirements?\b|\bwhat'?s new\b|"
                   r"\bwhat is new\b|\bnew in\b|\badded\b", re.IGNORECASE)
REMOVED = re.compile(r"删除|删去|取消|去掉|\bremoved\b|\bdropped\b", re.IGNORECASE)
UNCHANGED = re.compile(r"没有变化|没变|不变|基本相同|基本一致|\bunchanged\b|\bcarr(?:y|ies) over\b|"
                       r"\bthe same\b", re.IGNORECASE)
# Weaker forms: they count only when the clause asked about is named with its standard.
WEAK = re.compile(r"\bwhere is it\b|\bwhat happened to\b|\bin the (?:new|old|20(?:13|23)) "
                  r"(?:edition|version)\b|\bwhere (?:is|did) .{0,40} go\b", re.IGNORECASE)
EN_EDITION = re.compile(r"\b(?P<new>new|latest|current)|\b(?P<old>old|previous|former)"
                        r"(?= (?:edition|version)\b)", re.IGNORECASE)
# With one edition named: a topic asked about across editions ("新版里还有管理者代表吗").
MOVED = re.compile(r"还有|还要求|仍然|还需要|放到哪|放在哪|改成|改为|变成|拆成|\bstill\b", re.I)
TRANSITION = re.compile(r"转版|换版|\btransition", re.IGNORECASE)  # names 2013 → 2023
BJ_NAME = re.compile(r"bj-ipm|北京市?地方标准|北京标准|\bBeijing(?:[- ]standard| local standard)",
                     re.IGNORECASE)
BARE_YEAR = re.compile(r"(?<![\d./\-—–])20(13|23)(?![\d.])")
_EN_STOP = set("""what which changed change changes between the and editions edition for in of to
from is are was were has have did does do about on new old version versions standard standards
gb t requirements requirement s differences difference differ how a an with regarding
concerning clause clauses iso bj ipm beijing local what's whats there been made any its their
correspond corresponds corresponding counterpart counterparts map maps match matches
it they this that area areas topic part parts compared still require requires""".split())
_ZH_STOP = re.compile(r"有什么|有哪些|哪些|什么|变化|变更|改变|区别|差异|不同|新增|增加|删除|取消|"
                      r"方面|之间|关于|对于|相比|相对|版本|新版|旧版|标准|要求|条款|国标|"
                      r"放到|放在|哪里|换到|转版|换版|改版|改成|改为|变成|拆成|怎么|调整|"
                      r"[了的在和与及版中上有吗呢哪条是比较到从对里还要几]")


@dataclass(frozen=True)
class Mention:
    standard: str
    start: int
    end: int


def _mentions(text: str) -> list[Mention]:
    """The standards a question names, in order: bj-ipm by id or name, GB/T 29490 and ISO
    56005 by designation, edition words (2023版, 新版, 旧版) and bare edition years. A bare
    '29490' takes its edition from the edition word beside it, which is a mention itself."""
    found = [Mention(BJ, *m.span()) for m in BJ_NAME.finditer(text)]
    taken = []
    for m in standards_named(text):
        written = text[m.span[0]:m.span[1]]
        if m.profile and (not m.designation.startswith("GB/T 29490")
                          or re.search(r"20(?:13|23)", written)):
            found.append(Mention(m.profile, *m.span))
        taken.append(m.span)
    for m in EDITION.finditer(text):
        year = m["year"] or ("2023" if m["new"] else "2013")
        found.append(Mention(f"gbt29490-{year}", *m.span()))
        taken.append(m.span())
    for m in EN_EDITION.finditer(text):
        if re.match(r"\w+ (?:edition|version)\b", text[m.start():], re.IGNORECASE):
            found.append(Mention(NEW if m["new"] else OLD, *m.span()))
    for m in BARE_YEAR.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            found.append(Mention(f"gbt29490-20{m[1]}", *m.span()))
    return sorted(found, key=lambda m: m.start)


def crosswalk_answer(corpus: Corpus, question: str, language: str) -> Answer | None:
    """The answer when `question` asks how clauses of the standards correspond or what changed
    between them; None when it is not such a question (the caller answers it as usual)."""
    text = with_topic_titles(fold(question))
    correspond, change = CORRESPOND.search(text), CHANGE.search(text)
    weak = not (correspond or change)
    if weak and not WEAK.search(text):
        return None
    mentions = _mentions(text)
    standards = list(dict.fromkeys(m.standard for m in mentions))
    if TRANSITION.search(text):
        standards += [s for s in (OLD, NEW) if s not in standards]
    numbers = find_clause_numbers(text)
    if numbers:
        return _correspondence(corpus, question, text, numbers[0], mentions, language, weak)
    if weak:
        return None
    editions = [s for s in standards if s in (OLD, NEW)]
    compared = len(editions) == 2 or (BJ in standards and editions)
    # One edition named, a correspondence word, and a topic titled in the OTHER edition
    # ("合规义务在2013版对应什么", "awareness in the 2013 edition corresponds to …"): the two
    # editions compared on that topic.
    if not compared and correspond and len(editions) == 1 \
            and _other_edition_titled(corpus, text, editions[0]):
        return _changes(corpus, question, text, [OLD, NEW], language)
    if compared or (editions and (ADDED.search(text) or REMOVED.search(text)
                                  or UNCHANGED.search(text) or MOVED.search(text))):
        return _changes(corpus, question, text, standards, language)
    return None


def _correspondence(corpus: Corpus, question: str, text: str, number: str,
                    mentions: list[Mention], language: str, weak: bool = False
                    ) -> Answer | None:
    at = text.find(number)
    end = at + len(number)
    # The standard the number belongs to is written just before it ("bj-ipm 7.3.2.4",
    # "旧版5.4.1"), else just after it ("clause 4.2.2 of the 2013 edition"); unnamed: bj-ipm.
    before = [m for m in mentions if m.end <= at and at - m.end <= 12]
    after = [m for m in mentions if m.start >= end and m.start - end <= 12
             and not CORRESPOND.search(text[end:m.start])]
    source = before[-1].standard if before else after[0].standard if after else BJ
    if weak and not (before or after):
        return None  # "In the 2023 edition, what is clause 10.2 about?": a lookup
    targets = [m.standard for m in mentions if m.standard != source]
    target = targets[0] if targets else None
    if target is None and source == BJ:
        return None  # "第4.3.2条对应的记录表单": a question about bj-ipm alone
    try:
        # Both GB/T editions: the bj-ipm clauses of the rows are quoted too (they are in the
        # corpus, the standards' texts are not).
        both_profiles = target is not None and BJ not in (source, target)
        view = crosswalk_view(corpus, number, source, None if both_profiles else target,
                              language)
    except IpmsError as exc:
        return Answer(question, str(exc), True, [])
    more = ""
    if both_profiles:
        order = {target: 0, BJ: 1}
        view.correspondences = sorted(
            (c for c in view.correspondences if c.target.standard in order),
            key=lambda c: order[c.target.standard])
        more = _capped_quotes(view, number, source, language)
    # A number printed twice (bj-ipm 6.2.3): the clause whose title the question names first.
    titled = [c for c in view.correspondences
              if any(src.title and src.title in question for src in c.sources)]
    if titled:
        view.correspondences = titled + [c for c in view.correspondences if c not in titled]
    w = wording(language)
    citations, keys = _citations(corpus, view)
    text = f"{w['answer_intro']}\n\n{view.text}" + (f"\n\n{more}" if more else "")
    return Answer(question, text, False, citations, keys,
                  ranked=_ranked([c.target for c in view.correspondences], keys),
                  summaries=_summaries(corpus, [c.target for c in view.correspondences]
                                       + view.sources))


MAX_ALSO_QUOTED = 6  # bj-ipm clauses quoted beside a comparison of the two GB/T editions
MAX_ALSO_LISTED = 8  # further bj-ipm clauses named; the rest counted (ipms crosswalk lists all)
_BY_TOPIC = ("Mapped by topic", "按主题对应")


def _capped_quotes(view: CrosswalkView, number: str, source: str, language: str) -> str:
    """Between the two GB/T editions, the bj-ipm clauses of the rows are quoted too: each
    once, best first (an equivalent clause before one that partly covers, a row relating the
    clauses for its own reasons before one mapped by topic), at most MAX_ALSO_QUOTED; the text
    naming the others (at most MAX_ALSO_LISTED, then a count and the command listing them
    all), '' when there are none. Trims `view.correspondences` to what is quoted."""
    bj = [c for c in view.correspondences if c.target.standard == BJ]
    others = [c for c in view.correspondences if c.target.standard != BJ]
    unique = list({c.target.key: c for c in reversed(bj)}.values())[::-1]  # first of each
    ranked = sorted(unique, key=lambda c: (c.relation != "equivalent",
                                           any(n.startswith(_BY_TOPIC) for n in c.notes),
                                           unique.index(c)))
    view.correspondences = others + ranked[:MAX_ALSO_QUOTED]
    rest = ranked[MAX_ALSO_QUOTED:]
    if not rest:
        return ""
    w = wording(language)
    separator = "；" if language == "zh" else "; "
    named = separator.join(f"[{BJ} {c.target.number}] {c.target.title}"
                           for c in rest[:MAX_ALSO_LISTED])
    text = w["more_bj"].format(clauses=named)
    if len(rest) > MAX_ALSO_LISTED:
        text += w["more_bj_counted"].format(count=len(rest) - MAX_ALSO_LISTED, number=number,
                                            profile=source)
    return text


def _ranked(asked: list[ClauseInfo], cited: list[tuple]) -> list[tuple[str, str]]:
    """The clauses an answer is about, best first: the ones asked for (the corresponding or
    changed clauses: a corpus clause by its document and key, a profile clause by the
    profile's id and number), then the corpus clauses quoted."""
    first = [(i.doc, i.doc_key) if i.doc else (i.standard, i.key) for i in asked if i.number]
    return list(dict.fromkeys([*first, *map(tuple, cited)]))


def _summaries(corpus: Corpus, infos: list[ClauseInfo]) -> list[Summary]:
    """The profile clauses an answer names (JSON `summaries`: our wording, never quotes)."""
    out, seen = [], set()
    for info in infos:
        if info.standard == BJ or not info.number or (info.standard, info.key) in seen:
            continue
        seen.add((info.standard, info.key))
        out.append(Summary(info.standard, info.key, info.designation, info.title,
                           info.summary or "", text_in_corpus=info.quote is not None))
    return out


def _citations(corpus: Corpus, view: CrosswalkView) -> tuple[list[Citation], list[tuple]]:
    """A citation for every corpus clause the view quotes (bj-ipm, a licensed copy)."""
    infos = view.sources + [c.target for c in view.correspondences]
    return _cite(corpus, list(dict.fromkeys((i.doc, i.doc_key) for i in infos if i.doc)))


def _cite(corpus: Corpus, clauses: list[tuple[str, str]]) -> tuple[list[Citation], list[tuple]]:
    """Citations of corpus clauses (doc, key): each clause with text (a bare heading: its
    sub-clauses), the quote a verbatim span of that clause's own text."""
    citations, cited = [], []
    for doc_id, key in clauses:
        document = corpus.get(doc_id)
        for clause in document.subtree(key):
            if not clause.body.strip() or (doc_id, clause.key) in cited:
                continue
            citations.append(citation_for(document, clause, quote_for(clause)))
            cited.append((doc_id, clause.key))
    return citations, cited


GENERIC_TITLES = {"通则", "总则", "范围", "附录A"}
TOPICS_FILE = PROJECT_ROOT / "prompts" / "crosswalk" / "topics.yaml"


@functools.lru_cache(maxsize=1)
def topic_words() -> dict[str, str]:
    """prompts/crosswalk/topics.yaml: the words people use for a topic → the clause title."""
    with TOPICS_FILE.open(encoding="utf-8") as handle:
        return {str(k): str(v) for k, v in (yaml.safe_load(handle) or {}).items()}


def with_topic_titles(text: str) -> str:
    """`text` with each topic word (认识, 体系范围 …) read as the title it stands for, longest
    word first; a word is left alone where the title is written already."""
    for word in sorted(topic_words(), key=len, reverse=True):
        title = topic_words()[word]
        if word in text and title not in text:
            text = text.replace(word, title)
    return text


def _other_edition_titled(corpus: Corpus, text: str, named: str) -> bool:
    """Whether the question writes the title (Chinese, or English in any case) of a clause
    of the GB/T edition it does NOT name, one the crosswalk relates to the named edition."""
    other = NEW if named == OLD else OLD
    lowered = text.lower()
    for row in load_crosswalk().rows:
        cell = row.clause(other)
        if not cell or not row.clause(named):
            continue
        for language in ("zh", "en"):
            title = clause_info(corpus, other, cell, language).title
            if len(title) >= 2 and title not in GENERIC_TITLES and title.lower() in lowered:
                if title.lower() not in {clause_info(corpus, named, row.clause(named), lang)
                                         .title.lower() for lang in ("zh", "en")}:
                    return True
    return False


def _titles_in(corpus: Corpus, text: str, old: str, new: str) -> list[str]:
    """The Chinese titles of crosswalk clauses (of the compared standards and bj-ipm) written
    in a question, longest first, leaving out those inside a longer one found."""
    titles = set()
    bj = corpus.get(BJ)
    for row in load_crosswalk().rows:
        for standard in {old, new, BJ}:
            if cell := row.clause(standard):
                titles.add(bj.display_title(bj.clauses[cell]) if standard == BJ
                           else clause_info(corpus, standard, cell, "zh").title)
    found = sorted((t for t in titles if len(t) >= 2 and t not in GENERIC_TITLES and t in text),
                   key=len, reverse=True)
    return [t for i, t in enumerate(found) if not any(t in longer for longer in found[:i])]


def _topic_terms(text: str, language: str) -> list[str]:
    """The words of a change question that name its topic ('contracts', '合同管理')."""
    plain = re.sub(r"GB\s*/?\s*T\s*29490|29490|ISO\s*56005|bj-ipm|20(?:13|23)|[\d.]+", " ",
                   text, flags=re.IGNORECASE)
    if language == "zh":
        runs = re.findall(r"[\u4e00-\u9fff]+", _ZH_STOP.sub(" ", BJ_NAME.sub(" ", plain)))
        return [r for r in runs if len(r) >= 2]
    words = [w for w in re.findall(r"[a-z']+", plain.lower()) if w not in _EN_STOP]
    return [w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w
            for w in words if len(w) >= 3]


def _row_texts(corpus: Corpus, row: CrosswalkRow, old: str, new: str) -> list[str]:
    """A row's texts to match a topic in, lower-cased, strongest first: the compared
    standards' clause titles (both languages), the bj-ipm clause's title, then the notes (both
    languages) and the summaries."""
    titles, bj_titles, rest = [], [], [row.note, row.note_zh]
    for standard in (old, new):
        if (cell := row.clause(standard)) and standard != BJ:
            for language in ("zh", "en"):
                info = clause_info(corpus, standard, cell, language)
                titles.append(info.title)
                rest.append(info.summary or "")
    if cell := row.clause(BJ):
        document = corpus.get(BJ)
        bj_titles.append(document.display_title(document.clauses[cell]))
        if rendition := document.renditions.get(cell):
            bj_titles.append(rendition.title)
    return ["\n".join(part).lower() for part in (titles, bj_titles, rest)]


def _topic_rows(corpus: Corpus, terms: list[str], old: str, new: str) -> list[CrosswalkRow]:
    """The rows about the topic: those whose GB/T clause titles name a term; failing that,
    whose bj-ipm clause title does; failing that, whose note or summaries do."""
    rows = [r for r in load_crosswalk().rows if r.clause(old) or r.clause(new)]
    texts = [(r, _row_texts(corpus, r, old, new)) for r in rows]
    starts = [r for r, parts in texts
              if any(re.search(rf"(?m)^{re.escape(t.lower())}", parts[0]) for t in terms)]
    if starts:
        return starts
    for tier in range(3):
        found = [r for r, parts in texts if any(t.lower() in parts[tier] for t in terms)]
        if found:
            return found
    return []


def _pair(standards: list[str]) -> tuple[str, str]:
    if BJ in standards:
        return BJ, NEW if NEW in standards or OLD not in standards else OLD
    return OLD, NEW


def _changes(corpus: Corpus, question: str, text: str, standards: list[str],
             language: str) -> Answer:
    """What changed between two editions: the requirements that stayed the same, the rows on
    the question's topic, or the overview with the new (or removed) requirements."""
    old, new = _pair(standards)
    w = wording(language)
    names = {"old": designation(old, language), "new": designation(new, language)}
    report = build_report(corpus, old, new, language, with_documents=False)
    terms = (_titles_in(corpus, text, old, new) if language == "zh" else []) or \
        _topic_terms(text, language)
    rows = _topic_rows(corpus, terms, old, new) if terms else []
    parts: list[str] = []
    bj_keys: list[str] = []
    named: list[ClauseInfo] = []
    if UNCHANGED.search(text):
        parts.append(w["unchanged_intro"].format(**names))
        for entry in report.sections["unchanged"]:
            parts.append(w["unchanged_item"].format(
                clause=entry.clause.number, title=entry.clause.title,
                old_clauses="、".join(f"{o.number}「{o.title}」" for o in entry.old)
                if language == "zh" else ", ".join(f'{o.number} "{o.title}"' for o in entry.old),
                note=" ".join(entry.notes), **names))
            named += [entry.clause, *entry.old]
    elif rows:
        parts.append(w["changes_topic"].format(topic="、".join(terms) if language == "zh"
                                               else ", ".join(terms), **names))
        pairs: dict[tuple[str, str], list[CrosswalkRow]] = {}
        for row in rows:
            pairs.setdefault((row.clause(old), row.clause(new)), []).append(row)
            if row.clause(BJ) and old != BJ:
                bj_keys.append(row.clause(BJ))
        for (_, cell), same in pairs.items():
            parts.append(_row_line(corpus, same, old, new, w, names, language))
            if cell:
                named.append(clause_info(corpus, new, cell, language))
        # The older edition's clauses of those rows are named too (after the newer ones).
        named += [clause_info(corpus, old, cell, language)
                  for cell in dict.fromkeys(c for c, _ in pairs if c) if old != BJ]
    else:
        parts += _overview(report, text, terms, w, names, named)
    parts.append(w["summaries_note"])
    citations, keys = _cite(corpus, [(BJ, k) for k in dict.fromkeys(bj_keys)])
    if citations:
        quotes = []
        for citation in citations:
            quotes.append(w["bj_line"].format(label=citation.clause, title=citation.title))
            quotes += [f"  > {line}" for line in citation.quote.split("\n") if line]
        parts.append("\n".join(quotes))
    return Answer(question, "\n\n".join(parts), False, citations, keys,
                  ranked=_ranked(named, keys),
                  summaries=_summaries(corpus, named))


def _overview(report, text: str, terms: list[str], w: dict, names: dict,
              named: list[ClauseInfo]) -> list[str]:
    """The counts of each section, then the new requirements (or the removed ones)."""
    counts = report.counts()
    parts = []
    if terms and not (ADDED.search(text) or REMOVED.search(text)):
        parts.append(w["changes_topic_missing"].format(topic=" ".join(terms)))
    parts.append(w["changes_intro"].format(**names))
    parts.append(w["changes_counts"].format(added=counts["new"], changed=counts["changed"],
                                            same=counts["unchanged"],
                                            removed=counts["removed"], **names))
    if REMOVED.search(text) and not ADDED.search(text):
        parts.append(w["removed_intro"].format(**names))
        for entry in report.sections["removed"]:
            parts.append(w["removed_item"].format(old_clause=entry.clause.number,
                                                  old_title=entry.clause.title,
                                                  note=" ".join(entry.notes), **names))
        if not report.sections["removed"]:
            parts.append(w["none_removed"].format(**names))
        return parts
    parts.append(w["new_intro"].format(**names))
    for entry in report.sections["new"]:
        named.append(entry.clause)
        parts.append(w["new_item"].format(clause=entry.clause.number, title=entry.clause.title,
                                          summary=entry.clause.summary or "",
                                          note=" ".join(entry.notes)))
    if report.extended():
        parts.append(w["extended_intro"].format(**names))
    for entry in report.extended():
        named.append(entry.clause)
        parts.append(w["new_item"].format(clause=entry.clause.number, title=entry.clause.title,
                                          summary=entry.clause.summary or "",
                                          note=" ".join(entry.notes)))
    return parts


def _row_line(corpus: Corpus, rows: list[CrosswalkRow], old: str, new: str, w: dict,
              names: dict, language: str) -> str:
    """One line for the rows relating the same old and new clause (their notes joined)."""
    row = rows[0]
    note = " ".join(notes_between(rows, language, old, new))
    relations = dict.fromkeys(pair_relation(r, old, new) for r in rows)
    shown = " / ".join(w["relation"].get(r, r) for r in relations)
    if not row.clause(old) and row.clause(new):
        info = clause_info(corpus, new, row.clause(new), language)
        return w["new_item"].format(clause=info.number, title=info.title,
                                    summary=info.summary or "", note=note)
    old_info = clause_info(corpus, old, row.clause(old), language)
    if not row.clause(new):
        return w["removed_item"].format(old_clause=old_info.number, old_title=old_info.title,
                                        note=note, **names)
    new_info = clause_info(corpus, new, row.clause(new), language)
    line = w["row_item"].format(old_clause=old_info.number, old_title=old_info.title,
                                new_clause=new_info.number, new_title=new_info.title,
                                relation=shown, note=note, **names)
    if new_info.summary:
        line += f"\n  {w['summary_label']} {new_info.summary}"
    return line
