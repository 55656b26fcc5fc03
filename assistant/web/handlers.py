"""The web app's handlers: plain functions over the library, one per user action, so they can be
tested without a browser. The gradio layer (app.py) only wires them to components."""
from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.corpus.store import MANIFEST, Corpus
from assistant.errors import IpmsError
from assistant.models import Answer
from assistant.settings import Settings
from assistant.web import browse
from assistant.web import chat as chats
from assistant.web import quiz as quizzes
from assistant.web import records
from assistant.web.messages import UserError, t
from assistant.web.downloads import DownloadsFolder
from generators.templates_io import TemplateSet

ALL_DOCS = "(all documents)"
log = logging.getLogger(__name__)


def corpus_stamp(settings: Settings) -> bytes | None:
    """The user's corpus manifest as it is now (one small read): it changes with every
    `ipms corpus add` and `remove`."""
    try:
        return (settings.user_corpus_dir / MANIFEST).read_bytes()
    except OSError:
        return None


@dataclass
class Services:
    """What every session shares: read-only corpus, answerer, templates; a folder for downloads
    (removed by `close()`; a killed app's folder is removed when the next one starts)."""

    settings: Settings
    corpus: Corpus
    answerer: object  # ExtractiveAnswerer, or LLMAnswerer when a language model is configured
    templates: TemplateSet
    folder: DownloadsFolder = field(default_factory=DownloadsFolder)
    stamp: bytes | None = None  # corpus_stamp() of the corpus loaded (None: read at creation)
    _reloading: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if self.stamp is None:
            self.stamp = corpus_stamp(self.settings)

    def follow_corpus(self) -> bool:
        """When the user's corpus changed since it was loaded (`ipms corpus add` or `remove`
        meanwhile; they update the search index too), load it again with an answerer for it,
        so questions see the new documents; True when it did. One request reloads while the
        others go on with what is loaded; a corpus that cannot be loaded is logged and left."""
        stamp = corpus_stamp(self.settings)
        if stamp == self.stamp or not self._reloading.acquire(blocking=False):
            return False
        try:
            if stamp == self.stamp:
                return False
            from assistant.llm.factory import make_answerer

            try:
                corpus = Corpus.load(self.settings)
                answerer = make_answerer(self.settings, corpus)
            except IpmsError as exc:
                log.warning("the changed corpus could not be loaded: %s", exc)
                self.stamp = stamp  # not again for this same change
                return False
            self.corpus, self.answerer, self.stamp = corpus, answerer, stamp
            return True
        finally:
            self._reloading.release()

    @property
    def downloads(self) -> Path:
        """The folder every file handed to a visitor is written in."""
        return self.folder.path

    def close(self) -> None:
        """Remove the downloads folder and everything in it."""
        self.folder.close()

    @classmethod
    def load(cls, settings: Settings, warm: bool = True) -> "Services":
        from assistant.llm.factory import make_answerer

        stamp = corpus_stamp(settings)  # before loading: a change meanwhile is seen later
        corpus = Corpus.load(settings)
        if warm and not index_serves(settings, corpus):
            build_index_in_child(settings)
        answerer = make_answerer(settings, corpus)
        if warm:  # open the indexes before the first visitor, not during their question
            extractive = getattr(answerer, "extractive", answerer)
            extractive.answer("知识产权培训")
            extractive.answer("IP training")
        return cls(settings, corpus, answerer, TemplateSet(), stamp=stamp)

    def download_path(self, name: str) -> Path:
        folder = Path(tempfile.mkdtemp(dir=self.downloads))
        return folder / name


def index_serves(settings: Settings, corpus: Corpus) -> bool:
    """Whether the search index on disk already serves `corpus` with its vectors (what the
    child would otherwise open or build): the index pointer and manifest only, a few ms, so a
    start on a current index spawns no process. False when there is none or it is stale."""
    from assistant.retrieval.indexes import SearchIndexes

    return SearchIndexes.for_corpus(settings, corpus).serves_corpus(dense=True)


def build_index_in_child(settings: Settings) -> None:
    """Build the search index, when none serves the corpus, in a child process: a build's
    peak memory (the embedder's batch buffers, about 200 MB more) would otherwise stay with the
    server for its life. A child that fails leaves the build to this process, as before."""
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=_build_index, args=(settings,))
    child.start()
    child.join()
    if child.exitcode != 0:
        log.warning("building the index in a child process failed (exit %s); building it "
                    "in the server", child.exitcode)


