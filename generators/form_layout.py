"""The body of a record form, laid out to be filled in by hand and in Word (forms.yaml says what
goes in; its header explains the layouts and the attributes of a field or column).

Every form has a header table (form number, version, effective date and a record serial number
to write in), a line naming the clauses it evidences and who approved the form, its text or
note, its table, and a sign-off table with a name, signature and date row for each role.

The sign-off is the record's: it is left blank for the people who sign each record (who reviewed
and approved the blank form is the line under the header). A column where a free-text answer is
written (说明, 用途, 原因 …: ANSWER_WORDS) is at least ANSWER_MIN_CM wide, whatever its short
label; the text above a table keeps with it, and a register's blank rows are as many as fit on
the first page with the sign-off when the pre-filled rows leave room (at least one).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generators import docx_writer as w
from generators.authority import approval
from generators.plan import PackagePlan, clause_ref
from generators.registers import check_columns, register_rows
from generators.templates_io import Form, TemplateSet

WORDS = {
    "zh": {"form_no": "表单编号", "version": "版本", "effective": "生效日期",
           "serial": "记录编号", "evidences": "本记录证明符合", "field": "项目",
           "value": "填写内容", "name": "姓名", "signature": "签字", "date": "日期",
           "sign_off": ["填写人", "审核人", "批准人"],
           "approved": "本表由{reviewed}审核、{approved}批准发布", "legend": "{label}（填写代号）：",
           "gap": "\u3000", "mark": ""},
    "en": {"form_no": "Form No.", "version": "Version", "effective": "Effective date",
           "serial": "Record No.", "evidences": "This record evidences", "field": "Item",
           "value": "Entry", "name": "Name", "signature": "Signature", "date": "Date",
           "sign_off": ["Filled in by", "Reviewed by", "Approved by"],
           "approved": "Form reviewed by {reviewed} and approved by {approved}",
           "legend": "{label} (write the number): ", "gap": "   ",
           "mark": "\u00a0"},
}
LINE_CM = 0.7  # one handwritten line of an answer area
LEDGER_ROW_CM = 0.8
BLANK_ROWS_AFTER_REGISTER = 5
# Blank ledger rows that fit on the first page with the header, the note and the sign-off
# (0.8 cm rows; A4 portrait / landscape with 2.5 cm margins), so a form does not spill a lone
# sign-off block onto a second page.
LEDGER_ROWS_FIT = {False: 18, True: 7}
# a ledger column's options are ticked in every row when they are few and short; else they are
# numbered in a legend above the ledger and the number is written in the column
BOXES_MAX_OPTIONS, BOXES_MAX_EM = 3, 11.0
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"
# a blank column whose label names one of these is written in with words: give it room
ANSWER_WORDS = re.compile(r"说明|用途|原因|理由|意见|描述|内容|措施|情况|义务|备注|结果|记录|"
                          r"note|purpose|reason|opinion|description|content|measure|"
                          r"obligation|remark|result|record|comment|finding", re.IGNORECASE)
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

    @classmethod
    def read(cls, entry, render) -> "Field":
        """From a forms.yaml entry: a plain label, or {label, lines, choices, fill, from,
        legend}."""
        if isinstance(entry, str):
            return cls(render(entry))
        return cls(render(entry["label"]), int(entry.get("lines", 1)),
                   [render(c) for c in entry.get("choices", [])],
                   [render(f) for f in entry.get("fill", [])], entry.get("from", ""),
                   bool(entry.get("legend", False)))

    def cell(self, language: str, stacked: bool = False) -> w.Cell:
        """What a blank answer cell holds: check boxes and blanks (one a line when `stacked`),
        or nothing."""
        if self.choices or self.fill:
            return w.Choices(tuple(self.choices), tuple(self.fill), language, stacked)
        return ""


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
    document.add_paragraph(form.title[lang], style="Title")
    _header(document, plan, number, words)
    target = plan.standard
    evidenced = ("、" if lang == "zh" else "; ").join(
        clause_ref(target, k, lang, with_title=True) for k in plan.form_clauses(form))
    authority = approval(plan.intake, "form")
    evidence = document.add_paragraph(
        f"{words['evidences']}{'：' if lang == 'zh' else ': '}{target.designation(lang)} "
        f"{evidenced}{'。' if lang == 'zh' else '. '}"
        + words["approved"].format(reviewed=authority.reviewed_by,
                                   approved=authority.approved_by)
        + ("。" if lang == "zh" else "."))
    evidence.paragraph_format.space_before = w.Pt(4)
    if body.get("text"):
        _lead_in(document, render(body["text"]))
    if body.get("note"):
        _lead_in(document, render(body["note"]))
    layout = spec["layout"]
    if layout in ("ledger", "checklist"):
        _ledger(document, plan, templates, form, render, lang, landscape=len(body["columns"]) > 6)
    else:
        fields = [Field.read(f, render) for f in body["fields"]]
        w.table(document, [words["field"], words["value"]],
                [[f.label, f.cell(lang)] for f in fields], widths_cm=[5.0, 11.0],
                heights_cm=[f.lines * LINE_CM for f in fields], space_after=False, keep_last=2)
        w.gap(document, keep_with_next=True)
    _sign_off(document, plan, [render(s) for s in body.get("signatures") or []], words)


def _lead_in(document, text: str) -> None:
    """The text above a form's table, each paragraph kept with what follows (the table)."""
    for block in text.split("\n"):
        if block.strip():
            document.add_paragraph(block.strip()).paragraph_format.keep_with_next = True


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
    if total <= 0:
        return None
    take = min(sum(floor - widths[i] for i in short), total)
    share = take / sum(floor - widths[i] for i in short)
    return [widths[i] + (floor - widths[i]) * share if i in short
            else widths[i] - take * spare.get(i, 0.0) / total for i in range(len(widths))]


