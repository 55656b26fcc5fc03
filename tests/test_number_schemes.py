"""Issue 17, document numbers kept whole whatever the numbering scheme: the separators a scheme
may use and what the intake says about the others; in the Word files a space and a full-width
hyphen unbreakable, the Latin separators as written so Find matches the number (LibreOffice lays
a narrow table cell out breaking a number at most after a hyphen or slash) and read back as written;
`ipms draft --polish` refusing a rewrite that alters a number of the company's own scheme."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx.shared import Cm
from lxml import etree

from generators import docx_writer as w
from generators import numbering
from generators.intake import load_intake
from generators.package import draft_package
from generators.package_reader import read_package
from generators.templates_io import TEMPLATES_DIR
from generators.toc_pages import available, convert_to_pdf, pdf_pages
from line_breaks import after_separators, breaks_inside
from llm_stub import EDITS, stub_server

EXAMPLES = TEMPLATES_DIR / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WJ, NNBSP = "\u2060", "\u202f"  # WORD JOINER, NARROW NO-BREAK SPACE
# one scheme per separator the brief names, and the shipped one
SCHEMES = ["{short} IPM {kind} {seq:02d}", "{short}_IPM_{kind}_{seq:02d}",
           "{short}·{kind}·{seq:02d}", "{short}.{kind}.{seq:02d}", "{short}－{kind}－{seq:02d}",
           "{short}-IPM-{kind}-{seq:02d}"]
SEPARATORS = "- / _ . · －"  # the intake template's own list (intake.zh.yaml), and the space


def _unbreakable(number: str) -> str:
    """How a number is to be written: a space as a no-break space, a word joiner on each side
    of a full-width hyphen (which LibreOffice breaks on both sides); the Latin separators as
    written, so that Find matches the number."""
    out = ""
    for ch in number:
        out += NNBSP if ch == " " else f"{WJ}{ch}{WJ}" if ch == "－" else ch
    return out


def _with_scheme(example: str, scheme: str):
    intake = load_intake(EXAMPLES / example)
    documents = intake.documents.model_copy(update={"numbering": scheme})
    return intake.model_copy(update={"documents": documents})


# --- the intake: which separators a scheme may use ---------------------------------------------

def test_the_intake_template_lists_the_separators_the_scheme_may_use():
    for name in ("intake.zh.yaml", "intake.en.yaml"):
        line = next(x for x in (TEMPLATES_DIR / name).read_text("utf-8").splitlines()
                    if "numbering:" in x)
        assert all(sep in line for sep in SEPARATORS.split()), (name, line)


@pytest.mark.parametrize("scheme", SCHEMES + ["{short}/{kind}/{seq}", "{kind}{seq:02d}"])
def test_a_scheme_with_the_listed_separators_is_accepted(scheme):
    numbering.check_scheme(scheme)


@pytest.mark.parametrize("scheme,bad", [
    ("{short}（{kind}）{seq:02d}", "（"), ("{short}:{kind}:{seq:02d}", ":"),
    ("{short}~{kind}~{seq:02d}", "~"), ("{short}知识产权管理体系{kind}{seq:02d}", "知"),
    ("{short}\u00a0{kind}\u00a0{seq:02d}", "\u00a0"), ("{short:*<5}{kind}{seq:02d}", "*"),
])
def test_another_separator_stays_valid_and_is_warned_about(scheme, bad, tmp_path, run_cli):
    """A scheme valid before separators were checked stays valid (the issue: intakes valid today
    stay valid); `ipms intake check` warns that its numbers may break, listing the separators."""
    for example, allowed in (("saas.zh.yaml", "宜只用"), ("saas.en.yaml", "use Latin")):
        text = (EXAMPLES / example).read_text("utf-8")
        text = text.replace('numbering: "{short}-IPM-{kind}-{seq:02d}"',
                            f'numbering: "{scheme}"')
        path = tmp_path / example
        path.write_text(text, encoding="utf-8")
        load_intake(path)  # valid
        code, out, _err = run_cli("intake", "check", str(path))
        assert code == 0, out
        said = next(line for line in out.splitlines() if "documents.numbering" in line)
        assert allowed in said and all(sep in said for sep in SEPARATORS.split()), said
        assert bad in said, said


# --- the Word files: numbers whole or broken after - or / only, read back as written ------------------------

@pytest.fixture(scope="module", params=SCHEMES[:5])
def drafted(request, corpus, tmp_path_factory):
    """The SaaS example company drafted in Chinese with a scheme of each separator: (package
    folder, its document numbers)."""
    out = tmp_path_factory.mktemp("schemes") / "pkg"
    result = draft_package(_with_scheme("saas.zh.yaml", request.param), corpus, out, "zh")
    return out, sorted(set(result.plan.context["docno"].values()), key=len, reverse=True)


def _texts(path: Path) -> list[str]:
    """The text of each run of a .docx's body, in order."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    return ["".join(t.text or "" for t in run.iter(f"{W}t")) for run in body.iter(f"{W}r")]


