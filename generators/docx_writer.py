"""A thin layer over python-docx: one look for every generated document (fonts that show Chinese,
a header, page numbers in the footer, a table of contents field, simple tables)."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from assistant.errors import IpmsError
from generators.safepath import create_new

EAST_ASIAN_FONT = "SimSun"  # Word's default Chinese font; LibreOffice substitutes a CJK font


A4 = (Cm(21.0), Cm(29.7))  # GB/T 148 / ISO 216: width, height


def new_document(reference: Path | None = None, landscape: bool = False) -> DocxDocument:
    """A blank A4 document, or one built on a company's reference .docx (its styles, letterhead
    and page size)."""
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
        document = Document()
        normal = document.styles["Normal"]
        normal.font.size = Pt(10.5)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
            style = document.styles[name]
            style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    _cache_style_ids(document)
    section = document.sections[0]
    if reference is None:  # python-docx's blank template is US Letter; Chinese documents are A4
        section.page_width, section.page_height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2.2)
    return document


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


def _field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, TOC ...) with a cached result Word and LibreOffice can show."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    result = paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    result._r.append(end)


def header_and_footer(document: DocxDocument, header_text: str, page_label: str) -> None:
    """Header with the company and document number; footer with the page number.

    `page_label` holds '{page}', e.g. '第 {page} 页' or 'Page {page}'."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    if header.text.strip():  # a company letterhead from a reference document stays on top
        header = section.header.add_paragraph()
    header.text = header_text
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    if footer.text.strip():
        footer = section.footer.add_paragraph()
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = page_label.partition("{page}")
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(after)


def table_of_contents(document: DocxDocument, title: str, entries: list[str]) -> None:
    """A TOC field (updated by Word on opening) whose cached result lists the headings."""
    document.add_paragraph(title, style="Heading 1")
    paragraph = document.add_paragraph()
    _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', placeholder=entries[0] if entries else "")
    for entry in entries[1:]:
        document.add_paragraph(entry)
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def paragraphs(document: DocxDocument, text: str) -> None:
    for block in text.split("\n"):
        if block.strip():
            document.add_paragraph(block.strip())


def table(document: DocxDocument, header: list[str], rows: list[list[str]],
          widths_cm: list[float] | None = None, blank_row_height_cm: float | None = None) -> None:
    """A bordered table with a bold header row; an all-empty row gets `blank_row_height_cm`
    (a form's blank line to fill in). Each row's cells are looked up once: python-docx computes
    a row's cells afresh on every access."""
    grid = document.add_table(rows=1 + len(rows), cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid_rows = list(grid.rows)
    cells = [row.cells for row in grid_rows]
    for cell, label in zip(cells[0], header):
        cell.text = label
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for r, row in enumerate(rows, start=1):
        for cell, value in zip(cells[r], row):
            cell.text = value
        if blank_row_height_cm and not any(row):
            grid_rows[r].height = Cm(blank_row_height_cm)
    if widths_cm:
        grid.autofit = False
        for column, width in zip(grid.columns, widths_cm):  # the grid LibreOffice reads
            column.width = Cm(width)
        for row_cells in cells:
            for cell, width in zip(row_cells, widths_cm):
                cell.width = Cm(width)
    document.add_paragraph()


def save(document: DocxDocument, path: Path) -> None:
    """Write the document as a new file at `path` (its folder is created): never over an
    existing file and never through a link (generators.safepath.create_new). A package's paths
    come from OutputFolder.path, which keeps them inside the output folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with create_new(path) as handle:
        document.save(handle)
