"""Issue 51 (part 1, 决算): a 部门决算 imported from its PDF and rendered reprints the totals its tables
printed. Each figure of those tables was rounded from 元 on its own, so a printed total may stand from the
sum of its printed parts by their 尾数 (普陀区财政局 2024: 本年支出合计 2,940.05 over classes adding to
2,940.06; 规划和自然资源局: 2120101's 合计 1,092.80 over 1,084.02 + 8.77): the import keeps such a total in
the source with its place, the render prints it as printed, and every total above it is summed from it.
A total further from its parts than their 尾数 is reported by check and never printed.

The three real 决算 of 普陀区 2024 (tests/seeds/juesuan/): every figure their tables print — totals and the
收入决算表's lines — is printed by the render in the same table."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.importing.final.final_build import build_final
from reportgen.importing.recognition.catalog import load
from reportgen.importing.recognition.recognize import recognize
from reportgen.readers.pdf.pdf_tables import read_pdf

ROOT = Path(__file__).resolve().parent.parent
FINALS = ROOT / "tests" / "seeds" / "juesuan"
NAMES = ("caizhengju", "guihuaziyuan", "shehuigongzuo")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _pdf(name: str) -> Path:
    return FINALS / f"shanghai-putuo-{name}-juesuan-2024.pdf"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Each document imported and rendered once: (its source, its HTML)."""
    folder = tmp_path_factory.mktemp("final-totals")
    done = {}
    for name in NAMES:
        source = folder / f"{name}.yaml"
        assert main(["import", str(_pdf(name)), "-o", str(source)]) in (0, 1)  # 1: a slip of its prose
        assert main(["render", str(source), "--format", "html", "-o", str(folder)]) == 0
        done[name] = (source, (folder / f"{name}.html").read_text(encoding="utf-8"))
    return done


@cache
def _printed(name: str) -> dict[str, Counter[Decimal]]:
    """Each table of the PDF: the figures it prints (not its blanks)."""
    catalog = load("上海")
    path = _pdf(name)
    tables, _ = recognize(read_pdf(path, path.read_bytes()).grids, catalog)
    result = build_final(tables, catalog, None, [], [])
    return {kind: Counter(a.value for row in rows for a in row.amounts.values() if not a.blank)
            for kind, rows in result.rows.items()}


def _table_html(html: str) -> dict[str, str]:
    """Each table of the render by its title (the line above it ending in 表)."""
    found = {}
    for match in re.finditer(r"<table.*?</table>", html, flags=re.S):
        before = [t.strip() for t in re.sub(r"<[^>]+>", "\n", html[max(0, match.start() - 800):match.start()]).split("\n")]
        title = next((t for t in reversed(before) if t.endswith("表") and "编制" not in t), "")
        found[re.sub(r"[“”\"\s]", "", title)] = match.group(0)
    return found


def _tables(html: str) -> dict[str, Counter[Decimal]]:
    """Each table of the render, by its title: the figures it prints."""
    found = {}
    for title, table in _table_html(html).items():
        figures = re.findall(r"(?<![\d.,])\d[\d,]*\.\d+(?![\d.,])", re.sub(r"<[^>]+>", " ", table))
        found[title] = Counter(Decimal(f.replace(",", "")) for f in figures)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_a_table_prints_is_reprinted_in_that_table(rendered, name):
    """Before: 普陀区财政局 55 printed figures not reprinted (its 收入决算表's lines empty; 本年支出合计,
    基本支出, the 总计, 社会保障和就业支出 in the 总表 …), 规划和自然资源局 23, 社会工作部 2. Now none."""
    tables = _tables(rendered[name][1])
    for kind, figures in _printed(name).items():
        shown = tables[kind]
        missing = {figure: count - shown[figure] for figure, count in figures.items() if figure and shown[figure] < count}
        assert not missing, (kind, missing)


