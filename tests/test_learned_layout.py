"""`reportgen import PUBLISHED.pdf --learn-layout DIR` (issue 80, part 1): the layout a published document shows,
written as a layout folder of data that loads as a shipped one does, and that the render prints the document's
tables in — their published numbers and titles, in the published order. Learned from 杭州市气象局 and 烟台市民政局
(the mechanism was written from those two), shown unchanged on 苏州市应急管理局 and 国家信访局; a layout folder
written by hand or by a hostile hand is refused with a message naming its file, field and what is expected."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from reportgen import cli
from reportgen.docmodel.document import Heading, Table
from reportgen.importing.learning.learned_layout import FolderTaken, Learned, staged, write_layout
from reportgen.importing.learning.tables.learned_table_numbers import numbered_titles
from reportgen.importing.text import contents
from reportgen.readers.published import read_published
from reportgen.runners.render import document_for, prepare, unprinted_findings
from reportgen.shaping.layouts import LayoutError, Occasion, resolve
from reportgen.tablekinds import role
from tests.learned_import import import_once

ROOT = Path(__file__).resolve().parents[1]
FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
DATA = Path(__file__).resolve().parents[1] / "data" / "shenzhen-yantian-zgh-2022.yaml"


def _plain(text: str) -> str:
    return "".join(text.split())


def _rendered_tables(source: Path, layout: Path | str, of_a_kind: bool = False) -> list[tuple[str, str]]:
    """The tables the source renders with ``layout``: (number, title) in order; ``of_a_kind``: none held as printed
    (印出表: printed with the title the document prints under any layout)."""
    prepared = prepare(source, draft=True)
    document = document_for(prepared, draft=True, layout=layout)
    return [(_plain(b.number), _plain(b.title)) for b in document.blocks
            if isinstance(b, Table) and not (of_a_kind and b.id.startswith("印出表"))]


def _learned(tmp_path_factory: pytest.TempPathFactory, name: str) -> tuple[Path, Path, Path, str]:
    """The document imported with --learn-layout: (its PDF, the source, the layout folder, its 版式.yaml)."""
    pdf = FRESH / f"{name}.pdf"
    source, layout = import_once(tmp_path_factory.mktemp(name), pdf)
    assert source.is_file() and (layout / "版式.yaml").is_file()
    return pdf, source, layout, (layout / "版式.yaml").read_text(encoding="utf-8")


def _income_with(source: Path, line: str) -> None:
    """The source with ``line`` ("  上年结转: 12.5\n", or "" for none) written first under its 收入."""
    if line:
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, text in enumerate(lines) if text.startswith("收入:")) + 1
        source.write_text("".join([*lines[:at], line, *lines[at:]]), encoding="utf-8")


def _published(pdf: Path, layout: Path) -> list[tuple[str, str]]:
    """The numbered tables the PDF prints: number and title, in order (the learned 表号 pattern read back)."""
    pattern = resolve(layout).table_numbering.pattern
    return [(numbered.label, _plain(title)) for numbered, title in numbered_titles(read_published(pdf).lines, pattern)]


def _in_order(rendered: list[tuple[str, str]], published: list[tuple[str, str]]) -> bool:
    """Every table rendered is one the document prints, number and title alike, in the document's order."""
    places = [published.index(table) for table in rendered if table in published]
    return len(places) == len(rendered) and places == sorted(places)


@pytest.fixture(scope="module")
def yantai(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, str]:
    return _learned(tmp_path_factory, "sd-yantai-minzhengju-2026-dept-budget")


def test_yantai_learned_and_shipped_keep_the_published_numbers(yantai) -> None:
    """烟台 prints 12 tables; reportgen has no 公开表10 基本支出预算情况表, and the import reads no project of 民政局's
    公开表11: the layout learned from the document prints 政府采购 as 公开表12, each table with its published number
    and title — and so does the shipped 山东 layout, written from 烟台's eight documents (it printed 公开表10 before)."""
    pdf, source, layout, _ = yantai
    published = _published(pdf, layout)
    assert len(published) == 12 and published[-1] == ("公开表12", "政府采购预算表")
    for every in (_rendered_tables(source, layout), _rendered_tables(source, "山东")):
        rendered = [table for table in every if table[0]]  # its forms printed without a number aside (below)
        assert ("公开表12", "政府采购预算表") in rendered and ("公开表10", "政府采购预算表") not in rendered
        assert _in_order(rendered, published) and len(rendered) >= 10


@pytest.mark.parametrize("name", ["gd-shenzhen-xinfangju-2026-dept-budget"])
def test_shenzhen_2026_shipped_layout_prints_the_published_numbers_and_titles(name, tmp_path_factory) -> None:
    """深圳's documents of 2026 print 表1–表11 (表6 财政拨款收支总表, 表9 财政拨款“三公”经费支出表); the shipped 深圳 layout,
    written from 盐田 2022, printed 政府预算拨款收支总表 as 表6 and renumbered the tables after the 表8 reportgen has not (6
    of 11 the same): its 2026 edition prints each as published but 表8 (一般公共预算支出表（按经济分类）, no such table)."""
    pdf, source, layout, _ = _learned(tmp_path_factory, name)
    published = _published(pdf, layout)
    assert len(published) == 11 and published[5] == ("表6", "财政拨款收支总表")
    shipped = _rendered_tables(source, "深圳")
    assert _in_order(shipped, published) and len(shipped) == 10
    assert [table for table in published if table not in shipped] == [("表8", "一般公共预算支出表（按经济分类）")]
    # 表4 基本支出总表 and 表5 项目支出总表 held as printed (印出表): the learned layout prints them in their place; the
    # shipped one prints its own tables under 表4 and 表5 and tells that the source's are not printed
    assert _rendered_tables(source, layout) == published
    prepared = prepare(source, draft=True)
    told = unprinted_findings(prepared.budget, document_for(prepared, draft=True, layout="深圳"))
    assert [(f.rule, f.path) for f in told if "印出表" in f.message] == [("版式-未印出", "印出表")] * 2


def test_a_learned_layout_folder_loads_and_is_listed_as_a_shipped_one(yantai, capsys) -> None:
    _, _, layout, settings = yantai
    loaded = resolve(layout)
    assert loaded.base == "山东" and loaded.table_numbering.pattern == "公开表{1}"
    assert [e.number for e in loaded.table_entries if e.number][-1] == 12 and loaded.tables_label == "部门（单位）："
    assert loaded.table_entries[-1].printed == "政策和项目预算绩效目标表" and loaded.table_entries[-1].under
    assert "表格清单" in settings and "展示" in settings
    assert cli.main(["layouts", str(layout)]) == 0
    listed = capsys.readouterr().out
    assert "默认" in listed and "学到的版式（基于 山东）" in listed and "公开表12 政府采购预算表" in listed


def test_a_folder_with_files_is_not_written_over_and_no_source_is_written(yantai, tmp_path, capsys) -> None:
    pdf, _, layout, settings = yantai
    source = tmp_path / "again.yaml"
    assert cli.main(["import", str(pdf), "-o", str(source), "--learn-layout", str(layout)]) == 1
    said = capsys.readouterr().err
    assert "已存在且不是空的" in said and "Traceback" not in said
    assert not source.exists() and (layout / "版式.yaml").read_text(encoding="utf-8") == settings



def test_the_pdf_itself_given_as_the_layout_folder_is_refused_as_a_file_and_left_as_it_was(yantai, tmp_path, capsys) -> None:
    pdf = yantai[0]
    before = pdf.read_bytes()
    source = tmp_path / "from-pdf.yaml"
    assert cli.main(["import", str(pdf), "-o", str(source), "--learn-layout", str(pdf)]) == 1
    said = capsys.readouterr().err
    assert "是一个已有的文件，不是文件夹" in said and "Traceback" not in said
    assert pdf.read_bytes() == before and not source.exists()

@pytest.mark.parametrize("name, pattern, contents", [
    ("zj-hangzhou-qixiang-2026-dept-budget", "表{1}", "目录"),
    # not written from: the mechanism shown unchanged on a third and a fourth region
    ("js-suzhou-yingji-2026-dept-budget", "公开{01}表", "目 录"),
    ("central-guojia-xinfangju-2026-dept-budget", "部门公开表{1}", "目 录"),
])
def test_each_learned_layout_renders_the_published_titles_and_numbers_in_order(tmp_path_factory, name, pattern,
                                                                               contents) -> None:
    pdf, source, layout, _ = _learned(tmp_path_factory, name)
    loaded = resolve(layout)
    assert loaded.table_numbering.pattern == pattern
    assert loaded.contents is not None and loaded.contents.title == contents  # 目录 printed as the document prints it
    # the parts in the published order: 苏州 and 国家信访局 print the tables as 第二部分, 杭州 as its fourth part
    assert loaded.parts.index("预算表") == (3 if "hangzhou" in name else 1) and loaded.parts[0] == "概况"
    # (国家信访局's projects' forms printed without a number aside: test_forms_printed_without_a_number_…)
    published, rendered = _published(pdf, layout), [t for t in _rendered_tables(source, layout) if t[0]]
    assert _in_order(rendered, published)
    assert len(rendered) >= min(9, len(published) - 3)  # the tables of kinds reportgen prints (苏州: 3 it has not)
    # the default numbers and titles them otherwise (but a table held as printed: 杭州's 表11 follows the default's 表10)
    assert not set(rendered) & set(_rendered_tables(source, "默认", of_a_kind=True))


# -- a layout folder of 表格清单.表, written by hand: loads, prints, refuses what it cannot use --------------------
_LEARNED_LIKE = """名称: 某市
基于: 默认
表号: 公开表{1}
表格清单:
  表:
    - {表: 收支总表, 表号: 1, 标题: 收支总体情况表}
    - {表: 支出总表, 表号: 3, 标题: "{年}年支出总体情况表"}
    - {表: 三公经费支出表, 表号: 12}
"""


def test_table_entries_print_their_numbers_and_titles(tmp_path) -> None:
    (tmp_path / "版式.yaml").write_text(_LEARNED_LIKE, encoding="utf-8")
    rendered = _rendered_tables(DATA, tmp_path)
    assert rendered[:2] == [("公开表1", "收支总体情况表"), ("公开表3", "2022年支出总体情况表")]
    assert rendered[2][0] == "公开表12" and len(rendered) == 3


def test_table_decimals_print_the_tables_so_and_leave_the_text_as_it_was(tmp_path) -> None:
    """展示.表格小数位 (北京's 万元 tables print 6 decimals, its text 2): the tables' amounts with those decimals."""
    (tmp_path / "版式.yaml").write_text("名称: 某市\n展示: {表格小数位: {全部: 4, 三公经费支出表: 0}}\n", encoding="utf-8")
    prepared = prepare(DATA, draft=True)
    default = document_for(prepared, draft=True)
    document = document_for(prepared, draft=True, layout=tmp_path)
    cells = {b.id: [c.text for row in b.body for c in row.cells] for b in document.blocks if isinstance(b, Table)}
    amounts = [text for text in cells["收支总表"] if text[:1].isdigit()]
    assert amounts and all(len(text.rsplit(".", 1)[-1]) == 4 for text in amounts)
    assert not any("." in text for text in cells["三公经费支出表"] if text[:1].isdigit())
    text = [b.text for b in document.blocks if type(b).__name__ == "Paragraph"]
    assert text == [b.text for b in default.blocks if type(b).__name__ == "Paragraph"]


