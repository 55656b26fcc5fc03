"""The import figures: time and peak memory of importing a 60-page standard PDF, a 60-page
Word file and, with the OCR extra, a 10-page scanned PDF.

`run_import_benchmark()` makes each file from one made-up standard (chapters of numbered clauses
with bodies) and runs `ipms corpus add` on it in a fresh process with its own IPMS_HOME, so imports
count; the peak memory is that process's maximum resident set size.
- the PDF is typeset with reportlab — installed with the test extra, `pip install -e ".[test]"` —
  with a cover, a running header, a page footer "第 N 页 共 M 页" and paragraphs that wrap and cross
  page breaks;
- the .docx (python-docx) leaves every number to Word: headings numbered by a multilevel list
  attached to the Heading 1-3 styles, items a) b) c) by a list restarted in each clause, and a
  table in every chapter;
- the scan is the typeset PDF rendered to 200-dpi grey images (pypdfium2) and saved as an
  image-only PDF (Pillow), as a scanner gives it back.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assistant.errors import IpmsError

TARGET_SECONDS, TARGET_MB = 10.0, 500.0
CHAPTERS_PER_PAGE = 0.57  # of the .docx: LibreOffice 7.4 lays 34 chapters out on 60 pages
_SENTENCES = ("企业应明确知识产权管理的职责和权限，并将其形成文件予以公布。",
              "相关部门应在每季度结束后十个工作日内提交知识产权工作记录，记录应完整、清楚。",
              "涉及技术合作的项目，应在合同中约定知识产权的归属、使用和收益分配方式。",
              "发现潜在侵权风险时，应及时组织评估并提出处理建议，报管理者代表批准后实施。")


def standard_lines(chapters: int = 12, clauses: int = 6, subclauses: int = 4) -> list[str]:
    """The paragraphs of a made-up standard: numbered headings, each clause with a body."""
    lines = ["前言", "本文件为性能测试用样例，内容为虚构。"]
    for c in range(1, chapters + 1):
        lines.append(f"{c} 第{c}章的要求")
        for s in range(1, clauses + 1):
            lines.append(f"{c}.{s} 管理事项{s}")
            for t in range(1, subclauses + 1):
                lines.append(f"{c}.{s}.{t} 具体要求{t}")
                lines.append("".join(_SENTENCES[(c + s + t + k) % 4] for k in range(2)))
    return lines


def _printed(paragraphs: list[str], per_line: int) -> list[str]:
    return [text[i:i + per_line] for text in paragraphs for i in range(0, len(text), per_line)]


def typeset_chapters(pages: int, per_line: int = 34, per_page: int = 34) -> int:
    """The most whole chapters of standard_lines that fit on `pages` body pages (at least 1), so
    the PDF ends where its source text ends and the two can be compared clause by clause."""
    chapters = 1
    while len(_printed(standard_lines(chapters=chapters + 1), per_line)) <= pages * per_page:
        chapters += 1
    return chapters


def typeset_standard(pages: int = 60) -> bytes:
    """A PDF of about `pages` pages: cover, header, footer, wrapped paragraphs."""
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas
    except ImportError:
        raise IpmsError("the PDF benchmark typesets its PDF with reportlab; install the test "
                        "extra: pip install -e \".[test]\"") from None
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    per_line, per_page = 34, 34
    printed = _printed(standard_lines(chapters=typeset_chapters(pages)), per_line)
    body = [printed[i:i + per_page] for i in range(0, len(printed), per_page)]
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, 842))
    pdf.setFont("STSong-Light", 14)
    for y, line in zip(range(700, 300, -50), ["ICS 03.100.01", "CCS A 01", "GB/T 99998—2025",
                                               "企业知识产权管理性能样例", "2025-01-01 发布",
                                               "2025-07-01 实施"]):
        pdf.drawString(100, y, line)
    pdf.showPage()
    for number, lines in enumerate(body, start=1):
        pdf.setFont("STSong-Light", 9)
        pdf.drawString(72, 800, "GB/T 99998—2025")
        pdf.drawString(250, 36, f"第 {number} 页 共 {len(body)} 页")
        pdf.setFont("STSong-Light", 11)
        for row, line in enumerate(lines):
            pdf.drawString(72, 760 - 20 * row, line)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _import_in_child(path: Path, home: str, doc_id: str) -> tuple[float, float, float]:
    """Wall time (s), CPU time (s) and peak memory (MB) of `ipms corpus add path` in a fresh
    process (the CPU time tells a busy machine's waiting from the import's own work)."""
    env = {**os.environ, "IPMS_HOME": home}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "assistant.cli", "corpus", "add",
                                  str(path), "--id", doc_id, "--title", "性能样例"],
                                 env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            error = err.read().decode("utf-8", "replace").strip()
            raise IpmsError(f"the benchmark import of {path.name} failed: {error}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # KB on Linux


def word_paragraphs(pages: int = 60) -> list[tuple[str, str, str]]:
    """The .docx benchmark standard as (kind, text typed in Word, text Word prints): kinds
    heading0 (unnumbered) heading1-3, paragraph, item (a first item starts with NUL: its list
    starts again at a)), table (rows as `cell | cell` lines). The printed texts, one per line,
    are the .txt the Word file must read as."""
    items = ("知识产权的取得、维护、运用和保护；", "合同中知识产权条款的审查；", "记录的形成、保存和查阅。")
    rows = ("记录类别 | 保存期限 | 保管部门", "合同文本 | 五年 | 法务部门", "专利文件 | 三年 | 研发部门",
            "培训记录 | 三年 | 人事部门")
    out = [("heading0", "前言", "前言"), ("paragraph", "本文件为性能测试用样例，内容为虚构。", "")]
    for c in range(1, round(pages * CHAPTERS_PER_PAGE) + 1):
        out.append(("heading1", f"第{c}章的要求", f"{c} "))
        for s in range(1, 4):
            out.append(("heading2", f"管理事项{s}", f"{c}.{s} "))
            for t in range(1, 3):
                out.append(("heading3", f"具体要求{t}", f"{c}.{s}.{t} "))
                out.append(("paragraph", "".join(_SENTENCES[(c + s + t + k) % 4] for k in range(3)),
                            ""))
                out += [("item", ("\x00" if k == 0 else "") + item, f"{chr(97 + k)}) ")
                        for k, item in enumerate(items)]
        out.append(("table", "\n".join(rows), ""))
    return [(kind, text, number + text.lstrip("\x00")) for kind, text, number in out]


def word_standard(pages: int = 60) -> bytes:
    """A .docx of about `pages` pages whose numbers are all Word's (see the module docstring).
    (LibreOffice 7.4's layout, see CHAPTERS_PER_PAGE)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element

    def define(abstract: int, levels: list[tuple[str, str, str]]) -> None:
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:pStyle w:val="{style}"/>' if style else "")
            + f'<w:suff w:val="space"/><w:lvlText w:val="{text}"/></w:lvl>'
            for i, (fmt, text, style) in enumerate(levels))
        numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract}">'
                                   f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'))

    def instance(num: int, abstract: int) -> None:
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))

    define(1, [("decimal", "%1", "Heading1"), ("decimal", "%1.%2", "Heading2"),
               ("decimal", "%1.%2.%3", "Heading3")])
    define(2, [("lowerLetter", "%1)", "")])
    instance(1, 1)
    for level in range(3):  # Word numbers headings through their styles
        ppr = document.styles[f"Heading {level + 1}"].element.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                                f'<w:numId w:val="1"/></w:numPr>'))
    next_num = 2
    for kind, text, _ in word_paragraphs(pages):
        if kind == "heading0":  # unnumbered, as in a standard
            preface = document.add_paragraph(text, style="Heading 1")
            preface._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'))
        elif kind.startswith("heading"):
            document.add_heading(text, level=int(kind[-1]))
        elif kind == "item":
            if text.startswith("\x00"):  # the first item of a list: a) b) c) start again
                instance(next_num, 2)
                next_num += 1
                text = text[1:]
            p = document.add_paragraph(text)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/>'
                f'<w:numId w:val="{next_num - 1}"/></w:numPr>'))
        elif kind == "table":
            rows = [row.split(" | ") for row in text.split("\n")]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for k, cell in enumerate(row):
                    table.cell(r, k).text = cell
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def scanned_standard(pages: int = 10, dpi: int = 200) -> bytes:
    """The typeset standard (cover and pages - 1 body pages) as a scanner gives it back: one grey
    image per page, no text layer. Needs the OCR extra (pypdfium2) and Pillow."""
    import pypdfium2

    document = pypdfium2.PdfDocument(typeset_standard(pages - 1))
    images = [document[i].render(scale=dpi / 72, grayscale=True).to_pil()
              for i in range(len(document))]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def _numbered_tree(clauses) -> dict[str, tuple[str, str, str]]:
    squash = lambda text: "".join(text.split())  # noqa: E731 - whitespace is the layout's
    return {c.key: (c.number, squash(c.title), squash(c.body)) for c in clauses.values() if c.number}


