"""A learned layout prints the two 收支 tables (收支总表, 财政拨款收支总表) as the province prints them (issue 80): the
spending side's function lines down to 款 and 项 (表格.X.层级: 深圳, 杭州, 湖州), the 财政拨款 line above its three kinds
(表格.X.小计行: 深圳, 杭州), and every line of a fixed list of 类, 0.00 for those the department spends nothing on
(表格.X.类: 广州, 珠海; shown unchanged on 泉州, whose function tables print 项 alone) — a 0.00 only where the source's
function lines are known to be all the spending, never for a line merely not given. The figures expected are the
published ones (../shared/corpus/fresh1), read off the PDFs before the code was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"


def _learned(tmp_path_factory: pytest.TempPathFactory, name: str, where: Path = FRESH) -> tuple[Path, Path, str]:
    """The document imported with --learn-layout: (the source, the layout folder, its 版式.yaml)."""
    folder = tmp_path_factory.mktemp(name)
    source, layout = import_once(folder, where / f"{name}.pdf")
    return source, layout, (layout / "版式.yaml").read_text(encoding="utf-8")


def _lines(source: Path, layout: Path, kind: str) -> list[list[str]]:
    """The texts of the rendered table ``kind``'s body rows."""
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == kind)
    return [[cell.text for cell in row.cells] for row in table.body]


def _beside(rows: list[list[str]], label: str) -> list[str]:
    """The texts printed right of ``label`` on its row (the first row printing it)."""
    row = next(r for r in rows if label in r)
    return row[row.index(label) + 1:]


@pytest.fixture(scope="module")
def shenzhen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    return _learned(tmp_path_factory, "gd-shenzhen-xinfangju-2026-dept-budget")


