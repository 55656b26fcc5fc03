"""Issue 17 part C: document numbers in the Word files as one Latin run, written exactly as the
scheme makes them (so Find and a copy see them as they read) and broken by LibreOffice at most
where a line breaks a code typed by hand (after a hyphen or slash), never inside a date, a
clause number, a digit group or a word; read back as written; the lint of a package's own files; the CLI's
polish line; `ipms transition` in the intake's language."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from lxml import etree

from generators import docx_writer as w
from generators.intake import load_intake
from generators.package import draft_package
from generators.package_reader import read_package
from generators.templates_io import TEMPLATES_DIR
from generators.toc_pages import available, convert_to_pdf, pdf_pages
from line_breaks import after_separators, breaks_inside

EXAMPLES = TEMPLATES_DIR / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WJ = "\u2060"  # U+2060 WORD JOINER
# numbering schemes of other companies: one the examples use, one without separators, one
# with slashes (numbering.py allows any literal text around the fields)
SCHEMES = ["{short}-IPM-{kind}-{seq:02d}", "{kind}{seq:02d}", "{short}/{kind}/{seq}"]


def _breaks_allowed(number: str) -> set[int]:
    """Where LibreOffice may break `number` across lines (an offset inside it): in a code holding
    a letter after a hyphen or slash ('HC-P-' / '14'), as a line breaks a code typed by hand;
    nowhere in a number of digits alone (a date) or a word."""
    return after_separators(number) if any(ch.isalpha() for ch in number) else set()


def _runs(paragraph) -> list[tuple[str, str | None]]:
    """(text, w:lang w:val) of each run of a w:p element."""
    out = []
    for run in paragraph.iter(f"{W}r"):
        lang = run.find(f"{W}rPr/{W}lang")
        out.append(("".join(t.text or "" for t in run.iter(f"{W}t")),
                    lang.get(f"{W}val") if lang is not None else None))
    return out


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


@pytest.fixture(scope="module", params=SCHEMES)
def drafted(request, corpus, tmp_path_factory):
    """The SaaS example company drafted in Chinese with each numbering scheme: (package folder,
    the numbers of its documents)."""
    intake = load_intake(EXAMPLES / "saas.zh.yaml")
    documents = intake.documents.model_copy(update={"numbering": request.param})
    intake = intake.model_copy(update={"documents": documents})
    out = tmp_path_factory.mktemp("numbers") / "pkg"
    result = draft_package(intake, corpus, out, "zh")
    return out, sorted(set(result.plan.context["docno"].values()), key=len, reverse=True)


def test_a_number_in_a_long_chinese_paragraph_is_one_en_gb_run_as_written(drafted):
    out, numbers = drafted
    found = 0
    for path in sorted((out / "02-procedures").glob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
        assert not list(body.iter(f"{W}noBreakHyphen")), path.name  # Find misses it
        for paragraph in body.iterfind(f"{W}p"):  # running text, not table cells
            runs = _runs(paragraph)
            text = "".join(t for t, _ in runs)
            if _cjk(text) < 40:
                continue
            for number in numbers:
                if number not in text:
                    continue
                found += 1
                whole = [lang for t, lang in runs if t == number]
                # every occurrence a run of its own, tagged en-GB for Latin text, no mark in it
                assert whole and whole == ["en-GB"] * text.count(number), (path.name, number)
                text = text.replace(number, "")  # a shorter number inside it is not counted
    assert found >= 3


def test_table_cells_hold_numbers_as_en_gb_runs_as_written(drafted):
    out, numbers = drafted
    register = sorted((out / "03-forms").glob("*.docx"))[0]  # the controlled-document list
    with zipfile.ZipFile(register) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    cells = [_runs(p) for tc in body.iter(f"{W}tc") for p in tc.iterfind(f"{W}p")]
    listed = [runs for runs in cells if any(t in numbers for t, _ in runs)]
    assert len(listed) >= 20
    assert not [t for runs in cells for t, _ in runs if WJ in t and t.replace(WJ, "") in numbers]
    for runs in listed:
        assert any(t in numbers and lang == "en-GB" for t, lang in runs)


def test_the_package_reader_reads_numbers_without_word_joiners(drafted):
    out, numbers = drafted
    texts = [text for document in read_package(out) for _, text in document.texts()]
    assert not any(WJ in text for text in texts)
    joined = "\n".join(texts)
    assert sum(1 for number in numbers if number in joined) >= 20


def test_tidying_twice_changes_nothing_and_keeps_run_properties():
    document = w.new_document(language="zh")
    run = document.add_paragraph().add_run("按照ZH-IPM-P-03执行")
    run.bold = True
    w.tidy(document)
    first = etree.tostring(document.element.body)
    w.tidy(document)
    assert etree.tostring(document.element.body) == first
    runs = document.paragraphs[0].runs
    assert [r.text for r in runs] == ["按照", "ZH-IPM-P-03", "执行"]
    assert all(r.bold for r in runs)


def test_latin_words_get_runs_of_their_own_only_in_chinese_paragraphs():
    document = w.new_document(language="zh")
    w.paragraphs(document, "需求和缺陷记录在Jira中，代码托管于GitLab。\nRecords are kept in Jira.")
    w.tidy(document)
    chinese, english = (_runs(p._p) for p in document.paragraphs)
    assert ("Jira", "en-GB") in chinese and ("GitLab", "en-GB") in chinese
    # an English text is left whole, one run (tagged en-GB as a whole in a Chinese document: lo33)
    assert [t for t, _ in english] == ["Records are kept in Jira."]


CJK_LINE = "本程序由知识产权部负责组织实施，相关记录填写"


@pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed")
def test_libreoffice_breaks_a_number_only_where_an_english_line_breaks_a_code(tmp_path: Path):
    """A narrow column of Chinese text, each number moved one character further on paragraph
    by paragraph, so that it meets the line's end at every one of its characters: laid out by
    LibreOffice, a date, a clause number, a code without separators and a Latin word stay whole
    on one line, and a document number breaks only after a hyphen or slash."""
    numbers = ["HC-P-14", "ZHONGHE-IPM-P-03", "HC/P/14", "P03", "2026-12-01", "7.3.2",
               "Jira", "PostgreSQL"]  # Latin words in Chinese text break anywhere when zh-CN
    document = w.new_document(language="zh")
    section = document.sections[0]
    section.page_width, section.left_margin, section.right_margin = Cm(7.3), Cm(1), Cm(1)
    for number in numbers:
        for shift in range(14):
            w.paragraphs(document, "一" * shift + CJK_LINE + number + "并按规定保存。")
    path = tmp_path / "narrow.docx"
    w.save(document, path)
    done = convert_to_pdf([path], tmp_path / "pdf", tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [line for page in pdf_pages(tmp_path / "pdf" / "narrow.pdf")
             for line in page.splitlines() if line.strip()]
    for number in numbers:
        found = breaks_inside(lines, number)
        assert len(found) == 14, (number, len(found))
        assert all(inside <= _breaks_allowed(number) for inside in found), (number, found)


def test_the_corpus_word_importer_reads_a_drafted_procedure_without_word_joiners(drafted):
    from assistant.corpus.docx_import import read_docx

    out, numbers = drafted
    path = sorted((out / "02-procedures").glob("*.docx"))[0]
    blocks = read_docx(path.read_bytes(), path.name)
    text = "\n".join([b.text for b in blocks] + [c for b in blocks for row in b.rows or ()
                                                  for c in row])
    assert WJ not in text and any(number in text for number in numbers)


# --- python -m generators.lint: only the package's own files ------------------------------------

def test_lint_counts_and_reads_only_the_package_own_files(corpus, tmp_path, capsys):
    """A --force redraft keeps the files the user edited in PACKAGE/.ipms-replaced/, and Word
    leaves a '~$…docx' owner file beside a document it has open: neither is the package's."""
    from generators.lint import main

    intake = load_intake(EXAMPLES / "saas.zh.yaml")
    out = tmp_path / "pkg"
    draft_package(intake, corpus, out, "zh")
    edited = sorted((out / "02-procedures").glob("*.docx"))[0]
    document = docx.Document(str(edited))
    document.add_paragraph("本公司补充：以上要求由法务部复核。")
    edited.unlink()
    document.save(str(edited))
    result = draft_package(intake, corpus, out, "zh", force=True)
    assert list((out / ".ipms-replaced").rglob("*.docx"))  # the edited copy was kept
    own = [f for f in result.files if f.suffix == ".docx"]
    for owner_file in (False, True):
        if owner_file:
            (out / "02-procedures" / f"~${edited.name[2:]}").write_bytes(b"\x00owner" * 30)
        capsys.readouterr()
        code = main([str(out)])
        printed = capsys.readouterr().out
        assert code == 0 and f"0 findings in {len(own)} .docx files" in printed, owner_file
        assert len({d.path for d in read_package(out)}) == len(own)