def _lines(text: str, available_cm: float) -> int:
    """How many lines `text` takes across `available_cm` (each paragraph at least one)."""
    return sum(max(1, -(-int(w._text_width(p) * w.EM_CM * 100) // int(available_cm * 100)))
               for p in text.split("\n") if p.strip())


def _header(document, plan: PackagePlan, number: str, words: dict) -> None:
    """Form number, version, effective date and the record's serial number (to write in)."""
    docs = plan.intake.documents
    w.table(document, [words["form_no"], words["version"], words["effective"], words["serial"]],
            [[number, docs.version, docs.effective_date.isoformat(), ""]],
            widths_cm=[4.0, 2.5, 3.5, 6.0], space_after=False)


def _ledger(document, plan: PackagePlan, templates: TemplateSet, form: Form, render, lang: str,
            landscape: bool) -> None:
    spec, body = form.content, form.content[lang]
    columns = [Field.read(c, render) for c in body["columns"]]
    legends = []
    for f in columns:
        if (f.choices or f.fill) and (f.legend or not _boxes_fit(f)):
            legends.append(WORDS[lang]["legend"].format(label=f.label) + WORDS[lang]["gap"].join(
                f"{CIRCLED[i]}{WORDS[lang]['mark']}{c}" for i, c in enumerate(f.choices)))
            f.choices, f.fill = [], []
    for legend in legends:
        document.add_paragraph(legend)
    # lines the text, the note and the legends take beyond one each (a landscape page is short)
    extra = sum(_lines(p, w._available_cm(document)) - 1 for p in legends + [
        render(body.get("text") or ""), render(body.get("note") or "")] if p)
    blank = [f.cell(lang, stacked=spec["layout"] == "ledger") for f in columns]
    rows: list[list[w.Cell]] = []
    if spec["layout"] == "checklist":
        for i, item in enumerate(body["items"], start=1):
            cells = [str(i), render(item["category"]), render(item["question"])]
            rows.append(cells + blank[len(cells):])
    register = spec.get("register")
    if register:
        check_columns(register, [f.source for f in columns if f.source])
        for values in register_rows(register, plan, templates):
            rows.append([values.get(f.source, "") if f.source else blank[i]
                         for i, f in enumerate(columns)])
        blanks = int(spec.get("blank_rows", BLANK_ROWS_AFTER_REGISTER))
        room = (LEDGER_ROWS_FIT[landscape] - len(legends) - bool(body.get("text")) - extra
                - len(rows))
        if 0 < room < blanks:  # the form fits on its first page with fewer blank rows
            blanks = max(room, 1)
    elif spec["layout"] == "checklist":
        blanks = 0
    else:
        fit = LEDGER_ROWS_FIT[landscape] - len(legends) - bool(body.get("text")) - extra
        if any(f.choices or f.fill for f in columns):  # rows of boxes take two lines
            fit = fit * 2 // 3
        blanks = min(int(spec.get("rows", 10)), fit)
    rows += [list(blank) for _ in range(blanks)]
    filled = len(rows) - blanks
    lines = spec.get("row_lines")  # room to write in a pre-filled row
    widths = spec.get("widths") or answer_widths(
        [f.label for f in columns], [[str(c) for c in row] for row in rows],
        [not (f.source or f.choices or f.fill) and bool(ANSWER_WORDS.search(f.label))
         and not NOT_ANSWER.search(f.label) for f in columns],
        [bool(f.choices or f.fill) for f in columns], w._available_cm(document))
    w.table(document, [f.label for f in columns], rows, widths_cm=widths,
            heights_cm=[lines * LINE_CM if lines else None] * filled + [LEDGER_ROW_CM] * blanks,
            space_after=False, keep_last=2)
    w.gap(document, keep_with_next=True)


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
