"""Draft paths: hostile intakes through `ipms draft` and through the web app's Draft handler
(traversal, absolute paths, NUL, 10k-character names, format widths, precision, fill and
attribute access in the numbering scheme, unreadable YAML), `--force` on folders that are not
packages (a project, `.`, its parent, the home folder, a forged marker), and drafts terminated or
killed half-way followed by a new run.

Every attack runs inside a sentinel box: files at every level around the output folder, recorded
before and compared after. Survived when nothing outside the output folder changed (nor anywhere
under the temp dir a payload names), a refusal is one line (exit 2 for the CLI, one IpmsError
line for the web), a package that was written lies wholly inside the output folder with its
marker, and no staging folder remains.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from evals.reliability.lab import Attack, CliResult, Lab, Outcome

MARKER = ".ipms-package.json"
REPLACED = ".ipms-replaced"  # where a --force run keeps the files it must not delete


# -- the sentinel box -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Box:
    """root/{sentinel.txt, a/sentinel.txt, a/b/sentinel.txt, a/b/project/…, home/…}; the CLI
    runs in a/b and writes to a/b/out. `escape` is a folder elsewhere in the lab that payloads
    aim at by absolute path or by climbing to / and down again; it is watched too."""

    root: Path
    escape: Path

    def payload(self, value: str) -> str:
        """{escape}: the escape folder's absolute path; {deep}: the same reached from the output
        folder's documents by climbing far past /."""
        deep = "../" * 24 + self.escape.relative_to(self.escape.anchor).as_posix()
        return value.replace("{escape}", str(self.escape)).replace("{deep}", deep)

    @property
    def cwd(self) -> Path:
        return self.root / "a" / "b"

    @property
    def out(self) -> Path:
        return self.cwd / "out"

    @property
    def home(self) -> Path:
        return self.root / "home"

    def tree(self, skip: Path | None = None) -> dict[str, tuple]:
        """Files (size, mtime) and folders under root, links not followed, `skip` left out."""
        found = {f"<escape>/{p.name}": (False, 0, 0) for p in self.escape.iterdir()}
        for folder, dirs, files in os.walk(self.root):
            here = Path(folder)
            if skip is not None and (here == skip or skip in here.parents):
                continue
            for name in dirs + files:
                path = here / name
                if path == skip:
                    continue
                info = path.lstat()
                is_dir = name in dirs and not path.is_symlink()
                found[path.relative_to(self.root).as_posix()] = (
                    (True, 0, 0) if is_dir else (False, info.st_size, info.st_mtime_ns))
        return found