def test_beijing_learned_prints_its_tables_to_six_decimals(tmp_path) -> None:
    """北京市审计局 2026 (情况说明 and 报表, two files): its 万元 tables print 32,365.090089 — as the layout learned from it
    prints them, and now the shipped 北京 layout too (written from 北京's 2026 报表, all printed to six decimals)."""
    source, layout = tmp_path / "bj.yaml", tmp_path / "北京学到的"
    files = [str(FRESH / f"bj-shenjiju-2026-dept-budget{part}.pdf") for part in ("", "-tables")]
    assert cli.main(["import", *files, "-o", str(source), "--learn-layout", str(layout)]) in (0, 1)
    assert resolve(layout).table_decimals == {"全部": 6}
    # its 预算11表 财政拨款政府购买服务明细表 (held as printed) heads its columns as the page does: 指导性目录 over 一级,
    # 二级, 三级, and 预算金额 beside them two rows high
    services = _printed_table(source, "财政拨款政府购买服务明细表")
    assert _head_spans(services) == [[("指导性目录", 3, 1), ("预算金额", 1, 2)],
                                     [("一级", 1, 1), ("二级", 1, 1), ("三级", 1, 1)]]
    for name, shown in ((layout, "32,365.090089"), ("北京", "32,365.090089")):
        document = document_for(prepare(source, draft=True), draft=True, layout=name)
        first = next(b for b in document.blocks if isinstance(b, Table))
        assert first.number == "预算01表" and shown in [c.text for row in first.body for c in row.cells]
    # its 06表, learned, prints a 款's 目 in the 款's place (3021503-三类会议费, not 30215-会议费), as the source holds them
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    basic = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith(role("basic")))
    printed = {row.cells[1].text: row.cells[2].text for row in basic.body if len(row.cells) > 2}
    assert printed["3021503-三类会议费"] == "6.006000" and printed["3021101-差旅费"] == "46.560000"
    assert not any(name.startswith(("30211-", "30215-")) for name in printed)
    # its 预算13表 部门整体支出绩效目标表, a form the page reader reads no table of, read from the lines drawn between its
    # cells and held as printed (tests/test_held_forms.py): its first page cell for cell as transcribed, its second
    # page's 17 rows after them; the learned layout prints it last, as published
    from reportgen.reading.yamlsafe import load_yaml
    from tests.test_held_forms import BEIJING, _fixture_rows, _plain

    form = next(item for item in load_yaml(source)["印出表"] if item["表号"] == "预算13表")
    rows = _plain(form["行"])
    assert rows[:22] == _fixture_rows(BEIJING) and len(rows) == 22 + 17 and rows[22][0] == {"文字": "", "跨行": 17}
    tables = [(b.number, b.title) for b in document.blocks if isinstance(b, Table)]
    assert tables[-1] == ("预算13表", "部门整体支出绩效目标表"), tables


@pytest.mark.parametrize("entries, expected", [
    ("表: 收支总表", "“表格清单.表”应为各表的列表"),
    ("表: [收支总表]", "第 1 项应为含“表”的映射"),
    ("表: [{表: 火星表}]", "“表”应为表的编号之一"),
    ("表: [{表: 收支总表, 表号: -1}]", "“表号”应为 1 至 99 的整数"),
    ("表: [{表: 收支总表, 表号: true}]", "“表号”应为 1 至 99 的整数"),
    ("表: [{表: 收支总表, 表号: 1000}]", "“表号”应为 1 至 99 的整数"),
    ("表: [{表: 收支总表, 标题: [a]}]", "“标题”应为文字"),
    ("表: [{表: 收支总表, 表号: 1}, {表: 收入总表, 表号: 1}]", "表号 1已在前面列出"),
    ("表: [{表: 收支总表}, {表: 收支总表}]", "表“收支总表”已在前面列出"),
    ("表: [{表: 收支总表, 页: 1}]", "可用的键：表、表号、标题"),
    # 印出表: a table the source holds as printed, named by its 表名 — either it or 表, once each
    ("表: [{印出表: \"\"}]", "“印出表”应为源文件“印出表”中一张表的表名"),
    ("表: [{印出表: [a]}]", "“印出表”应为源文件“印出表”中一张表的表名"),
    ("表: [{表: 收支总表, 印出表: 政府采购支出表}]", "应为含“表”的映射（或含“印出表”"),
    ("表: [{印出表: 政府采购支出表}, {印出表: 政府采购支出表, 表号: 13}]", "表“政府采购支出表”已在前面列出"),
    ("表: [{表: 收支总表}], 未列的表: 都印", "“表格清单.未列的表”应为 印出、不印"),
])
def test_a_bad_table_list_says_file_field_and_what_is_expected(tmp_path, entries, expected) -> None:
    """表格清单.表: each wrong entry named, with what it should be."""
    (tmp_path / "版式.yaml").write_text(f"名称: 坏\n表格清单: {{{entries}}}\n", encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        resolve(tmp_path)
    assert expected in caught.value.message and "版式.yaml" in caught.value.message and "表格清单" in caught.value.message


@pytest.mark.parametrize("decimals, expected", [
    ("{全部: 7}", "“展示.表格小数位”应为“表格: 小数位”的映射（小数位 0–6）"),
    ("{全部: 2.5}", "“展示.表格小数位”应为“表格: 小数位”的映射"),
    ("6", "“展示.表格小数位”应为“表格: 小数位”的映射"),
    ("{火星表: 2}", "“展示.表格小数位”中没有“火星表”"),
])
def test_bad_table_decimals_say_what_is_expected(tmp_path, decimals, expected) -> None:
    (tmp_path / "版式.yaml").write_text(f"名称: 坏\n展示: {{表格小数位: {decimals}}}\n", encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        resolve(tmp_path)
    assert expected in caught.value.message and "版式.yaml" in caught.value.message


def test_parts_order_the_default_text_and_each_is_printed_once(tmp_path) -> None:
    (tmp_path / "版式.yaml").write_text("名称: 某市\n部分: [概况, 预算表, 预算说明, 其他重要事项, 名词解释]\n", encoding="utf-8")
    prepared = prepare(DATA, draft=True)
    parts = [b.text for b in document_for(prepared, draft=True, layout=tmp_path).blocks
             if type(b).__name__ == "Heading" and b.level == 1]
    assert parts == ["部门概况", "2022年部门预算表", "2022年部门预算情况说明", "其他重要事项", "名词解释"]


@pytest.mark.parametrize("parts", ["[概况, 预算表]", "[概况, 概况, 预算说明, 其他重要事项, 名词解释]", "概况",
                                   "[概况, 预算表, 预算说明, 其他重要事项, 名词解释, 附录]"])
def test_parts_that_leave_one_out_or_repeat_one_are_refused(tmp_path, parts) -> None:
    (tmp_path / "版式.yaml").write_text(f"名称: 坏\n部分: {parts}\n", encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        resolve(tmp_path)
    assert "“部分”应为正文各部分按印出次序的列表" in caught.value.message and "版式.yaml" in caught.value.message


def test_render_with_a_hostile_layout_folder_is_told_in_chinese(tmp_path, capsys) -> None:
    folder = tmp_path / "坏版式"
    folder.mkdir()
    (folder / "版式.yaml").write_text("名称: 坏\n表格清单: {表: [{表: 收支总表, 表号: \"1; rm -rf /\"}]}\n", encoding="utf-8")
    code = cli.main(["render", str(DATA), "--layout", str(folder), "-o", str(tmp_path / "out")])
    said = capsys.readouterr().err
    assert code in (1, 2) and "版式.yaml" in said and "“表号”应为 1 至 99 的整数" in said and "Traceback" not in said
    assert not (tmp_path / "out").exists()


def test_a_learned_layout_is_put_in_place_whole_or_not_at_all(tmp_path) -> None:
    good = Learned({"名称": "某市", "基于": "默认", "表号": "公开表{1}",
                    "表格清单": {"表": [{"表": "收支总表", "表号": 1, "标题": "收支总体情况表"}]}})
    write_layout(tmp_path / "好", good)
    assert resolve(tmp_path / "好").table_entries[0].title == "收支总体情况表"
    with pytest.raises(FolderTaken):
        write_layout(tmp_path / "好", good)
    bad = Learned({"名称": "某市", "表格清单": {"表": [{"表": "火星表"}]}})
    with pytest.raises(LayoutError):
        write_layout(tmp_path / "坏", bad)
    # what goes with it (the source) fails to be written: the layout is not put in place either
    with pytest.raises(OSError), staged(tmp_path / "另一个", good):
        raise OSError("磁盘已满")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["好"]


def test_a_final_accounts_layout_is_learned_as_its_final_edition_and_renders_the_final(tmp_path_factory) -> None:
    """A 部门决算 (国家信访局 2024): the layout it shows was refused as a budget's table list (“收入支出决算总表” is no
    table a budget layout lists), and a layout without a 决算 edition cannot print a 决算 — the officer got nothing. Its
    numbering and table units are learned into an edition for 决算; what is not learned is said; the render prints it."""
    _, source, layout, text = _learned(tmp_path_factory, "central-guojia-xinfangju-2024-dept-final")
    edition = resolve(layout, occasion=Occasion(2024, accounts="决算"))
    assert "种类: 决算" in text and "表格清单" not in text and "第{一}部分" in text
    assert edition.final_folders
    prepared = prepare(source, draft=True)
    document = document_for(prepared, draft=True, layout=layout)
    assert any(isinstance(b, Table) and "决算" in b.title for b in document.blocks)


@pytest.mark.parametrize("name, zeros", [("sd-yantai-minzhengju-2026-dept-budget", "表格零值:\n    全部: 空白"),
                                         # 苏州 prints “0.00” in its “三公” table alone (第19页): the others blank
                                         ("js-suzhou-yingji-2026-dept-budget", "表格零值:\n    一般公共预算基本支出表: 空白"),
                                         ("gd-zhuhai-shangwuju-2026-dept-budget", None)])
def test_tables_that_print_no_zero_are_learned_to_leave_it_blank(tmp_path_factory, name, zeros) -> None:
    """烟台 leaves a cell blank where there is nothing and prints no “0.00” anywhere, 苏州 likewise but in its “三公”
    table: the render printed “0.00” in every such cell (bench/learned_tables: 1,552 such figures over fresh1). 珠海
    prints its zeros: nothing is learned of them."""
    _, source, layout, text = _learned(tmp_path_factory, name)
    assert (zeros in text) if zeros else ("表格零值" not in text)
    if zeros and "全部" in zeros:
        document = document_for(prepare(source, draft=True), draft=True, layout=layout)
        # the tables held as printed aside: each as the document prints it (烟台's project forms: 其他资金 0.00)
        cells = [c.text for b in document.blocks if isinstance(b, Table) and not b.id.startswith("印出表")
                 for row in b.body for c in row.cells]
        assert "0.00" not in cells


def test_a_final_whose_tables_print_their_zeros_is_drawn_with_them(tmp_path, tmp_path_factory) -> None:
    """佛山 2019 (the national 决算 template) prints “0.00” in every cell of nothing; the 决算 tables left them blank, as
    上海's and 国家信访局's print them (bench/learned_tables --finals: 佛山 176 / 575 in place). Each table that prints its
    zeros and leaves no cell blank is learned 印出 by the name the render knows it by, and its stated zeros are printed;
    国家信访局 2024, which leaves them blank, learns no 印出 and keeps its blanks."""
    pdf = FRESH.parent / "gd-foshan-guidaojiaotongju-2019-dept-final.pdf"
    source, layout = tmp_path / "源.yaml", tmp_path / "学到的版式"
    assert cli.main(["import", str(pdf), "-o", str(source), "--learn-layout", str(layout)]) in (0, 1)
    text = (layout / "版式.yaml").read_text(encoding="utf-8")
    assert "收入总表: 印出" in text and "三公经费支出表: 印出" in text
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    income = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收入总表"))
    total = next(row for row in income.body if row.key == "合计")
    assert [c.text for c in total.cells][3:7] == ["0.00"] * 4  # 上级补助收入 … 附属单位上缴收入 as printed (第8页)
    _, _, _, central = _learned(tmp_path_factory, "central-guojia-xinfangju-2024-dept-final")
    assert ": 印出" not in central


def test_the_tables_a_contents_page_lists_are_learned_where_the_pages_in_hand_print_a_few(tmp_path_factory) -> None:
    """江苏省政协办公厅 2017 (its pp. 1 and 8, its tables' pp. 1–3): its 目录 lists twelve tables, 一、收支预算总表 …
    十二、政府采购预算表, and the pages in hand print 表一 and 表三. The layout learned listed those two, and 2018's tables
    rendered in it had no 收入总表, 财政拨款收支总表, 财政拨款支出表 nor 财政拨款基本支出表 (bench/learned_tables --pairs:
    上一年未印此表 56 figures). The table set is the document's: each table its 目录 lists, in its order, numbered as the
    目录 numbers it where the tables read are numbered so (表一 its 一、, 表三 its 三、)."""
    pdf = ROOT / "tests" / "fixtures" / "import" / "national" / "js-zhengxie-2017-p1-8-tables-p1-3.pdf"
    _, layout = import_once(tmp_path_factory.mktemp("zhengxie-2017"), pdf)
    listed = yaml.safe_load((layout / "版式.yaml").read_text(encoding="utf-8"))["表格清单"]["表"]
    assert [(entry["表"], entry.get("表号")) for entry in listed][:6] == [
        ("收支总表", 1), ("收入总表", 2), ("支出总表", 3), ("财政拨款收支总表", 4), ("财政拨款支出表", 5), ("财政拨款基本支出表", 6)]
    assert len(listed) == 12 and listed[4]["标题"] == "财政拨款支出预算表" and listed[-1]["表"] == "政府采购预算表"
    assert "未列的表" not in (layout / "版式.yaml").read_text(encoding="utf-8")  # its 目录 tells the whole set


NATIONAL = ROOT / "tests" / "fixtures" / "import" / "national"


def test_the_tables_a_year_did_not_print_in_the_pages_in_hand_are_printed_next_year_numbered_on(tmp_path_factory) -> None:
    """江苏省政协办公厅 2018's pages in hand (no 目录) print 公开01表–公开06表, 2019's its 一般公共预算支出表 and 一般公共
    预算基本支出表 besides: rendered in the layout learned from 2018 they were not printed at all (bench/learned_tables
    --pairs: 7 of 67 figures, the default 25). A layout learned from pages that do not tell the document's set of tables
    prints the base's other tables after its own, numbered on (公开07表, 公开08表) — and the 基本支出表 by 部门经济分类
    alone, as 2018 printed its 财政拨款基本支出表 (no 50101 工资奖金津补贴 beside 30101 基本工资). 江苏省人民检察院
    2017's pages (no 目录, three tables) are learned so too."""
    _, layout = import_once(tmp_path_factory.mktemp("zhengxie-2018"), NATIONAL / "js-zhengxie-2018-p1-8-9-tables-p1to6.pdf")
    text = (layout / "版式.yaml").read_text(encoding="utf-8")
    assert "未列的表: 印出" in text and "基于: 一般公共预算基本支出表-部门经济分类" in text
    source, _ = import_once(tmp_path_factory.mktemp("zhengxie-2019"), NATIONAL / "js-zhengxie-2019-p1to14.pdf",
                            NATIONAL / "js-zhengxie-2019-tables-p1to4-7-8.pdf", learn=False)
    tables = {b.id.split("-")[0]: b for b in document_for(prepare(source, draft=True), draft=True, layout=layout).blocks
              if isinstance(b, Table)}
    assert [tables[kind].number for kind in ("财政拨款基本支出表", "一般公共预算支出表", "一般公共预算基本支出表")] == [
        "公开06表", "公开07表", "公开08表"]
    rows = [[cell.text for cell in row.cells] for row in tables["一般公共预算基本支出表"].body]
    # 877.88 as 2019 prints it (公开08表: 科目编码 | 科目名称 | 金额, one amount column, as 2018's 公开06表 — learned 列 [合计])
    assert ["301", "01", "基本工资", "877.88"] in rows
    assert not any(text.startswith("501") for row in rows for text in row)
    # this year's income under the words 2018 prints it in (当年收入小计, beside 当年支出小计), as 2019 prints it
    summary = [[cell.text for cell in row.cells] for row in tables["收支总表"].body]
    assert [row[:2] for row in summary if row[0] in ("当年收入小计", "本年收入合计")] == [["当年收入小计", "13,377.11"]]
    # a fund's table only where the source has lines of that fund: 2019 has none of 国有资本经营预算's
    budget = prepare(source, draft=True).budget
    assert budget is not None and "国有资本经营" not in {row.fund for row in budget.function_rows}
    assert "国有资本经营预算支出表" not in tables
    _, other = import_once(tmp_path_factory.mktemp("jianchayuan-2017"), NATIONAL / "js-jianchayuan-2017-p1-14-15-22.pdf")
    assert "未列的表: 印出" in (other / "版式.yaml").read_text(encoding="utf-8")


def test_the_lines_of_all_appropriation_are_the_general_funds_where_it_is_all_of_it(tmp_path_factory) -> None:
    """江苏省政协办公厅 2018's pages in hand print no fund table, a 支出总表 of one row of totals, and its 财政拨款支出表 and
    财政拨款基本支出表 (公开05表, 公开06表) by line; its 收支总表 prints 一、财政拨款 10,070.48 = 1.一般公共预算 10,070.48.
    The source held no line (the tables of 2018 rendered in the layout learned from 2017: 4 of 69 figures): the lines
    of all 财政拨款 are the 一般公共预算's, written so (功能分类口径), the 支出合计 as the 支出总表 prints it."""
    source, _ = import_once(tmp_path_factory.mktemp("zhengxie-2018"), NATIONAL / "js-zhengxie-2018-p1-8-9-tables-p1to6.pdf")
    spending = yaml.safe_load(source.read_text(encoding="utf-8"))["支出"]
    lines = {row["科目"]: row for row in spending["功能分类"]}
    assert lines[2010201]["合计"] == 4432.78 and lines[2210202]["合计"] == 1107.6 and "资金" not in lines[2010201]
    economic = {row["科目"]: row["金额"] for row in spending["基本支出"]["经济分类"]}
    assert economic[30101] == 854.47 and economic[30309] == 0.5
    assert spending["功能分类口径"] == "一般公共预算" and spending["合计"] == 10150.48


def test_tables_printed_but_not_read_for_sure_are_listed_in_their_printed_place(tmp_path_factory) -> None:
    """长春市信访局 prints nine tables (预算表1–9); four are not read for sure (their headers give a meaning to two
    columns), and the layout learned listed only the other five, so the render left four of the province's tables
    out. A table printed is listed, in the order printed, whether or not its figures were read."""
    _, _, layout, text = _learned(tmp_path_factory, "jl-changchun-xinfangju-2026-dept-budget")
    kinds = re.findall(r"- 表: (\S+)", text)
    assert kinds == ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "一般公共预算基本支出表",
                     "三公经费支出表", "政府性基金预算支出表", "项目支出表"]


def test_the_rows_of_the_summary_tables_are_learned_in_the_provinces_words(yantai) -> None:
    """烟台 prints 一般公共预算收入, 事业收入（不含教育收费） where the render printed 一般公共预算拨款, 事业收入: the layout
    learns each row's words by its meaning, and the render prints them with the same figures."""
    _, source, layout, text = yantai
    assert "行名:" in text and "一般公共预算拨款: 一般公共预算收入" in text and "事业收入: 事业收入（不含教育收费）" in text
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    summary = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收支总表"))
    labels = [row.cells[0].text for row in summary.body]
    assert "一般公共预算收入" in labels and "一般公共预算拨款" not in labels


def test_an_income_table_by_function_lines_is_learned_as_such(yantai) -> None:
    """烟台 lists its 收入总表 by function lines (教育支出 / 进修及培训 / 培训支出 …), the render by unit: the layout learns
    the table by function (the variant 收入总表-按功能), and the render lists its income under the same lines."""
    _, source, layout, text = yantai
    assert "收入总表:\n    基于: 收入总表-按功能" in text
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    income = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收入总表"))
    names = [cell.text for row in income.body for cell in row.cells]
    assert "进修及培训" in names and "烟台市民政局" not in names


@pytest.mark.parametrize("name, variant", [("js-wuxi-xinfangju-2025-dept-budget", True),
                                           ("zj-hangzhou-qixiang-2026-dept-budget", True),
                                           ("sn-xian-xingzhengshenpi-2025-dept-budget", False)])
def test_a_basic_table_without_government_classes_is_learned_so(tmp_path_factory, name, variant) -> None:
    """无锡 and 杭州 print their 基本支出表 by 部门经济分类 alone; the render added the 政府预算经济分类 code and name of
    every line (50101 工资奖金津补贴), two columns the province does not print. 西安 prints them: nothing learned."""
    _, source, layout, text = _learned(tmp_path_factory, name)
    assert ("一般公共预算基本支出表:\n    基于: 一般公共预算基本支出表-部门经济分类" in text) == variant
    if variant:
        document = document_for(prepare(source, draft=True), draft=True, layout=layout)
        basic = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("一般公共预算基本支出表"))
        assert not any(cell.text.startswith("501") for row in basic.body for cell in row.cells)


def test_a_total_row_printed_as_the_departments_row_is_learned_so(tmp_path_factory) -> None:
    """深圳's tables print their 合计 row as the department's (“深圳市信访局 4,684.30 …”): learned as the row's words,
    and the render prints it so, with the same figures."""
    _, source, layout, text = _learned(tmp_path_factory, "gd-shenzhen-xinfangju-2026-dept-budget")
    assert "行名:\n      合计: 深圳市信访局" in text
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    spending = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("支出总表"))
    assert [c.text for c in spending.body[0].cells][:2] in (["深圳市信访局", ""], ["深圳市信访局", "4,684.30"])