def test_every_number_of_the_scheme_is_one_unbreakable_run(drafted):
    out, numbers = drafted
    files = [sorted((out / "02-procedures").glob("*.docx"))[0],
             sorted((out / "03-forms").glob("*.docx"))[0], next((out / "01-manual").iterdir())]
    found = 0
    for path in files:
        runs = _texts(path)
        written = {_unbreakable(n) for n in numbers}
        plain = "".join(runs).replace(WJ, "").replace(NNBSP, " ")
        for number in numbers:
            count = plain.count(number)
            plain = plain.replace(number, "")  # a shorter number inside it is not counted
            whole = sum(1 for r in runs if r == _unbreakable(number))
            assert whole == count, (path.name, number, whole, count)
            found += count
        assert not [r for r in runs if r.strip() and r not in written
                    and any(n in r for n in numbers)], path.name
    assert found >= 40


def test_the_package_reads_back_its_numbers_as_the_scheme_writes_them(drafted):
    from assistant.textutil import visible

    out, numbers = drafted
    assert all(visible(_unbreakable(n)) == n for n in numbers)  # what every reader calls
    texts = [text for document in read_package(out) for _, text in document.texts()]
    assert not any(WJ in t or NNBSP in t for t in texts)
    joined = "\n".join(texts)
    assert sum(1 for number in numbers if number in joined) >= 40
    assert {d.number for d in read_package(out) if d.kind != "other"} <= set(numbers)


@pytest.mark.parametrize("scheme", ["{kind}{seq:02d}", "{short} IPM {kind} {seq:02d}"])
def test_the_lint_knows_a_record_form_named_by_a_number_of_any_scheme(scheme, corpus, tmp_path):
    """The English SaaS package names the record of P04's step 5.1 by its form's number only:
    with a scheme without '-IPM-' the lint took it for a step naming no record form."""
    result = draft_package(_with_scheme("saas.en.yaml", scheme), corpus, tmp_path / "pkg", "en")
    assert result.findings == []


CJK_LINE = "本程序由知识产权部负责组织实施"


@pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed")
def test_libreoffice_breaks_a_number_in_a_narrow_table_cell_only_after_a_separator(tmp_path):
    """A narrow cell of Chinese text per scheme, the number moved one character further on row
    by row so that it meets the line's end at every one of its characters: laid out by
    LibreOffice, a number breaks at most after a hyphen or slash (as a code typed by hand), never
    at a space, _, ·, . or full-width hyphen of its scheme nor inside its letters or digits."""
    schemes = SCHEMES[:5] + ["{short}/{kind}/{seq:02d}"]
    paths = []
    for i, scheme in enumerate(schemes):
        number = numbering.document_number(scheme, "HZYIP", "P", 3)
        document = w.new_document(language="zh",
                                  numbers=numbering.number_pattern(scheme, "HZYIP"))
        rows = [["一" * shift + CJK_LINE + number + "并按规定保存。", ""] for shift in range(12)]
        w.table(document, None, rows, widths_cm=[3.4, 13.2])
        paths.append(tmp_path / f"narrow{i}.docx")
        w.save(document, paths[-1])
    done = convert_to_pdf(paths, tmp_path / "pdf", tmp_path)
    assert done.returncode == 0, done.stderr
    for path, scheme in zip(paths, schemes):
        number = numbering.document_number(scheme, "HZYIP", "P", 3)
        lines = [line for page in pdf_pages(tmp_path / "pdf" / f"{path.stem}.pdf")
                 for line in page.splitlines() if line.strip()]
        squashed = re.sub(r"\s+", "", number)
        found = breaks_inside(lines, squashed)
        assert len(found) == 12, (number, lines)
        assert all(inside <= after_separators(squashed) for inside in found), (number, found)


@pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed")
def test_the_registers_number_column_holds_each_long_number_on_one_line(corpus, tmp_path):
    """The controlled-document list (受控文件清单) and the manual's related-documents tables of a
    company with a long short name and a scheme of spaces: laid out by LibreOffice, no number is
    broken across lines (a column fitted to the number's words alone was too narrow for it)."""
    intake = _with_scheme("saas.zh.yaml", "{short} IPMS {kind} {seq:03d}")
    intake = intake.model_copy(update={"company": intake.company.model_copy(
        update={"short_name": "YUNQIDATA"})})
    out = tmp_path / "pkg"
    draft_package(intake, corpus, out, "zh")
    paths = [sorted((out / "03-forms").glob("*.docx"))[0], next((out / "01-manual").iterdir())]
    done = convert_to_pdf(paths, tmp_path / "pdf", tmp_path)
    assert done.returncode == 0, done.stderr
    for path in paths:
        text = "\n".join(pdf_pages(tmp_path / "pdf" / f"{path.stem}.pdf"))
        whole = re.findall(r"YUNQIDATA IPMS [MPR] \d{3}", text)
        assert len(whole) >= 60 and len(whole) == text.count("YUNQIDATA"), path.name


# --- ipms draft --polish: the guard knows the company's own numbers ---------------------------

def _polisher(endpoint, edit, tmp_path, scheme):
    from assistant.llm.chat_models import make_chat_model
    from assistant.settings import Settings
    from generators.polish import make_polisher

    EDITS[str(len(EDITS))] = edit
    settings = Settings(home=tmp_path, embedding_model="hashing", llm_provider="vllm",
                        llm_model=f"edit:{len(EDITS) - 1}", llm_base_url=endpoint,
                        llm_timeout=10, llm_retries=1, llm_api_key="secret-key-123")
    pattern = numbering.number_pattern(scheme, "HZY")
    return make_polisher(make_chat_model(settings), "HZY", "zh", pattern)


@pytest.mark.parametrize("scheme", SCHEMES + ["{kind}{seq:02d}", "{short}/{kind}/{seq}"])
def test_a_rewrite_that_alters_or_drops_a_number_of_the_scheme_is_refused(scheme, tmp_path):
    procedure = numbering.document_number(scheme, "HZY", "P", 3)
    form = numbering.document_number(scheme, "HZY", "R", 12)
    other = numbering.document_number(scheme, "HZY", "P", 4)
    text = (f"知识产权部按《知识产权获取控制程序》（{procedure}）组织检索，结果记入"
            f"《检索记录表》（{form}），见 7.3.2 条。")
    plain = procedure.replace("－", "-").replace("·", "-").replace("_", "-").replace(" ", "-")
    with stub_server() as endpoint:
        for edit in ((procedure, other),  # changed to another document's number
                     (f"（{form}）", ""),  # dropped
                     (procedure, plain if plain != procedure else procedure + "A"),  # altered
                     ("见 7.3.2 条", "见 7.3.3 条")):  # a clause number changed
            polisher = _polisher(endpoint, edit, tmp_path, scheme)
            assert polisher("4.1", text) == text, (scheme, edit)
            assert polisher.kept == ["4.1 (references changed)"], (scheme, edit)
        polisher = _polisher(endpoint, ("组织检索", "组织开展检索"), tmp_path, scheme)
        assert polisher("4.1", text) == text.replace("组织检索", "组织开展检索")
        assert polisher.kept == []


class _Renumbering:
    """A fake chat model that echoes each passage with every procedure number of the space
    scheme ('ZH IPM P 03') written 'ZH IPM P-03' (a number altered), recording the passages."""

    def __init__(self) -> None:
        self.passages: list[str] = []

    def invoke(self, prompt: str):
        passage = prompt.split("\n\n", 1)[1]
        self.passages.append(passage)
        return type("Reply", (), {"content": re.sub(r" IPM P (\d)", r" IPM P-\1", passage) + "（润色）"})()


def test_draft_polish_keeps_the_template_where_a_number_of_the_intakes_scheme_was_altered(
        tmp_path, monkeypatch, capsys):
    import assistant.llm.chat_models as chat_models
    from assistant.cli import main

    model = _Renumbering()
    monkeypatch.setattr(chat_models, "make_chat_model", lambda settings: model)
    text = (EXAMPLES / "saas.zh.yaml").read_text("utf-8").replace(
        'numbering: "{short}-IPM-{kind}-{seq:02d}"', 'numbering: "{short} IPM {kind} {seq:02d}"')
    intake = tmp_path / "intake.yaml"
    intake.write_text(text, encoding="utf-8")
    code = main(["draft", str(intake), "--out", str(tmp_path / "pkg"), "--polish"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    with_numbers = [p for p in model.passages if re.search(r" IPM P \d\d", p)]
    assert with_numbers and len(with_numbers) < len(model.passages)
    line = next(x for x in printed.splitlines() if x.startswith("polish:"))
    assert f"{len(with_numbers)} passage" in line and "changed a clause or document number" \
        in line, line
    manual = next(d for d in read_package(tmp_path / "pkg") if d.kind == "manual")
    said = "\n".join(t for _, t in manual.texts())
    assert " IPM P-" not in said and "（润色）" in said