def test_the_finance_bureaus_totals_are_printed_as_its_pdf_prints_them(rendered):
    """本年支出合计 2,940.05 (its classes add to 2,940.06), 基本支出 2,336.91, 总计 2,995.39, 财政拨款 总计
    2,961.68, 人员经费 2,152.26 and 公用经费 184.65, 301 2,082.85, 302 171.07 — in the tables and the text; the
    总表 prints 社会保障和就业支出 326.71 where the function tables print its 项' sum 326.72."""
    source, html = rendered["caizhengju"]
    text = source.read_text(encoding="utf-8")
    assert "  合计: 2940.05   # 支出决算表 第10页 第10行" in text
    assert "    合计: 2336.91   # 支出决算表 第10页 第10行" in text
    assert "- {科目: 301, 金额: 2082.85}" in text and "208: 326.71" in text
    tables = _tables(html)
    assert tables["收入支出决算总表"][Decimal("2995.39")] == 2 and not tables["收入支出决算总表"][Decimal("2995.40")]
    assert tables["财政拨款收入支出决算总表"][Decimal("2961.68")] == 3
    assert tables["一般公共预算财政拨款支出决算表"][Decimal("326.72")] == 4
    words = re.sub(r"<[^>]+>", "", re.sub(r"<table.*?</table>", "", html, flags=re.S))
    for figure in ("2,940.05万元", "2,336.91万元", "2,995.39万元", "2,152.26万元", "184.65万元"):
        assert figure in words, figure
    assert "2,940.06" not in words and "2,336.92" not in words


def test_the_income_table_prints_what_each_line_received(rendered):
    """收入决算表: each 项 with the income its PDF prints — 行政运行 1,511.90 of which 财政拨款 1,511.89 and
    其他收入 0.01 (its only own income: the rest of its 本年收入合计), 一般行政管理事务 16.19 = 10.00 + 6.19."""
    source, html = rendered["caizhengju"]
    assert "- {科目: 2010601, 财政拨款收入: 1511.89, 其他收入: 0.01}" in source.read_text(encoding="utf-8")
    table = _table_html(html)["收入决算表"]
    cells = [re.sub(r"<[^>]+>", " ", row).split() for row in re.findall(r"<tr.*?</tr>", table, flags=re.S)]
    rows = {line[0]: line for line in cells if line}
    assert rows["2010601"][-3:] == ["1,511.90", "1,511.89", "0.01"]
    assert rows["2010602"][-3:] == ["16.19", "10.00", "6.19"]
    assert rows["201"][-3:] == ["2,112.86", "2,106.66", "6.20"]
    assert rows["2080501"][-2:] == ["84.65", "84.65"]


def test_a_total_beyond_its_parts_rounding_is_an_error_never_printed(rendered, tmp_path, capsys):
    """支出.合计 typed 2,940.15 over lines adding to 2,940.06: 0.09 万元 is beyond what rounding 4 classes can
    make; check reports it, and render refuses (no figure printed that the source contradicts)."""
    text = rendered["caizhengju"][0].read_text(encoding="utf-8")
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("  合计: 2940.05   # 支出决算表", "  合计: 2940.15   # 支出决算表"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(changed)]) == 1
    assert "填报的支出合计 2,940.15万元 与功能分类各行的合计 2,940.06万元 不一致" in capsys.readouterr().out
    assert main(["render", str(changed), "--format", "html", "-o", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out" / "changed.html").exists()


def test_a_class_total_within_rounding_is_checked_silently_and_one_beyond_is_reported(rendered, tmp_path, capsys):
    """规划和自然资源局's 2120101 合计 1,092.80 over 1,084.02 + 8.77: within 尾数, check finds nothing; typed
    1,092.90, R-填报合计 reports it."""
    text = rendered["guihuaziyuan"][0].read_text(encoding="utf-8")
    assert "项目支出: 8.77, 合计: 1092.8," in text
    capsys.readouterr()
    assert main(["check", str(rendered["guihuaziyuan"][0])]) == 0
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("项目支出: 8.77, 合计: 1092.8,", "项目支出: 8.77, 合计: 1092.9,"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(changed)]) == 1
    # (its figures as the document prints them: no separators, 展示.千分位 false as imported)
    assert "填报合计 1092.90万元，基本支出与项目支出之和 1092.79万元" in capsys.readouterr().out


def test_a_summary_line_beyond_rounding_and_income_lines_that_do_not_add_up_are_errors(rendered, tmp_path, capsys):
    """印出合计 208 typed 327.71 (its rows: 326.72) is not printed but reported (R-印出合计); a 收入.功能分类
    line's 财政拨款收入 typed 1 万元 over makes the lines miss 财政拨款收入 (R-收入功能分类)."""
    text = rendered["caizhengju"][0].read_text(encoding="utf-8")
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("    208: 326.71   # 收入支出决算总表", "    208: 327.71   # 收入支出决算总表")
                       .replace("财政拨款收入: 449.52}", "财政拨款收入: 450.52}"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(changed)]) == 1
    said = capsys.readouterr().out
    assert "[R-印出合计] 收入支出决算总表的 208 印作 327.71万元，功能分类各行为 326.72万元" in said
    assert "[R-收入功能分类] 收入.功能分类各行的财政拨款收入之和 2,941.06万元 与收入中的2,940.05万元 不一致" in said
