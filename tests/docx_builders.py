"""Build .docx files the way Word writes them, for import tests: python-docx for paragraphs,
styles and tables, plus the numbering XML (list definitions, instances, restarts, style-attached
numbering), footnotes and text boxes that python-docx has no API for."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MULTILEVEL_DECIMAL = [("decimal", "%1"), ("decimal", "%1.%2"), ("decimal", "%1.%2.%3"),
                      ("decimal", "%1.%2.%3.%4")]


@dataclass(frozen=True)
class Lvl:
    """One list level: number format, level text, start value, and options."""

    fmt: str
    text: str
    start: int = 1
    suffix: str = "space"  # tab, space or nothing
    legal: bool = False
    style: str | None = None


def _lvl_xml(ilvl: int, lvl: Lvl) -> str:
    style = f'<w:pStyle w:val="{lvl.style}"/>' if lvl.style else ""
    legal = "<w:isLgl/>" if lvl.legal else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{lvl.start}"/>'
            f'<w:numFmt w:val="{lvl.fmt}"/>{style}{legal}<w:suff w:val="{lvl.suffix}"/>'
            f'<w:lvlText w:val="{lvl.text}"/></w:lvl>')


class DocxBuilder:
    """A document under construction; `save` writes it."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        self._numbering = self.doc.part.numbering_part.element
        self._next_abstract = 100
        self._next_num = 100
        self._notes: list[str] = []

    # --- numbering -----------------------------------------------------------------------
    def define_list(self, levels: list[Lvl] | list[tuple[str, str]]) -> str:
        """A list definition (w:abstractNum) and a first instance of it; returns the numId."""
        lvls = [lv if isinstance(lv, Lvl) else Lvl(*lv) for lv in levels]
        abstract = str(self._next_abstract)
        self._next_abstract += 1
        body = "".join(_lvl_xml(i, lv) for i, lv in enumerate(lvls))
        node = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract}">'
                         f'<w:multiLevelType w:val="multilevel"/>{body}</w:abstractNum>')
        nums = self._numbering.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(node)
        else:
            self._numbering.append(node)
        return self.instance(abstract)

    def instance(self, abstract: str, restart: dict[int, int] | None = None) -> str:
        """A new w:num of list definition `abstract`, restarting levels at the given values."""
        num = str(self._next_num)
        self._next_num += 1
        overrides = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/>'
                            f'</w:lvlOverride>' for k, v in (restart or {}).items())
        self._numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>'
            f'{overrides}</w:num>'))
        return num

    def abstract_of(self, num_id: str) -> str:
        for num in self._numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) == num_id:
                return num.find(qn("w:abstractNumId")).get(qn("w:val"))
        raise KeyError(num_id)

    def restart(self, num_id: str, level: int = 0, at: int = 1) -> str:
        """A new instance of `num_id`'s list that starts `level` again at `at`."""
        return self.instance(self.abstract_of(num_id), {level: at})

    def number_style(self, style_name: str, num_id: str, ilvl: int | None = None) -> None:
        """Attach numbering to a paragraph style (numPr in styles.xml)."""
        style = self.doc.styles[style_name]
        ppr = style.element.get_or_add_pPr()
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}>{level}'
                                f'<w:numId w:val="{num_id}"/></w:numPr>'))

    def derived_style(self, name: str, base: str) -> None:
        """A paragraph style based on `base` (inherits its numbering and outline level)."""
        from docx.enum.style import WD_STYLE_TYPE

        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles[base]

    # --- content -------------------------------------------------------------------------
    def para(self, text: str = "", style: str | None = None,
             num: tuple[str, int] | None = None):
        """A paragraph; `num` = (numId, level) numbers it directly."""
        p = self.doc.add_paragraph(text, style=style)
        if num is not None:
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{num[1]}"/>'
                                 f'<w:numId w:val="{num[0]}"/></w:numPr>'))
        return p

    def raw_runs(self, paragraph, xml: str) -> None:
        """Append run-level WordprocessingML (w:ins, w:del, hidden runs, fields) to a paragraph."""
        for node in parse_xml(f'<w:x {nsdecls("w")}>{xml}</w:x>'):
            paragraph._p.append(node)

    def table(self, rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell

    def footnote(self, paragraph, note: str) -> None:
        """A footnote on `paragraph` (reference at its end), text `note`."""
        self._notes.append(note)
        run = paragraph.add_run()
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} '
                                f'w:id="{len(self._notes)}"/>'))

    def text_box(self, paragraph, lines: list[str]) -> None:
        """A text box anchored in `paragraph` (as Word writes it: a VML text box)."""
        inner = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
            f'<v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox>'
            f'</v:shape></w:pict></w:r>'))

    def save(self, path: Path) -> Path:
        if self._notes:
            notes = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
                            f'</w:footnote>' for i, text in enumerate(self._notes, 1))
            blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    f'<w:footnotes {W_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
                    f'<w:separator/></w:r></w:p></w:footnote>{notes}</w:footnotes>')
            part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob.encode("utf-8"),
                        self.doc.part.package)
            self.doc.part.relate_to(part, RT.FOOTNOTES)
            self._notes = []
        self.doc.save(str(path))
        return path


