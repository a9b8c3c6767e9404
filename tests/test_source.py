"""Loading a source: exact Decimal amounts however written, file:line findings, prior-year files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.base.errors import SourceError
from reportgen.compute import compute
from reportgen.runners.assemble import load_source

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"


def variant(tmp_path: Path, old: str, new: str, name: str = "x.yaml", encoding: str = "utf-8") -> Path:
    text = YANTIAN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_bytes(text.replace(old, new, 1).encode(encoding))
    return path


def findings(path: Path) -> list[str]:
    with pytest.raises(SourceError) as caught:
        load_source(path)
    return [f.format() for f in caught.value.findings]


def test_amounts_are_exact_decimals_in_元():
    budget = load_source(YANTIAN)
    assert budget.income["一般公共预算拨款"] == Decimal("12735200")
    assert all(isinstance(r.basic, Decimal) for r in budget.function_rows)


@pytest.mark.parametrize("written", ['"1,273.52"', "１２７３．５２", '"1273.520"'])
def test_amount_written_with_separators_or_full_width_digits(tmp_path, written):
    budget = load_source(variant(tmp_path, "一般公共预算拨款: 1273.52", f"一般公共预算拨款: {written}"))
    assert budget.income["一般公共预算拨款"] == Decimal("12735200")


def test_source_kept_in_元_gives_the_same_figures(tmp_path):
    text = YANTIAN.read_text(encoding="utf-8").replace("金额单位: 万元", "金额单位: 元")
    import re

    def to_yuan(match: re.Match[str]) -> str:
        return f"{match.group(1)}{Decimal(match.group(2)) * 10000}"

    text = re.sub(r"((?:基本支出|项目支出|金额|本年|上年|一般公共预算拨款|收支总计): )(\d+(?:\.\d+)?)", to_yuan, text)
    path = tmp_path / "yuan.yaml"
    path.write_text(text, encoding="utf-8")
    figures = compute(load_source(path))
    assert figures.income_grand_total == Decimal("12735200") and figures.basic == Decimal("4459600")


@pytest.mark.parametrize("value,fragment", [
    (".nan", "不是数字"), (".inf", "不是数字"), ("true", "应为金额"), ("2022-01-01", "日期"), ("-5", "不能为负数"),
    ("12万元", "单位"),
])
def test_bad_amounts(tmp_path, value, fragment):
    messages = findings(variant(tmp_path, "一般公共预算拨款: 1273.52", f"一般公共预算拨款: {value}"))
    assert any(fragment in m and "收入.一般公共预算拨款" in m for m in messages), messages


def test_duplicate_key_is_detected_not_silently_dropped(tmp_path):
    messages = findings(variant(tmp_path, "机关运行经费:", "政府采购: {货物: 1}\n机关运行经费:"))
    assert any("重复" in m and "政府采购" in m for m in messages), messages


def test_alias_is_refused(tmp_path):
    messages = findings(variant(tmp_path, "级次: 区级", "级次: &a 区级\n别名: *a"))
    assert any("别名" in m for m in messages)


def test_gbk_file_says_which_encoding_is_expected(tmp_path):
    messages = findings(variant(tmp_path, "级次: 区级", "级次: 区级", encoding="gbk"))
    assert any("UTF-8" in m and "GBK" in m for m in messages)


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + YANTIAN.read_bytes())
    assert load_source(path).department == "深圳市盐田区总工会"


def test_tab_indentation(tmp_path):
    messages = findings(variant(tmp_path, "  职责:", "\t职责:"))
    assert any("制表符" in m or "YAML" in m for m in messages)


def test_code_of_no_level_is_refused(tmp_path):
    messages = findings(variant(tmp_path, "{科目: 2012901, 基本支出: 256.95}", "{科目: 201290, 基本支出: 256.95}"))
    assert any("201290" in m for m in messages)


def test_class_row_is_a_typed_total_kept_for_checking(tmp_path):
    budget = load_source(variant(tmp_path, "    - {科目: 2210203, 基本支出: 44.05}\n",
                                 "    - {科目: 2210203, 基本支出: 44.05}\n    - {科目: 221, 合计: 72.17}\n"))
    assert [(t.code, t.total) for t in budget.stated_totals] == [("221", Decimal("721700"))]
    assert "221" not in [r.code for r in budget.function_rows]


def test_prior_year_figures_from_last_years_source(tmp_path):
    last = variant(tmp_path, "年度: 2022", "年度: 2021", name="2021.yaml")
    last.write_text(last.read_text(encoding="utf-8").replace("  年度: 2021\n", "  年度: 2020\n", 1), encoding="utf-8")
    this = variant(tmp_path, "  年度: 2021\n  收支总计: 1270.13\n  项目支出: 768.54\n", "  年度: 2021\n  来源: 2021.yaml\n",
                   name="2022.yaml")
    assert last.exists()
    budget = load_source(this)
    assert budget.prior.totals["收支总计"] == Decimal("12735200")
    assert budget.projects[0].prior == Decimal("250000")  # stated inline: the source's own figure wins
    assert budget.function_rows[0].prior == budget.function_rows[0].total  # filled from last year's file
    assert budget.prior.function["221"] == Decimal("721800")


def test_prior_year_file_missing_or_of_another_department(tmp_path):
    this = variant(tmp_path, "  收支总计: 1270.13\n", "  来源: nowhere.yaml\n")
    assert any("不存在" in m for m in findings(this))
    variant(tmp_path, "部门: 深圳市盐田区总工会", "部门: 别的部门", name="other.yaml")
    this = variant(tmp_path, "  收支总计: 1270.13\n", "  来源: other.yaml\n", name="y.yaml")
    assert any("不是同一部门" in m for m in findings(this))
