"""A thin layer over python-docx: one look for every generated document (宋体/黑体 for Chinese text
with a zh-CN language tag, black headings, a header, "第 X 页 共 Y 页" in the footer, a table of
contents field holding every entry, tables whose header row repeats and whose rows do not split,
document properties naming the company)."""
from __future__ import annotations

import copy
import io
import itertools
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import (WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT,
                             WD_TAB_LEADER)
from docx.text.paragraph import Paragraph
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

from assistant.errors import IpmsError
from assistant.textutil import WORD_JOINER, has_cjk
from generators import docx_fast as fast
from generators import header_words, hyphens
from generators.docx_prototype import document_from
from generators.safepath import create_new
from generators.word_text import (EASTERN_LANGUAGE, NUMBER_LANGUAGE, eastern, pieces, set_apart,
                                  unbroken, written)

BODY_FONT = {"eastAsia": "宋体", "ascii": "Times New Roman"}  # GB/T 9704 practice: 宋体 body
HEADING_FONT = {"eastAsia": "黑体", "ascii": "Arial"}  # 黑体 headings
LANGUAGE_TAG = {"zh": "zh-CN", "en": "en-GB"}  # w:val of w:lang; w:eastAsia is always zh-CN
HEADING_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "TOC Heading")


A4 = (Cm(21.0), Cm(29.7))  # GB/T 148 / ISO 216: width, height


def new_document(reference: Path | None = None, landscape: bool = False,
                 language: str = "zh", numbers: re.Pattern | None = None) -> DocxDocument:
    """A blank A4 document set up for `language` ('zh' or 'en': 宋体 body and 黑体 headings for
    East-Asian text, black headings, w:lang zh-CN for East-Asian text and zh-CN or en-GB for the
    rest), or one built on a company's reference .docx (its styles, letterhead and page size are
    kept as they are). `numbers` finds the package's document numbers
    (generators.numbering.number_pattern; numbers_of): table() fits columns to each number
    whole and tidy() writes each unbreakably, whatever the scheme's separators. Raises IpmsError
    when the reference cannot be read."""
    if reference is not None:
        try:
            document = Document(str(reference))
        except Exception as exc:  # python-docx raises several types for a broken package
            raise IpmsError(f"reference document {reference.name} cannot be read: "
                            f"{exc.__class__.__name__}") from None
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
    else:
        document = document_from(_blank_template(language))  # read once, not per document
    _cache_style_ids(document)
    section = document.sections[0]
    if reference is None:  # python-docx's blank template is US Letter; Chinese documents are A4
        section.page_width, section.page_height = A4
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.header_distance = section.footer_distance = Cm(1.5)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2.2)
    document.ipms_numbers = numbers  # python-docx's Document takes attributes (numbers_of)
    return document


def numbers_of(document: DocxDocument) -> re.Pattern | None:
    """The pattern of the package's document numbers `document` was made with (new_document),
    or None (then only numbers joined by hyphens, slashes, dots, _ · － are known)."""
    return getattr(document, "ipms_numbers", None)


_BLANK: dict[str, bytes] = {}


def _blank_template(language: str) -> bytes:
    """python-docx's blank template with our styles, set up once per language (setting the
    styles up is about a tenth of a package's drafting time when done for every document)."""
    if language not in _BLANK:
        document = Document()
        _set_up_styles(document, language)
        buffer = io.BytesIO()
        document.save(buffer)
        _BLANK[language] = buffer.getvalue()
    return _BLANK[language]


def _fonts(rpr, fonts: dict) -> None:
    """Set a run-properties element's fonts, dropping the theme fonts that would override them."""
    rfonts = rpr.get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attribute}"), None)
    rfonts.set(qn("w:ascii"), fonts["ascii"])
    rfonts.set(qn("w:hAnsi"), fonts["ascii"])
    rfonts.set(qn("w:eastAsia"), fonts["eastAsia"])
    rfonts.set(qn("w:hint"), "eastAsia")


