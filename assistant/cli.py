"""The `ipms` command line. Each command calls one library function; errors print one line.

Heavy libraries are imported inside the commands that need them, so `ipms clause` stays fast.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from assistant.errors import IpmsError, ListedProblems, describe_os_error


def _settings():
    from assistant.settings import load_settings

    return load_settings()


def _corpus(settings):
    from assistant.corpus.store import Corpus

    return Corpus.load(settings)


def _emit_json(data: object, compact: bool = False) -> None:
    if compact:
        click.echo(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    else:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def setup_threads(command: str | None = None) -> int | None:
    """Set the math libraries' thread counts for this process from the settings, before any of
    them loads (assistant/threads.py): the web app's count for `serve`, the command line's for
    any other command. Returns the count, or None when the settings cannot be read (the command
    reports that itself when it reads them)."""
    from assistant.threads import setup_threads as apply

    try:
        settings = _settings()
    except IpmsError:
        return None
    return apply(settings, "web" if command in ("serve", "web") else "cli")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ipms-assistant")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Clause-exact answers about IP management standards (贯标), offline."""
    setup_threads(ctx.invoked_subcommand)


@cli.command()
@click.argument("words", nargs=-1, required=True, metavar="[DOC] NUMBER")
@click.option("--doc", help="Document id (default: the primary standard, bj-ipm).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Show the clause in this language (its rendition), with the original beside it.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def clause(words: tuple[str, ...], doc: str | None, lang: str | None, as_json: bool) -> None:
    """Print a clause with its whole subtree, e.g. `ipms clause 4.3.2 --lang en` or
    `ipms clause gbt29490-2023 8.2` (the document id first, as --doc)."""
    from assistant.answer.clause_view import clause_view

    number, doc = _clause_words(words, doc)
    view = clause_view(_corpus(_settings()), number, doc, lang)
    if as_json:
        _emit_json(view.to_json())
    else:
        click.echo(view.text)


def _clause_words(words: tuple[str, ...], doc: str | None) -> tuple[str, str | None]:
    """`ipms clause [DOC] NUMBER`: the number and the document id, given first or as --doc.

    Raises click.UsageError for more than two words or a document named twice."""
    if len(words) > 2:
        raise click.UsageError("give a clause NUMBER, optionally after a document id: "
                               "ipms clause [DOC] NUMBER")
    if len(words) == 2:
        if doc is not None and doc != words[0]:
            raise click.UsageError(f"two documents given: {words[0]} and --doc {doc}")
        return words[1], words[0]
    return words[0], doc


@cli.command()
@click.argument("question", required=False)
@click.option("--doc", help="Only search this document id.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--jsonl", "jsonl", type=click.Path(path_type=Path),
              help="Answer every question in FILE (one per line, text or {\"question\": ...}); "
                   "write one JSON object per line.")
def ask(question: str | None, doc: str | None, as_json: bool, jsonl: Path | None) -> None:
    """Answer a question with verbatim, cited clauses."""
    from assistant.llm.factory import make_answerer

    if (question is None) == (jsonl is None):
        raise click.UsageError("give either a QUESTION or --jsonl FILE")
    settings = _settings()
    if jsonl:
        _ask_batch(settings, jsonl, doc)
        return
    answerer = make_answerer(settings, _corpus(settings))
    doc = _document(answerer.corpus, doc)  # an unknown id fails before any work
    answer = answerer.answer(question, doc)
    if as_json:
        _emit_json(answer.to_json())
    else:
        click.echo(answer.answer)


def _document(corpus, given: str | None) -> str | None:
    """The document or profile id `--doc` names (an id, a designation, an edition: as `ipms
    clause` reads it); None when not given. Raises IpmsError listing the known ids."""
    from assistant.answer.clause_view import document_given

    return document_given(corpus, given) if given else None


def _ask_batch(settings, path: Path, doc: str | None) -> None:
    """`ask --jsonl`: one JSON record per non-blank line, in order; a line that is no question
    (or whose question is refused) gets a record with its error, and the others are answered.
    Exit 2 (bad input, as every refused input), with one line on stderr, when any line failed."""
    from assistant.answer.batch import read_batch
    from assistant.llm.factory import make_answerer

    batch = read_batch(path, settings.max_question_chars)
    answerer = make_answerer(settings, _corpus(settings))
    doc = _document(answerer.corpus, doc)  # an unknown id fails before any work
    failed = []
    for item in batch:
        if not item.error:
            try:
                _emit_json(answerer.answer(item.question, doc).to_json(), compact=True)
                continue
            except IpmsError as exc:
                item = type(item)(item.line, item.question, f"{path.name} line {item.line}: {exc}")
        failed.append(item)
        _emit_json(item.error_record(), compact=True)
    if failed:
        click.echo(f"ipms: error: {len(failed)} of {len(batch)} lines not answered; first: "
                   f"{one_line(failed[0].error, 300)}", err=True)
        raise click.exceptions.Exit(2)


@cli.command()
def index() -> None:
    """Rebuild the search index (lexical and dense) for the current corpus."""
    from assistant.retrieval.retriever import Retriever

    settings = _settings()
    info = Retriever(settings, _corpus(settings)).build()
    click.echo(" ".join(f"{k}={v}" for k, v in info.items()))


@cli.group()
def corpus() -> None:
    """List, check and extend the corpus."""


@corpus.command("list")
def corpus_list() -> None:
    """The documents in the corpus."""
    from assistant.answer.status import kind_label
    from assistant.standards.profile_view import profile_lines

    corpus_ = _corpus(_settings())
    for doc in corpus_.documents.values():
        m = doc.meta
        click.echo(f"{m.id:<20} {kind_label(m):<13} {m.language}  {len(doc.clauses):>4} clauses  "
                   + m.both_titles + (f"  [{m.number}]" if m.number else "")
                   + (f"  (profile {m.profile})" if m.profile else ""))
    for line in profile_lines(corpus_):
        click.echo(line)


@corpus.command("check")
@click.option("--doc", help="Only this document (default: every document).")
def corpus_check(doc: str | None) -> None:
    """List numbering defects (duplicates, gaps, inferred numbers, unnumbered headings) and signs
    of a broken clause tree, for every document or one."""
    from assistant.corpus.import_report import document_findings

    corpus_ = _corpus(_settings())
    doc = _document(corpus_, doc)
    if doc and doc not in corpus_.documents:  # a standard profile: no text of its own to check
        from assistant.standards.profiles import load_profile

        profile = load_profile(doc)
        click.echo(f"{doc} ({profile.designation}): a standard profile, {len(profile.clauses)} "
                   "clauses with our summaries; its text is not in the corpus, so there is no "
                   "numbering to check (scripts/check_profiles.py checks the profile files)")
        return
    docs = [corpus_.get(doc)] if doc else list(corpus_.documents.values())
    for document in docs:
        m = document.meta
        click.echo(f"{document.id} ({m.file}, read by {m.structure}, {len(document.clauses)} "
                   f"{'clauses' if m.structure == 'clauses' else 'sections'}): "
                   f"{len(document.defects)} defects")
        for d in document.defects:
            where = f"line {d.line}" if d.line else "—"
            click.echo(f"  {where:<9} {d.kind:<19} {d.number:<9} {d.message}")
        for finding in document_findings(document):
            click.echo(f"  looks broken: {finding.message}")


def _update_index() -> None:
    """After a corpus change: update an existing search index now (only the changed document's
    units are embedded). A failure leaves the change standing; the next question rebuilds."""
    from assistant.retrieval.indexes import update_index

    try:
        done = update_index(_settings())
    except Exception as exc:  # the corpus change stands whatever went wrong here
        reason = str(exc) if isinstance(exc, (IpmsError, OSError)) else \
            f"{exc.__class__.__name__}: {exc}"
        click.echo(f"ipms: warning: the search index was not updated "
                   f"({one_line(reason, 200)}); the next question rebuilds it", err=True)
        return
    if done:
        click.echo(f"index updated: {done.get('embedded', 0)} of {done['units']} units embedded, "
                   f"{done.get('tokenized', 0)} tokenized")


@corpus.command("add")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "doc_id", default=None,
              help="Document id, e.g. gbt29490-2013 (with --profile: the profile's id).")
