"""The package lint's `form-field` check, second half: what a text says is noted in a form.

generators.lint reads the lists that follow a form ('在《合同台账》中登记合同编号、名称…'). A text
also names what it records before the form: '去品牌化核查结果在R-75中注明', '披露日期和签约日期记入
《…台账》（R-75）', "the registration number, title and authors are entered in the IP ledger
(R-42)". An auditor opens the form and looks for the column; when there is none, the procedure
asks for something nobody can write down. This check reads those sentences in the drafted
package (the form named by its 《title》, its title in English, or its number alone) and reports
each item that matches no field or column of that form (lint.yaml `noted_in_form`):

- zh: 'A和B在《表》（号）中注明/记录/登记/写明/载明' or 'A和B记入/填入/登记于/登记入/写入《表》';
- en: 'A, B and C are recorded/noted/entered/logged in the <title> (<number>)' or 'in <number>';
- when the text names the column ('填入《…》“终止核查”栏', "in the field …", "its 'Last checked'
  column"), the column must be in the form and the items are not compared;
- only a verb that notes a detail (注明, 写明, noted) asks for a field of its own; one that
  records (记入, 登记于, entered) may put a row in a register ('现行制度登记于《制度清单》') or
  text in a report's free field, and is read only when it names the column;
- words naming no field of their own (结果, 情况, results, the outcome: lint.yaml
  `noted_in_form.generic`) are not compared.
Items match a field as generators.lint's list items do (one containing the other, or half of
their character bigrams — of their words in English — shared).
"""
from __future__ import annotations

import re

from generators.package_reader import PackageDocument


def _form_fields(document: PackageDocument) -> list[str]:
    """Every cell of the form's tables and each choice ticked in one ('☐ 独占' -> '独占')."""
    out = []
    for table in document.tables():
        for row in table.rows:
            for cell in row:
                for word in (cell, *re.split(r"\s*/\s*|\s{2,}|\n", cell.strip())):
                    word = word.strip().lstrip("☐□").strip()
                    if word:
                        out.append(word)
    return out


def _grams(text: str, english: bool) -> set[str]:
    """Bigrams of characters (zh) or the words without a plural s (en)."""
    if english:
        return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower())
                if w not in ("the", "a", "an", "of", "and", "or", "its", "their", "in", "to")}
    return {text[i:i + 2] for i in range(len(text) - 1)}


def covered(item: str, fields: list[str], english: bool = False) -> bool:
    """Whether `item` matches one of `fields`: one contains the other (in English, all of its
    words), or their bigrams (words) overlap by at least half (Dice)."""
    grams = _grams(item, english)
    for field in fields:
        theirs = _grams(field, english)
        if english:  # whole words: 'Term' is not in 'Termination check'
            if grams and theirs and (grams <= theirs or theirs <= grams):
                return True
        elif item in field or (len(field) >= 2 and field in item):
            return True
        if grams and theirs and 2 * len(grams & theirs) / (len(grams) + len(theirs)) >= 0.5:
            return True
    return False


def _items(text: str, rule: dict, english: bool) -> list[str]:
    """The things a clause records, from the words before its verb: after the last subject
    marker (法务部将…, 'the Legal Department enters'), split at 、/和/及 (', ' / ' and '), without
    bracketed notes, generic words and leading adverbs."""
    text = re.sub(r"（[^）]*）|\([^)]*\)", "", text)
    text = re.split(rule["subject"], text)[-1]
    parts = re.split(rule["split"], text)
    out = []
    for part in parts:
        part = re.sub(rule["lead"], "", part.strip()).strip()
        part = re.sub(rule["trail"], "", part).strip()
        if part and part.lower() not in rule["generic"] and len(part) >= 2:
            out.append(part)
    return out


def _forms(package) -> tuple[dict[str, PackageDocument], dict[str, PackageDocument]]:
    """The package's forms by title (casefolded in English) and by number."""
    forms = [d for d in package.documents if d.kind == "form"]
    return ({d.title.casefold(): d for d in forms},
            {d.number: d for d in forms if re.search(r"\d", d.number)})


def _patterns(package, numbers: dict) -> list[re.Pattern]:
    """The sentences this check reads, in the package's language (lint.yaml `noted_in_form`):
    FORM in a pattern is the form's 《title》 with or without its number, or its number alone."""
    rule = package.rules["noted_in_form"][package.language]
    number = "|".join(re.escape(n) for n in sorted(numbers, key=len, reverse=True)) or "(?!)"
    form = rule["form"].replace("NUMBER", number)
    return [re.compile(p.replace("FORM", form)) for p in rule["patterns"]]


def check_noted_in_form(package) -> None:
    """A `form-field` finding for each item a text records in a form (before naming it) that
    the form has no field for, or each column it names that the form lacks."""
    titles, numbers = _forms(package)
    if not titles:
        return
    english = package.language == "en"
    rule = package.rules["noted_in_form"][package.language]
    rule = {**rule, "generic": {g.lower() for g in rule["generic"]}}
    patterns = _patterns(package, numbers)
    fields: dict[str, list[str]] = {}
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        for where, text in document.texts():
            for match in (m for p in patterns for m in p.finditer(text)):
                form = (numbers.get(match["number"] or "")
                        or titles.get((match["title"] or "").strip().casefold()))
                if form is None:
                    continue
                column = match["column"]
                if not (column or re.fullmatch(rule["note_verbs"], match["verb"])):
                    continue  # a form's rows or its free text hold what a step records in it
                have = fields.setdefault(form.path, _form_fields(form))
                if column:
                    wanted = [column.strip()]
                else:
                    wanted = _items(match["items"], rule, english)
                for item in wanted:
                    if not covered(item, have, english):
                        package.say("form-field", document, where, "field_missing",
                                    title=form.title, verb=match["verb"].strip(), field=item)