@pytest.mark.parametrize("name, kinds, words", [
    ("jl-changchun-xinfangju-2026-dept-budget", ("支出总表", "一般公共预算支出表"), "总计："),
    ("gd-shenzhen-xinfangju-2026-dept-budget", ("支出总表", "一般公共预算基本支出表"), "深圳市信访局"),
    ("central-guojia-xinfangju-2026-dept-budget", ("支出总表", "一般公共预算支出表"), None)])
def test_a_total_row_is_learned_under_the_words_it_is_printed_under(tmp_path_factory, name, kinds, words) -> None:
    """The total row's words as printed where they are not 合计: 长春 prints its 支出总表's and 一般公共预算支出表's as
    “总计：” (the render printed 合计, 20 figures under another row's name), 深圳 the department's name; 国家信访局's “合 计”
    is 合计 (spaces aside): nothing learned, the render's 合计 kept."""
    _, source, layout, text = _learned(tmp_path_factory, name)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    for kind in kinds:
        table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith(kind))
        labels = [row.cells[0].text for row in table.body if row.kind == "total"]
        assert labels == [words or "合计"], (kind, labels)
    assert ("合计: 总计：" in text) == (words == "总计：")


@pytest.mark.parametrize("name, learned", [("jl-changchun-xinfangju-2026-dept-budget", True),
                                           ("js-suzhou-yingji-2026-dept-budget", False),
                                           ("central-guojia-xinfangju-2026-dept-budget", False)])
def test_this_years_budget_printed_beside_the_total_is_learned_as_a_column(tmp_path_factory, name, learned) -> None:
    """长春 prints its 支出总表 and 一般公共预算支出表 as 合计 | 当年预算 小计 | 基本支出 … | 上年结转结余 …: the this-year
    小计 (by_arithmetic's 本年支出合计) had no column in the render, every figure right of 合计 one column off (39 of
    144 and 50 of 176 in place). 苏州 and 国家信访局 print no such column: nothing learned, their columns as before."""
    _, source, layout, text = _learned(tmp_path_factory, name)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    for kind in ("支出总表", "一般公共预算支出表"):
        table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith(kind))
        header = [cell.text for row in table.header for cell in row.cells]
        assert ("当年预算" in header) == learned, (kind, header)
        if learned:
            at = header.index("当年预算")
            line = next([c.text for c in row.cells] for row in table.body if row.key == "2014002")
            assert line[at] == line[at - 1] == "458.00"  # this year's, where 长春 printed 0.00 (its slip)
    # the 基本支出表 by 部门经济分类 alike (长春: 合计 | 当年预算 小计 | 人员经费 | 公用经费 | 上年结转结余 …; 苏州 none)
    basic = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("一般公共预算基本支出表"))
    line = next([c.text for c in row.cells if c.align == "right"] for row in basic.body if row.key == "30101")
    assert ("列:\n    - 合计\n    - 当年预算\n    - 人员经费\n    - 公用经费" in text) == learned
    if learned:
        assert line[:3] == ["297.50", "297.50", "297.50"]