@click.option("--title", default=None, help="Title of the document (with --profile: the profile's).")
@click.option("--title-en", default="", help="English title, if the title is Chinese.")
@click.option("--kind", type=click.Choice(["standard", "guide", "notice"]), default="standard",
              help="standard (default; a company's own rules are added as this and listed as "
                   "company rules), guide or notice.")
@click.option("--replace", is_flag=True, help="Replace the document you added with this id.")
@click.option("--alias", "aliases", multiple=True,
              help="Another name questions may use for it (repeatable), e.g. \"GB/T 29490\".")
@click.option("--dry-run", is_flag=True,
              help="Print the clause tree and the import report; change nothing.")
@click.option("--accept-defects", is_flag=True,
              help="Add it even when the clause tree looks broken.")
@click.option("--profile", default="",
              help="The licensed text of a profiled standard (gbt29490-2023, gbt29490-2013, "
                   "iso56005-2020): its clauses are matched with the profile's.")
def corpus_add(file: Path, doc_id: str | None, title: str | None, title_en: str, kind: str,
               replace: bool, aliases: tuple[str, ...], dry_run: bool,
               accept_defects: bool, profile: str) -> None:
    """Add a standard or your company's own rules (text, .md, .docx or .pdf) to the corpus and
    print what was found in it; a clause tree that looks broken is refused unless --accept-defects."""
    from assistant.corpus.build import add_user_document

    def show(report) -> None:
        if dry_run:
            click.echo("\n".join(report.tree_lines()))
        click.echo("\n".join(report.lines()))

    if profile:
        from assistant.standards.profile_view import import_defaults

        doc_id, title, title_en = import_defaults(profile, doc_id, title, title_en)
    if not doc_id or not title:
        raise click.UsageError("give --id and --title (or --profile ID)")
    meta = add_user_document(_settings(), file, doc_id, title, title_en, kind, replace=replace,
                             aliases=aliases, accept_defects=accept_defects, dry_run=dry_run,
                             on_report=show, profile=profile,
                             on_profile=lambda match: click.echo("\n".join(match.lines())))
    if dry_run:
        click.echo(f"dry run: {meta.id} would be read by {meta.structure}; nothing was changed")
        return
    click.echo(f"added {meta.id}: {meta.language}, parsed by {meta.structure}")
    _update_index()


