"""Drafting writes only where it is asked to (issue 13): hostile intakes through the CLI and the
web handler, safe file names, --force, staging folders of killed runs, unreadable YAML."""
from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from assistant.errors import IpmsError
from assistant.web import handlers as h
from generators.intake import load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR, TemplateSet

EXAMPLE = TEMPLATES_DIR / "intake.en.yaml"
NUMBERING = "{short}-IPM-{kind}-{seq:02d}"


def _intake_text(section: str = "", key: str = "", value: object = None) -> str:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    if section:
        data[section][key] = value
    return yaml.safe_dump(data, allow_unicode=True)


def _tree(root: Path, skip: Path | None = None) -> dict[str, tuple]:
    """Every file and folder under root (links not followed), files with size and mtime;
    `skip`'s subtree left out."""
    out = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        if skip is not None and (here == skip or skip in here.parents):
            continue
        for name in dirs + files:
            path = here / name
            if skip is not None and path == skip:
                continue
            info = path.lstat()  # a folder's own size and time change with what it holds
            out[path.relative_to(root).as_posix()] = (
                (True, None, None) if name in dirs and not path.is_symlink()
                else (False, info.st_size, info.st_mtime_ns))
    return out


def _cli(*args: str, cwd: Path, home: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
    env.update({"IPMS_HOME": str(home), "IPMS_EMBEDDING_MODEL": "hashing", "HF_HUB_OFFLINE": "1",
                "PYTHONIOENCODING": "utf-8"})
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=str(cwd), timeout=timeout)


@pytest.fixture(scope="module")
def services(session_settings, corpus):
    services = h.Services(session_settings, corpus, None, TemplateSet())
    yield services
    close = getattr(services, "close", None)
    if close is not None:
        close()


@pytest.fixture(scope="module")
def separator_package(tmp_path_factory):
    """`ipms draft` of an intake whose numbering scheme is full of path separators, run in a
    box whose whole tree is recorded before."""
    box = tmp_path_factory.mktemp("box")
    (box / "a" / "b").mkdir(parents=True)
    (box / "a" / "keep.txt").write_text("sentinel", encoding="utf-8")
    intake = tmp_path_factory.mktemp("intake") / "intake.yaml"
    intake.write_text(_intake_text("documents", "numbering", "../../{short}/{kind}-{seq:02d}"),
                      encoding="utf-8")
    before = _tree(box)
    out = box / "a" / "b" / "pkg"
    done = _cli("draft", str(intake), "--out", str(out), "--lang", "en", cwd=box / "a",
                home=tmp_path_factory.mktemp("home"))
    return box, out, before, done


# -- file names ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("../../etc/passwd", "etc_passwd"),
    ("/tmp/evil", "tmp_evil"),
    ("..", "unnamed"),
    ("a\x00b\x07c", "abc"),
    ("\u202eexe.docx", "exe.docx"),
    ("C:\\Windows\\x", "C_Windows_x"),
    ("ZH-IPM-P-01 知识产权获取控制程序", "ZH-IPM-P-01 知识产权获取控制程序"),
    ("CON", "CON_"),
    (".hidden", "hidden"),
])
def test_safe_names_are_one_plain_component(text, expected):
    from generators.safepath import safe_name

    assert safe_name(text) == expected


def test_safe_names_are_bounded_in_bytes_and_keep_chinese_whole():
    from generators.safepath import safe_name

    name = safe_name("知" * 10_000, max_bytes=100)
    assert name == "知" * 33 and len(name.encode()) == 99