@pytest.mark.parametrize("carried, printed", [("", "0.00"), ("  上年结转: 12.5\n", "")])
def test_the_carry_overs_columns_by_line_are_learned_and_printed_as_far_as_the_source_tells(
        tmp_path_factory, carried, printed) -> None:
    """长春 prints its 支出总表, 一般公共预算支出表 and 一般公共预算基本支出表 with 上年结转结余 columns right of this year's
    (小计 | 基本支出 | 人员经费 | 公用经费 | 项目支出 …, every line 0.00): the render printed none of them, 225 of its 686
    figures. The source holds no line's carry-over; a department that carries none over (its 上年结转 none) spends none
    of it on any line, each printed 0.00 — one that carries some over (the same source with 上年结转 12.5) leaves them
    blank, never 0.00."""
    _, source, layout, text = _learned(tmp_path_factory, "jl-changchun-xinfangju-2026-dept-budget")
    assert "- 上年结转结余项目支出" in text and "- 上年结转结余人员经费" in text
    _income_with(source, carried)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    widths = {"支出总表": 4, "一般公共预算支出表": 5, "一般公共预算基本支出表": 3}
    for kind, width in widths.items():
        table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith(kind))
        header = [cell.text for row in table.header for cell in row.cells]
        assert len([name for name in header if name.startswith("上年结转结余")]) == width, (kind, header)
        for row in table.body:  # the carry-over's columns, the last
            assert [cell.text for cell in row.cells][-width:] == [printed] * width, (kind, row.key)


@pytest.mark.parametrize("name, learned", [("jl-changchun-xinfangju-2026-dept-budget", True),
                                           ("sn-xian-xingzhengshenpi-2025-dept-budget", False),
                                           ("central-guojia-xinfangju-2026-dept-budget", False)])
def test_a_summary_printing_each_lines_carry_over_beside_it_is_learned_so(tmp_path_factory, name, learned) -> None:
    """长春's 收支总表 and 财政拨款收支总表 print 本年预算 | 编制预算 | 上年结转 on either side, each line's carry-over in a
    column of its own (read as 预算数 | 预算数·编制预算 | 上年结转): the render printed 预算数 alone (the 财政拨款收支总表's
    spending by fund), every spending figure off (12 of 59 and 4 of 33 in place). Learned as 表格.X.列 [合计, 当年预算,
    上年结转结余]; 西安 and 国家信访局 print one amount a side (their 上年结转 a line): nothing learned, as before (西安's
    spending by use a column of its own: tests/test_spending_uses.py)."""
    _, source, layout, text = _learned(tmp_path_factory, name)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收支总表"))
    names = [cell.text for cell in table.header[-1].cells]
    sides = 3 if name.startswith("sn-xian") else 2
    assert names == (["项目", "合计", "当年预算", "上年结转结余"] * 2 if learned else ["项目", "预算数"] * sides)
    fiscal = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("财政拨款收支总表"))
    assert ([cell.text for cell in fiscal.header[-1].cells] == ["项目", "合计", "当年预算", "上年结转结余"] * 2) == learned
    if learned:
        line = next([c.text for c in row.cells] for row in table.body if row.key.endswith("|一般公共服务支出"))
        assert line == ["财政拨款收入", "1682.76", "1682.76", "0.00", "一般公共服务支出", "1378.41", "1378.41", "0.00"]
        line = next([c.text for c in row.cells] for row in fiscal.body if row.key.endswith("|一般公共服务支出"))
        assert line == ["一般公共预算拨款", "1682.76", "1682.76", "0.00", "一般公共服务支出", "1378.41", "1378.41", "0.00"]


@pytest.mark.parametrize("name, words", [("jl-changchun-xinfangju-2026-dept-budget", "单位资金收入"),
                                          ("gd-shenzhen-xinfangju-2026-dept-budget", "单位资金"),
                                          ("sn-xian-xingzhengshenpi-2025-dept-budget", None)])
def test_the_units_own_income_printed_above_its_sources_is_learned_as_a_subtotal_line(tmp_path_factory, name,
                                                                                     words) -> None:
    """长春's and 深圳's 收支总表 print 三、单位资金(收入) 0.00 above 事业收入 … 其他收入: a line the render did not print
    (its 3 and 1 figures missed). Learned as 小计行 单位资金 and printed there, the sum of the five (compute's own_income);
    西安 prints no such line: none learned, none printed."""
    _, source, layout, text = _learned(tmp_path_factory, name)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收支总表"))
    names = [row.cells[0].text for row in table.body]
    if words is None:
        assert "单位资金" not in names and "单位资金收入" not in names
        return
    assert names[names.index(words) + 1] == "事业收入"
    assert next(row for row in table.body if row.cells[0].text == words).cells[1].text == "0.00"


@pytest.mark.parametrize("name, first", [("jl-changchun-xinfangju-2026-dept-budget", ["1682.76"] * 2),
                                          ("cq-xuanchuanbu-2026-dept-budget", []),
                                          ("sn-xian-xingzhengshenpi-2025-dept-budget", None)])
def test_a_fiscal_table_printing_its_years_total_first_is_learned_so(tmp_path_factory, name, first) -> None:
    """长春, 国家信访局, 重庆 and 长沙 print their 财政拨款收支总表 with 一、本年收入 | 一、本年支出 first, the kinds and the
    function lines under them: the render printed its 本年收入合计 | 本年支出合计 under the lines (长春's 6, 重庆's 4
    figures missed). Learned as 小计行 本年收入: that row first, under those words, and not again below; 西安 prints
    一、财政拨款 first (a 小计行 of its own): not learned."""
    _, source, layout, text = _learned(tmp_path_factory, name)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("财政拨款收支总表"))
    names = [row.cells[0].text for row in table.body]
    if first is None:
        assert "本年收入" not in names and "本年收入合计" in names
        return
    top = [cell.text for cell in table.body[0].cells]
    assert top[0] == "本年收入" and "本年收入合计" not in names
    assert not first or [top[1], top[top.index("本年支出") + 1]] == first  # 重庆's the render's own (not all known)


@pytest.mark.parametrize("carried, printed", [("", "0.00"), ("  上年结转: 12.5\n", "")])
def test_the_income_tables_carry_over_by_fund_is_learned_and_printed_as_far_as_the_source_tells(
        tmp_path_factory, carried, printed) -> None:
    """长春's 收入总表 prints its 上年结转结余 小计 and then the carry-over of each fund (一般公共预算 … 单位资金, all 0.00):
    the render printed the 小计 alone (5 figures missed). Learned as 表格.收入总表.列; each a part of 上年结转, 0.00 where
    that is none, blank where it is not (北京 carries 471.96 over, 436.85 of it 一般公共预算's: a source holds no part)."""
    _, source, layout, text = _learned(tmp_path_factory, "jl-changchun-xinfangju-2026-dept-budget")
    assert "- 上年结转一般公共预算" in text and "- 上年结转单位资金" in text
    _income_with(source, carried)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收入总表"))
    assert [cell.text for cell in table.header[-1].cells][-6:] == ["小计", "一般公共预算", "政府性基金", "国有资本经营",
                                                                 "财政专户管理资金", "单位资金"]
    for row in table.body:
        cells = [cell.text for cell in row.cells]
        assert cells[-5:] == [printed] * 5 and cells[-6] == ("12.50" if carried else "0.00"), cells


def test_an_income_table_printed_without_its_year_subtotal_is_learned_and_printed_so(tmp_path_factory) -> None:
    """福州市民政局 2026's 收入总表 prints 合计 | 一般公共预算拨款收入 | … | 其他收入 | 上年结转结余 by the department's one row,
    no 本年收入 小计 — as 广州's and 泉州's by their units' lines: the render printed the 小计 (2219.92) and every figure
    after it one column on (7 figures missed). Learned as 表格.收入总表.列 naming the columns printed; a 列 naming
    本年收入合计 too prints it."""
    _, source, layout, text = _learned(tmp_path_factory, "fj-fuzhou-minzhengju-benji-2026-unit-budget")
    settings = (layout / "版式.yaml").read_text(encoding="utf-8")
    listed = re.search(r"  收入总表:\n    列:\n((?:    - .+\n)+)", settings)
    assert listed is not None and "本年收入合计" not in listed.group(1)
    assert listed.group(1).splitlines()[0] == "    - 合计" and listed.group(1).splitlines()[-1] == "    - 上年结转"

    def income_rows(folder: Path) -> list[list[str]]:
        document = document_for(prepare(source, draft=True), draft=True, layout=folder)
        table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收入总表"))
        return [[cell.text for cell in row.cells] for row in (table.header[-1], *table.body)]

    rows = income_rows(layout)
    assert rows[0][0] == "一般公共预算拨款" and "小计" not in rows[0]
    assert rows[1] == ["合计", "2249.92", "2144.92", "75.00", *["0.00"] * 7, "30.00"]
    (layout / "版式.yaml").write_text(settings.replace("    - 合计\n    - 一般公共预算拨款\n",
                                                      "    - 合计\n    - 本年收入合计\n    - 一般公共预算拨款\n"), encoding="utf-8")
    rows = income_rows(layout)
    assert rows[0][0] == "小计" and rows[1][1:4] == ["2249.92", "2219.92", "2144.92"]


def test_headings_of_one_kind_in_a_row_are_each_read_and_an_items_first_line_is_none() -> None:
    """深圳市信访局 2026 prints “第二部分 部门预算收支总体情况” and “第三部分 部门预算支出具体情况” after “二、机构编制”: headings
    of no kind read, one after another — the text's cut took only the first of such a run as a heading, so the learned
    layout and bench/learned_layout never saw the parts 一 to 三. 苏州市应急管理局 2026's 名词解释 numbers its items
    (“十、住房保障支出（类）住房改革支出（款）住房公积金（项）：…”), each first line as wide as the text: items, not headings."""
    from reportgen.importing.text.text_parts import printed_headings

    shenzhen = printed_headings(read_published(FRESH / "gd-shenzhen-xinfangju-2026-dept-budget.pdf").lines)
    parts = [(h.number, h.words) for h in shenzhen if h.style == "part"]
    assert parts == [(1, "部门概况"), (2, "部门预算收支总体情况"), (3, "部门预算支出具体情况"), (4, "政府采购预算情况"),
                     (5, "财政拨款“三公”经费预算情况"), (6, "部门预算绩效管理情况"), (7, "重点项目预算绩效情况说明"),
                     (8, "其他需要说明情况"), (9, "名词解释")]
    sections = [h.words for h in shenzhen if h.style == "cn"]
    at = sections.index("机构编制")
    assert sections[at:at + 3] == ["机构编制", "2026年主要工作目标", "深圳市信访局"]
    suzhou = printed_headings(read_published(FRESH / "js-suzhou-yingji-2026-dept-budget.pdf").lines)
    assert not [h for h in suzhou if h.words.startswith("住房保障支出（类）住房改革支出")]
    assert [h.number for h in suzhou if h.style == "cn"][3:18] == list(range(1, 16))  # 第三部分's 一 to 十五
    # the terms after “八、社会保障和就业支出（类）行政事业单位养老支出（款）机” / “关事业单位……”, as wide as the terms
    # above it, were cut as a section of their own, and its first line read as a heading: a term (国家信访局 likewise)
    assert not [h for h in suzhou if "（款）" in h.words], [h.words for h in suzhou if "（款）" in h.words]
    central = printed_headings(read_published(FRESH / "central-guojia-xinfangju-2026-dept-budget.pdf").lines)
    assert not [h for h in central if "（款）" in h.words] and central[-1].words == "名词解释"


def test_a_layout_learned_on_a_provinces_base_numbers_its_headings_as_printed(tmp_path_factory) -> None:
    """The learned frame prints the default's parts whatever the base; 深圳's own frame nests its parts under “一、文字部分”,
    so a learned layout based on 深圳 that kept 深圳's numbering printed “一、部门预算收支总体情况” and “第一部分 机构设置”
    (bench/learned_layout: 0 of 21 headings in order, 8 深圳 documents of ../shared/corpus 0 of 205). The published
    document: “第二部分 部门预算收支总体情况”, “第三部分 部门预算支出具体情况”, its sections “一、…”."""
    from reportgen.docmodel.document import Heading

    _, source, layout, text = _learned(tmp_path_factory, "gd-shenzhen-xinfangju-2026-dept-budget")
    assert "基于: 深圳" in text
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    headings = [_plain(b.full_text) for b in document.blocks if isinstance(b, Heading)]
    assert "第二部分部门预算收支总体情况" in headings and "第三部分部门预算支出具体情况" in headings
    assert headings.index("第二部分部门预算收支总体情况") < headings.index("第三部分部门预算支出具体情况")
    assert "一、机关运行经费" in headings and not [h for h in headings if h.startswith("第一部分") and "机构" in h]


