"""Every script of bench/ runs: each is run here as its ledger (bench/README.md) says, on a small input — one
document, one repeat, a few rows — and must exit 0 and print a figure of the shape its ledger line quotes. A
script that no longer runs, or whose figure is no longer printed, fails here rather than on the day someone
measures with it (bench/review_pages.py had called a function of review/batch.py renamed since; this found it).
bench/synthetic.py and bench/split_runs.py are libraries of the others and of tests: they run with them. The
figures themselves are not judged: they are measurements (bench/README.md keeps them)."""

from __future__ import annotations

import gc
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PDF = "tests/seeds/pdf/shanghai-putuo-wanli-2025.pdf"
ONE = "putuo-zhengfuban-2025"  # a whole published document of bench/corpus
SHANGHAI_CITY = "sh-city-huahuichang"  # one of ../shared/corpus (a unit's budget of 上海市级)

# script → (its arguments on a small input, {tmp}: a folder of the test's own; a figure its output must print)
SMOKE: dict[str, tuple[list[str], str]] = {
    "contents_pages": (["--runs", "1", "--formats", "docx,html", "--only", "上海"],
                       r"上海 文旅局（有目录） docx,html：.*首次（LibreOffice 排版） 中位数 \d+\.\d\d 秒"),
    "cuts": (["--only", SHANGHAI_CITY, "--experiments", "a", "--out", "{tmp}"], SHANGHAI_CITY + r"[-\w]*: \d+ pages"),
    "docxtpl_compare": (["--pairs", "1"], r"ratio \d+\.\d\d"),
    "desk_load": (["--departments", "1", "--documents", "2", "--workers", "1", "--no-faults", "--rate", "600",
                   "--uploaders", "1", "--province-rows", "300", "--page-times", "1"],
                  r'"documents": 2,[\s\S]*"claimed_twice": 0,[\s\S]*"queue_told": \{\s*"told": \d[\s\S]*'
                  r'"province": \{\s*"rows": 302,[\s\S]*"problems": \[\]'),
    "import_eval": (["--only", ONE], r"budget-table figures read onto rows: \d+ of \d+ printed \(\d+\.\d%\)"),
    "import_run": (["--repeat", "1", "--rows", "300", PDF], r"\| shanghai-putuo-wanli-2025\.pdf \| \d+\.\d\d \| \d+\.\d\d \|"),
    "import_sheets": (["--rows", "300", "--repeat", "1"], r"reportgen \(calamine\)\s+median\s+\d+ ms"),
    "rollover_friction": ([str(ROOT / ".." / "shared" / "corpus" / "fresh1" / "zj-hangzhou-qixiang-2026-dept-budget.pdf")],
                          r"待填写 lines \d+ .*check errors \d+.*figures changed → tracked changes: \d+ insertions"),
    "learned_words": ([PDF], r"之前：有数的句子 \d+/\d+.*之后：有数的句子 \d+/\d+（\d+%，换成字段的 \d+，数之外相同的 \d+）[\s\S]*地区 "),
    "trace_names": ([PDF], r"地区 [\w-]+：错配 \d+[\s\S]*合计：错配 \d+"),
    "learned_layout": ([PDF], r"学到的：表 印出 \d+、生成 \d+、表号与表名相同 \d+（次序相同 \d+）；标题 印出 \d+"),
    "learned_tables": ([PDF, "--breakdown"], r"学到的：印出的数 \d+，同表同行同栏同样印出 \d+（[\d.]+ %），同位置而写法不同 \d+，"
                       r"多出 \d+；全同的表 \d+/\d+[\s\S]*没有同样印出的数，按类：无此表 \d+，无此行 \d+"),
    "codes_by_name": ([PDF], r"same economic \d+; same function \d+"),
    "mutations": (["--samples", "wanli-2025.xlsx", "--only", "截断 50%", "--out", "{tmp}"],
                  r"\| wanli-2025\.xlsx \| 截断 50%\.xlsx \| .* \| \d+ \| \d+\.\d+ \| good \|"),
    # (p. 16: 35 figures, 8 of them read wrong — the wrong readings and the threshold they set, as p. 3's 153 figures
    # did at twice the CPU; tesseract's time grows with what the page prints)
    "ocr_calibration": (["../shared/corpus/bj-minzhengju-2026-dept-budget-tables.pdf:16"],
                        r"[1-9]\d* pages \(\d+ of tables\) of 1 files; the text layer prints [1-9]\d* figures"),
    "pdf_as_workbook": (["--only", SHANGHAI_CITY, "--out", "{tmp}"], r"\| " + SHANGHAI_CITY + r"[-\w]* \| export \| \d+ \|"),
    "pdf_batch": (["--count", "2", "--repeat", "1"], r"run 1: \d+\.\d s wall, \d+\.\d s CPU, 2 PDFs"),
    "planted": (["1", "--only", "yantian", "putuo-zhengfuban-2025"], r"\| [^|（]+ \| \d+ \| \d+ \| \d+%"),
    "planted_pdf": (["1", "--only", SHANGHAI_CITY], r"\| all \| \d+ \| \d+ \| \d+%"),
    "prose_classes": (["tests/seeds/shanghai-putuo-wenlvju-2026.txt"], r"1 documents, 1 with a prose source, \d+ 类 rows"),
    "prose_regions": ([], r"round 2 total: R \d+ K \d+ W \d+ N \d+ U \d+ \(of \d+\)"),
    "prose_unread": (["--only", ONE], r"agree \d+, unknown \d+"),
    "render_floor": (["--pairs", "1"], r"ratio \d+\.\d\d"),
    # (the smallest of the seed PDFs, 22 pages, a unit's: the same review, pdftotext and annotated copy as 万里's 31)
    "review_cost": (["--repeat", "1", "--only", "shangwuwei-unit-2025"],
                    r"\| shanghai-putuo-shangwuwei-unit-2025 \| \d+\.\d{3} s \| \d+\.\d{3} s \| \d+\.\d\d× \|"),
    "review_eval": (["--only", ONE], r"内部错误: 0; seconds per document: \d+\.\d+"),
    "review_folder": (["--documents", "1", "--repeat", "1"], r"\| --jobs 1 \| 1 \| \d+\.\d 秒 \| \d+\.\d\d \|"),
    "review_loop": (["--documents", "1", "--repeat", "1"], r"\| fresh1 \| 1 \| \d+\.\d\d 秒 \| \d+\.\d\d 秒 \| \d+\.\d\d× \|"),
    "review_pages": (["--documents", "1", "--folder", "0"], r"\| 1 \| \d+\.\d 秒 \| \d+\.\d 秒 \| \d+\.\d\d× \| \d+ MB \|"),
    "run": (["--quick", "--repeat", "1", "--sizes", "50", "--departments", "4", "-j", "1"],
            r"\| 50 \| 5 / 5 / 40 \| \d+\.\d\d \|"),
    "self_check": (["--only", "sh-city-shenjiju"], r"table figures printed \d+, read onto verified rows \d+ \(\d+\.\d%\)"),
    "several_in_one": (["--only", "final-then-budget", "--out", "{tmp}"], r"\| [^|]+ \| 2 \| [^|]+ \| \d+ \| \d+ \| \d+ \|"),
    "start": (["--repeat", "1"], r"\| reportgen review 万里 2025\.pdf \| \d+ \| \d+ ms \| \d+ ms \| \d+\.\d× \|"),
    "table_vocabulary": (["bench/corpus/table-vocabulary-2026-11-26.md"], r"共 \d+ 张：对 \d+，未认出 \d+，认错 \d+"),
    "wording_checks": (["--check", "R-叠字", "--quiet", "--only", "putuo-zhengfuban-2025"],
                       r"R-叠字\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+[\s\S]*\(1 documents;"),
    "wording_review": (["--only", "hn-changsha-gonganju"], r"over 1 PDFs[\s\S]*\| R-标点 \| 2 \| 2 \| 0 \| 0 \|"),
    "xlsx_compare": (["--repeat", "1", "--rows", "300"],
                     r"\| largest shipped source \| 10 / [\d,]+ \| \d+\.\d{3}, \d+ \| \d+\.\d{3}, \d+ \| \d+\.\d ×"),
}
LIBRARIES = {"__init__", "synthetic", "split_runs"}