@corpus.command("remove")
@click.argument("doc_id")
def corpus_remove(doc_id: str) -> None:
    """Remove a document you added."""
    from assistant.corpus.build import remove_user_document

    remove_user_document(_settings(), doc_id)
    click.echo(f"removed {doc_id}")
    _update_index()


@corpus.command("build")
@click.option("--seeds", type=click.Path(path_type=Path), default=None,
              help="Folder of raw source texts (default: ../shared/seeds beside the project).")
def corpus_build(seeds: Path | None) -> None:
    """Re-clean the shipped documents from their raw sources (maintainers)."""
    from assistant.corpus.build import build_shipped_corpus
    from assistant.settings import PROJECT_ROOT

    settings = _settings()
    results = build_shipped_corpus(seeds or PROJECT_ROOT.parent / "shared" / "seeds",
                                   settings.corpus_dir)
    for doc_id, result in results.items():
        click.echo(f"{doc_id}: removed {len(result.dropped)} lines of furniture")
        for line, reason, text in result.dropped:
            click.echo(f"  line {line:<4} {reason:<26} {text[:60]}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; 0.0.0.0 serves the whole network.")
@click.option("--port", default=7860, show_default=True, type=int)
@click.option("--users", type=click.Path(path_type=Path), default=None,
              help="Users file (name:pbkdf2 hash per line) to require a login; IPMS_USERS works too.")
@click.option("--concurrency", default=4, show_default=True, type=int,
              help="Requests handled at once; the rest wait in the queue.")
