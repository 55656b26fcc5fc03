"""`ipms clause N`: a clause and its whole subtree, as text or JSON."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.extractive import render_body
from assistant.answer.status import document_status, status_note
from assistant.corpus.store import Corpus, Document
from assistant.errors import IpmsError
from assistant.models import Clause
from assistant.retrieval.router import article_label, find_clause_numbers, number_forms, route
from assistant.textutil import fold


@dataclass
class ClauseView:
    doc: Document
    number: str
    clauses: list[Clause]  # the clause(s) printed with this number (two when duplicated)
    language: str | None = None  # show renditions in this language beside the originals

    @property
    def text(self) -> str:
        doc = self.doc
        # A summary's or guide's text is labelled as such (assistant/answer/status.py).
        note = status_note(document_status(doc.meta), self.language or doc.meta.language)
        lines = [f"{doc.meta.both_titles} [{doc.id}]{note}"]
        if len(self.clauses) > 1:
            lines.append(f"! {self.number} is used {len(self.clauses)} times in this document "
                         "(a numbering defect); each is shown.")
        for top in self.clauses:
            for node in doc.subtree(top.key):
                indent = "  " * (node.depth - top.depth)
                note = " (number inferred)" if node.inferred else ""
                label = node.label if node.kind != "heading" else "·"
                lines.append("")
                title = node.title or doc.display_title(node)
                rendition = self._rendition(node)
                if rendition is not None and rendition.title:
                    title = f"{rendition.title} ({title})" if title else rendition.title
                named = " ".join(part for part in (label, title) if part)
                lines.append(f"{indent}{named}{note}  [{doc.id} {node.label}]  "
                             f"line {node.first_line}")
                original = [b for b in render_body(node.body.strip()).split("\n") if b]
                if rendition is not None and rendition.text.strip():
                    lines += [f"{indent}  {r}" for r in rendition.text.strip().split("\n")]
                    if original:
                        lines.append(f"{indent}  — original ({doc.meta.language}):")
                        lines += [f"{indent}    {b}" for b in original]
                else:
                    lines += [f"{indent}  {b}" for b in original]
        return "\n".join(lines)

    def _rendition(self, clause: Clause):
        if self.language is None or self.language == self.doc.meta.language:
            return None
        return self.doc.renditions.get(clause.key)

    def to_json(self) -> dict:
        return {
            "doc": self.doc.id,
            "number": self.number,
            "ambiguous": len(self.clauses) > 1,
            "status": document_status(self.doc.meta),
            "clauses": [
                {"key": c.key, "clause": c.label, "title": c.title, "text": c.text,
                 "parent": c.parent, "children": c.children, "inferred": c.inferred,
                 "line": c.first_line,
                 "translation": ({"language": r.language, "title": r.title, "text": r.text}
                                 if (r := self.doc.renditions.get(c.key)) else None)}
                for top in self.clauses for c in self.doc.subtree(top.key)
            ],
        }


def named_clause(corpus: Corpus, argument: str) -> tuple[list[str], str]:
    """`ipms clause` given a document in its argument ('GB/T 29490-2023 8.3', 'bj-ipm 4.3.2',
    'DB11/T 937 第4.3条'): (the documents or profiles to look the number up in, in order — a
    document, then a profile also named, as 'ISO 56005' names the pilot notice and the ISO
    56005 profile —, the argument without the names); ([], argument) when it names none.
    Raises IpmsError when it names a standard neither in the corpus nor profiled, or several
    documents."""
    from assistant.retrieval.documents import DocumentNames, find_standard_numbers
    from assistant.standards.names import EDITION, standards_named

    text = fold(argument)
    names = DocumentNames(corpus)
    named = names.find(text)
    spans = [(s, e) for s, e, _ in find_standard_numbers(text)]
    spans += [m.span for m in standards_named(text)]
    spans += [m.span() for m in names._ids.finditer(text)]
    spans += [m.span() for m in EDITION.finditer(text)]
    rest = text
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " * (end - start) + rest[end:]
    rest = re.sub(r"^[\s,，:：的]+|[\s,，:：]+$", "", rest).strip() or argument
    if len(named.ids) > 1:
        raise IpmsError(f"'{argument}' names {len(named.ids)} documents "
                        f"({', '.join(named.ids)}): give one, or --doc ID")
    if named.ids or named.profiles:
        # 'GB/T 29490' with no year: the latest edition, then the others.
        return [*named.ids, *(p.profile for p in named.profiles),
                *(o for p in named.profiles for o in p.others)], rest
    if named.unknown:
        raise IpmsError(f"{named.unknown[0]} is not in the corpus (add its text with "
                        "`ipms corpus add FILE --id ID --title TITLE`; `ipms corpus list` shows "
                        "what is there)")
    return [], argument


def document_given(corpus: Corpus, given: str) -> str:
    """The id of the document or profile `--doc` names by id, designation or edition
    ('gbt29490-2023', 'GB/T 29490-2023', '2023', 'DB11/T 937'): every command taking a document
    (clause, ask, corpus check, the web app's filter) reads it so. Raises IpmsError listing the
    documents and profiles when it names none or several."""
    if given in corpus.documents:
        return given
    from assistant.standards.crosswalk_view import resolve_standard
    from assistant.standards.profiles import profile_ids

    if given in profile_ids():
        return given
    try:
        return resolve_standard(given)
    except IpmsError:
        pass
    candidates, rest = named_clause(corpus, given)
    if candidates and rest == given:  # nothing but a name ('DB11/T 937'), no further words
        return candidates[0]
    known = ", ".join([*corpus.documents, *profile_ids()])
    raise IpmsError(f"unknown document '{given}' (known: {known})")


def clause_view(corpus: Corpus, number: str, doc_id: str | None = None,
                language: str | None = None) -> ClauseView:
    """A clause and its subtree in `doc_id` (a document or a profile; default: the one the
    argument names, else the primary standard). Raises IpmsError for a number the document
    lacks (naming the nearest ones) or an argument that is not a clause number."""
    if doc_id is not None and doc_id not in corpus.documents:
        doc_id = document_given(corpus, doc_id)
    if doc_id is None and not re.fullmatch(r"[\d.\s]+", number.strip()):
        candidates, rest = named_clause(corpus, number)
        first: IpmsError | None = None
        for candidate in candidates:
            try:
                return clause_view(corpus, rest, candidate, language)
            except IpmsError as exc:
                first = first or exc  # the error of the document named first
        if first is not None:
            raise first
    if doc_id and doc_id not in corpus.documents:  # a standard profile (its text, or its summary)
        from assistant.standards.profile_view import profile_clause_view

        if (profiled := profile_clause_view(corpus, number, doc_id, language)) is not None:
            return profiled
    doc = corpus.get(doc_id) if doc_id else corpus.primary
    if len(number) > 200 or re.search(r"[\ud800-\udfff\x00-\x1f]", number):
        raise IpmsError("that is not a clause number (e.g. 4.3.2)")
    plain = fold(number).strip().rstrip(".")
    table = doc.lookup_table()
    if any(c.number == number.strip() for c in table):
        numbers = [number.strip()]  # a section's label as printed, e.g. 二（二）1(1)
    elif re.fullmatch(r"\d{1,2}(\.\d{1,3}){0,5}", plain) or any(c.number == plain for c in table):
        numbers = [plain]  # a bare number, or a section's own label such as 3(2)1 or Planning
    else:
        numbers = find_clause_numbers(number)
    if not numbers:
        raise IpmsError(f"'{number}' is not a clause number (e.g. 4.3.2)")
    form = number_forms(number).get(numbers[0], "")
    numbers = [_as_article(numbers[0], form, table)]
    routed = route(numbers[:1], table)[0]
    if routed.status == "missing" and form == "chapter":
        raise IpmsError(f"chapter {routed.number} does not exist in {doc.id}")
    if routed.status == "missing":
        near = ", ".join(f"{c.label} {doc.display_title(c)}" for c in routed.nearest)
        raise IpmsError(f"clause {routed.number} does not exist in {doc.id}"
                        + (f"; nearest: {near}" if near else ""))
    return ClauseView(doc, routed.number, [doc.clauses[c.key] for c in routed.clauses], language)


def _as_article(number: str, form: str, table: list[Clause]) -> str:
    """A number written as an article (第5条, Article 5) is the article 第五条 of a document
    that numbers its articles so; any other number is looked up as written."""
    label = article_label(number) if form == "article" else None
    if label is not None and any(re.fullmatch(r"第.+条", c.number or "") for c in table):
        return label
    return number
