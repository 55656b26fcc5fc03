"""`ipms corpus add` reports what it found, refuses a clause tree that looks broken (unless
--accept-defects), `--dry-run` changes nothing, the cover's metadata reaches the manifest, and bad
input leaves every file under IPMS_HOME (corpus and index) as it was.

Inputs are the sample standard (tests/data/sample_standard, its README gives the tree a reader
sees), the Word and PDF forms the other tests build from it, the shipped documents and the shared
cases; damaged inputs are made here from the sample by hand, each with the damage a reader sees.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from assistant.errors import IpmsError
from helpers import CORPUS_DIR, PROJECT_ROOT, make_settings
from test_corpus_add import make_scanned_pdf
from test_import_safety import ZH_TEXT

SAMPLE = PROJECT_ROOT / "tests" / "data" / "sample_standard"
STANDARD = (SAMPLE / "standard.txt").read_text(encoding="utf-8")
CASES = PROJECT_ROOT.parent / "shared" / "cases"
TITLE = "中小企业知识产权管理工作指引（示例）"
# The sample's clause tree as its README lists it.
NUMBERS = ["1", "2", "3", "3.1", "3.2", "4", "4.1", "4.2", "4.2.1", "4.2.2", "4.3", "5", "5.1",
           "5.2", "5.2.1", "5.2.2", "5.3", "6", "6.1", "6.1.1", "6.1.2", "6.2", "6.2.1", "6.2.2",
           "6.3", "A", "A.1", "A.2", "A.2.1", "A.2.2"]
# Its cover, with a 代替 line added under the number.
COVER = {"number": "DB11/T 0000—2024", "replaces": "DB11/T 0000—2015", "issued": "2024-01-15",
         "effective": "2024-04-01"}
WITH_REPLACES = STANDARD.replace("DB11/T 0000—2024\n", "DB11/T 0000—2024\n代替 DB11/T 0000—2015\n")


def dry_run(settings, path: Path, kind: str = "standard", doc_id: str = "sample"):
    """The import report of `path` (nothing is written); IpmsError when it would be refused."""
    from assistant.corpus.build import add_user_document

    reports = []
    add_user_document(settings, path, doc_id, TITLE, kind=kind, dry_run=True,
                      on_report=reports.append)
    return reports[0]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def home_files(home: Path) -> dict[str, str]:
    """Every file under IPMS_HOME with the hash of its bytes."""
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file()}


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """`ipms ARGS` in this process (IPMS_HOME as the test set it)."""
    from assistant.cli import main

    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- the sample standard in every form imports, and the report counts what the page shows ------
def _docx_forms(folder: Path) -> dict[str, Path]:
    from docx_builders import build_auto, build_typed, source_paragraphs
    from test_docx_import import STANDARD_LISTS, STANDARD_RULES, WRAPPED, _heading_level

    paragraphs = source_paragraphs([line for line in STANDARD.split("\n") if line], WRAPPED)
    return {"typed.docx": build_typed(folder / "typed.docx", paragraphs, _heading_level),
            "auto.docx": build_auto(folder / "auto.docx", paragraphs, STANDARD_LISTS,
                                    STANDARD_RULES, (r"[A-Z]\.\d+(?:\.\d+)* .+", 2))}


def _pdf_forms(folder: Path) -> dict[str, Path]:
    from test_pdf_import import _sample_pdfs

    out = {}
    for form, result in _sample_pdfs().items():
        out[form] = folder / f"{form.replace(' ', '-')}.pdf"
        out[form].write_bytes(result.pdf)
    return out


def test_every_form_of_the_sample_standard_is_added_with_its_tree(settings, tmp_path):
    forms = {"standard.txt": write(tmp_path / "standard.txt", STANDARD),
             "gbk.txt": write(tmp_path / "gbk.txt", STANDARD, "gbk"),
             "utf16.txt": write(tmp_path / "utf16.txt", STANDARD, "utf-16"),
             **_docx_forms(tmp_path), **_pdf_forms(tmp_path)}
    per_level = [sum(1 for n in NUMBERS if n.count(".") + 1 == level) for level in (1, 2, 3)]
    for form, path in forms.items():
        report = dry_run(settings, path)
        assert not report.findings, (form, report.findings)
        assert report.structure == "clauses"
        assert list(report.per_level) == per_level, form
        assert (report.chapters, report.annexes) == (6, 1), form
        numbered = [line.split()[0] for line in report.tree_lines()
                    if re.match(r"\s*(\d|[A-Z]\.)", line)]
        assert numbered == [n for n in NUMBERS if n != "A"], form


def test_the_report_of_a_typeset_pdf_counts_furniture_rejoined_lines_and_tables(settings,
                                                                               tmp_path):
    from pdf_builders import split_sample
    from test_pdf_import import _sample_pdfs

    result = _sample_pdfs()["typeset"]  # cover, contents page, header and footer on body pages
    _, contents, body = split_sample(STANDARD)
    lines_of: dict[int, int] = {}
    for index, _page in result.placed:
        lines_of[index] = lines_of.get(index, 0) + 1
    body_pages = len({page for _, page in result.placed})
    # Furniture: the contents page's header, footer (Ⅰ) and lines; a header and a footer on each
    # body page. Rejoined: every wrapped line, and the README's line that continues the one
    # before it ("5.2 与 6.1.1 规定的记录…").
    furniture = 2 + len(contents) + 2 * body_pages
    rejoined = sum(n - 1 for n in lines_of.values()) + 1
    path = tmp_path / "sample.pdf"
    path.write_bytes(result.pdf)
    report = dry_run(settings, path)
    assert (report.counts.format, report.counts.furniture_lines, report.counts.lines_rejoined) == (
        "pdf", furniture, rejoined)
    tables = [line for line in body if line.startswith("表")]  # 表1 in 5.2.2, 表A.1 in A.2.1
    assert (report.counts.tables, report.tables_in_clauses) == (len(tables), len(tables))
    printed = "\n".join(report.lines())
    assert f"furniture lines removed: {furniture}; lines rejoined: {rejoined}" in printed


@pytest.mark.parametrize("name,kind", [("rules.txt", "standard"), ("notice.txt", "notice"),
                                       ("notice.txt", "standard")])
def test_the_sample_rules_and_notice_are_not_refused(settings, name, kind):
    report = dry_run(settings, SAMPLE / name, kind)
    assert report.structure == "sections" and not report.findings
    if name == "rules.txt":  # 第一章 … 第四章 holding 第一条 … 第十条
        assert (report.chapters, report.per_level) == (4, (4, 10))


@pytest.mark.parametrize("entry", json.loads((CORPUS_DIR / "manifest.json").read_text(
    encoding="utf-8"))["documents"], ids=lambda e: e["id"])
def test_every_shipped_document_would_be_added(settings, entry):
    report = dry_run(settings, CORPUS_DIR / entry["file"], entry["kind"])
    assert not report.findings, report.findings


@pytest.mark.skipif(not CASES.is_dir(), reason="../shared/cases is not beside the project")
@pytest.mark.parametrize("case,kind", [
    ("01-docx-auto-numbered-headings/auto-numbered.docx", "standard"),
    ("02-docx-table-inside-clause/table-in-clause.docx", "standard"),
    ("03-pdf-running-header-footer/std-with-header.pdf", "standard"),
    ("03-pdf-running-header-footer/std-with-header-3pages.pdf", "standard"),
    ("04-pdf-wrapped-line-starts-with-number/wrapped.pdf", "standard"),
    ("04-pdf-wrapped-line-starts-with-number/wrapped-years.pdf", "standard"),
    ("07-notice-cn-list-numbering/notice.txt", "notice")])
def test_the_shared_cases_are_not_refused(settings, case, kind):
    assert not dry_run(settings, CASES / case, kind).findings


# -- a tree that looks broken is refused -------------------------------------------------------
def _numbers_lost(text: str) -> str:
    """The body's headings without their numbers (as a reader that drops Word's automatic
    numbers leaves them); the 目次 still lists them."""
    contents_end = text.index("\n前言\n")
    body = re.sub(r"(?m)^\d+(?:\.\d+)* (\S{1,12})$", r"\1", text[contents_end:])
    return text[:contents_end] + body


def _moved(text: str, first: str, before: str, lines: int) -> str:
    """`lines` lines starting at `first` moved in front of the line `before`."""
    rows = text.split("\n")
    start = rows.index(first)
    block, rest = rows[start:start + lines], rows[:start] + rows[start + lines:]
    at = rest.index(before)
    return "\n".join(rest[:at] + block + rest[at:])


def _chapter_moved(text: str) -> str:
    rows = text.split("\n")
    return _moved(text, "3 术语和定义", "5 制度与记录",
                  rows.index("4 组织与职责") - rows.index("3 术语和定义"))


def _one_clause(text: str) -> str:
    """Chapters 1-3 as printed, then every later body line under chapter 4's heading."""
    rows = [r for r in text.split("\n") if r]
    start = rows.index("4 组织与职责")
    body = [r for r in rows[start + 1:] if not re.match(r"^(\d+(\.\d+)*|[A-Z]\.\d|附录)", r)]
    front = rows[rows.index("1 范围"):start]
    return "\n".join(front + ["4 组织与职责"] + body)


