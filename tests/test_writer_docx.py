"""The DOCX writer: read the file back with python-docx and look at the XML Word will see."""

from __future__ import annotations

import os
import pathlib

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph

from reportgen.docmodel.document import Cell, Document, Heading, PageBreak, Paragraph, Row, Table, Title
from reportgen.writers.docx import docx_bytes, write_docx

TITLE = "深圳市盐田区总工会2022年部门预算公开"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THEME_ATTRS = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
TWIPS_PER_CM = 1440 / 2.54


def income_table() -> Table:
    """Two header bands (a rowspan and a colspan), an indented row, a missing cell, a total."""
    header = [
        Row([Cell("科目编码", rowspan=2), Cell("科目名称", rowspan=2), Cell("本年预算", colspan=2)],
            kind="header"),
        Row([Cell("金额"), Cell("占比")], kind="header"),
    ]
    body = [
        Row([Cell("201"), Cell("一般公共服务支出"), Cell("1,084.51", align="right"),
             Cell("85.16%", align="right")], key="201"),
        Row([Cell("20129"), Cell("群众团体事务", indent=1), Cell("待补充", missing=True), Cell("")],
            key="20129"),
        Row([Cell("合计", colspan=2, align="center"), Cell("1,273.52", align="right"),
             Cell("100.00%", align="right")], kind="total", key="合计"),
    ]
    return Table("income", "表1", "部门收支总表", "编制部门：深圳市盐田区总工会", "单位：万元",
                 header, body, [12, 40, 20, 20], notes=["注：本表按功能分类科目列示。"])


def wide_table(rows: int = 60) -> Table:
    """Ten columns, long enough to run onto a second landscape page."""
    header = [Row([Cell("项目")] + [Cell(f"第{i}列") for i in range(1, 10)], kind="header")]
    body = [
        Row([Cell(f"项目{n}")] + [Cell(f"{n * i:,.2f}", align="right") for i in range(1, 10)])
        for n in range(1, rows + 1)
    ]
    return Table("wide", "表2", "项目支出预算表", "编制部门：深圳市盐田区总工会", "单位：万元",
                 header, body, [20] + [9] * 9, wide=True)


def synthetic_document() -> Document:
    return Document(
        [
            Title(TITLE, "（草案）"),
            Paragraph("草稿，仅供内部审阅", "banner"),
            PageBreak(),
            Heading(1, "第一部分", "部门概况"),
            Heading(2, "一、", "部门主要职责"),
            Paragraph("深圳市盐田区总工会是党领导的工人阶级群众组织。", "body"),
            Heading(3, "（一）", "机构设置"),
            Paragraph("待补充：机构设置情况", "missing"),
            Paragraph("1．本部门无下属单位。", "item"),
            income_table(),
            Paragraph("注：数据来源于部门预算。", "note"),
            PageBreak(),  # directly before a landscape section: the section break is the break
            wide_table(),
            Heading(2, "二、", "名词解释"),
            Paragraph("机关运行经费：为保障行政单位运行用于购买货物和服务的各项资金。"),
        ],
        meta={"title": TITLE, "department": "深圳市盐田区总工会", "year": "2022"},
    )


def expected_texts(document: Document) -> list[str]:
    """Every text a reader sees, in order; table cells as the model lists them."""
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Title):
            out += [block.text, block.subtitle]
        elif isinstance(block, Heading):
            out.append(block.full_text)
        elif isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            out += [block.number, block.title, f"{block.department_line}\t{block.unit_line}"]
            out += [cell.text for row in block.header + block.body for cell in row.cells]
            out += block.notes
    return out


def written_texts(path: pathlib.Path) -> list[str]:
    """The same, read from the file: non-empty paragraphs, and every cell that is not covered."""
    body = docx.Document(str(path)).element.body
    out: list[str] = []
    for child in body:
        if child.tag == qn("w:p"):
            text = DocxParagraph(child, None).text
            if text:
                out.append(text)
        elif child.tag == qn("w:tbl"):
            for tc in child.iter(qn("w:tc")):
                vmerge = tc.find(f"{W}tcPr/{W}vMerge")
                if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
                    continue
                out.append("".join(t.text or "" for t in tc.iter(qn("w:t"))))
    return out


