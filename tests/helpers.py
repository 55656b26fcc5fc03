"""Plain helpers shared by the tests: where the files are, and reading them independently of the
code under test (expected values come from the texts themselves, never from the parsers)."""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from contextlib import contextmanager
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = PROJECT_ROOT / "corpus"
SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"
BJ_PATH = CORPUS_DIR / "bj-ipm.txt"
BJ_TITLE = "企业知识产权管理规范"
SHIPPED_IDS = ["bj-ipm", "ipms-cert-en", "impl-guide", "iso56005-pilot", "cert-quality-2020"]
SECTION_DOCS = ["ipms-cert-en", "impl-guide", "iso56005-pilot", "cert-quality-2020"]

# A clause number at a line start, as a reader would spot it: digits and dots, then a space,
# a Chinese character or the line end (an optional stray trailing dot allowed).
NUMBERED_LINE = re.compile(r"^\d{1,2}(?:\.\d{1,3})*\.?(?:\s|[\u4e00-\u9fff]|$)")


def manifest() -> list[dict]:
    return json.loads((CORPUS_DIR / "manifest.json").read_text(encoding="utf-8"))["documents"]


def entry(doc_id: str) -> dict:
    return next(e for e in manifest() if e["id"] == doc_id)


def cleaned_text(doc_id: str) -> str:
    return (CORPUS_DIR / entry(doc_id)["file"]).read_text(encoding="utf-8")


def raw_text(doc_id: str) -> str:
    return (SEEDS_DIR / entry(doc_id)["source"]).read_text(encoding="utf-8")


def non_blank_lines(text: str) -> list[tuple[int, str]]:
    """(1-based line number, stripped text) of every non-blank line."""
    return [(n, line.strip()) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]


def lines_where(lines: list[tuple[int, str]], predicate: Callable[[str], bool]) -> list[int]:
    return [n for n, text in lines if predicate(text)]


def the_line(lines: list[tuple[int, str]], predicate: Callable[[str], bool]) -> int:
    """The number of the one line that satisfies predicate (fails loudly if not exactly one)."""
    found = lines_where(lines, predicate)
    assert len(found) == 1, f"expected exactly one matching line, found {found}"
    return found[0]


def starts_with_number(number: str) -> Callable[[str], bool]:
    """Lines printed with this clause number (not a longer number that merely begins with it)."""
    pattern = re.compile(rf"^{re.escape(number)}\.?(?:\s|[\u4e00-\u9fff]|$)")
    return lambda text: bool(pattern.match(text))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def bj_text() -> str:
    """The bj-ipm text without whitespace, for checking that a clause states a phrase."""
    return squeeze(BJ_PATH.read_text(encoding="utf-8"))


def bj_english(key: str) -> str:
    """The text of a bj-ipm clause's English rendition (corpus/renditions/bj-ipm.en.jsonl)."""
    path = CORPUS_DIR / "renditions" / "bj-ipm.en.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return next(r["text"] for r in rows if r["key"] == key)


def bj_requirement_number(heading: str) -> str:
    """The number of the bj-ipm clause titled `heading`, not a chapter 3 definition of the same
    name, read from the shipped text (AssertionError when there is none)."""
    for line in BJ_PATH.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"(\d+(?:\.\d+)+)\s*" + re.escape(heading), line.strip())
        if match and not match[1].startswith("3."):
            return match[1]
    raise AssertionError(heading)


def make_settings(home: Path, **overrides):
    """Settings with every path explicit (so no IPMS_* variable of the caller leaks in)."""
    from assistant.settings import Settings

    values = dict(home=home, embedding_model="hashing", corpus_dir=CORPUS_DIR,
                  prompts_dir=PROJECT_ROOT / "prompts", chroma_url=None)
    values.update(overrides)
    return Settings(**values)


def visible(text: str) -> str:
    """A .docx text (python-docx's `.text`) as a reader sees it: the word joiners that keep
    numbers whole on a line left out (assistant.textutil.visible)."""
    from assistant.textutil import visible as without_joiners

    return without_joiners(text)