# Run in a process of their own, as `python -m bench.NAME` (the others run in the test's process, as the same main()
# with the same arguments: a fresh interpreter importing reportgen again cost ~0.7 CPU-s a script): desk_load points
# the desk's settings of the process at its own data folder (settings.configure), which the desk's tests of this process
# must not inherit.
OWN_PROCESS = {"desk_load"}


def run_script(name: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", f"bench.{name}", *arguments_of(name, tmp)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=1500, check=False)


def arguments_of(name: str, tmp: Path) -> list[str]:
    return [a.replace("{tmp}", str(tmp)) for a in SMOKE[name][0]]


def run_here(name: str, tmp: Path, monkeypatch: pytest.MonkeyPatch,
             capfd: pytest.CaptureFixture[str]) -> subprocess.CompletedProcess[str]:
    """The script's main() run in this process as `python -m bench.NAME ARGUMENTS` runs it (its folder, its command
    line, PYTHONPATH for the programs it starts), with what it and they print (file descriptors 1 and 2) and its exit
    status (main's return, or SystemExit's code); the collector's thresholds, which a script sets as the program does,
    put back."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setattr(sys, "argv", [str(ROOT / "bench" / f"{name}.py"), *arguments_of(name, tmp)])
    threshold = gc.get_threshold()
    capfd.readouterr()
    try:
        code = importlib.import_module(f"bench.{name}").main()
    except SystemExit as leaving:
        code = leaving.code
    finally:
        gc.set_threshold(*threshold)
    out, err = capfd.readouterr()
    return subprocess.CompletedProcess(sys.argv, 0 if code is None else code, out, err)


def test_every_script_of_bench_is_run_here():
    scripts = {p.stem for p in (ROOT / "bench").glob("*.py")}
    assert scripts - LIBRARIES == set(SMOKE), "run the script below (SMOKE), or retire it with a line in bench/README.md"


@pytest.mark.parametrize("name", sorted(SMOKE))
def test_a_bench_script_runs_on_a_small_input(name, tmp_path, monkeypatch, capfd):
    done = run_script(name, tmp_path) if name in OWN_PROCESS else run_here(name, tmp_path, monkeypatch, capfd)
    assert done.returncode == 0, done.stderr[-3000:]
    assert re.search(SMOKE[name][1], done.stdout), done.stdout[-3000:]


def test_the_table_measure_counts_a_figures_column_among_the_columns_that_print():
    """国家信访局 2024 决算 公开05表 prints 小计 | 基本支出 | 项目支出, but the page's geometry reads it with columns of
    nothing between them: the measure counted 基本支出 as the third column of figures and the render's as the second,
    and found 28 of 54 figures “not in place” that were. A column no row prints in counts no place."""
    from bench.learned_tables import _table_figures, published_rows
    from reportgen.importing.pipeline import import_files

    pdf = ROOT / ".." / "shared" / "corpus" / "fresh1" / "central-guojia-xinfangju-2024-dept-final.pdf"
    table = import_files([pdf], None).imported.tables["一般公共预算财政拨款支出决算表"]
    figures = _table_figures(published_rows(table))
    assert [figures[("合计", 0, column)] for column in range(3)] == ["13,733.80", "10,234.37", "3,499.42"]


def test_the_table_measure_gives_no_place_to_a_column_only_a_column_number_row_prints_in():
    """长沙市公安局 2025's 一般公共预算基本支出表 repeats its 栏次 row (** ** 1 2 3) on its next page, set a column
    apart: the column only that row printed in counted a place, and every 人员类 and 公用经费 figure (30) was a column
    right of the render's."""
    from bench.learned_tables import _table_figures

    rows = [["", "", "合计", "", "", "28,398.17", "", "26,353.16", "2,045.01"],
            ["301", "", "工资福利支出", "", "", "24,454.16", "", "24,454.16", ""],
            ["", "**", "", "**", "1", "", "2", "", "3"],
            ["30201", "", "办公费", "", "", "280.00", "", "", "280.00"]]
    figures = _table_figures(rows)
    assert [figures[("合计", 0, column)] for column in range(3)] == ["28,398.17", "26,353.16", "2,045.01"]
    assert figures[("办公费", 0, 2)] == "280.00"


def test_the_table_measure_gives_no_place_to_a_column_printing_no_figure():
    """国家信访局 2026's and 湖州市财政局 2026's 收支总表 print “支 出 总 计” a character or two a cell, over columns
    printing nothing else: the 支出 figures counted them and stood columns right of the render's."""
    from bench.learned_tables import _table_figures

    published = [["一、财政拨款", "6838.41", "一般公共服务支出", "", "5356.01"],
                 ["收 入 总 计", "6838.41", "支 出 总", "计", "6838.41"]]
    rendered = [["财政拨款", "6838.41", "一般公共服务支出", "5356.01"], ["收入总计", "6838.41", "支出总计", "6838.41"]]
    assert _table_figures(published)[("一般公共服务支出", 0, 1)] == _table_figures(rendered)[("一般公共服务支出", 0, 1)]


def test_the_table_measure_counts_no_figure_in_a_column_number_row_named_so_nor_in_a_row_a_page_repeats():
    """佛山 2019's 收入支出决算总表 repeats “栏 次 | 1 | 栏 次 | 2” atop each page (two numbers: no column-number row by
    its figures alone) and its 收入决算表 repeats its 合计 row under it: the measure counted 1 and 2 as figures, their
    columns as places (every 支出 figure a column right of the render's), and the 合计 twice."""
    from bench.learned_tables import _table_figures

    rows = [["合计", "", "1668.14", "1668.14"], ["交通运输支出", "214", "1531.04", "1531.04"],
            ["栏 次", "", "1", "", "2"], ["合计", "", "1668.14", "1668.14"], ["住房保障支出", "221", "60.87", "60.87"]]
    figures = _table_figures(rows)
    assert figures == {("合计", 0, 0): "1668.14", ("合计", 0, 1): "1668.14", ("交通运输支出", 0, 0): "1531.04",
                       ("交通运输支出", 0, 1): "1531.04", ("住房保障支出", 0, 0): "60.87", ("住房保障支出", 0, 1): "60.87"}


def test_the_table_measure_takes_a_line_number_column_with_one_misprint_for_line_numbers():
    """佛山 2019's 财政拨款收入支出决算总表 numbers its 支出 lines 28, 39, 30 … (the import tells the misprint): the
    measure took the column for figures, and every 支出 figure of the table (76) for one a column right of the render's."""
    from bench.learned_tables import _table_figures

    names = ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
             "社会保障和就业支出", "卫生健康支出", "节能环保支出"]
    numbers = [28, 39, *range(30, 38)]
    rows = [[name, str(n), "76.23" if name == "社会保障和就业支出" else "0.00"] for name, n in zip(names, numbers, strict=True)]
    figures = _table_figures(rows)
    assert figures[("社会保障和就业支出", 0, 0)] == "76.23" and ("外交支出", 0, 1) not in figures


