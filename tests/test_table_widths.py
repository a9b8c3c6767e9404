"""Tables that read cleanly (issue “Ready to publish”, part 2): column widths follow the content, so
that no amount breaks inside a number — measured on the DOCX's own geometry for every table of
every source (in its default layout and the Shanghai layout), and in LibreOffice's printed PDF."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from reportgen.readers.office.docx import read_docx
from reportgen.runners.render import render_source
from reportgen.writers.docx.look import TABLE_POINTS
from tests.clients import libreoffice_profile, require_program

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCES = sorted(p.stem for p in (ROOT / "data").glob("*.yaml"))
SHANGHAI = [s for s in SOURCES if s.startswith("shanghai-")]
AMOUNT = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?%?$")
# Advance widths (em) of the widest Latin font a client sets table digits in: DejaVu Serif Bold,
# which LibreOffice puts in place of Times New Roman on Linux (digits 1425/2048, comma and period
# 754/2048); Times New Roman's are 0.5 and 0.25. Cell margins: 108 twips a side.
DIGIT, SEPARATOR, MARGINS = 1425 / 2048, 754 / 2048, 216


def needed(text: str, points: float = TABLE_POINTS) -> float:
    return sum(SEPARATOR if ch in ".," else DIGIT for ch in text) * points * 20 + MARGINS


def amount_cells(docx: Path) -> list[tuple[str, int, float]]:
    """(amount, the width of its cell in twips, its size in points) for every single-column cell
    holding an amount; a table too wide at the style's size is set smaller (w:sz on its runs)."""
    root = ET.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    found = []
    for table in root.iter(f"{W}tbl"):
        grid = [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]
        for row in table.findall(f"{W}tr"):
            column = 0
            for cell in row.findall(f"{W}tc"):
                span = cell.find(f"{W}tcPr/{W}gridSpan")
                width = int(span.get(f"{W}val")) if span is not None else 1
                text = "".join(t.text or "" for t in cell.iter(f"{W}t"))
                size = cell.find(f".//{W}rPr/{W}sz")
                points = int(size.get(f"{W}val")) / 2 if size is not None else TABLE_POINTS
                if width == 1 and AMOUNT.match(text):
                    found.append((text, grid[column], points))
                column += width
    return found


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("widths")
    docs = {}
    for name in SOURCES:
        final = "\n种类: 决算\n" in "\n" + (ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8")
        for layout in (("上海",) if final else ("默认", "上海")) if name in SHANGHAI else ("默认",):
            folder = out / layout
            result = render_source(ROOT / "data" / f"{name}.yaml", folder, ("docx",), layout=layout)
            assert result.outputs, [f.format() for f in result.findings]
            docs[(name, layout)] = folder / f"{name}.docx"
    return docs


def test_no_amount_is_wider_than_its_column(rendered):
    checked = 0
    for (name, layout), docx in rendered.items():
        cells = amount_cells(docx)
        assert cells, (name, layout)
        too_narrow = [(text, width, round(needed(text, points))) for text, width, points in cells
                      if width < needed(text, points)]
        assert min(points for _, _, points in cells) >= 7.5  # 六号 at the smallest
        assert too_narrow == [], (name, layout, too_narrow[:5])
        checked += len(cells)
    assert checked > 3000


def test_names_keep_room_beside_the_amounts(rendered):
    """The columns that take the width an amount needs come from the others without squeezing a
    name below six characters a line (a table that cannot give both turns to landscape)."""
    docx = rendered[("shanghai-putuo-jianguanwei-2026", "上海")]
    root = ET.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    for table in root.iter(f"{W}tbl"):
        grid = [int(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]
        assert max(grid) >= 6 * TABLE_POINTS * 20, grid


def test_libreoffice_prints_every_amount_whole(rendered, tmp_path):
    """The printed PDF of the widest tables (建管委's 元 amounts to 3,286,618,082.20, in the Shanghai
    layout) holds every amount of their tables on one line."""
    soffice = require_program("soffice")
    pdftotext = require_program("pdftotext")
    docx = rendered[("shanghai-putuo-jianguanwei-2026", "上海")]
    profile = libreoffice_profile(tmp_path / "profile")
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(docx)], check=True, capture_output=True, timeout=240)
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / f"{docx.stem}.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    words = set(text.split())
    amounts = {amount for amount, _, _ in amount_cells(docx)}
    assert len(amounts) > 50
    assert sorted(a for a in amounts if a not in words) == []


