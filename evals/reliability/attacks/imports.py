"""Imports: hostile files through `ipms corpus add` (and `remove`).

Survived when each bad file is refused with one line for the right reason and leaves the data
directory exactly as it was; each good file (any common encoding, a PDF named .txt, a Word file
named .pdf…) is stored with exactly its lines and nothing else left behind; concurrent adds all
land; and the corpus still gives the golden answers afterwards. The refusals all run against one
built data directory, whose golden answers are checked last.
"""
from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path

from evals.reliability.attacks import import_failures as failures
from evals.reliability.attacks import import_files as files
from evals.reliability.attacks.import_checks import (DOC_ID, Data, add, entries, refused_for,
                                                     shared_home, state, stored_as, strays, write)
from evals.reliability.lab import Attack, Lab, Outcome


# -- attack builders -------------------------------------------------------------------------------
def refused(name: str, filename: str, data: Data, reason: str,
            env: dict[str, str] | None = None, doc_id: str = DOC_ID,
            timeout: float = 60) -> Attack:
    """A bad file (or id, or setting) against the shared home: refused for `reason`."""
    def run(lab: Lab) -> Outcome:
        home = shared_home(lab)
        path = write(lab, filename, data)
        before = state(home)
        return refused_for(add(lab, home, path, doc_id=doc_id, env=env, timeout=timeout),
                            reason, home, before)
    return Attack(name, run)


def stored(name: str, filename: str, data: Data, lines: list[str],
           structure: str = "clauses") -> Attack:
    """A good file in an unusual shape: added, with exactly its lines."""
    def run(lab: Lab) -> Outcome:
        home = lab.empty_home()
        result = add(lab, home, write(lab, filename, data))
        if result.code != 0:
            return result.succeeded()
        return stored_as(home, lines, structure=structure)
    return Attack(name, run)


def bounded(name: str, filename: str, data: Data, seconds: float) -> Attack:
    """A pathological but legal file: added or refused cleanly within `seconds`, never a hang."""
    def run(lab: Lab) -> Outcome:
        home = lab.empty_home()
        path = write(lab, filename, data)
        start = time.perf_counter()
        result = add(lab, home, path, timeout=seconds)
        took = f"{time.perf_counter() - start:.1f} s"
        if result.code == 0:
            if not any(e["id"] == DOC_ID for e in entries(home)) or strays(home):
                return Outcome(False, f"exit 0 but the manifest or folder is wrong ({took})")
            return Outcome(True, f"added in {took}")
        outcome = result.refused_cleanly()
        if outcome.survived and (entries(home) or strays(home)):
            return Outcome(False, "refused, but something was written")
        return Outcome(outcome.survived, f"{outcome.detail} ({took})")
    return Attack(name, run)