def _build_index(settings: Settings) -> None:
    from assistant.retrieval.retriever import Retriever
    from assistant.threads import setup_threads

    setup_threads(settings, "cli")  # a build uses the command line's threads
    Retriever(settings, Corpus.load(settings)).indexes.dense()  # built if missing


# -- Ask ----------------------------------------------------------------------------------------
def chip_label(services: Services, answer: Answer, i: int, lang: str = "zh") -> str:
    """The chip of the answer's i-th citation, a question in `lang`: '第4.3.2.1条「文件管理」讲什么？'."""
    return chats.chip_label(answer.citations[i], lang, services.corpus)


def ask(services: Services, question: str, doc: str | None, turns: list[Answer]
        ) -> tuple[Answer | None, str]:
    """The answer (or None) and the text to show; bad input becomes a message, not an error."""
    *_, final = ask_stream(services, question, doc, turns)
    return final


def ask_stream(services: Services, question: str, doc: str | None, turns: list[Answer]):
    """Yields (None, text so far) while a language model writes, then (answer, text)."""
    doc = None if doc in (None, "", ALL_DOCS) else doc
    services.follow_corpus()
    stream = getattr(services.answerer, "stream", None)
    try:
        if stream is None:  # extractive: one step
            answer = services.answerer.answer(question, doc)
        else:
            text, answer = "", None
            for piece in stream(question, doc, list(turns)):
                if isinstance(piece, Answer):
                    answer = piece
                else:
                    text += piece
                    yield None, text
    except IpmsError as exc:
        yield None, f"⚠ {exc}"
        return
    turns.append(answer)
    yield answer, answer.answer


def clause_markdown(services: Services, doc_id: str, key: str, lang: str = "zh") -> str:
    """A clause page: its text, its rendition, its parent and children, related documents and
    corresponding clauses (assistant.web.browse). UserError for an unknown document or clause."""
    return browse.clause_markdown(services.corpus, services.templates, doc_id, key, lang)


def document_choices(services: Services, lang: str = "zh", everything: bool = False
                     ) -> list[tuple[str, str]]:
    """(title shown, id) of every document, the user's corpus included, for the dropdowns;
    with `everything` (the Ask filter), first '(all documents)' and last the standard profiles
    whose text is not in the corpus, as `ipms ask --doc` takes them (answered from our
    summaries)."""
    services.follow_corpus()
    out = [(t("all_documents", lang), ALL_DOCS)] if everything else []
    for doc_id, document in services.corpus.documents.items():
        out.append((f"{document.meta.title(lang) or document.meta.title_zh} ({doc_id})", doc_id))
    if everything:
        from assistant.standards.profile_view import profiles_without_text

        for profile in profiles_without_text(services.corpus):
            title = profile.title_en if lang == "en" and profile.title_en else profile.title_zh
            out.append((f"{profile.designation} {title} ({t('profile_only', lang)})", profile.id))
    return out


def browse_choices(services: Services, lang: str = "zh") -> list[tuple[str, str]]:
    """(title shown, id) of what Browse shows: every document, then the shipped standard
    profiles whose text is not in the corpus (their clauses with our summaries)."""
    out = document_choices(services, lang)
    return out + [choice for choice in document_choices(services, lang, everything=True)
                  if choice[1] not in {value for _, value in out} and choice[1] != ALL_DOCS]


def export_conversation(services: Services, turns: list[Answer], kind: str,
                        lang: str = "zh") -> str:
    """The conversation as a file to download (kind 'md' or 'docx'); its path. UserError when
    there is nothing to export."""
    if not turns:
        raise UserError("nothing_to_export")
    if kind == "md":
        path = services.download_path("conversation.md")
        path.write_text(records.conversation_markdown(turns, lang), encoding="utf-8")
        return str(path)
    return str(records.conversation_docx(turns, services.download_path("conversation.docx"),
                                          lang))


# -- Browse -------------------------------------------------------------------------------------
def clause_list(services: Services, doc_id: str, search: str) -> list[tuple[str, str]]:
    """(name, key) of a document's clauses in order, filtered by a search over numbers, titles
    and text (browse.search); every clause for an empty search."""
    document = browse.browse_document(services.corpus, doc_id)
    found = browse.search(document, search) if search.strip() else document.clauses.values()
    return [(browse.clause_name(document, clause), clause.key) for clause in found]


