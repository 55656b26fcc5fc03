"""The parsers give the shipped corpus exactly the clauses they gave before they were made
linear-time: every clause of every shipped document (key, number, label, title, kind, text, body,
parent, children, list items, line numbers) and every defect, under both parsers, compared with a
snapshot taken from the earlier code (tests/data/shipped_clauses.json).

The snapshot was written once by running this file as a script on the code before the change
(`python tests/test_parser_equivalence.py --write`); it is test data, not the code's own output.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from helpers import SHIPPED_IDS, cleaned_text, entry

SNAPSHOT = Path(__file__).resolve().parent / "data" / "shipped_clauses.json"


def _clause_record(clause) -> dict:
    return {"key": clause.key, "number": clause.number, "label": clause.label,
            "title": clause.title, "kind": clause.kind, "text": clause.text, "body": clause.body,
            "parent": clause.parent, "children": list(clause.children),
            "first_line": clause.first_line, "line_numbers": list(clause.line_numbers),
            "inferred": clause.inferred, "depth": clause.depth,
            "items": [asdict(item) for item in clause.items]}


def parse_both(doc_id: str) -> dict:
    """Both parsers' view of one shipped document: clauses in order, roots and defects."""
    from assistant.corpus.section_parser import parse_sections
    from assistant.corpus.standard_parser import parse_standard

    meta = entry(doc_id)
    text = cleaned_text(doc_id)
    title = meta["title_zh"] if meta["language"] == "zh" else meta["title_en"]
    out = {}
    for name, parsed in (("standard", parse_standard(doc_id, text, title)),
                         ("sections", parse_sections(doc_id, text, meta["language"]))):
        out[name] = {"roots": list(parsed.roots),
                     "clauses": [_clause_record(c) for c in parsed.clauses.values()],
                     "defects": [asdict(d) for d in parsed.defects]}
    return out


def _snapshot() -> dict:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("parser", ["standard", "sections"])
@pytest.mark.parametrize("doc_id", SHIPPED_IDS)
def test_shipped_documents_parse_to_the_snapshot(doc_id, parser):
    want = _snapshot()[doc_id][parser]
    got = parse_both(doc_id)[parser]
    assert [c["key"] for c in got["clauses"]] == [c["key"] for c in want["clauses"]]
    for got_clause, want_clause in zip(got["clauses"], want["clauses"]):
        assert got_clause == want_clause, want_clause["key"]
    assert got["roots"] == want["roots"]
    assert got["defects"] == want["defects"]


if __name__ == "__main__" and "--write" in sys.argv:
    SNAPSHOT.write_text(json.dumps({d: parse_both(d) for d in SHIPPED_IDS}, ensure_ascii=False,
                                   indent=0) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