def _language(rpr, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE_TAG.get(language, "zh-CN"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _set_up_styles(document: DocxDocument, language: str) -> None:
    """Fonts, language tag and colours of the blank template's styles (python-docx's template:
    Calibri/Cambria theme fonts, en-US, blue headings and a blue rule under the title)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, BODY_FONT)
    _language(rpr, language)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)  # 五号
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.25
    sizes = {"Title": 18, "Heading 1": 15, "Heading 2": 13, "Heading 3": 12, "Heading 4": 10.5,
             "TOC Heading": 15}
    for name in HEADING_STYLES:
        style = document.styles[name]
        rpr = style.element.get_or_add_rPr()
        _fonts(rpr, HEADING_FONT)
        style.font.color.rgb = RGBColor(0, 0, 0)
        color = rpr.find(qn("w:color"))
        for attribute in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{attribute}"), None)
        style.font.size = Pt(sizes[name])
        style.font.italic = False
        ppr = style.element.get_or_add_pPr()
        border = ppr.find(qn("w:pBdr"))
        if border is not None:  # the Title's blue rule
            ppr.remove(border)
    document.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def properties(document: DocxDocument, title: str, company: str, subject: str = "",
               language: str = "zh", now: datetime | None = None) -> None:
    """Document properties as the company issues the document: author and last editor the
    company, the title, created/modified now (UTC), no 'python-docx' and no template dates; the
    extended properties name no application."""
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0, tzinfo=None)
    core = document.core_properties
    core.title, core.author, core.last_modified_by = title, company, company
    core.subject, core.comments, core.keywords, core.category = subject, "", "", ""
    core.language = LANGUAGE_TAG.get(language, "zh-CN")
    core.created = core.modified = now
    core.revision = 1
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            blob = part.blob.decode("utf-8")
            blob = re.sub(r"<Application>.*?</Application>", "<Application>ipms</Application>",
                          blob)
            blob = re.sub(r"<Template>.*?</Template>", "<Template></Template>", blob)
            part._blob = blob.encode("utf-8")


def _cache_style_ids(document: DocxDocument) -> None:
    """Look each style up once per document. python-docx resolves a style name on every
    paragraph and table by searching the styles part (about half the time of a package);
    the styles do not change once new_document has set them up."""
    part = document.part
    lookup = part.get_style_id
    cache: dict = {}

    def get_style_id(style_or_name, style_type):
        key = (style_or_name if style_or_name is None or isinstance(style_or_name, str)
               else id(style_or_name), style_type)
        if key not in cache:
            cache[key] = lookup(style_or_name, style_type)
        return cache[key]

    part.get_style_id = get_style_id


def topic(document: DocxDocument, text: str) -> None:
    """A small heading inside a section (Heading 4; bold text when a company's reference
    document has no such style)."""
    try:
        document.add_paragraph(text, style="Heading 4")
    except KeyError:
        document.add_paragraph().add_run(text).bold = True


def _fld_char(run, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def _field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES ...) with a cached result Word and LibreOffice can show."""
    run = paragraph.add_run()
    _fld_char(run, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    _fld_char(run, "separate")
    result = paragraph.add_run(placeholder)
    _fld_char(result, "end")


HEADER_PT = 9  # the running header's size
HEADER_MIN_PT = 8  # … or smaller, down to this, when that keeps it on one line
# the width of a Latin character of the header (Times New Roman: mixed case, digits and
# spaces), in em, with a little to spare; a CJK character is 1 em
HEADER_LATIN_EM = 0.46


def header_lines(text: str, width_cm: float) -> tuple[str, float]:
    """The running header `text` (its parts two spaces apart: company, number, title, version,
    standard) as set across `width_cm`, and its size (pt): on one line at HEADER_PT, or at a
    smaller size down to HEADER_MIN_PT when that fits it on one; else on two lines broken
    after the document number ('\n': company and number; title, version and standard), at the
    size that fits the longer, never a line ending inside a part ('GB/T 29490' / '—2023')."""
    def em(line: str) -> float:
        return sum(1.0 if ord(ch) > 0x2E7F else HEADER_LATIN_EM for ch in line)

    room_pt = width_cm / 2.54 * 72
    if em(text) * HEADER_MIN_PT <= room_pt:
        return text, min(float(HEADER_PT), int(room_pt / em(text) * 2) / 2)  # half points
    parts = text.split("  ")
    if len(parts) < 3:  # nothing after the number: it wraps where it must
        return text, float(HEADER_MIN_PT)
    lines = ["  ".join(parts[:2]), "  ".join(parts[2:])]
    size = max(min(float(HEADER_PT), int(room_pt / max(em(line) for line in lines) * 2) / 2),
               HEADER_MIN_PT)
    return lines[0] + "\n  " + lines[1], size  # the reader's '  ' kept between the parts


def header_and_footer(document: DocxDocument, header_text: str, page_label: str) -> None:
    """Header with the company, the document's number, title and version and the standard (at
    HEADER_PT, or as header_lines sets it when it is longer than the page is wide); footer with
    the page number.

    `page_label` holds '{page}' and may hold '{pages}' (PAGE and NUMPAGES fields), e.g.
    '第 {page} 页 共 {pages} 页' or 'Page {page} of {pages}'."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    if header.text.strip():  # a company letterhead from a reference document stays on top
        header = section.header.add_paragraph()
    text, size = header_lines(header_text, _available_cm(document))
    header.text = text
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:  # company, number, title, version and standard: two lines at most,
        run.font.size = Pt(size)  # which stay above the top margin
    header.paragraph_format.space_after = Pt(0)
    footer = section.footer.paragraphs[0]
    if footer.text.strip():
        footer = section.footer.add_paragraph()
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in re.split(r"(\{page\}|\{pages\})", page_label):
        if piece == "{page}":
            _field(footer, "PAGE")
        elif piece == "{pages}":
            _field(footer, "NUMPAGES")
        elif piece:
            footer.add_run(piece)


def _toc_style(document: DocxDocument, level: int) -> str:
    """'toc 1'/'toc 2': a reference document's own, else added (python-docx's blank template
    lacks them): indented by level, a dot leader to the page number at the right margin."""
    name = f"toc {level}"
    try:
        return document.styles[name].name
    except KeyError:
        pass
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.paragraph_format.left_indent = Cm(0.74 * (level - 1))
    style.paragraph_format.space_after = Pt(2)
    tabs = style.paragraph_format.tab_stops
    tabs.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    return name


def table_of_contents(document: DocxDocument, title: str, entries: list[str | tuple[str, int]],
                      new_page: bool = False) -> None:
    """A TOC field over headings 1-2 whose cached result is every entry (a title, or a
    (title, level) pair): the field begins in the first entry's paragraph and ends in the last's,
    so Word or LibreOffice updating it replaces all of them. Word is asked to update fields on
    opening; generators.toc_fill fills in page numbers with LibreOffice."""
    try:  # not a Heading 1: the contents would list itself
        heading = document.add_paragraph(title, style="TOC Heading")
    except KeyError:
        heading = document.add_paragraph()
        heading.add_run(title).bold = True
    if new_page:
        page_break_before(heading)
    entries = [(e, 1) if isinstance(e, str) else e for e in entries] or [("", 1)]
    for i, (text, level) in enumerate(entries):
        paragraph = document.add_paragraph(style=_toc_style(document, level))
        if i == 0:
            run = paragraph.add_run()
            _fld_char(run, "begin")
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = ' TOC \\o "1-2" \\h \\z \\u '
            run._r.append(instr)
            _fld_char(run, "separate")
        last = paragraph.add_run(text)
        if i == len(entries) - 1:
            _fld_char(last, "end")
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)


def paragraphs(document: DocxDocument, text: str) -> list[Paragraph]:
    """A paragraph for each non-blank line of `text` (running text: a number in it never breaks
    across lines, unbroken_numbers)."""
    added = []
    for block in text.split("\n"):
        if block.strip():
            added.append(document.add_paragraph())
            add_text(added[-1], block.strip())
    return added


KEPT_LINES = 2  # at most this many lines of running text are kept with what follows, or
SHORT_LINES = 4  # a whole paragraph this short when it has no sentence end to part it at
# where a sentence ends: after Chinese end punctuation (not before a closing quote or bracket),
# or at the spaces after a Latin full stop, semicolon, question or exclamation mark
SENTENCE_END = re.compile(r"(?<=[。；！？])(?![”’）」』\)])|(?<=[.;!?])\s+")


def keep_end_with_next(document: DocxDocument, paragraph: Paragraph,
                       lines: int = KEPT_LINES) -> Paragraph | None:
    """Keep the end of `paragraph` (running text of one run, such as a procedure's last step)
    with what follows it: the whole paragraph when it takes at most `lines` lines, else only
    its last sentences within `lines` lines, set as a paragraph of their own after the rest;
    a paragraph of one sentence only when it is short (SHORT_LINES). A long paragraph kept
    whole jumps to the next page with what follows and leaves the page before half blank
    (LibreOffice moves a kept paragraph whole, not its last lines). Returns the paragraph
    kept, None when nothing is (a long paragraph of one long sentence flows)."""
    per_line = _available_cm(document) / EM_CM

    def count(text: str) -> int:
        return -int(-_text_width(text) // per_line)

    text = paragraph.text
    if count(text) <= lines:
        paragraph.paragraph_format.keep_with_next = True
        return paragraph
    cuts = [m.end() for m in SENTENCE_END.finditer(text)
            if 0 < m.end() < len(text) and count(text[m.end():].strip()) <= lines]
    if not cuts or len(paragraph.runs) != 1:
        paragraph.paragraph_format.keep_with_next = count(text) <= SHORT_LINES or None
        return paragraph if count(text) <= SHORT_LINES else None
    head, tail = text[:cuts[0]].rstrip(), text[cuts[0]:].strip()
    paragraph.insert_paragraph_before(head, style=paragraph.style)
    paragraph.runs[0].text = tail
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def add_text(paragraph, text: str) -> None:
    """Append `text` to `paragraph` (its numbers are set apart when the document is tidied:
    unbroken_numbers)."""
    paragraph.add_run(text)


R, T_, RPR_, LANG = qn("w:r"), qn("w:t"), qn("w:rPr"), qn("w:lang")


def unbroken_numbers(element, numbers: re.Pattern | None = None, latin: bool = False) -> None:
    """Write every number in the runs under `element` (a document's body: paragraphs and table
    cells) so that no line breaks inside it, in LibreOffice as in Word: in a run of its own
    tagged en-GB for Latin text (with `latin`, in a Chinese document, a paragraph of Latin words
    only tagged en-GB as a whole: _tag_latin), a word joiner after each hyphen and slash
    (generators.word_text); a document number `numbers` finds (the package's scheme,
    generators.numbering.number_pattern) whole whatever its separators; in a paragraph holding
    Chinese, each Latin word in an en-GB run of its own too. The run's other properties are
    kept; running it again changes nothing."""
    for paragraph in list(element.iter(P)):
        runs = [r for r in paragraph.iter(R) if any(c.tag == T_ for c in r)]
        texts = ["".join(c.text or "" for c in r if c.tag == T_) for r in runs]
        words = has_cjk("".join(texts))
        if latin and not words and _LATIN_LETTER.search("".join(texts)):
            for run in runs:
                _tag_latin(run)
            continue
        for run, text in zip(runs, texts):
            if set_apart(text, words, numbers):
                _split_run(run, words, numbers)


_LATIN_LETTER = re.compile(r"[A-Za-z]")


def _tag_latin(run) -> None:
    """Tag `run` as Latin text (en-GB): a paragraph of Latin words in a Chinese document (a
    cell reading 'Bluetooth SIG') is otherwise laid out by LibreOffice's Chinese line breaker,
    which broke it inside a word ('Bluetooth SI' / 'G') instead of at its space."""
    rpr = run.find(RPR_)
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    lang = rpr.find(LANG)
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), NUMBER_LANGUAGE)


def _latin_run(rpr, piece: str, kind: str):
    """A run of `piece` (a number or a Latin word) with `rpr`'s properties, tagged en-GB (for
    its East-Asian text too where it holds Chinese characters: a unit, a short name)."""
    run = OxmlElement("w:r")
    props = copy.deepcopy(rpr) if rpr is not None else OxmlElement("w:rPr")
    lang = props.find(LANG)
    if lang is None:
        lang = OxmlElement("w:lang")
        props.append(lang)
    lang.set(qn("w:val"), NUMBER_LANGUAGE)
    text = OxmlElement("w:t")
    text.text = written(piece, kind)
    if eastern(text.text):  # laid out by the Unicode rules, which read its word joiners
        lang.set(qn("w:eastAsia"), EASTERN_LANGUAGE)
    run.append(props)
    run.append(text)
    return run


def _split_run(run, words: bool, numbers: re.Pattern | None = None) -> None:
    """Replace `run` by runs in which each number (and, with `words`, each Latin word) stands
    alone (_latin_run); its other content (text, breaks, tabs, field characters) stays in order
    in runs of its own properties."""
    rpr = run.find(RPR_)
    made, current = [], None

    def plain():
        nonlocal current
        if current is None:
            current = OxmlElement("w:r")
            if rpr is not None:
                current.append(copy.deepcopy(rpr))
            made.append(current)
        return current

    for child in [c for c in run if c.tag != RPR_]:
        if child.tag != T_ or not set_apart(child.text or "", words, numbers):
            plain().append(child)
            continue
        for piece, kind in pieces(child.text or "", words, numbers):
            if kind:
                made.append(_latin_run(rpr, piece, kind))
                current = None
            else:
                text = OxmlElement("w:t")
                text.text = piece
                if piece != piece.strip():
                    text.set(qn("xml:space"), "preserve")
                plain().append(text)
    parent = run.getparent()
    at = parent.index(run)
    parent.remove(run)
    for i, new in enumerate(made):
        parent.insert(at + i, new)


@lru_cache(maxsize=8192)  # the same texts are measured again and again
def _text_width(text: str) -> float:
    """Width of `text` in em of a 10.5 pt font: CJK characters and symbols such as ☐ 1, others
    about 0.55; the widest line of a text of several lines."""
    if "\n" in text:
        return max(_text_width(line) for line in text.split("\n"))
    return sum(1.0 if ord(ch) > 0x2E7F or 0x2600 <= ord(ch) <= 0x27BF else
               0.0 if ch == "\u2060" else 0.55 for ch in text)


# 7.3.2.1, ZH-IPM-P-01, 2025-03-01: letters and digits joined by . - / — (a word joiner may follow
# a separator), holding a digit; the letters before a code's digits count ('ZH-IPM-P-' of it)
NUMBER = re.compile(r"(?=[A-Za-z0-9.\-/—\u2060]*\d)[A-Za-z0-9]+(?:[.\-/—]\u2060?[A-Za-z0-9]+)*"
                    r"[.\-/—]?")

# Advance widths of Times New Roman (and of Liberation Serif, which LibreOffice sets in its
# place: the same metrics), in thousandths of an em, for the characters of numbers and Latin
# words. Capitals are far wider than the 0.55 em _text_width counts for any Latin character
# ('M' 0.889): 'HZY-IPM-M-01' takes 6.7 em, not 6.6, and wrapped as 'HZY / -IPM-M-01' in a
# column fitted to 6.6 em (the design institute's R-01).
TIMES_WIDTHS = {
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
               (722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556,
                722, 667, 556, 611, 722, 722, 944, 722, 722, 611))),
    **dict(zip("abcdefghijklmnopqrstuvwxyz",
               (444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500,
                500, 333, 389, 278, 500, 500, 722, 500, 500, 444))),
    **{d: 500 for d in "0123456789"},
    "-": 333, ".": 250, "/": 278, "(": 333, ")": 333, "_": 500, " ": 250, "\u00a0": 250,
    ",": 250, ";": 278, ":": 278, "'": 180, '"': 408, "&": 778, "%": 833, "+": 564, "=": 564,
    "!": 333, "?": 444, "*": 500, "#": 500, "$": 500, "@": 921, "[": 333, "]": 333,
    "\u2013": 500, "\u2014": 1000, "\u2018": 333, "\u2019": 333, "\u201c": 444, "\u201d": 444,
    "\u202f": 250,  # the no-break space inside a document number (numbering.unbreakable)
    "\u2060": 0,  # the word joiner that keeps a number whole (generators.word_text)
}


@lru_cache(maxsize=16384)  # pure: a package measures the same pieces many times
def _set_width(piece: str) -> float:
    """The width of a Latin piece (a number, a word) as Times New Roman sets it, in em; a
    character it does not list counts as _text_width does."""
    return sum(TIMES_WIDTHS[ch] / 1000 if ch in TIMES_WIDTHS else _text_width(ch)
               for ch in piece)


@lru_cache(maxsize=8192)  # the same texts are measured again and again
def _whole_width(piece: str) -> float:
    """The room (em) a piece that never wraps (a number, a Latin word) needs on one line: as
    _text_width counts it, or as Times New Roman sets it where that is wider (capitals)."""
    return max(_text_width(piece), _set_width(piece))


# a piece of Latin text that never wraps: letters and digits joined by the separators of
# numbers (7.3.2.1, ZH-IPM-P-01, HZY_P_03) and by what numbering.unbreakable writes
# (an underscore only between letters or digits: '________' is a line to write on)
NUMBER_PIECE = (r"(?:[A-Za-z0-9.\-/—（）()·\u2060\u202f\uff0d]"
                r"|(?<=[A-Za-z0-9])_(?=\u2060?[A-Za-z0-9]))+")


@lru_cache(maxsize=8192)  # the same texts are measured again and again
def _unbreakable(text: str) -> float:
    """The widest piece of `text` that must not wrap: a clause number or a document number
    ('7.3.2.1', 'ZH-IPM-P-01'), a Latin word, or four CJK characters (a short header)."""
    pieces = re.findall(NUMBER_PIECE + r"|\u2610\u00a0[^\s\u3000]+", text)
    widest = max((_whole_width(p) for p in pieces), default=0.0)
    return max(widest, min(_text_width(text), 4.0))


BOXED = re.compile("\u2610\u00a0[^\\s\u3000]+")  # a check box and its option: '☐ 已修订'


@lru_cache(maxsize=8192)  # the same texts are measured again and again
def _number_width(text: str) -> float:
    """The widest number in `text` (clause, document or date) or option with its check box, in
    em: it never wraps."""
    return max([_whole_width(n) for n in NUMBER.findall(text)]
               + [_text_width(b) for b in BOXED.findall(text)], default=0.0)


EM_CM = 10.5 / 72 * 2.54  # one em of 10.5 pt, in cm
CELL_PADDING_CM = 0.4  # what a column is fitted with beside its text: its margins and a little
# the cell margins of Word's Table Grid (108 twips a side), which LibreOffice keeps: a cell's text
# runs across its width less these (form_layout counts a row's lines with them)
CELL_MARGINS_CM = 2 * 108 / 1440 * 2.54


MIN_COLUMN_CM = 0.6  # about one character and the cell's padding


def fit_widths(header: list[str], rows: list[list[str]], available_cm: float) -> list[float]:
    """Column widths (cm, summing to `available_cm`) that fit the content: each column at least
    as wide as its widest unbreakable piece (clause and document numbers do not wrap), the rest
    shared by how much text each column holds (capped, so one long column does not starve the
    others). When even the unbreakable pieces do not fit, words and short headers are squeezed
    first; numbers keep their width."""
    columns = list(zip(header, *rows)) if rows else [(h,) for h in header]
    minimum = [max(_unbreakable(c) for c in col) * EM_CM + CELL_PADDING_CM for col in columns]
    natural = [max(_text_width(c) for c in col) * EM_CM + CELL_PADDING_CM for col in columns]
    natural = [max(n, m) for n, m in zip(natural, minimum)]
    hard = [max(_number_width(c) for c in col) * EM_CM + CELL_PADDING_CM for col in columns]
    if sum(natural) <= available_cm:
        spare = available_cm - sum(natural)
        return [n + spare * n / sum(natural) for n in natural]
    if sum(minimum) >= available_cm:  # cap the widest so the narrow ones (numbers) keep theirs
        low, high = 0.0, max(minimum)
        for _ in range(40):
            cap = (low + high) / 2
            low, high = (cap, high) if sum(max(min(m, cap), h) for m, h in zip(minimum, hard)) \
                < available_cm else (low, cap)
        widths = [max(min(m, low), h) for m, h in zip(minimum, hard)]
        spare = available_cm - sum(widths)
        squeezed = [i for i, (w, h) in enumerate(zip(widths, hard)) if w > h] or \
            list(range(len(widths)))
        widths = [max(w + (spare / len(squeezed) if i in squeezed else 0.0), MIN_COLUMN_CM)
                  for i, w in enumerate(widths)]
        # Numbers longer than the page is wide (a numbering scheme with long parts): they
        # wrap after all, every column in proportion, none narrower than MIN_COLUMN_CM allows.
        return [w * available_cm / sum(widths) for w in widths] \
            if sum(widths) > available_cm else widths
    spare = available_cm - sum(minimum)
    wants = [min(n - m, available_cm / 2) for n, m in zip(natural, minimum)]
    total = sum(wants) or 1.0
    return [m + spare * want / total for m, want in zip(minimum, wants)]


def at_least_words(widths: list[float], header: list[str], rows: list[list[str]]
                   ) -> list[float]:
    """Widths a template gave (cm), each column widened to its widest unbreakable piece (a
    Latin word such as 'Verdict', a clause or document number, four CJK characters of a header:
    _unbreakable) with the room taken from the columns with room to spare above theirs, in
    proportion; the total stays the same. When the headers' and the rows' pieces do not fit side
    by side (a ledger given more columns for some companies: R-42 with 15), the rows' words come
    first (rows_first). As given when not even those fit."""
    columns = list(zip(header, *rows)) if rows else [(h,) for h in header]
    minimum = [max(_unbreakable(c) for c in col) * EM_CM + CELL_PADDING_CM for col in columns]
    short = sum(max(m - w, 0.0) for w, m in zip(widths, minimum))
    spare = [max(w - m, 0.0) for w, m in zip(widths, minimum)]
    if not short:
        return widths
    if sum(spare) < short:
        # a column given more room than its pieces need (a register's title column, written
        # in by hand: form_layout.answer_widths) keeps it, like a filled-in word
        return rows_first(widths, minimum, [max(max([0.0] + [_longest_word(c) for c in col[1:]])
                                                * EM_CM + CELL_PADDING_CM, w if w > m else 0.0)
                                            for col, w, m in zip(columns, widths, minimum)])
    return [max(w, m) if w < m else w - short * room / sum(spare)
            for w, m, room in zip(widths, minimum, spare)]


# a word (a document number written unbreakably counts as one: no-break spaces, a full-width
# hyphen between word joiners, Chinese characters joined by word joiners — a short name, a
# number's unit '180\u2060件' with the brackets around it), or one CJK character
WORD = re.compile(r"[（(]?(?:[\u2e80-\u9fff](?=\u2060)|\u2060[\u2e80-\u9fff]|\u2060\uff0d\u2060"
                  r"|[^\s\u2e80-\u9fff\uff00-\uffef]|\u202f)+[）)]?|\S")


@lru_cache(maxsize=16384)  # pure: a package measures the same pieces many times
def _longest_word(text: str) -> float:
    """The widest word of `text` as Times New Roman sets it (em; a CJK character 1): where a
    word processor can break a line of it at the narrowest column."""
    return max((_set_width(word) for word in WORD.findall(text)), default=0.0)


def rows_first(widths: list[float], minimum: list[float], rows_minimum: list[float]
               ) -> list[float]:
    """Widths (cm, the same total as `widths`) for columns whose unbreakable pieces (`minimum`,
    the headers' and the rows') do not fit side by side: each column at least as wide as its
    rows' widest word (`rows_minimum`: a domain name, 'applications' in 'Patents and
    applications abroad'), so no filled-in word is broken inside (LibreOffice breaks a word
    wider than its cell at the cell's edge, and the row runs lines higher than its text is
    long); the header words then get their widths up to a cap found to fill the total, so the
    short ones ('No.', 'Grade') stay whole and only the longest ('registration') wrap.
    `widths` as given when not even the rows' words fit."""
    total = sum(widths)
    if sum(rows_minimum) > total:
        return widths
    low, high = 0.0, max(minimum)
    for _ in range(40):
        cap = (low + high) / 2
        low, high = (cap, high) if sum(max(r, min(m, cap)) for m, r in zip(minimum, rows_minimum)
                                       ) < total else (low, cap)
    fitted = [max(r, min(m, low)) for m, r in zip(minimum, rows_minimum)]
    capped = [i for i, (m, f) in enumerate(zip(minimum, fitted)) if f < m] or \
        list(range(len(fitted)))
    spare = (total - sum(fitted)) / len(capped)
    return [f + (spare if i in capped else 0.0) for i, f in enumerate(fitted)]


def _available_cm(document: DocxDocument) -> float:
    section = document.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def _row_flag(row, tag: str) -> None:
    trpr = fast.row_properties(row._tr)
    flag = OxmlElement(tag)
    trpr.append(flag)


@dataclass(frozen=True)
class Choices:
    """A cell to tick: a box before each option ('☐修订 ☐换版 ☐作废'), then a labelled blank
    for each `fill` ('期限：________'). An option named 其他 / other gets a blank to write in.
    In Word each box is a check-box content control (a click ticks it); on paper a ☐."""

    options: tuple[str, ...] = ()
    fill: tuple[str, ...] = ()
    language: str = "zh"
    stacked: bool = False  # one option a line (a narrow ledger column)
    # options set in aligned columns, `columns` a line, the columns `column_cm` wide (a sheet's
    # many choices: form_layout.choice_columns); 0: one after the other
    columns: int = 0
    column_cm: tuple[float, ...] = ()

    def __str__(self) -> str:  # the text a reader sees (and fit_widths measures)
        boxes = [f"{BOX}{NBSP}{o}" for o in self.options]
        fills = [f"{f}{self._colon}{BLANK}" for f in self.fill]
        if self.columns and not self.stacked:
            rows = [" ".join(boxes[i:i + self.columns])
                    for i in range(0, len(boxes), self.columns)]
            return "\n".join(rows + ([" ".join(fills)] if fills else []))
        return ("\n" if self.stacked else " ").join(boxes + fills)

    @property
    def _colon(self) -> str:
        return "：" if self.language == "zh" else ": "


BOX, BLANK, NBSP = "\u2610", "________", "\u00a0"  # ☐, the line to write on, no break
OTHER = ("其他", "其它", "other", "others")
Cell = str | Choices


def checkbox(paragraph) -> None:
    """A check box at the end of `paragraph`: a w14 check-box content control holding ☐, which
    Word ticks on a click (☒) and LibreOffice and print show as ☐."""
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    box = OxmlElement("w14:checkbox")
    checked = OxmlElement("w14:checked")
    checked.set(qn("w14:val"), "0")
    box.append(checked)
    for tag, code in (("w14:checkedState", "2612"), ("w14:uncheckedState", "2610")):
        state = OxmlElement(tag)
        state.set(qn("w14:val"), code)
        state.set(qn("w14:font"), "MS Gothic")
        box.append(state)
    pr.append(box)
    sdt.append(pr)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attribute in ("ascii", "hAnsi", "eastAsia"):
        fonts.set(qn(f"w:{attribute}"), "MS Gothic")
    fonts.set(qn("w:hint"), "eastAsia")
    rpr.append(fonts)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = BOX
    run.append(text)
    content.append(run)
    sdt.append(content)
    paragraph._p.append(sdt)


def write_choices(paragraph, value: Choices) -> None:
    """The options of `value` with a check box each, then its labelled blanks; in aligned
    columns (a tab stop where each column starts, a line break after every `columns` options)
    when it has columns."""
    gap = "\u2002"  # an en space between one option and the next box
    columns = value.columns if not value.stacked else 0
    if columns:
        start = 0.0
        for width in value.column_cm[:-1]:
            start += width
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(start))
    for i, option in enumerate(value.options):
        if i and (value.stacked or (columns and i % columns == 0)):
            paragraph.add_run().add_break()
        elif i:
            paragraph.add_run("\t" if columns else gap)
        checkbox(paragraph)
        written = f"{option}{BLANK}" if option.strip().lower() in OTHER else option
        if not value.stacked:  # an option of several words is not broken across two lines
            written = written.replace(" ", NBSP)
        paragraph.add_run(f"{NBSP}{written}")  # never wrapped away from its box
    for i, label in enumerate(value.fill):
        if (value.options or i) and (value.stacked or (columns and not i)):
            paragraph.add_run().add_break()
        elif value.options or i:
            paragraph.add_run(gap)
        paragraph.add_run(f"{label}{value._colon}{BLANK}")