def test_the_output_folder_refuses_every_way_out(tmp_path):
    from generators.safepath import OutputFolder, create_new

    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "link").symlink_to(outside)
    folder = OutputFolder(root.resolve())
    for names in [("..", "x.docx"), ("a/../../x.docx",), (str(outside / "x.docx"),),
                  ("link", "x.docx"), ("",), (".",)]:
        with pytest.raises(IpmsError):
            folder.path(*names)
    (outside / "target.txt").write_text("keep", encoding="utf-8")
    (root / "planted").symlink_to(outside / "target.txt")
    with pytest.raises(IpmsError):
        create_new(folder.path("planted"))
    assert (outside / "target.txt").read_text(encoding="utf-8") == "keep"
    assert list(outside.iterdir()) == [outside / "target.txt"]
    written = folder.write_text("ok", "02-procedures", "P01 控制程序.docx")
    assert written == root.resolve() / "02-procedures" / "P01 控制程序.docx"


# -- hostile intakes on both paths --------------------------------------------------------------
HOSTILE = [
    ("company", "short_name", "../../escaped"),
    ("company", "short_name", "{tmp}/escaped"),
    ("company", "short_name", "Z\x00H"),
    ("company", "short_name", "Z" * 10_000),
    ("company", "short_name", "a\\b"),
    ("company", "name", "北京\x01智衡"),
    ("documents", "numbering", "{short:>10000000}-{kind}{seq}"),
    ("documents", "numbering", "{short:x<999}-{kind}{seq}"),
    ("documents", "numbering", "{short:.1000}-{kind}{seq}"),
    ("documents", "numbering", "{short.__class__}-{kind}{seq}"),
    ("documents", "numbering", "{seq[0]}-{kind}"),
    ("documents", "numbering", "{seq!r}-{kind}"),
    ("documents", "numbering", "{short}-{kind}"),
    ("documents", "numbering", "{kind}{seq:1>3}"),
]


@pytest.mark.parametrize("section,key,value", HOSTILE,
                         ids=[f"{k}:{v[:24]!r}" for _, k, v in HOSTILE])
def test_hostile_intakes_are_refused_by_field_on_the_cli_path_and_the_web(
        services, tmp_path, section, key, value):
    text = _intake_text(section, key, value.replace("{tmp}", str(tmp_path)))
    path = tmp_path / "intake.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(IpmsError) as cli_error:
        load_intake(path)
    message = str(cli_error.value)  # in the intake's language: a Chinese name makes it Chinese
    assert (f"{section}.{key}:" in message or f"{section}.{key}：" in message) and "\n" not in message
    assert any(p.startswith(f"{section}.{key}:") for p in h.intake_problems(text))
    before = _tree(services.downloads)
    with pytest.raises(IpmsError) as web_error:
        h.draft_zip(services, text, "en")
    assert "\n" not in str(web_error.value)
    assert _tree(services.downloads) == before
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("value", ["../../escaped", "{tmp}/escaped", "Z" * 10_000],
                         ids=["traversal", "absolute", "10k-chars"])
def test_the_cli_refuses_a_hostile_short_name_in_one_line(run_cli, tmp_path, value):
    (tmp_path / "box").mkdir()
    intake = tmp_path / "intake.yaml"
    intake.write_text(_intake_text("company", "short_name", value.replace("{tmp}", str(tmp_path))),
                      encoding="utf-8")
    home = tmp_path / "home"
    before = _tree(tmp_path, skip=home)
    code, out, err = run_cli("draft", str(intake), "--out", str(tmp_path / "box" / "pkg"),
                             home=home)
    assert code == 2 and err.count("\n") == 1 and "company.short_name" in err
    assert _tree(tmp_path, skip=home) == before


def test_separators_in_the_numbering_stay_inside_the_output(separator_package):
    box, out, before, done = separator_package
    assert done.returncode == 0, done.stderr
    after = _tree(box, skip=out)
    assert after == before
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > 80
    assert {p.relative_to(out).parts[0] for p in files} == {
        "01-manual", "02-procedures", "03-forms", "traceability.docx", "traceability.csv",
        "coverage.md", ".ipms-package.json"}
    manual = next((out / "01-manual").iterdir())
    assert manual.name.startswith("ZH_M-01 ")