def test_the_table_measure_reads_a_label_printed_a_character_or_a_few_a_cell_as_one():
    """国家信访局 2026's 收支总表 prints “收 入 | 总 | 计” and “支 | 出 | 总 | 计” a character or two a cell (湖州市财政局
    2026: “支 出 总 | 计”): the label was the last cell's “计”, no row of the render's; the cells' characters together
    are the row's label, 收入总计 and 支出总计 as the render prints them — a cell naming a code not among them."""
    from bench.learned_tables import _table_figures, published_rows
    from reportgen.importing.pipeline import import_files

    pdf = ROOT / ".." / "shared" / "corpus" / "fresh1" / "central-guojia-xinfangju-2026-dept-budget.pdf"
    figures = _table_figures(published_rows(import_files([pdf], None).imported.tables["收支总表"]))
    assert (figures[("收入总计", 0, 0)], figures[("支出总计", 0, 1)]) == ("50,616.94", "50,616.94")
    assert _table_figures([["收 入 总 计", "6838.41", "支 出 总", "计", "6838.41"]])[("支出总计", 0, 1)] == "6838.41"
    # 北京市商务局 2026's 基本支出表: two names, each with its code, are not one spread out
    assert _table_figures([["50203-培训费", "30216-培训费", "2.000000", "", "2.000000"]])[("培训费", 0, 0)] == "2.000000"


