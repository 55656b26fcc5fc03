"""The gradio app: Ask, Browse, Draft, Train. Wiring only; the work is in handlers.py, chat.py,
browse.py, quiz.py, intake_view.py and records.py. Messages follow the interface language the
user picks (Chinese by default), kept in the browser with the conversation."""
from __future__ import annotations

import logging
import os
import secrets
import socket

import gradio as gr

from assistant.errors import IpmsError
from assistant.web import browse
from assistant.web import chat as chats
from assistant.web import handlers as h
from assistant.web import quiz as quizzes
from assistant.web.auth import Authenticator
from assistant.web.gate import USER_HEADER, LoginGate
from assistant.web.intake_view import intake_problems, problems_markdown
from assistant.web.messages import DEFAULT_LANGUAGE, LANGUAGES, label, t, user_message
from assistant.web.page import CSS, HEAD, SCROLL_TO_ANSWER
from assistant.web.server import RunningServer, ServeOptions, bind

INTRO = ("**企业知识产权管理规范 贯标助手** — 按条款作答，引文逐字摘自标准原文；中英文提问均可。 "
         "Answers cite the standard clause by clause; quotes are verbatim.")
MAX_UPLOAD = "1mb"


def _user(request: gr.Request | None) -> str:
    if request is None:
        return ""
    return request.headers.get(USER_HEADER.decode(), "") or ""


def _warn(exc: IpmsError, lang: str) -> None:
    """A toast in the user's language; one line in the log, no traceback, no error badges."""
    gr.Warning(user_message(exc, lang), title=t("notice", lang))


def _l(key: str) -> str:
    """A label in the default language (the page is built in it; on_language relabels)."""
    return label(key, DEFAULT_LANGUAGE)


def _starters(lang: str) -> list[dict]:
    return [{"text": q} for q in t("starters", lang).split("|")]


