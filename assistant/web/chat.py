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


def chip_label(citation: Citation) -> str:
    return f"[{citation.doc} {citation.clause}] {citation.title}".strip()


def chips(turns: list[Answer]) -> list[str]:
    """The chip labels of every citation of the conversation, each once, in order."""
    return list(dict.fromkeys(chip_label(c) for answer in turns for c in answer.citations))


def chip_target(turns: list[Answer], label: str) -> tuple[str, str] | None:
    """(doc, key) of the chip `label`, from the answers of this conversation only."""
    for answer in reversed(turns):
        for citation, target in zip(answer.citations, answer.keys):
            if chip_label(citation) == label:
                return target
    return None


def answer_to_dict(answer: Answer) -> dict:
    data = answer.to_json()
    data["keys"] = [list(k) for k in answer.keys]
    data.pop("guard", None)
    return data


def answer_from_dict(data: dict) -> Answer:
    """An answer saved by the browser; ValueError/TypeError/KeyError when it is malformed."""
    citations = [Citation(str(c["doc"]), str(c["clause"]), str(c["title"]), str(c["quote"]),
                          c.get("translation")) for c in data["citations"]]
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
