"""`ipms corpus add`: a user's standard in .txt, .md, .docx or .pdf joins the corpus; a file that
cannot be read fails with one line and leaves the user corpus exactly as it was."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

ZH_LINES = ["测试企业知识产权管理规范", "1 范围", "本标准规定了测试企业知识产权管理的要求。",
            "1.1 适用对象", "本标准适用于各类测试企业。", "1.2 基本原则",
            "企业应当遵守诚信原则，建立知识产权台账。", "2 管理要求", "2.1 总则",
            "企业应当每年开展一次知识产权自查。"]
EN_LINES = ["Widget IP Management Standard", "1 Scope",
            "This standard sets IP management requirements for widget makers.",
            "1.1 Application", "It applies to every widget maker.", "1.2 Principles",
            "Enterprises shall keep a register of widget patents and licences.",
            "2 Requirements", "2.1 General", "Enterprises shall audit the register every year."]
CLAUSE_1_2 = {"zh": ("基本原则", "企业应当遵守诚信原则，建立知识产权台账。"),
              "en": ("Principles", "Enterprises shall keep a register of widget patents and licences.")}


def make_txt(path: Path) -> str:
    path.write_text("\n".join(ZH_LINES) + "\n", encoding="utf-8")
    return "zh"


def make_md(path: Path) -> str:
    out = []
    for line in EN_LINES:
        level = "# " if line == EN_LINES[0] else "## " if line[0].isdigit() else ""
        out += [level + line, ""]
    path.write_text("\n".join(out), encoding="utf-8")
    return "en"


def make_docx(path: Path) -> str:
    import docx

    document = docx.Document()
    for line in ZH_LINES:
        document.add_paragraph(line)
    document.save(str(path))
    return "zh"


def make_pdf(path: Path) -> str:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    y = 800
    for line in EN_LINES:
        pdf.drawString(72, y, line)
        y -= 20
    pdf.save()
    return "en"


def make_scanned_pdf(path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 300, 400, fill=1)  # an image-like page: no text layer
    pdf.save()


def snapshot(directory: Path) -> dict[str, bytes]:
    if not directory.exists():
        return {}
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def listed_ids(run_cli) -> list[str]:
    code, out, err = run_cli("corpus", "list")
    assert code == 0, err
    return [line.split()[0] for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("suffix,maker", [(".txt", make_txt), (".md", make_md),
                                          (".docx", make_docx), (".pdf", make_pdf)])
def test_add_a_document(run_cli, tmp_path, suffix, maker):
    source = tmp_path / "input" / f"standard{suffix}"
    source.parent.mkdir()
    language = maker(source)
    doc_id = f"user-{suffix[1:]}"
    code, out, err = run_cli("corpus", "add", str(source), "--id", doc_id, "--title", "测试标准")
    assert code == 0, err
    assert doc_id in out
    assert doc_id in listed_ids(run_cli)
    assert (tmp_path / "corpus" / "manifest.json").is_file()
    code, out, err = run_cli("clause", "1.2", "--doc", doc_id)
    assert code == 0, err
    title, sentence = CLAUSE_1_2[language]
    assert title in out and sentence in out
    code, out, err = run_cli("clause", "1.9", "--doc", doc_id)
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_added_document_is_searchable_and_removable(run_cli, tmp_path):
    source = tmp_path / "input" / "standard.txt"
    source.parent.mkdir()
    source.write_text("\n".join(EN_LINES) + "\n", encoding="utf-8")
    assert run_cli("corpus", "add", str(source), "--id", "widget", "--title", "Widget")[0] == 0
    code, out, err = run_cli("ask", "register of widget patents", "--doc", "widget", "--json")
    assert code == 0, err
    assert "[widget 1.2]" in json.loads(out)["answer"]
    assert run_cli("corpus", "remove", "widget")[0] == 0
    assert "widget" not in listed_ids(run_cli)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _xlsx(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 not really a workbook")


def _corrupt_docx(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(4096))


def _furniture_only(path: Path) -> None:
    path.write_text("Copyright ©2016 Example Co., Ltd. All rights reserved\n粤ICP备2021174526号\n",
                    encoding="utf-8")


def _missing(path: Path) -> None:
    pass  # never created


@pytest.mark.parametrize("name,maker", [
    ("scan.pdf", make_scanned_pdf), ("empty.txt", _empty), ("table.xlsx", _xlsx),
    ("broken.docx", _corrupt_docx), ("footer.txt", _furniture_only), ("missing.txt", _missing),
], ids=["pdf-without-text", "empty", "unknown-extension", "corrupt-docx", "only-furniture", "missing"])
def test_unreadable_files_fail_cleanly_and_change_nothing(run_cli, tmp_path, name, maker):
    good = tmp_path / "input" / "good.txt"
    good.parent.mkdir()
    make_txt(good)
    assert run_cli("corpus", "add", str(good), "--id", "good-one", "--title", "好标准")[0] == 0
    user_corpus = tmp_path / "corpus"
    before = snapshot(user_corpus)
    assert "manifest.json" in before

    bad = tmp_path / "input" / name
    maker(bad)
    code, out, err = run_cli("corpus", "add", str(bad), "--id", "bad-one", "--title", "坏标准")
    assert code == 2, (code, out, err)
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert snapshot(user_corpus) == before
    assert "bad-one" not in listed_ids(run_cli)


@pytest.mark.parametrize("doc_id,title", [("Bad Id", "标题"), ("bj-ipm", "标题"), ("fine-id", " ")],
                         ids=["invalid-id", "shipped-id", "blank-title"])
def test_bad_id_or_title_is_refused(run_cli, tmp_path, doc_id, title):
    source = tmp_path / "input" / "standard.txt"
    source.parent.mkdir()
    make_txt(source)
    code, out, err = run_cli("corpus", "add", str(source), "--id", doc_id, "--title", title)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert snapshot(tmp_path / "corpus") == {}
