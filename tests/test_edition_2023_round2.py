"""A company working in GB/T 29490—2023, second round (issue 16): English titles typed beside a
bare number pick the standard as Chinese ones do; with the default standard set to 2023 a
topical question is answered from 2023 first; a number 2023 does not have is said to be missing
and pointed to the held standards that have it and to their 2023 counterparts in the crosswalk.
Expected numbers and titles are read from corpus/profiles/*.yaml, corpus/profiles/crosswalk.csv
and the bj-ipm text and rendition, never from the code under test."""
from __future__ import annotations

import csv
import json
import re

import pytest
import yaml

from helpers import BJ_PATH, CORPUS_DIR

PROFILES = CORPUS_DIR / "profiles"
PROFILE_IDS = sorted(p.stem for p in PROFILES.glob("*.yaml"))
NEW = "gbt29490-2023"
_GENERAL = {"general", "general requirements", "requirements", "overview"}


def _profile(pid: str) -> dict:
    return yaml.safe_load((PROFILES / f"{pid}.yaml").read_text(encoding="utf-8"))


def _clauses(pid: str) -> dict[str, dict]:
    return {str(c["number"]): c for c in _profile(pid)["clauses"]}


def _bj_en() -> dict[str, str]:
    """bj-ipm's English rendition titles by clause key."""
    out = {}
    for line in (CORPUS_DIR / "renditions" / "bj-ipm.en.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        out[row["key"]] = row["title"].strip()
    return out


def _crosswalk() -> list[dict]:
    with (PROFILES / "crosswalk.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _answerer(settings, corpus, retriever, **changes):
    from assistant.answer.extractive import ExtractiveAnswerer

    return ExtractiveAnswerer(settings.model_copy(update=changes), corpus, retriever=retriever)


# -- an English title beside a bare number -----------------------------------------------------
def _english_cases() -> list[tuple[str, str, str]]:
    """(profile, number, English title) of the profiles' clauses below the chapter level whose
    English title names a topic, is not bj-ipm's title of that number (nor contains it) and is
    not another edition's title of that number."""
    bj = _bj_en()
    out = []
    for pid in (NEW, "gbt29490-2013"):
        others = [_clauses(p) for p in PROFILE_IDS if p != pid]
        for number, c in _clauses(pid).items():
            title = (c.get("title_en") or "").strip()
            own = bj.get(number, "").lower()
            if ("." not in number or not title or title.lower() in _GENERAL
                    or (own and (own in title.lower() or title.lower() in own))
                    or any(o.get(number, {}).get("title_en") == title for o in others)):
                continue
            out.append((pid, number, title))
    return out


ENGLISH = _english_cases()
assert (NEW, "9.3", "Internal audit") in ENGLISH and len(ENGLISH) >= 20


@pytest.mark.parametrize("pid, number, title", ENGLISH)
def test_an_english_title_reads_the_number_in_its_standard(answerer, pid, number, title):
    answer = answerer.answer(f"What does clause {number} {title.lower()} require?")
    first = answer.summaries[0] if answer.summaries else None
    assert first is not None and (first.doc, first.key) == (pid, number)
    head = answer.answer.split("\n")[0]
    assert head.startswith(f"Read as clause {number} “{title}” of {_profile(pid)['designation']}")


@pytest.mark.parametrize("question", ["clause 9.3 internal audit",
                                      "9.3 (Internal Audit) - what do auditors check?",
                                      "What does 7.3 Awareness say?"])
def test_english_titles_as_users_type_them(answerer, question):
    number = re.search(r"\d+\.\d+", question).group()
    answer = answerer.answer(question)
    assert answer.summaries and (answer.summaries[0].doc, answer.summaries[0].key) == (NEW, number)


def test_an_english_title_no_standard_gives_that_number_disagrees(answerer):
    """Management review is 2023's 9.4 and 2013's 5.5, no standard's 8.2."""
    where = {pid: n for pid in PROFILE_IDS for n, c in _clauses(pid).items()
             if c.get("title_en") == "Management review"}
    assert where and all(n != "8.2" for n in where.values())
    answer = answerer.answer("What does 8.2 Management review require?")
    head = answer.answer.split("\n")[0]
    assert "disagree" in head and all(f"clause {n} of" in head for n in where.values())
    assert answer.keys and answer.keys[0] == ("bj-ipm", "8.2")


def test_a_title_typed_without_its_enumeration_mark_is_still_the_title(answerer):
    title = _clauses(NEW)["5.3"]["title"]
    assert "、" in title
    answer = answerer.answer(f"第5.3条{title.replace('、', '')}有什么要求？")
    assert answer.summaries and (answer.summaries[0].doc, answer.summaries[0].key) == (NEW, "5.3")
    assert f"“{title}”" in answer.answer.split("\n")[0]


def test_a_title_the_default_lacks_the_number_for_says_so(answerer):
    """bj-ipm has no 7.5: the note says so instead of quoting an empty title."""
    assert not any(re.match(r"7\.5(?!\d)", line.strip()) for line in BJ_PATH.read_text("utf-8").split("\n"))
    title = _clauses(NEW)["7.5"]["title"]
    head = answerer.answer(f"第7.5条{title}有什么要求？").answer.split("\n")[0]
    assert title in head and "“”" not in head and "没有第7.5条" in head
