"""`ipms corpus add FILE --profile ID`: a licensed copy of a profiled standard is matched with its
profile (matched, title differs, missing, not in the profile), the manifest records the profile,
and from then on questions naming the standard quote the imported text instead of the summaries.
An unknown profile id, or a text whose numbering does not match the profile, is one line, exit
2 and nothing written.

The "licensed" text is generated here from the numbers and titles in
corpus/profiles/gbt29490-2023.yaml, with bodies in our own words (a test sentence per clause)."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from helpers import CORPUS_DIR, PROJECT_ROOT

PROFILE = "gbt29490-2023"
YAML = CORPUS_DIR / "profiles" / f"{PROFILE}.yaml"
SAMPLE = PROJECT_ROOT / "tests" / "data" / "sample_standard" / "standard.txt"
RENAMED = ("7.3", "意识", "意识与培训")  # the copy prints 7.3 under another title
EXTRA = ("8.3.1", "采购中的知识产权")  # a sub-clause the profile does not list
BODY_83 = "测试正文：企业在经营各环节开展知识产权审查，并保存审查记录。"


def _clauses() -> list[dict]:
    return yaml.safe_load(YAML.read_text(encoding="utf-8"))["clauses"]


def _body(number: str) -> str:
    return BODY_83 if number == "8.3" else f"测试正文：本条（{number}）的要求由测试用语代替。"


def _licensed_text() -> str:
    """GB/T 29490—2023 as numbered lines (annexes left out), each clause with a test body."""
    lines = ["中华人民共和国国家标准", "GB/T 29490—2023", "企业知识产权合规管理体系 要求", ""]
    for clause in _clauses():
        number, title = str(clause["number"]), clause["title"]
        if number.isalpha():
            continue
        if number == RENAMED[0]:
            title = RENAMED[2]
        lines += [f"{number} {title}", _body(number), ""]
        if number == "8.3":
            lines += [f"{EXTRA[0]} {EXTRA[1]}", _body(EXTRA[0]), ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """(settings, the ProfileMatch reported, answerer) after importing the licensed copy."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus
    from helpers import make_settings

    home = tmp_path_factory.mktemp("profile-home")
    settings = make_settings(home)
    path = tmp_path_factory.mktemp("files") / "gbt29490-2023.txt"
    path.write_text(_licensed_text(), encoding="utf-8")
    reports = []
    add_user_document(settings, path, "licensed-2023", "企业知识产权合规管理体系 要求",
                      profile=PROFILE, on_profile=reports.append)
    corpus = Corpus.load(settings)
    return settings, reports[0], ExtractiveAnswerer(settings, corpus)


def test_the_import_is_matched_with_its_profile(imported):
    _, match, _ = imported
    numbers = [str(c["number"]) for c in _clauses()]
    annexes = [n for n in numbers if n.isalpha()]
    assert match.missing == tuple(annexes)
    assert match.title_differs == ((RENAMED[0], RENAMED[1], RENAMED[2]),)
    assert match.extra == (EXTRA[0],)
    assert len(match.matched) == len(numbers) - len(annexes) - 1
    report = "\n".join(match.lines())
    assert f"{RENAMED[0]} {RENAMED[1]} ≠ {RENAMED[2]}" in report
    assert f"missing in the import ({len(annexes)}): {', '.join(annexes)}" in report
    assert f"not in the profile (1): {EXTRA[0]}" in report


def test_the_manifest_records_the_profile(imported):
    settings, _, _ = imported
    entry = json.loads((settings.user_corpus_dir / "manifest.json").read_text("utf-8"))
    assert entry["documents"][0]["profile"] == PROFILE


@pytest.mark.parametrize("question", ["GB/T 29490-2023 第8.3条要求什么", "2023版 第8.3条",
                                      "29490-2023 8.3", "the 2023 edition, clause 8.3"])
def test_after_the_import_questions_quote_the_text(imported, question):
    _, _, answerer = imported
    answer = answerer.answer(question)
    assert not answer.summaries  # the summaries step back
    assert answer.citations[0].doc == "licensed-2023" and answer.citations[0].clause == "8.3"
    assert answer.citations[0].quote == BODY_83
    summary = next(c["summary_zh"] for c in _clauses() if str(c["number"]) == "8.3")
    assert summary not in answer.answer


def test_after_the_import_topical_questions_search_the_text(imported):
    _, _, answerer = imported
    answer = answerer.answer("GB/T 29490-2023 对经营各环节的知识产权审查有什么要求")
    assert not answer.summaries
    assert any(c.doc == "licensed-2023" and c.quote == BODY_83 for c in answer.citations)


def test_clause_view_of_the_profile_id_shows_the_imported_text(imported):
    from assistant.answer.clause_view import clause_view

    _, _, answerer = imported
    view = clause_view(answerer.corpus, "8.3", PROFILE)
    assert view.doc.id == "licensed-2023" and BODY_83 in view.text


def test_corpus_list_shows_the_profiles_and_where_their_text_is(imported, monkeypatch):
    from click.testing import CliRunner

    from assistant.cli import cli

    settings, _, _ = imported
    monkeypatch.setenv("IPMS_HOME", str(settings.home))
    lines = CliRunner().invoke(cli, ["corpus", "list"]).output.splitlines()
    profile_lines = {line.split()[0]: line for line in lines if line.split()[1:2] == ["profile"]}
    assert set(profile_lines) == {"gbt29490-2013", "gbt29490-2023", "iso56005-2020"}
    assert "text: licensed-2023" in profile_lines["gbt29490-2023"]
    assert "text not in corpus" in profile_lines["gbt29490-2013"]
    assert "manual1" in profile_lines["gbt29490-2023"]  # its public sources


# -- bad input: one line, exit 2, nothing written ------------------------------------------------
def _nothing_written(home) -> bool:
    return not (home / "corpus" / "manifest.json").exists()


def test_an_unknown_profile_id_is_one_line_and_writes_nothing(tmp_path, capsys):
    from assistant.cli import main

    path = tmp_path / "copy.txt"
    path.write_text(_licensed_text(), encoding="utf-8")
    code = main(["corpus", "add", str(path), "--profile", "gbt29490-2030"])
    assert code == 2
    err = capsys.readouterr().err
    assert re.fullmatch(r"ipms: error: unknown standard profile 'gbt29490-2030' \(known: .*\)\n",
                        err)
    assert _nothing_written(tmp_path)


def test_a_text_whose_numbering_does_not_match_is_refused(tmp_path, capsys):
    from assistant.cli import main

    code = main(["corpus", "add", str(SAMPLE), "--profile", PROFILE])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not match the profile gbt29490-2023" in err
    assert _nothing_written(tmp_path)


def test_a_mismatch_is_accepted_with_accept_defects(settings):
    from assistant.corpus.build import add_user_document

    meta = add_user_document(settings, SAMPLE, "sample", "示例", profile=PROFILE,
                             accept_defects=True)
    assert meta.profile == PROFILE


def test_without_id_and_title_the_profile_gives_them(tmp_path, capsys):
    from assistant.cli import main

    path = tmp_path / "gbt29490-2023.txt"
    path.write_text(_licensed_text(), encoding="utf-8")
    assert main(["corpus", "add", str(path), "--profile", PROFILE, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"profile {PROFILE} (GB/T 29490—2023)" in out and "nothing was changed" in out
    assert _nothing_written(tmp_path)
