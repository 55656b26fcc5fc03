"""The citation guard: a model may explain, but only the corpus may put a clause number or a quote
into the product. It reads the model's text the way people write (references.py, quotations.py)
and decides, in this order:

1. **Echoed instructions** (injection.py): the answer repeats a passage of a retrieved clause that
   reads as an instruction to an assistant → the answer falls back.
2. **Quotations**: one that is not verbatim in the retrieved clauses is removed with the sentence
   that carries it (the lead-in "原文规定：" goes too; a half sentence would still claim a source).
3. **Citations** (a bracket holding a document and clause labels): a label naming a clause that
   does not exist, or was not retrieved, is removed from its bracket and reported; a bracket left
   empty goes. Removing a citation mark leaves the sentence intact.
4. **Mentions** of a clause in prose ("依据标准第99.9条", "clause 99.9"): one naming a clause
   that does not exist or was not retrieved (its chapter or parent is fine) makes the answer fall
   back — cutting "第99.9条" out of a sentence would leave a claim with a mangled source.

Citations and their quotes are then built from the corpus by key, never from the model's text.
"""
from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from dataclasses import dataclass, field

from assistant.corpus.store import Corpus, Document
from assistant.llm.injection import echoes
from assistant.llm.normalise import fold_text, squeeze
from assistant.llm.quotations import find_quotations, is_verbatim, sentence_span
from assistant.llm.references import (DocumentNames, Label, LabelIndex, Reference,
                                      find_citations, find_mentions, range_keys)
from assistant.models import GuardReport

Key = tuple[str, str]


@dataclass
class GuardedText:
    text: str
    cited: list[Key]  # (doc, key) in order of first citation
    report: GuardReport
    fallback: str | None = None  # "injection" or "reference" when the answer must fall back


@dataclass
class _Corpus:
    """What the guard reads from a corpus once: document names and every text, squeezed."""

    names: DocumentNames
    labels: LabelIndex
    everything: list[str] = field(default_factory=list)


_CACHE: "weakref.WeakKeyDictionary[Corpus, _Corpus]" = weakref.WeakKeyDictionary()


def _prepared(corpus: Corpus) -> _Corpus:
    if corpus not in _CACHE:
        texts = [squeeze(d.text) for d in corpus.documents.values()]
        texts += [squeeze(r.text) for d in corpus.documents.values() for r in d.renditions.values()]
        texts += [squeeze(form) for term in corpus.glossary.terms
                  for form in (*term.forms("zh"), *term.forms("en"))]
        _CACHE[corpus] = _Corpus(DocumentNames(corpus), LabelIndex(corpus), texts)
    return _CACHE[corpus]


def clause_text(corpus: Corpus, key: Key) -> str:
    """A retrieved clause's text as a quotation may use it: its subtree and its rendition."""
    document = corpus.documents[key[0]]
    rendition = document.renditions.get(key[1])
    return document.subtree_text(key[1]) + ("\n" + rendition.text if rendition else "")


def guard_text(text: str, corpus: Corpus, allowed: list[Key], question: str = "",
               tainted: list[Key] | None = None) -> GuardedText:
    """Check a model's text against the corpus and the retrieved clauses (`allowed`); `tainted`
    are the retrieved clauses holding instruction-like text (see injection.py)."""
    prepared = _prepared(corpus)
    report = GuardReport()
    allowed_set = set(allowed)
    tainted = [k for k in tainted or [] if k in allowed_set]
    if tainted:
        clean = [corpus.documents[d].clauses[k].text for d, k in allowed if (d, k) not in tainted]
        echoed = echoes(text, [corpus.documents[d].clauses[k].text for d, k in tainted],
                        clean + [question])
        if echoed:
            report.removed.append(f"“{echoed[:60]}” (repeats an instruction found in a document)")
            return GuardedText("", [], report, fallback="injection")
    text = _drop_quotations(text, corpus, allowed, question, prepared, report)
    return _check_references(text, corpus, allowed_set, prepared, report, set(tainted))


def _drop_quotations(text: str, corpus: Corpus, allowed: list[Key], question: str,
                     prepared: _Corpus, report: GuardReport) -> str:
    quotations = find_quotations(text)
    if not quotations:
        return text
    sources = [squeeze(clause_text(corpus, key)) for key in allowed]
    spans = [(q.start, q.end) for q in quotations]
    cuts: list[tuple[int, int]] = []
    for q in quotations:
        if is_verbatim(q.text, sources):
            continue
        if q.is_term and is_verbatim(q.text, prepared.everything + [squeeze(question)]):
            continue
        report.removed.append(f"“{q.text.strip()[:40]}” (quotation not verbatim)")
        cuts.append(sentence_span(text, q.start, q.end, [s for s in spans if s != (q.start, q.end)]))
    for start, end in sorted(cuts, reverse=True):
        text = text[:start] + text[end:]
    return text