def _excerpt(text: str) -> str:
    """Chapters 4 to 6 of the sample without its front matter: numbered headings, none of them
    where a standard starts (1 范围)."""
    rows = text.split("\n")
    return "\n".join(rows[rows.index("4 组织与职责"):rows.index("附录A（规范性）")])


def _contents_docx(folder: Path) -> Path:
    """A Word file whose contents lists numbered headings the body prints without numbers."""
    from docx_builders import DocxBuilder

    b = DocxBuilder()
    b.derived_style("toc 1", "Normal")
    b.para("目次", "TOC Heading")
    for entry in ("1 范围 1", "2 规范性引用文件 1", "3 术语和定义 1", "4 组织与职责 2"):
        b.para(entry, "toc 1")
    for heading, sentence in (("范围", "本文件给出了知识产权管理工作的指引。"),
                              ("规范性引用文件", "本文件没有规范性引用文件。"),
                              ("术语和定义", "本文件没有需要界定的术语和定义。"),
                              ("组织与职责", "企业应明确一名负责人统筹知识产权工作。")):
        b.para(heading, "Heading 1")
        b.para(sentence)
    return b.save(folder / "contents.docx")


DAMAGED = {
    "contents lists lost headings (.txt)": (lambda folder: write(
        folder / "lost.txt", _numbers_lost(STANDARD)), "contents", "lists 1, 2, 3, 4, 5"),
    "contents lists lost headings (.docx)": (_contents_docx, "contents", "lists 1, 2, 3, 4,"),
    "subclauses out of order": (lambda folder: write(folder / "order.txt", _moved(
        STANDARD, "5.3 变更", "5.1 管理制度", 2)), "order", "5.1 after 5.3"),
    "a chapter out of order": (lambda folder: write(
        folder / "chapter.txt", _chapter_moved(STANDARD)), "demoted", "3 术语和定义"),
    "everything in one clause": (lambda folder: write(
        folder / "one.txt", _one_clause(STANDARD)), "one clause", "4 holds"),
    "an excerpt read without numbers": (lambda folder: write(
        folder / "excerpt.txt", _excerpt(STANDARD)), "unnumbered", "4, 4.1, 4.2"),
}


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_broken_tree_is_refused_in_one_line_unless_accepted(settings, tmp_path, damage):
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    make, kind, words = DAMAGED[damage]
    path = make(tmp_path)
    with pytest.raises(IpmsError) as refused:
        add_user_document(settings, path, "damaged", TITLE)
    message = str(refused.value)
    assert "\n" not in message and words in message and "--accept-defects" in message, message
    assert not settings.user_corpus_dir.exists() or not any(settings.user_corpus_dir.iterdir())
    add_user_document(settings, path, "damaged", TITLE, accept_defects=True)
    assert "damaged" in Corpus.load(settings).documents


