"""The DOCX package as text: the base package (python-docx's template with our styles, first page
and footer; built by base.py, the one module that uses python-docx to write) kept in the user's
cache with what a writer needs to write on it, and the package saved with its body and core
properties replaced. A render imports neither python-docx nor lxml once the cache holds the base;
python-docx is pinned below its next major version, since the cached pieces are its output."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import struct
from datetime import UTC, datetime
from pathlib import Path

from reportgen.base import cache
from reportgen.base.cache import Shape
from reportgen.base.errors import EnvironmentValueError
from reportgen.writers.docx.ooxml import escape
from reportgen.writers.docx.zipped import (
    APP_PART,
    CORE_DATES,
    CORE_PART,
    CORE_PROPERTIES,
    DOCUMENT_PART,
    FIRST_SECOND,
    LAST_SECOND,
    Base,
    Entry,
    assemble,
    core_marker,
)


def _made_from() -> list[Path]:
    here = Path(__file__).parent
    made = [here / name for name in ("package.py", "zipped.py", "base.py", "styles.py", "ooxml.py", "look.py")]
    # python-docx's and lxml's versions (their __init__ says it), found without importing them
    for module in ("docx", "lxml"):
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin:
            made.append(Path(spec.origin))
    return made


DEFAULT_LOOK = (14.0, 28.0)  # the body's size and exact line (points) of the default layout


def base(body_points: float = DEFAULT_LOOK[0], body_line: float | None = DEFAULT_LOOK[1]) -> Base:
    """The base, built once per process or read back from the user's cache, where an earlier
    process built it with the same python-docx, lxml and writer modules (building it took a
    fifth of a whole `reportgen render` of a small source, and importing python-docx as much);
    one for each body size and line a layout sets (正文字号, 正文行距; None: single spacing).
    ``base()`` and ``base(14.0, 28.0)`` are the same base, read once (a render asked for both and
    read and checked the cache entry twice)."""
    return _base_of((body_points, body_line))


@functools.cache
def _base_of(look: tuple[float, float | None]) -> Base:
    body_points, body_line = look
    name = "docx-base" if look == DEFAULT_LOOK else f"docx-look-{round(body_points * 2)}-{round(body_line * 2) if body_line else 'single'}"
    return cache.kept(name, _made_from(), functools.partial(_build, body_points, body_line), BASE_FORM)


def _build(body_points: float = DEFAULT_LOOK[0], body_line: float | None = DEFAULT_LOOK[1]) -> Base:
    from reportgen.writers.docx.base import build_base  # deferred: python-docx (56 ms at start-up), cache misses only

    return build_base(body_points, body_line)


# -- the base as the cache keeps it: a line of JSON (every field but bytes, and where in the
# package each entry's compressed bytes lie), then the package's bytes as they are --------------


def _base_bytes(value: Base) -> bytes:
    entries = []
    at = 0
    for entry in value.entries:  # in the package's order, each a local header and its bytes
        name_length, extra_length = struct.unpack("<HH", value.package[at + 26:at + 30])
        begin = at + 30 + name_length + extra_length
        if value.package[begin:begin + len(entry.data)] != entry.data:
            raise ValueError(f"base package entry {entry.name}: not where its header says")
        entries.append([entry.name, entry.flags, entry.time, entry.crc, entry.size, entry.external, entry.made_by,
                        begin, len(entry.data)])
        at = begin + len(entry.data)
    fields = {
        "style_ids": value.style_ids,
        "text_twips": [value.text_twips[False], value.text_twips[True]],
        "sections": {state: list(pair) for state, pair in value.sections.items()},
        "tabs": [value.tabs[False], value.tabs[True]],
        "document": list(value.document),
        "core": value.core,
        "app": value.app,
        "entries": entries,
    }
    head = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return head + b"\n" + value.package


def _base_from_bytes(data: bytes) -> Base:
    """The Base of :func:`_base_bytes`; anything of another shape raises (a miss)."""
    head, newline, package = data.partition(b"\n")
    fields = json.loads(head) if newline else None
    if not (isinstance(fields, dict) and set(fields) == _BASE_FIELDS and _fields_fit(fields)):
        raise Shape("not a DOCX base")
    twips, sections, tabs, document = fields["text_twips"], fields["sections"], fields["tabs"], fields["document"]
    return Base(package=package, style_ids=fields["style_ids"], text_twips={False: twips[0], True: twips[1]},
                sections={state: (pair[0], pair[1]) for state, pair in sections.items()},
                tabs={False: tabs[0], True: tabs[1]}, document=(document[0], document[1]), core=fields["core"],
                entries=tuple(_entry(item, package) for item in fields["entries"]), app=fields["app"])


def _fields_fit(fields: dict[str, object]) -> bool:
    """Every field of a cached base is of the type and length a Base holds."""
    return (_style_ids_fit(fields["style_ids"])
            and _all(fields["text_twips"], int, 2) and _all(fields["tabs"], str, 2) and _all(fields["document"], str, 2)
            and isinstance(fields["core"], str) and isinstance(fields["app"], str)
            and _sections_fit(fields["sections"]) and isinstance(fields["entries"], list))


def _style_ids_fit(style_ids: object) -> bool:
    """A cached base's style ids: a mapping of each style's name to its id, or None where the base has none."""
    return isinstance(style_ids, dict) and all(v is None or isinstance(v, str) for v in style_ids.values())


def _sections_fit(sections: object) -> bool:
    """A cached base's sections: a mapping of each state to its pair of texts."""
    return isinstance(sections, dict) and all(_all(pair, str, 2) for pair in sections.values())