@pytest.mark.parametrize("name", ["sh-city-shenjiju-2026-unit-budget", "sh-city-fucai-2026-unit-budget"])
def test_parts_numbered_in_the_contents_alone_are_learned_so(tmp_path_factory, name) -> None:
    """上海市级 numbers its parts in the 目录 alone (“一、单位主要职能 … 六、其他相关情况说明”); the body prints
    “其他相关情况说明” centred with no number and its sections “一、2026年“三公”经费预算情况说明”, “二、机关运行经费预算” ….
    The learned draft printed those sections as parts (“四、2026年“三公”…”, bench/learned_layout: 0 of 5 in every
    上海市级 document): the parts are numbered in the 目录 alone now, the sections under theirs, as printed."""
    from reportgen.docmodel.document import Heading

    _, source, layout, text = _learned(tmp_path_factory, name)
    assert resolve(layout).numbering[0].pattern == "{一}、" and not resolve(layout).numbering[0].body
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    headings = [_plain(b.full_text) for b in document.blocks if isinstance(b, Heading)]
    at = headings.index("其他相关情况说明")
    assert headings[at + 1] == "一、2026年“三公”经费预算情况说明" and headings[at + 2] == "二、机关运行经费预算"


@pytest.mark.parametrize("name, zeros", [
    ("sh-city-shenjiju-2026-unit-budget", {"三公经费支出表": "空白", "收支总表": "空白", "财政拨款收支总表": "空白"}),
    ("sh-city-fucai-2026-unit-budget", {"全部": "空白"})])
def test_blanks_the_base_prints_as_the_source_states_are_not_learned(tmp_path_factory, name, zeros) -> None:
    """上海 prints its tables as the source states them (照源文件): 普陀区万里街道 2023's 收入总表 blanks, learned 空白,
    put 2024's printed zeros out of place (tests/test_learned_words.py). Written from 万里; on 上海市级: 审计局's tables
    leave blank what the source does not state, and only the tables the base renders a zero in (三公, the two 收支
    tables) are learned 空白 — its draft as before, no zero printed; 福利彩票发行中心's source states zeros its 收入总表
    leaves blank, and every table is learned 空白 as before."""
    _, source, layout, text = _learned(tmp_path_factory, name)
    assert yaml.safe_load(text)["展示"]["表格零值"] == zeros
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    assert not [c.text for b in document.blocks if isinstance(b, Table) and b.id.startswith(("收入总表", "支出总表"))
                for row in b.body for c in row.cells if c.text == "0"]


def test_a_tables_row_read_as_text_is_no_heading() -> None:
    """重庆市委宣传部 2026's 收支总表 rows read as text (“一、一般公共预算资金 37,891.58 一、一般公共服务支出 22,022.92”) were
    headings of the learned words (“七、其他收入资金513.00” in the draft) and of bench/learned_layout: a heading prints no
    amount. Its headings are read, in order; its row “八、事业单位经营收入资金”, figures blank, was still read as one: the
    rows of a section whose heading prints an amount are none either."""
    from reportgen.importing.text.text_parts import printed_headings

    found = printed_headings(read_published(FRESH / "cq-xuanchuanbu-2026-dept-budget.pdf").lines)
    words = [h.words for h in found if h.style == "cn"]
    assert not [w for w in words if re.search(r"\d\.\d\d", w)], words
    assert "事业单位经营收入资金" not in words  # the rows after one printing an amount: the table's too
    printed = ["单位基本情况", "部门收支总体情况", "财政拨款情况说明", "“三公”经费情况说明", "其他重要事项的情况说明", "专业性名词解释"]
    assert [w for w in words if w in printed] == printed


@pytest.mark.parametrize("name, first", [("jl-changchun-xinfangju-2026-dept-budget", "部门概况"),
                                         ("fj-quanzhou-zhengfuban-2026-dept-budget", "部门概况")])
def test_a_contents_going_on_over_the_next_page_is_no_text(name, first) -> None:
    """长春市信访局 2026 lists its 目录 over two pages (“四、财政拨款收支总表情况说明 … 第四部分 名词解释” on the second),
    泉州市人民政府办公室 likewise: the second page was read as text, ten headings of 长春 that the body prints again later.
    The body's first heading is the first read now."""
    from reportgen.importing.text.text_parts import printed_headings

    found = printed_headings(read_published(FRESH / f"{name}.pdf").lines)
    assert found[0].words == first and found[0].style == "part"


@pytest.mark.parametrize("name, first", [("fj-fuzhou-minzhengju-benji-2026-unit-budget", "2026年度收支预算总表"),
                                         ("jl-changchun-xinfangju-2026-dept-budget", "收支总表（预算表1）")])
def test_tables_printed_with_no_number_are_learned_so(tmp_path_factory, name, first) -> None:
    """福州市民政局 prints “2026 年度收支预算总表” over its first table, 长春市信访局 “收支总表（预算表 1）”: no 表N. The learned
    draft printed the default's “表1” over them: the body prints none now (the 目录 numbers them as the base does)."""
    _, source, layout, _ = _learned(tmp_path_factory, name)
    tables = [(b.number, _plain(b.title)) for b in document_for(prepare(source, draft=True), draft=True,
                                                                  layout=layout).blocks if isinstance(b, Table)]
    assert tables[0] == ("", first) and not [number for number, _ in tables if number]


def test_a_heading_broken_at_its_lines_end_is_read_whole() -> None:
    """苏州市应急管理局 2026 breaks “九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明” after “情”, “况说明” alone on
    the next line: the heading was read to its line's end, and the learned draft printed it so."""
    from reportgen.importing.text.text_parts import printed_headings

    found = printed_headings(read_published(FRESH / "js-suzhou-yingji-2026-dept-budget.pdf").lines)
    assert "一般公共预算“三公”经费、会议费、培训费支出预算情况说明" in [h.words for h in found]


@pytest.mark.parametrize("name, number, words", [
    ("fj-fuzhou-minzhengju-benji-2026-unit-budget", 4, "名词解释"),  # “第四部分” / “名词解释”, a section's heading
    ("sd-yantai-minzhengju-2026-dept-budget", 2, "2026年部门预算表"),  # “第二部分” / “2026年部门预算表”, a table's
    # not written from: shown unchanged on a third region (a cover over four lines) and a 目录 over two pages
    ("js-suzhou-yingji-2026-dept-budget", 2, "2026年度部门预算表"),
    ("fj-quanzhou-zhengfuban-2026-dept-budget", 4, "名词解释"),
])
def test_a_parts_words_printed_below_its_number_are_read_as_the_contents_lists_them(name, number, words) -> None:
    """A part's number alone on its line, its words on the next lines as a section's heading or a table's title, or
    over a cover (苏州: “第二部分” / “2026 年度” / “苏州市应急管理局” / “部门预算表”): the part was read with no words, and
    bench/learned_layout counted “第四部分” against the draft's “第四部分名词解释”. The words the 目录 lists it by."""
    from reportgen.importing.text.text_parts import printed_headings

    found = printed_headings(read_published(FRESH / f"{name}.pdf").lines)
    assert [h.words for h in found if h.style == "part" and h.number == number] == [words]


def test_the_headings_inside_a_section_are_read_and_a_lists_items_are_none() -> None:
    """杭州市气象局 2026 prints “（一）收支预算情况的总体说明（详见表 1-3）” … under “二、2026 年杭州市气象局部门预算安排情况
    说明”; 湖州市财政局 2026 “（一）关于湖州市财政局 2026 年收支预算情况的总体” / “说明”; 国家信访局 2026 “（1）项目概述”:
    headings opening no section of a kind read, which the measure never counted (杭州: 9 of its 18 headings read; the
    draft's own were taken for extras). A list's items (广州市卫生健康委员会's units, ../shared/corpus), a table's cells read
    as text (长春市信访局's 项目支出绩效目标表: “1、全年确保网络专线”) and a sentence stating a sum are none."""
    from reportgen.importing.text.text_parts import printed_headings

    def words(path: Path) -> list[str]:
        return [h.words for h in printed_headings(read_published(path).lines)]

    hangzhou = words(FRESH / "zj-hangzhou-qixiang-2026-dept-budget.pdf")
    assert hangzhou[4:7] == ["收支预算情况的总体说明（详见表1-3）", "收入预算情况说明（详见表1-3）",
                             "支出预算情况说明（详见表1-3）"], hangzhou
    # closed by a stop, and two characters short of the margin: headings (the next line opens a paragraph)
    assert "一般公共预算当年拨款规模变化情况" in hangzhou and "国有资本经营预算支出情况说明（详见表9）" in hangzhou
    assert "关于湖州市财政局2026年收支预算情况的总体说明" in words(FRESH / "zj-huzhou-caizhengju-2026-dept-budget.pdf")
    central = printed_headings(read_published(FRESH / "central-guojia-xinfangju-2026-dept-budget.pdf").lines)
    assert [(h.style, h.number) for h in central if h.words == "项目概述"] == [("pa", 1)]
    changchun = words(FRESH / "jl-changchun-xinfangju-2026-dept-budget.pdf")
    assert not [w for w in changchun if "网络专线" in w]
    assert "2026年度部门预算表" in changchun  # “第二部分 2026年度部门预算表” opening the tables' section: a part's heading
    assert not [w for w in words(FRESH / "bj-shenjiju-2026-dept-budget.pdf") if "万元" in w]
    units = FRESH.parent / "gd-guangzhou-weijianwei-2026-dept-budget.pdf"
    if units.exists():
        assert not [w for w in words(units) if "医院" in w]


def test_the_measure_reads_each_file_of_a_document_and_a_numbering_as_printed() -> None:
    """bench/learned_layout read 北京市审计局's 情况说明 and 报表 together: the second file's pages were taken for the
    first's, and 6 of its 13 headings lost (published_sentences.printed_files: the learned layout reads them file by file);
    and it printed 国家信访局's “（1）项目概述” as “（一）项目概述”."""
    from bench.learned_layout import published_headings

    beijing = [line for name in ("bj-shenjiju-2026-dept-budget.pdf", "bj-shenjiju-2026-dept-budget-tables.pdf")
               for line in read_published(FRESH / name).lines]
    found = published_headings(beijing)
    assert len(found) == 13 and "二、收入预算情况说明" in found and found[-1] == "第二部分2026年度部门预算报表", found
    assert "（1）项目概述" in published_headings(read_published(FRESH / "central-guojia-xinfangju-2026-dept-budget.pdf").lines)


def test_a_units_learned_headings_are_printed_in_its_draft(tmp_path_factory) -> None:
    """长春市信访局 2026's source is a unit's (类型: 单位): the default prints its parts as a unit's (“单位概况”, its 版本),
    and the learned 标题 were keyed by those words, which no template asks for — the draft printed “第一部分单位概况”
    and “第二部分2026年单位预算表” where the document prints “第一部分 部门概况” and “第二部分 2026年度部门预算表”."""
    from reportgen.docmodel.document import Heading

    _, source, layout, text = _learned(tmp_path_factory, "jl-changchun-xinfangju-2026-dept-budget")
    assert "部门概况: 部门概况" in text and "单位概况:" not in text
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    headings = [_plain(b.full_text) for b in document.blocks if isinstance(b, Heading)]
    assert headings[0] == "第一部分部门概况" and "第二部分2026年度部门预算表" in headings, headings