def serve(host: str, port: int, users: Path | None, concurrency: int) -> None:
    """Start the web app (Ask, Browse, Draft, Train); `ipms web` is the same command."""
    from assistant.web.server import serve_command

    def load_services():
        from assistant.threads import build_threads
        from assistant.web.handlers import Services

        settings = _settings()
        with build_threads(settings):  # an index built before the first visitor: all its threads
            return Services.load(settings)

    serve_command(host, port, users, os.environ.get("IPMS_USERS"), concurrency, load_services,
                  echo=click.echo)


# `ipms web` is what users guess (and what the web app is called): the same command as serve.
cli.add_command(serve, "web")


def _user_name(ctx, param, value: str) -> str:
    from assistant.web.auth import checked_name

    return checked_name(value)  # before the password prompt


@cli.command("user-hash")
@click.argument("name", callback=_user_name)
@click.password_option()
def user_hash(name: str, password: str) -> None:
    """Print a users-file line for NAME (the password is asked for, never echoed; at least
    10 characters; the name without ':', ';', spaces or control characters)."""
    from assistant.web.auth import users_line

    click.echo(users_line(name, password))


@cli.group()
def intake() -> None:
    """The intake questionnaire of company facts."""


@intake.command("template")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--example", default="manufacturer", show_default=True,
              help="The example company: manufacturer, saas (software/SaaS) or life-sciences.")
def intake_template(lang: str, example: str) -> None:
    """Print a commented questionnaire with an example company: `> intake.yaml`."""
    from generators.templates_io import TemplateSet

    click.echo(TemplateSet().intake_example(lang, example), nl=False)


@intake.command("check")
@click.argument("file", type=click.Path(path_type=Path))
def intake_check(file: Path) -> None:
    """Validate a questionnaire; every problem is listed with its field path and line (exit 2);
    the diagnosis facts it still lacks are listed as warnings (exit 0)."""
    from generators.intake import load_intake_report
    from generators.intake_reading import reading

    facts, report = load_intake_report(file)
    zh = report.language == "zh"
    count = len(facts.org.departments)
    click.echo(f"{file.name}：通过（{facts.company.name}，{count} 个部门）" if zh
               else f"{file.name}: ok ({facts.company.name}, {count} departments)")
    for line in reading(facts, report.language):
        click.echo(line)
    for warning in report.warnings:
        click.echo(("警告：" if zh else "warning: ") + warning.text(report.language))


@dataclass
class CountedPolish:
    """`ipms draft --polish`'s polisher (generators.polish) as the manual calls it, counting the
    passages it was given and those that came back reworded."""

    polisher: Callable[[str, str], str]
    offered: int = 0
    changed: int = 0

    def __call__(self, where: str, text: str) -> str:
        result = self.polisher(where, text)
        self.offered += 1
        self.changed += result != text
        return result


# why generators.polish kept a passage's template text ('<where> (<reason>)'), as a user reads it
KEPT_REASONS = {"references changed": ("its rewrite", "their rewrites",
                                       " added, dropped or changed a clause or document number"),
                "model failed": ("the language model", "the language model", " gave no answer")}
LISTED = 10  # passages named in the line; the rest counted


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def polish_line(offered: int, changed: int, kept: list[str]) -> str:
    """The line `ipms draft --polish` prints: how many of the manual's passages the language
    model reworded, and which kept the template's wording and why (generators.polish's `kept`
    entries, '<where> (<reason>)'), e.g. 'polish: the language model reworded 10 of the
    manual's 12 passages; 2 passages keep the template's wording because its rewrite added,
    dropped or changed a clause or document number: 4.1 …, 4.2 ….'"""
    if not offered:
        return "polish: the manual has no passage for the language model to reword."
    line = (f"polish: the language model reworded {changed} of the manual's "
            f"{_count(offered, 'passage')}")
    groups: dict[str, list[str]] = {}
    for entry in kept:
        where, _, reason = entry.rpartition(" (")
        reason = reason.rstrip(")") if where else ""
        groups.setdefault(reason, []).append(where or entry)
    parts = []
    for key, places in groups.items():
        one, many, said = KEPT_REASONS.get(
            key, ("the guard", "the guard", f" refused it ({key})" if key else " refused it"))
        keep, reason = ("keeps", one + said) if len(places) == 1 else ("keep", many + said)
        named = ", ".join(places[:LISTED]) + (f" and {len(places) - LISTED} more"
                                              if len(places) > LISTED else "")
        parts.append(f"{_count(len(places), 'passage')} {keep} the template's wording because "
                     f"{reason}: {named}")
    return line + "".join(f"; {p}" for p in parts) + "."


