"""The HTML writer: text order, escaping, table structure, the 目录, self-containment, overrides."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from reportgen.docmodel.document import Cell, Document, Heading, PageBreak, Paragraph, Row, Table, Title
from reportgen.shaping.narrative import TemplateFault
from reportgen.writers.html import html_string, write_html

EVIL = "<script>alert(1)</script>"
JINJA = "{{ 7*7 }}"


class Collector(HTMLParser):
    """Records start tags (with attributes and the open-tag path) and text nodes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.starts: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []
        self.texts: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs), tuple(self.stack)))
        if tag not in ("meta", "col", "br", "hr", "img", "link", "input"):  # void elements never close
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append((data, tuple(self.stack)))

    def content_texts(self) -> list[str]:
        """What a reader sees in the document itself: not the <head>, not the 目录."""
        return [t for t, path in self.texts if "head" not in path and "nav" not in path]

    def tags(self, name: str) -> list[tuple[dict[str, str | None], tuple[str, ...]]]:
        return [(attrs, path) for tag, attrs, path in self.starts if tag == name]


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector


def make_document() -> Document:
    budget = Table(
        id="t1",
        number="表1",
        title="收支总表",
        department_line=f"部门名称：{EVIL}",
        unit_line="单位：万元",
        header=[
            Row([Cell("项目", rowspan=2, align="center"), Cell("预算数", colspan=2, align="center")], kind="header"),
            Row([Cell("本年"), Cell("上年")], kind="header"),
        ],
        body=[
            Row([Cell("一般公共预算拨款收入"), Cell("1,234.56", align="right"), Cell("1,000.00", align="right")],
                key="income"),
            Row([Cell(JINJA, indent=1), Cell("", align="right", missing=True), Cell("0.00", align="right")],
                key="sub"),
            Row([Cell("收入合计", bold=True), Cell("1,234.56", align="right"), Cell("1,000.00", align="right")],
                kind="total", key="total"),
        ],
        widths=[4, 2, 2],
        notes=["注：本表金额保留两位小数。"],
    )
    wide = Table(
        id="t2",
        number="表2",
        title="一般公共预算支出表",
        department_line="部门名称：测试部门",
        unit_line="单位：元",
        header=[Row([Cell(f"列{i}") for i in range(1, 9)], kind="header")],
        body=[Row([Cell(str(i * 10), align="right") for i in range(1, 9)])],
        widths=[1] * 8,
        wide=True,
    )
    return Document(
        blocks=[
            Title("测试部门2022年部门预算", subtitle="（2022年部门预算公开）"),
            Paragraph("草稿，仅供内部审核", role="banner"),
            Heading(1, "第一部分", "部门概况"),
            Paragraph("本部门主要职能如下。", role="body"),
            Heading(2, "一、", f"主要职能{EVIL}", anchor="functions"),
            Paragraph(f"1. 负责{JINJA}工作。", role="item"),
            Heading(3, "（一）", "机构设置"),
            Paragraph("【待补充：机构设置】", role="missing"),
            PageBreak(),
            Heading(1, "第二部分", "部门预算表"),
            budget,
            Paragraph("以上数据均为预算数。", role="note"),
            wide,
            Paragraph(EVIL, role="body"),
        ],
        meta={"title": "不应使用的标题", "department": "测试部门", "year": "2022"},
    )


@pytest.fixture(scope="module")
def document() -> Document:
    return make_document()


@pytest.fixture(scope="module")
def html(document: Document) -> str:
    return html_string(document)


@pytest.fixture(scope="module")
def tree(html: str) -> Collector:
    return parse(html)


def expected_texts(document: Document) -> list[str]:
    """Every string of the Document in reading order, the way the page should show them."""
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, Title):
            texts += [block.text, block.subtitle]
        elif isinstance(block, Heading):
            texts.append(block.full_text)
        elif isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts += [block.number, block.title, block.department_line, block.unit_line]
            texts += [c.text for row in block.header + block.body for c in row.cells if c.text]
            texts += block.notes
    return texts


def test_page_shell(html: str, tree: Collector) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert tree.tags("html")[0][0].get("lang") == "zh-CN"
    metas = [attrs for attrs, _ in tree.tags("meta")]
    assert {"charset": "utf-8"} in metas
    assert any(m.get("name") == "viewport" and "width=device-width" in (m.get("content") or "") for m in metas)
    # The Title block wins over meta["title"].
    assert [t for t, path in tree.texts if path[-1:] == ("title",)] == ["测试部门2022年部门预算"]
    assert "<style>" in html and "@page wide" in html and "position: sticky" in html


def test_title_falls_back_to_meta() -> None:
    doc = Document([Paragraph("正文")], meta={"title": "元数据标题"})
    assert [t for t, path in parse(html_string(doc)).texts if path[-1:] == ("title",)] == ["元数据标题"]


def test_all_texts_in_order(document: Document, tree: Collector) -> None:
    assert tree.content_texts() == expected_texts(document)


def test_source_strings_are_escaped_and_literal(html: str, tree: Collector) -> None:
    # Only the preview hook could add a script; none was given, so there is none at all.
    assert tree.tags("script") == []
    texts = [t for t, _ in tree.texts]
    assert sum(EVIL in t for t in texts) >= 3  # heading, table department line, paragraph
    assert any(JINJA in t for t in texts)  # in a cell and in a paragraph
    assert JINJA in html
    assert not any("49" in t for t in texts)  # never evaluated, by the writer or by Jinja2
    assert EVIL not in html  # only ever as &lt;script&gt;…