# --- ipms draft --polish: the line a user reads ---------------------------------------------------

def test_the_polish_line_says_what_was_done_in_plain_words():
    from assistant.cli import polish_line

    assert polish_line(3, 3, []) == "polish: the language model reworded 3 of the manual's 3 " \
                                    "passages."
    one = polish_line(1, 0, ["4.1 理解组织及其环境 (references changed)"])
    assert "1 passage keeps the template's wording because its rewrite" in one
    assert "passage(s)" not in one and one.endswith(": 4.1 理解组织及其环境.")
    two = polish_line(12, 9, ["4.1 A (references changed)", "5.2 B (references changed)",
                              "6.1 C (model failed)"])
    assert "reworded 9 of the manual's 12 passages" in two
    assert "2 passages keep the template's wording because their rewrites added, dropped or " \
           "changed a clause or document number: 4.1 A, 5.2 B" in two
    assert "1 passage keeps the template's wording because the language model gave no " \
           "answer: 6.1 C" in two


class _FakeReply:
    def __init__(self, content: str) -> None:
        self.content = content


class _FakeModel:
    """Echoes each passage it is asked to reword (generators.polish's prompt ends with it),
    except the first, which it rewrites without its references."""

    def __init__(self) -> None:
        self.calls = 0

    def invoke(self, prompt: str) -> _FakeReply:
        self.calls += 1
        passage = prompt.split("\n\n", 1)[1]
        return _FakeReply("改写后的段落。" if self.calls == 1 else passage + "（已润色）")


