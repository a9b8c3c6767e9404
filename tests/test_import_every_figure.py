"""Import for an officer anywhere (issue 79 part 4), on published disclosures of several regions: every figure a budget
table prints held in the source at its row, traced to the line it is printed on, and never one under a row it is not
printed at; the summary counts the figures read as review counts them ("表格印出的数读出 N 个中的 M 个")."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from reportgen.reading.yamlsafe import parse_yaml
from tests.support.cli import reportgen

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FRESH = SHARED / "fresh1"


def _imported(pdf: Path, tmp_path: Path) -> tuple[str, str]:
    """The source written (its text) and the import's summary line."""
    out = tmp_path / "s.yaml"
    done = reportgen("import", pdf, "-o", out)
    assert out.exists(), done.stderr
    return out.read_text(encoding="utf-8"), done.stdout.strip().splitlines()[-1]


def _import(pdf: Path):  # type: ignore[no-untyped-def]
    from reportgen.importing.pipeline import import_files
    from reportgen.readers.published import read_published

    published = read_published(pdf)
    return published, import_files([pdf], None, read={pdf: published})


def test_a_rows_figures_set_between_the_lines_of_its_wrapped_name_are_traced_to_their_own_line() -> None:
    # 广州市国资委 2026 p. 8: “机关事业单位基本养老保险缴 / 2080505 … 426.63 426.63 … / 费支出”; the row's figures were
    # traced to the name's first line (第16行), and counted unread; 烟台市人社局 (山东) prints its 收入总表's units so
    # (“01 … 40,781.39” between its unit's name's lines): the same reading, another region
    from reportgen.review.coverage import coverage

    published, result = _import(SHARED / "gd-guangzhou-guoziwei-2026-dept-budget.pdf")
    (row,) = [row for row in result.imported.rows["支出总表"] if row.code == "2080505"]
    assert {amount.where for amount in row.amounts.values()} == {"第8页 第17行"}
    assert row.where == "第8页 第16行"  # the row itself where its name begins
    for pdf in (SHARED / "gd-guangzhou-guoziwei-2026-dept-budget.pdf", SHARED / "sd-yantai-renshe-2026-dept-budget.pdf"):
        published, result = _import(pdf)
        for kind in ("收入总表", "支出总表"):
            places = _places(result.imported.tables[kind].grid)
            counted = coverage([[line for line in published.lines if line.where in places]], result, None)
            assert counted.read == counted.printed > 30, (pdf.name, kind, counted)


def _places(grid) -> set[str]:  # type: ignore[no-untyped-def]
    from reportgen.importing.budget.by_unit import spanned

    return set(spanned(grid.row_places or []))


def test_a_three_sided_final_basic_table_reads_each_side_at_its_own_codes(tmp_path) -> None:
    # 国家信访局 2024 决算 公开06表: three (科目代码, 科目名称, 决算数) sides; the third side's 科目代码 header was read into
    # 公用经费's, its codes' column left unnamed, and 310 资本性支出 27.24 was written as 30203 咨询费 (1.55 as printed),
    # 31002 办公设备购置 24.67 as 30205 水费, and the whole 302 side (2,239.41) dropped
    source, summary = _imported(FRESH / "central-guojia-xinfangju-2024-dept-final.pdf", tmp_path)
    assert re.search(r"\{科目: 30203, 金额: 1\.55\}", source)
    assert re.search(r"\{科目: 310, 金额: 27\.24\}", source)
    assert re.search(r"\{科目: 31002, 金额: 24\.67\}", source)
    assert re.search(r"\{科目: 302, 金额: 2,?239\.41\}", source)
    assert not re.search(r"\{科目: 30203, 金额: 27\.24\}", source)
    assert "表格印出的数读出 249 个中的 249 个" in summary


def test_a_group_header_centred_over_a_nested_header_heads_all_its_columns(tmp_path) -> None:
    # 国家信访局 2024 决算 公开07表: 预算数 centred over 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 (小计, 购置费,
    # 运行维护费) | 公务接待费; 小计 is one line beside two-line 公务用车购置费, so its column's words seemed set half a line
    # higher than its neighbours' and 预算数 headed its own column only: its six columns took the 决算数 side's meanings
    # twice and its 5 figures were left unread. The nested group is one block down to its lowest word (readers/pdf/tables/columns.py _foot)
    source, _ = _imported(FRESH / "central-guojia-xinfangju-2024-dept-final.pdf", tmp_path)
    three = source[source.index("三公经费:"):source.index("政府采购:")]
    assert re.search(r"因公出国（境）费:\s+本年: 4\.69.*\n\s+预算: 30\b", three)
    assert re.search(r"公务接待费:\s+本年: 0\.9\b.*\n\s+预算: 5\.8\b", three)
    assert re.search(r"合计:\s+本年: 46\.21.*\n\s+预算: 76\.43", three)  # printed as printed (its parts: 76.43)
    # and why 46.21 is under 76.43, as p. 22 states it under the central 决算's heading (七、一般公共预算财政拨款“三公”经费
    # 支出决算情况说明 … 八、机关运行经费支出说明): read, so no “没有写差异原因” is told of a reason the text gives
    assert re.search(r"差异原因: 2024年度国家信访局认真贯彻落实中央八项规定精神.*因而减少支出", three)