# -- --dry-run, the printed report, corpus list and check --------------------------------------
def test_dry_run_prints_the_tree_and_report_and_changes_nothing(capsys, tmp_path):
    from assistant.retrieval.retriever import Retriever
    from assistant.corpus.store import Corpus

    settings = make_settings(tmp_path)
    Retriever(settings, Corpus.load(settings)).build()
    path = write(tmp_path / "standard.txt", STANDARD)
    assert cli(capsys, "corpus", "add", str(path), "--id", "first", "--title", TITLE)[0] == 0
    before = home_files(tmp_path)
    code, out, err = cli(capsys, "corpus", "add", str(path), "--id", "second", "--title", TITLE,
                         "--dry-run")
    assert code == 0, err
    assert home_files(tmp_path) == before
    rows = out.split("\n")
    for heading in ("1 范围", "  3.1 知识产权台账", "    4.2.1 指定", "  A.2 台账栏目"):
        assert heading in rows, heading
    assert rows.index("1 范围") < rows.index("  3.1 知识产权台账") < rows.index("    4.2.1 指定")
    assert "furniture lines removed: 9" in out  # the 目次 title and its eight entries
    code, out, err = cli(capsys, "corpus", "list")
    assert "second" not in out and "[DB11/T 0000—2024]" in out