def _text_of_size(megabytes: float) -> Callable[[], bytes]:
    """A standard-like text of about `megabytes` MB: numbered clauses, each with a sentence."""
    def make() -> bytes:
        chapters = "".join(f"{c}.{i} 管理{i}\n企业应当建立知识产权台账第{c}章第{i}项。\n"
                           for c in range(1, 100) for i in range(1, 200)).encode("utf-8")
        size = int(megabytes * 1_000_000)
        data = chapters * (size // len(chapters) + 1)
        return data[: data.index(b"\n", size) + 1]  # whole lines, just over `size`
    return make


def _sparse(lab: Lab, name: str, size: int) -> Path:
    path = lab.folder("input") / name
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _sparse_file(lab: Lab) -> Outcome:
    home = shared_home(lab)
    path = _sparse(lab, "five-gigabytes.txt", 5 * 1024 ** 3)
    before = state(home)
    return refused_for(add(lab, home, path, timeout=30), "import limit", home, before)


def _not_a_file(kind: str) -> Attack:
    def run(lab: Lab) -> Outcome:
        home = shared_home(lab)
        folder = lab.folder("input")
        if kind == "folder":
            path, reason = folder, "not a file"
        elif kind == "fifo":
            path, reason = folder / "pipe.txt", "not a file"
            os.mkfifo(path)
        elif kind == "device":
            path, reason = Path("/dev/zero"), "not a file"
        else:
            path, reason = folder / "missing.txt", "not found"
        before = state(home)
        return refused_for(add(lab, home, path, timeout=30), reason, home, before)
    return Attack(f"{kind} instead of a file", run)


# -- the list ----------------------------------------------------------------------------------------
def attacks() -> list[Attack]:
    zh = files.text(files.ZH_LINES)
    utf8 = zh.encode("utf-8")
    return [
        # size
        refused("50 MB text file", "huge.txt", _text_of_size(50), "import limit", timeout=30),
        refused("21 MB text file", "big.txt", _text_of_size(21), "import limit", timeout=30),
        Attack("5 GB sparse file", _sparse_file),
        refused("limit lowered to 10 kB", "standard.txt", _text_of_size(0.05),
                "IPMS_MAX_IMPORT_MB", env={"IPMS_MAX_IMPORT_MB": "0.01"}),
        refused("IPMS_MAX_IMPORT_MB=abc", "standard.txt", utf8, "IPMS_MAX_IMPORT_MB",
                env={"IPMS_MAX_IMPORT_MB": "abc"}),
        refused("IPMS_MAX_IMPORT_MB=0", "standard.txt", utf8, "IPMS_MAX_IMPORT_MB",
                env={"IPMS_MAX_IMPORT_MB": "0"}),
        refused("zip bomb (.docx, 250 MB unpacked)", "bomb.docx", lambda: files.zip_bomb(250),
                "zip bomb", timeout=30),
        refused("billion laughs in document.xml", "laughs.docx", files.billion_laughs_docx(),
                "laughs.docx", timeout=30),
        # binary and wrong formats
        refused("random bytes named .txt", "random.txt",
                random.Random(5).randbytes(8192), "binary"),
        refused("NUL bytes inside UTF-8 text", "nul.txt", utf8 + b"\0\0\0" + utf8, "NUL"),
        refused("control characters", "controls.txt",
                ("1 Scope\n" + "\x01\x02\x03\x04\x05 junk\n" * 40).encode(), "binary"),
        refused("PNG named .txt", "scan.txt", files.PNG, "PNG image"),
        refused("JPEG named .docx", "photo.docx", files.JPEG, "JPEG image"),
        refused("program named .md", "tool.md", files.ELF, "program"),
        refused("old .doc named .docx", "old.docx", files.OLE, "old Microsoft Office"),
        refused("spreadsheet named .docx", "sheet.docx", files.xlsx(), "Excel workbook"),
        refused("damaged zip named .docx", "broken.docx", b"PK\x03\x04" + bytes(300),
                "damaged zip"),
        refused("gzip named .pdf", "archive.pdf", files.gzipped(utf8), "gzip"),
        refused("HTML page named .txt", "page.txt", files.HTML, "HTML page"),
        refused("RTF named .txt", "letter.txt", files.RTF, "RTF"),
        # PDFs
        refused("password-protected PDF", "locked.pdf", lambda: files.pdf(files.EN_LINES, "pw"),
                "password"),
        refused("empty PDF (0 bytes)", "empty.pdf", b"", "empty"),
        refused("truncated PDF", "cut.pdf", lambda: files.pdf(files.EN_LINES)[:400],
                "truncated"),
        refused("PDF header only", "header.pdf", b"%PDF-1.7\n%%EOF\n", "not a readable PDF"),
        refused("PDF of garbage", "garbage.pdf",
                b"%PDF-1.4\n" + random.Random(9).randbytes(3000) + b"\n%%EOF\n",
                "not a readable PDF"),
        refused("scanned PDF (no text layer)", "scan.pdf", lambda: files.pdf(None),
                "no text layer"),
        # text in an encoding we cannot read
        refused("UTF-8 and GBK mixed in one file", "mixed.txt", utf8 + zh.encode("gbk"),
                "not readable text"),
        refused("lone surrogate", "surrogate.txt",
                utf8[:30] + "\ud800".encode("utf-8", "surrogatepass") + utf8[30:],
                "not readable text"),
        refused("UTF-16 byte-order mark, then odd bytes", "odd.txt",
                b"\xff\xfe" + zh.encode("utf-16-le") + b"\x00\xd8", "byte-order mark"),
        # ids and paths
        refused("invalid id with a space", "standard.txt", utf8, "invalid id", doc_id="Bad Id"),
        refused("invalid id ../escape", "standard.txt", utf8, "invalid id",
                doc_id="../escape"),
        refused("invalid id of 60 characters", "standard.txt", utf8, "invalid id",
                doc_id="x" * 60),
        refused("invalid id in Chinese", "standard.txt", utf8, "invalid id", doc_id="标准"),
        refused("shipped id bj-ipm", "standard.txt", utf8, "shipped", doc_id="bj-ipm"),
        refused("shipped id iso56005-pilot", "standard.txt", utf8, "shipped",
                doc_id="iso56005-pilot"),
        Attack("remove a shipped document", failures.remove("bj-ipm", "no user-added document")),
        Attack("remove an unknown id", failures.remove("never-added", "no user-added document")),
        _not_a_file("folder"), _not_a_file("fifo"), _not_a_file("device"),
        _not_a_file("missing"),
        # good files in unusual shapes: stored with exactly their lines
        stored("PDF named .txt", "standard.txt", lambda: files.pdf(files.EN_LINES),
               files.EN_LINES),
        stored("Word file named .pdf", "standard.pdf", lambda: files.docx(files.ZH_LINES),
               files.ZH_LINES),
        stored("Word file named .txt", "standard.txt", lambda: files.docx(files.ZH_LINES),
               files.ZH_LINES),
        stored("GBK text named .docx", "standard.docx", zh.encode("gbk"), files.ZH_LINES),
        stored("GBK text", "gbk.txt", zh.encode("gbk"), files.ZH_LINES),
        stored("GB18030 text with a 4-byte character", "gb18030.txt",
               zh.replace("台账", "台账𠀀").encode("gb18030"),
               [line.replace("台账", "台账𠀀") for line in files.ZH_LINES]),
        stored("Big5 text", "big5.txt", files.text(files.TW_LINES).encode("big5"),
               files.TW_LINES),
        stored("UTF-16 with a byte-order mark", "utf16.txt", zh.encode("utf-16"),
               files.ZH_LINES),
        stored("UTF-16 LE without a byte-order mark", "utf16le.txt", zh.encode("utf-16-le"),
               files.ZH_LINES),
        stored("UTF-16 BE without a byte-order mark", "utf16be.txt", zh.encode("utf-16-be"),
               files.ZH_LINES),
        stored("UTF-8 with a byte-order mark", "bom.txt", zh.encode("utf-8-sig"),
               files.ZH_LINES),
        stored("Latin-1 text", "latin1.txt", files.text(files.LATIN_LINES).encode("latin-1"),
               files.LATIN_LINES),
        stored("Chinese and English mixed", "mixed.txt",
               files.text(files.MIXED_LINES).encode("utf-8"), files.MIXED_LINES),
        stored("GBK with CRLF line ends", "crlf.txt",
               files.text(files.ZH_LINES, "\r\n").encode("gbk"), files.ZH_LINES),
        stored("text mentioning %PDF- at its start", "notes.txt",
               files.text(["PDF files begin with %PDF-1.7; this standard does not."]
                          + files.EN_LINES).encode("utf-8"),
               ["PDF files begin with %PDF-1.7; this standard does not."] + files.EN_LINES),
        stored("Markdown", "standard.md",
               "\n\n".join(("# " if line[0].isdigit() else "") + line
                           for line in files.EN_LINES).encode("utf-8"), files.EN_LINES),
        # pathological but legal: done in seconds, or refused
        bounded("100k one-character lines", "chars.txt",
                lambda: "".join(f"{chr(0x4E00 + i % 2000)}\n" for i in range(100_000)).encode(),
                60),
        bounded("100k section headings", "headings.txt",
                lambda: "".join(f"Section heading {i}\n" for i in range(100_000)).encode(), 60),
        bounded("50k numbered clauses", "clauses.txt",
                lambda: "".join(f"{1 + i // 900}.{1 + i % 900} 管理{i}\n"
                                for i in range(50_000)).encode(), 60),
        bounded("one 2 MB line", "line.txt", lambda: ("企业应当建立台账，" * 80_000).encode(), 60),
        # existing ids, write failures, crashes, concurrency
        Attack("existing id without --replace", failures.existing_id(replace=False)),
        Attack("existing id with --replace", failures.existing_id(replace=True)),
        Attack("corpus folder is a file", failures.corpus_is_a_file),
        Attack("read-only corpus folder", failures.read_only_corpus),
        Attack("manifest write fails (disk full)", failures.write_fails("manifest")),
        Attack("document write fails (disk full)", failures.write_fails("text")),
        Attack("leftovers of a killed add are swept", failures.strays_swept),
        Attack("kill -9 during an add, twice", failures.killed_add),
        Attack("5 concurrent adds", failures.concurrent_adds),
        Attack("3 concurrent adds of one id", failures.concurrent_same_id),
        Attack("concurrent add and remove", failures.concurrent_add_and_remove),
        Attack("add and remove wait for the corpus lock", failures.waits_for_the_lock),
        Attack("add, then remove", failures.add_then_remove),
        Attack("after all of the above: golden answers", failures.shared_home_is_golden),
    ]