def _write(cell, value: Cell) -> None:
    if isinstance(value, Choices):
        write_choices(cell.paragraphs[0], value)
    else:
        fast.cell_text(cell, value)  # cell.text = value, faster


def _vertical(cell, upright: bool = False) -> None:
    """Turn the text of `cell` to run bottom to top (a narrow column's long header), or with
    `upright` top to bottom with its characters upright (a Chinese header: tbRl, which Word and
    LibreOffice set so)."""
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "tbRl" if upright else "btLr")
    cell._tc.get_or_add_tcPr().append(direction)


MARK_EM = 1.5  # a column whose cells hold at most this (●, ○, √) is a column of marks
ROTATED_HEADER_MAX_CM = 5.5  # a longer rotated header is set on several lines
ROTATED_LINE_CM = 0.55  # one line of a rotated header across its column (10.5 pt, 1.25 spacing)
ROTATED_MAX_LINES = 3


def rotated_lines(text: str, max_cm: float = ROTATED_HEADER_MAX_CM) -> list[str]:
    """A header set bottom to top, on as few lines as keep each within `max_cm` (broken between
    words, the lines as even as they can be; at most ROTATED_MAX_LINES, and a word longer than
    `max_cm` stays whole). The breaks are written into the cell: LibreOffice clips the lines it
    wraps in a rotated cell by itself, so the header row is sized to the longest line and the
    column to the number of lines."""
    words = text.split()

    def width(line: list[str]) -> float:
        return _text_width(" ".join(line)) * EM_CM + CELL_PADDING_CM

    best = [text]
    for count in range(1, min(len(words), ROTATED_MAX_LINES) + 1):
        splits = [[]] if count == 1 else itertools.combinations(range(1, len(words)), count - 1)
        options = []
        for cuts in splits:
            bounds = [0, *cuts, len(words)]
            options.append([words[a:b] for a, b in zip(bounds, bounds[1:])])
        lines = min(options, key=lambda o: max(width(line) for line in o))
        best = [" ".join(line) for line in lines]
        if max(width(line) for line in lines) <= max_cm:
            break
    return best


