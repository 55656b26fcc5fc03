"""The standards eval set (evals/sets/standards, issue 15) is well formed, and every expected
answer is what the data files say: clause keys of the profiles (corpus/profiles/*.yaml) and of
bj-ipm, and correspondences read straight from corpus/profiles/crosswalk.csv."""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
import yaml

from evals.runner import TYPE_ORDER, load_thresholds
from evals.schema import EvalItem, load_set

PROFILES = Path(__file__).resolve().parents[1] / "corpus" / "profiles"
COLUMN = {"bj-ipm": "bj_ipm", "gbt29490-2013": "gbt29490_2013",
          "gbt29490-2023": "gbt29490_2023", "iso56005-2020": "iso56005"}
PROFILE_IDS = {"gbt29490-2013", "gbt29490-2023", "iso56005-2020"}


@pytest.fixture(scope="module")
def items() -> list[EvalItem]:
    return load_set("standards")


@pytest.fixture(scope="module")
def profile_numbers() -> dict[str, set[str]]:
    """Clause numbers of each profile, read from its YAML file."""
    return {pid: {str(c["number"]) for c in yaml.safe_load(
        (PROFILES / f"{pid}.yaml").read_text(encoding="utf-8"))["clauses"]}
        for pid in PROFILE_IDS}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with (PROFILES / "crosswalk.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _names(row: dict[str, str], doc: str, key: str) -> bool:
    """The row names `key` of `doc` or one of its sub-clauses (a heading stands for its subtree)."""
    cell = row[COLUMN[doc]]
    return bool(cell) and (cell == key or cell.startswith(key + "."))


def _split(asked: str) -> tuple[str, str]:
    doc, key = asked.split(" ", 1)
    return doc, key


def test_the_set_loads_with_enough_distinct_questions(items):
    assert len(items) >= 120
    assert len({i.id for i in items}) == len(items)
    questions = [" ".join(i.question.split()).lower() for i in items]
    assert [q for q, n in Counter(questions).items() if n > 1] == []
    others = load_set("core") + load_set("tuning")
    assert not {i.id for i in items} & {i.id for i in others}
    assert not {i.question for i in items} & {i.question for i in others}
    for item in items:
        assert item.answerable == bool(item.gold), item.id
        assert (item.reason is None) == item.answerable, item.id
        assert item.type in TYPE_ORDER, item.id  # so `ipms eval` shows it in its tables


def test_dev_and_test_hold_every_type_and_both_languages(items):
    counts = Counter((i.type, i.split) for i in items)
    for kind in {i.type for i in items}:
        assert counts[(kind, "dev")] >= 3 and counts[(kind, "test")] >= 3, kind
    assert {(i.language, i.split) for i in items} == {
        (lang, split) for lang in ("zh", "en") for split in ("dev", "test")}


def test_the_groups_the_issue_asks_for_are_there(items):
    kinds = Counter((i.type, i.doc) for i in items)
    for doc in ("gbt29490-2023", "gbt29490-2013"):
        assert kinds[("lookup", doc)] >= 15, doc
        assert kinds[("nonexistent", doc)] >= 5, doc
    assert sum(n for (t, _), n in kinds.items() if t == "crosswalk") >= 30
    assert sum(n for (t, _), n in kinds.items() if t == "transition") >= 15
    assert kinds[("unknown_standard", None)] >= 10
    asked_from = {_split(i.asked)[0] for i in items if i.type == "crosswalk"}
    assert {"bj-ipm", "gbt29490-2013", "gbt29490-2023"} <= asked_from


def test_every_gold_key_exists_in_its_profile_or_in_bj_ipm(items, profile_numbers, corpus):
    bj = corpus.documents["bj-ipm"].clauses
    for item in items:
        if item.doc is None:
            assert not item.gold, item.id
            continue
        known = profile_numbers[item.doc] if item.doc in PROFILE_IDS else bj
        assert item.doc in PROFILE_IDS | {"bj-ipm"}, item.id
        for key in item.gold:
            assert key in known, (item.id, key)
        # A profile holds summaries, never a standard's text: its clauses are named, not quoted.
        assert item.gold_form == ("summary" if item.doc in PROFILE_IDS else "quote"), item.id
        if item.asked and item.type != "nonexistent":
            doc, key = _split(item.asked)
            assert key in (profile_numbers[doc] if doc in PROFILE_IDS else bj), item.id


def test_correspondences_are_the_crosswalks(items, rows):
    checked = 0
    for item in items:
        if item.type not in ("crosswalk", "transition"):
            continue
        assert item.asked or item.relation, item.id
        if item.asked:
            doc, key = _split(item.asked)
            named = [r for r in rows if _names(r, doc, key)]
            assert named, (item.id, "the crosswalk does not name", item.asked)
            if doc == item.doc:  # a question about one clause's own change ("is 5.1.3 new?")
                assert item.gold == [key], item.id
            else:
                expected = {r[COLUMN[item.doc]] for r in named} - {""}
                assert set(item.gold) == expected, item.id
            if item.relation:
                assert any(r["relation"] == item.relation for r in named), item.id
        else:
            expected = {r[COLUMN[item.doc]] for r in rows if r["relation"] == item.relation} - {""}
            assert expected and set(item.gold) == expected, item.id
        checked += 1
    assert checked >= 45


def test_nonexistent_numbers_are_missing_from_their_profile(items, profile_numbers):
    for item in items:
        if item.type == "nonexistent":
            doc, key = _split(item.asked)
            assert doc == item.doc and doc in PROFILE_IDS, item.id
            assert key not in profile_numbers[doc], item.id


def test_unknown_standards_have_no_profile(items):
    for item in items:
        if item.type == "unknown_standard":
            assert item.doc is None and not item.answerable, item.id
            assert "29490" not in item.question and "56005" not in item.question, item.id


def test_the_sets_gate_names_only_groups_the_set_has(items):
    # The core gate is not applied to this set; a gate of its own may name its types,
    # its languages and the answerable/unanswerable/overall groups only.
    groups = {i.type for i in items} | {f"lang:{i.language}" for i in items} | {
        "overall", "answerable", "unanswerable"}
    gate = load_thresholds(set_name="standards")
    assert gate != load_thresholds()
    assert {name.removesuffix("<=").split(".", 1)[0] for name in gate} <= groups
