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
                   "nonexistent", "out_of_scope", "other_doc"]


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