def _rotated_columns(header: list[str], rows: list[list[str]], available: float) -> list[int]:
    """The columns of marks whose headers would have to wrap inside words: when the headers'
    words do not fit side by side, these headers are set bottom to top, a Chinese one top to
    bottom (upright_header; the function matrix's '知识产' / '权', '人力资' / '源部'). A column is
    one of marks when it holds a mark (●, ○, √) and nothing longer: a blank column of a ledger
    is written in by hand (R-85's English headers were set one letter a line above empty
    rows)."""
    columns = list(zip(*rows)) if rows else [()] * len(header)
    marks = [i for i, col in enumerate(columns)
             if any(c.strip() for c in col) and all(_text_width(c) <= MARK_EM for c in col)
             and (re.search(r"[A-Za-z]{4,}", header[i]) or upright_header(header[i]))]
    minimum = [max([_header_word(header[i])] + [_unbreakable(c) for c in col]) * EM_CM
               + CELL_PADDING_CM for i, col in enumerate(columns)]
    return marks if marks and sum(minimum) > available else []


def upright_header(label: str) -> bool:
    """Whether a rotated header `label` is set top to bottom with upright characters: a
    Chinese one of CJK characters only (no Latin word to lie on its side)."""
    return bool(_CJK.search(label)) and not re.search(r"[A-Za-z\s]", label)


def _header_word(label: str) -> float:
    """The widest piece of a header (em) that must not wrap: a Chinese header's widest word
    (header_words.words: '人力资源部'), else _unbreakable's."""
    if upright_header(label):
        return max(_text_width(word) for word in header_words.words(label))
    return _unbreakable(label)


BODY_PT = 10.5  # the table text's size, which EM_CM measures
HEADER_MIN_PT = 7.5  # a header row may be set this small so that its words stay whole
HEADER_STEP_PT = 0.5
HEADER_BOLD_WIDER = 1.1  # bold Latin letters are wider than _set_width counts (regular)
HEADER_SLACK_CM = 0.05  # what a header word may need beyond its measured width
# a column at least this wide (one written in by hand, a register's title column:
# form_layout.answer_widths) keeps this much when header words take room: the header is set
# smaller first
HEADER_KEEP_CM = 3.0


def _header_cm(em: float, pt: float) -> float:
    """The room (cm, with the cell's margins) a bold header word `em` wide (as _set_width
    counts it, at BODY_PT) needs at `pt` points."""
    return em * HEADER_BOLD_WIDER * EM_CM * pt / BODY_PT + CELL_MARGINS_CM + HEADER_SLACK_CM


_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
_CJK_LETTER = re.compile(r"[\u3400-\u9fff]")


