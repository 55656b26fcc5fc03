"""Hostile and unusual files through `corpus add` (issue 13): bounded work, encodings told from
the bytes, a file's type told from its bytes, no silent replacement, a manifest changed under a
lock and never left half-written.

Expected texts are the ones the tests write; every refusal must leave the user corpus as it was.
"""
from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from assistant.errors import IpmsError
from helpers import make_settings
from test_corpus_add import EN_LINES, ZH_LINES, make_docx, make_pdf, snapshot

ZH_TEXT = "\n".join(ZH_LINES) + "\n"
EN_TEXT = "\n".join(EN_LINES) + "\n"
# The same standard in traditional characters (Big5 has no simplified ones).
TW_TEXT = ("企業知識產權管理規範\n1 範圍\n本標準規定了企業知識產權管理的要求。\n1.1 適用對象\n"
           "本標準適用於各類企業。\n1.2 基本原則\n企業應當遵守誠信原則，建立知識產權台帳。\n")
LATIN_TEXT = EN_TEXT.replace("Widget IP", "Café Widget IP").replace("every year", "every année")


def add(settings, path: Path, doc_id: str = "user-doc", title: str = "测试标准", **options):
    from assistant.corpus.build import add_user_document

    return add_user_document(settings, path, doc_id, title, **options)


def stored_text(settings, doc_id: str = "user-doc") -> str:
    from assistant.corpus.store import Corpus

    return Corpus.load(settings).get(doc_id).text


def non_blank(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    return folder


def refused(settings, path: Path, *words: str, **options) -> str:
    """Add `path`, expect a one-line IpmsError containing every word, and no change on disk."""
    before = snapshot(settings.user_corpus_dir)
    with pytest.raises(IpmsError) as caught:
        add(settings, path, **options)
    message = str(caught.value)
    assert "\n" not in message
    for word in words:
        assert word.lower() in message.lower(), message
    assert snapshot(settings.user_corpus_dir) == before
    return message


# -- bounded work --------------------------------------------------------------------------------
def test_a_file_over_the_import_limit_is_refused(tmp_path, inputs):
    settings = make_settings(tmp_path, max_import_mb=0.01)  # 10 kB
    big = write(inputs / "big.txt", (ZH_TEXT * 200).encode("utf-8"))
    refused(settings, big, "import limit", "IPMS_MAX_IMPORT_MB")


def test_the_limit_applies_to_the_text_inside_a_docx(tmp_path, inputs):
    import docx

    document = docx.Document()
    for line in ZH_LINES * 10:  # 100 kB of text in a file of a few kB
        document.add_paragraph(line * 30)
    path = inputs / "long.docx"
    document.save(str(path))
    assert path.stat().st_size < 50_000
    refused(make_settings(tmp_path, max_import_mb=0.05), path, "text read from it", "limit")


def test_the_import_limit_is_read_from_the_environment(run_cli, inputs):
    source = write(inputs / "standard.txt", (ZH_TEXT * 20).encode("utf-8"))  # about 5 kB
    code, out, err = run_cli("corpus", "add", str(source), "--id", "small", "--title", "标准",
                             extra_env={"IPMS_MAX_IMPORT_MB": "0.001"})
    assert code == 2 and len(err.strip().splitlines()) == 1 and "IPMS_MAX_IMPORT_MB" in err, err
    code, out, err = run_cli("corpus", "add", str(source), "--id", "small", "--title", "标准",
                             extra_env={"IPMS_MAX_IMPORT_MB": "1"})
    assert code == 0, err


def _numbered_standard(clauses: int) -> str:
    lines = []
    for i in range(clauses):
        chapter, clause = 1 + i // 900, 1 + i % 900
        if clause == 1:
            lines.append(f"{chapter} 第{chapter}章")
        lines += [f"{chapter}.{clause} 管理{i}", f"企业应当记录第{i}项知识产权。"]
    return "\n".join(lines) + "\n"


def test_a_standard_with_forty_thousand_clauses_parses_in_seconds():
    from assistant.corpus.standard_parser import parse_standard

    text = _numbered_standard(40_000)
    start = time.perf_counter()
    parsed = parse_standard("big", text, "大标准")
    assert time.perf_counter() - start < 20  # quadratic code takes minutes
    assert sum(1 for c in parsed.clauses.values() if c.kind == "clause") == 40_000


def test_a_guide_with_forty_thousand_sections_parses_in_seconds():
    from assistant.corpus.section_parser import parse_sections

    text = "\n".join(f"（{'一二三四五六七八九十'[i % 10]}）企业应当建立第{i}项台账。"
                     for i in range(40_000)) + "\n"
    start = time.perf_counter()
    parsed = parse_sections("big", text, "zh")
    assert time.perf_counter() - start < 20
    assert len(parsed.clauses) == 40_000


def test_a_number_printed_three_times_in_a_row_keeps_every_line():
    from assistant.corpus.standard_parser import parse_standard

    text = "1 范围\n1.1 甲\n第一段。\n1.1 乙\n第二段。\n1.1 丙\n第三段。\n1.2 丁\n第四段。\n"
    parsed = parse_standard("x", text, "标准")
    assert [c.key for c in parsed.clauses.values()] == ["1", "1.1", "1.1#2", "1.1#3", "1.2"]
    lines = [n for c in parsed.clauses.values() for n in c.line_numbers]
    assert sorted(lines) == list(range(1, 10))


# -- encodings -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,encoding", [
    (TW_TEXT, "big5"), (ZH_TEXT, "utf-16-le"), (ZH_TEXT, "utf-16-be"), (ZH_TEXT, "utf-16"),
    (ZH_TEXT, "utf-32"), (EN_TEXT, "utf-16-le"), (LATIN_TEXT, "latin-1"),
], ids=["big5", "utf16le-no-bom", "utf16be-no-bom", "utf16-bom", "utf32-bom", "english-utf16le",
        "latin1"])