def build_app(services: h.Services) -> gr.Blocks:
    example = services.templates.intake_example("zh")
    start_doc = "bj-ipm" if "bj-ipm" in services.corpus.documents \
        else next(iter(services.corpus.documents))
    start_key = browse.first_clause(services.corpus.get(start_doc))

    with gr.Blocks(title="ipms — 知识产权管理贯标助手") as app:
        lang_state = gr.State(DEFAULT_LANGUAGE)
        saved = gr.BrowserState(None, storage_key="ipms-conversation",
                                secret=chats.browser_secret(services.settings.home))
        saved_lang = gr.BrowserState(DEFAULT_LANGUAGE, storage_key="ipms-language")
        with gr.Row(elem_id="header"):
            gr.Markdown(INTRO)
            lang = gr.Radio(LANGUAGES, value=DEFAULT_LANGUAGE, show_label=False,
                            elem_id="ui-lang", scale=0, min_width=220)

        # -- Ask ----------------------------------------------------------------------------
        with gr.Tab("问答 Ask"):
            turns = gr.State([])
            ask_open = gr.State("")  # "doc|key" of the clause under the chat ('' for none)
            doc = gr.Dropdown(h.document_choices(services, DEFAULT_LANGUAGE, everything=True),
                              value=h.ALL_DOCS, label=_l("document"), elem_id="ask-doc")
            chat = gr.Chatbot(show_label=False, height=460, elem_id="chat", autoscroll=False,
                              examples=_starters(DEFAULT_LANGUAGE),
                              placeholder=_l("chat_placeholder"))
            with gr.Row():
                question = gr.Textbox(placeholder=_l("question_placeholder"), show_label=False, scale=5, elem_id="question")
                send = gr.Button(_l("ask"), variant="primary", scale=1, elem_id="ask")
            chips = gr.Radio([], label=_l("chips"),
                             elem_id="chips")
            clause_view = gr.Markdown(elem_id="clause-view")
            with gr.Row():
                clear = gr.Button(_l("clear"), elem_id="clear")
                export_md = gr.Button(_l("export_md"), elem_id="export-md")
                export_docx = gr.Button(_l("export_docx"), elem_id="export-docx")
            download = gr.File(label=_l("download"), interactive=False, elem_id="download",
                               height=90)
            ask_link = gr.Textbox(visible="hidden", elem_id="ask-link")
            ask_link_go = gr.Button(visible="hidden", elem_id="ask-link-go")

            def on_ask(text, selected_doc, history, state, language):
                history = list(history or [])
                if not (text or "").strip():
                    gr.Warning(t("empty_question", language), title=t("notice", language))
                    yield history, state, gr.update(), gr.update(), "", gr.update()
                    return
                limit = services.settings.max_question_chars
                if len(text) > limit:  # said in the user's language; nothing added to the chat
                    logging.getLogger("assistant.web").info(
                        "user error: question of %d characters (limit %d)", len(text), limit)
                    gr.Warning(t("question_too_long", language, length=len(text), limit=limit),
                               title=t("notice", language))
                    yield history, state, gr.update(), gr.update(), text, gr.update()
                    return
                history += [{"role": "user", "content": text},
                            {"role": "assistant", "content": ""}]
                answer = None
                for answer, shown in h.ask_stream(services, text, selected_doc, state):
                    history[-1] = {"role": "assistant", "content": shown}
                    if answer is None:  # a language model is still writing
                        yield history, state, gr.update(), gr.update(), "", gr.update()
                if answer is not None:
                    history[-1] = {"role": "assistant",
                                   "content": chats.linked(services.corpus, answer)}
                yield (history, state,
                       gr.update(choices=chats.chips(state, language, services.corpus), value=None),
                       "", "", "")

            def remember(history, state, request: gr.Request):
                return chats.saved(_user(request), history, state)

            ask_inputs = [question, doc, chat, turns, lang_state]
            ask_outputs = [chat, turns, chips, clause_view, question, ask_open]
            send.click(on_ask, ask_inputs, ask_outputs, api_name="ask") \
                .then(remember, [chat, turns], saved, api_name=False) \
                .then(None, js=SCROLL_TO_ANSWER)
            question.submit(on_ask, ask_inputs, ask_outputs, api_name=False) \
                .then(remember, [chat, turns], saved, api_name=False) \
                .then(None, js=SCROLL_TO_ANSWER)

            def on_starter(data: gr.SelectData, selected_doc, history, state, language):
                yield from on_ask(data.value.get("text", ""), selected_doc, history, state,
                                  language)

            chat.example_select(on_starter, [doc, chat, turns, lang_state], ask_outputs,
                                api_name=False) \
                .then(remember, [chat, turns], saved, api_name=False)

            def on_clear(request: gr.Request):  # what the browser kept is emptied too
                return ([], [], gr.update(choices=[], value=None), "", None,
                        chats.saved(_user(request), [], []), "")

            clear_outputs = [chat, turns, chips, clause_view, download, saved, ask_open]
            clear.click(on_clear, None, clear_outputs, api_name="clear")
            chat.clear(on_clear, None, clear_outputs, api_name=False)

            def on_chip(label, state, language):
                """The chip's clause under the chat; a chip unselected (a new answer, a
                cleared chat) leaves what is shown to the handler that unselected it."""
                target = chats.chip_target(state or [], label, services.corpus) if label else None
                if target is None:
                    return gr.update(), gr.update()
                return h.clause_markdown(services, *target, language), "|".join(target)

            chips.change(on_chip, [chips, turns, lang_state], [clause_view, ask_open],
                         api_name="show_clause")

            def on_ask_link(value, state, language):
                doc_id, _, key = (value or "").partition("|")
                try:
                    return h.clause_markdown(services, doc_id, key, language), f"{doc_id}|{key}"
                except IpmsError as exc:
                    _warn(exc, language)
                    return gr.update(), gr.update()

            ask_link_go.click(on_ask_link, [ask_link, turns, lang_state],
                              [clause_view, ask_open], api_name="open_cited")

            def ask_in_language(opened, state, language):
                """The Ask tab's clause and chips again in `language`: the clause page as the
                clause pages show it in that language, its chip still selected."""
                doc_id, _, key = (opened or "").partition("|")
                try:
                    shown = h.clause_markdown(services, doc_id, key, language) if opened else ""
                except IpmsError:  # a document removed meanwhile: leave it as it is
                    shown = gr.update()
                state = state or []
                target = (doc_id, key) if opened else None
                return shown, gr.update(
                    choices=chats.chips(state, language, services.corpus),
                    value=chats.chip_for(state, target, language, services.corpus))

            def on_export(kind):
                def run(state, language):
                    try:
                        return h.export_conversation(services, state, kind, language)
                    except IpmsError as exc:
                        _warn(exc, language)
                        return None
                return run

            export_md.click(on_export("md"), [turns, lang_state], download,
                            api_name="export_markdown")
            export_docx.click(on_export("docx"), [turns, lang_state], download,
                              api_name="export_docx")

        # -- Browse -------------------------------------------------------------------------
        with gr.Tab("浏览 Browse", elem_id="browse-panel"):
            with gr.Row(elem_id="browse-top"):
                browse_doc = gr.Dropdown(h.browse_choices(services, DEFAULT_LANGUAGE),
                                         value=start_doc, label=_l("document"),
                                         elem_id="browse-doc")
                search = gr.Textbox(label=_l("search"), placeholder="4.3.2 / 培训 / training",
                                    elem_id="browse-search")
            results = gr.HTML("", elem_id="browse-results")
            with gr.Row():
                with gr.Column(scale=2, min_width=240):
                    tree = gr.HTML(browse.tree_html(services.corpus.get(start_doc), start_key,
                                                   DEFAULT_LANGUAGE),
                                   elem_id="clause-tree")
                with gr.Column(scale=3, min_width=300):
                    page = gr.Markdown(h.clause_markdown(services, start_doc, start_key),
                                       elem_id="clause-page")
            browse_open = gr.State(f"{start_doc}|{start_key}")  # the clause on the page
            browse_link = gr.Textbox(visible="hidden", elem_id="browse-link")
            browse_link_go = gr.Button(visible="hidden", elem_id="browse-link-go")

            def on_search(doc_id, text, language):
                try:
                    return browse.results_html(browse.browse_document(services.corpus, doc_id), text or "", language)
                except IpmsError as exc:
                    _warn(exc, language)
                    return ""

            search.change(on_search, [browse_doc, search, lang_state], results,
                          api_name="browse_search")

            def on_document(doc_id, text, language):
                try:
                    document = browse.browse_document(services.corpus, doc_id)
                except IpmsError as exc:
                    _warn(exc, language)
                    return gr.update(), gr.update(), gr.update(), gr.update()
                key = browse.first_clause(document)
                return (browse.tree_html(document, key, language),
                        browse.results_html(document, text or "", language),
                        h.clause_markdown(services, doc_id, key, language), f"{doc_id}|{key}")

            browse_doc.change(on_document, [browse_doc, search, lang_state],
                              [tree, results, page, browse_open], api_name=False)

            def on_open(value, language):
                doc_id, _, key = (value or "").partition("|")
                try:
                    shown = h.clause_markdown(services, doc_id, key, language)
                except IpmsError as exc:
                    _warn(exc, language)
                    return gr.update(), gr.update(), gr.update(), gr.update()
                return (shown, browse.tree_html(browse.browse_document(services.corpus, doc_id), key, language),
                        gr.update(value=doc_id), f"{doc_id}|{key}")

            browse_link_go.click(on_open, [browse_link, lang_state],
                                 [page, tree, browse_doc, browse_open], api_name="browse_clause")

            def in_language(opened, text, language):
                """The Browse tab again in `language`: page, tree and results (names and
                labels follow the interface language)."""
                doc_id, _, key = (opened or "").partition("|")
                try:
                    document = browse.browse_document(services.corpus, doc_id)
                    return (h.clause_markdown(services, doc_id, key, language),
                            browse.tree_html(document, key, language),
                            browse.results_html(document, text or "", language))
                except IpmsError:  # a document removed meanwhile: leave the tab as it is
                    return gr.update(), gr.update(), gr.update()

        # -- Draft --------------------------------------------------------------------------
        with gr.Tab("文件起草 Draft"):
            draft_intro = gr.Markdown(t("draft_intro", DEFAULT_LANGUAGE), elem_id="draft-intro")
            example_pick = gr.Radio(h.example_choices(services, DEFAULT_LANGUAGE),
                                    value="manufacturer", label=_l("example"),
                                    elem_id="intake-example")
            upload = gr.File(label=_l("upload"), file_types=[".yaml", ".yml"],
                             type="filepath", height=130, elem_id="intake-upload")
            editor = gr.Code(example, language="yaml", label=_l("questionnaire"),
                             elem_id="intake", max_lines=32, wrap_lines=True)
            # a screenful that scrolls: the buttons and messages stay in sight
            with gr.Row(elem_id="draft-options"):
                draft_standard = gr.Dropdown(h.draft_standard_choices(DEFAULT_LANGUAGE),
                                             value="gbt29490-2023", label=_l("standard"),
                                             elem_id="draft-standard")
                draft_lang = gr.Radio(h.package_language_choices(DEFAULT_LANGUAGE), value="zh",
                                      label=_l("package_language"), elem_id="draft-lang")
                check = gr.Button(_l("check"), elem_id="check")
                generate = gr.Button(_l("generate"), variant="primary",
                                     elem_id="generate")
            problems = gr.Markdown(elem_id="intake-problems")
            package = gr.File(label=_l("package"), interactive=False, height=90,
                              elem_id="package")
            coverage = gr.Markdown(elem_id="coverage")

            def on_upload(path, language):
                if not path:
                    return gr.update()
                try:
                    with open(path, encoding="utf-8") as handle:
                        return handle.read()
                except (UnicodeDecodeError, OSError):
                    gr.Warning(t("not_utf8", language), title=t("notice", language))
                    return gr.update()

            upload.upload(on_upload, [upload, lang_state], editor, api_name=False)

            def on_example(name, language):
                """The example's questionnaire in the interface language, the documents'
                language set to the one it is written in; the last package is put away."""
                try:
                    text, written = h.example_intake(services, name, language)
                except IpmsError as exc:
                    _warn(exc, language)
                    return (gr.update(),) * 5
                said = t("example_loaded", language, name=h.example_name(name, language))
                if written != language:
                    said += " " + t("example_other_language", language)
                return text, written, said, None, ""

            example_pick.input(on_example, [example_pick, lang_state],
                               [editor, draft_lang, problems, package, coverage],
                               api_name="load_example")

            def on_check(text, language):
                return problems_markdown(intake_problems(text or "", language), language)

            check.click(on_check, [editor, lang_state], problems, api_name="validate_intake")

            def on_generate(text, language, standard, ui_language):
                found = intake_problems(text or "", ui_language)
                if found:
                    return None, "", problems_markdown(found, ui_language)
                try:
                    archive, report = h.draft_zip(services, text, language, standard)
                except IpmsError as exc:
                    return None, "", user_message(exc, ui_language)
                return archive, report, t("draft_done", ui_language)

            generate.click(on_generate, [editor, draft_lang, draft_standard, lang_state],
                           [package, coverage, problems], api_name="draft")

        # -- Train --------------------------------------------------------------------------
        with gr.Tab("培训 Train"):
            quiz_state = gr.State(None)
            options = h.chapter_options(services)
            quiz_doc = gr.Dropdown(h.quiz_documents(services, DEFAULT_LANGUAGE),
                                   value=quizzes.SOURCE_DOC, label=_l("quiz_document"),
                                   elem_id="quiz-doc")
            quiz_source = gr.Markdown(h.quiz_source_markdown(services, DEFAULT_LANGUAGE),
                                      elem_id="quiz-source")
            with gr.Row(elem_id="quiz-setup"):
                trainer = gr.Textbox(label=_l("trainer"), elem_id="trainer")
                session_name = gr.Textbox(label=_l("session"), elem_id="session")
                attendee = gr.Textbox(label=_l("attendee"), elem_id="attendee")
            with gr.Row(elem_id="quiz-training"):  # what a training rule counts, for the record
                hours = gr.Number(None, minimum=0, maximum=100, step=0.5,
                                  label=_l("training_hours"), elem_id="training-hours")
                place = gr.Textbox(label=_l("training_place"), elem_id="training-place")
                mode = gr.Textbox(label=_l("training_mode"), placeholder=_l("mode_examples"),
                                  elem_id="training-mode")
            chapters = gr.CheckboxGroup(options, value=[options[0][1]],
                                        label=_l("chapters"), elem_id="chapters")
            with gr.Row(elem_id="quiz-counts"):
                count = gr.Slider(1, 20, value=5, step=1, label=_l("count"),
                                  elem_id="count")
                pass_mark = gr.Slider(0, 100, value=60, step=5, label=_l("pass_mark"),
                                      elem_id="pass-mark")
            start = gr.Button(_l("start"), variant="primary", elem_id="start")
            prompt = gr.Markdown(elem_id="quiz-question")
            choice = gr.Radio([], label=_l("answer"), elem_id="quiz-options")
            submit = gr.Button(_l("submit"), elem_id="submit", interactive=False)
            feedback = gr.Markdown(elem_id="quiz-feedback")
            record_button = gr.Button(_l("record"), elem_id="record")
            record = gr.File(label=_l("record_file"), interactive=False,
                             elem_id="record-file", height=90)

            def _cleared_quiz() -> tuple:
                """(session, question, options, feedback, submit button, record) with no quiz."""
                return (None, "", gr.update(choices=[], value=None), "",
                        gr.update(interactive=False), None)

            def on_quiz_document(doc_id, language):
                """The chosen document's chapters (its first one ticked) and source line; a
                quiz on screen, drawn from the document chosen before, is cleared (its
                questions would stand under the new document's source line)."""
                found = h.chapter_options(services, language, doc_id)
                return (gr.update(choices=found, value=[found[0][1]] if found else []),
                        h.quiz_source_markdown(services, language, doc_id),
                        *_cleared_quiz())

            quiz_doc.input(on_quiz_document, [quiz_doc, lang_state],
                           [chapters, quiz_source, quiz_state, prompt, choice, feedback, submit,
                            record], api_name="quiz_document")
            quiz_doc.focus(lambda language: gr.update(choices=h.quiz_documents(services, language)),
                           lang_state, quiz_doc, api_name=False, queue=False)  # `corpus add`

            def on_start(name, picked, n, trainer_name, session_title, mark, language, doc_id,
                         hours_given=None, place_given=None, mode_given=None):  # optional in the API
                try:
                    session = quizzes.build_quiz(
                        services.corpus, picked or [], int(n), name or "",
                        doc_id=h.quiz_document(services, doc_id),
                        seed=secrets.randbits(32), trainer=trainer_name or "",
                        session_name=session_title or "", pass_mark=int(mark),
                        hours=hours_given or None, place=place_given or "",
                        mode=mode_given or "")
                except IpmsError as exc:
                    _warn(exc, language)
                    return (gr.update(),) * 6
                return (session, h.question_markdown(session, language, services),
                        gr.update(choices=h.option_choices(services, session, language),
                                  value=None), "",
                        gr.update(interactive=True), None)

            start.click(on_start, [attendee, chapters, count, trainer, session_name, pass_mark,
                                   lang_state, quiz_doc, hours, place, mode],
                        [quiz_state, prompt, choice, feedback, submit, record],
                        api_name="quiz_start")

            def on_submit(session, picked, language):
                if session is None or session.finished:
                    _warn(quizzes.UserError("start_first" if session is None else "quiz_over"),
                          language)
                    return (gr.update(),) * 5
                if not picked:
                    gr.Warning(t("choose_answer", language), title=t("notice", language))
                    return (gr.update(),) * 5
                correct = session.answer(picked)
                return (session, h.feedback_markdown(services, session, correct, language),
                        h.question_markdown(session, language, services),
                        gr.update(choices=h.option_choices(services, session, language),
                                  value=None),
                        gr.update(interactive=session.current is not None))

            submit.click(on_submit, [quiz_state, choice, lang_state],
                         [quiz_state, feedback, prompt, choice, submit], api_name="quiz_answer")

            def quiz_in_language(session, picked, language):
                """The quiz in progress again in `language` (handlers.quiz_in_language), the
                answer picked still picked."""
                if session is None:
                    return gr.update(), gr.update(), gr.update()
                shown, choices, said = h.quiz_in_language(services, session, language)
                kept = picked if picked in {value for _, value in choices} else None
                return shown, gr.update(choices=choices, value=kept), said

            def on_record(session, language):
                try:
                    if session is None:
                        raise quizzes.UserError("start_first")
                    return h.training_record(services, session, language)
                except IpmsError as exc:
                    _warn(exc, language)
                    return None

            record_button.click(on_record, [quiz_state, lang_state], record,
                                api_name="quiz_record")

        # -- language, and what the browser kept --------------------------------------------
        relabelled = {  # component -> {attribute: label key}
            doc: {"label": "document"}, chat: {"placeholder": "chat_placeholder"},
            question: {"placeholder": "question_placeholder"}, send: {"value": "ask"},
            chips: {"label": "chips"}, clear: {"value": "clear"},
            export_md: {"value": "export_md"}, export_docx: {"value": "export_docx"},
            download: {"label": "download"}, browse_doc: {"label": "document"},
            search: {"label": "search"}, example_pick: {"label": "example"},
            upload: {"label": "upload"},
            editor: {"label": "questionnaire"}, draft_standard: {"label": "standard"},
            draft_lang: {"label": "package_language"}, check: {"value": "check"},
            generate: {"value": "generate"}, package: {"label": "package"},
            trainer: {"label": "trainer"}, session_name: {"label": "session"},
            hours: {"label": "training_hours"}, place: {"label": "training_place"},
            mode: {"label": "training_mode", "placeholder": "mode_examples"},
            attendee: {"label": "attendee"}, chapters: {"label": "chapters"},
            count: {"label": "count"}, pass_mark: {"label": "pass_mark"},
            start: {"value": "start"}, choice: {"label": "answer"}, submit: {"value": "submit"},
            record_button: {"value": "record"}, record: {"label": "record_file"},
            quiz_doc: {"label": "quiz_document"},
            quiz_source: {},  # its text follows the language (`interface`)
            draft_intro: {},
        }

        def interface(language, history=None, answers=None, intake=None, example_name=None,
                      quiz_document=None):
            """Updates of every relabelled component for `language`, with both document lists'
            and the example companies' choices, the quiz's documents with `quiz_document` kept
            chosen and its chapters and source line, an example questionnaire still untouched in
            the other language replaced by its `language` version (and the documents'
            language set to it), and, on load, the chat and chips of the conversation the
            browser kept."""
            extra = {doc: {"choices": h.document_choices(services, language, everything=True)},
                     browse_doc: {"choices": h.browse_choices(services, language)},
                     chat: {"examples": _starters(language)},
                     example_pick: {"choices": h.example_choices(services, language)},
                     quiz_doc: {"choices": h.quiz_documents(services, language),
                                "value": h.quiz_document(services, quiz_document)},
                     quiz_source: {"value": h.quiz_source_markdown(services, language,
                                                                   quiz_document)},
                     draft_intro: {"value": t("draft_intro", language)},
                     draft_standard: {"choices": h.draft_standard_choices(language)},
                     draft_lang: {"choices": h.package_language_choices(language)},
                     chapters: {"choices": h.chapter_options(services, language,
                                                             quiz_document)}}
            switched = h.example_in_language(services, intake, example_name, language)
            if switched is not None:  # the documents in its language too, as on picking it
                extra[editor] = {"value": switched}
                extra[draft_lang]["value"] = "en" if language == "en" else "zh"
            if history is not None:
                extra[chat]["value"] = history
            if history is not None or answers is not None:  # the chips read in `language`
                extra[chips] = {"choices": chats.chips(answers or [], language, services.corpus),
                                "value": None}
            return [gr.update(**{a: label(k, language) for a, k in attrs.items()},
                              **extra.get(component, {}))
                    for component, attrs in relabelled.items()]

        def on_language(language, intake, example_name, quiz_document):
            return [language, language, *interface(language, intake=intake,
                                                   example_name=example_name,
                                                   quiz_document=quiz_document)]

        lang.change(on_language, [lang, editor, example_pick, quiz_doc],
                    [lang_state, saved_lang, *relabelled], api_name=False).then(
            in_language, [browse_open, search, lang_state], [page, tree, results],
            api_name=False).then(
            ask_in_language, [ask_open, turns, lang_state], [clause_view, chips],
            api_name=False).then(
            quiz_in_language, [quiz_state, choice, lang_state], [prompt, choice, feedback],
            api_name=False)

        def on_load(kept, kept_lang, intake, example_name, request: gr.Request):
            language = kept_lang if kept_lang in dict(LANGUAGES).values() else DEFAULT_LANGUAGE
            history, answers = chats.restored(kept, _user(request))
            return [answers, language, gr.update(value=language),
                    *interface(language, history, answers, intake, example_name)]

        app.load(on_load, [saved, saved_lang, editor, example_pick],
                 [turns, lang_state, lang, *relabelled], api_name=False).then(
            in_language, [browse_open, search, lang_state], [page, tree, results],
            api_name=False)

        def refresh_documents(language):  # `ipms corpus add` in another process meanwhile
            return gr.update(choices=h.document_choices(services, language, everything=True))

        def refresh_browse(language):
            return gr.update(choices=h.browse_choices(services, language))

        doc.focus(refresh_documents, lang_state, doc, api_name=False, queue=False)
        browse_doc.focus(refresh_browse, lang_state, browse_doc, api_name=False, queue=False)
    return app