def test_the_web_draft_with_separators_in_the_numbering_zips_plain_names(services):
    import tempfile

    # Where a path-building draft would write. The name ends in a letter: a random "_" next to
    # a separator would make "__", which safe names squeeze to one.
    target = Path(tempfile.mkdtemp(prefix="e", suffix="x"))
    try:
        text = _intake_text("documents", "numbering", f"{target}/../{target.name}/{{short}}/"
                            "{kind}{seq:03d}")
        before = _tree(services.downloads)
        archive, report = h.draft_zip(services, text, "en")
        assert list(target.iterdir()) == []
    finally:
        shutil.rmtree(target, ignore_errors=True)
    names = zipfile.ZipFile(archive).namelist()
    assert len(names) > 80 and "Coverage report" in report
    for name in names:
        parts = name.split("/")
        assert len(parts) <= 2 and ".." not in parts and not name.startswith("/")
        assert all(part and not part.startswith(".") for part in parts)
    # the number with separators made '_', a run of them one (mkdtemp's random part may hold "__")
    flat = re.sub("_{2,}", "_", f"{str(target).strip('/').replace('/', '_')}_.._{target.name}")
    prefix = f"02-procedures/{flat}_ZH_P"
    assert any(n.startswith(prefix) for n in names), (prefix, sorted(names)[:5])
    added = set(_tree(services.downloads)) - set(before)
    assert [Path(a).name for a in added if not (services.downloads / a).is_dir()] == [
        Path(archive).name]


# -- --force --------------------------------------------------------------------------------------
def test_a_package_carries_a_marker_listing_its_files(separator_package):
    _, out, _, done = separator_package
    assert done.returncode == 0, done.stderr
    marker = json.loads((out / ".ipms-package.json").read_text(encoding="utf-8"))
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert marker["written_by"] == "ipms"
    assert set(marker["files"]) == present - {".ipms-package.json"}


def test_force_replaces_only_a_package_ipms_wrote(tmp_path, corpus, separator_package):
    _, package, _, _ = separator_package
    intake = load_intake(EXAMPLE)
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "src" / "main.py").write_text("print('mine')", encoding="utf-8")
    forged = tmp_path / "forged"
    forged.mkdir()
    (forged / ".ipms-package.json").write_text("{not json", encoding="utf-8")
    (forged / "thesis.docx").write_text("years of work", encoding="utf-8")
    listing = tmp_path / "listing"  # valid JSON, but not a marker's shape
    listing.mkdir()
    (listing / ".ipms-package.json").write_text('["written_by", "ipms"]', encoding="utf-8")
    (listing / "thesis.docx").write_text("years of work", encoding="utf-8")
    edited = tmp_path / "edited"
    shutil.copytree(package, edited)
    (edited / "notes.txt").write_text("my notes", encoding="utf-8")
    cases = [(project, {}, "not a package"), (forged, {}, "not a package"),
             (listing, {}, "not a package"),
             (project, {"cwd": project}, "current folder"),
             (tmp_path, {"cwd": project}, "holds the current folder"),
             (project, {"home": project}, "home folder")]
    for folder, where, reason in cases:
        before = _tree(tmp_path)
        with pytest.raises(IpmsError, match=reason) as error:
            draft_package(intake, corpus, folder, "en", force=True,
                          cwd=where.get("cwd", tmp_path / "elsewhere"), home=where.get("home"))
        assert "\n" not in str(error.value)
        assert _tree(tmp_path) == before, folder
    draft_package(intake, corpus, edited, "en", force=True, cwd=project, home=project)
    assert (edited / "notes.txt").read_text(encoding="utf-8") == "my notes"  # the user's: kept
    replaced = tmp_path / "replaced"
    shutil.copytree(package, replaced)
    result = draft_package(intake, corpus, replaced, "en", force=True, cwd=project, home=project)
    assert result.files[0].parent == replaced / "01-manual"
    assert not any(p.name.startswith("ZH_") for p in replaced.rglob("*"))  # the old numbers