def tree_agreement(home: Path, doc_id: str, source_text: str) -> tuple[int, int, int]:
    """(clauses whose key, number and title equal the source's, clauses whose body is equal as
    well, numbered clauses of the source): the imported document in `home` against the clause
    tree of the text it was made from, parsed as a .txt import is; whitespace is ignored."""
    from assistant.corpus.cleaning import clean_text
    from assistant.corpus.standard_parser import parse_standard
    from assistant.corpus.store import Corpus
    from assistant.settings import Settings

    expected = _numbered_tree(parse_standard(doc_id, clean_text(source_text).text, "").clauses)
    imported = _numbered_tree(Corpus.load(Settings(home=home)).get(doc_id).clauses)
    headings = sum(1 for key, value in expected.items()
                   if key in imported and imported[key][:2] == value[:2])
    whole = sum(1 for key, value in expected.items() if imported.get(key) == value)
    return headings, whole, len(expected)


def _ocr_installed() -> bool:
    from importlib.util import find_spec

    return all(find_spec(name) for name in ("rapidocr_onnxruntime", "pypdfium2"))


def _pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def run_import_benchmark(pages: int = 60, scanned_pages: int = 10,
                         echo: Callable[[str], None] = print) -> dict[str, dict[str, float]]:
    """Import a typeset `pages`-page PDF, a `pages`-page .docx and, with the OCR extra, a
    `scanned_pages`-page scan, each with `ipms corpus add` in a fresh process; print and return
    wall time (s) and peak memory (MB) of each."""
    from assistant.corpus.ocr import EXTRA

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="ipms-bench-import-") as home:
        def typeset_text(body_pages: int) -> str:
            return "\n".join(standard_lines(chapters=typeset_chapters(body_pages)))

        files = [("PDF", "standard.pdf", lambda: typeset_standard(pages), True,
                  lambda: typeset_text(pages)),
                 ("Word .docx", "standard.docx", lambda: word_standard(pages), True,
                  lambda: "\n".join(printed for _, _, printed in word_paragraphs(pages))),
                 ("scanned PDF (OCR)", "scan.pdf", lambda: scanned_standard(scanned_pages),
                  False, lambda: typeset_text(scanned_pages - 1))]
        for label, file_name, make, targeted, source in files:
            if file_name == "scan.pdf" and not _ocr_installed():
                echo(f"{label}: not measured, the OCR extra is not installed ({EXTRA})")
                continue
            own_home = Path(home) / file_name.replace(".", "-")  # each import starts afresh
            own_home.mkdir()
            path = own_home / file_name
            path.write_bytes(make())
            count = _pdf_pages(path) if path.suffix == ".pdf" else pages
            seconds, cpu, peak_mb = _import_in_child(path, str(own_home), "bench-standard")
            target = (f" (target < {TARGET_SECONDS:g} s)", f" (target < {TARGET_MB:g} MB)"
                      ) if targeted else ("", "")
            echo(f"{label} import, {count} pages (ipms corpus add, whole process): "
                 f"{seconds:.2f} s{target[0]} ({cpu:.1f} s of CPU), peak memory "
                 f"{peak_mb:.0f} MB{target[1]}, {os.cpu_count()} cores")
            headings, whole, total = tree_agreement(own_home, "bench-standard", source())
            echo(f"  clause tree against the text it was made from: {headings} of {total} "
                 f"numbered clauses with the same key, number and title "
                 f"({100 * headings / max(total, 1):.1f} %), {whole} with the same body too "
                 f"({100 * whole / max(total, 1):.1f} %)")
            results[label] = {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak_mb,
                              "pages": float(count), "tree_agreement": headings / max(total, 1),
                              "body_agreement": whole / max(total, 1)}
    return results