def make_server(services: h.Services, sock: socket.socket,
                authenticator: Authenticator | None = None, concurrency: int = 4) -> RunningServer:
    """The app, behind the login gate when `authenticator` is given, ready to serve on `sock`.

    Gradio's caches (uploads, copies of outputs) go into the downloads folder, so every file the
    app writes is removed with it when the server stops."""
    from fastapi import FastAPI

    cache = services.downloads / "gradio"
    os.environ["GRADIO_TEMP_DIR"] = str(cache)  # read by gradio at build and at run time
    os.environ["GRADIO_EXAMPLES_CACHE"] = str(cache / "examples")
    blocks = build_app(services)
    blocks.queue(default_concurrency_limit=concurrency, max_size=256)
    outer = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    gr.mount_gradio_app(outer, blocks, path="/", max_file_size=MAX_UPLOAD, show_error=True,
                        allowed_paths=[str(services.downloads)], css=CSS, head=HEAD,
                        app_kwargs={"openapi_url": None}, mcp_server=False, ssr_mode=False)
    asgi = outer if authenticator is None else LoginGate(outer, authenticator)
    return RunningServer(asgi, sock, services.close)


def serve(services: h.Services, host: str = "127.0.0.1", port: int = 7860,
          authenticator: Authenticator | None = None, concurrency: int = 4,
          block: bool = True) -> RunningServer:
    """Start the app; blocks until stopped unless block=False (then returns the running server,
    whose `url` to call and `close()` to stop). IpmsError for a bad option or a taken port."""
    sock = bind(ServeOptions(host, port, concurrency).check())
    try:
        server = make_server(services, sock, authenticator, concurrency)
    except BaseException:
        sock.close()
        raise
    if block:
        _server_log()
        server.run()
        return server
    return server.start()


def _server_log() -> None:
    """One line per event of ours on stderr (the server log): users' input errors at INFO, so
    each is seen once and never as a traceback. Left alone when logging is set up already."""
    ours = logging.getLogger("assistant")
    if not ours.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        ours.addHandler(handler)
        ours.setLevel(logging.INFO)
