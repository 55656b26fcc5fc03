"""Scanned PDFs are read by OCR (the `ocr` extra): the sample standard, typeset, printed to page
images and put back in a PDF with no text layer, gives the clause tree of the .txt.

The scan is made here: the typeset PDF (tests/pdf_builders.py) rendered to grey 200-dpi images by
pypdfium2 and saved as an image-only PDF by Pillow, as a scanner would. Every expected value comes
from tests/data/sample_standard/standard.txt (what a reader of the page sees); OCR misreads some
characters, so bodies are compared by their character accuracy, keys and numbers exactly.
"""
from __future__ import annotations

import contextlib
import difflib
import io
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pdf_builders import Layout, split_sample, typeset

pytest.importorskip("rapidocr_onnxruntime", reason="the OCR extra is not installed")
pdfium = pytest.importorskip("pypdfium2", reason="the OCR extra is not installed")


def _chinese_font_installed() -> bool:
    """PDFium draws the typeset PDF's STSong-Light (not embedded) with an installed Chinese font
    (fonts-noto-cjk, from scripts/system-deps.sh); without one the scan would be blank."""
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=60)
    return bool(listed.stdout.strip())


if not _chinese_font_installed():
    pytest.skip("no Chinese font installed to draw the scans", allow_module_level=True)

SAMPLE = Path(__file__).resolve().parent / "data" / "sample_standard" / "standard.txt"
HEADER = "DB11/T 0000—2024"
SCAN_DPI = 200
# Measured on the scan below (2026-11-30): bodies 0.986 of characters right; the floors leave a
# margin for another onnxruntime or OpenCV build.
BODY_ACCURACY_FLOOR = 0.95
TITLE_ACCURACY_FLOOR = 0.95


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def scan(pdf: bytes, dpi: int = SCAN_DPI) -> bytes:
    """The PDF as a scanner gives it back: one grey JPEG image per page, no text layer."""
    document = pdfium.PdfDocument(pdf)
    pages = [document[i].render(scale=dpi / 72, grayscale=True).to_pil()
             for i in range(len(document))]
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()


def tree(text: str) -> dict[str, tuple]:
    from assistant.corpus.cleaning import clean_text
    from assistant.corpus.standard_parser import parse_standard

    parsed = parse_standard("sample", clean_text(text).text, "中小企业知识产权管理工作指引（示例）")
    # The 目次 is furniture in a PDF (it never builds the tree); the .txt keeps it as front matter.
    return {key: (c.number, squash(c.title or ""), squash(c.body or ""))
            for key, c in parsed.clauses.items() if key != "目次"}


def accuracy(read: str, expected: str) -> float:
    """The share of the expected characters OCR gave, in order."""
    matcher = difflib.SequenceMatcher(None, read, expected, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(expected), 1)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> dict:
    """The sample standard scanned (cover, then contents and body on two pages), read once."""
    from assistant.corpus.importers import ImportLimits, read_source

    cover, contents, body = split_sample(SAMPLE.read_text(encoding="utf-8"))
    typeset_pdf = typeset([(line,) for line in contents] + body,
                          Layout(width_ems=40, size=11, pitch=14, lines_per_page=48,
                                 header=(HEADER,)), cover=cover).pdf
    path = tmp_path_factory.mktemp("scan") / "scanned.pdf"
    path.write_bytes(scan(typeset_pdf))
    start = time.perf_counter()
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        source = read_source(path, ImportLimits.from_mb(20))
    seconds = time.perf_counter() - start
    return {"path": path, "source": source, "seconds": seconds, "pages": 3,
            "stderr": stderr.getvalue()}


def test_the_scan_has_no_text_layer(scanned):
    from pypdf import PdfReader

    reader = PdfReader(str(scanned["path"]))
    assert len(reader.pages) == scanned["pages"]
    assert not "".join(page.extract_text() for page in reader.pages).strip()