def _box(lab: Lab) -> Box:
    escape = lab.root / "escape-zone"
    escape.mkdir(exist_ok=True)
    box = Box(lab.folder("box"), escape)
    for rel in ("sentinel.txt", "a/sentinel.txt", "a/b/sentinel.txt", "a/b/project/src/main.py",
                "home/.profile", "home/thesis.docx"):
        (box.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (box.root / rel).write_text(f"sentinel {rel}", encoding="utf-8")
    return box


def _changes(box: Box, before: dict, skip: Path | None = None) -> str:
    """'' when the box is as it was (apart from `skip`), else what changed, in a few words."""
    if skip is not None:
        prefix = skip.relative_to(box.root).as_posix()
        before = {k: v for k, v in before.items() if k != prefix and not k.startswith(prefix + "/")}
    after = box.tree(skip)
    added = sorted(set(after) - set(before))
    staging = [a for a in added if ".ipms-draft-staging-" in a or "/." in "/" + a]
    if staging:
        return f"left {staging[0]}"
    if added:
        return f"wrote {added[0]}"
    gone = sorted(set(before) - set(after))
    if gone:
        return f"removed {gone[0]}"
    changed = sorted(k for k in before if after.get(k) != before[k])
    return f"changed {changed[0]}" if changed else ""


def _package_inside(folder: Path) -> str:
    """'' when `folder` holds a package whose marker lists exactly its files, none a link (the
    files a --force run kept in REPLACED, as it does with what the marker has no hash for, aside)."""
    try:
        listed = set(json.loads((folder / MARKER).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return f"no valid {MARKER} in the package"
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*")
               if (p.is_file() or p.is_symlink())
               and p.relative_to(folder).parts[0] != REPLACED} - {MARKER}
    links = [p for p in folder.rglob("*") if p.is_symlink()]
    if links:
        return f"the package holds a link: {links[0].name}"
    if present != listed:
        return f"the marker lists {len(listed)} files, the folder holds {len(present)}"
    return ""


def _judge(box: Box, before: dict, result: CliResult, may_draft: bool = True) -> Outcome:
    """A refusal in one line with the box unchanged, or (when `may_draft`) a package wholly
    inside the output folder with the rest of the box unchanged."""
    if result.code == 0 and may_draft:
        problem = _changes(box, before, skip=box.out) or _package_inside(box.out)
        if problem:
            return Outcome(False, f"drafted, but {problem}")
        return Outcome(True, "drafted inside the output folder")
    refused = result.refused_cleanly()
    problem = _changes(box, before)
    if problem:
        return Outcome(False, f"{refused.detail[:80]}; {problem}")
    return refused


# -- intakes ----------------------------------------------------------------------------------------
_EXAMPLE: dict[int, str] = {}


def _example(lab: Lab) -> str:
    """The example intake as a user gets it: `ipms intake template --lang zh`."""
    if id(lab) not in _EXAMPLE:
        result = lab.cli("intake", "template", "--lang", "zh", home=_ipms_home(lab))
        if result.code != 0:
            raise RuntimeError(f"ipms intake template failed: {result.err[-200:]}")
        _EXAMPLE[id(lab)] = result.out
    return _EXAMPLE[id(lab)]


_HOMES: dict[int, Path] = {}


def _ipms_home(lab: Lab) -> Path:
    if id(lab) not in _HOMES:
        _HOMES[id(lab)] = lab.empty_home()
    return _HOMES[id(lab)]


def _with(example: str, section: str, key: str, value: object) -> str:
    data = yaml.safe_load(example)
    data[section][key] = value
    return yaml.safe_dump(data, allow_unicode=True)


# (attack name, section, key, value); {escape} and {deep}: see Box.payload
HOSTILE_FIELDS: list[tuple[str, str, str, str]] = [
    ("short_name ../ traversal", "company", "short_name", "../../escaped"),
    ("short_name deep traversal", "company", "short_name", "{deep}/escaped"),
    ("short_name absolute path", "company", "short_name", "{escape}/escaped"),
    ("short_name ~/", "company", "short_name", "~/escaped"),
    ("short_name ..", "company", "short_name", ".."),
    ("short_name .", "company", "short_name", "."),
    ("short_name NUL", "company", "short_name", "Z\x00H"),
    ("short_name newline", "company", "short_name", "Z\nH"),
    ("short_name 10k characters", "company", "short_name", "Z" * 10_000),
    ("short_name backslashes", "company", "short_name", "..\\..\\escaped"),
    ("short_name drive letter", "company", "short_name", "C:\\escaped"),
    ("short_name bidi override", "company", "short_name", "\u202excod.exe"),
    ("short_name percent-encoded", "company", "short_name", "%2e%2e%2fescaped"),
    ("short_name full-width slash", "company", "short_name", "..／..／escaped"),
    ("numbering width 10M", "documents", "numbering", "{short:>10000000}-{kind}{seq}"),
    ("numbering seq width 99M", "documents", "numbering", "{kind}{seq:0>99999999}"),
    ("numbering precision", "documents", "numbering", "{short:.99999}{kind}{seq}"),
    ("numbering NUL fill", "documents", "numbering", "{short:\x00<5}{kind}{seq}"),
    ("numbering slash fill wide", "documents", "numbering", "{short:/<40}{kind}{seq}"),
    ("numbering attribute", "documents", "numbering", "{short.__class__}{kind}{seq}"),
    ("numbering attribute chain", "documents", "numbering",
     "{short.__class__.__mro__[1].__subclasses__}{kind}{seq}"),
    ("numbering index", "documents", "numbering", "{seq[0]}{kind}"),
    ("numbering positional", "documents", "numbering", "{0}{kind}{seq}"),
    ("numbering empty field", "documents", "numbering", "{}{kind}{seq}"),
    ("numbering conversion", "documents", "numbering", "{seq!r}{kind}"),
    ("numbering nested spec", "documents", "numbering", "{seq:{short}}{kind}"),
    ("numbering grouping", "documents", "numbering", "{kind}{seq:,}"),
    ("numbering unknown field", "documents", "numbering", "{company}{kind}{seq}"),
    ("numbering without seq", "documents", "numbering", "{short}-{kind}"),
    ("numbering colliding fill", "documents", "numbering", "{kind}{seq:1>3}"),
    ("numbering 5k literal", "documents", "numbering", "X" * 5000 + "{kind}{seq}"),
    ("numbering unbalanced brace", "documents", "numbering", "{kind}{seq}}"),
    ("numbering NUL literal", "documents", "numbering", "a\x00{kind}{seq}"),
    ("company name NUL", "company", "name", "北京智衡\x00科技"),
    ("policy escape sequence", "policy", "statement", "\x1b[2J cleared"),
    ("agency 10k characters", "org", "agency", "A" * 10_000),
]
CLI_FIELDS = {"short_name ../ traversal", "short_name deep traversal", "short_name absolute path",
              "short_name NUL", "short_name 10k characters",
              "numbering width 10M", "numbering precision", "numbering attribute",
              "numbering index", "numbering without seq", "company name NUL"}


def _alias_bomb(example: str) -> str:
    lines = ['b0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n" + example.replace("products:", "products: *b9 #", 1)


# (attack name, text from the example); the text reaches `ipms draft` as a file, the web as is
HOSTILE_YAML: list[tuple[str, Callable[[str], str]]] = [
    ("nested 10k lists", lambda ex: "company: " + "[" * 10_000 + "]" * 10_000),
    ("nested 300 mappings", lambda ex: "".join(" " * i + "k:\n" for i in range(300)) + " " * 300
     + "v: 1\n"),
    ("alias bomb", _alias_bomb),
    ("merge-key alias", lambda ex: "base: &base {name: x}\n" + ex.replace(
        "company:", "company:\n  <<: *base", 1)),
    ("1 MB of padding", lambda ex: "# padding\n" * 100_000 + ex),
    ("a list, not a mapping", lambda ex: "- company\n- people\n"),
    ("a scalar", lambda ex: "just some text"),
    ("empty", lambda ex: ""),
    ("python object tag", lambda ex: "!!python/object/apply:os.system ['touch {escape}/tagged']"),
    ("integer of 6000 digits", lambda ex: ex.replace("staff: 180", "staff: " + "9" * 6000)),
    ("impossible date", lambda ex: ex.replace("2026-12-01", "2026-13-01")),
    ("control characters", lambda ex: ex.replace("industry: 新材料", "industry: \x07\x08")),
]
CLI_YAML = {"nested 10k lists", "alias bomb", "1 MB of padding", "python object tag",
            "integer of 6000 digits"}


# -- the CLI --------------------------------------------------------------------------------------
def _draft(lab: Lab, box: Box, intake: str | bytes | Path, *extra: str,
           timeout: float = 90) -> CliResult:
    """`ipms draft INTAKE --out a/b/out EXTRA` run in a/b with HOME at the box's home."""
    if isinstance(intake, Path):
        path = intake
    else:
        path = lab.folder("intake") / "intake.yaml"
        if isinstance(intake, bytes):
            path.write_bytes(intake)
        else:
            path.write_text(intake, encoding="utf-8")
    out = extra[0] if extra and not extra[0].startswith("-") else str(box.out)
    rest = extra[1:] if extra and not extra[0].startswith("-") else extra
    return lab.cli("draft", str(path), "--out", out, *rest, home=_ipms_home(lab), cwd=box.cwd,
                   env={"HOME": str(box.home)}, timeout=timeout)


def _cli_field(section: str, key: str, value: str):
    def run(lab: Lab) -> Outcome:
        box = _box(lab)
        text = _with(_example(lab), section, key, box.payload(value))
        before = box.tree()
        return _judge(box, before, _draft(lab, box, text, timeout=60))
    return run


def _cli_yaml(make: Callable[[str], str]):
    def run(lab: Lab) -> Outcome:
        box = _box(lab)
        text = box.payload(make(_example(lab)))
        before = box.tree()
        return _judge(box, before, _draft(lab, box, text, timeout=60))
    return run


def _cli_intake_file(make: Callable[[Lab], Path]):
    def run(lab: Lab) -> Outcome:
        box = _box(lab)
        path = make(lab)
        before = box.tree()
        return _judge(box, before, _draft(lab, box, path, timeout=30))
    return run


def _fake_package(folder: Path, extra: dict[str, str] | None = None) -> None:
    """A package as ipms marks it (a marker listing its files), plus `extra` files it did not
    write."""
    (folder / "01-manual").mkdir(parents=True, exist_ok=True)
    (folder / "01-manual" / "old manual.docx").write_text("old", encoding="utf-8")
    (folder / MARKER).write_text(json.dumps({"written_by": "ipms", "format": 1,
                                             "files": ["01-manual/old manual.docx"]}),
                                 encoding="utf-8")
    for rel, text in (extra or {}).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")


def _forged(folder: Path, marker: str = "{not json") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(marker, encoding="utf-8")
    (folder / "thesis.docx").write_text("years of work", encoding="utf-8")


def _force(target: Callable[[Box], str], prepare: Callable[[Box], None] | None = None,
           force: bool = True):
    """`ipms draft --out TARGET --force` where TARGET must never be replaced."""
    def run(lab: Lab) -> Outcome:
        box = _box(lab)
        if prepare is not None:
            prepare(box)
        before = box.tree()
        flags = ("--force",) if force else ()
        result = _draft(lab, box, _example(lab), target(box), *flags, timeout=60)
        return _judge(box, before, result, may_draft=False)
    return run


def _link_to_project(box: Box) -> None:
    (box.cwd / "link").symlink_to(box.cwd / "project", target_is_directory=True)


def _force_keeps_foreign(lab: Lab) -> Outcome:
    """`--force` on a package folder holding a file of the user's: the package is replaced,
    the user's file is kept as it was, and nothing outside the folder changes (issue 17:
    --force touches only what the package writes)."""
    box = _box(lab)
    _fake_package(box.out, {"notes.txt": "mine"})
    before = box.tree()
    result = _draft(lab, box, _example(lab), str(box.out), "--force", timeout=60)
    if result.code != 0:
        return Outcome(False, f"refused: {result.err.strip()[-80:]}")
    notes = box.out / "notes.txt"
    if not notes.is_file() or notes.read_text(encoding="utf-8") != "mine":
        return Outcome(False, "the user's notes.txt was not kept")
    problem = _changes(box, before, skip=box.out)
    if problem:
        return Outcome(False, f"drafted, but {problem}")
    return Outcome(True, "replaced the package, kept the user's file")


FORCE_ATTACKS: list[tuple[str, Callable[[Lab], Outcome]]] = [
    ("--force on a project folder", _force(lambda b: str(b.cwd / "project"))),
    ("--force on .", _force(lambda b: ".")),
    ("--force on ..", _force(lambda b: "..")),
    ("--force on the home folder", _force(lambda b: str(b.home))),
    ("--force on /", _force(lambda b: "/")),
    ("--force on the box (holds the current folder)", _force(lambda b: str(b.root))),
    ("--force on a forged marker", _force(lambda b: str(b.out), lambda b: _forged(b.out))),
    ("--force on a marker of another shape", _force(
        lambda b: str(b.out), lambda b: _forged(b.out, '["written_by", "ipms"]'))),
    ("--force on a marker listing nothing real", _force(
        lambda b: str(b.out), lambda b: _forged(b.out, '{"written_by": "ipms", "files": 7}'))),
    ("--force on a package holding a foreign file", _force_keeps_foreign),
    ("--force through a link to a project", _force(lambda b: str(b.cwd / "link"),
                                                    _link_to_project)),
    ("--out is a file", _force(lambda b: str(b.cwd / "sentinel.txt"))),
    ("--out below a file", _force(lambda b: str(b.cwd / "sentinel.txt" / "pkg"))),
    ("--out named with 300 characters", _force(lambda b: str(b.cwd / ("p" * 300)))),
    ("--out an existing package without --force", _force(
        lambda b: str(b.out), lambda b: _fake_package(b.out), force=False)),
]


# -- signals and kills ------------------------------------------------------------------------------
def _hidden(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".")] if folder.is_dir() else []


def _spawn_until_staging(lab: Lab, box: Box, intake: Path, *extra: str
                         ) -> tuple[subprocess.Popen | None, str]:
    """Start `ipms draft` and wait until its staging folder appears beside the output."""
    proc = lab.spawn("draft", str(intake), "--out", str(box.out), *extra, home=_ipms_home(lab),
                     env={"HOME": str(box.home)})
    known = set(_hidden(box.cwd))
    deadline = time.monotonic() + 60
    while not set(_hidden(box.cwd)) - known:
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            proc.communicate()
            return None, "no staging folder appeared while drafting"
        time.sleep(0.05)
    time.sleep(0.3)  # well into writing documents
    return proc, ""


def _intake_file(lab: Lab, text: str) -> Path:
    path = lab.folder("intake") / "intake.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _terminated(signum: int):
    def run(lab: Lab) -> Outcome:
        box = _box(lab)
        intake = _intake_file(lab, _example(lab))
        before = box.tree()
        proc, problem = _spawn_until_staging(lab, box, intake)
        if proc is None:
            return Outcome(False, problem)
        proc.send_signal(signum)
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            return Outcome(False, "still running 60 s after the signal")
        text = err.decode("utf-8", "replace")
        if "Traceback" in text:
            return Outcome(False, f"traceback: {text.strip().splitlines()[-1][:100]}")
        problem = _changes(box, before)
        if problem:
            return Outcome(False, f"exit {proc.returncode}; {problem}")
        return Outcome(True, f"exit {proc.returncode}, nothing left")
    return run


def _killed_then_replaced(lab: Lab) -> Outcome:
    """Two drafts killed with SIGKILL while writing; then a run with a numbering scheme full of
    separators replaces the (marked) package with --force: it cleans what the killed runs left
    and writes only inside the output folder."""
    box = _box(lab)
    _fake_package(box.out)
    intake = _intake_file(lab, _with(_example(lab), "documents", "numbering",
                                     "../../../{short}/{kind}-{seq:02d}"))
    before = box.tree()
    for _ in range(2):
        proc, problem = _spawn_until_staging(lab, box, intake, "--force")
        if proc is None:
            return Outcome(False, problem)
        proc.kill()
        proc.communicate()
    left = len(_hidden(box.cwd))
    result = _draft(lab, box, intake, "--force", timeout=120)
    if result.code != 0:
        return Outcome(False, f"the run after the kills failed: {result.succeeded().detail}")
    problem = _changes(box, before, skip=box.out) or _package_inside(box.out)
    if problem:
        return Outcome(False, problem)
    if (box.out / "01-manual" / "old manual.docx").exists():
        return Outcome(False, "the old package was not replaced")
    # the old marker gives no hash: its file may have been edited, so it is kept, not deleted
    if not list((box.out / REPLACED).glob("*/01-manual/old manual.docx")):
        return Outcome(False, f"the old manual (no hash in its marker) was not kept in {REPLACED}")
    return Outcome(True, f"{left} staging folder(s) of killed runs cleaned; package inside")


def _live_staging_kept(lab: Lab) -> Outcome:
    """A staging folder whose lock a live process holds is another draft's: a new run beside it
    must keep it, and remove one whose lock nobody holds."""
    box = _box(lab)
    live, dead = box.cwd / ".ipms-draft-staging-live", box.cwd / ".ipms-draft-staging-dead"
    for folder in (live, dead):
        (folder / "package").mkdir(parents=True)
        (folder / "lock").write_text("", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom filelock import FileLock\n"
         "lock = FileLock(sys.argv[1]); lock.acquire(); print('held', flush=True); time.sleep(60)",
         str(live / "lock")], stdout=subprocess.PIPE, text=True)
    try:
        if holder.stdout.readline().strip() != "held":
            return Outcome(False, "the lock holder did not start")
        _fake_package(box.out)
        result = _draft(lab, box, _example(lab), timeout=60)  # refused: exists, no --force
    finally:
        holder.kill()
        holder.wait()
    if not live.exists():
        return Outcome(False, "removed a live draft's staging folder")
    if dead.exists():
        return Outcome(False, "left a dead draft's staging folder")
    refused = result.refused_cleanly()
    return refused if not refused.survived else Outcome(True, "live kept, dead removed")


def _intake_files() -> list[tuple[str, Callable[[Lab], Path]]]:
    def folder(lab: Lab) -> Path:
        return lab.folder("intake-folder")

    def fifo(lab: Lab) -> Path:
        path = lab.folder("fifo") / "intake.yaml"
        os.mkfifo(path)
        return path

    def binary(lab: Lab) -> Path:
        path = lab.folder("binary") / "intake.yaml"
        path.write_bytes(b"\xff\xfe\x00\x01company:\x00\x9c" * 100)
        return path

    def missing(lab: Lab) -> Path:
        return lab.folder("missing") / "no-such-intake.yaml"

    return [("intake is a folder", folder), ("intake is /dev/zero", lambda lab: Path("/dev/zero")),
            ("intake is a FIFO", fifo), ("intake of binary bytes", binary),
            ("intake does not exist", missing)]


# -- the web handler --------------------------------------------------------------------------------
_WEB: dict[int, tuple] = {}


def _web(lab: Lab):
    """Services as `ipms serve` builds them, with their downloads folder inside a sentinel box."""
    if id(lab) not in _WEB:
        from assistant.corpus.store import Corpus
        from assistant.settings import Settings
        from assistant.web import handlers as h
        from assistant.web.downloads import DownloadsFolder
        from generators.templates_io import TemplateSet

        box = _box(lab)
        (box.root / "tmp").mkdir()
        settings = Settings(home=lab.folder("web-home"), embedding_model="hashing")
        services = h.Services(settings, Corpus.load(settings), None, TemplateSet(),
                              DownloadsFolder(box.root / "tmp"))
        _WEB[id(lab)] = (services, box)
    return _WEB[id(lab)]


def _web_draft(make_text: Callable[[Lab, Box], str]):
    """The Draft tab's handlers with a hostile questionnaire: validation, then draft_zip."""
    def run(lab: Lab) -> Outcome:
        from assistant.errors import IpmsError
        from assistant.web import handlers as h

        services, box = _web(lab)
        text = make_text(lab, box)
        before = box.tree()
        try:
            h.intake_problems(text)
            archive, _ = h.draft_zip(services, text, "zh")
        except IpmsError as exc:
            problem = _changes(box, before)
            if "\n" in str(exc):
                return Outcome(False, "a refusal of several lines")
            return Outcome(False, f"refused, but {problem}") if problem else Outcome(
                True, str(exc)[:120])
        except Exception as exc:  # noqa: BLE001 - any other exception is what the attack finds
            return Outcome(False, f"raised {exc.__class__.__name__}: {str(exc)[:100]}")
        problem = _changes(box, before, skip=services.downloads)
        added = sorted(set(box.tree()) - set(before))
        files = [a for a in added if not (box.root / a).is_dir()]
        archive_rel = Path(archive).relative_to(box.root).as_posix()
        if problem or files != [archive_rel]:
            return Outcome(False, f"drafted, but {problem or 'wrote ' + str(files[:2])}")
        names = zipfile.ZipFile(archive).namelist()
        bad = [n for n in names if n.startswith("/") or ".." in n.split("/") or "\\" in n]
        if bad:
            return Outcome(False, f"zip entry {bad[0]!r}")
        return Outcome(True, f"drafted: {len(names)} plain zip entries")
    return run


def attacks() -> list[Attack]:
    out = []
    for name, section, key, value in HOSTILE_FIELDS:
        out.append(Attack(f"web: {name}", _web_draft(
            lambda lab, box, s=section, k=key, v=value: _with(_example(lab), s, k, box.payload(v)))))
    for name, make in HOSTILE_YAML:
        out.append(Attack(f"web: {name}", _web_draft(
            lambda lab, box, m=make: box.payload(m(_example(lab))))))
    out.append(Attack("web: numbering with ../ and an absolute path drafts inside", _web_draft(
        lambda lab, box: _with(_example(lab), "documents", "numbering", box.payload(
            "{escape}/../{short}/{kind}{seq:03d}")))))
    for name, section, key, value in HOSTILE_FIELDS:
        if name in CLI_FIELDS:
            out.append(Attack(f"cli: {name}", _cli_field(section, key, value)))
    for name, make in HOSTILE_YAML:
        if name in CLI_YAML:
            out.append(Attack(f"cli: {name}", _cli_yaml(make)))
    for name, make_path in _intake_files():
        out.append(Attack(f"cli: {name}", _cli_intake_file(make_path)))
    for name, run in FORCE_ATTACKS:
        out.append(Attack(f"cli: {name}", run))
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        out.append(Attack(f"cli: {signal.Signals(signum).name} while drafting", _terminated(signum)))
    out.append(Attack("cli: killed twice, then --force with ../ in the numbering",
                      _killed_then_replaced))
    out.append(Attack("cli: a live draft's staging folder is kept", _live_staging_kept))
    return out
