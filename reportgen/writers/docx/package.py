"""Everything that reaches into python-docx's internals, in one place: the base package built once
(and cached across processes), opened with its unchanged XML parts kept as bytes, and saved with
the bulk markup spliced in as text. python-docx is pinned below its next major version for this."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import pathlib
import re
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import serialize_part_xml
from docx.opc.package import Unmarshaller
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory, XmlPart
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from docx.package import Package
from lxml import etree

from reportgen.atomic import write_atomically
from reportgen.writers.docx.styles import USED_STYLES, add_page_number_footer, set_page, setup_styles

BASE_STYLE_IDS: dict[str, str | None] = {}


@functools.cache
def base_package() -> bytes:
    """The empty document every writer starts from: python-docx's template with the styles, the
    first page and its footer set up. Built once per process, or read from the user's cache
    folder where an earlier process built it with the same python-docx and this same module
    (building it took a fifth of a whole `reportgen render` of a small source)."""
    versions = f"{docx.__version__} {etree.LXML_VERSION}\0".encode()
    # the modules the base package is made by: a change to any of them is another base package
    makers = b"".join((pathlib.Path(__file__).parent / name).read_bytes() for name in ("package.py", "styles.py", "ooxml.py"))
    key = hashlib.sha256(versions + makers).hexdigest()[:20]
    folder = _cache_folder()
    package, ids = (folder / f"docx-base-{key}.docx", folder / f"docx-base-{key}.json") if folder else (None, None)
    if package is not None and ids is not None:
        try:
            data, style_ids = package.read_bytes(), json.loads(ids.read_text(encoding="utf-8"))
            if zipfile.is_zipfile(io.BytesIO(data)) and isinstance(style_ids, dict):
                BASE_STYLE_IDS.update(style_ids)
                return data
        except (OSError, ValueError):
            pass
    data, style_ids = _build_base_package()
    BASE_STYLE_IDS.update(style_ids)
    if package is not None and ids is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written costs a build next time
            write_atomically(ids, json.dumps(style_ids).encode())
            write_atomically(package, data)
    return data


def _build_base_package() -> tuple[bytes, dict[str, str | None]]:
    doc = docx.Document()
    setup_styles(doc)
    section = doc.sections[0]
    set_page(section, landscape=False)
    add_page_number_footer(section)
    style_ids = {name: doc.part.get_style_id(doc.styles[name], kind) for name, kind in USED_STYLES.items()}
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue(), style_ids


def _cache_folder() -> pathlib.Path | None:
    """$XDG_CACHE_HOME/reportgen (~/.cache/reportgen), the user's own; None where there is none."""
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache")
                                                 if os.path.expanduser("~") != "~" else "")
    if not base:
        return None
    folder = pathlib.Path(base) / "reportgen"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder


class _SplicedPart:
    """A part as PackageWriter sees it, with the body's bytes given."""

    def __init__(self, part: Part, blob: bytes) -> None:
        self.partname, self.content_type, self.rels, self.blob = part.partname, part.content_type, part.rels, blob


_SPLICE_MARK = re.compile(rb"<!--rg(\d+)-->")


def save_spliced(doc: DocxDocument, chunks: list[str]) -> bytes:
    """``doc.save()`` to bytes, with each ``<!--rgN-->`` of the body replaced by ``chunks[N]``."""
    part = doc.part
    pieces = _SPLICE_MARK.split(serialize_part_xml(part.element))
    for index in range(1, len(pieces), 2):
        pieces[index] = chunks[int(pieces[index])].encode("utf-8")
    body = b"".join(pieces)
    del pieces
    package = part.package
    for each in package.parts:
        each.before_marshal()
    buffer = io.BytesIO()
    PackageWriter.write(buffer, package.rels, [_SplicedPart(p, body) if p is part else p for p in package.parts])
    return buffer.getvalue()


def open_base() -> DocxDocument:
    """The base package opened for one more document, as ``docx.Document(bytes)`` opens it, except
    that XML parts other than the body and the core properties stay the bytes python-docx wrote
    until something asks for their content. The writer never does after base_package: parsing
    and re-serialising the template's 340 KB styles.xml was half the time of a small document."""
    package = Package()
    Unmarshaller.unmarshal(PackageReader.from_file(io.BytesIO(base_package())), package, _base_part)
    return package.main_document_part.document


def _base_part(partname: PackURI, content_type: str, reltype: str, blob: bytes, package: Package) -> Part:
    """python-docx's PartFactory, with the XML parts that do not change kept as bytes."""
    if content_type in (CT.WML_DOCUMENT_MAIN, CT.OPC_CORE_PROPERTIES):
        return PartFactory(partname, content_type, reltype, blob, package)
    part_class = PartFactory.part_type_for.get(content_type, PartFactory.default_part_type)
    if issubclass(part_class, XmlPart):
        return _kept_class(part_class)(partname, content_type, blob, package)
    return part_class.load(partname, content_type, blob, package)


class _KeptXml:
    """Mixin for an XmlPart kept as its serialised bytes: parsed on first use of its element,
    saved as those same bytes while nobody has used it."""

    def __init__(self, partname: PackURI, content_type: str, blob: bytes, package: Package) -> None:
        Part.__init__(self, partname, content_type, package=package)  # type: ignore[arg-type]
        self._kept_blob = blob
        self._parsed = None

    @property
    def _element(self):  # type: ignore[no-untyped-def]
        if self._parsed is None:
            self._parsed = parse_xml(self._kept_blob)
        return self._parsed

    @property
    def blob(self) -> bytes:
        return self._kept_blob if self._parsed is None else serialize_part_xml(self._parsed)


@functools.cache
def _kept_class(part_class: type[XmlPart]) -> type[XmlPart]:
    return type(f"Kept{part_class.__name__}", (_KeptXml, part_class), {})