# -- Draft --------------------------------------------------------------------------------------
def intake_problems(text: str) -> list[str]:
    """Field-level validation messages for a questionnaire; [] when it is valid (the same rules
    as `ipms intake check`: generators.intake)."""
    from generators.intake import intake_problems as problems

    return problems(text)


EXAMPLE_ORDER = ("manufacturer", "saas", "life-sciences")  # others follow by name


def example_name(name: str, lang: str = "zh") -> str:
    """An example company's name shown in `lang` (messages' example_<name>; the name itself
    for an example the table does not know)."""
    try:
        return t(f"example_{name}", lang)
    except KeyError:
        return name


def example_choices(services: Services, lang: str = "zh") -> list[tuple[str, str]]:
    """(name shown in `lang`, example) of every example company shipped in
    generators/templates/examples/: the manufacturer, SaaS and life-sciences first."""
    names = services.templates.example_names()
    ordered = [n for n in EXAMPLE_ORDER if n in names] + \
        sorted(n for n in names if n not in EXAMPLE_ORDER)
    return [(example_name(name, lang), name) for name in ordered]


def example_intake(services: Services, name: str, lang: str = "zh") -> tuple[str, str]:
    """(questionnaire text, its language) of an example company: in `lang` ('zh' or 'en'),
    or in the other language when the example is written in that one only. IpmsError naming
    the examples there are for an unknown name."""
    wanted = "en" if lang == "en" else "zh"
    try:
        return services.templates.intake_example(wanted, name), wanted
    except IpmsError:
        other = "zh" if wanted == "en" else "en"
        try:
            return services.templates.intake_example(other, name), other
        except IpmsError:
            pass
        raise


def example_in_language(services: Services, text: str, name: str | None, lang: str
                        ) -> str | None:
    """The example `name`'s questionnaire in `lang` when `text` is that example untouched in
    the other language (the interface language was switched before the user edited it;
    the editor hands its text back without the leading and trailing blank space); None
    otherwise: what the user wrote is never replaced."""
    if not name or not text:
        return None
    try:
        wanted, language = example_intake(services, name, lang)
        other = services.templates.intake_example("zh" if language == "en" else "en", name)
    except IpmsError:
        return None
    return wanted if text.strip() == other.strip() != wanted.strip() else None


DRAFT_STANDARDS = (("GB/T 29490—2023", "gbt29490-2023"), ("GB/T 29490—2013", "gbt29490-2013"),
                   ("北京市地方标准《企业知识产权管理规范》 (bj-ipm)", "bj-ipm"))


def draft_standard_choices(lang: str = "zh") -> list[tuple[str, str]]:
    """(name shown in `lang`, id) of the standards a package can be drafted to: the national
    standards by their designation, the Beijing standard by its name in `lang`."""
    return [(t(f"standard_{value}", lang) if value == "bj-ipm" else shown, value)
            for shown, value in DRAFT_STANDARDS]


def package_language_choices(lang: str = "zh") -> list[tuple[str, str]]:
    """(language named in `lang`, code) of the languages a package can be written in."""
    return [(t("language_zh", lang), "zh"), (t("language_en", lang), "en")]