_READ: dict[str, str] = {}  # a file's SHA-1: its text (tests/draft_memo copies packages whole)


def docx_text(path: Path) -> str:
    """Everything a reader of a .docx sees as text: paragraphs, table cells, page headers (the
    word joiners that keep numbers whole left out, as a reader does not see them; a table's
    header labels read whole, without the line breaks laid between a Chinese label's words:
    generators.package_reader.header_cell). A file of the same bytes as one read before is not
    parsed again."""
    data = Path(path).read_bytes()
    key = hashlib.sha1(data).hexdigest()
    if key not in _READ:
        _READ[key] = _docx_text(data)
    return _READ[key]


def _docx_text(data: bytes) -> str:
    import docx

    from generators.package_reader import header_cell

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for number, row in enumerate(table.rows):
            parts.extend(header_cell(c.text) if number == 0 else c.text for c in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return visible("\n".join(parts))


def answer_prefix(language: str, name: str) -> str:
    """The fixed opening of an answer template (prompts/answer/<language>.toml, up to its first
    placeholder): what a reader sees before the filled-in part."""
    import tomllib

    with (PROJECT_ROOT / "prompts" / "answer" / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)[name].split("{")[0]


def intake_variant(path: Path, tmp_path: Path, change) -> Path:
    """A copy of the intake at `path` with `change(data)` applied."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    out = tmp_path / path.name
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"  # Debian's; never `playwright install`


@contextmanager
def chromium() -> Iterator:
    """A headless Debian Chromium driven by Playwright, with nothing that reaches the network."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        try:
            yield browser
        finally:
            browser.close()


def corpus_texts() -> str:
    """The shipped corpus's texts and their renditions, one string: to check that no text states
    a thing a question asks for (a tax, a defence patent)."""
    files = sorted(CORPUS_DIR.glob("*.txt")) + sorted((CORPUS_DIR / "renditions").glob("*.jsonl"))
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def among_first(got, clause: str, top: int = 3, doc: str = "bj-ipm") -> bool:
    """Whether answer `got` ranks a clause of `doc` numbered `clause` (or under it) among its
    first `top` keys."""
    return any(d == doc and key.startswith(clause) for d, key in got.keys[:top])


class LazyPackages(dict):
    """{key: drafted package}, each drafted when first asked for by `draft(key)`: a module's
    tests share a package per variant and language without drafting the ones no selected test
    reads (`pytest -k`)."""

    def __init__(self, draft: Callable):
        super().__init__()
        self.draft = draft

    def __missing__(self, key):
        self[key] = self.draft(key)
        return self[key]


def package_parts(folder: Path) -> dict[str, str]:
    """{part: text} of the drafted package at `folder`: 'M-01', 'P-15', 'R-42' (a file name's
    number tail) to the text docx_text reads, no-break spaces as spaces and word joiners gone."""
    return {p.name.split(" ")[0].split("-IPM-")[-1]:
            docx_text(p).replace("\u00a0", " ").replace("\u2060", "")
            for p in folder.rglob("*.docx")}


def paragraph_with(text: str, words: str) -> str:
    """The line of `text` that holds `words` (StopIteration when none does)."""
    return next(line for line in text.splitlines() if words in line)


def chapter_rules_docx(path: Path, title: str, chapters) -> Path:
    """A company's Chinese rules as Word writes them: `title`, then 第N章 headings over their
    articles, 第N条 numbered on through the whole document; `chapters` is [(heading,
    [article text])]. Returns `path`."""
    import docx
    from assistant.corpus.section_parser import cn_numeral

    document = docx.Document()
    document.add_heading(title, 0)
    n = 0
    for chapter, (heading, articles) in enumerate(chapters, start=1):
        document.add_heading(f"第{cn_numeral(chapter)}章 {heading}", 1)
        for text in articles:
            n += 1
            document.add_paragraph(f"第{cn_numeral(n)}条 {text}")
    document.save(path)
    return path


def numbered_policy_docx(path: Path, title: str, sections, label: str = "") -> Path:
    """An English policy: `title`, then a heading per section ('{label}{i} {heading}': '1 Scope'
    or, with label 'Article ', 'Article 1 Scope') over its paragraphs numbered i.j; `sections`
    is [(heading, [paragraph text])]. Returns `path`."""
    import docx

    document = docx.Document()
    document.add_heading(title, 0)
    for i, (heading, paragraphs) in enumerate(sections, start=1):
        document.add_heading(f"{label}{i} {heading}", 1)
        for j, text in enumerate(paragraphs, start=1):
            document.add_paragraph(f"{i}.{j} {text}")
    document.save(path)
    return path


def planned(intake, templates, corpus, language: str):
    """The package plan of `intake` for its own standard in `language`, drafted in-process
    (no files): generators.plan.plan_package over the standard load_target gives."""
    from generators.plan import plan_package
    from generators.target import BJ, load_target

    return plan_package(intake, templates,
                        load_target(intake.standard, corpus.get(BJ), templates.directory),
                        language)


def rendered_texts(intake, templates, corpus, language: str, *keys: str) -> dict[str, str]:
    """{key: rendered text} for the template texts at `keys` ('procedures/P06.{lang}.steps[3]
    .text': '{lang}' filled in) as `intake`'s package renders them; every key must exist."""
    from generators.templates_io import template_strings

    plan = planned(intake, templates, corpus, language)
    wanted = {k.format(lang=language): k for k in keys}
    found = {wanted[where]: templates.render(text, plan.context)
             for where, text in template_strings(templates) if where in wanted}
    assert set(found) == set(keys), set(keys) - set(found)
    return found


def procedure_document(folder: Path, procedure: str) -> str:
    """The text of one procedure in the drafted package at `folder`, whether it is issued as its
    own document or as a chapter of a small company's bundle (generators.bundles): `procedure`
    is its number's tail ('P-06', 'P06') or its title. A procedure issued on its own reads as
    docx_text reads its file; a bundled one as the chapter that holds it, from its heading
    ('第2章 源代码与代码仓库访问控制程序' / 'Chapter 2 …') to the next chapter, its paragraphs and
    tables in the order they stand (a table's header labels read whole, as docx_text reads
    them), its section headings numbered as the procedure's own ('5.1 …' for the chapter's
    '2.5.1 …'). Where the package put each bundled procedure is read from coverage.md's list of the
    numbers not used ('编入 SH-IPM-P-06《…》第2章' / 'issued as chapter 2 of SH-IPM-P-06 …')."""
    found = _procedure_place(folder, procedure)
    assert found, f"no procedure {procedure} in {folder}"
    path, chapter = found
    return docx_text(path) if chapter is None else _chapter_text(path, chapter)


def procedure_documents(folder: Path) -> dict[str, str]:
    """{'P-06 保密管理控制程序': its text (procedure_document)} for every procedure the package at
    `folder` drafts, issued on its own or bundled: its number's tail and its own title."""
    coverage = (folder / "coverage.md").read_text(encoding="utf-8") if (
        folder / "coverage.md").exists() else ""
    bundled = {(m.group(3) or m.group(6), int(m.group(4) or m.group(5))): m.group(1)
               for m in _BUNDLED.finditer(coverage)}
    out = {}
    for path in sorted((folder / "02-procedures").glob("*.docx")):
        number, title = path.stem.split(" ", 1)
        number = re.search(r"P-\d+$", number).group(0)
        chapters = _chapters(path)
        if not chapters:
            out[f"{number} {title}"] = docx_text(path)
        for n, heading in enumerate(chapters, start=1):
            own = number if n == 1 else bundled[(number, n)]
            out[f"{own} {_CHAPTER.sub('', heading)}"] = _chapter_text(path, n)
    return out


# coverage.md's line for a bundled procedure: its number and title, the bundle's number, chapter
_BUNDLED = re.compile(r"^- \S*-(P-\d+) (.+?): (?:编入 \S*-(P-\d+)《[^》]+》第(\d+)章|"
                      r"issued as chapter (\d+) of \S*-(P-\d+) )", re.M)


def _procedure_place(folder: Path, procedure: str) -> tuple[Path, int | None] | None:
    """(the document, the chapter or None) where the package at `folder` prints `procedure`."""
    wanted = re.sub(r"^P(\d)", r"P-\1", procedure)
    documents = sorted((folder / "02-procedures").glob("*.docx"))
    coverage = (folder / "coverage.md").read_text(encoding="utf-8") if (
        folder / "coverage.md").exists() else ""
    for m in _BUNDLED.finditer(coverage):
        number, title = m.group(1), m.group(2)
        bundle, chapter = (m.group(3), m.group(4)) if m.group(3) else (m.group(6), m.group(5))
        if wanted in (number, title):
            path = next(p for p in documents if re.search(rf"-{bundle} ", p.name))
            return path, int(chapter)
    for path in documents:
        number, title = path.stem.split(" ", 1)
        if number.endswith(f"-{wanted}") or title == wanted:
            return path, (1 if _chapters(path) else None)
    for path in documents:  # a bundle's first chapter, by its title
        for n, heading in enumerate(_chapters(path), start=1):
            if _CHAPTER.sub("", heading) == wanted:
                return path, n
    return None


_CHAPTER = re.compile(r"^(第\d+章|Chapter \d+) ")  # a bundle's chapter heading, before the title


def _chapters(path: Path) -> list[str]:
    """The chapter headings of a bundle ('第1章 …' / 'Chapter 1 …'); none in a procedure."""
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs
            if p.style.name == "Heading 1" and _CHAPTER.match(p.text)]


