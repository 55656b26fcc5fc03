"""Package lint checks of the manual's own wording: it names only documents the company has, and
it says what the company does, not what the standard requires.

- `document`: a document the manual names — 《…》 in Chinese, "…" / “…” ending like a document
  (rules, procedure, register …: lint.yaml `manual_voice.en.document_endings`) in English — that
  is neither a document of the package (its title), nor an external document the manual lists
  in its references section (引用文件 / Normative references: laws, standards), nor a standard
  named by its designation (GB/T 29490—2023《…》), nor one the intake names (any of its texts,
  e.g. certification.existing_systems). A rule the package does not contain (《专利管理制度》)
  sends an auditor looking for a document nobody can show. Names the `reference` check already
  reports (titles ending like a package document: lint.yaml `document_title_endings`) are left
  to it.
- `voice`: a sentence of the manual's own text (paragraphs and table cells; not headings, which
  are the standard's clause titles, nor quotations “…”, nor the chapter introductions' summary of
  the standard, （该章要点：…）) stating a requirement with 应/应当/应该 (zh; not 相应, 对应,
  供应, 应对风险 …: lint.yaml `manual_voice.zh.modal`) or "shall" (en). The standard says what a
  company shall do; the manual says what this company does.

Both look at the manual only; the words are lint.yaml `manual_voice`, the messages
`document_unknown` and `voice_shall`.
"""
from __future__ import annotations

import re

from generators.package_reader import Paragraph, Table

_DESIGNATION = re.compile(r"(?:GB|GB/T|DB\d*/T|ISO|IEC|T/[A-Z]+)\s*[\d.]+(?:[—–-]\d{4})?\s*$")


def _manual_texts(manual):
    """(where, text, is_heading) of each paragraph and table cell of the manual, in order."""
    heading = ""
    for block in manual.blocks:
        if isinstance(block, Paragraph):
            is_heading = block.style.lower().startswith(("heading", "title"))
            if is_heading:
                heading = block.text
            yield heading, block.text, is_heading
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if cell:
                        yield (f"{heading} (table)" if heading else "table"), cell, False


def _intake_texts(value) -> list[str]:
    """Every string of the intake (model_dump), flattened."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _intake_texts(v)]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _intake_texts(v)]
    return []


def _names(text: str, language: str, endings: tuple[str, ...]):
    """(name, the text before it) of each document name quoted in `text`."""
    if language == "zh":
        for match in re.finditer(r"《([^《》]{2,60})》", text):
            yield match.group(1), text[:match.start()]
    else:
        pattern = r"[“\"]([A-Z][^“”\"]{2,80}?)[”\"]"
        for match in re.finditer(pattern, text):
            name = match.group(1).rstrip(" .,;:")
            if name.casefold().endswith(endings):
                yield name, text[:match.start()]


def check_documents_named(package) -> None:
    """Report (`document`) each document the manual names that the package does not hold, the
    manual's references section does not list and the intake does not name (module docstring)."""
    manual = package.manual
    if manual is None:
        return
    words = package.rules["manual_voice"][package.language]
    endings = tuple(e.casefold() for e in words.get("document_endings", []))
    titles = {d.title for d in package.documents if d.title}
    external: set[str] = set()
    for block in package.section(manual, tuple(words["references"])):
        texts = [block.text] if isinstance(block, Paragraph) else [
            c for row in block.rows for c in row]
        for text in texts:
            external |= {n for n, _ in _names(text, package.language, endings)}
    intake = " ".join(_intake_texts(package.intake.model_dump(mode="python"))) \
        if package.intake is not None else ""
    left_to_reference = tuple(package.rules["document_title_endings"])
    seen: set[str] = set()
    for where, text, _ in _manual_texts(manual):
        for name, before in _names(text, package.language, endings):
            if (name in titles or name in external or name in seen
                    or (intake and name.casefold() in intake.casefold())
                    or _DESIGNATION.search(before[-30:])
                    or (package.language == "zh" and name.endswith(left_to_reference))):
                continue
            seen.add(name)
            package.say("document", manual, where, "document_unknown", name=name)


def _own_sentences(text: str, language: str) -> list[str]:
    """The sentences of `text` with quotations and the summary of the standard taken out."""
    text = re.sub(r"“[^“”]*”|\"[^\"]*\"", "“”", text)
    text = re.sub(r"[（(](?:(?:该章要点|in short)[:：]|该章)[^）)]*[）)]", "", text)
    return [s for s in re.split(r"(?<=[。；;！？!?])|(?<=\.)\s", text) if s.strip()]


def check_voice(package) -> None:
    """Report (`voice`) each sentence of the manual's own text that states a requirement with
    应 / shall instead of saying what the company does (module docstring); one finding a
    sentence, the sentence shortened to 60 characters."""
    manual = package.manual
    if manual is None:
        return
    modal = re.compile(package.rules["manual_voice"][package.language]["modal"], re.IGNORECASE)
    seen: set[str] = set()
    for where, text, is_heading in _manual_texts(manual):
        if is_heading:
            continue
        for sentence in _own_sentences(text, package.language):
            if modal.search(sentence) and sentence not in seen:
                seen.add(sentence)
                shown = sentence.strip()
                shown = shown if len(shown) <= 60 else shown[:60] + "…"
                package.say("voice", manual, where, "voice_shall", sentence=shown)