def test_draft_polish_prints_how_many_passages_were_reworded(tmp_path, monkeypatch, capsys):
    import assistant.llm.chat_models as chat_models
    from assistant.cli import main

    model = _FakeModel()
    monkeypatch.setattr(chat_models, "make_chat_model", lambda settings: model)
    capsys.readouterr()
    code = main(["draft", str(EXAMPLES / "saas.zh.yaml"), "--out", str(tmp_path / "pkg"),
                 "--polish"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    line = next(x for x in printed.splitlines() if x.startswith("polish:"))
    assert "passage(s)" not in line
    # the first passage lost its references (if it had any) or came back changed: either way
    # every call is counted, and the rest were reworded
    assert f"of the manual's {model.calls} passages" in line
    assert f"reworded {model.calls - 1} of" in line or f"reworded {model.calls} of" in line


# --- ipms transition --lang: the intake's language by default ---------------------------------

def _transition(capsys, *args: str) -> tuple[int, str]:
    from assistant.cli import main

    capsys.readouterr()
    code = main(["transition", "--from", "2013", "--to", "2023", *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("example,heading", [
    ("saas.en.yaml", "# IP management system transition report"),
    ("saas.zh.yaml", "# 知识产权管理体系换版差异报告"),
])
def test_transition_follows_the_intake_language(example, heading, tmp_path, capsys):
    out = tmp_path / "report.docx"
    code, printed = _transition(capsys, "--intake", str(EXAMPLES / example), "--out", str(out))
    assert code == 0, printed
    assert out.with_suffix(".md").read_text(encoding="utf-8").startswith(heading)


def test_transition_lang_still_overrides_the_intake_and_defaults_to_chinese(tmp_path, capsys):
    out = tmp_path / "report.docx"
    code, printed = _transition(capsys, "--intake", str(EXAMPLES / "saas.en.yaml"), "--lang",
                                "zh", "--out", str(out))
    assert code == 0 and out.with_suffix(".md").read_text("utf-8").startswith("# 知识产权")
    code, printed = _transition(capsys)  # no intake: Chinese, as before
    assert code == 0 and printed.startswith("# 知识产权管理体系换版差异报告")


def test_a_plain_text_search_of_a_drafted_document_finds_its_numbers(drafted):
    """Two consultants searched a drafted manual for 'SWF-IPM-R-43' and found nothing: the number
    carried invisible word joiners. The raw text of the manual and of a procedure (python-docx,
    as Word's and LibreOffice's Find compare characters) holds the numbers as written."""
    out, numbers = drafted
    for path in (next((out / "01-manual").glob("*.docx")),
                 sorted((out / "02-procedures").glob("*.docx"))[0]):
        document = docx.Document(str(path))
        raw = "\n".join([p.text for p in document.paragraphs]
                        + [c.text for t in document.tables for r in t.rows for c in r.cells])
        assert sum(raw.count(n) for n in numbers) >= 10, path.name
        assert not re.search(r"[A-Za-z][-/]?\u2060|\u2060[A-Za-z]", raw), path.name
