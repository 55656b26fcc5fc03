"""The body of a record form, laid out to be filled in by hand and in Word (forms.yaml says what
goes in; its header explains the layouts and the attributes of a field or column).

Every form has a header table (form number, version, effective date and a record serial number
to write in), a line saying who reviewed and approved the blank form's layout under the document
control procedure (P-01: 记录表单的审核人和批准人注明于表头之下) — not a claim of conformity
with clauses on a working form: which clauses each form serves is the traceability matrix's
and the records list's to say — its text or note, its table, and a sign-off table with a name, signature and date row for each role —
none when the form is signed in its own fields (a 记录人/审核人 field, a column where each
attendee signs: signed_by_fields). An agreement (forms.yaml `agreement`: an NDA, a non-compete)
is signed by the parties: no approval line, its particulars two a row, kept with
its last clause and the parties' signatures.

The sign-off is the record's: it is left blank for the people who sign each record (who reviewed
and approved the blank form is the line under the header). A column where a free-text answer is
written (说明, 用途, 原因 …: ANSWER_WORDS), and a ledger's column for the title of what it
registers (名称, Title: TITLE_WORDS, pre-filled or not), is at least ANSWER_MIN_CM wide, whatever
its short label; the text above a table keeps with it.

A form is laid out to fit on one page where it can: the page's height is shared out from an
estimate of each part's height as LibreOffice sets it (_Height: lines of text at TEXT_LINE_CM,
rows at least their answer area). A ledger gets as many blank rows as fit on its first page with
the sign-off (at least one, at most its `rows`; a register's `blank_rows` when its pre-filled rows
run on anyway); a sheet a little too long has its larger answer areas shortened by up to a third.
Only the table's last row is kept with the sign-off, so a form that runs on anyway (a long
register, the audit checklist) carries one row and the sign-off over, never half a page's worth:
no form starts with a mostly empty first page. LibreOffice keeps that row with the sign-off only
on the table's first page, so a register's rows (and its header row) are set as high as
estimated, which makes its page breaks predictable, and it gets as many blank rows as end its
last page with room for the sign-off (clear_of_sign_off). A column of Chinese names (a
department) is as wide as its longest name (names_whole). A sheet filled in at each occasion
(`per_occasion`: a training session's sign-in sheet) is one page of blank rows, or a row for
each person the intake counts when that is fewer: more attendees sign a second copy, and nine
pages of blank rows help nobody.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from generators import docx_writer as w
from generators.authority import approval
from generators.plan import PackagePlan
from generators.registers import check_columns, intake_count, register_rows
from generators.templates_io import Form, TemplateSet

WORDS = {
    "zh": {"form_no": "表单编号", "version": "版本", "effective": "生效日期",
           "serial": "记录编号", "field": "项目",
           "value": "填写内容", "name": "姓名", "signature": "签字", "date": "日期",
           "sign_off": ["填写人", "审核人", "批准人"],
           "approved": "本表格式由{reviewed}审核、{approved}批准发布（《{title}》{procedure}）", "legend": "{label}（填写代号）：",
           "gap": "\u3000", "mark": ""},
    "en": {"form_no": "Form No.", "version": "Version", "effective": "Effective date",
           "serial": "Record No.", "field": "Item",
           "value": "Entry", "name": "Name", "signature": "Signature", "date": "Date",
           "sign_off": ["Filled in by", "Reviewed by", "Approved by"],
           "approved": "Form layout reviewed by {reviewed} and approved by {approved} ({title}, {procedure})",
           "legend": "{label} (write the number): ", "gap": "   ",
           "mark": "\u00a0"},
}
LINE_CM = 0.7  # one handwritten line of an answer area
LEDGER_ROW_CM = 0.8
BLANK_ROWS_AFTER_REGISTER = 5
# the fewest blank rows a pre-filled register keeps for additions, whatever room its sign-off
# wants (R-01 ended with two once its rows of numbers left free were added)
REGISTER_ROOM = 3
MAX_SIZED_ROWS = 150  # a ledger sized from the intake (rows_from): at most this many rows
# Heights as LibreOffice sets a form (measured on the example packages' PDFs): a line of 10.5 pt
# text (宋体 / Times New Roman, 1.25 spacing) and the 4 pt after each paragraph or cell
TEXT_LINE_CM = {"zh": 0.67, "en": 0.53}
AFTER_CM = 0.14
TITLE_LINE_CM = 1.4  # the form's title (Title style), one line
# a header squeezed to give a register's title column its room keeps this many characters a line
HEADER_LEAST_EM = 2
GAP_CM = 0.15  # the small space between two tables (docx_writer.gap)
# what the estimate may be short by (borders, rounding): a form estimated within this of the
# page's height is laid out as one that does not fit
SAFETY_CM = 0.1
BOLD_WIDER = 1.1  # a header row's bold Latin letters are wider (CJK characters stay 1 em)
LATIN = re.compile(r"[A-Za-z]")
LATIN_FREE = re.compile(r"[\u2e80-\u9fff]")  # a header holding CJK text (wrapped as such)
SHRINK = 2 / 3  # a sheet's answer area keeps about this share of its lines (at least one)
# a ledger column's options are ticked in every row when they are few and short; else they are
# numbered in a legend above the ledger and the number is written in the column
BOXES_MAX_OPTIONS, BOXES_MAX_EM = 3, 11.0
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"
# a blank column whose label names one of these is written in with words: give it room
ANSWER_WORDS = re.compile(r"说明|用途|原因|理由|意见|描述|内容|措施|情况|义务|备注|结果|记录|"
                          r"note|purpose|reason|opinion|description|content|measure|"
                          r"obligation|remark|result|record|comment|finding", re.IGNORECASE)
# a column for the title of what a row registers (名称, Title) is written in by hand in every
# blank row, even when a register pre-fills some rows (the IP ledger's domain names)
TITLE_WORDS = re.compile(r"名称|\btitles?\b", re.IGNORECASE)
# … unless it asks for a name, a date or a number (记录人, 处理日期, 记录编号)
NOT_ANSWER = re.compile(r"人$|人及|日期|时间|编号|签字|\bby\b|date|No\.|number|signature",
                        re.IGNORECASE)
ANSWER_MIN_CM = 3.5


@dataclass
class Field:
    """A field of a sheet or a column of a ledger: `label`, `lines` of answer area, `choices`
    to tick, labelled blanks (`fill`), or the register value it takes (`source`)."""

    label: str
    lines: int = 1
    choices: list[str] = field(default_factory=list)
    fill: list[str] = field(default_factory=list)
    source: str = ""
    legend: bool = False  # the choices numbered in a legend above a ledger, whatever they are
    sample: str = ""  # the longest value a column is written in with ('ZL 2023 1 0000000.0')

    @classmethod
    def read(cls, entry, render) -> "Field":
        """From a forms.yaml entry: a plain label, or {label, lines, choices, fill, from,
        legend, sample}; a choice that renders empty (one for some companies only) is left out.
        `choices` may be one template rendering to the choices one a line ("{{ contract.
        categories | join('\\n') }}")."""
        if isinstance(entry, str):
            return cls(render(entry))
        choices = entry.get("choices", [])
        if isinstance(choices, str):  # one template naming a list: a choice a line
            rendered = [c.strip() for c in render(choices).split("\n")]
        else:
            rendered = [render(c) for c in choices]
        return cls(render(entry["label"]), int(entry.get("lines", 1)),
                   [c for c in rendered if c.strip()],
                   [render(f) for f in entry.get("fill", [])], entry.get("from", ""),
                   bool(entry.get("legend", False)), render(entry.get("sample", "")))

    def cell(self, language: str, stacked: bool = False, width_cm: float = 0.0) -> w.Cell:
        """What a blank answer cell holds: check boxes and blanks (one a line when `stacked`;
        in even columns when they do not fit on one line of a cell `width_cm` wide), or
        nothing."""
        if self.choices or self.fill:
            columns, column_cm = (choice_columns(self.choices, width_cm)
                                  if width_cm and not stacked else (0, ()))
            return w.Choices(tuple(self.choices), tuple(self.fill), language, stacked,
                             columns, column_cm)
        return ""