def _chapter_text(path: Path, chapter: int) -> str:
    """Chapter `chapter` of a bundle as a reader sees it: its paragraphs and table cells in the
    order they stand, from its heading to the next chapter's."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from generators.package_reader import header_cell

    document = docx.Document(str(path))
    parts: list[str] = []
    n = 0
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            paragraph = Paragraph(element, document)
            if paragraph.style.name == "Heading 1" and _CHAPTER.match(paragraph.text):
                n += 1
            if n == chapter:  # its section headings numbered as the procedure's own (2.5.1 -> 5.1)
                heading = paragraph.style.name.startswith("Heading") and not _CHAPTER.match(
                    paragraph.text)
                parts.append(re.sub(rf"^{chapter}\.(?=\d)", "", paragraph.text) if heading
                             else paragraph.text)
        elif element.tag.endswith("}tbl") and n == chapter:
            for number, row in enumerate(Table(element, document).rows):
                parts.extend(header_cell(c.text) if number == 0 else c.text for c in row.cells)
    return visible("\n".join(parts))


def drafted_procedure_titles(documents) -> set[str]:
    """The titles of the procedures a package read back (generators.package_reader documents)
    drafts: a procedure document's title, and in a small company's bundle each chapter's."""
    out = set()
    for document in documents:
        if document.kind != "procedure":
            continue
        chapters = [_CHAPTER.sub("", p.text) for p in document.paragraphs()
                    if p.style.replace(" ", "").lower() == "heading1" and _CHAPTER.match(p.text)]
        out |= set(chapters) or {document.title}
    return out


def rules_answerer(tmp_path_factory, name: str, documents):
    """An answerer over a fresh home holding a company's rules: `documents` is [(doc_id, title,
    write)], `write(folder)` the Word file it writes there (returns its path)."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.corpus.build import add_user_document
    from assistant.corpus.store import Corpus

    settings = make_settings(tmp_path_factory.mktemp(f"{name}-home"))
    files = tmp_path_factory.mktemp(f"{name}-files")
    for doc_id, title, write in documents:
        add_user_document(settings, write(files), doc_id, title)
    return ExtractiveAnswerer(settings, Corpus.load(settings))
