"""Read a Word .docx into blocks, with the numbers Word prints.

The body is read in document order — paragraphs, tables (rows kept as rows, where they stand),
content controls — so a table belongs to the clause it sits in. A paragraph's number, when Word
computes it (numbering.xml, directly or through its style and the styles it is based on), is put
in front of its text as printed ("4.2.1 文件控制", "a) 专利；", "一、总则"); typed numbers are
text and stay as they are. Footnotes and endnotes follow the paragraph that references them, as
note blocks ("脚注1：…"); text boxes follow the paragraph they are anchored in. Deleted revisions,
field codes and tables of contents (TOC styles, a TOC content control) are not body text.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from assistant.corpus.blocks import Block
from assistant.corpus.docx_numbering import Numbering, w
from assistant.errors import IpmsError
from assistant.textutil import visible

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_SKIP = {w("del"), w("moveFrom"), w("instrText"), w("delText"), w("pPr"), w("rPr"), w("txbxContent"),
         f"{{{_MC}}}Fallback"}
_NOTE_REFS = {w("footnoteReference"): "footnotes", w("endnoteReference"): "endnotes"}
_NOTE_WORDS = {"footnotes": ("脚注", "Footnote"), "endnotes": ("尾注", "Endnote")}


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


def _styles(root: etree._Element | None) -> dict[str, _Style]:
    out: dict[str, _Style] = {}
    for node in root.iterfind(w("style")) if root is not None else ():
        ppr = node.find(w("pPr"))
        num = ppr.find(w("numPr")) if ppr is not None else None

        def val(parent, tag):
            child = parent.find(w(tag)) if parent is not None else None
            return child.get(w("val")) if child is not None else None

        outline = val(ppr, "outlineLvl")
        ilvl = val(num, "ilvl")
        out[node.get(w("styleId"), "")] = _Style(
            (val(node, "name") or "").lower(), val(node, "basedOn"), val(num, "numId"),
            int(ilvl) if ilvl and ilvl.isdigit() else None,
            int(outline) if outline and outline.isdigit() else None)
    return out


class _Reader:
    """Walks one document body, numbering paragraphs as Word does; collects `blocks`."""

    def __init__(self, document) -> None:
        from docx.oxml.parser import parse_xml  # python-docx's: no entity expansion, no network

        part = document.part
        self.styles = _styles(document.styles.element)
        links = {sid: s.num_id for sid, s in self.styles.items() if s.num_id}
        numbering = None
        for rel in part.rels.values():
            if rel.reltype.endswith("/numbering") and not rel.is_external:
                numbering = parse_xml(rel.target_part.blob)
        self.numbering = Numbering(numbering, links)
        self.notes = {kind: self._notes(part, kind) for kind in _NOTE_WORDS}
        self.note_count = {kind: 0 for kind in _NOTE_WORDS}
        self.blocks: list[Block] = []
        self.index = 0

    @staticmethod
    def _notes(part, kind: str) -> dict[str, etree._Element]:
        from docx.oxml.parser import parse_xml

        for rel in part.rels.values():
            if rel.reltype.endswith("/" + kind) and not rel.is_external:
                root = parse_xml(rel.target_part.blob)
                return {n.get(w("id"), ""): n for n in root
                        if n.get(w("type")) in (None, "normal")}
        return {}

    def _chain(self, style_id: str | None) -> Iterator[tuple[str, _Style]]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield style_id, self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def _number(self, p: etree._Element, style_id: str | None) -> tuple[str, str] | None:
        """Word's number for paragraph p: direct numPr first, then its style chain."""
        num_id = ilvl = None
        numpr = p.find(f"{w('pPr')}/{w('numPr')}")
        if numpr is not None:
            num_id = _attr(numpr.find(w("numId"))) or None
            ilvl = _attr(numpr.find(w("ilvl"))) or None
        for sid, style in self._chain(style_id):
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
                if ilvl is None:
                    found = self.numbering.level_for_style(num_id, sid)
                    ilvl = str(style.ilvl if style.ilvl is not None else found or 0)
            if ilvl is None and style.ilvl is not None:
                ilvl = str(style.ilvl)
        if num_id is None or not self.numbering.known(num_id):
            return None  # no numbering, or numId 0: numbering switched off
        return self.numbering.label(num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)

    def _kind(self, p: etree._Element, style_id: str | None) -> tuple[str, int | None]:
        direct = p.find(f"{w('pPr')}/{w('outlineLvl')}")
        outline = int(_attr(direct)) if direct is not None and _attr(direct).isdigit() else None
        for _, style in self._chain(style_id):
            if style.name.startswith("toc"):
                return "furniture", None
            if outline is None and style.outline is not None:
                outline = style.outline
            if outline is None and style.name.startswith("heading ") and style.name[8:].isdigit():
                outline = int(style.name[8:]) - 1
        if outline is not None and outline < 9:
            return "heading", outline + 1
        return "paragraph", None

    def paragraph(self, p: etree._Element, furniture: bool = False) -> None:
        """One w:p: its number and text, then its notes and text boxes."""
        style_id = _attr(p.find(f"{w('pPr')}/{w('pStyle')}")) or None
        kind, level = self._kind(p, style_id)
        label = self._number(p, style_id)
        parts: list[str] = []
        refs: list[tuple[str, str]] = []
        _text(p, parts, refs)
        text = "".join(parts)
        if label and (label[0] or text.strip()):
            text = label[0] + (label[1] if text else "") + text.lstrip()
            if kind == "paragraph":
                kind = "list_item"
                numpr = p.find(f"{w('pPr')}/{w('numPr')}/{w('ilvl')}")
                level = int(_attr(numpr)) + 1 if numpr is not None and _attr(numpr).isdigit() else 1
        self.index += 1
        self.blocks.append(Block("furniture" if furniture else kind, text, level=level,  # type: ignore[arg-type]
                                 origin=f"w:p {self.index}"))
        for note_kind, note_id in refs:
            self._note(note_kind, note_id, text)
        for box in p.iter(w("txbxContent")):
            if _own_box(box, p):
                self.body(box, furniture)

    def _note(self, kind: str, note_id: str, anchor: str) -> None:
        note = self.notes[kind].get(note_id)
        if note is None:
            return
        self.note_count[kind] += 1
        parts: list[str] = []
        for p in note.iter(w("p")):
            _text(p, parts, [])
            parts.append(" ")
        body = " ".join("".join(parts).split())
        zh, en = _NOTE_WORDS[kind]
        cjk = any("\u3400" <= ch <= "\u9fff" for ch in body + anchor)
        label = f"{zh}{self.note_count[kind]}：" if cjk else f"{en} {self.note_count[kind]}: "
        self.blocks.append(Block("note", label + body, origin=f"{kind} {note_id}"))

    def table(self, tbl: etree._Element, furniture: bool = False) -> None:
        """A table as rows of cell texts, where it stands; numbers inside cells are counted as
        Word counts them, and the notes referenced in cells follow the table."""
        rows: list[list[str]] = []
        notes: list[Block] = []
        outer = self.blocks
        try:
            for tr in tbl.iterfind(w("tr")):
                cells = []
                for tc in tr.iterfind(w("tc")):
                    self.blocks = []
                    self.body(tc, furniture)
                    cells.append(" ".join(b.text for b in self.blocks if b.kind != "note"))
                    notes += [b for b in self.blocks if b.kind == "note"]
                rows.append(cells)
        finally:
            self.blocks = outer
        self.index += 1
        if any(cell.strip() for row in rows for cell in row):
            block = Block.table(rows, origin=f"w:tbl {self.index}")
            self.blocks.append(Block("furniture", block.text) if furniture else block)
        self.blocks.extend(notes)

    def body(self, container: etree._Element, furniture: bool = False) -> None:
        """The paragraphs and tables of a body, cell, text box or content control, in order."""
        for child in container:
            if child.tag == w("p"):
                self.paragraph(child, furniture)
            elif child.tag == w("tbl"):
                self.table(child, furniture)
            elif child.tag in (w("sdt"), w("customXml")):
                gallery = child.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
                toc = gallery is not None and "contents" in (_attr(gallery) or "").lower()
                content = child.find(w("sdtContent"))
                self.body(content if content is not None else child, furniture or toc)


