"""The PDF import figure: time and peak memory of importing a 60-page standard PDF.

`run_pdf_import_benchmark()` typesets a made-up standard (cover, running header, page footer
"第 N 页 共 M 页", chapters of numbered clauses whose paragraphs wrap and cross page breaks) with
reportlab — installed with the test extra, `pip install -e ".[test]"` — and runs
`ipms corpus add` on it in a fresh process with its own IPMS_HOME, so imports count. The peak
memory is that process's maximum resident set size.
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
    printed: list[str] = []
    chapters = 1
    while len(printed) < pages * per_page:  # a chapter more until the body fills the pages
        printed = []
        for text in standard_lines(chapters=chapters):
            printed += [text[i:i + per_line] for i in range(0, len(text), per_line)]
        chapters += 1
    printed = printed[:pages * per_page]
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


def run_pdf_import_benchmark(pages: int = 60, echo: Callable[[str], None] = print
                             ) -> dict[str, float]:
    """Import a typeset `pages`-page standard with `ipms corpus add` in a fresh process; print and
    return its wall time (s) and peak memory (MB)."""
    with tempfile.TemporaryDirectory(prefix="ipms-bench-pdf-") as home:
        path = Path(home) / "standard.pdf"
        path.write_bytes(typeset_standard(pages))
        from pypdf import PdfReader

        count = len(PdfReader(str(path)).pages)
        env = {**os.environ, "IPMS_HOME": home}
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "assistant.cli", "corpus", "add",
                                  str(path), "--id", "bench-pdf", "--title", "性能样例"],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        error = child.stderr.read().decode("utf-8", "replace").strip() if child.stderr else ""
        if status != 0:
            raise IpmsError(f"the benchmark import failed: {error}")
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    echo(f"PDF import, {count} pages (ipms corpus add, whole process): {seconds:.2f} s "
         f"(target < {TARGET_SECONDS:g} s), peak memory {peak_mb:.0f} MB "
         f"(target < {TARGET_MB:g} MB), {os.cpu_count()} cores")
    return {"seconds": seconds, "peak_mb": peak_mb, "pages": float(count)}
