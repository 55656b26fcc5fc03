"""`ipms crosswalk CLAUSE --from ID [--to ID]`, run in this process. Expected clauses were checked
by reading crosswalk.csv, the profiles and corpus/bj-ipm.txt; quotes are compared with the text."""
from __future__ import annotations

import csv
import json

import pytest

from helpers import BJ_PATH, CORPUS_DIR

BJ_TEXT = BJ_PATH.read_text(encoding="utf-8")
# bj-ipm 7.3.2.4 入职, as printed (corpus/bj-ipm.txt line 225)
HIRING = "对新入职员工进行适当的知识产权背景调查，以避免侵犯他人知识产权"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    from assistant.cli import main

    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_bj_ipm_clause_in_the_2023_edition(capsys):
    code, out, err = cli(capsys, "crosswalk", "第7.3.2.4条", "--from", "bj-ipm", "--to", "2023")
    assert code == 0, err
    assert HIRING in BJ_TEXT and HIRING in out  # quoted verbatim
    assert "→ GB/T 29490—2023 7.1「资源」（部分对应）" in out
    # the 2023 clause is summarised, marked as such, never quoted
    assert "摘要（本产品自行概括，非标准原文" in out
    # the row's note, in Chinese (crosswalk.csv, column note_zh of the 7.3.2.4 / 6.1.4 row)
    assert "入职时的知识产权背景调查和声明；2023版中的位置未经证实。" in out
    assert "IP background checks and declarations on hiring" not in out
    assert not any("gbt29490" in line for line in out.splitlines() if line.startswith("→"))


def test_json_names_the_clause_quotes_bj_ipm_and_marks_summaries(capsys):
    code, out, _ = cli(capsys, "crosswalk", "4.3.3", "--from", "bj-ipm", "--to",
                       "GB/T 29490-2023", "--json")
    assert code == 0
    data = json.loads(out)
    asked = data["clauses"][0]
    assert (asked["clause"], asked["title"], asked["citation"]) == ("4.3.3", "合同管理",
                                                                    "[bj-ipm 4.3.3]")
    assert "合同在签订前应针对知识产权内容进行审查" in asked["quote"]
    for line in asked["quote"].split("\n"):
        assert line in BJ_TEXT
    [target] = data["correspondences"]
    assert (target["designation"], target["clause"], target["title"]) == \
        ("GB/T 29490—2023", "8.2", "基础管理")
    assert target["relation"] == "partly covers"
    assert target["quote"] is None and target["summary_is_our_wording"] is True
    assert target["summary"]


@pytest.mark.parametrize("written", ["gbt29490-2013", "GB/T 29490-2013", "GB/T 29490—2013",
                                     "2013", "2013版"])