def test_a_setting_read_from_a_layouts_file_is_written_as_plain_text(tmp_path) -> None:
    """A learned layout takes some settings from its base (福州's 表号: 默认's “表{1}”, read from its file as a LocStr
    that remembers its place). yaml.safe_dump refuses such a str: `import --learn-layout` stopped with an internal
    error whenever the base was read anew rather than from the cache. The layout is written whatever the text's type."""
    from reportgen.reading.yamlsafe import LocStr

    pattern = LocStr("表{1}")
    learned = Learned({"名称": "某市", "基于": "默认", "表号": {"格式": pattern, "正文": False},
                       "表格清单": {"表": [{"表": "收支总表", "标题": LocStr("收支总体情况表")}]}})
    write_layout(tmp_path / "学到的", learned)
    assert "格式: 表{1}" in (tmp_path / "学到的" / "版式.yaml").read_text(encoding="utf-8")


# -- 印出表: a numbered table of a kind reportgen has none of, held as printed and printed in its place ------------
def _printed_table(source: Path, title: str) -> Table:
    document = document_for(prepare(source, draft=True), draft=True, layout="默认")
    return next(b for b in document.blocks if isinstance(b, Table) and _plain(b.title) == title)


def test_a_table_of_no_kind_is_held_as_printed_and_printed_in_its_published_place(yantai) -> None:
    """烟台's 公开表10 基本支出预算情况表 (a kind reportgen has none of: 部门 × 政府经济分类 by fund) is held in the source as
    printed — its number, title, 单位 line, header and rows, each amount the decimal literal printed, traced to its
    line — and the learned layout, and the shipped 山东 one, print it as 公开表10 between 公开表9 and 公开表11; the
    figures as printed (187.70 keeps its places, 3,224.05 its separator)."""
    pdf, source, layout, text = yantai
    written = source.read_text(encoding="utf-8")
    assert "表号: 公开表10" in written and "表名: 基本支出预算情况表" in written and "单位: 单位：万元" in written
    assert "- [301, 01, 基本工资, 501, 01, 工资奖金津补贴, 187.70, 187.70, 187.70" in written.replace('"', "")
    assert "  - 印出表: 基本支出预算情况表\n    表号: 10\n" in text
    published = _published(pdf, layout)
    for every in (_rendered_tables(source, layout), _rendered_tables(source, "山东")):
        rendered = [table for table in every if table[0]]  # its forms printed without a number aside
        assert rendered.index(("公开表10", "基本支出预算情况表")) == rendered.index(("公开表9", published[8][1])) + 1
        assert _in_order(rendered, published)
    table = _printed_table(source, "基本支出预算情况表")
    cells = [[cell.text for cell in row.cells] for row in table.body]
    assert ["", "", "合计", "", "", "", "3,224.05", "2,989.71", "2,989.71", "", "", "", "234.34", "", ""] in cells
    assert table.unit_line == "单位：万元"


def test_a_table_of_no_kind_on_a_third_region_is_printed_as_published(tmp_path_factory) -> None:
    """Not written from: 苏州's 公开13表 政府采购支出表 (its number printed on the line above its title) — the learned
    layout prints all 13 of its tables with their published numbers and titles, in order."""
    pdf, source, layout, text = _learned(tmp_path_factory, "js-suzhou-yingji-2026-dept-budget")
    assert "  - 印出表: 政府采购支出表\n    表号: 13\n" in text
    published, rendered = _published(pdf, layout), _rendered_tables(source, layout)
    assert rendered == published and rendered[-1] == ("公开13表", "政府采购支出表")
    table = _printed_table(source, "政府采购支出表")
    rows = [[cell.text for cell in row.cells] for row in table.body]
    assert rows[0] == ["合计", "", "", "", "", "1,099.35", "", "", "", "1,099.35"]
    # its header as the page prints it: 资金来源 over its four funds, each other label two rows high (written from
    # 北京's and 烟台's, unchanged)
    assert _head_spans(table) == [[("采购品目大类", 1, 2), ("专项名称", 1, 2), ("经济科目", 1, 2), ("采购品目名称", 1, 2),
                                   ("采购组织形式", 1, 2), ("资金来源", 4, 1), ("总计", 1, 2)],
                                  [("一般公共预算资金", 1, 1), ("政府性基金", 1, 1), ("其他资金", 1, 1),
                                   ("上年结转和结余资金", 1, 1)]]


# 烟台's 公开表10 heads its columns so (the published page): 科目编码 over 类 and 款, twice; 财政拨款 over 小计 and its
# three funds; each other label two rows high
YANTAI_HEAD = [[("科目编码", 2, 1), ("部门预算支出经济分类科目", 1, 2), ("科目编码", 2, 1), ("政府预算支出经济分类科目", 1, 2),
                ("合计", 1, 2), ("财政拨款", 4, 1), ("财政专户管理资金", 1, 2), ("单位资金", 1, 2), ("使用非财政拨款结余", 1, 2),
                ("上年结转", 1, 2)],
               [("类", 1, 1), ("款", 1, 1), ("类", 1, 1), ("款", 1, 1), ("小计", 1, 1), ("一般公共预算", 1, 1),
                ("政府性基金预算", 1, 1), ("国有资本经营预算", 1, 1)]]


def _head_spans(table: Table) -> list[list[tuple[str, int, int]]]:
    """A table's header as the document holds it: each row's cells, each (its text, its colspan, its rowspan)."""
    return [[(cell.text, cell.colspan, cell.rowspan) for cell in row.cells] for row in table.header]


