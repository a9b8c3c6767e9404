"""The speed-ups change nothing a user can see: each fast path is held against the slow way it
replaced (Babel's formatter, PyYAML's own loader, python-docx's own API), output for output."""

from __future__ import annotations

import io
import math
import random
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax import saxutils

import docx
import pytest
from babel.numbers import format_decimal
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Pt

import reportgen.runners.render as render_module
import reportgen.writers.docx
from bench.synthetic import synthetic_source
from reportgen.base.errors import SourceError
from reportgen.compute import quantize_half_up
from reportgen.compute.phrasing import format_number
from reportgen.docmodel.document import Cell, Document, Heading, PageBreak, Paragraph, Row, Table, Title
from reportgen.reading import yamlsafe
from reportgen.runners.render import document_for, prepare
from reportgen.writers.docx import base as docx_base
from reportgen.writers.docx import blocks as docx_blocks
from reportgen.writers.docx import ooxml
from reportgen.writers.docx import package as docx_package
from reportgen.writers.docx import styles as docx_styles
from reportgen.writers.docx import tables as docx_tables
from reportgen.writers.docx.look import HEADING_POINTS
from reportgen.writers.docx.measure import condensing
from reportgen.writers.docx.table_fit import Geometry, geometry
from reportgen.writers.html import html_string

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data").glob("*.yaml"))
# the shipped layouts' files, whose texts hold "*" and "&" ("{*}主要职能") that are neither anchor nor alias
SHIPPED_YAML = sorted((ROOT / "templates" / "layouts").rglob("*.yaml"))


# -- numbers: Python's formatting against Babel's --------------------------------------------------
def test_format_number_is_babels_zh_cn_output_for_every_pattern_used():
    rng = random.Random(20221)
    values = [Decimal(0), Decimal("-0.004"), Decimal("0.005"), Decimal("999.995"), Decimal("-1234567.891"),
              Decimal("1E+3"), Decimal("12345678901234567890.125")]
    values += [Decimal(rng.randint(-10 ** rng.randint(0, 18), 10 ** rng.randint(0, 18))).scaleb(-rng.randint(0, 8))
               for _ in range(3000)]
    for value in values:
        for decimals in range(5):
            shown = quantize_half_up(value, decimals)
            for thousands in (True, False):
                pattern = ("#,##0" if thousands else "0") + ("." + "0" * decimals if decimals else "")
                babel = format_decimal(shown, format=pattern, locale="zh_CN", decimal_quantization=False)
                assert format_number(shown, decimals, thousands) == babel, (value, decimals, thousands)


# -- YAML: libyaml's events against PyYAML's pure-Python loader --------------------------------
def _marks(value: object) -> tuple[int, int] | None:
    mark = getattr(value, "mark", None)
    return None if mark is None else (mark.line, mark.column)


def assert_same_tree(fast: object, slow: object, path: str = "$") -> None:
    assert type(fast) is type(slow), path
    assert fast == slow, path
    assert _marks(fast) == _marks(slow), path
    if isinstance(slow, dict):
        assert list(fast) == list(slow), path  # type: ignore[arg-type]
        for attr in ("key_marks", "value_marks"):
            assert {k: _marks(v) for k, v in getattr(fast, attr).items()} == \
                   {k: _marks(v) for k, v in getattr(slow, attr).items()}, path
        for key in slow:
            assert_same_tree(fast[key], slow[key], f"{path}.{key}")  # type: ignore[index]
    elif isinstance(slow, list):
        assert [_marks(m) for m in fast.item_marks] == [_marks(m) for m in slow.item_marks], path  # type: ignore[attr-defined]
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            assert_same_tree(a, b, f"{path}[{index}]")


def pure_python_load(text: str) -> object:
    loader = yamlsafe._Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