def test_a_decrease_printed_with_its_sign_counts_as_read() -> None:
    # 深圳市民政局 2026's “三公” table prints each item's 增减 (“-13.80”, “-12.00”): read as −13.80, it is the figure
    # printed there, counted read (printed_amounts reads a figure without its sign)
    from reportgen.review.coverage import coverage, printed_amounts

    published, result = _import(SHARED / "gd-shenzhen-minzheng-2026-dept-budget.pdf")
    changes = [line for line in published.lines if "增减变化金额" in line.text and "-13.80" in line.text]
    assert len(changes) == 1
    counted = coverage([changes], result, None)
    assert counted.printed == len(printed_amounts(changes[0].text)) == counted.read


def test_a_tables_column_numbers_repeated_on_each_page_leave_its_header_read_for_sure() -> None:
    # 湖州市财政局 2026 (浙江) and 长沙市公安局 2025 (湖南) repeat their 基本支出表's header on each page, with its row
    # numbering the columns (“** ** 1 2 3”): taken for figures under no header, it left the table “not read for sure”,
    # none of its 82 and 63 figures read
    from reportgen.importing.recognition.sure import header_doubts

    for name, wage in (("zj-huzhou-caizhengju-2026-dept-budget", "678.19"), ("hn-changsha-gonganju-2025-dept-budget", "2811.70")):
        _, result = _import(FRESH / f"{name}.pdf")
        assert "一般公共预算基本支出表" not in [table.kind.id for table in result.imported.unsure], name
        table = result.imported.tables["一般公共预算基本支出表"]
        assert header_doubts(table) == []
        (row,) = [row for row in result.imported.rows["一般公共预算基本支出表"] if row.name == "基本工资"]
        assert str(row.amounts["人员经费"].value) == wage, name  # 长沙 prints no codes: its names


def test_check_names_every_missing_part_in_one_run_beside_a_slip_and_a_to_fill(tmp_path) -> None:
    # 国家信访局 2024 决算 imported: its “三公” table prints 46.21 over parts making 46.20 (a slip, kept as printed);
    # check told that alone, and the ten parts the source lacks (上年 决算数, 机关运行经费, 绩效管理 …) only once it was
    # mended — one wave after another; likewise a 待填写 hid every missing part
    out = tmp_path / "s.yaml"
    reportgen("import", FRESH / "central-guojia-xinfangju-2024-dept-final.pdf", "-o", out)
    done = reportgen("check", out)
    assert "[R-填报合计]" in done.stdout
    missing = re.findall(r"\[R-缺少\] 缺少([^：]+)：", done.stdout)
    assert len(missing) >= 8 and "机关运行经费支出" in missing, done.stdout
    text = out.read_text(encoding="utf-8")
    assert "年末结转和结余: 7494.06" in text
    out.write_text(text.replace("年末结转和结余: 7494.06", "年末结转和结余: 待填写", 1), encoding="utf-8")
    again = reportgen("check", out)
    assert "[金额待填写]" in again.stdout or "[待填写]" in again.stdout, again.stdout
    assert re.findall(r"\[R-缺少\] 缺少([^：]+)：", again.stdout) == missing


def test_the_summary_counts_the_budget_tables_figures_and_tells_the_other_grids_apart(tmp_path) -> None:
    # 深圳市民政局 2026: its nine budget tables print 565 figures, all read; its 绩效目标表 and 项目 grids 472 more, no
    # budget table's — counted with them, the summary said “1037 个中的 565 个”, a budget read whole told half read.
    # Its 表4 基本支出总表 and 表5 项目支出总表 (of no kind reportgen has) are held as printed (印出表): their amounts are
    # read, counted with the budget tables' and no longer apart; the 绩效目标表's still are
    text, summary = _imported(SHARED / "gd-shenzhen-minzheng-2026-dept-budget.pdf", tmp_path)
    said = re.search(r"表格印出的数读出 (\d+) 个中的 (\d+) 个（另有 (\d+) 个数印在没有认出是哪种预算表的表格上", summary)
    assert said is not None, summary
    printed, read, apart = map(int, said.groups())
    held = parse_yaml(text.encode("utf-8"), "s.yaml")["印出表"]
    assert [table["表号"] for table in held] == ["表4", "表5"]
    assert all(isinstance(cell, Decimal) for row in held[0]["行"] for cell in row[1:] if cell)  # its figures, held
    # the same 1037 figures printed: those of 表4 and 表5 now counted read, the 绩效目标表's still apart
    assert read == printed > 565 and printed + apart == 565 + 472 and apart > 0