def header_joined(label: str) -> str:
    """A Chinese header `label` as its column is measured: word joiners (U+2060) mark what
    must fit on one line — a bracket with the Latin word it holds ('（SPDX）': a column
    narrower breaks it as '许可证（' / 'SPDX' / '）') and its last two characters (a column is at
    least two characters wide: never '序' / '号'). The table writes the label as it is (the
    Chinese line breaker of LibreOffice ignores word joiners; no_lone_characters sizes the
    columns instead). A label without Chinese as it is."""
    if not _CJK.search(label):
        return label
    joined = re.sub(r"(?<=[（(\[])(?=[A-Za-z0-9])", WORD_JOINER, label)
    joined = re.sub(r"(?<=[A-Za-z0-9])(?=[）)\]])", WORD_JOINER, joined)
    last = [m.start() for m in _CJK_LETTER.finditer(joined)][-2:]
    if len(last) == 2 and last[1] == last[0] + 1:
        joined = joined[:last[1]] + WORD_JOINER + joined[last[1]:]
    return joined


def _header_units(label: str) -> list[str]:
    """The pieces a header breaks between: in a Chinese header its words (generators.
    header_words: jieba's, punctuation with the word it belongs to, a Latin word whole), which
    table() writes as lines of their own so that LibreOffice never wraps inside one ('注册' /
    '人'); in another, what header_joined holds together between spaces."""
    if _CJK.search(label):
        return list(header_words.words(label))
    units: list[str] = []
    for piece in re.split(r"\s+", header_joined(label)):
        for i, char in enumerate(piece):
            glued = i and (piece[i - 1] == WORD_JOINER or char == WORD_JOINER)
            latin = i and not _CJK.search(char) and not _CJK.search(piece[i - 1])
            if units and i and (glued or latin):
                units[-1] += char
            else:
                units.append(char)
    return [u for u in units if u.strip(WORD_JOINER)]


@lru_cache(maxsize=16384)  # pure: a package measures the same pieces many times
def _header_word_cm(label: str, pt: float) -> float:
    """The room (cm, with the cell's margins) the widest word of a bold header `label` needs at
    `pt` points: a Latin word set bold; in a Chinese header a CJK character 1 em, or what
    header_joined keeps together (CJK headers wrap between any two characters else)."""
    if _CJK.search(label):
        return _header_cm(max((_set_width(u) for u in _header_units(label)), default=0.0), pt)
    return _header_cm(_longest_word(label), pt)


@lru_cache(maxsize=16384)  # pure: a package measures the same pieces many times
def _header_piece_cm(label: str, pt: float) -> float:
    """As _header_word_cm, for a header whose long Latin words may break between syllables
    (generators.hyphens): the room its widest piece needs."""
    if _CJK.search(label):
        return _header_word_cm(label, pt)
    return _header_cm(max((hyphens.widest_piece(word, _set_width)
                           for word in WORD.findall(label)), default=0.0), pt)


def header_pt(header: list[str] | None, widths: list[float], rotated: list[int] = ()) -> float:
    """The size (pt) of a table's header row: BODY_PT, or, where a header word is wider than its
    column (a wide ledger's 'Responsible department' in 1.4 cm), the largest size down to
    HEADER_MIN_PT, in HEADER_STEP_PT steps, at which every header word fits whole (LibreOffice
    and Word break a word wider than its cell inside the word: 'Applic/ation'). Headers set
    bottom to top (`rotated`) do not count. HEADER_MIN_PT when not even that size fits."""
    if not header:
        return BODY_PT
    pt = BODY_PT
    while pt > HEADER_MIN_PT and any(
            _header_word_cm(label, pt) > width for i, (label, width) in
            enumerate(zip(header, widths)) if i not in rotated and label):
        pt -= HEADER_STEP_PT
    return pt


def header_fit(widths: list[float], header: list[str], texts: list[list[str]],
               rotated: list[int] = ()) -> list[float]:
    """`widths` (cm) with every header word whole: at the largest header size (header_pt, from
    BODY_PT down to HEADER_MIN_PT) at which the columns can hold both their header's widest
    word and their rows' unbreakable pieces (words, numbers) side by side, a column of
    HEADER_KEEP_CM or more (written in by hand) keeping that much where some size allows it
    (else only its rows' pieces), each column too
    narrow for its header's word widened to it, the room taken from the columns with room above
    what they need, in proportion; the total stays the same. As given when every header word
    fits, or when not even HEADER_MIN_PT lets them (header_pt then sets the smallest size)."""
    columns = list(zip(*texts)) if texts else [()] * len(header)
    rows_cm = [max([0.0] + [max(_longest_word(c), _number_width(c)) for c in col]) * EM_CM
               + CELL_PADDING_CM for col in columns]
    total = sum(widths)
    # whole words first, a written-in column keeping its room if it can; else long Latin words
    # broken between syllables (table() marks where: generators.hyphens)
    for measure, keep in ((_header_word_cm, HEADER_KEEP_CM), (_header_word_cm, 0.0),
                          (_header_piece_cm, 0.0)):
        pt = BODY_PT if measure is _header_word_cm else HEADER_MIN_PT
        while pt >= HEADER_MIN_PT:
            need = [max(rows_cm[i], keep if widths[i] >= keep else 0.0,
                        0.0 if i in rotated or not label else measure(label, pt))
                    for i, label in enumerate(header)]
            if measure is _header_piece_cm:
                need = _fewest_broken(need, [max(n, 0.0 if i in rotated or not label else
                                                 _header_word_cm(label, pt))
                                             for i, (n, label) in enumerate(zip(need, header))],
                                      total)
            if all(n <= w for n, w in zip(need, widths)):
                return widths
            if sum(need) <= total:
                short = sum(max(n - w, 0.0) for n, w in zip(need, widths))
                spare = [max(w - n, 0.0) for n, w in zip(need, widths)]
                return [n if w < n else w - short * room / sum(spare)
                        for n, w, room in zip(need, widths, spare)]
            pt -= HEADER_STEP_PT
    return widths


def _fewest_broken(broken: list[float], whole: list[float], total: float) -> list[float]:
    """The columns' widths (cm) when headers must break inside words: from `broken` (each
    header's words broken between syllables), as many columns as `total` allows given the room
    their `whole` words need, cheapest first, so that as few headers as can be are broken."""
    need = list(broken)
    for i in sorted(range(len(need)), key=lambda i: whole[i] - broken[i]):
        if sum(need) - need[i] + whole[i] <= total:
            need[i] = whole[i]
    return need


def table_widths(header: list[str] | None, texts: list[list[str]], available: float,
                 widths_cm: list[float] | None = None) -> tuple[list[float], list[int]]:
    """The widths (cm) table() gives a table's columns, and the columns whose header it sets
    bottom to top: `widths_cm` scaled to the text area `available` and widened to their words
    (at_least_words), or fitted to the header and the rows' `texts` (fit_widths; in a table of
    marks whose Latin headers cannot fit, those headers rotated and their columns as wide as
    their lines). What a form's layout estimates its rows' heights from (form_layout)."""
    columns = len(header) if header else len(texts[0])
    rotated = _rotated_columns(header, texts, available) if header and not widths_cm else []
    heads = {i: rotated_lines(header[i]) for i in rotated}
    if widths_cm:
        widths = at_least_words([w * available / sum(widths_cm) for w in widths_cm],
                                header or [""] * columns, texts)
    else:
        fitted = [("" if i in rotated else h) for i, h in enumerate(header)] if header \
            else [""] * columns
        widths = fit_widths(fitted, texts, available)
        if rotated:
            others = [i for i in range(columns) if i not in rotated]
            kept_cm = [fit_widths([header[i] for i in others], [[r[i] for i in others]
                                                                for r in texts], available / 2)]
            natural = {i: max([_text_width(header[i])] + [_text_width(r[i]) for r in texts])
                       * EM_CM + CELL_PADDING_CM for i in others}
            fixed = {i: min(natural[i], w) for i, w in zip(others, kept_cm[0])}
            # each rotated column as wide as its header's lines, the rest shared evenly
            least = {i: len(heads[i]) * ROTATED_LINE_CM + CELL_PADDING_CM for i in rotated}
            spare = (available - sum(fixed.values()) - sum(least.values())) / len(rotated)
            widths = [fixed[i] if i in fixed else least[i] + spare for i in range(columns)]
    if header:
        widths = no_lone_characters(header_fit(widths, header, texts, rotated), header, texts,
                                    rotated)
        widths = fewer_header_lines(widths, header, texts, rotated)
    return widths, rotated


def _rows_need_cm(texts: list[list[str]], columns: int, names: bool = True) -> list[float]:
    """What each column needs for its rows' words to stay whole (cm): its widest word or number
    (a filled-in 'Bluetooth' in a narrow column was broken 'Bluetooth S' / 'IG'), and with
    `names` a Chinese name of five to eight characters ('质量管理部') on one line."""
    cols = list(zip(*texts)) if texts else [()] * columns
    return [max([0.0] + [max(_widest_part(c), _number_width(c),
                             _text_width(c) if names and _CJK_NAME.fullmatch(c) else 0.0)
                         for c in col]) * EM_CM + CELL_PADDING_CM for col in cols]


_AT_HYPHEN = re.compile(r"(?<=[A-Za-z]-)(?=[A-Za-z])")  # 'standard-' / 'essential'


def _widest_part(text: str) -> float:
    """The widest word of `text` (em, _longest_word's words), a word of letters joined by a
    hyphen counted by its parts: a line may break after the hyphen ('standard-' / 'essential');
    numbers keep theirs (_number_width)."""
    return max((_set_width(part) for word in WORD.findall(text)
                for part in _AT_HYPHEN.split(word)), default=0.0)


