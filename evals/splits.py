"""Assign eval items their split. Items that already have one keep it, so adding items never
moves old ones. New items of a type are ordered by a hash of their id and dealt alternately to
dev and test, starting with whichever split that type has fewer of, so small types stay balanced.

Run `python -m evals.splits` after adding items.
"""
from __future__ import annotations

import hashlib
import json

from evals.schema import SETS_DIR


def _deal(items: list[dict]) -> None:
    have = {"dev": 0, "test": 0}
    for item in items:
        if "split" in item:
            have[item["split"]] += 1
    new = sorted((i for i in items if "split" not in i),
                 key=lambda i: hashlib.sha256(i["id"].encode()).hexdigest())
    for item in new:
        item["split"] = "dev" if have["dev"] <= have["test"] else "test"
        have[item["split"]] += 1


def assign(set_name: str = "core") -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in sorted((SETS_DIR / set_name).glob("*.jsonl")):
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        _deal(items)
        for item in items:
            key = f"{path.stem}:{item['split']}"
            counts[key] = counts.get(key, 0) + 1
        path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n",
                        encoding="utf-8")
    return counts


if __name__ == "__main__":
    for name, count in sorted(assign().items()):
        print(f"{name:<28} {count}")