def test_a_running_header_is_no_word_of_the_text_a_page_break_cuts(tmp_path) -> None:
    # 苏州市应急管理局 2026 prints “苏州市应急管理局2026年度部门预算公开” over each page: it was read into the 职责
    # sentence the page break cut (“监督事故查苏州市应急管理局2026年度部门预算公开处和责任追究”) and printed in the
    # render; 无锡市信访局 2025 (another city's template) likewise over its pages
    source, _ = _imported(FRESH / "js-suzhou-yingji-2026-dept-budget.pdf", tmp_path)
    assert "年度部门预算公开" not in source
    assert "监督事故查处和责任追究落实情况" in source
    from reportgen.readers.published import read_published

    lines = read_published(FRESH / "js-wuxi-xinfangju-2025-dept-budget.pdf").lines
    assert not any("无锡市信访局2025年度部门预算公开" in "".join(line.text.split()) for line in lines if line.page > 1)


def _assets(pdf: Path) -> dict[str, object]:
    """The 国有资产 a PDF's import writes: its figures by field (计划新增's under it), as plain values (车辆分类, the kinds
    of the vehicles held, aside: tests/test_import_vehicle_kinds.py)."""
    _, result = _import(pdf)
    tree = result.imported.tree.get("国有资产", {})
    plain = {key: value.value for key, value in tree.items() if key not in ("计划新增", "车辆分类")}
    return {**plain, **{f"计划新增.{key}": value.value for key, value in tree.get("计划新增", {}).items()}}


def test_a_bound_of_value_is_no_count_of_things() -> None:
    # “2026年部门预算未安排购置车辆、单位价值50万元以上通用设备及单位价值100万元以上专用设备” (湖州市财政局 2026, 浙江)
    # was written 计划新增 车辆 50, 通用设备 100; “2026年部门预算未安排购置车辆和单位价值100万元以上设备” (国家信访局 2026,
    # 中央) 计划新增 车辆 100: the number of a bound (“50万元以上”) read as the count after “购置车辆”. A bound is never a
    # figure, an amount never a count; the counts printed beside such bounds are read as before — 上海 “单价100万元（含）
    # 以上设备（不含车辆）20台（套）”, whose 计划新增 专用设备 6 stands, and 湖州's own 0 台（套）
    huzhou = _assets(FRESH / "zj-huzhou-caizhengju-2026-dept-budget.pdf")
    assert huzhou == {"截至": "2025年12月31日", "车辆": 1, "通用设备": 0, "专用设备": 0}
    xinfang = _assets(FRESH / "central-guojia-xinfangju-2026-dept-budget.pdf")
    assert xinfang == {"截至": "2025年7月31日", "车辆": 15, "大型设备": 0}  # “单位价值 100 万元以上设备 0 台（套）” held
    shanghai = _assets(SHARED / "sh-city-xingkeyuan-2026-unit-budget.pdf")
    assert shanghai["专用设备"] == 20 and shanghai["计划新增.专用设备"] == 6 and shanghai["计划新增.车辆"] == 0


def test_a_figure_wrapped_in_its_cell_is_traced_to_its_heads_line_and_counted_read_once() -> None:
    # 长春市信访局 2026 p. 10 (吉林): “1682.7 / 6”, “0.0 / 0” wrapped in the 一般公共预算支出表's narrow cells, read whole
    # (1682.76) but traced to the row's middle line, so the head printed above (“1682.7”) counted unread: 128 of 167;
    from reportgen.review.coverage import coverage

    # (深圳's wraps are in a table no field holds: tests/test_wrapped_figures.py traces them to their heads' lines)
    published, result = _import(FRESH / "jl-changchun-xinfangju-2026-dept-budget.pdf")
    places = _places(result.imported.tables["一般公共预算支出表"].grid)
    counted = coverage([[line for line in published.lines if line.where in places]], result, None)
    assert counted.read == counted.printed == 167, counted
    (total,) = [row for row in result.imported.rows["一般公共预算支出表"] if row.label.startswith("总计")]
    assert total.amounts["合计"].where == "第10页 第13行"  # “1682.7” printed there, its “6” two lines below
    assert total.amounts["人员经费"].where == "第10页 第14行"  # “997.20” printed whole on the row's line