_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{5,8}")


@lru_cache(maxsize=16384)  # pure: a package measures the same pieces many times
def _label_lines(label: str, width: float, pt: float) -> int | None:
    """The lines a bold header `label` takes in a column `width` cm wide at `pt` points, each
    word whole (Chinese: header_text's lines; Latin: wrapped at spaces); None when a word is
    wider than the column (it would be broken inside)."""
    if not label.strip():
        return 1
    if _CJK.search(label) and not re.search(r"\s", label):
        em = EM_CM * pt / BODY_PT
        chars = _chars(width, em)
        if max(_set_width(u) for u in _header_units(label)) > chars + 1e-6 or \
                _header_word_cm(label, pt) > width + 1e-6:  # as header_pt measures it
            return None
        return len(_cjk_packed(label, chars))
    room = width - CELL_MARGINS_CM - HEADER_SLACK_CM
    scale = HEADER_BOLD_WIDER * EM_CM * pt / BODY_PT
    lines, used = 1, 0.0
    for word in label.split():
        cm = _set_width(word) * scale
        if cm > room + 1e-6:
            return None
        if used and used + _set_width(" ") * scale + cm > room + 1e-6:
            lines, used = lines + 1, cm
        else:
            used += (_set_width(" ") * scale if used else 0.0) + cm
    return lines


def _narrowest(label: str, pt: float, least: float, most: float) -> dict[int, float]:
    """{lines: the narrowest width (cm)} at which header `label` takes at most that many lines
    with every word whole at `pt` points, for widths from `least` up to `most` in steps of a
    quarter em."""
    step = EM_CM * pt / BODY_PT / 4
    out: dict[int, float] = {}
    width = least
    while width <= most + 1e-6:
        taken = _label_lines(label, width, pt)
        if taken is not None and taken not in out:
            out[taken] = width
            if taken == 1:
                break
        width += step
    return out


def _within(narrowest: dict[int, float], lines: int) -> float | None:
    """The narrowest width taking at most `lines` lines (of _narrowest's), None when none."""
    fits = [w for n, w in narrowest.items() if n <= lines]
    return min(fits) if fits else None


def _share_out(need: list[float], widths: list[float], natural: list[float], total: float,
               rotated: list[int]) -> list[float]:
    """Columns at `need` (cm) with the rest of `total` shared out: first to the columns whose
    rows' text (`natural`: its longest cell on one line) is wider than their need, in proportion
    to what they lack, up to that; what is left in proportion to what `widths` gave each column
    above its need (evenly when none). Rotated columns keep their need."""
    free = [i for i in range(len(need)) if i not in rotated]
    spare = total - sum(need)
    lack = {i: max(natural[i] - need[i], 0.0) for i in free}
    out = list(need)
    if sum(lack.values()) > 0:
        for i in free:
            out[i] += min(spare * lack[i] / sum(lack.values()), lack[i])
    left = total - sum(out)
    room = {i: max(widths[i] - out[i], 0.0) for i in free}
    for i in free:
        out[i] += left * room[i] / sum(room.values()) if sum(room.values()) else left / len(free)
    return out


HEADER_LINES = 3  # a header row of more lines is set smaller where that makes it lower


def _header_quality(header: list[str], widths: list[float], rotated: list[int]
                    ) -> tuple[bool, float, float, int]:
    """How a header row comes out at `widths`, lower is better: (a word broken inside, its
    height (pt) beyond HEADER_LINES lines, minus the size header_pt sets, the lines of its
    tallest label at that size). A header is set smaller than BODY_PT to keep its words whole
    or to take no more than HEADER_LINES lines, never only to take fewer."""
    pt = header_pt(header, widths, rotated)
    counts = [_label_lines(label, width, pt) for i, (label, width)
              in enumerate(zip(header, widths)) if i not in rotated]
    lines = max([c for c in counts if c is not None] + [1])
    return None in counts, max(lines - HEADER_LINES, 0) * pt, -pt, lines


def fewer_header_lines(widths: list[float], header: list[str], texts: list[list[str]],
                       rotated: list[int] = ()) -> list[float]:
    """`widths` (cm) shared out again when that makes the header row lower or keeps a word whole
    that `widths` breaks — a header word or a filled-in word ('中国注册号及注册人' over four lines in
    a ledger of thirteen columns, 'regis-' / 'tration', 'Bluetooth S' / 'IG'): at each header
    size from BODY_PT down to HEADER_MIN_PT (_header_quality says which is best), the fewest
    header lines at which every column
    can hold its header in that many lines with its words whole and its rows' words whole
    (_rows_need_cm; a Chinese name only where `widths` holds it whole); a column of
    HEADER_KEEP_CM or more (written in by hand) keeping that much where it can; what is left shared in proportion to what `widths` gave each column above
    that. The total stays the same; rotated headers keep their columns. As given when no share
    does better."""
    total = sum(widths)
    rows = _rows_need_cm(texts, len(header))
    bare = _rows_need_cm(texts, len(header), names=False)
    broken_rows = any(w + 1e-6 < r for i, (w, r) in enumerate(zip(widths, bare))
                      if i not in rotated)
    best = widths
    quality = _header_quality(header, widths, rotated)
    if broken_rows:
        quality = (True,) + quality[1:]
    if not quality[0] and quality[3] <= 2:
        return widths  # two lines at most, every word whole: nothing to gain
    tallest = max(len(label) for label in header) or 1
    cols = list(zip(*texts)) if texts else [()] * len(header)
    natural = [max([0.0] + [_text_width(c) for c in col]) * EM_CM + CELL_PADDING_CM
               for col in cols]
    # a name is kept on one line where `widths` holds it (form_layout.names_whole widened
    # its column), but asks for no room it was not given
    kept = [r if w + 1e-6 >= r else b for w, r, b in zip(widths, rows, bare)]
    for keep, least in ((HEADER_KEEP_CM, kept), (0.0, kept), (HEADER_KEEP_CM, bare),
                        (0.0, bare)):
        pt = BODY_PT
        while pt >= HEADER_MIN_PT:
            floors = [max(least[i], keep if widths[i] >= keep else 0.0, MIN_COLUMN_CM)
                      for i in range(len(header))]
            scans = [{} if i in rotated else _narrowest(label, pt, floors[i], total)
                     for i, label in enumerate(header)]
            for lines in range(1, tallest + 1):
                need = []
                for i in range(len(header)):
                    narrow = widths[i] if i in rotated else _within(scans[i], lines)
                    if narrow is None:
                        break
                    need.append(narrow)
                if len(need) < len(header) or sum(need) > total:
                    continue
                out = _share_out(need, widths, natural, total, rotated)
                better = _header_quality(header, out, rotated)
                if better < quality:
                    best, quality = out, better
                break  # more lines at this size only make it higher
            pt -= HEADER_STEP_PT
        if best is not widths:
            return best
    if quality[0] and not broken_rows:  # some header word is broken whatever the widths
        return _fewest_lines_broken(widths, header, texts, rotated, natural)
    return best


def _fewest_lines_broken(widths: list[float], header: list[str], texts: list[list[str]],
                         rotated: list[int], natural: list[float]) -> list[float]:
    """`widths` (cm) shared out again for a Latin header row whose words cannot all be whole
    side by side, even at HEADER_MIN_PT (R-85's sixteen English columns): the fewest lines at
    which each column holds its header, long words broken between syllables
    (latin_header_lines) in as few columns as the room allows (_fewest_broken), and its rows'
    words whole; what is left shared as _share_out does.
    So the header row is as low as the room allows (a column given 1.3 cm set 'Decision of
    the IP management representative…' on eighteen lines while a column beside it had room
    to spare). Never with more header words broken than `widths` has (header_fit kept as many
    whole as the room allows): the design institute's R-42 had its header a line lower for
    'Trade-' / 'mark' broken besides 'registra-' / 'tion'. As given when a header holds
    Chinese text or no share is lower."""
    if any(_CJK.search(label) for label in header):
        return widths
    total = sum(widths)
    pt = header_pt(header, widths, rotated)
    rows = _rows_need_cm(texts, len(header))
    step = EM_CM * pt / BODY_PT / 4

    def lines(i: int, width: float) -> int:
        return latin_header_lines(header[i], width, pt) if header[i].strip() else 1

    free = [i for i in range(len(header)) if i not in rotated]
    current = max(lines(i, widths[i]) for i in free)

    def broken_at(ws: list[float]) -> int:  # the header words broken inside
        return sum(_header_cm(_set_width(word), pt) > ws[i] + 1e-6
                   for i in free for word in header[i].split())

    def narrowest(i: int, floor: float, target: int) -> float:
        width = max(rows[i], floor, MIN_COLUMN_CM)
        while lines(i, width) > target and width <= total:
            width += step
        return width

    for target in range(1, current):
        broken, whole = list(widths), list(widths)
        for i in free:
            label = header[i]
            broken[i] = narrowest(i, _header_piece_cm(label, pt) if label.strip() else 0.0,
                                  target)
            whole[i] = narrowest(i, _header_word_cm(label, pt) if label.strip() else 0.0,
                                 target)
        if sum(broken) <= total:  # as many headers whole as the room allows
            out = _share_out(_fewest_broken(broken, whole, total), widths, natural, total,
                             rotated)
            if broken_at(out) <= broken_at(widths):
                return out
    return widths


def _laid_out_units(label: str) -> list[str]:
    """The units LibreOffice keeps whole in a Chinese header: its words (_header_units), since
    table() writes the header with a line break between the lines they are packed into."""
    return _header_units(label)