@cli.command()
@click.argument("intake_file", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), help="Folder to write the package to.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the package (default: the intake's — Chinese when its company "
                   "name is, else English).")
@click.option("--standard", default=None,
              help="Standard the package is drafted to: gbt29490-2023, gbt29490-2013 or bj-ipm "
                   "(default: the intake's `standard`, else gbt29490-2023).")
@click.option("--force", is_flag=True,
              help="Replace a package ipms wrote there before (never any other folder).")
@click.option("--reference-docx", type=click.Path(path_type=Path), default=None,
              help="A company .docx whose styles and letterhead the documents use.")
@click.option("--check", "check_only", is_flag=True, help="Print only the coverage report.")
@click.option("--polish", is_flag=True,
              help="Let the configured language model rewrite the manual's prose (references kept).")
@click.option("--toc-pages/--no-toc-pages", default=None,
              help="Number the manual's contents by laying it out with LibreOffice (about 3 s). "
                   "Default: whenever soffice and pdftotext are installed; without them, or "
                   "with --no-toc-pages, Word numbers them when it updates the contents.")
def draft(intake_file: Path, out: Path | None, lang: str, standard: str | None, force: bool,
          reference_docx: Path | None, check_only: bool, polish: bool,
          toc_pages: bool | None) -> None:
    """Draft the manual, control procedures, record forms, traceability and coverage."""
    from generators.intake import load_intake
    from generators.intake_report import facts_language
    from generators.package import coverage_report, draft_package
    from generators.templates_io import TemplateSet

    if out is None and not check_only:
        raise click.UsageError("give --out DIR (or --check for the coverage report only)")
    if standard is not None:
        from generators.target import check_standard

        standard = check_standard(standard)
    facts = load_intake(intake_file)
    lang = lang or facts_language(facts)
    settings = _settings()
    polisher = None
    if polish:
        from assistant.llm.chat_models import make_chat_model
        from generators.polish import make_polisher

        model = make_chat_model(settings)
        if model is None:
            raise IpmsError("--polish needs a language model: set IPMS_LLM_PROVIDER and IPMS_LLM_MODEL")
        polisher = make_polisher(model, facts.company.name, lang, facts.number_pattern())
        polisher = CountedPolish(polisher)
    templates = TemplateSet(compiled_dir=settings.home / "cache" / "templates")
    result = draft_package(facts, _corpus(settings), None if check_only else out, lang,
                           standard, force, reference_docx, templates=templates, polish=polisher,
                           toc_pages=toc_pages)
    if check_only:
        click.echo(coverage_report(result.plan))
        return
    counts = result.plan.counts()
    if polisher is not None:
        click.echo(polish_line(polisher.offered, polisher.changed, polisher.polisher.kept))
    click.echo(f"wrote {len(result.files)} files to {result.out_dir} "
               f"({result.plan.standard.designation(lang)}): 1 manual, "
               f"{_procedures_line(result.plan)}, {len(result.plan.forms)} forms; "
               f"clauses addressed {counts['addressed']}, excluded {counts['excluded']}, "
               f"gaps {counts['gap']}")
    n = len(result.findings)
    click.echo(f"package lint: {n} finding{'' if n == 1 else 's'}"
               + (" (listed in coverage.md)" if result.findings else ""))
    unconfirmed = len(result.plan.standard.unconfirmed())
    if unconfirmed:
        click.echo(f"clause numbers and titles to check against the standard's text: "
                   f"{unconfirmed} (listed in coverage.md)")
    if result.toc_line():
        click.echo(result.toc_line())
    if result.kept_line():
        click.echo(result.kept_line())
    for warning in result.warning_lines(_intake_root(intake_file)):
        click.echo(warning)


