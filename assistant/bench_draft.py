"""`ipms bench --draft`: the drafted package for the example company against each standard a
package can be drafted to — coverage (requirement clauses addressed / excluded / gaps) and the
time to draft the whole package (intake, templates, plan, every .docx written), per standard."""
from __future__ import annotations

import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TARGET_SECONDS = 10.0  # issue 15: drafting one package, whole process


@dataclass(frozen=True)
class DraftFigures:
    """One standard's figures: `seconds` wall and `cpu_seconds` for the whole draft."""

    standard: str
    designation: str
    clauses: int
    addressed: int
    excluded: int
    gaps: int
    files: int
    seconds: float
    cpu_seconds: float


def draft_figures(corpus, standard: str, intake_file: Path, language: str,
                  work: Path, compiled_dir: Path | None = None) -> DraftFigures:
    """Draft the package for `intake_file` to `standard` into `work` and measure it. Templates
    and the intake are read afresh, as `ipms draft` does (its compiled templates kept in
    `compiled_dir`, as `ipms draft` keeps them in <home>/cache/templates)."""
    from generators.intake import load_intake
    from generators.package import draft_package
    from generators.templates_io import TemplateSet

    wall, cpu = time.perf_counter(), time.process_time()
    result = draft_package(load_intake(intake_file), corpus, work / standard, language, standard,
                           templates=TemplateSet(compiled_dir=compiled_dir))
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu
    counts = result.plan.counts()
    return DraftFigures(standard, result.plan.standard.designation(language),
                        len(result.plan.clauses), counts["addressed"], counts["excluded"],
                        counts["gap"], len(result.files), seconds, cpu_seconds)


def run_draft_benchmark(settings, language: str = "zh",
                        echo: Callable[[str], None] = print) -> list[DraftFigures]:
    """Print and return the figures for every standard (generators.target.STANDARDS), for the
    example company of generators/templates/intake.<language>.yaml; then issue 17's figures for
    every example company, `language` first, then the other language (`examples`)."""
    from assistant.corpus.store import Corpus
    from generators.target import STANDARDS
    from generators.templates_io import TEMPLATES_DIR

    started = time.perf_counter()
    corpus = Corpus.load(settings)
    echo(f"corpus loaded in {time.perf_counter() - started:.2f} s (once, shared by the drafts)")
    intake_file = TEMPLATES_DIR / f"intake.{language}.yaml"
    compiled = settings.home / "cache" / "templates"  # as `ipms draft` keeps them
    echo(f"example company: {intake_file.name}; target under {TARGET_SECONDS:.0f} s a package")
    echo(f"{'standard':<34} {'req.':>4} {'addr.':>5} {'excl.':>5} {'gaps':>4} {'files':>5} "
         f"{'wall s':>7} {'cpu s':>6}")
    out = []
    with tempfile.TemporaryDirectory(prefix="ipms-bench-draft-") as folder:
        for standard in STANDARDS:
            f = draft_figures(corpus, standard, intake_file, language, Path(folder), compiled)
            out.append(f)
            flag = "" if f.seconds < TARGET_SECONDS else "  (over target)"
            echo(f"{f.designation + ' (' + standard + ')':<34} {f.clauses:>4} {f.addressed:>5} "
                 f"{f.excluded:>5} {f.gaps:>4} {f.files:>5} {f.seconds:>7.2f} "
                 f"{f.cpu_seconds:>6.2f}{flag}")
        for example_language in (language, *{"zh", "en"} - {language}):  # the examples in both
            examples(corpus, example_language, Path(folder) / example_language, echo, compiled)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    echo(f"peak memory {peak:.0f} MB")
    return out


def examples(corpus, language: str, work: Path, echo: Callable[[str], None],
             compiled_dir: Path | None = None) -> None:
    """Issue 17's figures for each example company of generators/templates/examples (drafted
    to the standard its intake names): drafting time with the package lint, lint findings,
    leftover markers (the lint's `leftover` kind), blank pages once LibreOffice has laid every
    document out (generators.page_check), and what numbering the manual's contents with
    LibreOffice (`ipms draft`'s default when it is installed; `--no-toc-pages` leaves it out)
    adds to the time."""
    from generators import page_check
    from generators.intake import load_intake
    from generators.package import draft_package
    from generators.templates_io import TEMPLATES_DIR, TemplateSet

    echo(f"{'example company (' + language + ')':<26} {'files':>5} {'wall s':>7} {'cpu s':>6} "
         f"{'lint':>5} {'leftover':>8} {'pages':>6} {'blank':>5} {'+toc s':>7}")
    for intake_file in sorted((TEMPLATES_DIR / "examples").glob(f"*.{language}.yaml")):
        intake = load_intake(intake_file)
        name = intake_file.name.split(".")[0]
        timed = []
        for toc_pages in (False, True):
            wall, cpu = time.perf_counter(), time.process_time()
            result = draft_package(intake, corpus, work / f"{name}-{toc_pages}", language,
                                   templates=TemplateSet(compiled_dir=compiled_dir),
                                   toc_pages=toc_pages)
            timed.append((time.perf_counter() - wall, time.process_time() - cpu, result))
        (seconds, cpu_seconds, result), (toc_seconds, _, _) = timed
        leftovers = sum(f.kind == "leftover" for f in result.findings)
        pages = blank = "-"
        if page_check.available():
            counted = page_check.blank_pages(result.out_dir, intake.company.name)
            pages, blank = str(counted.pages), str(len(counted.blank))
        flag = "" if seconds < TARGET_SECONDS else "  (over target)"
        echo(f"{name:<26} {len(result.files):>5} {seconds:>7.2f} {cpu_seconds:>6.2f} "
             f"{len(result.findings):>5} {leftovers:>8} {pages:>6} {blank:>5} "
             f"{toc_seconds - seconds:>+7.2f}{flag}")