@pytest.fixture(scope="module")
def guangzhou(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    return _learned(tmp_path_factory, "gd-guangzhou-tongjiju-2026-dept-budget")


@pytest.mark.parametrize("kind", ["收支总表", "财政拨款收支总表"])
def test_the_spending_side_lists_the_function_lines_the_province_prints(shenzhen, kind) -> None:
    """深圳市信访局 prints 一般公共服务支出 3,459.13, under it 信访事务 3,459.13, under that 行政运行 1,866.84 and 信访业务
    1,592.29; the render printed the 类 alone. Learned as 层级: 项, and printed so."""
    source, layout, text = shenzhen
    assert f"  {kind}:\n" in text and "层级: 项" in text.split(f"  {kind}:\n")[1].split("\n  收")[0]
    rows = _lines(source, layout, kind)
    assert _beside(rows, "信访事务")[0] == "3,459.13"
    assert _beside(rows, "行政运行")[0] == "1,866.84" and _beside(rows, "信访业务")[0] == "1,592.29"
    assert _beside(rows, "购房补贴")[0] == "553.33"


def test_the_fiscal_sum_is_printed_above_its_three_kinds(shenzhen) -> None:
    """深圳 prints “一、财政拨款 4,676.96” above 1.一般公共预算拨款 4,676.96 …: learned as 小计行, in the province's word."""
    source, layout, text = shenzhen
    assert "小计行:\n    - 财政拨款收入" in text and "财政拨款收入: 财政拨款" in text
    for kind in ("收支总表", "财政拨款收支总表"):
        rows = _lines(source, layout, kind)
        labels = [r[0] for r in rows]
        assert _beside(rows, "财政拨款")[0] == "4,676.96"
        assert labels.index("财政拨款") + 1 == labels.index("一般公共预算拨款")


@pytest.mark.parametrize("name, level", [("zj-hangzhou-qixiang-2026-dept-budget", "项"),
                                         ("zj-huzhou-caizhengju-2026-dept-budget", "项"),
                                         ("fj-quanzhou-zhengfuban-2026-dept-budget", None)])
def test_the_level_is_learned_from_the_names_the_function_tables_print(tmp_path_factory, name, level) -> None:
    """杭州 and 湖州 list 气象事务 / 行政运行, 财政事务 / 行政运行 under their 类; 泉州 prints the 类 alone."""
    _, _, text = _learned(tmp_path_factory, name)
    assert (f"层级: {level}" in text) == (level is not None)


def test_every_listed_line_is_printed_and_zero_where_the_lines_are_complete(guangzhou) -> None:
    """广州市统计局 prints 28 lines (一般公共服务支出 8,295.28, 外交支出 0.00 … 转移性支出 0.00), most 0.00; the render
    printed its four 类. Its function lines add up to the 9,483.72 its income implies: the others are 0.00."""
    source, layout, text = guangzhou
    assert "类:\n    - 一般公共服务支出\n    - 外交支出\n    - 国防支出" in text
    rows = _lines(source, layout, "收支总表")
    assert _beside(rows, "外交支出")[0] == "0.00" and _beside(rows, "转移性支出")[0] == "0.00"
    assert _beside(rows, "住房保障支出")[0] == "764.12" and _beside(rows, "其他支出")[0] == "50.00"
    fiscal = _lines(source, layout, "财政拨款收支总表")
    assert _beside(fiscal, "外交支出")[0] == "0.00" and _beside(fiscal, "一般公共服务支出")[0] == "8,295.28"


def test_the_lines_are_complete_within_the_printings_rounding(tmp_path_factory) -> None:
    """广州市国资委 prints 28 lines, most 0.00 (外交支出 0.00 … 转移性支出 0.00), beside its 本年支出合计 119,257.52; its
    function tables' 类 add up to 0.01 万元 more (资源勘探工业信息等支出 4,463.61 there, 4,463.60 here), each figure
    rounded on its own: the lines are all the spending within the printing's rounding, and the 0.00 lines are printed
    (the render printed its five 类 alone)."""
    source, layout, text = _learned(tmp_path_factory, "gd-guangzhou-guoziwei-2026-dept-budget", FRESH.parent)
    assert "类:\n    - 一般公共服务支出\n    - 外交支出" in text
    rows = _lines(source, layout, "收支总表")
    assert _beside(rows, "外交支出")[0] == "0.00" and _beside(rows, "债务付息支出")[0] == "0.00"
    assert _beside(rows, "社会保障和就业支出")[0] == "4,601.21" and _beside(rows, "住房保障支出")[0] == "1,946.82"
    fiscal = _lines(source, layout, "财政拨款收支总表")
    assert _beside(fiscal, "国防支出")[0] == "0.00"


def test_no_zero_for_a_line_merely_not_given(guangzhou, tmp_path) -> None:
    """With one function line left out of the source (2010505 专项统计业务 388.56), the lines no longer add up to the
    spending the income implies: which 类 the department spends nothing on is not known, and no line is printed 0.00."""
    source, layout, _ = guangzhou
    text = source.read_text(encoding="utf-8")
    short = "\n".join(line for line in text.splitlines() if "科目: 2010505," not in line) + "\n"
    assert short != text
    (tmp_path / "short.yaml").write_text(short, encoding="utf-8")
    rows = _lines(tmp_path / "short.yaml", layout, "收支总表")
    assert not any("外交支出" in r for r in rows) and any("住房保障支出" in r for r in rows)


def test_a_fiscal_table_printing_one_spending_amount_is_learned_so(shenzhen) -> None:
    """深圳's 财政拨款收支总表 prints one amount beside each spending line (2026 年预算数); the render printed 合计 and an
    amount by fund (一般公共预算, 政府性基金预算, 国有资本经营预算). Learned as 列: [合计], and printed so."""
    source, layout, text = shenzhen
    assert "财政拨款收支总表:" in text and "列:\n    - 合计" in text.split("财政拨款收支总表:")[1]
    rows = _lines(source, layout, "财政拨款收支总表")
    assert all(len(row) <= 4 for row in rows) and _beside(rows, "住房公积金") == ["199.91"]


@pytest.mark.parametrize("spec, words", [("支出总表: {小计行: [财政拨款收入]}", "小计行"),
                                         ("收入总表: {类: [外交支出]}", "“表格.收入总表.类”只用于"),
                                         ("收支总表: {小计行: [事业收入]}", "小计行”应为"),
                                         ("收支总表: {小计行: [本年收入]}", "本年收入 只用于"),
                                         ("收入总表: {列: [上年结转单位资金, 上年结转一般公共预算]}", "上年结转之后按资金"),
                                         ("收支总表: {类: [外交支出, 外交支出]}", "各一次"),
                                         ("收支总表: {层级: 目}", "层级”应为"),
                                         ("财政拨款收支总表: {列: [一般公共预算, 合计]}", "列”应为支出一方"),
                                         ("财政拨款收支总表: {列: [合计, 一般公共预算, 上年结转结余]}", "只与合计同列"),
                                         ("收支总表: {列: [当年预算, 上年结转结余]}", "合计在先"),
                                         ("收支总表: {列: [合计, 上年结转结余, 当年预算]}", "合计在先")])
def test_a_wrong_summary_shape_is_refused(tmp_path, spec, words) -> None:
    folder = tmp_path / "版式"
    folder.mkdir()
    (folder / "版式.yaml").write_text(f"名称: 试\n基于: 默认\n表格:\n  {spec}\n", encoding="utf-8")
    with pytest.raises(LayoutError, match=words):
        resolve(folder)


def test_a_fiscal_table_shaped_without_columns_prints_them_all(tmp_path) -> None:
    """A 财政拨款收支总表 whose shape says nothing of 列 (烟台's learned 行名 alone) keeps every column."""
    folder = tmp_path / "版式"
    folder.mkdir()
    (folder / "版式.yaml").write_text("名称: 试\n基于: 默认\n表格:\n  财政拨款收支总表: {行名: {一般公共预算拨款: 一般公共预算收入}}\n",
                                     encoding="utf-8")
    assert resolve(folder).table_specs["财政拨款收支总表"].columns == ()