def draft_zip(services: Services, text: str, language: str, standard: str | None = None
              ) -> tuple[str, str]:
    """Generate the package from questionnaire text, drafted to `standard` (one of
    DRAFT_STANDARDS' ids; None: the intake's own); (zip path, coverage report).

    The same code path as `ipms draft`: validated intake, safe file names, every write inside a
    private folder; the zip's name is the company's short name reduced to a safe name."""
    from generators.intake import parse_intake
    from generators.package import coverage_report, draft_package
    from generators.safepath import safe_name

    intake = parse_intake(text, "intake")
    work = Path(tempfile.mkdtemp(dir=services.downloads))
    try:
        # a fresh private folder: nothing of the server's (its cwd, its home) is near it
        chosen = {"standard": standard} if standard else {}
        result = draft_package(intake, services.corpus, work / "package", language,
                               templates=services.templates, cwd=work, home=work,
                               toc_pages=None, **chosen)  # numbered when LibreOffice is there
        archive = services.download_path(
            safe_name(f"{intake.company.short_name}-ipms-package", "ipms-package") + ".zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in result.files:
                bundle.write(path, path.relative_to(result.out_dir).as_posix())
        note = result.toc_line()  # the contents left for Word to number: say so
        return str(archive), coverage_report(result.plan, result.findings) + (
            f"\n\n> {note}\n" if note else "")
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- Train --------------------------------------------------------------------------------------
def quiz_documents(services: Services, lang: str = "zh") -> list[tuple[str, str]]:
    """(title shown, id) of the documents a quiz can be drawn from: the shipped standard first,
    then the user's own documents that have chapters to ask about (quiz.quiz_documents), a
    document added by `ipms corpus add` meanwhile included."""
    services.follow_corpus()
    corpus = services.corpus
    return [(f"{corpus.get(i).meta.title(lang) or corpus.get(i).meta.title_zh} ({i})", i)
            for i in quizzes.quiz_documents(corpus)]


def quiz_document(services: Services, doc_id: str | None) -> str:
    """`doc_id` when a quiz can be drawn from it, else the shipped standard."""
    return doc_id if doc_id in quizzes.quiz_documents(services.corpus) else quizzes.SOURCE_DOC


def chapter_options(services: Services, lang: str = "zh", doc_id: str = quizzes.SOURCE_DOC
                    ) -> list[tuple[str, str]]:
    """(name, key) of the chapters of `doc_id` a quiz can be drawn from, named in the interface
    language as the training record names them."""
    document = services.corpus.get(quiz_document(services, doc_id))
    return [(_chapter_name(document, key, lang), key)
            for _, key in quizzes.chapter_choices(document)]


def quiz_source_markdown(services: Services, lang: str = "zh",
                         doc_id: str = quizzes.SOURCE_DOC) -> str:
    """The line above the quiz naming the document and edition (or a company document's
    文件编号) its questions are drawn from, in the interface's language (the same words as the
    training record)."""
    meta = services.corpus.get(quiz_document(services, doc_id)).meta
    editions = _editions(services)
    line = "quiz_source_own" if records.by_document_number(meta, editions) else "quiz_source"
    edition = records.edition_name(meta, lang, editions)
    if records.is_company_document(meta) and edition == records.NO_EDITION:
        line = "quiz_source_plain"  # a company's policy without a 文件编号: no '版本：—'
    return t(line, lang, standard=records.standard_name(meta, lang), edition=edition)


def question_markdown(session: quizzes.QuizSession, lang: str = "zh",
                      services: Services | None = None) -> str:
    """The current question with its number and instruction, or the end screen: score, pass
    mark and result, and a review of the wrong answers with their clauses (clauses named in
    `lang` when `services` is given, as quiz_namer)."""
    namer = quiz_namer(services, session, lang)
    if session.current is None:
        return finished_markdown(session, lang, namer)
    return _question_text(session, len(session.given), lang, namer)


def quiz_namer(services: Services | None, session: quizzes.QuizSession, lang: str):
    """How the quiz shows a clause name of its standard ('7.3.2.7 培训': an option, an answer, a
    source) in `lang`: in English the rendition's title ('7.3.2.7 Training') where the corpus
    has one. Anything else (a term of the standard filling its sentence) and every name in
    Chinese, or without `services`, is shown as it is."""
    if lang != "en" or services is None:
        return lambda name: name
    document = services.corpus.get(session.doc_id)
    clauses = {quizzes.clause_name(document, c): c for c in document.clauses.values()
               if c.number}

    def shown(name: str) -> str:
        clause = clauses.get(name)
        return name if clause is None else browse.shown_name(document, clause, lang)[0]
    return shown


def _question_text(session: quizzes.QuizSession, index: int, lang: str, namer) -> str:
    """A question as the trainee reads it in `lang`: number, instruction and the clause named
    in the interface language; the sentence quoted from the standard stays verbatim."""
    question = session.questions[index]
    head = f"**{t('question_n', lang, n=index + 1, total=len(session.questions))}**"
    if question.kind == "fill_in":
        number, _, title = namer(question.clause_name).partition(" ")
        article = number.startswith("第")  # 第五条 names itself; 7.3.2.7 is 第7.3.2.7条
        if lang == "en":
            named = " ".join(x for x in ("" if article else "clause", number, title) if x)
            return f"{head} — {t('fill_in', lang)} ({named}):\n\n{question.prompt}"
        named = " ".join(x for x in (number if article else f"第{number}条", title) if x)
        return f"{head} — {t('fill_in', lang)}（{named}）：\n\n{question.prompt}"
    quoted = f"“{question.prompt}”" if lang == "en" else f"「{question.prompt}」"
    return f"{head} — {t('which_clause', lang)}\n\n{quoted}"


def _colon(lang: str) -> str:
    return ": " if lang == "en" else "："


def option_choices(services: Services, session: quizzes.QuizSession | None, lang: str = "zh"
                   ) -> list[tuple[str, str]]:
    """(label shown in `lang`, value) of the current question's options: a clause named in the
    interface language, its value (what is scored) unchanged; a term of the standard as it
    is. [] when there is no question left."""
    question = session.current if session is not None else None
    if question is None:
        return []
    namer = quiz_namer(services, session, lang)
    return [(namer(option), option) for option in question.options]


def quiz_in_language(services: Services, session: quizzes.QuizSession | None, lang: str
                     ) -> tuple[str, list[tuple[str, str]], str]:
    """(question or end screen, options, feedback on the last answer) of a quiz in progress,
    drawn again in `lang`: what the product says changes, the sentences quoted from the
    standard and the answers given do not; ('', [], '') before a quiz is started."""
    if session is None:
        return "", [], ""
    feedback = ""
    if session.given:
        index = len(session.given) - 1
        correct = session.given[index] == session.questions[index].answer
        feedback = feedback_markdown(services, session, correct, lang)
    return (question_markdown(session, lang, services), option_choices(services, session, lang),
            feedback)


def feedback_markdown(services: Services, session: quizzes.QuizSession, correct: bool,
                      lang: str = "zh") -> str:
    """The verdict on the question just answered, shown with that question and its clause;
    "" once the quiz is over (the end screen's review holds every wrong answer)."""
    if session.finished:
        return ""
    namer = quiz_namer(services, session, lang)
    index = len(session.given) - 1
    question = session.questions[index]
    verdict = t("correct", lang) if correct else t("wrong", lang, answer=namer(question.answer))
    return (_question_text(session, index, lang, namer)
            + f"\n\n{t('your_answer', lang)}{_colon(lang)}{namer(session.given[index])}"
            + f"\n\n**{verdict}**\n\n"
            + clause_markdown(services, session.doc_id, question.clause_key, lang))


def finished_markdown(session: quizzes.QuizSession, lang: str = "zh", namer=None) -> str:
    """The end screen: score, percentage against the pass mark, result, wrong answers (clause
    names through `namer`, as quiz_namer)."""
    namer = namer or (lambda name: name)
    score = t("finished", lang, score=session.score, total=len(session.questions),
              percent=session.percent, mark=session.pass_mark)
    lines = [f"### {score}",
             f"**{t('passed' if session.passed else 'failed', lang)}**", ""]
    colon = _colon(lang)
    if not session.wrong:
        lines.append(t("all_right", lang))
    else:
        lines.append(f"#### {t('review', lang)}")
        for number, question, given in session.wrong:
            lines.append(f"{number}. {question.prompt}  \n"
                         f"   {t('your_answer', lang)}{colon}{namer(given)} · "
                         f"{t('wrong', lang, answer=namer(question.answer))} · "
                         f"{t('source_clause', lang)}{colon}[{namer(question.clause_name)}]"
                         f"({browse.link(session.doc_id, question.clause_key)})")
    return "\n".join(lines)


def training_record(services: Services, session: quizzes.QuizSession, lang: str = "zh") -> str:
    """The training record .docx of a finished quiz, in the interface's language, naming the
    standard and edition its questions were drawn from; its path. UserError before the end."""
    if not session.finished:
        raise UserError("finish_first")
    document = services.corpus.get(session.doc_id)
    names = [_chapter_name(document, key, lang) for key in session.chapters
             if key in document.clauses]
    safe = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", session.attendee).strip("_") or "attendee"
    path = services.download_path(f"training-record-{safe}.docx")
    source = document.meta
    return str(records.training_record_docx(session, names, path, lang=lang, source=source,
                                            editions=_editions(services)))


def _chapter_name(document, key: str, lang: str) -> str:
    """'7 知识产权资源管理', or in English the rendition's title when there is one."""
    clause = document.clauses[key]
    rendition = document.renditions.get(key)
    if lang == "en" and document.meta.language != "en" and rendition and rendition.shown_title:
        return f"{clause.label} {rendition.shown_title}"
    return quizzes.chapter_label(clause)


def _editions(services: Services) -> dict:
    """corpus/editions.yaml: how records name each document's edition ({} when missing)."""
    path = services.settings.corpus_dir / "editions.yaml"
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