def test_a_failing_disk_is_one_line_and_leaves_nothing(tmp_path, corpus, monkeypatch):
    import generators.package as package

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(package, "build_manual", full)
    with pytest.raises(IpmsError, match="No space left on device"):
        draft_package(load_intake(EXAMPLE), corpus, tmp_path / "pkg", "en", cwd=tmp_path / "x")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_appears_while_drafting_is_not_replaced(tmp_path, corpus, monkeypatch):
    import generators.package as package

    write = package._write_package
    out = tmp_path / "pkg"

    def slow_write(*args, **kwargs):
        files = write(*args, **kwargs)
        (out / "src").mkdir(parents=True)  # another program was quicker
        (out / "src" / "main.py").write_text("print('mine')", encoding="utf-8")
        return files

    monkeypatch.setattr(package, "_write_package", slow_write)
    with pytest.raises(IpmsError, match="already exists"):
        draft_package(load_intake(EXAMPLE), corpus, out, "en", cwd=tmp_path / "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]
    assert [p.relative_to(out).as_posix() for p in out.rglob("*")] == ["src", "src/main.py"]


# -- staging folders ------------------------------------------------------------------------------
def _hold_lock(path: Path) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom filelock import FileLock\n"
         "lock = FileLock(sys.argv[1]); lock.acquire(); print('held', flush=True); time.sleep(120)",
         str(path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_stale_staging_folders_are_cleaned_and_live_ones_kept(tmp_path):
    from generators.staging import STAGING_PREFIX, clean_stale

    def staging(name: str, lock: bool) -> Path:
        folder = tmp_path / f"{STAGING_PREFIX}{name}"
        (folder / "package" / "02-procedures").mkdir(parents=True)
        if lock:
            (folder / "lock").write_text("", encoding="utf-8")
        return folder

    staging("dead", True)
    live = staging("live", True)
    young, old = staging("young", False), staging("old", False)
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    legacy = tmp_path / ".pkg.ab12cd_9"  # what the versions without locks left
    (legacy / "02-procedures").mkdir(parents=True)
    lookalike = tmp_path / ".pkg.photos12"
    (lookalike / "holiday").mkdir(parents=True)
    holder = _hold_lock(live / "lock")
    try:
        clean_stale(tmp_path, "pkg")
    finally:
        holder.kill()
        holder.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, young.name, lookalike.name])


