"""`ipms clause N`: a clause and its whole subtree, as text or JSON."""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.extractive import render_body
from assistant.corpus.store import Corpus, Document
from assistant.errors import IpmsError
from assistant.models import Clause
from assistant.retrieval.router import find_clause_numbers, route
from assistant.textutil import fold


@dataclass
class ClauseView:
    doc: Document
    number: str
    clauses: list[Clause]  # the clause(s) printed with this number (two when duplicated)

    @property
    def text(self) -> str:
        doc = self.doc
        lines = [f"{doc.meta.title_zh} / {doc.meta.title_en} [{doc.id}]"]
        if len(self.clauses) > 1:
            lines.append(f"! {self.number} is used {len(self.clauses)} times in this document "
                         "(a numbering defect); each is shown.")
        for top in self.clauses:
            for node in doc.subtree(top.key):
                indent = "  " * (node.depth - top.depth)
                note = " (number inferred)" if node.inferred else ""
                label = node.label if node.kind != "heading" else "·"
                lines.append("")
                lines.append(f"{indent}{label} {doc.display_title(node) if not node.title else node.title}"
                             f"{note}  [{doc.id} {node.label}]  line {node.first_line}")
                for body_line in render_body(node.body.strip()).split("\n"):
                    if body_line:
                        lines.append(f"{indent}  {body_line}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "doc": self.doc.id,
            "number": self.number,
            "ambiguous": len(self.clauses) > 1,
            "clauses": [
                {"key": c.key, "clause": c.label, "title": c.title, "text": c.text,
                 "parent": c.parent, "children": c.children, "inferred": c.inferred,
                 "line": c.first_line}
                for top in self.clauses for c in self.doc.subtree(top.key)
            ],
        }


def clause_view(corpus: Corpus, number: str, doc_id: str | None = None) -> ClauseView:
    doc = corpus.get(doc_id) if doc_id else corpus.primary
    plain = fold(number).strip().rstrip(".")
    table = doc.lookup_table()
    if re.fullmatch(r"\d{1,2}(\.\d{1,3}){0,5}", plain) or any(c.number == plain for c in table):
        numbers = [plain]  # a bare number, or a section's own label such as 3(2)1 or Planning
    else:
        numbers = find_clause_numbers(number)
    if not numbers:
        raise IpmsError(f"'{number}' is not a clause number (e.g. 4.3.2)")
    routed = route(numbers[:1], table)[0]
    if routed.status == "missing":
        near = ", ".join(f"{c.label} {doc.display_title(c)}" for c in routed.nearest)
        raise IpmsError(f"clause {routed.number} does not exist in {doc.id}"
                        + (f"; nearest: {near}" if near else ""))
    return ClauseView(doc, routed.number, [doc.clauses[c.key] for c in routed.clauses])