def as_coded(value, choices: list[str]):
    """A register's value for a column whose choices a legend above the ledger numbers: the
    number the legend gives it ('法律法规' -> '①'), as the legend asks a row to be filled in; a
    value that is none of the choices as it is."""
    if isinstance(value, str) and value in choices:
        return CIRCLED[choices.index(value)]
    return value


def choice_columns(options: list[str], width_cm: float) -> tuple[int, tuple[float, ...]]:
    """How many options a line, and the width of each column (cm), to set the tick boxes of a
    cell `width_cm` wide in aligned columns: the options shared out as evenly as the lines they
    take when written one after the other allow (7 options on two lines: 4 and 3, never 6 and a
    box alone on the next line), each column as wide as its widest option and the last taking
    the rest of the cell. (0, ()) — one after the other — when they fit on one line, or when
    columns would take more lines than that (long options in a narrow cell)."""
    room = width_cm - w.CELL_PADDING_CM
    widths = [(w._text_width(f"{w.BOX}{w.NBSP}{o}{w.BLANK if o.strip().lower() in w.OTHER else ''}")
               + 1.0) * w.EM_CM for o in options]
    flowing, used = 1, 0.0
    for width in widths:
        if used and used + width > room:
            flowing, used = flowing + 1, 0.0
        used += width
    if len(options) < 2 or flowing == 1:
        return 0, ()
    per_line = -(-len(options) // flowing)
    columns = [max(widths[k::per_line]) for k in range(per_line)]
    if per_line == 1 or sum(columns) > room:
        return 0, ()
    return per_line, tuple(columns[:-1]) + (room - sum(columns[:-1]),)


def shown_fields(entries: list, render) -> list[Field]:
    """The fields or columns of a forms.yaml entry this company's form has: each read with
    `render`, those whose label renders empty (`{% if plans.technical %}技术价值得分{% endif %}`)
    left out."""
    return [f for f in (Field.read(e, render) for e in entries) if f.label.strip()]


def _boxes_fit(f: Field) -> bool:
    return (not f.fill and len(f.choices) <= BOXES_MAX_OPTIONS
            and sum(w._text_width(c) + 1.5 for c in f.choices) <= BOXES_MAX_EM)


def fill_form(document, plan: PackagePlan, templates: TemplateSet, form: Form) -> None:
    """Write `form` into `document` (started with the package's header and footer)."""
    lang, ctx = plan.language, plan.context
    words = WORDS[lang]
    spec, body = form.content, form.content[lang]

    def render(text: str) -> str:
        return templates.render(text, ctx)

    number = ctx["docno"][form.code]
    height = _Height(document, lang)
    document.add_paragraph(form.title[lang], style="Title")
    height.title(form.title[lang])
    _header(document, plan, number, words)
    height.rows([[words["form_no"], words["version"], words["effective"], words["serial"]],
                 [number, plan.intake.documents.version, "", ""]], [4.0, 2.5, 3.5, 6.0])
    authority = approval(plan.intake, "form")
    agreement = bool(spec.get("agreement"))
    if not agreement:  # an agreement is signed by the parties, not issued as a blank form
        evidence = document.add_paragraph(
            words["approved"].format(reviewed=authority.reviewed_by,
                                     approved=authority.approved_by,
                                     procedure=plan.context["docno"]["P01"],
                                     title=plan.context["title"]["P01"])
            + ("。" if lang == "zh" else "."))
        evidence.paragraph_format.space_before = w.Pt(4)
        height.paragraph(evidence.text, before_cm=0.14)
    for part in ("text", "note"):
        if body.get(part):
            _lead_in(document, render(body[part]), last_only=agreement)
            height.paragraph(render(body[part]))
    roles = [own_signer(render(s), ctx["dept"]["ip"], lang)
             for s in body.get("signatures") or []] or (
        [] if signed_by_fields(spec) else list(words["sign_off"]))
    if roles:
        sign_off = [2.0] + [14.0 / len(roles)] * len(roles)
        height.sign_off_cm = height.row([""] + roles, sign_off, LEDGER_ROW_CM, bold=True) \
            + 3 * LEDGER_ROW_CM + GAP_CM
        height.used += height.sign_off_cm
    layout = spec["layout"]
    if layout in ("ledger", "checklist"):
        _ledger(document, plan, templates, form, render, lang, height)
    elif agreement:
        _agreement_fields(document, shown_fields(body["fields"], render), lang)
        w.gap(document, keep_with_next=True)
    else:
        fields = shown_fields(body["fields"], lambda text: own_signer(
            render(text), ctx["dept"]["ip"], lang))  # '知识产权与法务部审核意见'
        widths = _sheet_widths([f.label for f in fields], height.width_cm)
        labels = [[f.label, str(f.cell(lang, width_cm=widths[1]))] for f in fields]
        lines = _fitted_lines(height, [[words["field"], words["value"]]] + labels, widths,
                              [f.lines for f in fields])
        w.table(document, [words["field"], words["value"]],
                [[f.label, f.cell(lang, width_cm=widths[1])] for f in fields], widths_cm=widths,
                heights_cm=[n * LINE_CM for n in lines], space_after=False, keep_last=1)
        w.gap(document, keep_with_next=True)
    if roles:
        _sign_off(document, plan, roles, words)


# a field or column in which someone signs, reviews, checks or approves the record (its rows:
# a register whose every row names its checker gets no second sign-off block repeating it)
SIGNING = re.compile(r"签字|签名|审核人|批准人|审批人|确认人|记录人|核查人|复核人")


# a sign-off label's generic IP department, as forms.yaml writes it for every company
_GENERIC_IP = {"zh": re.compile(r"知识产权管理部门"),
               "en": re.compile(r"\b(?:the )?IP department\b")}


def own_signer(label: str, ip_department: str, language: str) -> str:
    """A sign-off label naming the company's own IP department where forms.yaml writes the
    generic one: '知识产权管理部门负责人' -> '知识产权与法务部负责人', 'Head of the IP department' ->
    'Head of the IP and Legal Department' (the article only in running text, not at the label's
    start)."""
    from generators.templates_io import the

    language = "zh" if language == "zh" else "en"
    name = str(ip_department or "")
    if not name:
        return label

    def named(match: re.Match) -> str:
        if language == "zh" or match.start() == 0:
            return name
        return the(name)

    return _GENERIC_IP[language].sub(named, label)


def signed_by_fields(spec: dict) -> bool:
    """Whether a form (a forms.yaml entry) without `signatures` of its own is signed in its own
    fields — a 记录人/审核人 field, a column where each attendee or borrower signs (its Chinese
    labels decide, so both languages agree): it gets no second sign-off block."""
    zh = spec["zh"]
    labels = [f if isinstance(f, str) else f["label"]
              for f in (zh.get("fields") or []) + (zh.get("columns") or [])]
    return not zh.get("signatures") and any(SIGNING.search(label) for label in labels)


class _Height:
    """The height (cm) a form's parts take on the page as LibreOffice lays them out, added up
    in `used`; `page_cm` is the page's text height (page less top and bottom margins)."""

    def __init__(self, document, language: str):
        section = document.sections[-1]
        self.page_cm = (section.page_height - section.top_margin - section.bottom_margin) / 360000
        self.width_cm = w._available_cm(document)
        self.line = TEXT_LINE_CM.get(language, TEXT_LINE_CM["en"])
        self.used = 0.0
        self.sign_off_cm = 0.0  # the sign-off block and the gap above it (counted in `used`)

    @property
    def room(self) -> float:
        """What is left of the first page (less SAFETY_CM)."""
        return self.page_cm - self.used - SAFETY_CM

    def title(self, text: str) -> None:
        self.used += TITLE_LINE_CM * _lines(text, self.width_cm / (18 / 10.5))

    def paragraph(self, text: str, before_cm: float = 0.0) -> None:
        """Each paragraph of `text` across the page: its lines and the space after it."""
        for block in text.split("\n"):
            if block.strip():
                self.used += before_cm + _lines(block, self.width_cm) * self.line + AFTER_CM

    def row(self, cells: list[str], widths_cm: list[float], at_least_cm: float = 0.0,
            bold: bool = False, pt: float = w.BODY_PT) -> float:
        """The height of one table row: its tallest cell's lines (cells `widths_cm` wide, scaled
        to the page; a `bold` header's Latin letters BOLD_WIDER wider; text set at `pt` points,
        a header made smaller so its words stay whole: w.header_pt) or `at_least_cm`,
        whichever is more."""
        scale = self.width_cm / sum(widths_cm)
        size = pt / w.BODY_PT
        lines = max(_lines(str(c), max(wd * scale - w.CELL_MARGINS_CM, 0.5) / size
                           / (BOLD_WIDER if bold and LATIN.search(str(c)) else 1.0))
                    if str(c).strip() else 1 for c, wd in zip(cells, widths_cm))
        return max(lines * self.line * size + AFTER_CM, at_least_cm)

    def rows(self, rows: list[list[str]], widths_cm: list[float], at_least_cm: float = 0.0
             ) -> None:
        self.used += sum(self.row(r, widths_cm, at_least_cm) for r in rows)


def _fitted_lines(height: _Height, rows: list[list[str]], widths: list[float],
                  lines: list[int]) -> list[int]:
    """The answer lines of a sheet's fields (`rows`: its header row, then a row per field):
    as forms.yaml gives them when the sheet fits on the rest of the first page, else with the
    largest answer areas shortened one line at a time (each keeping about SHRINK of its lines)
    until it fits; as given when even that does not make it fit (it runs on to a second page)."""
    def total(counts: list[int]) -> float:
        return height.row(rows[0], widths, bold=True) + sum(
            height.row(r, widths, n * LINE_CM) for r, n in zip(rows[1:], counts))

    fitted = list(lines)
    floor = [max(1, round(n * SHRINK)) for n in lines]
    while total(fitted) > height.room:
        i = max(range(len(fitted)), key=lambda k: (fitted[k] - floor[k], fitted[k]))
        if fitted[i] <= floor[i]:
            return list(lines)
        fitted[i] -= 1
    return fitted


SHEET_LABEL_CM = (5.0, 0.42)  # a sheet's label column: at least 5 cm, at most 42 % of the page


def _sheet_widths(labels: list[str], available_cm: float) -> list[float]:
    """A sheet's label and answer columns (cm): the label column as wide as its longest label
    on one line (so '技术及产品品牌体系建设情况' or a label ending in a clause number does not
    wrap its last characters), within SHEET_LABEL_CM."""
    longest = max(w._text_width(label) for label in labels) * w.EM_CM + w.CELL_PADDING_CM
    label = min(max(longest, SHEET_LABEL_CM[0]), available_cm * SHEET_LABEL_CM[1])
    return [label, available_cm - label]


AGREEMENT_LABEL_MAX_CM = 4.2  # an agreement's label column: its longest label, at most this


def _agreement_fields(document, fields: list[Field], language: str) -> None:
    """The particulars of an agreement (the parties, dates, amounts): two short fields a row, a
    field of several lines or with choices a row of its own; no header row. The table is kept
    in one piece with the clauses above it and the signatures below, so the parties sign on the
    page that holds the last clause."""
    rows: list[list[w.Cell]] = []
    wide: list[int] = []
    heights: list[float] = []
    pending: list[Field] = []

    def flush() -> None:
        while pending:
            pair, pending[:] = pending[:2], pending[2:]
            cells: list[w.Cell] = []
            for f in pair:
                cells += [f.label, f.cell(language)]
            rows.append(cells + [""] * (4 - len(cells)))
            heights.append(LEDGER_ROW_CM)

    for f in fields:
        if f.lines > 1 or f.choices or f.fill:
            flush()
            wide.append(len(rows))
            rows.append([f.label, f.cell(language), "", ""])
            heights.append(max(f.lines * LINE_CM, LEDGER_ROW_CM))
        else:
            pending.append(f)
    flush()
    available = w._available_cm(document)
    label = min(max(w._text_width(f.label) for f in fields) * w.EM_CM + w.CELL_PADDING_CM,
                AGREEMENT_LABEL_MAX_CM)
    widths = [label, available / 2 - label] * 2
    w.table(document, None, rows, widths_cm=widths, heights_cm=heights,
            space_after=False, keep_together=True)
    grid = document.tables[-1]
    for r, row in enumerate(rows):
        if r in wide or not str(row[2]):  # a field of its own: its entry runs across
            cells = grid.rows[r].cells
            merged = cells[1].merge(cells[3])
            for extra in merged.paragraphs[1:]:  # the merged cells' empty paragraphs
                extra._p.getparent().remove(extra._p)
    for row in grid.rows:  # merging drops the kept-with-next mark of merged cells' paragraphs
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _lead_in(document, text: str, last_only: bool = False) -> None:
    """The text above a form's table, each paragraph kept with what follows (the table); with
    `last_only` (an agreement's clauses, which may run on) only the last clause is."""
    blocks = [b.strip() for b in text.split("\n") if b.strip()]
    for i, block in enumerate(blocks):
        paragraph = document.add_paragraph()
        w.add_text(paragraph, block)
        paragraph.paragraph_format.keep_with_next = not last_only or i == len(blocks) - 1


def answer_widths(labels: list[str], rows: list[list[str]], answers: list[bool],
                  fixed: list[bool], available_cm: float) -> list[float] | None:
    """Column widths (cm) fitted to the content (docx_writer.fit_widths), with each column of
    `answers` (a blank column written in with words) at least ANSWER_MIN_CM wide (answer columns
    take at most 30 % of the page), the room taken from the other columns that are not `fixed` (tick boxes) in
    proportion to what they have above their content's unbreakable minimum (numbers and
    words do not wrap; a long header may). None when no answer column is too narrow or no room can be
    found."""
    widths = w.fit_widths(labels, rows, available_cm)
    floor = min(ANSWER_MIN_CM, available_cm * 0.3 / max(sum(answers), 1))
    short = [i for i, (width, answer) in enumerate(zip(widths, answers))
             if answer and width < floor]
    if not short:
        return None
    columns = list(zip(labels, *rows)) if rows else [(label,) for label in labels]
    minimum = [max(w._unbreakable(c) for c in col) * w.EM_CM + w.CELL_PADDING_CM
               for col in columns]
    spare = {i: max(widths[i] - minimum[i], 0.0) for i in range(len(widths))
             if not (answers[i] or fixed[i])}
    total = sum(spare.values())
    if total < sum(floor - widths[i] for i in short):
        # the columns are near their minimum (a ledger with many columns: R-42 has 15):
        # the others' headers wrap further (two characters a line), numbers keep their width
        least = [max([HEADER_LEAST_EM * w.EM_CM + w.CELL_PADDING_CM]
                     + [w._number_width(c) * w.EM_CM + w.CELL_PADDING_CM for c in col])
                 for col in columns]
        spare = {i: max(widths[i] - least[i], 0.0) for i in range(len(widths))
                 if not (answers[i] or fixed[i])}
        total = sum(spare.values())
    if total <= 0:
        return None
    take = min(sum(floor - widths[i] for i in short), total)
    share = take / sum(floor - widths[i] for i in short)
    return [widths[i] + (floor - widths[i]) * share if i in short
            else widths[i] - take * spare.get(i, 0.0) / total for i in range(len(widths))]


# a word (a document number written unbreakably is one: docx_writer.WORD), or one CJK character
_PIECE = re.compile(r"(?:[^\s\u2e80-\u9fff\uff00-\uffef]|\u202f|\u2060\uff0d\u2060)+\s*|\S\s*")


def _em(piece: str) -> float:
    """The width of `piece` in em: Latin text as Times New Roman sets it, character by character
    (docx_writer._set_width), CJK characters and symbols 1. A mean width for every Latin
    character (0.47 em) took 'HZY-IPM-M-01' for 5.6 em (it takes 6.7: capitals are wide) and
    'Legal and IP' for 5.6 (it takes 5.1: 'l', 'i' and the space are narrow), so a department
    that fits on two lines was counted as three and every row of the register set a line too
    high."""
    return w._set_width(piece)


# what a line may seem to be over by and still hold its text: a column fitted to a text's width
# (names_whole: '技术质量部' in exactly 5 em and the cell's padding) comes back from scaling a
# hair narrower, which counted the name as two lines and set every row of the design
# institute's R-01 two lines high (1.5 cm: 9 rows a page, 12 pages)
FIT_EM = 0.01


@lru_cache(maxsize=8192)  # the same texts are measured again and again
def _lines(text: str, available_cm: float) -> int:
    """How many lines `text` takes across `available_cm` (each paragraph at least one),
    wrapped as a word processor does: between words, or between any two CJK characters."""
    room = available_cm / w.EM_CM
    count = 0
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        lines, used = 1, 0.0
        for piece in _PIECE.findall(paragraph.strip()):
            width = _em(piece.rstrip())
            if used and used + width > room + FIT_EM:
                lines, used = lines + 1, 0.0
            used += width
            while used > room + FIT_EM:  # a word longer than the line
                lines, used = lines + 1, used - room
            # the space after the word, which hangs past the line's end (counted with the word,
            # 'Software ' in a line 'Software' just fits was taken for a word broken inside)
            used += _em(piece) - width
        count += lines
    return count


def _header(document, plan: PackagePlan, number: str, words: dict) -> None:
    """Form number, version, effective date and the record's serial number (to write in)."""
    docs = plan.intake.documents
    w.table(document, [words["form_no"], words["version"], words["effective"], words["serial"]],
            [[number, docs.version, docs.effective_date.isoformat(), ""]],
            widths_cm=[4.0, 2.5, 3.5, 6.0], space_after=False)


def _ledger(document, plan: PackagePlan, templates: TemplateSet, form: Form, render, lang: str,
            height: _Height) -> None:
    spec, body = form.content, form.content[lang]
    columns = shown_fields(body["columns"], render)
    legends = []
    coded: dict[str, list[str]] = {}  # a register column whose choices the legend numbers
    for f in columns:
        if (f.choices or f.fill) and (f.legend or not _boxes_fit(f)):
            legends.append(WORDS[lang]["legend"].format(label=f.label) + WORDS[lang]["gap"].join(
                f"{CIRCLED[i]}{WORDS[lang]['mark']}{c}" for i, c in enumerate(f.choices)))
            if f.source:
                coded[f.source] = list(f.choices)
            f.choices, f.fill = [], []
    for legend in legends:
        document.add_paragraph(legend)
        height.paragraph(legend)
    blank = [f.cell(lang, stacked=spec["layout"] == "ledger") for f in columns]
    rows: list[list[w.Cell]] = []
    if spec["layout"] == "checklist":  # a question that renders empty (for some companies only)
        questions = [(render(item["category"]), render(item["question"]))
                     for item in body["items"]]
        for i, (category, question) in enumerate([q for q in questions if q[1].strip()], 1):
            cells = [str(i), category, w.unbroken(question, w.numbers_of(document))]
            rows.append(cells + blank[len(cells):])
    register = spec.get("register")
    if register:
        check_columns(register, [f.source for f in columns if f.source])
        for values in register_rows(register, plan, templates):
            rows.append([w.unbroken(as_coded(values.get(f.source, ""), coded.get(f.source, [])),
                                    w.numbers_of(document))
                         if f.source else blank[i] for i, f in enumerate(columns)])
        wanted = int(spec.get("blank_rows", BLANK_ROWS_AFTER_REGISTER))
    elif spec["layout"] == "checklist":
        wanted = 0
    else:
        wanted = int(spec.get("rows", 10))
    filled = len(rows)
    lines = spec.get("row_lines")  # room to write in a pre-filled row
    labels = [f.label for f in columns]
    answers = [not (f.choices or f.fill) and not NOT_ANSWER.search(f.label)
               and bool(TITLE_WORDS.search(f.label)
                        or not f.source and ANSWER_WORDS.search(f.label)) for f in columns]
    sizing = sizing_rows(columns)  # widths fitted to the values expected, too
    widths = spec.get("widths") or answer_widths(
        labels, [[str(c) for c in row] for row in rows + [blank]] + sizing, answers,
        [bool(f.choices or f.fill) for f in columns], w._available_cm(document))
    texts = [[str(c) for c in row] for row in rows]
    every = texts + [[str(c) for c in blank]] + sizing
    available = w._available_cm(document)
    measured, rotated = w.table_widths(labels, every, available, widths)  # as w.table sets them
    if not spec.get("widths"):
        named = names_whole(measured, labels, texts + sizing, answers)
        if named != measured:
            widths = named
            measured, rotated = w.table_widths(labels, every, available, widths)
    fitted = False
    if register and not spec.get("widths") and texts and not rotated:
        lower = lower_rows(height, labels, texts, measured, rotated, (lines or 0) * LINE_CM,
                           answers, sizing)
        if lower != measured:  # set as they are: table_widths would fit them again
            widths = measured = lower
            fitted = True
    blanks = _blank_rows(height, labels, texts, [str(c) for c in blank], measured,
                         (lines or 0) * LINE_CM, wanted, register=bool(register),
                         rotated=rotated)
    least = min(wanted, REGISTER_ROOM) if register else 1
    if spec.get("rows_from") and spec.get("per_occasion"):  # one session's sheet: one page
        least = max(1, min(intake_count(plan, spec["rows_from"]) - filled,
                           _blank_rows(height, labels, texts, [str(c) for c in blank], measured,
                                       (lines or 0) * LINE_CM, MAX_SIZED_ROWS, register=False,
                                       rotated=rotated)))
        blanks = wanted = least
    elif spec.get("rows_from"):  # a row for each person or right the intake counts
        least = intake_count(plan, spec["rows_from"]) - filled
        blanks = min(max(blanks, least), MAX_SIZED_ROWS)
    filled_cm: list[float | None] = [lines * LINE_CM if lines else None] * filled
    blank_cm = LEDGER_ROW_CM
    # a checklist that runs on gets blank rows (further items to check) where its sign-off
    # would stand alone on its last page: the franchise's R-68 ended a page with its last row
    checked = spec["layout"] == "checklist" and not register and bool(height.sign_off_cm)
    if wanted or checked:
        # a register's rows are set as high as the estimate (and a little more): LibreOffice then
        # lays them out as estimated, and where its pages break can be worked out
        estimate = [height.row(r, measured, (lines or 0) * LINE_CM) for r in texts]
        blank_estimate = height.row([str(c) for c in blank], measured, LEDGER_ROW_CM)
        if register or checked:
            estimate = [cm + ROW_SLACK_CM for cm in estimate]
            filled_cm = list(estimate)
            blank_cm = blank_estimate = max(LEDGER_ROW_CM, blank_estimate + ROW_SLACK_CM)
        header_cm = _header_cm(height, labels, measured, rotated)
        blanks = clear_of_sign_off(height, [header_cm] + estimate, blank_estimate, blanks,
                                   0 if checked else max(least, 1))
    rows += [list(blank) for _ in range(blanks)]
    w.table(document, labels, rows, widths_cm=widths,
            heights_cm=filled_cm + [blank_cm] * blanks, space_after=False, keep_last=3,
            sizing=sizing, fitted=fitted)
    if (register and wanted) or checked:  # the header row, on every page, as estimated
        document.tables[-1].rows[0].height = w.Cm(header_cm)
    w.gap(document, keep_with_next=True)


LOWER_STEP_CM = 0.2  # lower_rows moves room between columns in steps of this
LOWER_STEPS = 40
LOWER_AHEAD = 4  # a column may take up to this many steps at once (a line saved at the third)


def lower_rows(height: _Height, labels: list[str], rows: list[list[str]], widths: list[float],
               rotated: list[int], at_least_cm: float = 0.0,
               answers: list[bool] | None = None,
               sizing: list[list[str]] | None = None) -> list[float]:
    """`widths` (cm) with room moved, LOWER_STEP_CM at a time, to a column whose pre-filled
    cells set their rows' heights from the columns with room above what their header (its
    words whole, on no more lines than the header row has) and their rows need,
    while that makes the header row and the pre-filled `rows` lower together. The English IP
    ledger's 'Pending patent applications' took three lines in a column fitted to the header
    words while the empty columns beside it had room: every such row a line higher than the
    Chinese, and the ledger a page longer. A column of `answers` (written in by hand: a
    register's title column) gives no room, and no column gives room below what its `sizing`
    values (sizing_rows: a patent number in the number column, written in later) need: the
    English IP ledger's number column was narrowed to 1.5 cm, 'ZL 2023 1' broken inside. The
    total stays the same."""
    def total(ws: list[float]) -> float:
        return _header_cm(height, labels, ws, rotated) + sum(
            height.row(r, ws, at_least_cm) for r in rows)

    def header_lines(i: int, ws: list[float]) -> int:
        pt = w.header_pt(labels, ws, rotated)
        counted = w._label_lines(labels[i], ws[i], pt) if labels[i].strip() else 1
        return counted if counted is not None else 99

    filled = [i for i in range(len(labels)) if i not in rotated
              and any(str(r[i]).strip() for r in rows)]
    out, best = list(widths), total(widths)
    tallest = max([n for n in (header_lines(i, widths) for i in range(len(labels)))
                   if n < 99] + [1])
    for _ in range(LOWER_STEPS):
        tried = []
        for i, steps in itertools.product(filled, range(1, LOWER_AHEAD + 1)):
            donors = [j for j in range(len(labels)) if j != i and j not in rotated
                      and not (answers and answers[j])]
            trial = list(out)
            trial[i] += LOWER_STEP_CM * steps
            room = {j: out[j] - _floor(height, labels, rows + (sizing or []), out, j)
                    for j in donors}
            room = {j: r for j, r in room.items() if r > 0}
            if sum(room.values()) < LOWER_STEP_CM * steps:
                continue
            for j, r in room.items():
                trial[j] -= LOWER_STEP_CM * steps * r / sum(room.values())
            if any(header_lines(j, trial) > tallest for j in room):
                continue
            tried.append((total(trial), steps, trial))
        if not tried:
            break
        cost, _, trial = min(tried, key=lambda t: (t[0], t[1]))
        if cost >= best - 1e-6:
            break
        out, best = trial, cost
    return out


def _floor(height: _Height, labels: list[str], rows: list[list[str]], widths: list[float],
           j: int) -> float:
    """The least width (cm) column `j` may be given by lower_rows: its rows' unbreakable
    pieces and its header's widest word at the header's size."""
    pieces = max([w._unbreakable(str(r[j])) for r in rows if str(r[j]).strip()] + [0.0])
    header = w._header_word_cm(labels[j], w.header_pt(labels, widths)) if labels[j].strip() \
        else 0.0
    return max(pieces * w.EM_CM + w.CELL_PADDING_CM, header, w.MIN_COLUMN_CM)


def _header_cm(height: _Height, labels: list[str], widths: list[float], rotated: list[int]
               ) -> float:
    """The height of a ledger's header row: its labels' lines across their columns (at the
    header's size, w.header_pt), or, when
    w.table sets some labels bottom to top (a table of marks), the longest of their lines up
    the column, whichever is more."""
    pt = w.header_pt(labels, widths, rotated)
    across = height.row([("" if i in rotated else w.header_text(label, width, pt))
                         for i, (label, width) in enumerate(zip(labels, widths))],
                        widths, bold=True, pt=pt)
    latin = [w.latin_header_lines(label, width * height.width_cm / sum(widths), pt)
             for i, (label, width) in enumerate(zip(labels, widths))
             if i not in rotated and label.strip() and not LATIN_FREE.search(label)]
    if latin:  # a word broken between syllables takes a line more than _lines counts
        across = max(across, max(latin) * height.line * pt / w.BODY_PT + AFTER_CM)
    if not rotated:
        return across
    longest = max(w._text_width(line) for i in rotated for line in w.rotated_lines(labels[i]))
    return max(across, longest * w.EM_CM + w.CELL_PADDING_CM)


def _blank_rows(height: _Height, labels: list[str], filled: list[list[str]], blank: list[str],
                widths: list[float], filled_cm: float, wanted: int, register: bool,
                rotated: list[int] = ()) -> int:
    """How many blank rows a ledger gets: as many as fit on the rest of its first page under its
    header row and `filled` rows (each at least `filled_cm`), at least one and at most `wanted`;
    `wanted` when a register's pre-filled rows run on to another page anyway (a checklist,
    wanted 0, gets none)."""
    if not wanted:
        return 0
    room = height.room - _header_cm(height, labels, widths, list(rotated)) - sum(
        height.row(r, widths, filled_cm) for r in filled)
    fit = int(room // height.row(blank, widths, LEDGER_ROW_CM)) if room > 0 else 0
    if register and fit <= 0:
        return wanted
    return max(1, min(wanted, fit))


# LibreOffice keeps a table's last row with the sign-off only on the table's first page: when
# the part of a register on a later page ends too low for the sign-off, the sign-off stands alone
# on the last page. The estimate's row heights are off by a percent or two either way (and a
# page break that moves by one row moves every later one), so a count of blank rows is checked
# at heights scaled by each of SCALES, and the sign-off wants SPARE_CM to spare
SCALES = tuple(0.98 + 0.005 * i for i in range(9))
SPARE_CM = 0.3
ROW_SLACK_CM = 0.04  # a row of text a little higher than the estimate (English rows are)
MORE_BLANK_ROWS = 8  # a register may get up to this many blank rows more than it wants


def clear_of_sign_off(height: _Height, rows_cm: list[float], blank_cm: float, wanted: int,
                      least: int = 1) -> int:
    """How many blank rows (each `blank_cm` high) a ledger whose header row and filled rows are
    `rows_cm` (cm; the header row first, repeated on every page) gets so that its sign-off
    (`height.sign_off_cm`) does not stand alone on its last page: the count from `least` to
    `wanted` + MORE_BLANK_ROWS with which the table ends on its first page or leaves room for
    the sign-off at the most of SCALES (the nearest to `wanted`, fewer rows first, among
    equals); `wanted` when it is so at every scale. `least` 0: none may be the answer (a
    checklist's items need no blank row)."""
    if not height.sign_off_cm:
        return wanted
    top = height.used - height.sign_off_cm  # what stands above the table on its first page

    def clear(blanks: int, scale: float) -> bool:
        header = rows_cm[0] * scale
        at, first = top + header, True
        for row in [r * scale for r in rows_cm[1:]] + [blank_cm * scale] * blanks:
            if at + row > height.page_cm:
                at, first = header, False
            at += row
        return first or at + height.sign_off_cm + SPARE_CM <= height.page_cm

    tries = sorted(range(max(least, 0), max(wanted, least) + MORE_BLANK_ROWS + 1),
                   key=lambda n: (abs(n - wanted), n > wanted))
    return max(tries, key=lambda n: (sum(clear(n, s) for s in SCALES), -tries.index(n)))


CJK_NAME = re.compile(r"[\u4e00-\u9fff]{5,8}")  # a department's or a person's name: 质量管理部


def sizing_rows(columns: list[Field]) -> list[list[str]]:
    """A row of the columns' `sample` values (the longest each is written in with, such as a
    patent number: the IP ledger's number column, sized by its header alone, cut
    'ZL 2023 1 0000000.0' into four lines), for the widths to be fitted to as to a row of the
    table; none when no column has one. A sample holding spaces may take two lines, broken at
    the space nearest its middle ('ZL 2023 1' / '0000000.0'), never inside a part: the columns
    of a ledger of fifteen share the page."""
    if not any(f.sample for f in columns):
        return []
    return [[_two_lines(f.sample.strip()) for f in columns]]


def _two_lines(sample: str) -> str:
    """`sample` with no-break spaces but at the space nearest its middle; one without spaces
    broken where letters and digits meet nearest its middle ('2023SR' / '0000000')."""
    spaces = [i for i, ch in enumerate(sample) if ch == " "]
    if not spaces:
        joints = [i for i in range(1, len(sample))
                  if sample[i - 1].isalpha() != sample[i].isalpha()]
        if not joints:
            return sample
        middle = min(joints, key=lambda i: abs(2 * i - len(sample)))
        return sample[:middle] + " " + sample[middle:]
    middle = min(spaces, key=lambda i: abs(2 * i - len(sample)))
    return sample[:middle].replace(" ", "\u202f") + " " + \
        sample[middle + 1:].replace(" ", "\u202f")


def names_whole(widths: list[float], labels: list[str], rows: list[list[str]],
                answers: list[bool] | None = None) -> list[float]:
    """`widths` (cm) with each column widened to hold its longest Chinese name (a cell of five
    to eight CJK characters and nothing else, such as a department: '质量管理部' does not wrap as
    '质量管理 / 部') on one line, the room taken from the other columns in proportion to what
    they have above their own unbreakable minimum — none from a column of `answers` (written in
    by hand: a register's title column keeps the room answer_widths gave it; the IP ledger's
    rows typed '外观设计专利' took it down to 2 cm); as given when there is not the room."""
    columns = list(zip(*rows)) if rows else [()] * len(labels)
    names = [max((w._text_width(c) * w.EM_CM + w.CELL_PADDING_CM for c in col
                  if CJK_NAME.fullmatch(c)), default=0.0) for col in columns]
    short = sum(max(n - wd, 0.0) for n, wd in zip(names, widths))
    if not short:
        return widths
    minimum = [max([w._unbreakable(label)] + [w._unbreakable(c) for c in col]) * w.EM_CM
               + w.CELL_PADDING_CM for label, col in zip(labels, columns)]
    spare = [0.0 if answers and answers[i] else max(wd - max(m, n), 0.0)
             for i, (wd, m, n) in enumerate(zip(widths, minimum, names))]
    if sum(spare) < short:
        return widths
    return [n if wd < n else wd - short * room / sum(spare)
            for wd, n, room in zip(widths, names, spare)]


def _sign_off(document, plan: PackagePlan, roles: list[str], words: dict) -> None:
    """A column per role with rows to write the name, sign and date, all blank: each record is
    signed by whoever fills it in, reviews and approves it (the form's own reviewer and approver
    are named under its header). Without roles of its own a form is filled in, reviewed and
    approved."""
    if not roles:
        roles = list(words["sign_off"])
    names = [""] * len(roles)
    w.table(document, [""] + roles,
            [[words["name"]] + names, [words["signature"]] + [""] * len(roles),
             [words["date"]] + [""] * len(roles)],
            widths_cm=[2.0] + [14.0 / len(roles)] * len(roles), blank_row_height_cm=None,
            heights_cm=[LEDGER_ROW_CM] * 3, space_after=False, keep_together=True)
