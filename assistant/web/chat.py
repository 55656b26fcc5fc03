"""Ask: the chat as the browser shows it and keeps it. Every `[doc clause]` tag of an answer
becomes a link that opens the clause; the citations of every answer of the conversation are
chips; the conversation (messages and answers) is a plain dict the browser stores, so a reload
gives it back."""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from urllib.parse import quote

from assistant.corpus.store import Corpus
from assistant.errors import IpmsError
from assistant.models import Answer, Citation

TAG = re.compile(r"\[([A-Za-z0-9][\w.-]*) ([^\[\]\n]{1,40})\](?!\()")
SAVED_VERSION = 1


def clause_key(corpus: Corpus, answer: Answer | None, doc_id: str, label: str) -> str | None:
    """The key of the clause `[doc_id label]` names: the answer's own citation first, else the
    document's first clause printed with that label; None when there is none."""
    if answer is not None:
        for citation, (doc, key) in zip(answer.citations, answer.keys):
            if citation.doc == doc_id and citation.clause == label:
                return key
    try:
        document = corpus.get(doc_id)
    except IpmsError:
        return None
    if label in document.clauses:
        return label
    return next((c.key for c in document.clauses.values() if c.label == label), None)


def linked(corpus: Corpus, answer: Answer) -> str:
    """The answer's text with each `[doc clause]` tag naming a real clause made a Markdown
    link `#open=doc|key` (the tag's text unchanged)."""
    def replace(match: re.Match) -> str:
        key = clause_key(corpus, answer, match.group(1), match.group(2))
        if key is None:
            return match.group(0)
        return f"[{match.group(0)}](#open={quote(f'{match.group(1)}|{key}', safe='')})"

    return TAG.sub(replace, answer.answer)


CHIP_TITLE_CHARS = {"zh": 24, "en": 60}  # a longer title is cut at a word or phrase boundary
_NUMBERED = re.compile(r"\d+(?:\.\d+)*|[A-Z](?:\.\d+)*|第.+[条章]|附录.*")
_BREAKS = " ，、；：,;:（("


