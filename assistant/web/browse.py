"""Browse: a document's clause tree (chapters that open and close), search results, and a clause
page (its text, its rendition, its family, the procedures and forms that serve it, and for the
Beijing standard the corresponding clauses of the other standards from the crosswalk).

Links in the tree and the results are `#open=<doc>|<key>` (URL-quoted); the page's script turns
a click on one into the Browse tab's open-clause event (app.py)."""
from __future__ import annotations

import html
import re
import logging
from urllib.parse import quote

from assistant.answer.extractive import render_body
from assistant.answer.status import document_status, status_note
from assistant.corpus.store import Document
from assistant.errors import IpmsError
from assistant.models import Clause
from assistant.standards.profile_view import PROFILE_ISSUER
from assistant.web.messages import UserError, t

log = logging.getLogger(__name__)
_NO_LABEL = {"title", "preamble"}  # keys the parser gives clauses that have no label of their own


def clause_name(document: Document, clause: Clause) -> str:
    """How a clause is named on screen: '4.3.2.1 文件管理', '一 切实提高…', or the title alone
    when the label is the title ('前言') or a parser key ('title', '引言/概述')."""
    title = document.display_title(clause) if clause.number else clause.title
    label = clause.label if clause.label not in _NO_LABEL and "/" not in clause.label else ""
    if not label or label == title:
        return title or label or clause.label
    return f"{label} {title}".strip()


def shown_name(document: Document, clause: Clause, lang: str) -> tuple[str, str]:
    """The clause's name in the interface language `lang` and, when that is a rendition's
    title, the original name to show beside it ('' when the name shown is the original):
    ('管理评价', 'Management evaluation') for an English summary in a Chinese interface,
    ('4.3.2.1 Document management', '4.3.2.1 文件管理') for bj-ipm in an English one."""
    original = clause_name(document, clause)
    if lang_of(lang) == document.meta.language:
        return original, ""
    rendition = document.renditions.get(clause.key)
    if rendition is None and not clause.title and clause.number:  # titled by its ancestor
        rendition = next((document.renditions.get(a.key) for a in document.ancestors(clause.key)
                          if a.title and a.kind != "title"), None)
    if rendition is None or not rendition.shown_title:
        return original, ""
    title = rendition.shown_title  # without a translator's brackets
    label = clause.label if clause.label not in _NO_LABEL and "/" not in clause.label else ""
    if label and label != clause.title:
        title = f"{label} {title}"
    return (title, original) if title != original else (original, "")


def lang_of(lang: str | None) -> str:
    """The interface language as a document language: 'en', anything else 'zh'."""
    return "en" if lang == "en" else "zh"


def name_with_original(document: Document, clause: Clause, lang: str) -> str:
    """The clause's name in `lang`, its original beside it and marked as such:
    '管理评价（原文：Management evaluation）', '4.3.2.1 Document management (original: 4.3.2.1
    文件管理)'; the name alone when it is the original."""
    shown, original = shown_name(document, clause, lang)
    return t("with_original", lang, name=shown, original=original) if original else shown


def link(doc_id: str, key: str) -> str:
    """The href that opens a clause in Browse."""
    return "#open=" + quote(f"{doc_id}|{key}", safe="")


def browse_document(corpus, doc_id: str) -> Document:
    """The document Browse shows for `doc_id`: the corpus's, else a shipped profile whose text
    is not in the corpus, as profile_view.profile_document shows it (its clauses with our
    summaries). IpmsError for an id that is neither."""
    try:
        return corpus.get(doc_id)
    except IpmsError:
        from assistant.standards.profile_view import profile_document, profiles_without_text

        profile = next((p for p in profiles_without_text(corpus) if p.id == doc_id), None)
        if profile is None:
            raise
        return profile_document(profile)


def first_clause(document: Document) -> str:
    """The key of the clause Browse opens on: the first numbered clause with text of its own."""
    for clause in document.clauses.values():
        if clause.number and clause.body.strip():
            return clause.key
    return next(iter(document.clauses))