def test_a_table_held_as_printed_is_written_alike_in_docx_html_and_xlsx(yantai, tmp_path) -> None:
    """The one neutral document's table, in each format: 公开表10's 合计 row with its figures as printed, and its
    header's cells merged as the page merges them — 财政拨款 over four columns, 合计 two rows high — in DOCX (gridSpan,
    vMerge), HTML (colspan, rowspan) and XLSX (merged ranges); PDF is the DOCX printed."""
    openpyxl = pytest.importorskip("openpyxl")
    from reportgen.runners.render import render_source
    from tests.readback import docx_text, html_text

    source = yantai[1]
    written = source.read_text(encoding="utf-8")
    assert "- [{文字: 科目编码, 跨列: 2}, {文字: 部门预算支出经济分类科目, 跨行: 2}" in written
    assert "- [类, 款, 类, 款, 小计, 一般公共预算, 政府性基金预算, 国有资本经营预算]" in written
    assert _head_spans(_printed_table(source, "基本支出预算情况表")) == YANTAI_HEAD
    rendered = render_source(source, tmp_path, formats=("docx", "html", "xlsx"), draft=True, layout=yantai[2])
    assert rendered.outputs
    for text in (html_text(tmp_path / f"{source.stem}.html"), docx_text(tmp_path / f"{source.stem}.docx")):
        assert "公开表10" in text and "基本支出预算情况表" in text and "3,224.05" in text and "工资奖金津补贴" in text
    html = (tmp_path / f"{source.stem}.html").read_text(encoding="utf-8")
    assert re.search(r'<th scope="colgroup" colspan="4"[^>]*>财政拨款</th>', html)
    assert re.search(r'<th scope="col" rowspan="2"[^>]*>部门预算支出经济分类科目</th>', html)
    assert _docx_head(tmp_path / f"{source.stem}.docx", "部门预算支出经济分类科目") == [
        [(text, across, "restart" if down > 1 else None) for text, across, down in YANTAI_HEAD[0]],
        [("类", 1, None), ("款", 1, None), ("", 1, "continue"), ("类", 1, None), ("款", 1, None), ("", 1, "continue"),
         ("", 1, "continue"), ("小计", 1, None), ("一般公共预算", 1, None), ("政府性基金预算", 1, None),
         ("国有资本经营预算", 1, None), *[("", 1, "continue")] * 4]]
    book = openpyxl.load_workbook(tmp_path / f"{source.stem}.xlsx")
    cells = {str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert "工资奖金津补贴" in cells and ("3224.05" in cells or "3,224.05" in cells)
    sheet = next(sheet for sheet in book.worksheets if any(c.value == "部门预算支出经济分类科目" for r in sheet.iter_rows()
                                                            for c in r))
    merged = {sheet.cell(m.min_row, m.min_col).value: (m.max_col - m.min_col + 1, m.max_row - m.min_row + 1)
              for m in sheet.merged_cells.ranges}
    assert merged["财政拨款"] == (4, 1) and merged["部门预算支出经济分类科目"] == (1, 2) and merged["上年结转"] == (1, 2)


def _docx_head(path: Path, label: str) -> list[list[tuple[str, int, str | None]]]:
    """The first two rows of the DOCX's table whose first row holds ``label``: each cell's (text, gridSpan, vMerge)."""
    import docx

    texts = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
    for table in docx.Document(str(path)).tables:
        rows = [[("".join(t.text or "" for t in tc.iter(texts)), tc.grid_span, tc.vMerge) for tc in tr.tc_lst]
                for tr in table._tbl.tr_lst[:2]]
        if any(cell[0] == label for cell in rows[0]):
            return rows
    return []


def _beside_its_layout(yantai, folder: Path, text: str) -> Path:
    """The imported source written as ``text`` in ``folder``, its learned layout folder beside it (the 版式 it names)."""
    shutil.copytree(yantai[2], folder / yantai[2].name)
    (folder / "烟台.yaml").write_text(text, encoding="utf-8")
    return folder / "烟台.yaml"


def test_rollover_keeps_a_printed_tables_structure_and_asks_for_its_figures(yantai, tmp_path, capsys) -> None:
    """Next year's source keeps 公开表10's number, title, header and each row's texts; every amount is 待填写 —
    last year's never printed as this year's — and check asks for each at its line."""
    from reportgen.reading.yamlsafe import load_yaml

    source = _beside_its_layout(yantai, tmp_path, yantai[1].read_text(encoding="utf-8"))
    rolled = tmp_path / "next.yaml"
    assert cli.main(["rollover", str(source), "-o", str(rolled)]) == 0
    [table, forms] = load_yaml(rolled)["印出表"]  # 公开表10, and its project forms printed without a number
    assert "表号" not in forms and forms["表名"] == "政策和项目预算绩效目标表"
    assert table["表号"] == "公开表10" and table["表名"] == "基本支出预算情况表" and table["表头"][1][:2] == ["类", "款"]
    assert table["表头"][0][5] == {"文字": "财政拨款", "跨列": 4} and table["表头"][0][4] == {"文字": "合计", "跨行": 2}
    assert table["行"][2] == ["301", "01", "基本工资", "501", "01", "工资奖金津补贴", "待填写", "待填写", "待填写",
                             "", "", "", "", "", ""]
    capsys.readouterr()
    assert cli.main(["check", str(rolled)]) == 1
    asked = [line for line in capsys.readouterr().out.splitlines() if "印出表[1].行" in line]
    amounts = [cell for row in load_yaml(source)["印出表"][0]["行"] for cell in row if isinstance(cell, Decimal)]
    assert len(asked) == len(amounts) > 100 and all("待填写" in line and line.startswith(f"{rolled}:") for line in asked)


def test_check_refuses_a_printed_row_narrower_than_its_header_at_its_line(yantai, tmp_path, capsys) -> None:
    """A row of 印出表 with a cell left out: check names the file, the line and the width it should have."""
    text = yantai[1].read_text(encoding="utf-8")
    row = '      - ["", "", 合计, "", "", "", 3224.05, 2989.71, 2989.71, "", "", "", 234.34, "", ""]'
    at = next(line for line in text.splitlines() if line.startswith(row))
    source = _beside_its_layout(yantai, tmp_path, text.replace(at, at.replace('"", "", 合计', '"", 合计', 1)))
    number = text.splitlines().index(at) + 1
    assert cli.main(["check", str(source)]) == 1
    out = capsys.readouterr().out
    assert f"烟台.yaml:{number}" in out and "R-印出表" in out and "有 14 格，表头第 1 行有 15 格" in out


def test_a_printed_table_the_layout_lists_by_a_title_the_source_holds_none_of_is_told(yantai, tmp_path, capsys) -> None:
    """The officer renames 公开表10 in the learned layout's 表格清单 only: the table vanished from the document, check
    said 0 errors and render exit 0 (hostile-2026-11-29 V8); now an error at the source's 版式 line names the title
    listed and those the source holds, render writes nothing and the draft is still drawn."""
    text = yantai[1].read_text(encoding="utf-8")
    source = _beside_its_layout(yantai, tmp_path, text)
    settings = tmp_path / yantai[2].name / "版式.yaml"
    listed = "  - 印出表: 基本支出预算情况表\n"
    assert listed in settings.read_text(encoding="utf-8")
    settings.write_text(settings.read_text(encoding="utf-8").replace(listed, "  - 印出表: 基本支出预算情况\n"),
                        encoding="utf-8")
    line = next(n for n, at in enumerate(text.splitlines(), 1) if at.startswith("版式: "))
    capsys.readouterr()
    assert cli.main(["check", str(source)]) == 1
    out = capsys.readouterr().out
    assert f"烟台.yaml:{line}: 错误 [版式-表格清单]" in out and "列出印出表“基本支出预算情况”" in out \
        and "源文件的：“基本支出预算情况表”" in out
    assert cli.main(["render", str(source), "-o", str(tmp_path / "out"), "--format", "html"]) == 1
    assert not (tmp_path / "out").exists()
    assert cli.main(["render", str(source), "-o", str(tmp_path / "draft"), "--format", "html", "--draft"]) == 0


@pytest.mark.parametrize("written, edited, row, told", [
    # a label written two rows high in a header of two rows (合计 over the header's three rows)
    ("{文字: 合计, 跨行: 2}", "{文字: 合计, 跨行: 3}", 1, "表头第 1 行的“合计”跨 3 行，表头只有 2 行"),
    # 财政拨款 over three columns: the header's first row spans 14, every row of the table is 15 cells
    ("{文字: 财政拨款, 跨列: 4}", "{文字: 财政拨款, 跨列: 3}", 1, "表头第 1 行各格共跨 14 栏（跨列的按所跨的列数计），而表的各行都是 15 格"),
    # 小计 left out under 财政拨款: the second row leaves a column no cell covers
    ("- [类, 款, 类, 款, 小计, ", "- [类, 款, 类, 款, ", 2, "表头第 2 行的格只占到第 10 栏，还空着 1 栏"),
    # a cell more in the first row
    ("{文字: 财政拨款, 跨列: 4}", "{文字: 财政拨款, 跨列: 4}, {文字: 多出, 跨列: 2}", 1,
     "表头第 1 行各格共跨 17 栏"),
    # the second 类 written across three columns: into the column 政府预算支出经济分类科目 spans down into
    ("- [类, 款, 类, 款, 小计, ", "- [类, 款, {文字: 类, 跨列: 3}, 款, 小计, ", 2, "表头第 2 行的“类”跨 3 列，排到第 6 栏，超出了留给它的栏"),
])
def test_check_refuses_a_held_header_whose_spans_do_not_cover_the_columns(yantai, tmp_path, capsys, written, edited, row,
                                                                           told) -> None:
    """A held header's 跨列 and 跨行 written wrong by hand: check names the file, the header row's line and field and
    what does not cover the table's columns, and the table is not printed."""
    text = yantai[1].read_text(encoding="utf-8")
    head = text.index("    表头:\n", text.index("表名: 基本支出预算情况表"))
    assert written in text[head:]
    at = text.index(written, head)
    source = _beside_its_layout(yantai, tmp_path, text[:at] + edited + text[at + len(written):])
    number = text[:head].count("\n") + 1 + row
    assert cli.main(["check", str(source)]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if "R-印出表" in line]
    assert len(out) == 1 and out[0].startswith(f"{source}:{number}:"), out
    assert told in out[0] and f"印出表[1].表头[{row}]" in out[0] and "印出表“基本支出预算情况表”的" in out[0]


@pytest.mark.parametrize("name, unit", [("gd-zhuhai-shangwuju-2026-dept-budget", None),
                                        ("gd-guangzhou-tongjiju-2026-dept-budget", "广州市统计普查中心")])
def test_a_table_the_department_prints_by_its_units_is_held_as_printed(tmp_path_factory, name, unit) -> None:
    """广州's and 珠海's 表11 部门预算基本支出预算表 and 表12 部门预算项目支出及其他支出预算表 print the department's figures
    again by its units: set aside (by_unit.py: never read as the department's), they are the department's printed
    tables all the same, held as printed — the learned layout prints all 12 as published; each unit's row as printed,
    the note under the table (“注：无。”) no row's."""
    pdf, source, layout, _ = _learned(tmp_path_factory, name)
    published = _published(pdf, layout)
    assert published[10:] == [("表11", "部门预算基本支出预算表"), ("表12", "部门预算项目支出及其他支出预算表")]
    assert _rendered_tables(source, layout) == published
    rows = [[cell.text for cell in row.cells] for row in _printed_table(source, "部门预算基本支出预算表").body]
    assert rows[0][0] == "合计" and not any("注" in row[0] for row in rows)
    assert unit is None or [row[:2] for row in rows if row[0] == unit] == [[unit, "1,373.74"]]


@pytest.mark.parametrize("name, number, title, total, note", [
    ("js-wuxi-jiaoyuju-benji-2026-unit-budget", "公开13表", "政府采购支出表", ["合计"] + [""] * 9,
     ("注：本单位无政府采购支出，故本表无数据。",)),
    ("sn-xian-xingzhengshenpi-2025-dept-budget", "表11", "部门综合预算财政拨款上年结转资金支出表", ["", "合计"] + [""] * 9, ())])
def test_an_empty_table_is_held_as_printed_with_its_note(tmp_path_factory, name, number, title, total, note) -> None:
    """无锡教育局's 公开13表 and 西安's 表11 print no amount: a header, its 合计 row empty (无锡's header prints 总计 beside
    its other columns' names: no row of the total) and, 无锡's, the note under it. Each is held as printed — the header
    its rows above the 合计 row alone, that row the table's one, the note as printed — and printed in its place."""
    _, source, layout, _ = _learned(tmp_path_factory, name)
    rendered = _rendered_tables(source, layout)
    numbers = [int("".join(filter(str.isdigit, printed))) for printed, _ in rendered]
    assert (number, title) in rendered and numbers == sorted(numbers)  # in its place: 西安's 表11 after 表10
    table = _printed_table(source, title)
    assert [[cell.text for cell in row.cells] for row in table.body] == [total]
    assert tuple(table.notes) == note and all("合计" not in cell.text for row in table.header for cell in row.cells)


def test_a_table_of_lines_with_no_amount_and_no_total_alone_is_held_as_printed(tmp_path_factory) -> None:
    """西安's 表9 部门综合预算政府性基金收支表 prints no amount and no 合计 alone: its header, then its lines — 一、政府性基金拨款
    beside 一、科学技术支出 … down to 本年收入合计 — each a row of its own (none of them a name wrapped in the one above:
    there is no amount to tell a row by). Held as printed from its first line numbered 一、, and printed as 表9 between
    表8 and 表10, as published (the learned layout printed 15 of its 16 tables: all but this one)."""
    _, source, layout, _ = _learned(tmp_path_factory, "sn-xian-xingzhengshenpi-2025-dept-budget")
    rendered = _rendered_tables(source, layout)
    at = rendered.index(("表9", "部门综合预算政府性基金收支表"))
    assert rendered[at - 1][0] == "表8" and rendered[at + 1][0] == "表10"
    table = _printed_table(source, "部门综合预算政府性基金收支表")
    body = [[cell.text for cell in row.cells] for row in table.body]
    assert body[0] == ["一、政府性基金拨款", "", "一、科学技术支出", "", "一、人员经费和公用经费支出", "", "一、机关工资福利支出", ""]
    assert body[1][2:] == ["二、文化旅游体育与传媒支出", "", "工资福利支出", "", "二、机关商品和服务支出", ""]
    assert body[-1] == ["本年收入合计", "", "本年支出合计", "", "本年支出合计", "", "本年支出合计", ""] and len(body) == 14
    header = [cell.text for row in table.header for cell in row.cells]
    assert "政府预算支出经济分类科目（按大类）" in header and not any(text.startswith("一、") for text in header)


def test_a_heading_over_the_duties_and_the_offices_is_the_frames_overview(tmp_path_factory) -> None:
    """西安 2025 prints “一、主要职能及机构设置” over “（一）主要职能” and “（二）机构设置”: its words name the offices (机构设置),
    and the learned 标题 made the frame's 机构设置 “主要职能及机构设置” — the draft printed “一、部门概况”, “（二）主要职能及机构设置”
    (bench/learned_layout: 13 of 15 headings). The heading is told by the headings it holds — those of the frame's
    部门概况 (heading_groups.py) — and the draft prints the three as published."""
    from reportgen.docmodel.document import Heading

    _, source, layout, text = _learned(tmp_path_factory, "sn-xian-xingzhengshenpi-2025-dept-budget")
    titles = yaml.safe_load(text)["标题"]
    assert titles["部门概况"] == "主要职能及机构设置" and "机构设置" not in titles
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    headings = [_plain(b.full_text) for b in document.blocks if isinstance(b, Heading)]
    assert headings[:4] == ["一、主要职能及机构设置", "（一）主要职能", "（二）机构设置", "二、工作任务"]


def test_a_heading_is_told_by_the_kinds_of_those_it_holds() -> None:
    """长沙市公安局 2025's “一、部门基本概况” over “（一）职能职责” and “（二）机构设置” is the frame's 部门概况 (主要职能 and
    机构设置 under it) as 西安's “一、主要职能及机构设置” is; a heading over headings naming no kind, or over one, is none."""
    from reportgen.docmodel.document import Heading
    from reportgen.importing.learning.heading_groups import grouped_words, printed_groups
    from reportgen.importing.text.text_parts import PrintedHeading

    def printed(style: str, words: str, kind: str | None) -> PrintedHeading:
        return PrintedHeading(style, 1, words, kind, "")

    frame = [Heading(1, "一、", "部门概况"), Heading(2, "（一）", "主要职能"), Heading(2, "（二）", "机构设置"),
             Heading(1, "二、", "部门预算情况说明")]
    changsha = [printed("part", "部门预算公开说明", None), printed("cn", "部门基本概况", "止"),
                printed("pc", "职能职责", "职能"), printed("pc", "机构设置", "机构设置"), printed("cn", "部门预算单位构成", "机构设置")]
    assert {at: h.words for at, h in grouped_words(frame, printed_groups(changsha)).items()} == {0: "部门基本概况"}
    one = [printed("cn", "部门概况", None), printed("pc", "主要职能", "职能"), printed("cn", "收支情况", None)]
    unnamed = [printed("cn", "说明", None), printed("pc", "甲", None), printed("pc", "乙", "止")]
    assert grouped_words(frame, printed_groups(one)) == {} and grouped_words(frame, printed_groups(unnamed)) == {}


def test_a_parts_words_set_off_from_its_number_by_a_colon_are_its_words() -> None:
    """西安市行政审批服务局 2025's 目录 (“第一部分：部门概况” …, its 一、 … 十四、 under them): the parts' words without the
    colon — the learned 标题 then print “部门概况”, not “：部门概况”."""
    listed = ["第一部分：部门概况", "一、主要职能及机构设置", "二、工作任务", "第二部分：部门预算收支情况说明",
              "五、收支预算总体情况说明", "第三部分：其他重要事项说明", "十、“三公”经费及会议费、培训费情况说明"]
    assert contents.top_styled(listed) == ("第{一}部分", ["部门概况", "部门预算收支情况说明", "其他重要事项说明"])


def test_bench_counts_the_tables_printed_without_a_number_by_title_in_order() -> None:
    """bench/learned_layout counted only numbered tables: 长春 (吉林, “收支总表（预算表1）” over its 单位 line) and
    长沙 (湖南, “2025年部门收支总体情况表”, its 财政拨款收支总体情况表 printed again over its next page) showed 表 印出 0.
    The tables printed without a number are their titles over a 单位 line, in order, a title printed again over the
    table's next page once; 烟台's titles are its numbered tables' (公开表1 on the line above). Forms have no 单位 line:
    a form's title is over its year line (（2026年度）) — 烟台's 20 政策和项目预算绩效目标表 (one title, the part's
    heading printed before the first on its line), 国家信访局's three projects' forms; 泉州's 部门整体支出绩效目标表
    after its tables."""
    from bench.learned_layout import published_tables, unnumbered_tables

    lines = read_published(FRESH / "jl-changchun-xinfangju-2026-dept-budget.pdf").lines
    assert unnumbered_tables(lines, []) == [
        "收支总表（预算表1）", "收入总表（预算表2）", "支出总表（预算表3）", "财政拨款收支总表（预算表4）",
        "本年一般公共预算支出表（预算表5）", "本年一般公共预算基本支出表（预算表6）", "本年一般公共预算“三公”经费支出表（预算表7）",
        "本年政府性基金预算支出表（预算表8）", "项目支出表（预算表9）", "国有资本经营预算支出明细表（预算表10）"]
    changsha = unnumbered_tables(read_published(FRESH / "hn-changsha-gonganju-2025-dept-budget.pdf").lines, [])
    assert changsha[3:5] == ["2025年财政拨款收支总体情况表", "2025年一般公共预算支出情况表"] and len(changsha) == 10
    yantai = read_published(FRESH / "sd-yantai-minzhengju-2026-dept-budget.pdf").lines
    assert unnumbered_tables(yantai, published_tables(yantai, "公开表{1}")) == ["政策和项目预算绩效目标表"]
    xinfang = read_published(FRESH / "central-guojia-xinfangju-2026-dept-budget.pdf").lines
    assert unnumbered_tables(xinfang, published_tables(xinfang, "部门公开表{1}")) == [
        "信息化运行维护绩效目标表", "信访综合保障经费绩效目标表", "信访业务培训绩效目标表"]
    quanzhou = unnumbered_tables(read_published(FRESH / "fj-quanzhou-zhengfuban-2026-dept-budget.pdf").lines, [])
    assert len(quanzhou) == 11 and quanzhou[-1] == "部门整体支出绩效目标表"


def test_a_table_of_no_kind_printed_without_a_number_is_held_and_printed_in_its_place(tmp_path_factory) -> None:
    """福州市民政局 (and 泉州市人民政府办公室) print “2026年度一般公共预算支出经济分类情况表” — a table reportgen has not — under no
    number between its 国有资本经营 and 基本支出 tables: only numbered tables were held as printed, and the learned draft
    printed 9 of its 10 tables (bench/learned_layout: 无表号的表 10 / 9 / 8). Held (印出表 with no 表号) and listed in
    its place; its lines of no amount (307 债务利息及费用支出 under 303) each a row, not joined to the line above."""
    _, source, layout, _ = _learned(tmp_path_factory, "fj-fuzhou-minzhengju-benji-2026-unit-budget")
    titles = [title for _, title in _rendered_tables(source, layout)]
    assert len(titles) == 10 and titles[6:9] == ["2026年度国有资本经营预算拨款支出预算表", "2026年度一般公共预算支出经济分类情况表",
                                                 "2026年度一般公共预算基本支出经济分类情况表"]
    held = yaml.safe_load(source.read_text(encoding="utf-8"))["印出表"]
    assert [item["表名"] for item in held] == ["2026年度一般公共预算支出经济分类情况表"] and "表号" not in held[0]
    assert [row[0] for row in held[0]["行"]] == ["", "301", "302", "303", "307", "309", "310", "311", "312", "313", "399"]
    assert held[0]["行"][4] == ["307", "债务利息及费用支出", ""]


def test_forms_printed_without_a_number_are_held_and_printed_without_one_in_their_place(yantai, tmp_path_factory) -> None:
    """烟台市民政局 prints a 政策和项目预算绩效目标表 for each of 20 projects (pages 34–53) after its 公开表12, and 国家信访局 a
    绩效目标表 for each of three projects after its 部门公开表9 — forms of label and value cells, read from the lines drawn
    between them, each under its title and no number. Held (印出表 with no 表号; 烟台's 20 one table under their one
    title, as 西安's 表14's nine) and printed with no number, in the published order — not after the numbered tables
    (the draft printed them there), but where the text prints them: 烟台's in its 第三部分 under “七、预算绩效管理情况说明”
    (before 第四部分), 国家信访局's first under “1.报全国人大审议的一级项目—信息化运行维护项目情况” (its “（6）年度预算安排”
    printed before it) and the two others under “2.其他一级项目绩效目标表”, the layout listing each with the headings it
    is printed under (印在)."""
    _, source, layout, written = yantai
    [form] = [item for item in yaml.safe_load(source.read_text(encoding="utf-8"))["印出表"] if "表号" not in item]
    assert form["表名"] == "政策和项目预算绩效目标表" and len(form["行"]) > 20 * 10
    listed = yaml.safe_load(written)["表格清单"]["表"]
    assert listed[-1] == {"印出表": "政策和项目预算绩效目标表",
                          "印在": ["{年}年部门预算情况和重要事项说明", "预算绩效管理情况说明", "部门预算项目绩效目标表"]}
    assert [table for table in _rendered_tables(source, layout) if table[0]][-1] == ("公开表12", "政府采购预算表")
    assert _tables_under(source, layout) == [("政策和项目预算绩效目标表", ["第三部分2026年部门预算情况和重要事项说明",
                                                                    "七、预算绩效管理情况说明", "（一）总体工作情况"])]
    _, source, layout, _ = _learned(tmp_path_factory, "central-guojia-xinfangju-2026-dept-budget")
    held = yaml.safe_load(source.read_text(encoding="utf-8"))["印出表"]
    titles = ["信息化运行维护绩效目标表", "信访综合保障经费绩效目标表", "信访业务培训绩效目标表"]
    assert [item["表名"] for item in held] == titles and not any("表号" in item for item in held)
    assert [title for _, title in _rendered_tables(source, layout)][-3:] == titles
    under = _tables_under(source, layout)
    assert [title for title, _ in under] == titles
    assert under[0][1][1:] == ["八、其他事项说明", "（六）预算绩效情况", "1.报全国人大审议的一级项目—信息化运行维护项目情况",
                               "（6）年度预算安排"]
    assert under[1][1][1:] == under[2][1][1:] == ["八、其他事项说明", "（六）预算绩效情况", "2.其他一级项目绩效目标表"]



@pytest.mark.parametrize("name, one", [("gd-guangzhou-tongjiju-2026-dept-budget", True),
                                       ("fj-quanzhou-zhengfuban-2026-dept-budget", True),
                                       ("js-wuxi-xinfangju-2025-dept-budget", False)])
def test_a_basic_table_of_one_amount_column_is_learned_and_drawn_so(tmp_path_factory, name, one) -> None:
    """福州, 泉州, 广州 and 珠海 print their 一般公共预算基本支出表 as code | name | 预算数, no 人员经费 or 公用经费: the
    render printed each line's amount again under one of them and 0.00 under the other, 234 figures the published
    tables print nowhere (bench/learned_tables --breakdown: 多的栏, 零印出). Written from 福州 and 广州: the layout learns
    列 [合计], and the render prints each line's amount once, as the document does (泉州, not written from, alike);
    无锡 prints the two columns: nothing learned, they are drawn."""
    _, source, layout, text = _learned(tmp_path_factory, name)
    assert (yaml.safe_load(text)["表格"][role("basic")].get("列") == ["合计"]) == one
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    basic = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith(role("basic")))
    header = [cell.text for row in basic.header for cell in row.cells]
    assert ("人员经费" in header and "公用经费" in header) == (not one)
    amounts = [[c.text for c in row.cells if c.align == "right"] for row in basic.body]
    assert all(len(line) == (1 if one else 3) for line in amounts if line)
    if name.startswith("gd-guangzhou"):
        assert next([c.text for c in row.cells if c.align == "right"] for row in basic.body if row.key == "30101") == ["927.35"]