@pytest.fixture
def written(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "report.docx"
    write_docx(synthetic_document(), path)
    return path


def tables(path: pathlib.Path) -> list:
    return docx.Document(str(path)).element.body.findall(qn("w:tbl"))


def tc_props(tc, name: str):
    return tc.find(f"{W}tcPr/{W}{name}")


def test_all_text_round_trips_in_order(written: pathlib.Path) -> None:
    assert written_texts(written) == expected_texts(synthetic_document())


def test_docx_bytes_is_a_docx_package() -> None:
    assert docx_bytes(synthetic_document())[:2] == b"PK"


def test_only_header_rows_repeat_and_no_row_splits(written: pathlib.Path) -> None:
    income, wide = tables(written)
    for tbl, header_rows in ((income, 2), (wide, 1)):
        rows = tbl.findall(qn("w:tr"))
        flags = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows]
        assert flags == [True] * header_rows + [False] * (len(rows) - header_rows)
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows)


def test_colspan_and_rowspan_become_gridspan_and_vmerge(written: pathlib.Path) -> None:
    income = tables(written)[0]
    first, second, *_, total = income.findall(qn("w:tr"))
    top = first.findall(qn("w:tc"))
    assert [tc_props(tc, "vMerge").get(qn("w:val")) for tc in top[:2]] == ["restart", "restart"]
    assert tc_props(top[2], "gridSpan").get(qn("w:val")) == "2"
    below = second.findall(qn("w:tc"))
    assert len(below) == 4  # two continuation cells fill the columns the rowspans cover
    for tc in below[:2]:
        vmerge = tc_props(tc, "vMerge")
        assert vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue")
    assert tc_props(total.findall(qn("w:tc"))[0], "gridSpan").get(qn("w:val")) == "2"
    for tbl in tables(written):
        assert all(tc.find(qn("w:p")) is not None for tc in tbl.iter(qn("w:tc")))


def test_rowspan_in_body_is_continued_in_its_own_column(tmp_path: pathlib.Path) -> None:
    """Row.cells skips covered cells: the next row's cells must shift past the covered column."""
    table = Table("t", "表9", "测试表", "", "", [Row([Cell("甲"), Cell("乙"), Cell("丙")], kind="header")],
                  [Row([Cell("a"), Cell("b", rowspan=3), Cell("c")]),
                   Row([Cell("d"), Cell("e")]),
                   Row([Cell("f"), Cell("g")]),
                   Row([Cell("h"), Cell("i"), Cell("j")])],
                  [1, 1, 1])
    path = tmp_path / "t.docx"
    write_docx(Document([table]), path)
    grid = []
    for tr in tables(path)[0].findall(qn("w:tr")):
        row = []
        for tc in tr.findall(qn("w:tc")):
            vmerge = tc_props(tc, "vMerge")
            text = "".join(t.text for t in tc.iter(qn("w:t")))
            row.append("^" if vmerge is not None and vmerge.get(qn("w:val")) is None else text)
        grid.append(row)
    assert grid == [["甲", "乙", "丙"], ["a", "b", "c"], ["d", "^", "e"], ["f", "^", "g"],
                    ["h", "i", "j"]]


def test_a_row_wider_than_the_grid_is_refused() -> None:
    table = Table("bad", "表9", "坏表", "", "", [], [Row([Cell("a"), Cell("b", colspan=2)])], [1, 1])
    with pytest.raises(ValueError, match="bad"):
        docx_bytes(Document([table]))


def test_tables_have_fixed_widths_filling_the_text_width(written: pathlib.Path) -> None:
    for tbl, text_cm in zip(tables(written), (15.6, 24.6), strict=True):
        tblPr = tbl.find(qn("w:tblPr"))
        assert tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        width = tblPr.find(qn("w:tblW"))
        assert (width.get(qn("w:type")), width.get(qn("w:w"))) == ("pct", "5000")
        cols = [int(c.get(qn("w:w"))) for c in tbl.iter(qn("w:gridCol"))]
        assert sum(cols) == pytest.approx(text_cm * TWIPS_PER_CM, abs=2)
        for tr in tbl.findall(qn("w:tr")):
            col = 0
            for tc in tr.findall(qn("w:tc")):
                span = tc_props(tc, "gridSpan")
                n = int(span.get(qn("w:val"))) if span is not None else 1
                assert int(tc_props(tc, "tcW").get(qn("w:w"))) == sum(cols[col:col + n])
                col += n
            assert col == len(cols)
    income_cols = [int(c.get(qn("w:w"))) for c in tables(written)[0].iter(qn("w:gridCol"))]
    assert income_cols[1] == pytest.approx(income_cols[0] * 40 / 12, abs=2)  # relative widths kept