def tree_html(document: Document, open_key: str | None = None, lang: str = "zh") -> str:
    """The clause tree as nested lists; each chapter (top-level clause) is a <details> that
    opens and closes, the one holding `open_key` open. Names in the interface language `lang`
    (tree_link)."""
    def items(keys: list[str]) -> str:
        out = []
        for key in keys:
            clause = document.clauses[key]
            mark = ' class="current"' if key == open_key else ""
            inner = items(clause.children) if clause.children else ""
            out.append(f"<li>{tree_link(document, clause, lang, mark)}{inner}</li>")
        return "<ul>" + "".join(out) + "</ul>" if out else ""

    family = set()
    if open_key in document.clauses:
        family = {open_key} | {a.key for a in document.ancestors(open_key)}
    parts = []
    for key in document.roots:
        clause = document.clauses[key]
        here = tree_link(document, clause, lang)
        if not clause.children:
            parts.append(f'<div class="leaf">{here}</div>')
            continue
        state = " open" if key in family else ""
        parts.append(f"<details{state}><summary>{here}</summary>{items(clause.children)}</details>")
    return '<nav class="clause-tree">' + "".join(parts) + "</nav>"


def tree_link(document: Document, clause: Clause, lang: str, attributes: str = "") -> str:
    """A link that opens the clause, named in `lang` (shown_name); when that name is a
    rendition's, the original is its tooltip, marked '原文' / 'original'."""
    shown, original = shown_name(document, clause, lang)
    tip = ""
    if original:
        tip = f' title="{html.escape(t("original_name", lang, original=original))}"'
    return (f'<a href="{link(document.meta.id, clause.key)}"{attributes}{tip}>'
            f"{html.escape(shown)}</a>")


def search(document: Document, text: str) -> list[Clause]:
    """The clauses whose number, title or text (or their rendition's) contain `text`
    (case-insensitive), in document order; [] for an empty search."""
    needle = text.strip().lower()
    if not needle:
        return []
    found = []
    for clause in document.clauses.values():
        rendition = document.renditions.get(clause.key)
        haystack = " ".join([clause.label, clause.title, clause.text,
                             rendition.title if rendition else "",
                             rendition.text if rendition else ""]).lower()
        if needle in haystack:
            found.append(clause)
    return found


def results_html(document: Document, text: str, lang: str, limit: int = 60) -> str:
    """The search results as a list of links with a line of context, or the 'no match'
    message; '' for an empty search."""
    if not text.strip():
        return ""
    found = search(document, text)
    if not found:
        return f'<p class="no-match">{html.escape(t("no_match", lang, text=text.strip()))}</p>'
    rows = []
    needle = text.strip().lower()
    for clause in found[:limit]:
        marked, snippet = preview(document, clause, needle, lang)
        said = f"<small>{html.escape(marked)}</small> " if marked else ""
        rows.append(f"<li>{tree_link(document, clause, lang)}"
                    f'<span class="snippet">{said}{html.escape(snippet)}</span></li>')
    more = "<li>…</li>" if len(found) > limit else ""
    return (f'<div class="search-results"><p>{html.escape(t("matches", lang, n=len(found)))}</p>'
            f"<ol>{''.join(rows)}{more}</ol></div>")


def _context(text: str, needle: str) -> str:
    """A line of `text` around `needle` (its start when `needle` is not in it), '…' where it
    is cut; text in Latin letters is given twice the characters and cut between words only."""
    flat = " ".join(text.split())
    latin = not re.search(r"[\u4e00-\u9fff]", flat)
    before, after = (40, 90) if latin else (20, 40)
    at = flat.lower().find(needle) if needle else -1
    start, end = (max(0, at - before), at + len(needle) + after) if at >= 0 else (0, after + 10)
    if latin:  # widen to whole words
        while 0 < start and flat[start - 1] != " ":
            start -= 1
        while end < len(flat) and flat[end - 1] != " ":
            end += 1
    shown = flat[start:end].strip()
    return ("…" if start > 0 else "") + shown + ("…" if end < len(flat) else "")