def test_every_table_repeats_its_header_on_a_new_page(tmp_path):
    """Header rows repeat (w:tblHeader) on every table, the project performance tables included
    (their 项目编码/项目名称 row), and are header cells in HTML, as are the labels of their rows.
    The whole department's target table is printed in parts, kept apart by a paragraph a point
    high: its goals, then its tasks and its indicators, each part repeating its column labels on
    every page it runs over; reading the DOCX back joins the parts into the table again."""
    for name in ("tangshan-zgh-2025", "qinhuangdao-shanhaiguan-gh-2020", "shenzhen-yantian-zgh-2022"):
        result = render_source(ROOT / "data" / f"{name}.yaml", tmp_path, ("docx", "html"))
        ids = [t.id for t in result.document.tables()]
        docx = next(p for p in result.outputs if p.suffix == ".docx")
        root = ET.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
        body = root.find(f"{W}body")
        parts: list[list[ET.Element]] = []  # each document table's w:tbl elements
        between_parts = False
        for element in body:
            if element.tag == f"{W}tbl":
                if between_parts:
                    parts[-1].append(element)
                else:
                    parts.append([element])
                between_parts = True
            elif element.tag == f"{W}p" and between_parts and not "".join(element.itertext()).strip():
                between_parts = element.find(f"{W}pPr/{W}spacing[@{W}line='20']") is not None
            else:
                between_parts = False
        assert len(parts) == len(ids)
        for table_id, tables, table in zip(ids, parts, result.document.tables(), strict=True):
            firsts = [t.find(f"{W}tr") for t in tables]
            repeats = [first.find(f"{W}trPr/{W}tblHeader") is not None for first in firsts]
            if table_id != "整体绩效目标表":
                assert repeats == [True], (name, table_id)
                continue
            # goals (no column labels of their own), then a part per block with its labels
            labels = [r for r in table.body if r.kind == "subheader"]
            assert len(tables) == 1 + len(labels) and len(labels) >= 1, name
            assert repeats == [False] + [True] * len(labels), name
            for first, row in zip(firsts[1:], labels, strict=True):
                texts = ["".join(tc.itertext()) for tc in first.findall(f"{W}tc")]
                assert texts == [c.text for c in row.cells], name
                assert sum(1 for tr in first.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is not None) <= 1
        read = read_docx(docx)
        assert [len(t.body) + len(t.header) for t in read.tables()] == [
            len(t.body) + len(t.header) for t in result.document.tables()], name
        whole = next((t for t in read.tables() if "整体绩效目标表" in t.title), None)
        if whole is not None:
            assert [r.kind for r in whole.body if r.kind == "subheader"], name
        html = next(p for p in result.outputs if p.suffix == ".html").read_text(encoding="utf-8")
        if "项目绩效目标表-1" in ids:
            figure = html[html.index('id="table-项目绩效目标表-1"'):]
            figure = figure[: figure.index("</figure>")]
            assert "<thead>" in figure and '<th scope="col"' in figure and '<th scope="row"' in figure


def test_only_the_one_point_gap_joins_tables_when_a_docx_is_read_back(tmp_path):
    """Two tables that a user keeps apart by an ordinary empty paragraph stay two tables: only the
    paragraph a point high that the writer puts between a table's parts joins them."""
    result = render_source(ROOT / "data" / "qinhuangdao-shanhaiguan-gh-2020.yaml", tmp_path, ("docx",))
    docx = result.outputs[0]
    tables = len(result.document.tables())
    assert len(read_docx(docx).tables()) == tables
    with zipfile.ZipFile(docx) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    gaps = re.findall(r'<w:p><w:pPr><w:keepNext/><w:snapToGrid w:val="0"/><w:spacing [^>]*w:line="20"[^>]*/>.*?</w:p>', xml)
    assert len(gaps) == 1  # 山海关's whole-department table: its goals, then its tasks
    parts["word/document.xml"] = xml.replace(gaps[0], "<w:p/>").encode("utf-8")
    plain = tmp_path / "plain.docx"
    with zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    assert len(read_docx(plain).tables()) == tables + 1


def test_a_whole_table_with_tasks_and_indicators_is_three_parts_read_back_as_one(tmp_path):
    text = (ROOT / "data" / "qinhuangdao-shanhaiguan-gh-2020.yaml").read_text(encoding="utf-8")
    indicators = "".join(f"      - {{一级: 产出指标, 二级: 数量指标, 三级: 指标{i}, 指标值: ≥{i}0%}}\n" for i in range(1, 41))
    text = text.replace("    保障措施:\n", "    指标:\n" + indicators + "    保障措施:\n", 1)
    source = tmp_path / "qinhuangdao-shanhaiguan-gh-2020.yaml"
    source.write_text(text, encoding="utf-8")
    result = render_source(source, tmp_path / "out", ("docx",))
    whole = next(t for t in result.document.tables() if t.id == "整体绩效目标表")
    assert [r.key for r in whole.body if r.kind == "subheader"] == ["任务表头", "指标表头"]
    xml = zipfile.ZipFile(result.outputs[0]).read("word/document.xml").decode("utf-8")
    assert xml.count('w:line="20" w:lineRule="exact"') == 2
    read = read_docx(result.outputs[0])
    assert len(read.tables()) == len(result.document.tables())
    back = next(t for t in read.tables() if "整体绩效目标表" in t.title)
    assert len(back.body) == len(whole.body)
    assert [r.cells[1].text for r in back.body if r.kind == "subheader"] == ["任务名称", "一级指标"]