@pytest.mark.parametrize("name, empty", [("js-suzhou-yingji-2026-dept-budget", ("政府性基金预算支出表", "国有资本经营预算支出表")),
                                         ("jl-changchun-xinfangju-2026-dept-budget", ("政府性基金预算支出表",)),
                                         ("fj-fuzhou-minzhengju-benji-2026-unit-budget", ())])
def test_a_table_printed_without_a_figure_is_learned_to_leave_its_cells_blank(tmp_path_factory, name, empty) -> None:
    """苏州 and 无锡 print the 政府性基金预算支出表 and 国有资本经营预算支出表 of a department with none as a 合计 row and
    nothing beside it (“本表无数据”), 长春 its 政府性基金预算支出表: the render printed 0.00 in each of its cells (32
    figures over fresh1). Written from 苏州 and 长春 (国家信访局 and 无锡 alike, not written from): such a table is learned
    表格零值 空白 and its cells print nothing. 福州 prints its 政府性基金预算支出表's 75.00 and 0.00: nothing learned of it."""
    _, source, layout, text = _learned(tmp_path_factory, name)
    zeros = (yaml.safe_load(text).get("展示") or {}).get("表格零值") or {}
    for kind in ("政府性基金预算支出表", "国有资本经营预算支出表"):
        assert (zeros.get(kind) == "空白") == (kind in empty), (kind, zeros)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    for kind in empty:
        table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith(kind))
        assert not [c.text for row in table.body for c in row.cells if c.text in ("0", "0.00")], kind



def _tables_under(source: Path, layout: Path) -> list[tuple[str, list[str]]]:
    """Each table the source renders with ``layout`` without a number, with the headings it is printed under
    (outermost first: each heading closes those of its level and deeper)."""
    found: list[tuple[str, list[str]]] = []
    open_headings: list[Heading] = []
    for block in document_for(prepare(source, draft=True), draft=True, layout=layout).blocks:
        if isinstance(block, Heading):
            open_headings = [*(h for h in open_headings if h.level < block.level), block]
        elif isinstance(block, Table) and not block.number:
            found.append((_plain(block.title), [_plain(h.full_text) for h in open_headings]))
    return found


def test_a_form_under_headings_the_render_does_not_print_stays_among_the_tables(yantai, tmp_path) -> None:
    """A layout's 印在 that names no heading the render prints (an officer's edited words, another year's parts) leaves
    the form where it was printed before: after the numbered tables, not dropped; 印在 is refused for a kind's table
    and where it is no list of words, naming the field."""
    _, source, layout, written = yantai
    settings = yaml.safe_load(written)
    folder = tmp_path / "改过的"
    shutil.copytree(layout, folder)
    settings["表格清单"]["表"][-1]["印在"] = ["没有印出的标题"]
    (folder / "版式.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    assert _rendered_tables(source, folder)[-2:] == [("公开表12", "政府采购预算表"), ("", "政策和项目预算绩效目标表")]
    for wrong in ({"表": "收支总表", "表号": 1, "印在": ["部门概况"]}, {"印出表": "政策和项目预算绩效目标表", "印在": "总体工作情况"}):
        settings["表格清单"]["表"][-1] = wrong
        (folder / "版式.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        with pytest.raises(LayoutError, match="印在"):
            resolve(str(folder))


def test_forms_of_a_document_that_numbers_no_table_are_held_in_their_place(tmp_path_factory) -> None:
    """泉州市人民政府办公室 (福建) numbers none of its tables: its eight projects' 绩效目标表 and its 部门整体支出绩效目标表 were
    not held (only a document that numbers its tables had its forms held), and the learned draft left them out. The
    mechanism above (written from 山东's 烟台 and the 国家信访局) unchanged: held with no 表号, printed under
    “七、预算绩效目标情况” of its 第三部分, as the document prints them, in its order; its tables' titles are the lines
    over them that are not the part's numbered heading (“2026年度一般公共预算拨款支出预算表”, not the
    “五、一般公共预算拨款支出预算表” printed above it)."""
    _, source, layout, _ = _learned(tmp_path_factory, "fj-quanzhou-zhengfuban-2026-dept-budget")
    held = [item["表名"] for item in yaml.safe_load(source.read_text(encoding="utf-8"))["印出表"]]
    assert len(held) == 10 and held[1] == "市级机关保留公务用车委托管理费项目绩效目标表" and held[-1] == "部门整体支出绩效目标表"
    under = [(title, headings) for title, headings in _tables_under(source, layout) if title in held]
    assert [title for title, _ in under] == held
    assert all(headings[:2] == ["第三部分2026年度部门预算情况说明", "七、预算绩效目标情况"] for _, headings in under[1:])
    assert under[0] == ("2026年度一般公共预算支出经济分类情况表", ["第二部分2026年度部门预算表"])
    assert "2026年度一般公共预算拨款支出预算表" in [title for _, title in _rendered_tables(source, layout)]