def numbered_headings(builder: DocxBuilder, levels=MULTILEVEL_DECIMAL, depth: int = 3) -> str:
    """Heading 1..depth numbered by one multilevel list attached to the styles, as Word does
    when you number headings; returns the numId."""
    lvls = [Lvl(fmt, text, style=f"Heading{i + 1}") for i, (fmt, text) in enumerate(levels)]
    num = builder.define_list(lvls)
    for i in range(depth):
        builder.number_style(f"Heading {i + 1}", num, i)
    return num


# --- the sample documents (tests/data/sample_standard) as Word files --------------------------
@dataclass(frozen=True)
class AutoRule:
    """Lines matching `pattern` become paragraphs numbered by list `name` at `level`; the
    pattern's last group is the text Word holds (the number is Word's to print)."""

    pattern: str
    name: str
    level: int = 0
    restart: bool = False  # a run of these after other text starts the list again (a), b) …)


def source_paragraphs(lines: list[str], joined: tuple[str, ...] = ()) -> list[str | list[str]]:
    """The paragraphs of a sample .txt: one per line, a line in `joined` appended to the one
    before it (a wrapped line), runs of 'cell | cell' lines as one table (a list of rows)."""
    out: list[str | list[str]] = []
    for line in lines:
        if line in joined and out and isinstance(out[-1], str):
            out[-1] += line
        elif " | " in line:
            if out and isinstance(out[-1], list):
                out[-1].append(line)
            else:
                out.append([line])
        else:
            out.append(line)
    return out


def build_typed(path: Path, paragraphs: list[str | list[str]], heading=None) -> Path:
    """Every number typed in the text, as many company copies are; `heading(line)` gives the
    heading level of a line (styled Heading N, without numbering) or None."""
    b = DocxBuilder()
    for par in paragraphs:
        if isinstance(par, list):
            b.table([row.split(" | ") for row in par])
        else:
            level = heading(par) if heading else None
            b.para(par, f"Heading {level}" if level else None)
    return b.save(path)


def build_auto(path: Path, paragraphs: list[str | list[str]], lists: dict[str, list[Lvl]],
               rules: list[AutoRule], unnumbered_headings: tuple[str, int] | None = None) -> Path:
    """The numbers left to Word: each paragraph matching a rule is numbered by that rule's
    list (restarted where the rule says); lists whose
    levels name a paragraph style are attached to those styles. `unnumbered_headings`
    (pattern, level) styles matching typed lines as headings with numbering switched off."""
    import re

    b = DocxBuilder()
    nums = {name: b.define_list(levels) for name, levels in lists.items()}
    for name, levels in lists.items():
        for i, lvl in enumerate(levels):
            if lvl.style:
                b.number_style(lvl.style.replace("Heading", "Heading "), nums[name], i)
    used: set[str] = set()
    previous = None
    for par in paragraphs:
        if isinstance(par, list):
            b.table([row.split(" | ") for row in par])
            previous = None
            continue
        rule = next((r for r in rules if re.fullmatch(r.pattern, par)), None)
        if rule is None:
            if unnumbered_headings and re.fullmatch(unnumbered_headings[0], par):
                b.para(par, f"Heading {unnumbered_headings[1]}", num=("0", 0))
            else:
                b.para(par)
            previous = None
            continue
        text = re.fullmatch(rule.pattern, par).groups()[-1]
        if rule.restart and rule.name in used and previous != rule.name:
            nums[rule.name] = b.restart(nums[rule.name], 0, lists[rule.name][0].start)
        used.add(rule.name)
        previous = rule.name
        style = lists[rule.name][rule.level].style
        if style:
            b.para(text, style.replace("Heading", "Heading "))
        else:
            b.para(text, num=(nums[rule.name], rule.level))
    return b.save(path)