def _intake_root(path: Path):
    """The intake's YAML node tree, for the lines of `draft`'s warnings as `intake check` gives
    them; None when it cannot be read again (the warnings are printed without lines)."""
    from generators.intake_report import compose

    try:
        return compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


@cli.command()
@click.argument("clause_number", metavar="CLAUSE")
@click.option("--from", "from_standard", required=True,
              help="Standard of CLAUSE: bj-ipm, gbt29490-2013, gbt29490-2023, iso56005-2020, "
                   "a designation (GB/T 29490-2023) or an edition year (2023).")
@click.option("--to", "to_standard", default=None, help="Only this standard (default: all others).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def crosswalk(clause_number: str, from_standard: str, to_standard: str | None, lang: str,
              as_json: bool) -> None:
    """The corresponding clauses of the other standards (bj-ipm quoted, others summarised)."""
    from assistant.standards.crosswalk_view import crosswalk_view

    view = crosswalk_view(_corpus(_settings()), clause_number, from_standard, to_standard, lang)
    if as_json:
        _emit_json(view.to_json())
    else:
        click.echo(view.text)


@cli.command()
@click.option("--from", "from_standard", required=True, help="The standard certified today.")
@click.option("--to", "to_standard", required=True, help="The standard to move to.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write the report to FILE.docx (and FILE.md beside it).")
@click.option("--intake", "intake_file", type=click.Path(path_type=Path), default=None,
              help="The company's intake: its document numbers and the procedures it excludes.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the report (default: the intake's, as for `ipms draft`; "
                   "Chinese without an intake).")
@click.option("--force", is_flag=True, help="Replace an existing report file.")
def transition(from_standard: str, to_standard: str, out: Path | None, intake_file: Path | None,
               lang: str | None, force: bool) -> None:
    """The transition report: new, changed, removed and unchanged requirements by clause, with
    the documents of the drafted package each affects."""
    from assistant.standards.transition import run_transition

    run_transition(_corpus(_settings()), from_standard, to_standard, out, intake_file, lang,
                   force, echo=click.echo)


@cli.command("eval")
@click.option("--set", "set_name", default="core", show_default=True, help="Eval set under evals/sets/.")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="test", show_default=True)
@click.option("--no-reference", is_flag=True, help="Skip the reference system.")
@click.option("--llm", is_flag=True,
              help="Also evaluate model-backed answers (the configured endpoint) and the guard.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder for the JSON and Markdown reports (default: evals/reports).")
def eval_command(set_name: str, split: str, no_reference: bool, llm: bool,
                 out: Path | None) -> None:
    """Measure retrieval, citations and abstention on an eval set; check the gate on `test`."""
    from evals.runner import EVALS_DIR, run_eval

    report = run_eval(_settings(), set_name, None if split == "all" else split,
                      with_reference=not no_reference, out_dir=out or EVALS_DIR / "reports",
                      echo=click.echo, llm=llm)
    if report.gate_failures:
        raise click.exceptions.Exit(1)


@cli.command()
@click.option("--questions", type=click.Path(path_type=Path), default=None,
              help="Question file for the warm-latency run (default: evals/benchmark_questions.txt).")
@click.option("--web", is_flag=True, help="Instead: load-test the web app with simulated users.")
@click.option("--users", default=20, show_default=True, help="Simultaneous users (with --web).")
@click.option("--import", "pdf_import", is_flag=True,
              help="Instead: time and peak memory of importing a 60-page standard PDF, a "
                   "60-page .docx and (with the OCR extra) a 10-page scan.")
@click.option("--many", type=int, default=None,
              help="Instead: index, add and ask with N generated standards (e.g. 100).")
@click.option("--draft", "draft_mode", is_flag=True,
              help="Instead: coverage and drafting time of the example company's package "
                   "against each standard (gbt29490-2023, gbt29490-2013, bj-ipm).")
@click.option("--embedder", default=None,
              help="With --many: the embedding model (default: the configured one; "
                   "'hashing' for a quick run).")