TRICKY = """\
部门: "引号里的：冒号"
年度: 2022
金额: 1273.52
千分位: "1,273.52"
整数: 0x1F
八进制: 0o17
布尔: [yes, No, true, off]
空: ~
另一个空:
日期: 2021-10-01
显式文字: !!str 2022
显式小数: !!float 12
全角: １２７３．５２
多行: |
  第一行
    缩进的第二行
折叠: >
  一段
  文字
列表: [{科目: 2012901, 基本支出: 1.5}, {科目: "2012906"}]
像数字的: [09, 0123, 0, 00, 1., .5, 1_000, 1e3, 1.5e+3, 1:30, 007.50, -1.5, +3, 0x1F, 0b101, 12.30.4, 1,5, .inf, .nan, "3"]
2022: 整数键
1.50: 小数键
true: 布尔键
星号: ["{部门}主要职能", "{*}主要职能"]   # 注释里的 & 与 *a
和号: 'A & B'
无引号: a&b*c
嵌套:
  - - 1
    - [2, {a: b}]
  - {}
  - []
"""


@pytest.mark.parametrize("source", [*SEEDS, *SHIPPED_YAML, "synthetic", "tricky"],
                         ids=lambda s: getattr(s, "stem", s))
def test_libyaml_reader_gives_the_same_values_and_marks(source):
    if source == "synthetic":
        text = synthetic_source(600)
    elif source == "tricky":
        text = TRICKY
    else:
        text = source.read_text(encoding="utf-8")
    fast = yamlsafe._load_with_libyaml(text, "x.yaml")
    assert fast is not yamlsafe._NOT_LOADED
    assert_same_tree(fast, pure_python_load(text))


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",          # alias: _Loader's own finding
    "a: &x 1\n",                 # an anchor on a scalar, unused
    "a: &x [1]\n",               # … on a sequence
    "a: &x {b: 1}\n",            # … on a mapping
    "&x a: 1\n",                 # … on a key
    "- &x 1\n- *x\n",             # an alias in a sequence
    "a: 1\na: 2\n",              # duplicate key: _Loader's own finding
    "a: 1\n---\nb: 2\n",         # two documents
    "a: [1, 2\n",                # syntax error: _Loader's wording
    "a: !!set {x, y}\n",         # an explicit collection tag
    "a: \x07\n",                 # a character PyYAML's reader refuses
    "? [1, 2]\n: x\n",           # a key that is not a scalar
])
def test_libyaml_reader_leaves_the_doubtful_cases_to_pyyaml(text):
    assert yamlsafe._load_with_libyaml(text, "x.yaml") is yamlsafe._NOT_LOADED


def test_load_yaml_still_reports_duplicates_and_aliases_with_their_lines(tmp_path):
    source = tmp_path / "x.yaml"
    for text, rule, line in (("a: 1\nb:\n  c: 1\n  c: 2\n", "YAML-重复键", 4), ("a: &x 1\nb: *x\n", "YAML-别名", 2)):
        source.write_text(text, encoding="utf-8")
        with pytest.raises(SourceError) as caught:
            yamlsafe.load_yaml(source)
        assert (caught.value.findings[0].rule, caught.value.findings[0].line) == (rule, line)


def test_empty_source_loads_as_nothing_both_ways():
    assert yamlsafe._load_with_libyaml("", "x.yaml") is None
    assert pure_python_load("") is None


# -- DOCX: the fast writer against python-docx's own API ---------------------------------------
def _reference_tc(cell: Cell, row: Row, is_header: bool, widths: list[int], merge: str | None, size: str = "") -> str:
    """A cell as the writer built it before its markup was cached (``size``: the run size of a
    table set smaller)."""
    pr = [f'<w:tcW w:w="{sum(widths)}" w:type="dxa"/>']
    if len(widths) > 1:
        pr.append(f'<w:gridSpan w:val="{len(widths)}"/>')
    if merge == "restart":
        pr.append('<w:vMerge w:val="restart"/>')
    elif merge == "continue":
        pr.append("<w:vMerge/>")
    if is_header:
        pr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{docx_tables.HEADER_FILL}"/>')
    pr.append('<w:vAlign w:val="center"/>')
    ppr = ['<w:pStyle w:val="TableText"/>']
    if cell.indent > 0 and not is_header:
        twips = round(cell.indent * docx_styles.TABLE_SIZE.pt * 20)
        ppr.append(f'<w:ind w:leftChars="{int(cell.indent) * 100}" w:left="{twips}"/>')
    ppr.append(f'<w:jc w:val="{"center" if is_header else ooxml.JC.get(cell.align, "left")}"/>')
    run = ""
    if cell.text:
        if cell.missing:
            rpr = ooxml.MISSING_RPR.replace("<w:highlight", size + "<w:highlight")
        elif is_header or cell.bold or row.kind in ("total", "subtotal"):
            rpr = "<w:b/>" + size
        else:
            rpr = size
        # a tab is w:tab and a line break (LF, CR or CRLF) w:br, in cells as in paragraphs
        parts = ["<w:tab/>" if part == "\t" else "<w:br/>" if part in ("\r\n", "\r", "\n")
                 else f'<w:t xml:space="preserve">{saxutils.escape(part)}</w:t>' if part else ""
                 for part in re.split(r"(\r\n|[\t\r\n])", ooxml.clean(cell.text))]
        run = f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{''.join(parts)}</w:r>"
    return f"<w:tc><w:tcPr>{''.join(pr)}</w:tcPr><w:p><w:pPr>{''.join(ppr)}</w:pPr>{run}</w:p></w:tc>"