def test_the_cover_goes_to_the_manifest_from_every_format(settings, tmp_path):
    from docx_builders import build_typed, source_paragraphs
    from pdf_builders import Layout, split_sample, typeset
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    cover, contents, body = split_sample(WITH_REPLACES)
    pdf = tmp_path / "sample.pdf"
    pdf.write_bytes(typeset(body, Layout(lines_per_page=18), cover=cover, contents=contents).pdf)
    forms = {"txt": write(tmp_path / "sample.txt", WITH_REPLACES),
             "docx": build_typed(tmp_path / "sample.docx", source_paragraphs(
                 [line for line in WITH_REPLACES.split("\n") if line])),
             "pdf": pdf}
    for form, path in forms.items():
        add_user_document(settings, path, f"cover-{form}", TITLE)
    documents = Corpus.load(settings).documents
    for form in forms:
        meta = documents[f"cover-{form}"].meta
        got = {k: getattr(meta, k) for k in COVER}
        assert got == COVER, form


def test_a_number_quoted_in_the_foreword_is_not_the_documents(settings, tmp_path):
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    # A cover without the number line; the 前言 after it cites GB/T 1.1—2020.
    text = WITH_REPLACES.replace("DB11/T 0000—2024\n", "", 1)
    add_user_document(settings, write(tmp_path / "s.txt", text), "bare", TITLE)
    meta = Corpus.load(settings).get("bare").meta
    assert (meta.number, meta.replaces, meta.issued, meta.effective) == (
        "", COVER["replaces"], COVER["issued"], COVER["effective"])