def _own_box(box: etree._Element, p: etree._Element) -> bool:
    """A text box of paragraph p itself: not Word's fallback copy, not nested in another box."""
    node = box.getparent()
    while node is not None and node is not p:
        if node.tag in (w("txbxContent"), f"{{{_MC}}}Fallback"):
            return False
        node = node.getparent()
    return True


def _hidden(run: etree._Element) -> bool:
    """A run formatted as hidden text (w:vanish), which Word does not print."""
    vanish = run.find(f"{w('rPr')}/{w('vanish')}")
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off")


def _attr(element: etree._Element | None) -> str:
    return element.get(w("val"), "") if element is not None else ""


def _text(node: etree._Element, parts: list[str], refs: list[tuple[str, str]]) -> None:
    """The visible text under `node`: runs, tabs and breaks; not deleted text, field codes or
    text boxes. Note references are collected in `refs`."""
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP or (tag == w("r") and _hidden(child)):
            continue
        if tag == w("t"):
            parts.append(visible(child.text or ""))  # no word joiners (drafted files)
        elif tag == w("tab") or tag == w("ptab"):
            parts.append(" ")
        elif tag in (w("br"), w("cr")):
            parts.append("\n" if child.get(w("type")) in (None, "textWrapping") else "")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
        elif tag in _NOTE_REFS:
            refs.append((_NOTE_REFS[tag], child.get(w("id"), "")))
        else:
            _text(child, parts, refs)


def read_docx(data: bytes, name: str, limits: object = None) -> list[Block]:
    """The blocks of a .docx file, in document order, numbers as Word prints them.

    Raises IpmsError (one line) when the file is not a readable .docx."""
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        reader.body(document.element.body)
    except IpmsError:
        raise
    except Exception as exc:  # a hostile file may break the parser in any way; say which
        raise IpmsError(f"{name} is not a readable .docx file ({exc.__class__.__name__})") from None
    return reader.blocks