def _check_references(text: str, corpus: Corpus, allowed: set[Key], prepared: _Corpus,
                      report: GuardReport, withheld: set[Key]) -> GuardedText:
    folded = fold_text(text)
    citations = find_citations(folded, prepared.names)
    skip = [_folded_span(folded, r) for r in citations]
    mentions = find_mentions(folded, prepared.names, skip)
    cited: list[Key] = []
    fallback = None
    replacements: list[tuple[int, int, str]] = []
    for ref in sorted(citations + mentions, key=lambda r: r.start):
        kept, keys, problems = _resolve(ref, corpus, prepared.labels, allowed, withheld)
        for problem in problems:
            where = "" if ref.kind == "citation" else ", named in the text"
            report.removed.append(f"{problem[0]} ({problem[1]}{where})")
        if ref.kind == "mention":
            if problems:
                fallback = "reference"
            keys = [k for k in keys if k in allowed]
        else:
            replacements.append((ref.start, ref.end,
                                 f"[{ref.doc} {', '.join(kept)}]" if kept else ""))
        cited.extend(k for k in keys if k not in cited)
    for start, end, new in sorted(replacements, reverse=True):
        text = text[:start] + new + text[end:]
    return GuardedText(_tidy(text), cited, report, fallback)


def _folded_span(folded, ref: Reference) -> tuple[int, int]:
    origin = folded.origin[:-1]
    return bisect_left(origin, ref.start), bisect_left(origin, ref.end)


def _resolve(ref: Reference, corpus: Corpus, labels: LabelIndex, allowed: set[Key],
             withheld: set[Key]) -> tuple[list[str], list[Key], list[tuple[str, str]]]:
    """(labels kept, keys they name, [(reference, why removed)])."""
    name = ref.doc or ref.doc_name
    if ref.doc is None:
        written = [label.label for label in ref.labels] + [f"{a.label}-{b.label}" for a, b in ref.ranges]
        return [], [], [(f"[{name} {', '.join(written)}]", "no such document")]
    document = corpus.documents[ref.doc]
    kept: list[str] = []
    keys: list[Key] = []
    problems: list[tuple[str, str]] = []
    for label in ref.labels:
        found = labels.keys(ref.doc, label)
        why = _problem(document, label, found, allowed, ref.kind == "mention", withheld)
        if why:
            problems.append((f"[{name} {label.label}]", why))
            continue
        kept.append(label.label + (f" {label.item})" if label.item else ""))
        exact = [k for k in found if (ref.doc, k) in allowed]
        keys.append((ref.doc, (exact or found)[0]))
    for a, b in ref.ranges:
        found = range_keys(document, labels, a, b)
        written = f"[{name} {a.label}-{b.label}]"
        if found is None:
            problems.append((written, "no such clause"))
        elif any((ref.doc, k) in withheld for k in found):
            problems.append((written, "withheld: the clause holds text addressed to an assistant"))
        elif not all((ref.doc, k) in allowed for k in found):
            problems.append((written, "not among the retrieved clauses"))
        else:
            kept.append(f"{a.label}–{b.label}")
            keys.extend((ref.doc, k) for k in found)
    return kept, keys, problems


def _problem(document: Document, label: Label, found: list[str], allowed: set[Key],
             parents_allowed: bool, withheld: set[Key]) -> str | None:
    if not found:
        return "no such clause"
    if all((document.id, k) in withheld for k in found):
        return "withheld: the clause holds text addressed to an assistant"
    retrieved = [k for k in found if (document.id, k) in allowed]
    if not retrieved and parents_allowed:  # "第4章" about a retrieved 4.3.2 is grounded
        here = [key for doc_id, key in allowed if doc_id == document.id]
        retrieved = [k for k in found
                     if any(k in {a.key for a in document.ancestors(key)} for key in here)]
    if not retrieved:
        return "not among the retrieved clauses"
    if label.item:
        items = {item.letter.lower() for k in retrieved for item in document.clauses[k].items}
        items |= {m.lower() for k in retrieved
                  for m in re.findall(r"(?m)^\s*([a-zA-Z])\s*[)）]", document.clauses[k].text)}
        if label.item not in items:
            return f"no item {label.item})"
    return None


def _tidy(text: str) -> str:
    text = re.sub(r"[\[【［（(〔]\s*[\]】］）)〕]", "", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+([，。；：、！？,.;:!?])", r"\1", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
