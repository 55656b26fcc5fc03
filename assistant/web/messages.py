"""What the web app says to its users, in Chinese (the default) and English: one table, looked up
by key. `t(key, lang, **values)` formats the message in the interface language the user chose."""
from __future__ import annotations

import logging

from assistant.errors import IpmsError

LANGUAGES = (("中文", "zh"), ("English", "en"))
DEFAULT_LANGUAGE = "zh"
log = logging.getLogger("assistant.web")

MESSAGES: dict[str, tuple[str, str]] = {
    "notice": ("提示", "Notice"),
    # Ask
    "all_documents": ("全部文件", "All documents"),
    "profile_only": ("仅概要，原文不在语料中", "summary only, text not in the corpus"),
    "empty_question": ("请先输入问题。", "Type a question first."),
    "question_too_long": ("问题有 {length} 个字符，超过上限 {limit}：请缩短后再问。",
                          "The question has {length} characters, over the limit of {limit}: "
                          "shorten it and ask again."),
    "nothing_to_export": ("还没有可导出的对话：请先提问。", "Nothing to export yet: ask a question first."),
    "ask_failed": ("无法回答：{reason}", "Cannot answer: {reason}"),
    "qa_record": ("知识产权问答记录", "IP Q&A record"),
    "citations": ("引用条款", "Citations"),
    "question": ("问", "Q"),
    # Suggested questions: each a whole question in the interface's own language.
    "starters": ("第4.3.2条要求什么？|知识产权培训应该覆盖哪些人员？|企业应如何管理知识产权风险？"
                 "|知识产权方针应包括哪些内容？",
                 "What does clause 4.3.2 require?|Who must IP training cover?"
                 "|How should a company manage IP risks?|What should the IP policy contain?"),
    # Browse
    "no_match": ("没有找到与“{text}”匹配的条款。", "No clause matches “{text}”."),
    "matches": ("找到 {n} 条：", "{n} found:"),
    "parent": ("上级条款", "Parent"),
    "children": ("下级条款", "Children"),
    "related": ("相关程序和表单", "Related procedures and forms"),
    "rendition_en": ("英文译文", "English rendition"),
    "rendition_zh": ("中文译文", "Chinese rendition"),
    "original_no_rendition_en": ("原文（无英文译文）", "Original (no English rendition)"),
    "original_no_rendition_zh": ("原文（无中文译文）", "Original (no Chinese rendition)"),
    "corresponding": ("对应条款", "Corresponding clauses"),
    "with_original": ("{name}（原文：{original}）", "{name} (original: {original})"),
    "original_name": ("原文：{original}", "Original: {original}"),
    "original_text": ("原文（引用以原文为准）", "Original text (quotes and citations are from it)"),
    "no_clause": ("文件 {doc} 中没有条款 {clause}。", "{doc} has no clause {clause}."),
    "unknown_doc": ("没有文件 {doc}。", "There is no document {doc}."),
    # Train
    "quiz_source": ("本测验题目出自{standard}；版本：{edition}",
                    "The questions are drawn from {standard}; edition: {edition}"),
    "quiz_source_own": ("本测验题目出自{standard}；文件编号：{edition}",
                        "The questions are drawn from {standard}; document No.: {edition}"),
    "quiz_source_plain": ("本测验题目出自{standard}", "The questions are drawn from {standard}"),
    "pick_chapter": ("请至少选择一个章节。", "Pick at least one chapter."),
    "bad_count": ("题数应为 1 到 30。", "A quiz has 1 to 30 questions."),
    "no_text": ("所选章节中没有可出题的条款原文。", "The chosen chapters hold no requirement text."),
    "no_questions": ("无法从所选章节出题。", "No questions could be made from the chosen chapters."),
    "start_first": ("请先开始测验。", "Start a quiz first."),
    "choose_answer": ("请先选择一个答案。", "Choose an answer first."),
    "quiz_over": ("测验已结束：可导出培训记录或重新开始。",
                  "The quiz is over: export the record or start again."),
    "finish_first": ("请先完成测验再导出培训记录。", "Finish the quiz before exporting its record."),
    "question_n": ("第 {n} / {total} 题", "Question {n} / {total}"),
    "fill_in": ("填空", "Fill in the blank"),
    "which_clause": ("下面这句话出自哪一条？", "Which clause says this?"),
    "your_answer": ("你的答案", "Your answer"),
    "correct": ("√ 正确", "√ Correct"),
    "wrong": ("× 错误，正确答案：{answer}", "× Wrong — the answer is: {answer}"),
    "finished": ("测验完成：得分 {score} / {total}（{percent}%），合格线 {mark}%。",
                 "Quiz finished: {score} / {total} ({percent}%), pass mark {mark}%."),
    "passed": ("结果：合格", "Result: passed"),
    "failed": ("结果：不合格", "Result: not passed"),
    "review": ("答错的题目", "Questions answered wrongly"),
    "all_right": ("全部答对。", "Every answer was right."),
    "source_clause": ("出处", "Source"),
    # Draft
    "draft_intro": ("从示例企业开始，或填写、上传信息采集表（YAML），检查后生成文件包和覆盖报告。",
                    "Start from an example company, or fill in or upload the intake "
                    "questionnaire (YAML), check it, and download the document package with "
                    "its coverage report."),
    "standard_bj-ipm": ("北京市地方标准《企业知识产权管理规范》 (bj-ipm)",
                        "Enterprise Intellectual Property Management Specification "
                        "(Beijing local standard) (bj-ipm)"),
    "language_zh": ("中文", "Chinese"),
    "language_en": ("英文", "English"),
    "intake_valid": ("√ 信息采集表有效。", "√ The questionnaire is valid."),
    "intake_problems": ("信息采集表有 {n} 处问题：", "Problems in the questionnaire ({n}):"),
    "line": ("第 {n} 行", "line {n}"),
    "not_utf8": ("上传的文件不是 UTF-8 文本文件。", "The upload is not a UTF-8 text file."),
    "draft_done": ("文件包已生成。", "The package is ready."),
    "example_loaded": ("已载入示例企业“{name}”的信息采集表：请改为贵公司的信息，再检查并生成文件包。",
                       "The questionnaire of the example company “{name}” is loaded: replace "
                       "its facts with your company's, then check it and generate the package."),
    "example_other_language": ("（该示例只有英文版；取值可用中文或英文。）",
                               "(This example is written in Chinese only; values may be given "
                               "in either language.)"),
    # The example companies (generators/templates/examples/<name>.<lang>.yaml); another name
    # found there is shown as it is.
    "example_manufacturer": ("制造业企业", "Manufacturer"),
    "example_saas": ("软件与互联网服务（SaaS）企业", "Software / SaaS company"),
    "example_life-sciences": ("生命科学企业", "Life-sciences company"),
}