def test_a_figure_not_printed_in_place_is_told_by_what_the_render_prints_there() -> None:
    """learned_tables --breakdown: 万里 2023 → 2024's 收入总表 prints “0” where the layout learned from 2023 (which left
    those cells blank) prints nothing — a zero printed blank, not a row or a table missing."""
    from bench.learned_tables import miss

    rendered = {("收入总计", 0, 0): "1,000", ("一般公共服务支出", 0, 0): "5"}
    assert miss(("收入总计", 0, 0), "1,000", {}, table=False) == "无此表"
    assert miss(("统计信息事务", 0, 2), "0", rendered, table=True) == "无此行"
    assert miss(("一般公共服务支出", 0, 2), "0", rendered, table=True) == "零印作空白"
    assert miss(("一般公共服务支出", 0, 2), "3", rendered, table=True) == "行同栏异"
    assert miss(("收入总计", 0, 0), "999", rendered, table=True) == "数不同"
    assert miss(("收入总计", 0, 0), "1000", rendered, table=True) == "写法不同"


def test_a_zero_the_year_before_printed_blank_in_the_same_row_is_told_apart() -> None:
    """learned_tables --pairs --breakdown: 万里 2024's 一般公共预算基本支出表 prints “0” as the 公用经费 of 工资福利支出,
    where 2023 (the year learned from) printed that row and left the cell blank — the department's form changed
    (上一年印作空白); a zero in a row 2023 did not print, or in a cell it printed a figure in, is still 零印作空白."""
    from bench.learned_tables import prior_blank

    prior = {("工资福利支出", 0, 0): "83,847,385", ("工资福利支出", 0, 1): "83,847,385", ("办公费", 0, 2): "5,811,753"}
    assert prior_blank(("工资福利支出", 0, 2), "零印作空白", prior) == "上一年印作空白"
    assert prior_blank(("办公费", 0, 2), "零印作空白", prior) == "零印作空白"  # 2023 printed a figure there
    assert prior_blank(("手续费", 0, 1), "零印作空白", prior) == "零印作空白"  # a row 2023 did not print
    assert prior_blank(("工资福利支出", 0, 2), "行同栏异", prior) == "行同栏异"
    assert prior_blank(("工资福利支出", 0, 2), "零印作空白", {}) == "零印作空白"  # a table 2023 did not print