def _cjk_packed(label: str, chars: int) -> list[str]:
    """The lines of a Chinese header `label` at `chars` characters a line: its words kept whole
    and packed as LibreOffice fills a line (a word wider than a line on a line of its own)."""
    lines: list[str] = []
    used = 0.0
    for unit in _laid_out_units(label):
        width = _set_width(unit)
        if lines and used + width <= chars + 1e-6:
            lines[-1] += unit
            used += width
        else:
            lines.append(unit)
            used = width
    return lines


def header_text(label: str, width_cm: float, pt: float = BODY_PT) -> str:
    """A header `label` as table() writes it into a column `width_cm` wide at `pt` points: a
    Chinese one (without spaces) with a line break between the lines its words are packed into
    (_cjk_packed), so no word is wrapped inside; any other as it is (LibreOffice wraps Latin
    text at its spaces)."""
    if not _CJK.search(label) or re.search(r"\s", label):
        return label
    return "\n".join(_cjk_packed(label, _chars(width_cm, EM_CM * pt / BODY_PT)))


def _cjk_lines(label: str, chars: int) -> list[float]:
    """The widths (em) of the lines a Chinese header `label` wraps into at `chars` characters a
    line (its units, _header_units, kept whole), as LibreOffice fills them."""
    lines: list[float] = []
    for unit in _laid_out_units(label):
        width = _set_width(unit)
        if lines and lines[-1] + width <= chars + 1e-6:
            lines[-1] += width
        else:
            lines.append(width)
    return lines


def _lone_last(label: str, chars: int) -> bool:
    """Whether `label` wrapped at `chars` characters a line ends with one character alone."""
    lines = _cjk_lines(label, chars)
    return len(lines) > 1 and lines[-1] <= 1.0


def no_lone_characters(widths: list[float], header: list[str], texts: list[list[str]],
                       rotated: list[int] = ()) -> list[float]:
    """`widths` (cm) with no Chinese header wrapping to a last line of one character ('来源地' /
    '址', '须履行的义' / '务'): such a column one character narrower when its header then takes
    no more lines than the header row has anyway and its rows' words still fit ('来源' / '地址'),
    else one character wider, the room given to or taken from the column with the most room
    above what its header and rows need; the total
    stays the same. LibreOffice fills a line of a CJK header with as many characters as the
    cell holds (whole em at the header's size, inside the cell's margins)."""
    size = header_pt(header, widths, rotated)
    em = EM_CM * size / BODY_PT
    columns = list(zip(*texts)) if texts else [()] * len(header)
    rows_cm = [max([0.0] + [max(_longest_word(c), _number_width(c)) for c in col]) * EM_CM
               + CELL_PADDING_CM for col in columns]
    chars = [int((w - CELL_MARGINS_CM) / em + 1e-6) for w in widths]
    cjk = [i for i, label in enumerate(header) if i not in rotated and label
           and _CJK.search(label) and not re.search(r"\s", label)]
    tallest = max([len(_cjk_lines(header[i], max(chars[i], 1))) for i in cjk], default=1)
    out = list(widths)
    need = [max(rows_cm[j], 0.0 if j in rotated or not header[j] else
                _header_word_cm(header[j], size)) for j in range(len(out))]
    for i in cjk:
        label, have = header[i], chars[i]
        if have < 2 or not _lone_last(label, have):
            continue
        widest_unit = max(_set_width(u) for u in _header_units(label))
        for count in (have - 1, have + 1, have - 2, have + 2):  # characters a line
            # no narrower than the header's widest unit needs at its size (header_pt)
            new = max(count * em + CELL_MARGINS_CM + 0.02, _header_word_cm(label, size)
                      if count < have else 0.0)
            if count < 2 or _lone_last(label, count) or int(
                    (new - CELL_MARGINS_CM) / em + 1e-6) != count or (count < have and (
                    new < rows_cm[i] or widest_unit > count
                    or len(_cjk_lines(label, count)) > tallest)):
                continue
            taken = _take(out, need, new - out[i], i, lambda j, w: _keeps_lines(
                header[j], out[j], w, em, tallest, j in cjk))
            if taken is not None:
                out = taken
                out[i] = new
                break
    if any(_lone_last(header[i], _chars(out[i], em)) for i in cjk):
        return _from_label_lengths(out, header, cjk, need, em, tallest)
    return out


def _chars(width: float, em: float) -> int:
    """The whole characters a line of a header cell `width` cm wide holds (at least 1)."""
    return max(int((width - CELL_MARGINS_CM) / em + 1e-6), 1)


def _from_label_lengths(widths: list[float], header: list[str], cjk: list[int],
                        need: list[float], em: float, tallest: int) -> list[float]:
    """Widths (cm, the same total) from the labels' lengths, for a wide table whose Chinese
    headers cannot all lose a lone last character by moving room between two columns (R-42's
    15 columns: '授权日或注册日' in 2 characters a line ends '注册' / '日'): each Chinese header's
    column as narrow as lets it wrap with no lone last character in no more than `tallest`
    lines (never narrower than `need`: its rows' pieces and its widest unit), the others at
    `need`; what is left goes, in whole
    characters, to the columns that had more than that, in proportion, where it leaves no lone
    character. As given when even those widths do not fit."""
    least = list(need)
    for i in cjk:
        count = _chars(need[i], em)
        while (_lone_last(header[i], count) or len(_cjk_lines(header[i], count)) > tallest) \
                and count < len(header[i]):
            count += 1
        least[i] = max(need[i], count * em + CELL_MARGINS_CM + 0.005)
    total = sum(widths)
    if sum(least) > total:
        return widths
    out = list(least)
    wants = {j: widths[j] - least[j] for j in range(len(widths)) if widths[j] > least[j]}
    spare = total - sum(out)
    for j in sorted(wants, key=wants.get, reverse=True):
        give = spare * wants[j] / sum(wants.values()) if wants else 0.0
        if j in cjk:  # whole characters only, and none that leave a lone one
            steps = int(give / em + 1e-6)
            while steps and _lone_last(header[j], _chars(out[j] + steps * em, em)):
                steps -= 1
            give = steps * em
        out[j] += give
    rest = total - sum(out)  # to the widest column whose header cannot end in a lone character
    free = [j for j in range(len(out)) if j not in cjk] or \
        [j for j in cjk if not _lone_last(header[j], _chars(out[j] + rest, em))] or [0]
    out[max(free, key=lambda j: out[j])] += rest
    return out


def _take(widths: list[float], need: list[float], change: float, column: int, keeps
          ) -> list[float] | None:
    """`widths` with `change` cm given to (negative: taken from) column `column`'s neighbours
    in the table — from the columns with the most room above their `need` first, each
    keeping its need and what `keeps(j, new width)` allows —, None when they cannot give it."""
    out = list(widths)
    if change <= 0:  # room freed: to the column with the most room, whose header allows it
        fits = [j for j in range(len(out)) if j != column and keeps(j, out[j] - change)]
        if not fits:
            return None
        out[max(fits, key=lambda j: out[j] - need[j])] -= change
        return out
    left = change
    for j in sorted((j for j in range(len(out)) if j != column),
                    key=lambda j: need[j] - out[j]):
        give = min(left, out[j] - need[j])
        if give > 0.01 and keeps(j, out[j] - give):
            out[j] -= give
            left -= give
        if left <= 1e-6:
            return out
    return None


def _keeps_lines(label: str, width: float, new: float, em: float, tallest: int,
                 chinese: bool) -> bool:
    """Whether a column `width` cm wide may become `new` cm wide: a Chinese header then ends
    with no lone character it did not have and takes no more than `tallest` lines."""
    if not chinese:
        return True
    chars = int((new - CELL_MARGINS_CM) / em + 1e-6)
    before = int((width - CELL_MARGINS_CM) / em + 1e-6)
    return chars >= 1 and len(_cjk_lines(label, chars)) <= max(
        tallest, len(_cjk_lines(label, max(before, 1)))) and (
        not _lone_last(label, chars) or _lone_last(label, max(before, 1)))