def test_each_scanned_page_is_announced_on_stderr_as_it_is_read(scanned):
    """A minute of OCR must not look like a hang (try13 fault 6): one line per page, 1/3 … 3/3."""
    lines = [line for line in scanned["stderr"].splitlines() if "OCR" in line]
    assert len(lines) == scanned["pages"], scanned["stderr"]
    for number, line in enumerate(lines, start=1):
        assert f"{number}/{scanned['pages']}" in line and "scanned.pdf" in line


def test_the_import_report_says_ocr_read_the_scanned_pages(scanned):
    """The report names OCR and how many pages it read, so the user checks figures against the
    scan (try13: the report said "(pdf, read by sections)" only)."""
    from assistant.corpus.import_report import SourceCounts

    counts = SourceCounts.of(scanned["source"], 0)
    assert counts.ocr_pages == tuple(range(1, scanned["pages"] + 1))
    line = counts.ocr_line()
    assert "OCR" in line and f"{scanned['pages']} scanned pages" in line


def test_a_typeset_file_reports_no_ocr():
    from assistant.corpus.blocks import Block
    from assistant.corpus.import_report import SourceCounts
    from assistant.corpus.importers import Source

    counts = SourceCounts.of(Source("pdf", [Block("paragraph", "正文", page=1)], "正文"), 0)
    assert counts.ocr_pages == () and counts.ocr_line() == ""


def test_a_scanned_standard_gives_the_clause_keys_and_numbers_of_the_txt(scanned):
    ocr_tree = tree(scanned["source"].text)
    txt_tree = tree(SAMPLE.read_text(encoding="utf-8"))
    assert {"4.2.2", "5.2.2", "6.2.1", "A.2.1"} <= set(txt_tree)
    assert list(ocr_tree) == list(txt_tree)  # same clauses, same order: no 目次 entry among them
    assert {k: v[0] for k, v in ocr_tree.items()} == {k: v[0] for k, v in txt_tree.items()}


def test_titles_and_bodies_are_read_with_few_character_errors(scanned):
    ocr_tree = tree(scanned["source"].text)
    txt_tree = tree(SAMPLE.read_text(encoding="utf-8"))
    keys = [k for k in txt_tree if k in ocr_tree]
    titles, bodies = (accuracy("|".join(ocr_tree[k][part] for k in keys),
                               "|".join(txt_tree[k][part] for k in keys)) for part in (1, 2))
    print(f"OCR character accuracy: titles {titles:.3f}, bodies {bodies:.3f}, "
          f"{scanned['pages']} pages in {scanned['seconds']:.1f} s")
    assert titles >= TITLE_ACCURACY_FLOOR
    assert bodies >= BODY_ACCURACY_FLOOR


def test_running_header_footer_and_contents_stay_out_of_the_text(scanned):
    source = scanned["source"]
    text = squash(source.text)
    assert "第1页" not in text and "共2页" not in text
    assert len(re.findall(r"DB11/T0000.?2024", text)) == 1  # on the cover, not on every page
    furniture = [squash(b.text) for b in source.blocks if b.kind == "furniture"]
    assert any(t.startswith("目次") for t in furniture)
    entries = ["范围", "术语和定义", "组织与职责", "制度与记录", "运行与改进", "知识产权台账的内容"]
    listed = [e for e in entries if any(e in t for t in furniture)]
    assert len(listed) >= 5, listed  # contents entries (OCR loses the leader dots), not clauses