def preview(document: Document, clause: Clause, needle: str, lang: str) -> tuple[str, str]:
    """(label, line of context) a search result shows for `clause`: in the document's own
    language its text, unlabelled; in the other interface language the rendition in that
    language labelled as one ('English rendition'), else the original text labelled as the
    original with no rendition ('Original (no English rendition)')."""
    original = _context(clause.body, needle)
    if lang_of(lang) == document.meta.language:
        return "", original
    rendition = document.renditions.get(clause.key)
    ui = lang_of(lang)
    if rendition is not None and rendition.text.strip():
        return t(f"rendition_{ui}", lang) + _colon(lang), _context(rendition.text, needle)
    if not original:
        return "", ""
    return t(f"original_no_rendition_{ui}", lang) + _colon(lang), original


def _colon(lang: str) -> str:
    return ":" if lang_of(lang) == "en" else "："


def _label(key: str, lang: str) -> str:
    """A label and its colon before what it names on a clause page: 'Parent: ', '上级条款：'
    (the full-width colon of Chinese text, no space after it)."""
    return t(key, lang) + (": " if lang_of(lang) == "en" else "：")


def _list_mark(lang: str, english: str, chinese: str) -> str:
    """What separates the items of a list in `lang`: `english` or `chinese` ('、', '；')."""
    return english if lang_of(lang) == "en" else chinese


def _lines(text: str, prefix: str = "") -> str:
    """Markdown that keeps each line of `text` a line of its own (two trailing spaces)."""
    return "\n".join(f"{prefix}{line}  " for line in text.strip().split("\n") if line.strip())


def clause_markdown(corpus, templates, doc_id: str, key: str, lang: str = "zh") -> str:
    """A clause page in Markdown: text (verbatim), rendition, family, related documents and,
    for bj-ipm, the corresponding clauses (summaries, marked as such). UserError for a document
    or clause that does not exist."""
    try:
        document = browse_document(corpus, doc_id)
    except IpmsError:
        raise UserError("unknown_doc", doc=doc_id) from None
    if key not in document.clauses:
        raise UserError("no_clause", doc=doc_id, clause=key)
    clause = document.clauses[key]
    note = status_note(document_status(document.meta), lang)  # '（非官方摘要，非标准原文）'
    titles = (document.meta.title_en, document.meta.title_zh) if lang_of(lang) == "en" \
        else (document.meta.title_zh, document.meta.title_en)
    lines = [f"### {name_with_original(document, clause, lang)}",
             f"*{' / '.join(dict.fromkeys(x for x in titles if x))}* — "  # one title when both are
             f"`[{doc_id} {clause.label}]`{note}"]  # the same (a company's own document)
    if document.meta.issuer == PROFILE_ISSUER:  # what follows is our summary, never a quote
        from assistant.standards.crosswalk_view import wording

        lines.append(f"\n<small>{wording(lang)['summary_label'].rstrip('：:')}</small>")
    for node in document.subtree(key):
        if node.key != key:
            lines.append(f"\n**{name_with_original(document, node, lang)}**")
        lines += _texts(document, node, lang)
    if clause.parent:
        parent = document.clauses[clause.parent]
        lines.append(f"\n{_label('parent', lang)}"
                     f"{name_with_original(document, parent, lang)}")
    if clause.children:
        names = _list_mark(lang, ", ", "、").join(
            name_with_original(document, document.clauses[c], lang) for c in clause.children)
        lines.append(f"\n{_label('children', lang)}{names}")
    related = related_documents(document, templates, key, lang)
    if related:
        lines.append(f"\n{_label('related', lang)}"
                     + _list_mark(lang, "; ", "；").join(related))
    if doc_id == "bj-ipm" or document.meta.issuer == PROFILE_ISSUER:
        lines.append(corresponding_markdown(corpus, key, lang, doc_id))
    return "\n".join(line for line in lines if line)