def test_header_cells_are_shaded_bold_and_total_row_bold(written: pathlib.Path) -> None:
    first, _, _, _, total = tables(written)[0].findall(qn("w:tr"))
    for tc in first.findall(qn("w:tc")):
        assert tc_props(tc, "shd").get(qn("w:fill")) == "D9D9D9"
        assert tc.find(f"{W}p/{W}pPr/{W}jc").get(qn("w:val")) == "center"
        assert tc.find(f"{W}p/{W}r/{W}rPr/{W}b") is not None
    for tc in total.findall(qn("w:tc")):
        assert tc_props(tc, "shd") is None
        assert tc.find(f"{W}p/{W}r/{W}rPr/{W}b") is not None
    assert total.findall(qn("w:tc"))[1].find(f"{W}p/{W}pPr/{W}jc").get(qn("w:val")) == "right"


def test_missing_text_is_bold_red_on_yellow_in_paragraphs_and_cells(written: pathlib.Path) -> None:
    runs = [r for r in docx.Document(str(written)).element.body.iter(qn("w:r"))
            if "待补充" in "".join(t.text for t in r.iter(qn("w:t")))]
    assert len(runs) == 2  # the missing paragraph and the missing cell
    for r in runs:
        rpr = r.find(qn("w:rPr"))
        assert rpr.find(qn("w:b")) is not None
        assert rpr.find(qn("w:color")).get(qn("w:val")) == "FF0000"
        assert rpr.find(qn("w:highlight")).get(qn("w:val")) == "yellow"


def test_styles_name_east_asian_fonts_and_no_theme_fonts(written: pathlib.Path) -> None:
    doc = docx.Document(str(written))
    for name, east_asia in (("Normal", "仿宋_GB2312"), ("Heading 1", "黑体"), ("Heading 2", "黑体"),
                            ("Heading 3", "楷体_GB2312"), ("Title", "方正小标宋简体")):
        rfonts = doc.styles[name].element.find(f"{W}rPr/{W}rFonts")
        assert rfonts.get(qn("w:eastAsia")) == east_asia, name
        assert rfonts.get(qn("w:ascii")) and rfonts.get(qn("w:hAnsi")), name
    styles = doc.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        assert not [a for a in THEME_ATTRS if a in rfonts.attrib]
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_headings_are_black_outline_levels_with_full_text(written: pathlib.Path) -> None:
    doc = docx.Document(str(written))
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        assert style.element.find(f"{W}pPr/{W}outlineLvl").get(qn("w:val")) == str(level - 1)
        color = style.element.find(f"{W}rPr/{W}color")
        assert color.get(qn("w:val")) == "000000" and color.get(qn("w:themeColor")) is None
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [("Heading 1", "第一部分  部门概况"), ("Heading 2", "一、部门主要职责"),
                            ("Heading 3", "（一）机构设置")]


def test_body_paragraphs_indent_two_characters(written: pathlib.Path) -> None:
    normal = docx.Document(str(written)).styles["Normal"].element
    assert normal.find(f"{W}pPr/{W}ind").get(qn("w:firstLineChars")) == "200"
    assert normal.find(f"{W}pPr/{W}jc").get(qn("w:val")) == "both"


