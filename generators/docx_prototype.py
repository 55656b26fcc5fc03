"""New python-docx documents made from one prototype package, read once.

Every document of a package starts as the same blank template (docx_writer._blank_template).
Opening it with python-docx's `Document()` unzips it, reads its relationships and parses every
XML part, among them styles.xml (about 350 KB: Word's latent styles), each time; saving parses
nothing but serializes styles.xml again. That was about a tenth of a package's drafting time.

Here the package is read once (python-docx's PackageReader: its parts as bytes and its
relationships) and each document is unmarshalled from that reader, its styles part left as the
prototype's bytes until something reads or changes the styles (`document.styles`, adding a
style); a document that never does is saved with those bytes, which are what serializing the
parsed part would write (the prototype was itself written by python-docx). Style names are
resolved (`paragraph.style = 'Title'`, `table.style = 'Table Grid'`) against one untouched copy of
the prototype, shared by all the documents made from it, as long as the document's own styles
are untouched; after that against the document's own styles, as python-docx does.
"""
from __future__ import annotations

import io
import threading
from collections.abc import Callable

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.oxml.parser import parse_xml
from docx.package import Package
from docx.parts.styles import StylesPart


class _LazyStylesPart(StylesPart):
    """A styles part parsed on first use of its element; until then its blob is the bytes it
    was read from."""

    def __init__(self, partname, content_type: str, blob: bytes, package) -> None:
        Part.__init__(self, partname, content_type, package=package)
        self._source = blob
        self._parsed = None

    @property
    def _element(self):  # XmlPart keeps its root element here: parse it when first asked for
        if self._parsed is None:
            self._parsed = parse_xml(self._source)
        return self._parsed

    @property
    def touched(self) -> bool:
        """Whether the styles have been read (and so may have been changed)."""
        return self._parsed is not None

    @property
    def blob(self) -> bytes:
        return self._source if self._parsed is None else serialize_part_xml(self._parsed)


def _part(partname, content_type: str, reltype: str, blob: bytes, package) -> Part:
    if content_type == CT.WML_STYLES:
        return _LazyStylesPart(partname, content_type, blob, package)
    return PartFactory(partname, content_type, reltype, blob, package)


class _Prototype:
    """One template package: its reader, and an untouched document to resolve style names."""

    def __init__(self, blob: bytes) -> None:
        self.reader = PackageReader.from_file(io.BytesIO(blob))
        self._pristine = Document(io.BytesIO(blob)).part
        self._style_ids: dict = {}
        self._lock = threading.Lock()  # documents are drafted in several threads (web app)

    def style_id(self, name: str | None, style_type) -> str | None:
        """python-docx's DocumentPart.get_style_id on the untouched prototype (KeyError for a
        style it does not have, as there)."""
        key = (name, style_type)
        with self._lock:
            if key not in self._style_ids:
                self._style_ids[key] = self._pristine.get_style_id(name, style_type)
            return self._style_ids[key]


_PROTOTYPES: dict[bytes, _Prototype] = {}
_LOCK = threading.Lock()


def document_from(template: bytes) -> DocxDocument:
    """A new python-docx Document holding what `template` (the bytes of a .docx written by
    python-docx) holds, as `docx.Document(io.BytesIO(template))` would open it, and saved the
    same; the template is read once for every document made from it."""
    with _LOCK:
        prototype = _PROTOTYPES.get(template)
        if prototype is None:
            prototype = _PROTOTYPES[template] = _Prototype(template)
    package = Package()
    Unmarshaller.unmarshal(prototype.reader, package, _part)
    part = package.main_document_part
    part.get_style_id = _style_lookup(part, prototype)
    return part.document


def _style_lookup(part, prototype: _Prototype) -> Callable:
    own = part.get_style_id
    try:
        styles = part.part_related_by(RT.STYLES)
    except KeyError:  # python-docx adds a default styles part when first asked: not here
        styles = None

    def get_style_id(style_or_name, style_type):
        if isinstance(styles, _LazyStylesPart) and not styles.touched and (
                style_or_name is None or isinstance(style_or_name, str)):
            return prototype.style_id(style_or_name, style_type)
        return own(style_or_name, style_type)

    return get_style_id
