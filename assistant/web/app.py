"""The gradio app: Ask, Browse, Draft, Train. Wiring only; the work is in handlers.py."""
from __future__ import annotations

import os
import socket

import gradio as gr

from assistant.errors import IpmsError
from assistant.web.auth import Authenticator
from assistant.web.gate import LoginGate
from assistant.web.server import RunningServer, ServeOptions, bind
from assistant.web import handlers as h
from assistant.web import quiz as quizzes

INTRO = ("**企业知识产权管理规范 贯标助手** — answers cite the standard clause by clause; "
         "quotes are verbatim. Ask in Chinese or English.")
MAX_UPLOAD = "1mb"


def build_app(services: h.Services) -> gr.Blocks:
    doc_choices = [h.ALL_DOCS, *services.corpus.documents]
    example = services.templates.intake_example("zh")

    with gr.Blocks(title="ipms — IP management assistant") as app:
        gr.Markdown(INTRO)
        with gr.Tab("Ask 问答"):
            turns = gr.State([])
            with gr.Row():
                doc = gr.Dropdown(doc_choices, value=h.ALL_DOCS, label="Document 文件", scale=1)
            chat = gr.Chatbot(label="Conversation", height=420, elem_id="chat")
            with gr.Row():
                question = gr.Textbox(placeholder="e.g. what does clause 4.3.2 require / 知识产权培训应该覆盖哪些人员",
                                      show_label=False, scale=5, elem_id="question")
                send = gr.Button("Ask 提问", variant="primary", scale=1, elem_id="ask")
            chips = gr.Radio([], label="Citations 引用条款 (click to open)", elem_id="chips")
            clause_view = gr.Markdown(elem_id="clause-view")
            with gr.Row():
                export_md = gr.Button("Export Markdown")
                export_docx = gr.Button("Export .docx")
                download = gr.File(label="Download", interactive=False)

            def on_ask(text, selected_doc, history, state):
                history = list(history or []) + [{"role": "user", "content": text},
                                                 {"role": "assistant", "content": ""}]
                answer = None
                for answer, shown in h.ask_stream(services, text, selected_doc, state):
                    history[-1] = {"role": "assistant", "content": shown}
                    if answer is None:  # a language model is still writing
                        yield history, state, gr.update(), "", ""
                labels = [h.chip_label(answer, i) for i in range(len(answer.citations))] \
                    if answer else []
                yield history, state, gr.update(choices=labels, value=None), "", ""

            send.click(on_ask, [question, doc, chat, turns],
                       [chat, turns, chips, clause_view, question], api_name="ask")
            question.submit(on_ask, [question, doc, chat, turns],
                            [chat, turns, chips, clause_view, question], api_name=False)

            def on_chip(label, state):
                if not label or not state:
                    return ""
                answer = state[-1]
                for i, (doc_id, key) in enumerate(answer.keys):
                    if h.chip_label(answer, i) == label:
                        return h.clause_markdown(services, doc_id, key)
                return ""

            chips.change(on_chip, [chips, turns], clause_view, api_name="show_clause")

            def on_export(kind):
                def run(state):
                    try:
                        return h.export_conversation(services, state, kind)
                    except IpmsError as exc:
                        raise gr.Error(str(exc)) from None
                return run

            export_md.click(on_export("md"), turns, download, api_name="export_markdown")
            export_docx.click(on_export("docx"), turns, download, api_name="export_docx")

        with gr.Tab("Browse 浏览"):
            with gr.Row():
                browse_doc = gr.Dropdown(list(services.corpus.documents), value="bj-ipm",
                                         label="Document 文件")
                search = gr.Textbox(label="Search 搜索", placeholder="4.3.2 / 培训 / training")
            clause_list = gr.Dropdown(h.clause_list(services, "bj-ipm", ""), label="Clause 条款",
                                      elem_id="clause-list")
            page = gr.Markdown(elem_id="clause-page")

            def on_filter(doc_id, text):
                return gr.update(choices=h.clause_list(services, doc_id, text), value=None)

            search.change(on_filter, [browse_doc, search], clause_list, api_name="browse_search")
            browse_doc.change(on_filter, [browse_doc, search], clause_list, api_name=False)
            clause_list.change(lambda doc_id, key: h.clause_markdown(services, doc_id, key)
                               if key else "", [browse_doc, clause_list], page,
                               api_name="browse_clause")

        with gr.Tab("Draft 文件起草"):
            gr.Markdown("Fill in or upload the intake questionnaire (YAML), check it, and "
                        "download the document package with its coverage report.")
            upload = gr.File(label="Upload intake.yaml", file_types=[".yaml", ".yml"],
                             type="filepath")
            editor = gr.Code(example, language="yaml", label="Questionnaire 信息采集表")
            with gr.Row():
                lang = gr.Radio(["zh", "en"], value="zh", label="Language 语言")
                check = gr.Button("Check 检查")
                generate = gr.Button("Generate package 生成文件包", variant="primary")
            problems = gr.Markdown()
            package = gr.File(label="Package (.zip)", interactive=False)
            coverage = gr.Markdown()

            def on_upload(path):
                if not path:
                    return gr.update()
                try:
                    with open(path, encoding="utf-8") as handle:
                        return handle.read()
                except (UnicodeDecodeError, OSError):
                    raise gr.Error("the upload is not a UTF-8 text file") from None

            upload.upload(on_upload, upload, editor, api_name=False)

            def on_check(text):
                found = h.intake_problems(text)
                return ("✅ The questionnaire is valid." if not found else
                        "\n".join(f"- `{p.split(':', 1)[0]}`:{p.split(':', 1)[1]}" for p in found))

            check.click(on_check, editor, problems, api_name="validate_intake")

            def on_generate(text, language):
                try:
                    archive, report = h.draft_zip(services, text, language)
                except IpmsError as exc:
                    raise gr.Error(str(exc)) from None
                return archive, report, ""

            generate.click(on_generate, [editor, lang], [package, coverage, problems],
                           api_name="draft")

        with gr.Tab("Train 培训"):
            quiz_state = gr.State(None)
            options = h.chapter_options(services)
            with gr.Row():
                attendee = gr.Textbox(label="Attendee 参训人", elem_id="attendee")
                chapters = gr.CheckboxGroup(options, value=[options[0][1]],
                                            label="Chapters 章节", elem_id="chapters")
                count = gr.Slider(1, 20, value=3, step=1, label="Questions 题数",
                                  elem_id="count")
            start = gr.Button("Start quiz 开始测验", variant="primary", elem_id="start")
            prompt = gr.Markdown(elem_id="quiz-question")
            choice = gr.Radio([], label="Your answer 作答", elem_id="quiz-options")
            submit = gr.Button("Submit 提交", elem_id="submit")
            feedback = gr.Markdown(elem_id="quiz-feedback")
            record_button = gr.Button("Export training record 导出培训记录", elem_id="record")
            record = gr.File(label="Training record", interactive=False, elem_id="record-file")

            def on_start(name, picked, n):
                try:
                    session = quizzes.build_quiz(services.corpus, picked or [], int(n), name or "",
                                                 seed=hash((name, tuple(picked or []), n)) % 10_000)
                except IpmsError as exc:
                    raise gr.Error(str(exc)) from None
                return (session, h.question_markdown(session),
                        gr.update(choices=list(session.current.options), value=None), "")

            start.click(on_start, [attendee, chapters, count],
                        [quiz_state, prompt, choice, feedback], api_name="quiz_start")

            def on_submit(session, picked):
                if session is None or session.finished:
                    raise gr.Error("start a quiz first")
                if not picked:
                    raise gr.Error("choose an answer")
                correct = session.answer(picked)
                following = session.current
                return (session, h.feedback_markdown(services, session, correct),
                        h.question_markdown(session),
                        gr.update(choices=list(following.options) if following else [],
                                  value=None))

            submit.click(on_submit, [quiz_state, choice],
                         [quiz_state, feedback, prompt, choice], api_name="quiz_answer")

            def on_record(session):
                if session is None:
                    raise gr.Error("start a quiz first")
                try:
                    return h.training_record(services, session)
                except IpmsError as exc:
                    raise gr.Error(str(exc)) from None

            record_button.click(on_record, quiz_state, record, api_name="quiz_record")
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
                        allowed_paths=[str(services.downloads)],
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
        server.run()
        return server
    return server.start()