def test_pages_are_a4_with_official_margins_and_wide_table_landscape(written: pathlib.Path) -> None:
    sections = docx.Document(str(written)).sections
    assert [s.page_width > s.page_height for s in sections] == [False, True, False]
    first = sections[0]
    assert (round(first.page_width.cm, 1), round(first.page_height.cm, 1)) == (21.0, 29.7)
    assert [round(m.cm, 2) for m in (first.top_margin, first.bottom_margin, first.left_margin,
                                     first.right_margin)] == [3.7, 3.5, 2.8, 2.6]
    assert sections[1].orientation == WD_ORIENT.LANDSCAPE
    assert abs(sections[1].page_width - Cm(29.7)) < Cm(0.01)
    # The landscape section is the one that holds the wide table: its sectPr is the first after it.
    body = docx.Document(str(written)).element.body
    wide = body.findall(qn("w:tbl"))[1]
    following = next(el for el in wide.itersiblings() if el.find(f"{W}pPr/{W}sectPr") is not None)
    pgsz = following.find(f"{W}pPr/{W}sectPr/{W}pgSz")
    assert pgsz.get(qn("w:orient")) == "landscape"
    assert int(pgsz.get(qn("w:w"))) > int(pgsz.get(qn("w:h")))


def test_every_section_shows_a_page_field_in_its_footer(written: pathlib.Path) -> None:
    sections = docx.Document(str(written)).sections
    assert not sections[0].footer.is_linked_to_previous
    for section in sections:
        p = section.footer.paragraphs[0]._p  # linked sections resolve to the first footer
        kinds = [f.get(qn("w:fldCharType")) for f in p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert [i.text.strip() for i in p.iter(qn("w:instrText"))] == ["PAGE"]
        footer_style = section.footer.paragraphs[0].style
        assert footer_style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_page_break_is_kept_except_before_a_section_break(written: pathlib.Path) -> None:
    """A page break is the next paragraph's page break before (tests/test_blank_pages.py)."""
    paragraphs = docx.Document(str(written)).paragraphs
    assert [p.text for p in paragraphs if p.paragraph_format.page_break_before] == ["第一部分  部门概况"]
    # the one after the title; the one before the wide table folds into its section break


def test_core_properties_carry_title_and_language(written: pathlib.Path) -> None:
    props = docx.Document(str(written)).core_properties
    assert (props.title, props.language) == (TITLE, "zh-CN")


def test_write_is_atomic_and_leaves_no_temp_file(tmp_path: pathlib.Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.docx"
    write_docx(synthetic_document(), path)
    write_docx(synthetic_document(), path)  # overwriting works too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
    before = path.read_bytes()

    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_docx(Document([Paragraph("新内容")]), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


def test_a_document_starting_with_a_wide_table_has_no_empty_portrait_page(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "wide.docx"
    write_docx(Document([wide_table(3)]), path)
    sections = docx.Document(str(path)).sections
    assert [s.page_width > s.page_height for s in sections] == [True]


def test_a_two_thousand_row_table_writes(tmp_path: pathlib.Path) -> None:
    header = [Row([Cell(f"列{i}") for i in range(8)], kind="header")]
    body = [Row([Cell(f"{n:07d}"), Cell("项目名称", indent=n % 3)]
                + [Cell(f"{n * 1.5:,.2f}", align="right") for _ in range(6)]) for n in range(2000)]
    table = Table("big", "表9", "大表", "编制部门：测试", "单位：万元", header, body, [10, 30] + [10] * 6)
    path = tmp_path / "big.docx"
    write_docx(Document([table]), path)
    (tbl,) = tables(path)
    rows = tbl.findall(qn("w:tr"))
    assert len(rows) == 2001
    assert "".join(t.text for t in rows[-1].iter(qn("w:t"))).startswith("0001999项目名称")


def test_word_opens_it_in_its_current_mode_and_finds_no_made_up_counts(tmp_path):
    """No 兼容模式 (compatibilityMode 15, not Word 2010's 14), and no page or word counts in
    docProps/app.xml that are the empty template's (1 page, 0 words), not the document's."""
    import re
    import zipfile

    from reportgen.runners.render import render_source

    result = render_source(pathlib.Path(__file__).resolve().parent.parent / "data" / "shenzhen-yantian-zgh-2022.yaml",
                           tmp_path, ("docx",))
    with zipfile.ZipFile(result.outputs[0]) as package:
        settings = package.read("word/settings.xml").decode("utf-8")
        app = package.read("docProps/app.xml").decode("utf-8")
    modes = re.findall(r'w:name="compatibilityMode"[^>]*w:val="(\d+)"', settings)
    assert modes == ["15"]
    assert not re.search(r"<(Pages|Words|Characters|Lines|Paragraphs)>", app)