def test_a_run_killed_between_its_renames_is_completed_by_the_next(tmp_path):
    from generators.staging import MARKER, STAGING_PREFIX, clean_stale

    folder = tmp_path / f"{STAGING_PREFIX}abc"
    (folder / "old" / "01-manual").mkdir(parents=True)
    (folder / "package" / "01-manual").mkdir(parents=True)
    (folder / "package" / "01-manual" / "M01 manual.docx").write_text("new", encoding="utf-8")
    (folder / "package" / MARKER).write_text(json.dumps(
        {"written_by": "ipms", "format": 1, "files": ["01-manual/M01 manual.docx"]}),
        encoding="utf-8")
    (folder / "target").write_text("pkg", encoding="utf-8")
    (folder / "lock").write_text("", encoding="utf-8")
    clean_stale(tmp_path, "pkg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]
    assert (tmp_path / "pkg" / "01-manual" / "M01 manual.docx").read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize("signum,code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_terminated_draft_leaves_no_staging_folder(tmp_path, signum, code):
    intake = tmp_path / "intake.yaml"
    intake.write_text(_intake_text(), encoding="utf-8")
    box = tmp_path / "box"
    box.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
    env.update({"IPMS_HOME": str(tmp_path / "home"), "IPMS_EMBEDDING_MODEL": "hashing",
                "HF_HUB_OFFLINE": "1"})
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "draft", str(intake), "--out",
                             str(box / "pkg")], env=env, cwd=str(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".") for p in box.iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None, "no staging folder appeared"
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code and "Traceback" not in err
    assert list(box.iterdir()) == []


# -- unreadable questionnaires --------------------------------------------------------------------
def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n" + _intake_text().replace("products:", "products: *a9\n  x:", 1)


@pytest.mark.parametrize("make,expected", [
    (lambda d: d.write_text("company: " + "[" * 5000 + "]" * 5000, encoding="utf-8"),
     "nests deeper"),
    (lambda d: d.write_text(_alias_bomb(), encoding="utf-8"), "alias"),
    (lambda d: d.write_text("# padding\n" * 40_000 + _intake_text(), encoding="utf-8"),
     "larger than"),
    (lambda d: d.write_text(_intake_text().replace("staff: 180", "staff: " + "9" * 6000),
                            encoding="utf-8"), "cannot be read"),
    (lambda d: d.write_text(_intake_text().replace("2026-12-01", "2026-13-01"), encoding="utf-8"),
     "cannot be read"),
    (lambda d: (d.unlink(), d.mkdir()), "not a file"),
], ids=["nested", "alias-bomb", "huge", "huge-integer", "impossible-date", "a-folder"])
def test_unreadable_intakes_fail_in_one_line(tmp_path, make, expected):
    path = tmp_path / "intake.yaml"
    path.write_text("", encoding="utf-8")
    make(path)
    with pytest.raises(IpmsError, match=expected) as error:
        load_intake(path)
    assert "\n" not in str(error.value)
    if path.is_file():
        problems = h.intake_problems(path.read_text(encoding="utf-8"))
        assert len(problems) == 1 and expected in problems[0]


def test_libreoffice_stopped_early_leaves_no_process_behind(tmp_path, monkeypatch):
    """`soffice` is a launcher whose child does the work: when the run ends early (here its
    timeout; equally Ctrl-C or SIGTERM) the whole group goes, so nothing keeps writing into the
    scratch folder being removed (CI of bb3f976: a SIGTERM'd draft exited 2, 'Directory not
    empty', instead of 143)."""
    from generators.toc_pages import convert_to_pdf

    bin_dir, child = _stand_in_soffice(tmp_path)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(subprocess.TimeoutExpired):
        convert_to_pdf([tmp_path / "a.docx"], tmp_path, tmp_path, timeout=1.0)
    assert not _alive_after(int(child.read_text(encoding="utf-8")), 5)


def _stand_in_soffice(tmp_path: Path) -> tuple[Path, Path]:
    """(a folder holding a stand-in `soffice` launcher whose child sleeps, the file where the
    launcher writes that child's pid)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    child = tmp_path / "child.pid"
    launcher = bin_dir / "soffice"
    launcher.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {child}\nwait\n", encoding="utf-8")
    launcher.chmod(0o755)
    return bin_dir, child


def _alive_after(pid: int, seconds: float) -> bool:
    """Whether `pid` still runs after waiting up to `seconds` for it to go."""
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _alive(pid)


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped by init, counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed "
                    "(.ci/run installs it)")
def test_a_draft_terminated_while_libreoffice_numbers_the_contents_exits_143(tmp_path):
    """SIGTERM while LibreOffice lays the manual out: exit 143, no staging folder, no
    LibreOffice left running (a stand-in launcher whose child never finishes)."""
    bin_dir, child = _stand_in_soffice(tmp_path)
    intake = tmp_path / "intake.yaml"
    intake.write_text(_intake_text(), encoding="utf-8")
    box = tmp_path / "box"
    box.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPMS_")}
    env.update({"IPMS_HOME": str(tmp_path / "home"), "IPMS_EMBEDDING_MODEL": "hashing",
                "HF_HUB_OFFLINE": "1", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "draft", str(intake), "--out",
                             str(box / "pkg")], env=env, cwd=str(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not child.exists() or not child.read_text(encoding="utf-8").strip():
        assert time.monotonic() < deadline and proc.poll() is None, "LibreOffice never started"
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and "Traceback" not in err and "error" not in err
    assert list(box.iterdir()) == []
    assert not _alive_after(int(child.read_text(encoding="utf-8")), 5)
