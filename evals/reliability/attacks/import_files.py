"""Files for the imports attacks: a small standard in Chinese (simplified and traditional) and
English, and the same standard as PDF, Word and hostile variants, built in memory with the
product's own dependencies (pypdf, python-docx) so the suite needs nothing else."""
from __future__ import annotations

import gzip
import io
import zipfile

ZH_LINES = ["测试企业知识产权管理规范", "1 范围", "本标准规定了测试企业知识产权管理的要求。",
            "1.1 适用对象", "本标准适用于各类测试企业。", "1.2 基本原则",
            "企业应当遵守诚信原则，建立知识产权台账。", "2 管理要求", "2.1 总则",
            "企业应当每年开展一次知识产权自查。"]
TW_LINES = ["測試企業知識產權管理規範", "1 範圍", "本標準規定了測試企業知識產權管理的要求。",
            "1.1 適用對象", "本標準適用於各類測試企業。", "1.2 基本原則",
            "企業應當遵守誠信原則，建立知識產權台帳。", "2 管理要求", "2.1 總則",
            "企業應當每年開展一次知識產權自查。"]
EN_LINES = ["Widget IP Management Standard", "1 Scope",
            "This standard sets IP management requirements for widget makers.",
            "1.1 Application", "It applies to every widget maker.", "1.2 Principles",
            "Enterprises shall keep a register of widget patents and licences.",
            "2 Requirements", "2.1 General", "Enterprises shall audit the register every year."]
# Western European text (Latin-1 can encode it, GBK cannot).
LATIN_LINES = [line.replace("Widget", "Café Widget").replace("every year", "chaque année")
               for line in EN_LINES]
# Chinese and English in one document.
MIXED_LINES = ["测试企业知识产权管理规范 Widget IP Standard", "1 范围", "This standard covers 测试企业.",
               "1.1 适用对象", "It applies to every widget maker 各类测试企业。", "1.2 基本原则",
               "Enterprises shall keep a register 知识产权台账。", "2 管理要求", "2.1 总则",
               "企业应当每年 audit the register."]


def text(lines: list[str], newline: str = "\n") -> str:
    return newline.join(lines) + newline


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(lines: list[str] | None, password: str | None = None) -> bytes:
    """A one-page PDF showing `lines` in Helvetica (None: a page with a drawing and no text, as
    a scan has); encrypted with `password` when given."""
    if lines is None:
        content = b"0.5 g 100 100 300 400 re f"
    else:
        content = ("BT /F1 11 Tf 14 TL 72 800 Td\n"
                   + "".join(f"({_pdf_escape(line)}) Tj T*\n" for line in lines)
                   + "ET").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    if password is None:
        return bytes(out)
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(out))))
    writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx(lines: list[str]) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(unpacked_mb: int) -> bytes:
    """A .docx-shaped zip whose document.xml unpacks to `unpacked_mb` MB of zeros (written in
    chunks, so building it takes little memory)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 1_000_000
            for _ in range(unpacked_mb):
                member.write(chunk)
    return buffer.getvalue()


def billion_laughs_docx() -> bytes:
    """A .docx whose document.xml defines entities that would expand to gigabytes."""
    entities = "".join(f'<!ENTITY e{i} "{"&e%d;" % (i - 1) * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "lol">{entities}]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p></w:body></w:document>")
    return zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": xml.encode()})


def xlsx() -> bytes:
    return zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)


PNG = b"\x89PNG\r\n\x1a\n" + bytes(64) + b"IEND\xaeB`\x82"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64) + b"\xff\xd9"
ELF = b"\x7fELF\x02\x01\x01" + bytes(200)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)
RTF = b"{\\rtf1\\ansi 1 Scope\\par 1.1 Application\\par}"
HTML = b"<!DOCTYPE html>\n<html><body><h1>1 Scope</h1><p>1.1 Application</p></body></html>\n"
