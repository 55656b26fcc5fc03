"""The eval item schema (see evals/README.md) and loading a set."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import IpmsError

SETS_DIR = Path(__file__).resolve().parent / "sets"
ItemType = Literal["lookup", "paraphrase_zh", "paraphrase_en", "scenario", "ambiguous",
                   "nonexistent", "out_of_scope", "other_doc",
                   # the standards set (issue 15): correspondences read from the crosswalk,
                   # changes between editions, and standards the corpus has no profile of
                   "crosswalk", "transition", "unknown_standard"]


class EvalItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Unique id, prefixed by type (pzh-, pen-, lkzh-, oos-, ...).")
    question: str
    language: Literal["zh", "en"]
    type: ItemType
    doc: str | None = Field(description="Document the gold clauses belong to; null when none.")
    gold: list[str] = Field(description="Clause keys that answer it; each counts with its subtree.")
    answerable: bool
    reason: str | None = Field(description="Why the corpus cannot answer it (unanswerable items).")
    split: Literal["dev", "test"]
    # Optional, for questions about standard profiles and the crosswalk (sets/standards); the
    # core and tuning items leave them out.
    gold_form: Literal["quote", "summary"] = Field(
        "quote", description="How an answer may give the gold clauses: 'quote' (their text is in "
        "the corpus and is quoted verbatim) or 'summary' (a standard profile: the clause is named "
        "and summarised, marked as a summary, never presented as a quote).")
    asked: str | None = Field(
        None, description="The clause the question names, as 'doc key' ('gbt29490-2013 7.4.2'): "
        "for crosswalk and transition items the clause asked from (gold: its counterparts in "
        "`doc` by corpus/profiles/crosswalk.csv); for nonexistent items the number `doc` lacks.")
    relation: str | None = Field(
        None, description="A crosswalk relation the question asks about ('new in 2023', "
        "'equivalent'): gold is every clause of `doc` in rows with it (with `asked`: the rows "
        "naming the asked clause have it).")
    # Optional, for the blind set (sets/blind16, issue 16): how the question is written, and
    # the same question in the other script, so traditional items can be compared with their
    # simplified twins. The other sets leave them out.
    kind: Literal["typo", "colloquial", "traditional", "simplified", "en_manager", "quantity",
                  "background", "chapter", "oos_vocab"] | None = Field(
        None, description="How the question is written: 'typo' (homophones and typos of the "
        "corpus's terms), 'colloquial' (口语), 'traditional' / 'simplified' (twins), "
        "'en_manager' (English from a foreign-invested company's manager), 'quantity' (a number "
        "that is not a clause number: 1.5小时, 2.5千万), 'background' (a clause named in passing, "
        "`asked`, beside a different question: gold answers the question), 'chapter' (chapter "
        "9, Chapter IX, 第九章, 第9部分), 'oos_vocab' (the field's vocabulary, no clause answers).")
    twin: str | None = Field(
        None, description="Id of the same question in the other script (traditional <-> "
        "simplified): same type and gold.")


def load_set(name: str = "core", split: str | None = None, sets_dir: Path = SETS_DIR
             ) -> list[EvalItem]:
    directory = sets_dir / name
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,40}", name) or not directory.is_dir():
        known = ", ".join(sorted(p.name for p in sets_dir.iterdir() if p.is_dir()))
        raise IpmsError(f"unknown eval set '{name}' (known: {known})")
    items: list[EvalItem] = []
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append(EvalItem(**json.loads(line)))
            except (ValueError, ValidationError, TypeError) as exc:
                first = str(exc).splitlines()[0]
                raise IpmsError(f"{path.name} line {number}: {first}") from None
    if split:
        items = [i for i in items if i.split == split]
    return items