def test_text_in_other_encodings_is_read_as_written(settings, inputs, text, encoding):
    path = write(inputs / "standard.txt", text.encode(encoding))
    add(settings, path)
    assert non_blank(stored_text(settings)) == non_blank(text)


def test_gbk_gb18030_and_big5_are_told_apart(settings, inputs):
    rare = ZH_TEXT.replace("诚信原则", "诚信原则𠀀")  # a character only GB18030 encodes
    cases = [("gbk", ZH_TEXT, "gbk"), ("gb18030", rare, "gb18030"), ("big5", TW_TEXT, "big5")]
    for doc_id, text, encoding in cases:
        add(settings, write(inputs / f"{doc_id}.txt", text.encode(encoding)), doc_id=doc_id)
    for doc_id, text, _ in cases:
        assert non_blank(stored_text(settings, doc_id)) == non_blank(text), doc_id


@pytest.mark.parametrize("data,words", [
    (ZH_TEXT.encode("utf-8") + b"\x00\x00\x00" + ZH_TEXT.encode("utf-8"), ["binary"]),
    (bytes(range(256)) * 40, ["binary"]),
    (b"\x89PNG\r\n\x1a\n" + bytes(2000), ["PNG image"]),
    (b"\x7fELF\x02\x01\x01" + bytes(2000), ["program"]),
    (ZH_TEXT.encode("utf-8")[:30] + "\ud800".encode("utf-8", "surrogatepass")
     + ZH_TEXT.encode("utf-8")[30:], ["not readable text", "UTF-8"]),
    (ZH_TEXT.encode("utf-8") + ZH_TEXT.encode("gbk"), ["not readable text"]),
    (("1 Scope\n" + "\x01\x02\x03\x04 junk\n" * 50).encode("ascii"), ["binary"]),
], ids=["nul-bytes", "every-byte", "png", "elf", "lone-surrogate", "utf8-and-gbk-mixed",
        "control-characters"])
def test_what_is_not_text_says_so(settings, inputs, data, words):
    refused(settings, write(inputs / "standard.txt", data), *words)


# -- a file is what its bytes say ----------------------------------------------------------------
def test_a_pdf_named_txt_is_read_as_a_pdf(settings, inputs):
    make_pdf(inputs / "real.pdf")
    renamed = write(inputs / "standard.txt", (inputs / "real.pdf").read_bytes())
    add(settings, renamed)
    text = stored_text(settings)
    assert "%PDF" not in text
    assert "Enterprises shall keep a register of widget patents and licences." in text


def test_a_docx_named_pdf_and_text_named_docx_are_read_as_what_they_are(settings, inputs):
    make_docx(inputs / "real.docx")
    add(settings, write(inputs / "standard.pdf", (inputs / "real.docx").read_bytes()),
        doc_id="was-docx")
    add(settings, write(inputs / "standard.docx", ZH_TEXT.encode("gbk")), doc_id="was-text")
    assert non_blank(stored_text(settings, "was-docx")) == ZH_LINES
    assert non_blank(stored_text(settings, "was-text")) == ZH_LINES


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_spreadsheet_named_docx_is_named_for_what_it_is(settings, inputs):
    workbook = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    refused(settings, write(inputs / "standard.docx", workbook), "Excel workbook")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, inputs):
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 30_000_000})
    assert len(bomb) < 100_000
    settings = make_settings(tmp_path, max_import_mb=0.1)  # unpacked at most 20 MB
    refused(settings, write(inputs / "bomb.docx", bomb), "zip bomb")


