"""What one of the company's own rules holds, asked of it by name ("《商业秘密保护规定》讲什么",
"保密规定有几章", "What does our trade secret policy cover?").

A question naming one company document (own_rules.own_named: by title, short title or a
shortened one) and asking for its outline — how many chapters or articles, what it is about —
is answered from the document's own structure: its chapters with their titles and the articles
each holds, every chapter cited. Wording: prompts/answer/<lang>.toml (own_outline_*).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer.own_rules import own_documents
from assistant.corpus.store import Document
from assistant.models import Answer, Clause
from assistant.textutil import fold

if TYPE_CHECKING:
    from assistant.answer.extractive import ExtractiveAnswerer

# The question asks what the document holds, not something in it.
ASKS_OUTLINE = re.compile(
    r"(?:有|分|共|包括|包含)?(?:几|多少|哪几|哪些)(?:个)?(?:章|条|部分)"
    r"|(?:讲|说|写|规定)(?:了|的是|的)?(?:些)?什么(?:内容)?\s*[？?。]?\s*$|(?:主要|大概|都)(?:讲|说|内容|写)"
    r"|(?:内容|结构|框架|目录)(?:是什么|有哪些|怎样|如何)?\s*[？?。]?\s*$"
    r"|(?i:\bhow\s+many\s+(?:chapters|articles|sections)\b|\bwhat\s+(?:is|does)\b.{0,60}"
    r"\b(?:about|cover)\s*\??\s*$|\boutline\b)")
_CHAPTER = re.compile(r"第.{1,6}章")
_ARTICLE = re.compile(r"第.{1,6}条")


def own_outline_answer(answerer: "ExtractiveAnswerer", question: str, named, language: str
                       ) -> Answer | None:
    """The outline of the one company document `named` names, when the question asks for it;
    None otherwise (no such question, several or no company documents named, no chapters)."""
    if not ASKS_OUTLINE.search(fold(question)):
        return None
    own = {d.id: d for d in own_documents(answerer.settings, answerer.corpus,
                                          answerer.names.family)}
    documents = [own[i] for i in named.ids if i in own]
    if len(documents) != 1:
        return None
    document = documents[0]
    chapters = [c for c in document.lookup_table() if c.number and _CHAPTER.fullmatch(c.number)]
    if not chapters:
        return None
    t = answerer.templates(language)
    articles = _articles(document)
    blocks = [t("own_outline_intro", doc_title=document.meta.title(language), doc=document.id,
                chapters=len(chapters), articles=len(articles))]
    for chapter in chapters:
        held = [a for a in articles if _under(document, a, chapter.key)]
        span = (t("own_outline_span", first=held[0].number, last=held[-1].number)
                if held else "")
        blocks.append(t("own_outline_chapter", number=chapter.number, title=chapter.title,
                        span=span, doc=document.id))
    citations, keys = answerer._cite([(document, c) for c in chapters])
    return Answer(question, "\n".join(blocks), False, citations, keys,
                  ranked=[(document.id, c.key) for c in chapters])


def _articles(document: Document) -> list[Clause]:
    return [c for c in document.lookup_table() if c.number and _ARTICLE.fullmatch(c.number)]


def _under(document: Document, clause: Clause, key: str) -> bool:
    return any(a.key == key for a in document.ancestors(clause.key))