def test_a_scanned_page_among_typeset_ones_is_read_in_its_place(tmp_path):
    from pypdf import PdfReader, PdfWriter

    from assistant.corpus.importers import ImportLimits, read_document

    cover, contents, body = split_sample(SAMPLE.read_text(encoding="utf-8"))
    typeset_pdf = typeset(body, Layout(lines_per_page=18, header=(HEADER,),
                                       front_footer=lambda p: "Ⅰ"), cover=cover,
                          contents=contents).pdf
    text_pages, scanned_pages = PdfReader(io.BytesIO(typeset_pdf)), PdfReader(
        io.BytesIO(scan(typeset_pdf)))
    writer = PdfWriter()
    for index in range(len(text_pages.pages)):
        writer.add_page((scanned_pages if index == 4 else text_pages).pages[index])
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(out.getvalue())
    assert not scanned_pages.pages[4].extract_text().strip()

    mixed, txt = tree(read_document(path, ImportLimits.from_mb(20))), tree(
        SAMPLE.read_text(encoding="utf-8"))
    assert {k: v[0] for k, v in mixed.items()} == {k: v[0] for k, v in txt.items()}
    keys = list(txt)
    assert accuracy("|".join(mixed[k][2] for k in keys), "|".join(txt[k][2] for k in keys)
                    ) >= BODY_ACCURACY_FLOOR


def test_without_the_extra_a_scan_is_refused_in_one_line_naming_it(scanned, monkeypatch):
    from assistant.corpus.importers import ImportLimits, read_source
    from assistant.errors import IpmsError

    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # as if the extra were not installed
    with pytest.raises(IpmsError) as error:
        read_source(scanned["path"], ImportLimits.from_mb(20))
    message = str(error.value)
    assert "no text layer" in message and "[ocr]" in message and "\n" not in message


# ---- OCR's quirks, on text boxes as OCR gives them (no OCR run) ----------------------------------

@pytest.mark.parametrize(("read", "printed"), [
    ("4组织与职责", "4 组织与职责"), ("4.2.1指定", "4.2.1 指定"), ("A.2.1基本栏目", "A.2.1 基本栏目"),
    ("6.1.1执行；报告的审批期限不超过", "6.1.1执行；报告的审批期限不超过"),  # a wrapped sentence
    ("2024-01-15发布", "2024-01-15发布"), ("4 组织与职责", "4 组织与职责"),
])
def test_the_gap_after_a_heading_number_is_given_back(read, printed):
    from assistant.corpus.ocr import restore_heading_gap

    assert restore_heading_gap(read) == printed


@pytest.mark.parametrize("alone", [False, True], ids=["body-follows", "page-of-its-own"])
def test_a_contents_page_without_leader_dots_is_furniture_up_to_where_the_body_starts(alone):
    from assistant.corpus.ocr import OcrBox, contents_entries, page_lines

    cover, contents, body = split_sample(SAMPLE.read_text(encoding="utf-8"))
    # As OCR reads the contents: leader dots gone, a page number kept only now and then.
    read = [re.sub(r"\s*…+\s*\S+$", "", line) for line in contents]
    scale = 150 / 72  # pixels per point; the page is 595 x 842 points, 1240 x 1754 pixels

    def page(texts: list[str]) -> list[OcrBox]:
        boxes = [OcrBox(150, 160 + 30 * row, 150 + 20 * len(text), 185 + 30 * row, text)
                 for row, text in enumerate(texts)]
        boxes.append(OcrBox(150, 60, 350, 85, HEADER))  # the running header
        boxes.append(OcrBox(600, 1660, 640, 1685, "Ⅰ" if texts is read else "1"))  # the footer
        return boxes

    boxes = page(read if alone else read + body[:6])
    boxes.append(OcrBox(1000, 160 + 30 * 5, 1010, 185 + 30 * 5, "1"))  # 4 组织与职责's page
    lines = page_lines(boxes, 2, scale, 595, 842)
    if alone:
        lines += page_lines(page(body[:6]), 3, scale, 595, 842)
    texts = [line.text for line in lines]
    assert texts[:4] == [HEADER, "目次", "前言", "1 范围"]
    assert [c.text for c in lines[6].cells] == ["4 组织与职责", "1"]
    found = contents_entries(lines, scanned={2, 3})
    assert sorted(texts[i] for i in found) == sorted(texts[1:1 + len(contents)])