def test_corpus_check_covers_every_document(capsys, tmp_path):
    from assistant.corpus.build import add_user_document

    settings = make_settings(tmp_path)
    add_user_document(settings, write(tmp_path / "n.txt", (SAMPLE / "notice.txt").read_text(
        encoding="utf-8")), "my-notice", TITLE, kind="notice")
    add_user_document(settings, write(tmp_path / "order.txt", _moved(
        STANDARD, "5.3 变更", "5.1 管理制度", 2)), "my-order", TITLE, accept_defects=True)
    ids = [e["id"] for e in json.loads((CORPUS_DIR / "manifest.json").read_text(
        encoding="utf-8"))["documents"]] + ["my-notice", "my-order"]
    code, out, err = cli(capsys, "corpus", "check")
    assert code == 0, err
    headers = [line.split()[0] for line in out.split("\n") if line and not line.startswith(" ")]
    assert headers == ids
    code, out, err = cli(capsys, "corpus", "check", "--doc", "my-order")
    assert code == 0 and "looks broken: numbers out of order: 5.1 after 5.3" in out
    for doc in ("my-notice", "iso56005-pilot"):
        code, out, err = cli(capsys, "corpus", "check", "--doc", doc)
        assert code == 0 and "read by sections" in out and "0 defects" in out, out


# -- bad input: one line, exit 2, every file under IPMS_HOME as it was --------------------------
@pytest.fixture(scope="module")
def built_home(tmp_path_factory) -> Path:
    """A home with a built index and one user document (id `mine`), shared by the bad inputs:
    none of them may change it."""
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus
    from assistant.retrieval.retriever import Retriever

    home = tmp_path_factory.mktemp("built-home")
    settings = make_settings(home)
    source = home.parent / "mine.txt"
    source.write_text(ZH_TEXT, encoding="utf-8")
    add_user_document(settings, source, "mine", TITLE)
    Retriever(settings, Corpus.load(settings)).build()
    return home


def _encrypted_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(72, 800, "1 Scope")
    pdf.save()


def _text_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for i, line in enumerate(["1 Scope", "1.1 General", "1.2 Terms", "2 Rules", "2.1 Records"]):
        pdf.drawString(72, 800 - 20 * i, line)
    pdf.save()


def _truncated_pdf(path: Path) -> None:
    _text_pdf(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD = {
    "empty": ("empty.txt", lambda p: p.write_bytes(b""), ()),
    "image-only pdf": ("scan.pdf", make_scanned_pdf, ()),
    "encrypted pdf": ("locked.pdf", _encrypted_pdf, ()),
    "corrupt pdf": ("corrupt.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8),
                    ()),
    "truncated pdf": ("cut.pdf", _truncated_pdf, ()),
    "docx that is not a zip": ("bad.docx", lambda p: p.write_bytes(bytes(range(256)) * 16), ()),
    "over the size limit": ("big.txt", lambda p: p.write_text(ZH_TEXT * 40, encoding="utf-8"),
                            ("IPMS_MAX_IMPORT_MB", "0.001")),
    "id with a slash": ("ok.txt", lambda p: p.write_text(ZH_TEXT, encoding="utf-8"), ("id", "a/b")),
    "id climbing out": ("ok.txt", lambda p: p.write_text(ZH_TEXT, encoding="utf-8"),
                        ("id", "../mine")),
    "existing id": ("ok.txt", lambda p: p.write_text(ZH_TEXT, encoding="utf-8"), ("id", "mine")),
    "a broken tree": ("order.txt", lambda p: write(p, _moved(STANDARD, "5.3 变更", "5.1 管理制度",
                                                             2)), ()),
}


@pytest.mark.parametrize("bad", BAD)
def test_bad_input_is_one_line_and_changes_no_file_under_home(capsys, monkeypatch, tmp_path,
                                                                built_home, bad):
    name, make, option = BAD[bad]
    monkeypatch.setenv("IPMS_HOME", str(built_home))
    doc_id = option[1] if option and option[0] == "id" else "new-doc"
    if option and option[0] != "id":
        monkeypatch.setenv(*option)
    path = tmp_path / name
    make(path)
    before = home_files(built_home)
    code, out, err = cli(capsys, "corpus", "add", str(path), "--id", doc_id, "--title", TITLE)
    assert code == 2 and len(err.strip().split("\n")) == 1 and err.startswith("ipms: error:"), err
    assert home_files(built_home) == before