def _texts(document: Document, node: Clause, lang: str) -> list[str]:
    """A clause's own text (quoted verbatim) and its rendition, the one in the interface
    language first: in the document's language the original then the rendition (labelled);
    in the other language the rendition (labelled) then the original, marked '原文' /
    'Original'. A profile's clause (profile_view.profile_document) has our summary instead,
    shown in the interface language and never as a quote."""
    rendition = document.renditions.get(node.key)
    if document.meta.issuer == PROFILE_ISSUER:  # our summary in the interface language, unquoted
        english = rendition.text.strip() if rendition and lang_of(lang) == "en" else ""
        summary = english or node.body.strip()
        return ["\n" + _lines(summary)] if summary else []
    original = []
    if node.body.strip():
        original.append("\n" + _lines(render_body(node.body.strip()), "> "))
    if rendition is None or not rendition.text.strip():
        return original
    other = "rendition_zh" if document.meta.language == "en" else "rendition_en"
    same = lang_of(lang) == document.meta.language
    title = f" — *{rendition.shown_title}*" if rendition.shown_title and same else ""  # else
    # the heading names it
    translated = [f"\n<small>{t(other, lang)}</small>{title}  \n" + _lines(rendition.text)]
    if same or not original:
        return original + translated
    marked = [f"\n<small>{t('original_text', lang)}</small>"] + original
    return translated + marked


def related_documents(document: Document, templates, key: str, lang: str = "zh") -> list[str]:
    """The procedures and forms (code and title in the interface language `lang`, Chinese
    when the template has no such title) that serve the clause, its ancestors or its
    sub-clauses; bj-ipm only."""
    if document.meta.id != "bj-ipm":
        return []
    family = {key} | {a.key for a in document.ancestors(key)} \
        | {c.key for c in document.subtree(key)}
    try:
        ui = lang_of(lang)
        out = [f"{p.code} {p.title.get(ui) or p.title['zh']}" for p in templates.procedures
               if family & set(p.clauses)]
        out += [f"{f.code} {f.title.get(ui) or f.title['zh']}" for f in templates.forms
                if f.clause in family]
    except IpmsError as exc:  # a template a consultant broke: the clause page still shows
        log.warning("related documents not shown: %s", " ".join(str(exc).split()))
        return []
    return out


def corresponding_markdown(corpus, key: str, lang: str, doc_id: str = "bj-ipm") -> str:
    """'对应条款 / Corresponding clauses' for a clause of bj-ipm or of a profile (`doc_id`): the
    clauses of the other standards (bj-ipm, GB/T 29490-2013, -2023, ISO 56005) the crosswalk
    relates to it (assistant.standards.crosswalk_view), each
    with its title, relation and either a verbatim quote from a licensed copy in the corpus or
    OUR summary, labelled as a summary; '' when the crosswalk names none."""
    from assistant.standards.crosswalk_view import crosswalk_view, wording

    try:
        view = crosswalk_view(corpus, key, doc_id, language=lang)
    except IpmsError:
        return ""
    if not view.correspondences:
        return ""
    w = wording(lang)
    out = [f"\n#### {t('corresponding', lang)}"]
    if view.via:
        out.append(f"*{w['via_parent'].format(clause=view.asked, parent=view.via)}*")
    for c in view.correspondences:
        target = c.target
        relation = w["relation"].get(c.relation, c.relation)
        if not target.number:
            none = w["no_target"].format(designation=target.designation, relation=relation)
            out.append(f"- {none}")
            continue
        brackets = " ({})" if lang_of(lang) == "en" else "（{}）"
        out.append(f"- **{target.designation} {target.number}** {target.title}"
                   f"{brackets.format(relation)}  ")
        if target.quote is not None:
            out.append(f"  {w['quote_label']} `{target.citation}`  ")
            out += [f"  > {line}  " for line in target.quote.split("\n") if line.strip()]
        elif target.summary:
            out.append(f"  <small>{w['summary_label']}</small> {target.summary}  ")
        out += [f"  <small>{w['note_label']} {note}</small>  " for note in c.notes]
    return "\n".join(out)