LABELS: dict[str, tuple[str, str]] = {  # the interface's labels and button texts
    "document": ("文件", "Document"),
    "chat_placeholder": ("**可以这样问：**", "**Try:**"),
    "question_placeholder": ("例：第4.3.2条要求什么？", "e.g. what does clause 4.3.2 require?"),
    "ask": ("提问", "Ask"),
    "chips": ("引用条款（点击查看）", "Citations (click to open)"),
    "clear": ("清空对话", "Clear"),
    "export_md": ("导出 Markdown", "Export Markdown"),
    "export_docx": ("导出 .docx", "Export .docx"),
    "download": ("下载", "Download"),
    "search": ("搜索", "Search"),
    "upload": ("上传 intake.yaml", "Upload intake.yaml"),
    "example": ("从示例企业开始", "Start from an example company"),
    "questionnaire": ("信息采集表", "Questionnaire"),
    "standard": ("依据标准", "Standard"),
    "package_language": ("文件语言", "Language of the documents"),
    "check": ("检查", "Check"),
    "generate": ("生成文件包", "Generate package"),
    "package": ("文件包 (.zip)", "Package (.zip)"),
    "trainer": ("培训人", "Trainer"),
    "session": ("培训名称", "Session"),
    "training_hours": ("培训学时", "Training hours"),
    "training_place": ("地点", "Place"),
    "training_mode": ("方式", "Method"),
    "mode_examples": ("面授、线上、自学…", "in person, online, self-study…"),
    "attendee": ("参训人", "Attendee"),
    "chapters": ("章节", "Chapters"),
    "quiz_document": ("出题依据", "Questions from"),
    "count": ("题数", "Questions"),
    "pass_mark": ("合格线 (%)", "Pass mark (%)"),
    "start": ("开始测验", "Start quiz"),
    "answer": ("作答", "Your answer"),
    "submit": ("提交", "Submit"),
    "record": ("导出培训记录", "Export training record"),
    "record_file": ("培训记录", "Training record"),
}


def label(key: str, lang: str | None) -> str:
    """The interface label `key` in `lang` (anything but 'en': Chinese)."""
    zh, en = LABELS[key]
    return en if lang == "en" else zh


def t(key: str, lang: str | None, **values: object) -> str:
    """The message `key` in `lang` ('zh' or 'en'; anything else: Chinese), formatted with
    `values`. KeyError for an unknown key (a programming error, found by the tests)."""
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)


class UserError(IpmsError):
    """Bad input in the web app: a message key and its values, shown in the user's language.
    `str()` is the English message, for the log and for callers outside the web app."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(t(key, "en", **values))
        self.key, self.values = key, values

    def text(self, lang: str | None) -> str:
        return t(self.key, lang, **self.values)


def user_message(exc: IpmsError, lang: str | None) -> str:
    """The message for the user: translated for a UserError, the library's own for others.
    Logged as one line (never a traceback: it is the user's input, not a fault)."""
    text = exc.text(lang) if isinstance(exc, UserError) else str(exc)
    log.info("user error: %s", str(exc).replace("\n", " "))
    return text