def test_the_name_audit_tells_a_figure_of_another_unit_than_the_words_name() -> None:
    """trace_names: 深圳市水务局 2026's units (单位) — a figure printed from one unit's field where the words before it, else
    the nearest heading naming one, name another unit is 他单位; the department's field where the unit named has its
    own of that quantity is 部门数; the department is named only by words beginning with it (“用于保障市水务局预算管理”
    under a unit's heading names no subject)."""
    from bench.trace_names import named_unit, unit_forms, unit_slip

    own, centre = "深圳市水务局（本级）", "深圳市智慧水务综合指挥调度和保障中心"
    forms = unit_forms([own, "深圳市水务工程质量安全监督站", centre], "深圳市水务局")
    heading = (("h2", "一、深圳市水务局（本级）"),)
    assert named_unit("（一）在职人员经费", heading, forms) == own
    assert named_unit("市智慧水务综合指挥调度和保障中心预算", heading, forms) == centre
    assert named_unit("财务资产综合业务保障工作228.12万元，用于保障市水务局预算管理", heading, forms) == own
    assert named_unit("深圳市水务局2026年部门预算", heading, forms) == ""
    assert named_unit("2026年预算", (("h2", "一、收支预算总体情况"),), forms) is None
    labels = {own: {"本年支出合计", "在职人员经费"}}
    assert unit_slip(own, f"f.unit('{centre}').basic", "基本支出", labels) == "他单位"
    assert unit_slip("", f"b.unit('{own}').narrative('在职人员经费').current", "在职人员经费", labels) == "他单位"
    assert unit_slip(own, "b.expenditure_total", "本年支出合计", labels) == "部门数"
    assert unit_slip(own, "b.basic", "基本支出", labels) is None
    assert unit_slip(own, f"f.unit('{own}').basic", "基本支出", labels) is None
    assert unit_slip(None, f"f.unit('{own}').basic", "基本支出", labels) is None


def test_the_table_measure_counts_the_figures_of_a_table_s_one_row_printed_without_a_name():
    """北京市审计局 2026's “三公” table prints its figures on one line, no name beside them (合计 | 因公出国（境）费 | …),
    and so do its 收入总表, 国家信访局's, 重庆's and 烟台's: the measure left the figures out (no label), the render's
    rows of them counted only as printed where the published table prints none. They count, the table's one row of
    figures matched to the render's one row of figures whatever its name; a render printing several rows prints none
    of them in place."""
    from bench.learned_tables import SOLE_ROW, _table_figures, compare

    published = _table_figures([["", "244.848000", "173.520000", "6.000000"]])
    assert published == {(SOLE_ROW, 0, 0): "244.848000", (SOLE_ROW, 0, 1): "173.520000", (SOLE_ROW, 0, 2): "6.000000"}
    one_row = _table_figures([["合计", "244.848000", "173.520000", "6.000000"]], sole=True)
    assert compare(published, one_row).in_place == 3
    years = _table_figures([["2025年", "228.820000", "", ""], ["2026年", "244.848000", "173.520000", "6.000000"]], sole=True)
    measured = compare(published, years)
    assert (measured.printed, measured.in_place, measured.extra) == (3, 0, 4)
    assert _table_figures([["合计", "1.00"]]) == {("合计", 0, 0): "1.00"}  # a named row keeps its name