class ReferenceWriter:
    """The disclosure as python-docx's own API writes it, step by step: a fresh template set up
    per document, doc.add_paragraph(text, style=name), doc.add_section, doc.add_table, runs and
    tab stops through their proxies. The writer writes text instead, and must give the same."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        docx_base.strip_template_leftovers(self.doc)
        docx_styles.setup_styles(self.doc)
        section = self.doc.sections[0]
        self.pages: dict[bool, int] = {}  # each orientation's text width, as its section has it
        for landscape in (True, False):
            docx_styles.set_page(section, landscape=landscape)
            self.pages[landscape] = Emu(section.page_width - section.left_margin - section.right_margin).twips
        docx_styles.add_page_number_footer(section)
        self.landscape = False
        self.break_due = False  # a PageBreak met: the next paragraph (or table) starts the new page
        self.fresh = True  # nothing on the page yet
        self.laid: dict[int, Geometry] = {}
        self.smallest, self.body_points = Document([]).table_smallest, Document([]).body_points

    def render(self, document: Document):  # type: ignore[no-untyped-def]
        self.smallest, self.body_points = document.table_smallest, document.body_points
        for index, block in enumerate(document.blocks):
            if not isinstance(block, PageBreak):
                # the writer's own decisions of page (a heading on its table's), size and widths
                # (docx/table_fit.py), written here through the API
                leading = docx_blocks._leading(document.blocks, index)
                self.place(isinstance(leading, Table) and self.geometry(leading).landscape)
            if isinstance(block, Title):
                self.add(block.text, "Title")
                if block.subtitle:
                    self.add(block.subtitle, "Subtitle")
            elif isinstance(block, Heading):
                level = min(max(block.level, 1), 5)
                points = HEADING_POINTS if level <= 3 else self.body_points
                self.closer(self.add(block.full_text, f"Heading {level}"), block.full_text, points, 0 if level == 1 else 2)
            elif isinstance(block, Paragraph):
                if block.role == "missing":
                    paragraph = self.add("", "Normal")
                    paragraph._p.append(parse_xml(f"<w:p {nsdecls('w')}>{ooxml.run_xml(block.text, ooxml.MISSING_RPR)}</w:p>")[0])
                else:
                    self.add(block.text, {"note": "Note", "banner": "Banner"}.get(block.role, "Normal"))
            elif isinstance(block, Table):
                self.table(block)
            if isinstance(block, PageBreak):
                self.break_due = self.break_due or not self.fresh
            self.fresh = isinstance(block, PageBreak)
        props = self.doc.core_properties
        title = document.meta.get("title") or next((b.text for b in document.blocks if isinstance(b, Title)), "")
        props.title = ooxml.core_property(title)
        props.language = "zh-CN"
        props.author = ooxml.core_property(document.meta.get("department", "")) or "reportgen"
        props.last_modified_by = "reportgen"
        props.subject = ooxml.core_property(" ".join(v for v in (document.meta.get("department", ""), document.meta.get("year", "")) if v))
        props.comments = ""
        props.created = props.modified = docx_package.document_time(document.meta.get("year")).replace(tzinfo=None)
        return self.doc

    def add(self, text: str, style: str):  # type: ignore[no-untyped-def]
        # python-docx breaks a line at CR and at LF alike, so a Windows CRLF would break it
        # twice: the writers take CRLF as the one line break it is
        paragraph = self.doc.add_paragraph(ooxml.clean(text).replace("\r\n", "\n"), style=style)
        self.new_page(paragraph)
        return paragraph

    def new_page(self, paragraph) -> None:  # type: ignore[no-untyped-def]
        """A page break due: the paragraph's page break before."""
        if self.break_due:
            paragraph.paragraph_format.page_break_before = True
            self.break_due = False

    def geometry(self, block: Table) -> Geometry:
        if id(block) not in self.laid:
            self.laid[id(block)] = geometry(block, self.pages, docx_tables.column_ems(block), self.smallest)
        return self.laid[id(block)]

    def closer(self, paragraph, text: str, points: float, indent: int = 0) -> None:  # type: ignore[no-untyped-def]
        """The writer's closer character spacing (measure.condensing) where a heading or a table
        title would leave one character alone, set on its run: python-docx has no API for w:spacing."""
        closer = condensing(ooxml.clean(text), self.pages[self.landscape] / (points * 20) - indent)
        if closer and paragraph.runs:
            spacing = OxmlElement("w:spacing")
            spacing.set(qn("w:val"), str(-math.ceil(closer * points * 20)))
            paragraph.runs[0]._r.get_or_add_rPr().append(spacing)

    def place(self, landscape: bool) -> None:
        if landscape == self.landscape:
            return
        self.break_due = False  # the section break starts the new page
        body = self.doc.element.body
        if len(body) == 1:
            section = self.doc.sections[0]
        else:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        docx_styles.set_page(section, landscape=landscape)
        self.landscape = landscape

    def table(self, block: Table) -> None:
        section = self.doc.sections[-1]
        text_width = Emu(section.page_width - section.left_margin - section.right_margin)
        if block.number:
            self.add(block.number, "Table Number")
        if block.title:
            self.closer(self.add(block.title, "Table Title"), block.title, HEADING_POINTS)
        if block.department_line or block.unit_line:
            line = self.add("", "Table Unit Line")
            line.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
            line.add_run(ooxml.clean(block.department_line))
            if block.unit_line:
                line.add_run("\t" + ooxml.clean(block.unit_line))
        parts, widths = [], []
        if block.header or block.body:
            laid = self.geometry(block)
            widths = laid.widths
            parts = docx_tables.row_parts(block, widths, laid.points)
        for index, rows in enumerate(parts):
            if index:  # the paragraph between a table's parts: empty, a point high, kept with the next
                gap = self.add("", "Normal")
                form = gap.paragraph_format
                form.keep_with_next = True
                form.space_before = form.space_after = Pt(0)
                form.line_spacing = Pt(1)
                form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                form.first_line_indent = Pt(0)
                ppr = gap._p.get_or_add_pPr()
                grid = OxmlElement("w:snapToGrid")
                grid.set(qn("w:val"), "0")
                ppr.find(qn("w:spacing")).addprevious(grid)
                mark = OxmlElement("w:rPr")
                for tag in ("w:sz", "w:szCs"):
                    size = OxmlElement(tag)
                    size.set(qn("w:val"), "2")
                    mark.append(size)
                ppr.append(mark)
            table = self.doc.add_table(rows=0, cols=block.column_count)
            table.style = self.doc.styles["Table Grid"]
            tbl = table._tbl
            width = OxmlElement("w:tblW")
            width.set(qn("w:w"), "5000")
            width.set(qn("w:type"), "pct")
            jc = OxmlElement("w:jc")
            jc.set(qn("w:val"), "center")
            layout = OxmlElement("w:tblLayout")
            layout.set(qn("w:type"), "fixed")
            tbl.tblPr.remove(tbl.tblPr.find(qn("w:tblW")))
            tbl.tblPr.find(qn("w:tblStyle")).addnext(width)
            width.addnext(jc)
            tbl.tblPr.find(qn("w:tblLook")).addprevious(layout)
            for col in list(tbl.tblGrid):
                tbl.tblGrid.remove(col)
            for w in widths:
                col = OxmlElement("w:gridCol")
                col.set(qn("w:w"), str(w))
                tbl.tblGrid.append(col)
            tbl.extend(parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>"))
            self.new_page(table.rows[0].cells[0].paragraphs[0])  # a table that starts a page: its first cell
        for note in block.notes:
            self.add(note, "Note")


def package_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def reference_docx(document: Document, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(docx_tables, "_tc", _reference_tc)
        buffer = io.BytesIO()
        ReferenceWriter().render(document).save(buffer)
        return buffer.getvalue()


def tricky_document() -> Document:
    texts = ["  leading spaces", "trailing\u3000", "tab\there", "two\nlines\r\nand CRLF", "a & b < c > d",
             "控制\x07字符", "\t", ""]
    wide = Table("wide", "表2", "宽表", "部门：x", "单位：元", [Row([Cell("a", colspan=2), Cell("b", rowspan=2)], "header"),
                                                              Row([Cell("c"), Cell("d")], "header")],
                 [Row([Cell("1\n2", indent=1), Cell("x & y", bold=True), Cell("待补充", missing=True)], "total"),
                  Row([Cell("CR\ralone"), Cell("CRLF\r\nin a cell"), Cell(" \t ")])],
                 [1, 1, 1], notes=["注：表注"], wide=True)
    narrow = Table("narrow", "", "", "", "", [], [Row([Cell("only")])], [1])
    blocks = [Title("标题", "副标题"), Paragraph("草稿横幅", "banner"), Heading(1, "第一部分", "概况"),
              *(Paragraph(t) for t in texts), Paragraph("待补充：x", "missing"), Paragraph("注", "note"),
              PageBreak(), wide, Paragraph("item", "item"), PageBreak(), narrow, Heading(2, "一、", "末节"),
              PageBreak(), PageBreak(), Table("first", "", "", "", "", [], [Row([Cell("a page's first", indent=1)])], [1]),
              PageBreak(), Paragraph("待补充：y", "missing"), PageBreak()]
    return Document(blocks, meta={"title": "标题", "department": "部门", "year": "2022"})


@pytest.mark.parametrize("source", [*SEEDS, "synthetic", "tricky"], ids=lambda s: getattr(s, "stem", s))
def test_docx_writer_writes_what_python_docx_api_writes(source, monkeypatch, tmp_path):
    if source == "tricky":
        document = tricky_document()
    else:
        if source == "synthetic":
            source = tmp_path / "synthetic.yaml"
            source.write_text(synthetic_source(300), encoding="utf-8")
        prepared = prepare(source)
        document = document_for(prepared, draft=True)
    # the reference writer has no 目录 (PAGEREF fields and bookmarks: tests/test_toc_pages.py checks them)
    # and sets the default body size (a layout's 正文字号/正文行距: tests/test_body_size.py)
    document.contents, document.contents_title = [], ""
    document.body_points, document.body_line = Document([]).body_points, Document([]).body_line
    # nor a layout's pages (a cover, the 目录 alone, parts on new pages: tests/test_published_pages.py)
    document.cover, document.contents_alone, document.new_page_levels = None, False, frozenset()
    fast = package_parts(docx_blocks.docx_bytes(document))
    slow = package_parts(reference_docx(document, monkeypatch))
    assert list(fast) == list(slow)
    for name in slow:
        if name not in ("docProps/app.xml", "word/fontTable.xml"):  # python-docx has no API for them: below
            assert fast[name] == slow[name], name
    assert fast["word/fontTable.xml"] == docx_base.font_table(slow["word/fontTable.xml"].decode("utf-8"))
    app = fast["docProps/app.xml"].decode("utf-8")
    assert "<Application>reportgen</Application>" in app and "Macintosh" not in app
    assert f"<Company>{document.meta['department']}</Company>" in app


# -- templates: compiled once, recompiled when edited --------------------------------------------
def test_an_edited_template_is_compiled_again(tmp_path):
    source = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
    custom = tmp_path / "tpl"
    custom.mkdir()
    glossary = (ROOT / "templates" / "narrative" / "glossary.j2").read_text(encoding="utf-8")
    page = (ROOT / "templates" / "page.html.j2").read_text(encoding="utf-8")
    prepared = prepare(source)
    for version in ("甲版", "乙版"):
        (custom / "glossary.j2").write_text(glossary.replace("名词解释", f"名词解释（{version}）"), encoding="utf-8")
        (custom / "page.html.j2").write_text(page.replace("<body", f"<!-- {version} --><body", 1), encoding="utf-8")
        html = html_string(document_for(prepared, [custom]), [custom])
        assert f"名词解释（{version}）" in html and f"<!-- {version} -->" in html


# -- the DOCX written in a forked process, beside the HTML -------------------------------------
def _outputs(folder: Path) -> dict[str, object]:
    return {p.name: package_parts(p.read_bytes()) if p.suffix == ".docx" else p.read_bytes()
            for p in sorted(folder.iterdir())}


def test_a_large_document_writes_its_docx_in_a_child_and_the_same_files(tmp_path, monkeypatch):
    source = tmp_path / "synthetic.yaml"
    source.write_text(synthetic_source(400), encoding="utf-8")
    document = document_for(prepare(source))
    monkeypatch.setattr(render_module, "PARALLEL_FROM_ROWS", 1)
    assert render_module._worth_a_fork(document)
    forked = render_module.write_outputs(document, tmp_path / "forked", "x", ("docx", "html"))
    monkeypatch.setattr(render_module, "PARALLEL_WRITERS", False)
    render_module.write_outputs(document, tmp_path / "plain", "x", ("docx", "html"))
    assert [p.name for p in forked] == ["x.docx", "x.html"]
    assert _outputs(tmp_path / "forked") == _outputs(tmp_path / "plain")


def test_a_failure_in_the_child_is_raised_here_and_leaves_nothing(tmp_path, monkeypatch):
    document = tricky_document()

    def full_disk(document, path):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render_module, "PARALLEL_FROM_ROWS", 1)
    monkeypatch.setattr(reportgen.writers.docx, "write_docx", full_disk)  # the child is forked: it sees this
    out = tmp_path / "out"
    with pytest.raises(OSError) as caught:
        render_module.write_outputs(document, out, "x", ("docx", "html"))
    assert caught.value.errno == 28
    assert not out.exists()


# -- the DOCX base package, built once and kept in the user's cache ----------------------------
def test_base_package_is_cached_and_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    docx_package._base_of.cache_clear()
    try:
        built = docx_package.base()
        cached = sorted((tmp_path / "reportgen").glob("docx-base-*"))
        assert len(cached) == 1
        docx_package._base_of.cache_clear()
        assert docx_package.base() == built  # read back
        cached[0].write_bytes(b"not a pickle")
        docx_package._base_of.cache_clear()
        assert docx_package.base() == built  # rebuilt
        assert package_parts(docx_blocks.docx_bytes(tricky_document()))
    finally:
        docx_package._base_of.cache_clear()


def test_stale_cache_entries_are_pruned_and_nothing_else_is(tmp_path, monkeypatch):
    """An entry whose key went stale (an upgrade, an edited code table) and that no process has used
    for UNUSED_DAYS is removed when a new entry of its kind is written (the first such write of a day in a
    process, and of a day over all processes by the kind's stamp: the walk of a folder of thousands of entries was
    made at every write, then once a kind in every process); an entry still in use, the other kinds' entries and
    files reportgen did not write stay."""
    import os
    import time

    from reportgen.base import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(cache, "_PRUNED", {})  # (a process that has pruned nothing yet)
    folder = tmp_path / "reportgen"
    month = time.time() - (cache.UNUSED_DAYS + 1) * 86400
    made = tmp_path / "made-from"
    made.write_bytes(b"v1")
    key = cache.key_of(b"v1")
    cache.store("thing", key, 1, cache.JSON)  # as an earlier process kept it
    used = folder / f"thing-{key}.cache"
    stale = folder / f"thing-{'a' * 20}.cache"
    legacy = folder / f"thing-{'d' * 20}.pickle"  # an earlier version's entry: never read, pruned alike
    other = folder / f"other-{'c' * 20}.cache"
    mine = folder / "thing-notes.cache"  # not a name this module writes
    assert (folder / ".pruned-thing").is_file()  # the first write of things: pruned, stamped
    for path in (stale, legacy, other, mine):
        path.write_bytes(b"x")
        os.utime(path, (month, month))
    os.utime(used, (month, month))
    assert cache.kept("thing", [made], lambda: 2) == 1  # read back: dated as used, nothing pruned
    assert used.stat().st_mtime > month + 86400 and stale.exists() and legacy.exists()
    made.write_bytes(b"v2")
    monkeypatch.setattr(cache, "_PRUNED", {})  # (a process that has not pruned today, as the next one)
    assert cache.kept("thing", [made], lambda: 3) == 3  # the next process the same day: the folder not walked
    assert stale.exists() and legacy.exists()
    made.write_bytes(b"v2b")
    monkeypatch.setattr(cache, "_PRUNED", {})
    yesterday = time.time() - 86400 - 60
    os.utime(folder / ".pruned-thing", (yesterday, yesterday))  # (its stamp: the last pruning of things a day ago)
    assert cache.kept("thing", [made], lambda: 3) == 3  # a new entry: the unused ones go
    assert not stale.exists() and not legacy.exists()
    assert used.exists() and other.exists() and mine.exists()
    for path in (stale, legacy):
        path.write_bytes(b"x")
        os.utime(path, (month, month))
    made.write_bytes(b"v3")
    assert cache.kept("thing", [made], lambda: 4) == 4  # the same process, the same day: the folder not walked again
    assert stale.exists() and legacy.exists()


def test_base_package_is_the_same_bytes_whenever_it_is_built(monkeypatch):
    # python-docx dates each zip entry with the moment it saves; the base must not carry that
    import time

    built = []
    for moment in (1_700_000_000, 1_800_000_007):
        monkeypatch.setattr(time, "time", lambda moment=moment: float(moment))
        built.append(docx_package._build())
    assert built[0].package == built[1].package
    assert built[0] == built[1]


def test_a_render_imports_neither_python_docx_nor_lxml_once_the_base_is_cached(tmp_path):
    import subprocess
    import sys

    source = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    script = ("import sys, pathlib; from reportgen.runners.render import render_source; "
              f"render_source(pathlib.Path({str(source)!r}), pathlib.Path({str(tmp_path / 'out')!r})); "
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml')))")
    first = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert "docx" in first.stdout  # the first render builds the base
    again = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert again.stdout.strip() == "[]", again.stdout
    assert (tmp_path / "out" / "shenzhen-yantian-zgh-2022.docx").exists()


# -- records: the dataclasses' repr and equality written once ----------------------------------
def test_records_compare_and_show_as_generated_dataclasses_do():
    import dataclasses

    from reportgen.docmodel.model import Compared

    # the same fields, with the methods @dataclass generates
    Generated = dataclasses.make_dataclass(  # noqa: N806
        "Generated", [(f.name, f.type, dataclasses.field(default=f.default)) for f in dataclasses.fields(Compared)])

    a, b = Compared(Decimal("1.50"), Decimal("1")), Compared(Decimal("1.5"), Decimal("1"))
    assert a == b and a != Compared(Decimal("1.5"), None) and a != "x"
    assert repr(a).removeprefix("Compared") == repr(Generated(Decimal("1.50"), Decimal("1"))).split("Generated", 1)[1]
    with pytest.raises(TypeError):
        hash(a)
    cell = Cell("1", colspan=2)
    assert cell == Cell("1", colspan=2) and cell != Cell("1") and "colspan=2" in repr(cell)


def test_frozen_records_hash_compare_and_show_as_generated_frozen_dataclasses_do():
    import dataclasses

    from reportgen.base.errors import Finding

    Generated = dataclasses.make_dataclass(  # noqa: N806
        "Generated", [(f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory,
                                                        repr=f.repr, hash=f.hash, compare=f.compare))
                      for f in dataclasses.fields(Finding)], frozen=True)
    args = ("error", "R-合计", "合计不等", "x.yaml", 3)
    finding, generated = Finding(*args), Generated(*args)
    assert finding == Finding(*args) and finding != Finding("warning", *args[1:]) and finding != "x"
    assert hash(finding) == hash(generated) and len({finding, Finding(*args)}) == 1
    assert repr(finding).removeprefix("Finding") == repr(generated).removeprefix("Generated")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.line = 4  # type: ignore[misc]