def test_a_standard_by_id_designation_or_year(capsys, written):
    code, out, err = cli(capsys, "crosswalk", "7.6", "--from", written, "--to", "bj-ipm",
                         "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["from"] == "gbt29490-2013"
    assert [(c["key"], c["title"]) for c in data["correspondences"]] == [("6.2.3#2", "保密管理制度")]


def test_a_2013_clause_to_the_bj_ipm_clauses_it_covers(capsys):
    code, out, _ = cli(capsys, "crosswalk", "7.5", "--from", "2013", "--to", "bj-ipm", "--json")
    assert code == 0
    found = [c["key"] for c in json.loads(out)["correspondences"]]
    assert found == ["4.3.3", "9.3.2.1", "10.1.1.4"]  # read from crosswalk.csv by hand
    with (CORPUS_DIR / "profiles" / "crosswalk.csv").open(encoding="utf-8-sig") as handle:
        from_csv = [r["bj_ipm"] for r in csv.DictReader(handle) if r["gbt29490_2013"] == "7.5"]
    assert found == from_csv


def test_a_number_bj_ipm_prints_twice_shows_both_clauses(capsys):
    code, out, _ = cli(capsys, "crosswalk", "6.2.3", "--from", "bj-ipm", "--to", "2013")
    assert code == 0
    assert "6.2.3 出现了2次" in out
    assert "其他知识产权类别的管理制度" in out and "企业应建立保密管理制度" in out
    assert "→ GB/T 29490—2013 7.6「保密」" in out


def test_a_clause_inside_a_row_clause_is_answered_from_it(capsys):
    code, out, _ = cli(capsys, "crosswalk", "13.5.2.1", "--from", "bj-ipm", "--to", "2023",
                       "--lang", "en")
    assert code == 0
    assert "does not name 13.5.2.1 itself" in out
    assert '→ GB/T 29490—2023 10.2 "Nonconformity and corrective action"' in out


def test_a_new_2023_clause_has_no_2013_counterpart(capsys):
    code, out, _ = cli(capsys, "crosswalk", "附录B", "--from", "GB/T 29490-2023", "--to", "2013")
    assert code == 0
    assert "→ GB/T 29490—2013：无对应条款（2023版新增）" in out


@pytest.mark.parametrize("args, says", [
    (["4.3.3", "--from", "gbt29490-2019"], "unknown standard 'gbt29490-2019'"),
    (["4.3.3", "--from", "29490"], "say which edition of GB/T 29490"),
    (["8.3.2", "--from", "2023"], "GB/T 29490—2023 has no clause 8.3.2"),
    (["9.9.9", "--from", "bj-ipm"], "has no clause 9.9.9"),
    (["3.1", "--from", "bj-ipm"], "no row of the crosswalk names bj-ipm 3.1"),  # a term
    (["3.1", "--from", "2013"], "no row of the crosswalk names GB/T 29490—2013 3.1"),
    (["4.3.3", "--from", "bj-ipm", "--to", "bj-ipm"], "name the same standard"),
    (["条款", "--from", "bj-ipm"], "is not a clause number"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, args, says):
    code, out, err = cli(capsys, "crosswalk", *args)
    assert code == 2 and out == ""
    assert err.startswith("ipms: error: ") and says in err
    assert err.count("\n") == 1


def test_a_licensed_copy_is_quoted_instead_of_the_summary(corpus):
    """Once a company imports its licensed text under the profile (`corpus add --profile`), the
    crosswalk quotes that text by number and no longer shows our summary."""
    from assistant.corpus.store import Corpus, parse_document
    from assistant.models import DocumentMeta
    from assistant.standards.crosswalk_view import crosswalk_view

    # a stand-in text of our own (the standard's wording may not be in the repository)
    text = "\n".join([
        "1 范围", "本文件规定了企业知识产权合规管理体系的要求。", "2 规范性引用文件", "无。",
        "3 术语和定义", "无。", "4 组织环境", "4.1 理解企业及其环境", "企业应确定内外部因素。",
        "5 领导作用", "5.1 领导作用和承诺", "最高管理者应证实领导作用。", "6 策划", "6.1 通则",
        "企业应策划。", "7 支持", "7.1 资源", "企业应提供资源。", "8 运行", "8.1 通则",
        "企业应策划运行过程。", "8.2 基础管理", "企业应管理知识产权的获取、维护、运用和保护。",
        "8.3 经营管理", "企业应在经营各环节管理知识产权。"]) + "\n"
    meta = DocumentMeta(id="licensed", title_zh="企业知识产权合规管理体系 要求", title_en="",
                        kind="standard", language="zh", issuer="", date="", source="",
                        file="licensed.txt", structure="clauses", profile="gbt29490-2023")
    documents = dict(corpus.documents, licensed=parse_document(meta, text))
    view = crosswalk_view(Corpus(documents, corpus.glossary), "4.3.3", "bj-ipm", "2023")
    [target] = [c.target for c in view.correspondences]
    assert target.quote == "企业应管理知识产权的获取、维护、运用和保护。"
    assert target.citation == "[licensed 8.2]"
    assert target.summary is None
    assert "摘要" not in view.text


def test_no_counterpart_is_said_once(capsys):
    # crosswalk.csv: GB/T 29490-2023 4.5 (compliance obligations) has no bj-ipm clause
    code, out, _ = cli(capsys, "crosswalk", "4.5", "--from", "2023", "--to", "bj-ipm")
    assert code == 0
    assert "：无对应条款\n" in out and "无对应条款（无对应条款）" not in out
