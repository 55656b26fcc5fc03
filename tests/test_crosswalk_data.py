"""The crosswalk table (corpus/profiles/crosswalk.csv) against what it names: every bj-ipm cell is a
clause of the parsed shipped corpus, every profile cell a clause of that profile's YAML, every
requirement clause of each GB/T profile appears in it, and the relation words are the known ones.
The files are read here with csv and yaml, not through the product's loaders."""
from __future__ import annotations

import csv
import re

import pytest
import yaml

from helpers import BJ_PATH, CORPUS_DIR

PROFILES = CORPUS_DIR / "profiles"
PROFILE_COLUMNS = {"gbt29490_2013": "gbt29490-2013", "gbt29490_2023": "gbt29490-2023",
                   "iso56005": "iso56005-2020"}
RELATIONS = {"equivalent", "partly covers", "new in 2023", "removed"}


def rows() -> list[dict[str, str]]:
    with (PROFILES / "crosswalk.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def profile(profile_id: str) -> list[dict]:
    return yaml.safe_load((PROFILES / f"{profile_id}.yaml").read_text(encoding="utf-8"))["clauses"]


def test_every_bj_ipm_cell_is_a_clause_of_the_parsed_corpus(corpus):
    keys = set(corpus.get("bj-ipm").clauses)
    missing = [(n, r["bj_ipm"]) for n, r in enumerate(rows(), start=2)
               if r["bj_ipm"] and r["bj_ipm"] not in keys]
    assert not missing, f"crosswalk.csv lines naming no bj-ipm clause: {missing}"


def test_the_doubly_printed_numbers_are_named_by_their_second_key(corpus):
    """bj-ipm prints 6.2.3 twice (其他知识产权管理制度, 保密管理制度): the crosswalk's confidentiality
    row names the second, which the corpus keys 6.2.3#2, with the title printed in the text."""
    text = BJ_PATH.read_text(encoding="utf-8")
    assert text.index("6.2.3  其他知识产权管理制度") < text.index("6.2.3 保密管理制度")
    confidentiality = [r for r in rows() if r["gbt29490_2013"] == "7.6"]
    assert [r["bj_ipm"] for r in confidentiality] == ["6.2.3#2"]
    assert corpus.get("bj-ipm").clauses["6.2.3#2"].title == "保密管理制度"


@pytest.mark.parametrize("column", list(PROFILE_COLUMNS))
def test_every_profile_cell_is_a_clause_of_its_profile(column):
    numbers = {str(c["number"]) for c in profile(PROFILE_COLUMNS[column])}
    missing = [(n, r[column]) for n, r in enumerate(rows(), start=2)
               if r[column] and r[column] not in numbers]
    assert not missing, f"{column} cells naming no clause of the profile: {missing}"


@pytest.mark.parametrize("profile_id", ["gbt29490-2013", "gbt29490-2023"])
def test_every_requirement_clause_appears_in_a_row(profile_id):
    column = next(c for c, p in PROFILE_COLUMNS.items() if p == profile_id)
    named = {r[column] for r in rows()}
    requirements = [str(c["number"]) for c in profile(profile_id) if c["kind"] == "requirement"]
    assert len(requirements) > 25  # both editions have dozens of requirement clauses
    assert [n for n in requirements if n not in named] == []


def test_relation_words_are_known_and_fit_the_cells():
    for line, row in enumerate(rows(), start=2):
        old, new = row["gbt29490_2013"], row["gbt29490_2023"]
        if old or new:
            assert row["relation"] in RELATIONS, line
        else:
            assert row["relation"] == "", line
        if row["relation"] == "new in 2023":
            assert new and not old, line
        if row["relation"] == "removed":
            assert old and not new, line
        assert row["bj_ipm_relation"] in ({"equivalent", "partly covers"} if row["bj_ipm"]
                                          else {""}), line
        assert row["note"] and "\n" not in row["note"], line


def test_every_row_has_an_english_and_a_chinese_note():
    """Column note is English, note_zh Chinese (the same meaning), one line each."""
    for line, row in enumerate(rows(), start=2):
        assert re.search(r"[A-Za-z]{3}", row["note"]) and "\n" not in row["note"], line
        assert re.search(r"[\u4e00-\u9fff]", row.get("note_zh", "")), line
        assert "\n" not in row["note_zh"], line


# bj-ipm clauses that generators/templates/placement.yaml placed by hand before the crosswalk
# related them (strategy 5.x, rules 6.x, resources 7.1.x, filing 9.2.x, 9.3.2.2, 10.1.1.1,
# exploitation 11.x, evaluation 12.x)
PLACED_BY_HAND = ["5.1", "5.3", "5.4", "5.5", "6.1.1", "6.1.2", "6.2", "6.2.1", "6.2.2", "6.2.3",
                  "6.3", "6.3.1", "6.3.2", "7.1.1", "7.1.2", "9.2.2", "9.2.3", "9.3.2.2",
                  "10.1.1.1", "11.1", "11.2.3", "11.3.1", "11.3.1.1", "11.3.1.2", "11.3.1.3",
                  "11.3.2", "11.3.3", "11.4.1", "11.4.2.4", "11.4.2.5", "12.2", "12.3.1",
                  "12.3.2", "12.3.3", "12.4"]


@pytest.mark.parametrize("key", PLACED_BY_HAND)
def test_bj_ipm_clauses_once_placed_by_hand_have_rows_by_topic(key):
    """Each has a row of its own naming a clause of both GB/T editions, marked as a mapping by
    topic in both notes."""
    own = [r for r in rows() if r["bj_ipm"] == key and r["gbt29490_2013"] and r["gbt29490_2023"]]
    assert own, key
    assert all(r["note"].startswith("Mapped by topic") for r in own), key
    assert all(r["note_zh"].startswith("按主题对应") for r in own), key


def test_placement_yaml_no_longer_lists_what_the_crosswalk_relates():
    placement = yaml.safe_load((CORPUS_DIR.parent / "generators" / "templates" / "placement.yaml")
                               .read_text(encoding="utf-8"))["placement"]
    related = {r["bj_ipm"] for r in rows() if r["bj_ipm"] and r["gbt29490_2013"]
               and r["gbt29490_2023"]}
    for standard, entries in placement.items():
        assert not set(entries or {}) & related, standard


def test_rows_read_by_hand():
    """Rows checked against the bj-ipm text and the profiles by reading them: contract review
    (bj-ipm 4.3.3 合同管理 = 2013 7.5 合同管理 → 2023 8.2 基础管理), hiring (bj-ipm 7.3.2.4 入职 =
    2013 6.1.4 入职 → 2023 7.1 资源) and the annex of prohibited acts, new in 2023."""
    table = {(r["bj_ipm"], r["gbt29490_2013"], r["gbt29490_2023"]): r for r in rows()}
    assert table[("4.3.3", "7.5", "8.2")]["relation"] == "partly covers"
    assert table[("7.3.2.4", "6.1.4", "7.1")]["bj_ipm_relation"] == "equivalent"
    assert table[("", "", "B")]["relation"] == "new in 2023"
    assert table[("4.2.1", "5.2", "5.2")]["relation"] == "equivalent"


def test_the_checker_passes_the_shipped_data():
    from assistant.standards.checks import check_all

    result = check_all()
    assert result.findings == []
    assert result.rows == len(rows())


def test_the_checker_reports_a_broken_copy(tmp_path):
    """A copy of the folder with a bj-ipm clause that does not exist, an unknown relation word
    and the only rows of 2013 6.4 信息资源 removed: each is reported, naming the line."""
    import shutil

    from assistant.standards.checks import check_all

    folder = tmp_path / "profiles"
    shutil.copytree(PROFILES, folder)
    lines = (PROFILES / "crosswalk.csv").read_text(encoding="utf-8-sig").split("\n")
    lines = [line for line in lines if ",6.4," not in line]
    contract = next(i for i, line in enumerate(lines) if line.startswith("4.3.3,7.5,8.2,"))
    lines[contract] = lines[contract].replace("4.3.3,", "4.3.9,", 1)
    equivalent = next(i for i, line in enumerate(lines) if line.startswith("4.2.1,5.2,5.2,"))
    lines[equivalent] = lines[equivalent].replace(",equivalent,", ",same,", 1)
    (folder / "crosswalk.csv").write_text("\ufeff" + "\n".join(lines), encoding="utf-8")
    findings = check_all(folder).findings
    assert f"crosswalk.csv:{contract + 1}: bj-ipm clause 4.3.9 not in corpus/bj-ipm.txt" in findings
    assert any(f.startswith(f"crosswalk.csv:{equivalent + 1}: relation 'same'") for f in findings)
    assert "crosswalk.csv: requirement clause gbt29490-2013 6.4 appears in no row" in findings


def test_the_checker_reports_a_missing_or_english_chinese_note(tmp_path):
    """A copy whose contract-review row lost its Chinese note and whose policy row has an
    English note in the note_zh column: both reported, naming the line."""
    import shutil

    from assistant.standards.checks import check_all

    folder = tmp_path / "profiles"
    shutil.copytree(PROFILES, folder)
    table = list(csv.reader((PROFILES / "crosswalk.csv").read_text(encoding="utf-8-sig")
                            .splitlines()))
    contract = next(i for i, r in enumerate(table) if r[:3] == ["4.3.3", "7.5", "8.2"])
    policy = next(i for i, r in enumerate(table) if r[:3] == ["4.2.1", "5.2", "5.2"])
    table[contract][-1] = ""
    table[policy][-1] = table[policy][-2]
    with (folder / "crosswalk.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(table)
    findings = check_all(folder).findings
    assert f"crosswalk.csv:{contract + 1}: note_zh must be one non-empty line" in findings
    assert f"crosswalk.csv:{policy + 1}: note_zh must be in Chinese" in findings