def test_a_truncated_pdf_is_refused(settings, inputs):
    make_pdf(inputs / "real.pdf")
    data = (inputs / "real.pdf").read_bytes()
    refused(settings, write(inputs / "cut.pdf", data[: len(data) // 2]), "truncated")


def test_a_password_protected_pdf_is_refused(settings, inputs):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    path = inputs / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret")
    for i, line in enumerate(EN_LINES):
        pdf.drawString(72, 800 - 20 * i, line)
    pdf.save()
    refused(settings, path, "password")


# -- ids, replacement and the manifest -----------------------------------------------------------
def test_an_existing_id_is_refused_unless_replace(settings, inputs):
    first = write(inputs / "first.txt", ZH_TEXT.encode("utf-8"))
    second = write(inputs / "second.txt", EN_TEXT.encode("utf-8"))
    add(settings, first)
    refused(settings, second, "already", "--replace")
    assert non_blank(stored_text(settings)) == ZH_LINES
    add(settings, second, replace=True)
    assert non_blank(stored_text(settings)) == EN_LINES
    texts = [p for p in settings.user_corpus_dir.iterdir() if p.suffix == ".txt"]
    assert len(texts) == 1  # the replaced text is gone


def test_replace_from_the_command_line(run_cli, inputs):
    source = write(inputs / "standard.txt", ZH_TEXT.encode("utf-8"))
    assert run_cli("corpus", "add", str(source), "--id", "mine", "--title", "标准")[0] == 0
    code, out, err = run_cli("corpus", "add", str(source), "--id", "mine", "--title", "标准")
    assert code == 2 and "--replace" in err and len(err.strip().splitlines()) == 1, err
    code, out, err = run_cli("corpus", "add", str(source), "--id", "mine", "--title", "新标准",
                             "--replace")
    assert code == 0, err


def _cli(home: Path, *args: str, file_size_limit: int | None = None,
         wait: bool = True) -> subprocess.Popen | subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
    env.update({"IPMS_HOME": str(home), "IPMS_EMBEDDING_MODEL": "hashing", "HF_HUB_OFFLINE": "1",
                "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"})

    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    command = [sys.executable, "-m", "assistant.cli", *args]
    if not wait:
        return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                          preexec_fn=limit)


def test_a_failed_manifest_write_leaves_no_orphan(tmp_path, inputs):
    """The manifest is larger than the new document; a file-size limit between the two sizes
    lets the document be written and makes the manifest write fail."""
    home = tmp_path / "home"
    first = write(inputs / "first.txt", EN_TEXT.encode("utf-8"))
    assert _cli(home, "corpus", "add", str(first), "--id", "first", "--title",
                "Long title " * 400).returncode == 0
    user_corpus = home / "corpus"
    before = snapshot(user_corpus)
    assert len(before["manifest.json"]) > 4000 > len(ZH_TEXT.encode("utf-8"))
    second = write(inputs / "second.txt", ZH_TEXT.encode("utf-8"))
    result = _cli(home, "corpus", "add", str(second), "--id", "second", "--title", "标准",
                  file_size_limit=4000)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert snapshot(user_corpus) == before


def test_an_add_waits_for_the_corpus_lock(tmp_path, inputs):
    from filelock import FileLock

    home = tmp_path / "home"
    (home / "corpus").mkdir(parents=True)
    source = write(inputs / "standard.txt", ZH_TEXT.encode("utf-8"))
    lock = FileLock(str(home / "corpus" / ".corpus.lock"))
    with lock:
        process = _cli(home, "corpus", "add", str(source), "--id", "waits", "--title", "标准",
                       wait=False)
        time.sleep(6)  # far longer than an add of ten lines takes
        assert process.poll() is None, process.communicate()
        assert not (home / "corpus" / "manifest.json").exists()
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "waits" in (home / "corpus" / "manifest.json").read_text(encoding="utf-8")


def test_what_a_killed_add_left_behind_is_removed_at_the_next_change(settings, inputs):
    user_corpus = settings.user_corpus_dir
    add(settings, write(inputs / "first.txt", ZH_TEXT.encode("utf-8")), doc_id="first")
    strays = [user_corpus / ".ipms-second.txt.x1y2.tmp", user_corpus / "ghost.0123456789ab.txt",
              user_corpus / "ghost.txt"]
    for stray in strays:
        stray.write_text("half-written", encoding="utf-8")
    add(settings, write(inputs / "second.txt", EN_TEXT.encode("utf-8")), doc_id="second")
    assert not [p.name for p in strays if p.exists()]
    assert non_blank(stored_text(settings, "first")) == ZH_LINES


def test_a_corpus_folder_that_is_a_file_is_one_line(run_cli, tmp_path, inputs):
    (tmp_path / "corpus").write_text("not a folder", encoding="utf-8")
    source = write(inputs / "standard.txt", ZH_TEXT.encode("utf-8"))
    code, out, err = run_cli("corpus", "add", str(source), "--id", "mine", "--title", "标准")
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "internal error" not in err and "corpus" in err