def shortened(text: str, limit: int) -> str:
    """`text` cut to at most about `limit` characters at a space or punctuation mark, with '…'
    when cut; never inside a word: a text with no such boundary in reach is kept whole."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = max(text[:limit + 1].rfind(p) for p in _BREAKS)
    if cut < limit // 2:
        return text
    return text[:cut].rstrip(_BREAKS) + "…"


def short_name(corpus: Corpus, doc_id: str, lang: str) -> str:
    """How a chip names a document: the first of its aliases written in `lang` ('认证要求',
    'certification requirements'), else its title in `lang`."""
    document = corpus.documents[doc_id]
    for alias in document.meta.aliases:
        if bool(re.search(r"[\u4e00-\u9fff]", alias)) == (lang == "zh") and len(alias) > 1:
            return alias
    return document.meta.title(lang) or document.meta.title_zh


def chip_label(citation: Citation, lang: str = "zh", corpus: Corpus | None = None,
               key: str | None = None) -> str:
    """A citation's chip, read as a question in the interface's language: '第4.3.2.1条「文件
    管理」讲什么？' / 'What does clause 4.3.2.1 “Document management” say?'. The clause's title
    is shown in that language when the document has a rendition in it (`key`: the clause's
    key, which tells apart the titled parts of one number, 10.2/司法保护); a document other than
    the primary standard is named (short_name); a section of an unnumbered document by its
    title alone (its label is no number)."""
    lang = "en" if lang == "en" else "zh"
    title, doc_name = citation.title, citation.doc
    if corpus is not None and citation.doc in corpus.documents:
        document = corpus.documents[citation.doc]
        key = key or clause_key(corpus, None, citation.doc, citation.clause)
        rendition = document.renditions.get(key) if key else None
        if document.meta.language != lang and rendition is not None \
                and rendition.shown_title:
            title = rendition.shown_title  # without a translator's brackets
        doc_name = "" if document.meta.primary else short_name(corpus, citation.doc, lang)
    numbered = bool(_NUMBERED.fullmatch(citation.clause))
    # An untitled article or sub-clause (第二十九条, 3.1 of a policy) is named by its number once,
    # never with its number again as its title ('第二十九条「第二十九条」').
    untitled = numbered and (not (title or "").strip() or title.strip() == citation.clause)
    title = shortened(title or citation.clause, CHIP_TITLE_CHARS[lang])
    if lang == "en":
        if doc_name[:1].islower() or doc_name[:1].isdigit():
            doc_name = f"the {doc_name}"  # 'the certification requirements', 'the 2020 notice'
        if not numbered:
            return f"What does “{title}” in {doc_name} say?"
        of = f" of {doc_name}" if doc_name else ""
        if untitled:
            name = (f"clause {citation.clause}" if re.fullmatch(r"\d+(?:\.\d+)*", citation.clause)
                    else citation.clause)
            return f"What does {name}{of} say?"
        return f"What does clause {citation.clause} “{title}”{of} say?"
    if untitled:
        return f"{doc_name + '中' if doc_name else ''}{_zh_clause(citation.clause)}讲什么？"
    where = f"{_zh_clause(citation.clause)}「{title}」" if numbered else f"「{title}」"
    return f"{doc_name + '中' if doc_name else ''}{where}讲什么？"


def _zh_clause(label: str) -> str:
    """第4.3.2条 for a dotted number, 附录A for an annex, a label with its own word as printed."""
    if re.fullmatch(r"\d+(?:\.\d+)*", label):
        return f"第{label}条"
    if re.fullmatch(r"[A-Z]", label):
        return f"附录{label}"
    return label


def _cited(turns: list[Answer]):
    """(citation, (doc, key)) of every citation of the conversation, in order."""
    for answer in turns:
        keys = list(answer.keys) + [None] * (len(answer.citations) - len(answer.keys))
        yield from zip(answer.citations, keys)


def chips(turns: list[Answer], lang: str = "zh", corpus: Corpus | None = None) -> list[str]:
    """The chip labels of every citation of the conversation, each once, in order."""
    return list(dict.fromkeys(chip_label(c, lang, corpus, target[1] if target else None)
                              for c, target in _cited(turns)))


def chip_target(turns: list[Answer], label: str, corpus: Corpus | None = None
                ) -> tuple[str, str] | None:
    """(doc, key) of the chip `label` (in either language), from the answers of this
    conversation only, the latest answer first."""
    for citation, target in reversed(list(_cited(turns))):
        key = target[1] if target else None
        if target and label in (chip_label(citation, "zh", corpus, key),
                                chip_label(citation, "en", corpus, key)):
            return target
    return None


def chip_for(turns: list[Answer], target: tuple[str, str] | None, lang: str = "zh",
             corpus: Corpus | None = None) -> str | None:
    """The chip, in `lang`, of the clause (doc, key) of this conversation; None when no
    citation of it is a chip (or there is no target)."""
    if target is None:
        return None
    for citation, cited in _cited(turns):
        if cited is not None and tuple(cited) == tuple(target):
            return chip_label(citation, lang, corpus, cited[1])
    return None


def answer_to_dict(answer: Answer) -> dict:
    data = answer.to_json()
    data["keys"] = [list(k) for k in answer.keys]
    data.pop("guard", None)
    return data


def answer_from_dict(data: dict) -> Answer:
    """An answer saved by the browser; ValueError/TypeError/KeyError when it is malformed."""
    citations = [Citation(str(c["doc"]), str(c["clause"]), str(c["title"]), str(c["quote"]),
                          c.get("translation"), str(c.get("status") or ""))
                 for c in data["citations"]]
    keys = [(str(d), str(k)) for d, k in data["keys"]]
    return Answer(str(data["question"]), str(data["answer"]), bool(data["abstained"]),
                  citations, keys=keys)


def saved(user: str | None, history: list, turns: list[Answer]) -> dict:
    """What the browser keeps of a conversation."""
    return {"version": SAVED_VERSION, "user": user or "", "history": list(history or []),
            "turns": [answer_to_dict(a) for a in turns]}


def restored(data, user: str | None) -> tuple[list, list[Answer]]:
    """(chat history, answers) from what the browser kept; empty when it is missing, of
    another user, or malformed (a stale or hand-edited store is dropped, not an error)."""
    if not isinstance(data, dict) or data.get("version") != SAVED_VERSION \
            or data.get("user", "") != (user or ""):
        return [], []
    try:
        history = [{"role": str(m["role"]), "content": m["content"]} for m in data["history"]]
        turns = [answer_from_dict(a) for a in data["turns"]]
    except (KeyError, TypeError, ValueError):
        return [], []
    return history, turns


def browser_secret(home: Path) -> str | None:
    """The key the browser's copy of a conversation is encrypted with: kept in the data
    directory (`web-secret`, readable by its owner only) so a restart of the app can still read
    it; None (gradio makes one for this run) when the folder cannot be written."""
    path = home / "web-secret"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        home.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another app made it meanwhile
        return path.read_text(encoding="ascii").strip()
    except OSError:
        return None
    secret = secrets.token_urlsafe(32)
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(secret)
    return secret