def _entry(item: object, package: bytes) -> Entry:
    """One entry of a cached base: nine numbers locating its bytes in ``package``; else a miss."""
    if not (isinstance(item, list) and len(item) == 9 and isinstance(item[0], str) and _all(item[1:], int, 8)
            and all(0 <= n < 1 << 32 for n in item[1:]) and item[7] + item[8] <= len(package)):
        raise Shape("not a DOCX base entry")
    name, flags, when, crc, size, external, made_by, begin, length = item
    return Entry(name, flags, when, crc, size, external, made_by, package[begin:begin + length])


def _all(items: object, kind: type, count: int) -> bool:
    """``items`` is a list of ``count`` values of exactly ``kind`` (no bool for int)."""
    return isinstance(items, list) and len(items) == count and all(type(item) is kind for item in items)


_BASE_FIELDS = {"style_ids", "text_twips", "sections", "tabs", "document", "core", "app", "entries"}
BASE_FORM = cache.Form(_base_bytes, _base_from_bytes, "docx-base-1")


def base_package() -> bytes:
    """The empty document every writer starts from."""
    return base().package


def core_xml(values: dict[str, str], when: datetime) -> str:
    """docProps/core.xml with ``values`` (by CORE_PROPERTIES' names) as its properties, created
    and modified ``when``."""
    text = base().core
    for name in CORE_PROPERTIES:
        text = text.replace(core_marker(name), _text(values.get(name, "")))
    for name in CORE_DATES:
        text = text.replace(core_marker(name), when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return text


def document_time(year: str | int | None) -> datetime:
    """When a document was made, for its properties, its zip entries and its tracked changes: the
    moment SOURCE_DATE_EPOCH names (reproducible builds; :func:`source_date_epoch`), else 1 January
    of the budget year — so that the same source gives the same bytes on any day."""
    moment = source_date_epoch()
    if moment is not None:
        return moment
    try:
        return datetime(min(max(int(year or 0), 1980), 2107), 1, 1, tzinfo=UTC)
    except ValueError:
        return datetime(1980, 1, 1, tzinfo=UTC)


def source_date_epoch() -> datetime | None:
    """The moment $SOURCE_DATE_EPOCH names, the one place it is read: None when it is unset or
    empty. Any other value must be ASCII digits (int() would take full-width and other scripts'
    digits too) of a second up to 2107-12-31 UTC, the last a zip entry can hold (a moment before
    1980, its first, such as the 0 many build systems export, is taken as 1980-01-01); else
    EnvironmentValueError, whose message names the variable and what is expected. Commands check
    it before any work (:func:`epoch_problem`), so a bad value writes nothing."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    text = (raw or "").strip(" \t\r\n")
    if not text:
        return None
    digits = text.lstrip("0") or "0"
    reason = _epoch_fault(text, digits)
    if not reason:  # before 1980 (0 is what many build systems export): the earliest moment a zip can hold
        return datetime.fromtimestamp(max(int(digits), FIRST_SECOND), UTC)
    raise EnvironmentValueError(
        f"环境变量 SOURCE_DATE_EPOCH 应为 2107 年底以前的 Unix 时间（自 1970-01-01 UTC 起的秒数，只用 ASCII "
        f"数字 0–9，如 1700000000），现为“{_shown(raw or '')}”，{reason}：请改正，或取消设置（unset SOURCE_DATE_EPOCH）")


def _epoch_fault(text: str, digits: str) -> str:
    """Why $SOURCE_DATE_EPOCH's ``text`` (``digits``: without its leading zeros) is no second a zip entry can hold:
    not ASCII digits, a negative number, after 2107; '' where it is one."""
    if not (text.isascii() and text.isdigit()):
        negative = text[:1] == "-" and text[1:].isascii() and text[1:].isdigit()
        return "是负数，早于 1980 年" if negative else "含有 ASCII 数字 0–9 以外的字符"
    if len(digits) > 10 or int(digits) > LAST_SECOND:
        return "晚于 2107-12-31"
    return ""


def epoch_problem() -> str:
    """The message for a SOURCE_DATE_EPOCH that cannot be used, or '' (unset, empty or good)."""
    try:
        source_date_epoch()
    except EnvironmentValueError as exc:
        return exc.message
    return ""


def _shown(value: str) -> str:
    """A value as a message may quote it: escaped where it is not printable, shortened."""
    shown = value if value.isprintable() else value.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= 40 else shown[:40] + "…"


def _text(value: str) -> str:
    """A text node as lxml writes it: &, < and > escaped, and CR as a reference."""
    return escape(value).replace("\r", "&#13;")


def app_xml(company: str) -> str:
    """docProps/app.xml naming reportgen as the application and ``company`` (the department)."""
    return base().app.replace(core_marker("company"), _text(company))


def save(body: str, closing: str, core: str, when: datetime, app: str | None = None,
         update_fields: bool = False, made: Base | None = None) -> bytes:
    """The base package with ``body`` (the body's content) and ``closing`` (its last w:sectPr) as
    word/document.xml and ``core`` as docProps/core.xml; every other part as it is, in its order,
    its compressed bytes copied rather than compressed again; every entry dated ``when``.
    ``update_fields``: word/settings.xml asks Word to update the fields on opening (a 目录's
    page numbers, until writers/contents_pages.py fills them and drops the request). ``made``: the base the body was written for (the default's when None)."""
    made = made or base()
    head, tail = made.document
    replaced = {DOCUMENT_PART: (head + body + closing + tail).encode("utf-8"), CORE_PART: core.encode("utf-8")}
    if app is not None:
        replaced[APP_PART] = app.encode("utf-8")
    if update_fields:
        replaced[SETTINGS_PART] = _settings_updating_fields()
    return assemble(made.entries, replaced, when)


SETTINGS_PART = "word/settings.xml"


@functools.cache
def _settings_updating_fields() -> bytes:
    """The base's word/settings.xml with w:updateFields, in its place in the schema's order (just
    before w:compat, the first of the elements after it that the base has)."""
    import io  # deferred: for a document with a 目录 only
    import zipfile  # deferred: 3 ms at start-up, for a document with a 目录 only

    with zipfile.ZipFile(io.BytesIO(base().package)) as package:
        settings = package.read(SETTINGS_PART).decode("utf-8")
    return settings.replace("<w:compat>", '<w:updateFields w:val="true"/><w:compat>', 1).encode("utf-8")


