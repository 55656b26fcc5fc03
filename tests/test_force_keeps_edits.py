"""`ipms draft --force` never throws away what a consultant edited (issue 17, U-report item 30):
the package's marker records the SHA-256 of every file ipms wrote; on --force a listed file whose
content differs, or whose hash the marker lacks, is moved to .ipms-replaced/<time>/ (same relative
path) and the run says so in one line; a failed commit leaves the package as it was."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from generators.staging import MARKER, REPLACED, staging_for

MANUAL = "01-manual/M01 manual.docx"
FORM = "03-forms/R01 form.docx"
COVERAGE = "coverage.md"


def _draft(target: Path, contents: dict[str, str]):
    """Stage `contents` ({path inside the package: text}) and commit it to `target`."""
    with staging_for(target) as staging:
        files = []
        for rel, text in contents.items():
            path = staging.package / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            files.append(path)
        return staging.commit(files)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_marker_records_the_hash_of_every_file_written(tmp_path):
    pkg = tmp_path / "pkg"
    _draft(pkg, {MANUAL: "manual v1", COVERAGE: "# coverage v1"})
    marker = json.loads(_text(pkg / MARKER))
    assert marker["sha256"] == {MANUAL: hashlib.sha256(b"manual v1").hexdigest(),
                                COVERAGE: hashlib.sha256(b"# coverage v1").hexdigest()}


def test_force_keeps_the_files_a_consultant_edited(tmp_path):
    pkg = tmp_path / "pkg"
    _draft(pkg, {MANUAL: "manual v1", FORM: "form v1", COVERAGE: "# coverage v1"})
    (pkg / MANUAL).write_text("manual v1 + my chapter", encoding="utf-8")
    (pkg / COVERAGE).write_text("# coverage v1 + my notes", encoding="utf-8")
    kept = _draft(pkg, {MANUAL: "manual v2", FORM: "form v2", COVERAGE: "# coverage v2"})
    assert sorted(kept.files) == [MANUAL, COVERAGE]
    assert kept.folder.parent == pkg / REPLACED
    assert _text(kept.folder / MANUAL) == "manual v1 + my chapter"
    assert _text(kept.folder / COVERAGE) == "# coverage v1 + my notes"
    assert not (kept.folder / FORM).exists()  # untouched since ipms wrote it: simply replaced
    assert [_text(pkg / rel) for rel in (MANUAL, FORM, COVERAGE)] == [
        "manual v2", "form v2", "# coverage v2"]
    # the next --force keeps the earlier backup (it is the user's now) and keeps nothing new
    again = _draft(pkg, {MANUAL: "manual v3", FORM: "form v3", COVERAGE: "# coverage v3"})
    assert again.files == () and again.folder is None
    assert _text(kept.folder / MANUAL) == "manual v1 + my chapter"


def test_an_edited_file_the_new_package_drops_is_kept_too(tmp_path):
    pkg = tmp_path / "pkg"
    _draft(pkg, {MANUAL: "manual v1", FORM: "form v1"})
    (pkg / FORM).write_text("form v1, filled in", encoding="utf-8")
    kept = _draft(pkg, {MANUAL: "manual v2"})
    assert kept.files == (FORM,)
    assert _text(kept.folder / FORM) == "form v1, filled in"
    assert not (pkg / "03-forms").exists()


def test_a_marker_without_hashes_keeps_every_file_it_lists(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "01-manual").mkdir(parents=True)
    (pkg / MANUAL).write_text("manual v1", encoding="utf-8")
    (pkg / COVERAGE).write_text("# coverage v1", encoding="utf-8")
    (pkg / MARKER).write_text(json.dumps({"written_by": "ipms", "format": 1,
                                          "files": [MANUAL, COVERAGE]}), encoding="utf-8")
    kept = _draft(pkg, {MANUAL: "manual v2", COVERAGE: "# coverage v2"})
    assert sorted(kept.files) == [MANUAL, COVERAGE]
    assert _text(kept.folder / MANUAL) == "manual v1"


def test_a_failed_commit_puts_the_edited_files_back(tmp_path, monkeypatch):
    pkg = tmp_path / "pkg"
    _draft(pkg, {MANUAL: "manual v1", COVERAGE: "# coverage v1"})
    (pkg / MANUAL).write_text("my manual", encoding="utf-8")
    before = {p.relative_to(pkg).as_posix(): p.read_bytes() for p in pkg.rglob("*")
              if p.is_file()}
    real = os.replace

    def failing(src, dst):
        if Path(dst) == pkg / COVERAGE and Path(src).parent.name == "package":  # the new one in
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        _draft(pkg, {MANUAL: "manual v2", COVERAGE: "# coverage v2"})
    monkeypatch.setattr(os, "replace", real)
    after = {p.relative_to(pkg).as_posix(): p.read_bytes() for p in pkg.rglob("*") if p.is_file()}
    assert after == before
    assert not (pkg / REPLACED).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]  # no staging left
    kept = _draft(pkg, {MANUAL: "manual v2", COVERAGE: "# coverage v2"})  # the next run
    assert kept.files == (MANUAL,) and _text(kept.folder / MANUAL) == "my manual"


def test_the_draft_says_in_one_line_what_it_kept(tmp_path, corpus):
    from generators.intake import load_intake
    from generators.package import draft_package
    from generators.templates_io import TEMPLATES_DIR

    intake = load_intake(TEMPLATES_DIR / "intake.en.yaml")
    pkg = tmp_path / "pkg"
    first = draft_package(intake, corpus, pkg, "en", cwd=tmp_path / "x")
    assert first.kept_line() is None
    manual = first.files[0]
    manual.write_bytes(manual.read_bytes() + b"\0")  # an edit, as Word would save it
    (pkg / "coverage.md").write_text("my notes", encoding="utf-8")
    second = draft_package(intake, corpus, pkg, "en", force=True, cwd=tmp_path / "x")
    line = second.kept_line()
    assert line.startswith(f"kept 2 edited files in {pkg / REPLACED}/") and "\n" not in line
    kept = second.kept.folder
    assert (kept / "coverage.md").read_text(encoding="utf-8") == "my notes"
    assert (kept / manual.relative_to(pkg)).read_bytes().endswith(b"\0")
    assert (pkg / "coverage.md").read_text(encoding="utf-8").startswith("# Coverage report")
    # what reads a package back (the lint) reads the package, not the kept copies
    from generators.package_reader import read_package

    assert len(read_package(pkg)) == sum(1 for f in second.files if f.suffix == ".docx")


def test_a_forged_marker_cannot_move_a_file_outside_the_package(tmp_path):
    pkg = tmp_path / "pkg"
    _draft(pkg, {MANUAL: "manual v1"})
    outside = tmp_path / "thesis.docx"
    outside.write_text("years of work", encoding="utf-8")
    marker = json.loads(_text(pkg / MARKER))
    marker["files"] += ["../thesis.docx", str(outside)]
    (pkg / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    kept = _draft(pkg, {MANUAL: "manual v2"})
    assert _text(outside) == "years of work" and kept.files == ()