def test_headings_levels_and_ids(document: Document, tree: Collector) -> None:
    headings = [(tag, attrs["id"]) for tag, attrs, _ in tree.starts if tag in ("h1", "h2", "h3")]
    assert [tag for tag, _ in headings] == ["h1", "h2", "h3", "h1"]
    assert headings[1][1] == "functions"  # Heading.anchor is used when set
    ids = [attrs["id"] for _, attrs, _ in tree.starts if "id" in attrs]
    assert len(ids) == len(set(ids))


def test_toc_links_point_at_existing_ids(tree: Collector) -> None:
    ids = {attrs["id"] for _, attrs, _ in tree.starts if "id" in attrs}
    links = [attrs["href"] for attrs, path in tree.tags("a") if "nav" in path]
    assert len(links) == 3  # levels 1 and 2 only: 第一部分, 一、, 第二部分
    for href in links:
        assert href is not None and href.startswith("#") and href[1:] in ids
    nav_texts = [t for t, path in tree.texts if "nav" in path]
    assert nav_texts[0] == "目录"
    assert nav_texts[1:] == ["第一部分  部门概况", f"一、主要职能{EVIL}", "第二部分  部门预算表"]


def test_paragraph_roles(tree: Collector) -> None:
    classes = {attrs.get("class") for attrs, path in tree.tags("p") if "main" in path or "header" in path}
    assert {"body", "note", "missing", "banner", "item"} <= classes
    assert len([a for a, _ in tree.tags("div") if a.get("class") == "page-break"]) == 1


def test_table_structure(tree: Collector) -> None:
    figures = [attrs for attrs, _ in tree.tags("figure")]
    assert [f["id"] for f in figures] == ["table-t1", "table-t2"]
    assert figures[0]["class"] == "rg-table"
    assert figures[1]["class"] == "rg-table wide"

    rows = [(attrs, path) for attrs, path in tree.tags("tr") if "figure" in path]
    first_table = [r for r in rows if r[1].count("table") == 1][:5]
    assert sum("thead" in path for _, path in first_table) == 2  # exactly the two header rows
    assert sum("tbody" in path for _, path in first_table) == 3
    assert first_table[4][0].get("class") == "total"

    ths = [attrs for attrs, _ in tree.tags("th")]
    assert ths[0].get("rowspan") == "2" and "colspan" not in ths[0]
    assert ths[1].get("colspan") == "2" and "rowspan" not in ths[1]
    assert all("colspan" not in a and "rowspan" not in a for a in ths[2:])
    assert all("thead" in path for _, path in tree.tags("th"))
    assert not any("thead" in path for _, path in tree.tags("td"))

    tds = [attrs for attrs, _ in tree.tags("td")]
    assert tds[1].get("class") == "num"
    assert tds[3].get("style") == "padding-left:1.5em"
    assert tds[4].get("class") == "num missing"
    assert tds[6].get("class") == "bold"


def test_self_contained(html: str, tree: Collector) -> None:
    assert "http://" not in html and "https://" not in html
    assert tree.tags("link") == [] and tree.tags("img") == [] and tree.tags("script") == []
    assert "@import" not in html and "url(" not in html


def test_deterministic(document: Document, html: str) -> None:
    assert html_string(make_document()) == html
    assert html_string(document) == html


def test_extra_hooks() -> None:
    from markupsafe import Markup

    doc = Document([Paragraph("正文")])
    out = html_string(doc, extra={"head": Markup('<meta name="x-preview" content="1">'),
                                  "body_end": Markup("<script>reload()</script>")})
    assert '<meta name="x-preview" content="1">' in out
    assert out.index("<script>reload()</script>") < out.index("</body>")
    # A plain string is not trusted: the template escapes it.
    assert "<b>" not in html_string(doc, extra={"body_end": "<b>x</b>"})


def test_template_override(tmp_path: Path, document: Document) -> None:
    (tmp_path / "page.html.j2").write_text(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><title>{{ title }}</title></head>"
        "<body><p>自定义页面</p>{{ front }}{{ body }}</body></html>\n",
        encoding="utf-8",
    )
    out = html_string(document, [tmp_path])
    assert "自定义页面" in out
    assert "<style>" not in out
    assert EVIL not in out and JINJA in out  # the body stays escaped under a user's template


def test_broken_override_reports_in_chinese(tmp_path: Path, document: Document) -> None:
    (tmp_path / "page.html.j2").write_text("{{ body }}{{ no_such_thing }}", encoding="utf-8")
    with pytest.raises(TemplateFault, match="不存在的变量"):
        html_string(document, [tmp_path])


def test_write_html_is_atomic(tmp_path: Path, document: Document, html: str) -> None:
    target = tmp_path / "out.html"
    target.write_text("旧内容", encoding="utf-8")
    write_html(document, target)
    assert target.read_bytes() == html.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html"]


def test_write_html_failure_leaves_old_file(tmp_path: Path, document: Document) -> None:
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "page.html.j2").write_text("{% if %}", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "out.html"
    target.write_text("旧内容", encoding="utf-8")
    with pytest.raises(TemplateFault):
        write_html(document, target, [templates])
    assert target.read_text(encoding="utf-8") == "旧内容"
    assert [p.name for p in out_dir.iterdir()] == ["out.html"]
