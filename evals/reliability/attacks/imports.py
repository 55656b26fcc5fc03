"""Imports: hostile files through `ipms corpus add` (and `remove`).

Survived when each bad file is refused with one line for the right reason and leaves the data
directory exactly as it was; each good file (any common encoding, a PDF named .txt, a Word file
named .pdf…) is stored with exactly its lines and nothing else left behind; concurrent adds all
land; and the corpus still gives the golden answers afterwards. The refusals all run against one
built data directory, whose golden answers are checked last.
"""
from __future__ import annotations

import json
import os
import random
import resource
import shutil
import subprocess
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from evals.reliability.attacks import import_files as files
from evals.reliability.lab import Attack, CliResult, Lab, Outcome

DOC_ID = "user-doc"
_shared: "weakref.WeakKeyDictionary[Lab, Path]" = weakref.WeakKeyDictionary()
Data = bytes | Callable[[], bytes]


# -- helpers ---------------------------------------------------------------------------------------
def _shared_home(lab: Lab) -> Path:
    """The built data directory every refusal runs against (checked against golden answers last)."""
    if lab not in _shared:
        _shared[lab] = lab.built_home()
    return _shared[lab]


def _state(home: Path) -> dict[str, tuple[int, int]]:
    """Every file under `home` with its size and modification time."""
    return {str(p.relative_to(home)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(home.rglob("*")) if p.is_file()}


def _write(lab: Lab, name: str, data: Data) -> Path:
    path = lab.folder("input") / name
    path.write_bytes(data() if callable(data) else data)
    return path


def _add(lab: Lab, home: Path, path: Path | str, *extra: str, doc_id: str = DOC_ID,
         env: dict[str, str] | None = None, timeout: float = 60) -> CliResult:
    return lab.cli("corpus", "add", str(path), "--id", doc_id, "--title", "测试标准", *extra,
                   home=home, env=env, timeout=timeout)


def _refused_for(result: CliResult, reason: str, home: Path, before: dict) -> Outcome:
    outcome = result.refused_cleanly()
    if not outcome.survived:
        return outcome
    if reason.lower() not in result.err.lower():
        return Outcome(False, f"refused, but not because of '{reason}': {outcome.detail}")
    if _state(home) != before:
        return Outcome(False, "refused, but the data directory changed")
    return outcome


def _entries(home: Path) -> list[dict]:
    manifest = home / "corpus" / "manifest.json"
    if not manifest.exists():
        return []
    return json.loads(manifest.read_text(encoding="utf-8"))["documents"]


def _strays(home: Path) -> list[str]:
    """Files in the user corpus that the manifest does not account for."""
    folder = home / "corpus"
    if not folder.is_dir():
        return []
    known = {"manifest.json", ".corpus.lock"} | {e["file"] for e in _entries(home)}
    return sorted(p.name for p in folder.iterdir() if p.name not in known)


def _stored_as(home: Path, lines: list[str], doc_id: str = DOC_ID,
               structure: str | None = "clauses") -> Outcome:
    """Survived when the document is in the manifest with exactly `lines` (non-blank, stripped)
    and the folder holds nothing else."""
    entry = next((e for e in _entries(home) if e["id"] == doc_id), None)
    if entry is None:
        return Outcome(False, f"'{doc_id}' is not in the manifest")
    stored = (home / "corpus" / entry["file"]).read_text(encoding="utf-8")
    got = [line.strip() for line in stored.splitlines() if line.strip()]
    if got != lines:
        first = next((g for g, w in zip(got, lines) if g != w), got[len(lines):][:1])
        return Outcome(False, f"stored text differs from the file's: {str(first)[:60]!r}")
    if structure and entry["structure"] != structure:
        return Outcome(False, f"parsed by {entry['structure']}, not {structure}")
    if _strays(home):
        return Outcome(False, f"left behind: {', '.join(_strays(home))}")
    return Outcome(True, f"stored {len(lines)} lines, {entry['language']}, {entry['structure']}")


# -- attack builders -------------------------------------------------------------------------------
def refused(name: str, filename: str, data: Data, reason: str,
            env: dict[str, str] | None = None, doc_id: str = DOC_ID,
            timeout: float = 60) -> Attack:
    """A bad file (or id, or setting) against the shared home: refused for `reason`."""
    def run(lab: Lab) -> Outcome:
        home = _shared_home(lab)
        path = _write(lab, filename, data)
        before = _state(home)
        return _refused_for(_add(lab, home, path, doc_id=doc_id, env=env, timeout=timeout),
                            reason, home, before)
    return Attack(name, run)


def stored(name: str, filename: str, data: Data, lines: list[str],
           structure: str = "clauses") -> Attack:
    """A good file in an unusual shape: added, with exactly its lines."""
    def run(lab: Lab) -> Outcome:
        home = lab.empty_home()
        result = _add(lab, home, _write(lab, filename, data))
        if result.code != 0:
            return result.succeeded()
        return _stored_as(home, lines, structure=structure)
    return Attack(name, run)


def bounded(name: str, filename: str, data: Data, seconds: float) -> Attack:
    """A pathological but legal file: added or refused cleanly within `seconds`, never a hang."""
    def run(lab: Lab) -> Outcome:
        home = lab.empty_home()
        path = _write(lab, filename, data)
        start = time.perf_counter()
        result = _add(lab, home, path, timeout=seconds)
        took = f"{time.perf_counter() - start:.1f} s"
        if result.code == 0:
            if not any(e["id"] == DOC_ID for e in _entries(home)) or _strays(home):
                return Outcome(False, f"exit 0 but the manifest or folder is wrong ({took})")
            return Outcome(True, f"added in {took}")
        outcome = result.refused_cleanly()
        if outcome.survived and (_entries(home) or _strays(home)):
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
    home = _shared_home(lab)
    path = _sparse(lab, "five-gigabytes.txt", 5 * 1024 ** 3)
    before = _state(home)
    return _refused_for(_add(lab, home, path, timeout=30), "import limit", home, before)


def _not_a_file(kind: str) -> Attack:
    def run(lab: Lab) -> Outcome:
        home = _shared_home(lab)
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
        before = _state(home)
        return _refused_for(_add(lab, home, path, timeout=30), reason, home, before)
    return Attack(f"{kind} instead of a file", run)


# -- ids and replacement ---------------------------------------------------------------------------
def _existing_id(replace: bool) -> Callable[[Lab], Outcome]:
    def run(lab: Lab) -> Outcome:
        home = lab.empty_home()
        first = _write(lab, "first.txt", files.text(files.ZH_LINES).encode("utf-8"))
        if (result := _add(lab, home, first)).code != 0:
            return result.succeeded()
        second = _write(lab, "second.txt", files.text(files.EN_LINES).encode("utf-8"))
        if not replace:
            before = _state(home)
            return _refused_for(_add(lab, home, second), "--replace", home, before)
        if (result := _add(lab, home, second, "--replace")).code != 0:
            return result.succeeded()
        return _stored_as(home, files.EN_LINES)
    return run


def _remove(doc_id: str, reason: str) -> Callable[[Lab], Outcome]:
    def run(lab: Lab) -> Outcome:
        home = _shared_home(lab)
        before = _state(home)
        return _refused_for(lab.cli("corpus", "remove", doc_id, home=home), reason, home, before)
    return run


def _add_then_remove(lab: Lab) -> Outcome:
    """On the shared home (whose golden answers are checked last): add, then remove."""
    home = _shared_home(lab)
    source = _write(lab, "standard.txt", files.text(files.ZH_LINES).encode("gbk"))
    for result in (_add(lab, home, source), lab.cli("corpus", "remove", DOC_ID, home=home)):
        if result.code != 0:
            return result.succeeded()
    if _entries(home) or _strays(home):
        return Outcome(False, "the removed document left something behind")
    return Outcome(True, "added and removed; nothing left")


# -- write failures ----------------------------------------------------------------------------------
def _limited(lab: Lab, home: Path, args: list[str], file_size: int) -> CliResult:
    """`ipms ARGS` with the largest file it may write limited to `file_size` bytes (writes past it
    fail as on a full disk)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    env = lab.env(home, {"PYTHONDONTWRITEBYTECODE": "1"})
    proc = subprocess.run(lab.command(*args), capture_output=True, env=env, cwd=str(lab.root),
                          timeout=60, preexec_fn=limit)
    return CliResult(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                     proc.stderr.decode("utf-8", "replace"))


def _write_fails(which: str) -> Callable[[Lab], Outcome]:
    """The manifest (larger than the new text) or the text (larger than the limit) cannot be
    written: refused in one line, the folder exactly as before, no orphan."""
    def run(lab: Lab) -> Outcome:
        home = lab.empty_home()
        first = _write(lab, "first.txt", files.text(files.EN_LINES).encode("utf-8"))
        if (result := _add(lab, home, first, doc_id="first")).code != 0:
            return result.succeeded()
        manifest_size = (home / "corpus" / "manifest.json").stat().st_size
        if which == "manifest":
            lines = files.ZH_LINES
            limit = manifest_size + 100  # the text fits, the manifest with two entries does not
        else:
            lines = files.ZH_LINES + [f"企业应当保存第{i}项记录。" for i in range(200)]
            limit = manifest_size * 2  # the manifest would fit, the text does not
        source = _write(lab, "second.txt", files.text(lines).encode("utf-8"))
        before = _state(home)
        args = ["corpus", "add", str(source), "--id", "second", "--title", "测试标准"]
        return _refused_for(_limited(lab, home, args, limit), "cannot write", home, before)
    return run


def _corpus_is_a_file(lab: Lab) -> Outcome:
    home = lab.empty_home()
    (home / "corpus").write_text("not a folder\n", encoding="utf-8")
    source = _write(lab, "standard.txt", files.text(files.ZH_LINES).encode("utf-8"))
    before = _state(home)
    return _refused_for(_add(lab, home, source), "not a folder", home, before)


def _make_read_only(folder: Path) -> Callable[[], None] | None:
    """Make `folder` unwritable (chmod, or the immutable flag when running as root); returns
    how to undo it, or None when neither works here."""
    def writable() -> bool:
        probe = folder / ".probe"
        try:
            probe.write_text("x")
            probe.unlink()
            return True
        except OSError:
            return False

    folder.chmod(0o555)
    if not writable():
        return lambda: folder.chmod(0o755)
    folder.chmod(0o755)
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(folder)],
                                                 capture_output=True).returncode == 0:
        if not writable():
            return lambda: subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    return None


def _read_only_corpus(lab: Lab) -> Outcome:
    home = lab.empty_home()
    first = _write(lab, "first.txt", files.text(files.EN_LINES).encode("utf-8"))
    if (result := _add(lab, home, first, doc_id="first")).code != 0:
        return result.succeeded()
    second = _write(lab, "second.txt", files.text(files.ZH_LINES).encode("utf-8"))
    undo = _make_read_only(home / "corpus")
    if undo is None:  # no way to make a folder read-only here: a home under a read-only tree
        unwritable = Path("/proc/self/ipms-home")
        result = _add(lab, unwritable, second)
        return _refused_for(result, "cannot write", home, _state(home))
    try:
        before = _state(home)
        outcome = _refused_for(_add(lab, home, second), "cannot write", home, before)
    finally:
        undo()
    if outcome.survived and (result := _add(lab, home, second)).code != 0:
        return Outcome(False, f"writable again, but the add failed: {result.succeeded().detail}")
    return outcome


def _strays_swept(lab: Lab) -> Outcome:
    home = lab.empty_home()
    first = _write(lab, "first.txt", files.text(files.EN_LINES).encode("utf-8"))
    if (result := _add(lab, home, first, doc_id="first")).code != 0:
        return result.succeeded()
    for name in (".ipms-second.txt.a1b2.tmp", "ghost.0123456789ab.txt", "ghost.txt"):
        (home / "corpus" / name).write_text("half-written", encoding="utf-8")
    second = _write(lab, "second.txt", files.text(files.ZH_LINES).encode("utf-8"))
    if (result := _add(lab, home, second, doc_id="second")).code != 0:
        return result.succeeded()
    if _strays(home):
        return Outcome(False, f"still there after the next add: {', '.join(_strays(home))}")
    return _stored_as(home, files.EN_LINES, doc_id="first")


def _killed_add(lab: Lab) -> Outcome:
    """kill -9 an add of a large file at a random moment, twice; the next add works and leaves
    nothing behind, and every manifest entry's text is there."""
    home = lab.empty_home()
    big = _write(lab, "big.txt", lambda: files.text(
        [f"{1 + i // 900}.{1 + i % 900} 管理{i}\n企业应当记录第{i}项。" for i in range(60_000)]
    ).encode("utf-8"))
    rng = random.Random(13)
    for attempt in range(2):
        process = lab.spawn("corpus", "add", str(big), "--id", f"big-{attempt}", "--title", "大",
                            home=home)
        time.sleep(rng.uniform(0.3, 2.5))
        process.kill()
        process.wait()
    small = _write(lab, "small.txt", files.text(files.ZH_LINES).encode("utf-8"))
    if (result := _add(lab, home, small)).code != 0:
        return result.succeeded()
    missing = [e["id"] for e in _entries(home) if not (home / "corpus" / e["file"]).is_file()]
    if missing or _strays(home):
        return Outcome(False, f"after the kills: missing texts {missing}, strays {_strays(home)}")
    return _stored_as(home, files.ZH_LINES)


# -- concurrency -------------------------------------------------------------------------------------
def _concurrently(lab: Lab, home: Path, commands: list[list[str]]) -> list[CliResult]:
    processes = [lab.spawn(*command, home=home) for command in commands]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append(CliResult(process.returncode, out.decode("utf-8", "replace"),
                                 err.decode("utf-8", "replace")))
    return results


def _concurrent_adds(lab: Lab) -> Outcome:
    home = lab.empty_home()
    source = _write(lab, "standard.txt", files.text(files.ZH_LINES).encode("utf-8"))
    ids = [f"doc-{i}" for i in range(5)]
    results = _concurrently(lab, home, [["corpus", "add", str(source), "--id", doc_id,
                                         "--title", "标准"] for doc_id in ids])
    failed = [r.succeeded().detail for r in results if r.code != 0]
    if failed:
        return Outcome(False, f"{len(failed)} of 5 failed: {failed[0]}")
    listed = sorted(e["id"] for e in _entries(home))
    if listed != ids:
        return Outcome(False, f"all 5 said added, the manifest lists {listed}")
    if _strays(home):
        return Outcome(False, f"left behind: {_strays(home)}")
    return Outcome(True, "5 of 5 in the manifest")


def _concurrent_same_id(lab: Lab) -> Outcome:
    home = lab.empty_home()
    source = _write(lab, "standard.txt", files.text(files.ZH_LINES).encode("utf-8"))
    results = _concurrently(lab, home, [["corpus", "add", str(source), "--id", DOC_ID,
                                         "--title", "标准"]] * 3)
    added = [r for r in results if r.code == 0]
    refusals = [r.refused_cleanly() for r in results if r.code != 0]
    if len(added) != 1 or not all(o.survived and "--replace" in o.detail for o in refusals):
        return Outcome(False, f"{len(added)} added; refusals: {[o.detail for o in refusals]}")
    return _stored_as(home, files.ZH_LINES)


def _concurrent_add_and_remove(lab: Lab) -> Outcome:
    home = lab.empty_home()
    source = _write(lab, "standard.txt", files.text(files.ZH_LINES).encode("utf-8"))
    if (result := _add(lab, home, source, doc_id="old-doc")).code != 0:
        return result.succeeded()
    results = _concurrently(lab, home, [
        ["corpus", "remove", "old-doc"],
        ["corpus", "add", str(source), "--id", "new-a", "--title", "标准"],
        ["corpus", "add", str(source), "--id", "new-b", "--title", "标准"]])
    if any(r.code != 0 for r in results):
        return Outcome(False, next(r.succeeded().detail for r in results if r.code != 0))
    listed = sorted(e["id"] for e in _entries(home))
    if listed != ["new-a", "new-b"] or _strays(home):
        return Outcome(False, f"manifest {listed}, strays {_strays(home)}")
    return Outcome(True, "removed one and added two at once")


def _waits_for_the_lock(lab: Lab) -> Outcome:
    """While another process holds the corpus lock, an add and a remove wait; both land after."""
    from filelock import FileLock

    home = lab.empty_home()
    source = _write(lab, "standard.txt", files.text(files.ZH_LINES).encode("utf-8"))
    if (result := _add(lab, home, source, doc_id="old-doc")).code != 0:
        return result.succeeded()
    with FileLock(str(home / "corpus" / ".corpus.lock")):
        processes = [lab.spawn("corpus", "add", str(source), "--id", "new-doc", "--title", "标准",
                               home=home),
                     lab.spawn("corpus", "remove", "old-doc", home=home)]
        time.sleep(2.5)  # several times what either takes
        early = [p.args[4] for p in processes if p.poll() is not None]
        listed = sorted(e["id"] for e in _entries(home))
    for process in processes:
        process.communicate(timeout=60)
    if early or listed != ["old-doc"]:
        return Outcome(False, f"did not wait for the lock: {early}, manifest {listed}")
    if any(p.returncode != 0 for p in processes):
        return Outcome(False, "failed after the lock was released")
    if sorted(e["id"] for e in _entries(home)) != ["new-doc"] or _strays(home):
        return Outcome(False, f"after the lock: {[e['id'] for e in _entries(home)]}")
    return Outcome(True, "waited for the lock, then both landed")


def _shared_home_is_golden(lab: Lab) -> Outcome:
    home = _shared_home(lab)
    if _entries(home) or _strays(home):
        return Outcome(False, "documents or files were left in the user corpus")
    return lab.matches_golden(home)


# -- the list ----------------------------------------------------------------------------------------
def attacks() -> list[Attack]:
    zh, en = files.text(files.ZH_LINES), files.text(files.EN_LINES)
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
        Attack("remove a shipped document", _remove("bj-ipm", "no user-added document")),
        Attack("remove an unknown id", _remove("never-added", "no user-added document")),
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
        Attack("existing id without --replace", _existing_id(replace=False)),
        Attack("existing id with --replace", _existing_id(replace=True)),
        Attack("corpus folder is a file", _corpus_is_a_file),
        Attack("read-only corpus folder", _read_only_corpus),
        Attack("manifest write fails (disk full)", _write_fails("manifest")),
        Attack("document write fails (disk full)", _write_fails("text")),
        Attack("leftovers of a killed add are swept", _strays_swept),
        Attack("kill -9 during an add, twice", _killed_add),
        Attack("5 concurrent adds", _concurrent_adds),
        Attack("3 concurrent adds of one id", _concurrent_same_id),
        Attack("concurrent add and remove", _concurrent_add_and_remove),
        Attack("add and remove wait for the corpus lock", _waits_for_the_lock),
        Attack("add, then remove", _add_then_remove),
        Attack("after all of the above: golden answers", _shared_home_is_golden),
    ]