def bench(questions: Path | None, web: bool, users: int, pdf_import: bool, many: int | None,
          embedder: str | None, draft_mode: bool) -> None:
    """Measure index build, start-up and per-question latency, and peak memory."""
    from assistant.settings import PROJECT_ROOT

    if draft_mode:
        from assistant.bench_draft import run_draft_benchmark

        run_draft_benchmark(_settings(), echo=click.echo)
        return

    if many is not None:
        from assistant.bench_many import run_many_benchmark

        run_many_benchmark(many, embedder, echo=click.echo)
        return

    questions = questions or PROJECT_ROOT / "evals" / "benchmark_questions.txt"
    if not questions.is_file():
        raise IpmsError(f"file not found: {questions}")
    if pdf_import:
        from assistant.corpus.pdf_bench import run_import_benchmark

        run_import_benchmark(echo=click.echo)
        return
    if web:
        from assistant.bench_web import run_web_benchmark

        lines = [q.strip() for q in questions.read_text(encoding="utf-8").splitlines() if q.strip()]
        run_web_benchmark(lines, users=users, echo=click.echo)
        return
    from assistant.bench import run_benchmark

    run_benchmark(questions, echo=click.echo)


@cli.command()
@click.option("--only", multiple=True, help="Run only this category (repeatable).")
@click.option("--verbose", is_flag=True, help="Print every attack, not only those not survived.")
@click.option("--jobs", type=click.IntRange(1, 16), default=2, show_default=True,
              help="Run this many categories side by side (1: one after another).")
def reliability(only: tuple[str, ...], verbose: bool, jobs: int) -> None:
    """Attack the product (paths, guard, login, index, imports, crashes) and print
    survived/total per category; exit 1 unless every attack is survived."""
    from evals.reliability.runner import run_suite

    try:
        results = run_suite(list(only) or None, echo=click.echo, verbose=verbose, jobs=jobs)
    except ValueError as exc:
        raise IpmsError(str(exc)) from None
    if any(r.survived < len(r.outcomes) for r in results):
        raise click.exceptions.Exit(1)


def one_line(message: str, limit: int | None = 400) -> str:
    """An error message as one printable line: line breaks and control characters become spaces,
    text that is not UTF-8 is shown escaped, and a message echoing a huge input is shortened
    (`limit` None: a list of problems, each short already, printed whole)."""
    flat = " ".join(message.encode("utf-8", "backslashreplace").decode("utf-8").split())
    return flat if limit is None or len(flat) <= limit else flat[:limit - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    """Entry point: exit 0 on success, 2 on bad input (one line on stderr), never a traceback."""
    try:
        # Not standalone, click returns a command's Exit code instead of raising it.
        code = cli.main(args=argv, prog_name="ipms", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except IpmsError as exc:
        whole = isinstance(exc, ListedProblems)  # every problem, as --help promises
        if whole and len(exc.problems) > 1:  # the head, then one problem per line
            click.echo(f"ipms: error: {one_line(exc.head, None)}", err=True)
            for problem in exc.problems:
                click.echo(f"  - {one_line(problem, None)}", err=True)
            return 2
        click.echo(f"ipms: error: {one_line(str(exc), None if whole else 400)}", err=True)
        return 2
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        click.echo(f"ipms: error: {one_line(exc.format_message())}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("ipms: aborted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the machine, not a bug: a full disk, a read-only folder, ...
        click.echo(f"ipms: error: {one_line(describe_os_error(exc))}", err=True)
        return 2
    except MemoryError:
        click.echo("ipms: error: out of memory", err=True)
        return 2
    except RecursionError:
        click.echo("ipms: error: the input is nested too deeply", err=True)
        return 2
    except Exception as exc:  # a bug: still one line, but say how to see the details
        if os.environ.get("IPMS_DEBUG"):
            raise
        click.echo(f"ipms: internal error: {exc.__class__.__name__}: {one_line(str(exc))} "
                   "(set IPMS_DEBUG=1 for details)", err=True)
        return 1


def _procedures_line(plan) -> str:
    """'27 procedures', or for a compact package '10 procedure documents (27 procedures)'."""
    issued, drafted = len(plan.issued), len(plan.procedures)
    if issued == drafted:
        return f"{drafted} procedures"
    return f"{issued} procedure documents ({drafted} procedures)"


if __name__ == "__main__":
    sys.exit(main())
