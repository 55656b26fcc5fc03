"""Word output a company can issue (issue 17): fonts and language tag, a TOC field holding every
entry, repeated header rows and unsplit rows, "第 X 页 共 Y 页", signature and date lines, document
properties, a revision history, the manual's 手册管理 / 引用文件 / 术语和定义 sections, and no blank
page once LibreOffice has laid the documents out."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from assistant.standards.profiles import load_profile
from generators.documents import build_form, build_manual, build_procedure
from generators.intake import load_intake
from generators.package import draft_package
from generators.templates_io import TEMPLATES_DIR, TemplateSet
from generators.toc_pages import heading_pages
from helpers import visible

EXAMPLE = {lang: TEMPLATES_DIR / f"intake.{lang}.yaml" for lang in ("zh", "en")}
MANUAL = {lang: yaml.safe_load((TEMPLATES_DIR / f"manual.{lang}.yaml").read_text("utf-8"))
          for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def built(tmp_path_factory, corpus):
    """The example company's manual, first procedure and first form, in Chinese; the manual in
    English. Built directly from the plan (no whole package: cheap)."""
    out = tmp_path_factory.mktemp("quality")
    templates = TemplateSet()
    files = {}
    for lang in ("zh", "en"):
        plan = draft_package(load_intake(EXAMPLE[lang]), corpus, None, lang,
                             templates=templates).plan
        files[f"manual-{lang}"] = out / f"manual-{lang}.docx"
        build_manual(plan, templates, files[f"manual-{lang}"])
        if lang == "zh":
            files["plan"] = plan
            files["procedure"] = out / "procedure.docx"
            build_procedure(plan, templates, plan.procedures[0], files["procedure"])
            # P08's last table ends at the foot of page 3: the paragraph after it once made a
            # blank page 4
            files["training"] = out / "training.docx"
            build_procedure(plan, templates, next(p for p in plan.procedures if p.code == "P08"),
                            files["training"])
            files["form"] = out / "form.docx"
            build_form(plan, templates, plan.forms[0], files["form"])
    return files


def _style_rpr(document, style_id: str):
    return document.styles.element.xpath(f'w:style[@w:styleId="{style_id}"]/w:rPr')[0]


def test_chinese_fonts_language_tag_and_black_headings(built):
    for key in ("manual-zh", "procedure", "form"):
        document = docx.Document(str(built[key]))
        defaults = document.styles.element.find(qn("w:docDefaults")).find(
            qn("w:rPrDefault")).find(qn("w:rPr"))
        assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
        lang = defaults.find(qn("w:lang"))
        assert lang.get(qn("w:eastAsia")) == "zh-CN" and lang.get(qn("w:val")) == "zh-CN"
        for style_id in ("Title", "Heading1", "Heading2"):
            rpr = _style_rpr(document, style_id)
            assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
            color = rpr.find(qn("w:color"))
            assert color.get(qn("w:val")) == "000000" and color.get(qn("w:themeColor")) is None
    english = docx.Document(str(built["manual-en"]))
    lang = english.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB" and lang.get(qn("w:eastAsia")) == "zh-CN"


def test_the_toc_field_wraps_every_entry(built):
    for lang in ("zh", "en"):
        document = docx.Document(str(built[f"manual-{lang}"]))
        body = document.element.body.findall(qn("w:p"))
        begin = next(i for i, p in enumerate(body) if "TOC" in "".join(
            t.text or "" for t in p.iter(qn("w:instrText"))))
        depth, end = 0, None
        for i in range(begin, len(body)):
            for char in body[i].iter(qn("w:fldChar")):
                depth += {"begin": 1, "end": -1}.get(char.get(qn("w:fldCharType")), 0)
            if depth == 0:
                end = i
                break
        assert end is not None
        inside = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body[begin:end + 1]]
        headings = [p.text for p in document.paragraphs[end + 1:]
                    if p.style.name in ("Heading 1", "Heading 2")]
        titles = [s["title"] for s in MANUAL[lang]["sections"].values()]
        assert titles[0] in headings and titles[-1] in headings
        assert headings and headings == inside  # every heading once, inside the field


def test_tables_repeat_their_header_and_rows_do_not_split(built):
    for key in ("manual-zh", "procedure", "form"):
        document = docx.Document(str(built[key]))
        for table in document.tables:
            rows = table._tbl.findall(qn("w:tr"))
            header = rows[0].find(qn("w:trPr"))
            assert header is not None and header.find(qn("w:tblHeader")) is not None
            assert all(r.find(qn("w:trPr")) is not None
                       and r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
                       for r in rows)


def test_column_widths_follow_the_content(built):
    document = docx.Document(str(built["manual-zh"]))
    number_tables = [t for t in document.tables if t.rows[0].cells[1].text == "文件编号"]
    assert number_tables  # the related-documents tables of the chapters
    for table in number_tables:
        widths = [c.width / 360000 for c in table.columns]  # cm
        assert widths[1] >= 2.3  # 'ZH-IPM-P-01' set in 10.5 pt Times is about 2.0 cm
        kinds = {row.cells[0].text for row in table.rows[1:]}
        assert kinds <= {"程序文件", "记录表单"}  # four characters: the narrowest column
        clauses = max(len(row.cells[3].text) for row in table.rows[1:])
        if clauses > 12:  # a list such as '4.4, 5.2, 6.1, 9.2'
            assert widths[3] > widths[0] + 1.0


def test_footer_reads_page_x_of_y(built):
    for key in ("manual-zh", "procedure", "form"):
        footer = docx.Document(str(built[key])).sections[0].footer
        xml = footer._element.xml
        assert "PAGE" in xml and "NUMPAGES" in xml
        text = "".join(p.text for p in footer.paragraphs)
        assert re.fullmatch(r"第 \d+ 页 共 \d+ 页", text.strip())


def test_properties_name_the_company_and_today(built):
    company = load_intake(EXAMPLE["zh"]).company.name
    for key in ("manual-zh", "procedure", "form"):
        document = docx.Document(str(built[key]))
        core = document.core_properties
        assert core.author == company and core.last_modified_by == company
        assert core.title and core.created.year == dt.datetime.now(dt.timezone.utc).year
        parts = b"".join(p.blob for p in document.part.package.iter_parts()
                         if str(p.partname).startswith("/docProps/"))
        assert b"python-docx" not in parts and b"2013-12-23" not in parts
        assert b"Macintosh" not in parts
    assert "知识产权管理手册" in docx.Document(str(built["manual-zh"])).core_properties.title


def test_sign_off_lines_with_dates_and_a_revision_history(built):
    intake = load_intake(EXAMPLE["zh"])
    for key in ("manual-zh", "procedure"):
        document = docx.Document(str(built[key]))
        sign = next(t for t in document.tables if [c.text for c in t.rows[0].cells][1:]
                    == ["编制", "审核", "批准"])
        assert [r.cells[0].text for r in sign.rows[1:]] == ["姓名", "签字", "日期"]
        assert [c.text for c in sign.rows[1].cells[1:]] == [
            intake.documents.drafted_by, intake.documents.reviewed_by,
            intake.documents.approved_by]
        assert "修订记录" in [p.text for p in document.paragraphs]
        history = next(t for t in document.tables if t.rows[0].cells[0].text == "版本"
                       and t.rows[0].cells[2].text == "修订内容")
        assert visible(history.rows[1].cells[0].text) == intake.documents.version
        assert visible(history.rows[1].cells[1].text) == intake.documents.effective_date.isoformat()


def test_manual_has_control_references_and_terms_before_chapter_4(built):
    intake = load_intake(EXAMPLE["zh"])
    designation = load_profile(intake.standard).designation
    document = docx.Document(str(built["manual-zh"]))
    texts = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    for title in ("手册管理", "引用文件", "术语和定义"):
        assert title in headings
    assert headings.index("术语和定义") < headings.index(next(h for h in headings
                                                             if h.startswith("第4章")))
    start = next(i for i, p in enumerate(document.paragraphs)
                 if p.text == "引用文件" and p.style.name == "Heading 1")
    assert any(designation in t for t in texts[start:start + 4])


def _pages(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    return [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
            for i in range(1, count + 1)]


def test_heading_pages_are_read_after_the_contents():
    pages = ["封面", "目录\n颁布令\n第 4 章 组织环境\n附录A  组织机构图",
             "颁布令\n正文提到颁布令", "正文", "第4章 组织环境\n附录A 组织机构图"]
    assert heading_pages(pages, ["颁布令", "第 4 章 组织环境", "4.1 不存在", "附录A  组织机构图"]) \
        == [3, 5, None, 5]


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")
                         and shutil.which("pdfinfo")), reason="LibreOffice / poppler not installed")
def test_no_blank_page_page_y_is_the_page_count_and_the_contents_have_page_numbers(
        built, tmp_path):
    company = load_intake(EXAMPLE["zh"]).company.name
    manual = tmp_path / "numbered.docx"
    assert build_manual(built["plan"], TemplateSet(), manual, toc_pages=True)
    sources = [manual, built["procedure"], built["training"], built["form"]]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, sources)],
                   capture_output=True, check=True, timeout=300)
    for source in sources:
        pages = _pages(tmp_path / f"{source.stem}.pdf")
        for number, text in enumerate(pages, start=1):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            assert re.search(rf"第 ?{number} ?页 ?共 ?{len(pages)} ?页", text), (source, number)
            body = [line for line in lines if company not in line and not line.startswith("第")]
            assert body, f"{source.name}: page {number} is blank"
    pages = _pages(tmp_path / "numbered.pdf")
    labels = MANUAL["zh"]["labels"]
    for title in ("颁布令", "术语和定义", labels["appendix_matrix"]):
        squashed = re.sub(r"\s+", "", title)
        listed = [re.sub(r"\s+", "", line) for page in pages[:4] for line in page.splitlines()
                  if re.sub(r"\s+", "", line).startswith(squashed + ".")]
        assert listed, title  # a dot leader and a number after the entry
        shown = int(re.search(r"(\d+)$", listed[0]).group(1))
        where = [n for n, page in enumerate(pages, start=1) if n > 3 and any(
            re.sub(r"\s+", "", line) == squashed for line in page.splitlines())]
        assert where and where[0] == shown, title