def table(document: DocxDocument, header: list[str] | None, rows: list[list[Cell]],
          widths_cm: list[float] | None = None, blank_row_height_cm: float | None = None,
          space_after: bool = True, heights_cm: list[float | None] | None = None,
          keep_together: bool = False, keep_last: int = 0, keep_with_next: bool = False,
          sizing: list[list[str]] | None = None, fitted: bool = False) -> None:
    """A bordered table with a bold header row repeated on every page (none when `header` is
    None); no row splits across pages; an all-empty row gets `blank_row_height_cm` (a form's blank
    line to fill in), row i of `rows` at least `heights_cm[i]` when given (an answer area of
    several lines). A cell is text or Choices (check boxes). Widths: `widths_cm`, scaled to the
    text area, or fitted to the content (fit_widths); in a table of marks (a responsibility
    matrix) whose Latin headers cannot fit, those headers run bottom to top. `keep_together`
    keeps the whole table on one page (a sign-off block); `keep_last` rows are kept with what
    follows (so a sign-off block never stands alone on a page); `keep_with_next` keeps every row
    and the space after the table with what follows (a procedure's closing lists go together,
    so that neither stands alone on the last page). `sizing`: rows of the values expected
    (written in by hand later) that the widths are fitted to as well. The header row keeps with the
    first row: alone at a page's foot, LibreOffice lays the rows after it out on no page at all
    (rows that do not split, following a row that fits). `fitted`: `widths_cm` are final
    (table_widths' and adjusted by the caller: form_layout.lower_rows), set as they are. Each
    row's cells are looked up once: python-docx computes a row's cells afresh on every
    access."""
    columns = len(header) if header else len(rows[0])
    numbers = numbers_of(document)
    rows = [[unbroken(c, numbers) if isinstance(c, str) else c for c in row] for row in rows]
    texts = [[str(c) for c in row] for row in rows]  # each document number whole (unbroken)
    available = _available_cm(document)
    if fitted and widths_cm:
        widths, rotated = list(widths_cm), []
    else:
        widths, rotated = table_widths(header, texts + (sizing or []), available, widths_cm)
    heads = {i: rotated_lines(header[i]) for i in rotated}
    grid = document.add_table(rows=(1 if header else 0) + len(rows), cols=columns)
    try:
        grid.style = "Table Grid"
    except KeyError:  # a reference document without Word's built-in table styles
        pass
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid_rows = list(grid.rows)
    cells = [fast.row_cells(row, grid) for row in grid_rows]
    body = cells[1:] if header else cells
    if header:
        size = header_pt(header, widths, rotated)  # smaller where a header word would break
        for i, (cell, label) in enumerate(zip(cells[0], header)):
            cell.text = "\n".join(heads[i]) if i in heads else header_text(
                label, widths[i], size)  # the breaks: w:br
            for run in cell.paragraphs[0].runs:
                fast.bold(run)
                if size < BODY_PT:
                    run.font.size = Pt(size)
            if i not in heads and not _CJK.search(label) \
                    and _header_word_cm(label, size) > widths[i]:  # a Chinese one has its breaks
                _breakable_header(cell, label, size, widths[i])
        _row_flag(grid_rows[0], "w:tblHeader")
        for i in rotated:
            _vertical(cells[0][i], upright_header(header[i]))
        if rotated:  # as high as the longest line (rotated_lines: within the maximum)
            longest = max(_text_width(line) for i in rotated for line in heads[i])
            grid_rows[0].height = Cm(longest * EM_CM + CELL_PADDING_CM)
    for row in grid_rows:
        _row_flag(row, "w:cantSplit")
    for r, row in enumerate(rows):
        for cell, value in zip(body[r], row):
            _write(cell, value)
        height = heights_cm[r] if heights_cm and r < len(heights_cm) else None
        if blank_row_height_cm and not any(texts[r]):
            height = max(height or 0.0, blank_row_height_cm)
        if height:
            grid_rows[r + (1 if header else 0)].height = Cm(height)
    grid.autofit = False
    for column, width in zip(grid.columns, widths):  # the grid LibreOffice reads
        column.width = Cm(width)
    for row_cells in cells:
        for cell, width in zip(row_cells, widths):
            fast.cell_width(cell, Cm(width))
    kept = cells if keep_with_next else cells[:-1] if keep_together \
        else cells[len(cells) - keep_last:] if keep_last else []
    if header and len(cells) > 1 and not keep_together:
        kept = [cells[0]] + [c for c in kept if c is not cells[0]]  # header with the first row
    if kept:
        for row_cells in kept:
            for cell in row_cells:
                for paragraph in cell.paragraphs:
                    fast.keep_with_next(paragraph)
    if space_after:
        document.add_paragraph().paragraph_format.keep_with_next = keep_with_next or None


def latin_header_lines(label: str, width_cm: float, pt: float) -> int:
    """The lines a bold Latin header `label` takes in a column `width_cm` wide at `pt` points as
    LibreOffice sets it: wrapped at its spaces, a word too wide for the column broken between
    its syllables where table() marks it (_breakable_header), each piece but the last on a
    line of its own. _label_lines counts a header whose words fit; this one counts the lines
    of one whose words do not (a ledger of sixteen English columns, R-85), which the form's
    height estimate took for fewer and moved the table off a mostly empty first page."""
    def fits(piece: str) -> bool:
        return _header_cm(_set_width(piece), pt) <= width_cm

    room = width_cm - CELL_MARGINS_CM - HEADER_SLACK_CM
    scale = HEADER_BOLD_WIDER * EM_CM * pt / BODY_PT
    space = _set_width(" ") * scale
    lines, used = 1, 0.0
    for word in label.split():
        pieces = hyphens.broken(word, fits) if re.fullmatch(r"[A-Za-z]+", word.strip(",.;:()")) \
            and word == word.strip(",.;:()") else (word,)
        for i, piece in enumerate(pieces):
            cm = _set_width(piece + ("-" if i < len(pieces) - 1 else "")) * scale
            if used and used + space + cm > room + 1e-6:
                lines, used = lines + 1, cm
            else:
                used += (space if used else 0.0) + cm
            if i < len(pieces) - 1:  # the line breaks after the hyphen
                lines, used = lines + 1, 0.0
    return lines


def _breakable_header(cell, label: str, pt: float, width_cm: float) -> None:
    """Mark where the Latin words of header `label` too wide for their column (`width_cm`, at
    `pt` points, bold) may break between syllables (generators.hyphens)."""
    def fits(piece: str) -> bool:
        return _header_cm(_set_width(piece), pt) <= width_cm

    hyphens.write_breakable(cell.paragraphs[0].runs[0], label, fits)


def gap(document: DocxDocument, points: float = 6, keep_with_next: bool = False) -> None:
    """A small space between two tables (without a paragraph between them Word joins them)."""
    fmt = document.add_paragraph().paragraph_format
    fmt.keep_with_next = keep_with_next
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(points)


def page_break_before(paragraph) -> None:
    """Start `paragraph` on a new page (instead of a paragraph holding a page break, which
    leaves a blank page when the text before it ends at the foot of a page)."""
    paragraph.paragraph_format.page_break_before = True


CHAPTER_SPACE_PT = 24  # above a chapter heading that runs on after the previous chapter


def run_on(paragraph, space_pt: float = CHAPTER_SPACE_PT) -> None:
    """Start `paragraph` (a chapter's heading) where the previous chapter ends, after a larger
    space, instead of on a new page; it keeps with its first lines (Heading styles keep with
    next). The rule for a manual's chapters: each ends with a table of related documents, and a
    new page for the next chapter would leave a page holding only that table's last rows (or the
    table alone) whenever the table does not end on the chapter's last full page."""
    fmt = paragraph.paragraph_format
    fmt.page_break_before = False
    fmt.keep_with_next = True
    fmt.space_before = Pt(space_pt)


P, T, BR, PPR, BREAK_BEFORE = (qn("w:p"), qn("w:t"), qn("w:br"), qn("w:pPr"),
                               qn("w:pageBreakBefore"))


def tidy(document: DocxDocument, whole_numbers: bool = True) -> None:
    """Remove empty paragraphs that stand right before a page break or at the end of the body:
    alone at the top of a page they would make it blank; with `whole_numbers`, set every number
    apart so that it never breaks across lines (unbroken_numbers, with the package's document
    numbers the document was made with: numbers_of). save() calls it; call it before laying the
    document out for other purposes (generators.toc_pages)."""
    body = document.element.body
    if whole_numbers:
        unbroken_numbers(body, numbers_of(document), latin=_chinese(document))
    children = [c for c in body if c.tag != qn("w:sectPr")]
    for child, following in zip(children, children[1:] + [None]):
        if child.tag != P or any(True for _ in child.iter(T, BR)):  # text or a break
            continue
        ppr = following.find(PPR) if following is not None else None
        if following is None or (ppr is not None and ppr.find(BREAK_BEFORE) is not None):
            previous = child.getprevious()
            if following is None and previous is not None and previous.tag == qn("w:tbl"):
                _hairline(child)  # the body does not end in a table (Word would add a paragraph)
                continue
            body.remove(child)


def _chinese(document: DocxDocument) -> bool:
    """Whether `document` is written in Chinese (its default language tag: _set_up_styles)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(".//" + LANG) if defaults is not None else None
    return lang is not None and lang.get(qn("w:val")) == LANGUAGE_TAG["zh"]


HAIRLINE_TWIPS = 1  # the last paragraph's height after a closing table: 0.05 pt


def _hairline(p) -> None:
    """Make an empty paragraph HAIRLINE_TWIPS high (its mark 0.5 pt), so it does not spill onto
    a page of its own after a table that ends near the foot of the page (at 1 pt it did whenever
    the table ended less than a point above it: the trading company's P-18)."""
    paragraph = Paragraph(p, None)
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(HAIRLINE_TWIPS)
    mark = p.get_or_add_pPr().find(qn("w:rPr"))
    if mark is None:
        mark = OxmlElement("w:rPr")
        p.get_or_add_pPr().append(mark)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "1")
    mark.append(size)


def save(document: DocxDocument, path: Path, whole_numbers: bool = True) -> None:
    """Write the document, tidied, as a new file at `path` (its folder is created): never over
    an existing file and never through a link (generators.safepath.create_new). A package's
    paths come from OutputFolder.path, which keeps them inside the output folder. Without
    `whole_numbers` its numbers carry no word joiners (tidy): text a reader copies as it is —
    an exported conversation's questions, quotes and commands ('--profile gbt29490-2023').

    The document is built in memory and then written: a draft interrupted (Ctrl-C, SIGTERM)
    while python-docx zips it leaves no zip writer on a file this function has closed, whose
    clean-up at exit would print a traceback."""
    tidy(document, whole_numbers)
    buffer = io.BytesIO()
    document.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    with create_new(path) as handle:
        handle.write(buffer.getbuffer())
