"""A source's own code table (科目表), codes given with a name, and published aliases (issue 11 part 4).

The codes are the Shanghai 普陀区 2026 seeds' (/work/shared/seeds/shanghai-putuo-*-2026.txt); the
source is the Yantian 2022 data file with one row changed, so every other figure stays valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import codes
from reportgen.base.errors import SourceError
from reportgen.checks import run_checks
from reportgen.compute import compute
from reportgen.runners.assemble import load_source
from reportgen.runners.render import render_source
from reportgen.source.loader import referenced_files
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
UNION_ROW = "{科目: 2012906, 项目支出: 827.56}"
# 2079904 is in no national catalogue: a locality's own 项 under the seed's 20799.
LOCAL_CODE, LOCAL_NAME = "2079904", "文化旅游重点项目扶持"


def source(tmp_path: Path, row: str = UNION_ROW, table: str | None = None, economic: str | None = None) -> Path:
    text = YANTIAN.read_text(encoding="utf-8")
    assert UNION_ROW in text
    text = text.replace(UNION_ROW, row, 1)
    if economic is not None:
        text = text.replace("{科目: 30110, 金额: 7.46}", economic, 1)
    if table is not None:
        text = text.replace("金额单位: 万元\n", f"金额单位: 万元\n科目表: {table}\n", 1)
    path = tmp_path / "dept.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def findings(path: Path) -> list[str]:
    with pytest.raises(SourceError) as caught:
        load_source(path)
    return [f.format() for f in caught.value.findings]


def warnings(path: Path) -> list[str]:
    budget = load_source(path)
    return [f.format() for f in run_checks(budget, compute(budget)) if f.severity == "warning"]


def html_of(path: Path, tmp_path: Path) -> str:
    out = tmp_path / "out"
    result = render_source(path, out, formats=("html",))
    assert not [f for f in result.findings if f.severity == "error"], result.findings
    return (out / f"{path.stem}.html").read_text(encoding="utf-8")


def tree_names(path: Path) -> dict[str, str]:
    figures = compute(load_source(path))
    return {node.code: node.name for top in figures.function_tree() for node in top.walk()}


# -- codes given with a name -----------------------------------------------------------------------

def test_unknown_code_with_a_name_is_a_warning_and_the_name_is_used(tmp_path):
    path = source(tmp_path, f"{{科目: {LOCAL_CODE}, 名称: {LOCAL_NAME}, 项目支出: 827.56}}")
    found = warnings(path)
    assert any("R-科目未收录" in w and f"科目 {LOCAL_CODE} 不在内置的 2022 年政府收支分类科目表中（内置表未必收录每个科目）" in w and f"将使用填写的名称“{LOCAL_NAME}”" in w
               for w in found), found
    names = tree_names(path)
    assert names[LOCAL_CODE] == LOCAL_NAME
    assert names["20799"] == "其他文化旅游体育与传媒支出" and names["207"] == "文化旅游体育与传媒支出"
    assert html_of(path, tmp_path).count(LOCAL_NAME) >= 1


def test_unknown_code_without_a_name_stays_an_error(tmp_path):
    messages = findings(source(tmp_path, f"{{科目: {LOCAL_CODE}, 项目支出: 827.56}}"))
    assert any("R-科目编码" in m and LOCAL_CODE in m and "不存在" in m and "名称" in m for m in messages), messages


def test_named_code_under_an_unknown_parent_is_an_error(tmp_path):
    messages = findings(source(tmp_path, "{科目: 2259901, 名称: 本地科目, 项目支出: 827.56}"))
    assert any("上级科目 225 " in m for m in messages) and any("上级科目 22599 " in m for m in messages), messages


def test_named_code_of_the_wrong_classification_is_an_error(tmp_path):
    messages = findings(source(tmp_path, "{科目: 3020101, 名称: 不是功能分类, 项目支出: 827.56}"))
    assert any("不是功能分类科目编码" in m for m in messages), messages


# -- aliases ---------------------------------------------------------------------------------------

def test_alias_is_printed_as_the_source_gives_it(tmp_path):
    path = source(tmp_path, economic="{科目: 30110, 名称: 城镇职工基本医疗保险缴费, 金额: 7.46}")
    assert not [w for w in warnings(path) if "R-科目名称" in w or "R-科目未收录" in w]
    budget = load_source(path)
    assert next(r for r in budget.economic_rows if r.code == "30110").name == "城镇职工基本医疗保险缴费"
    assert "城镇职工基本医疗保险缴费" in html_of(path, tmp_path)


def test_function_alias_is_printed_in_the_tree(tmp_path):
    # wenlvju 2026 calls 20799 by its pre-2019 name in its text; a 款 row giving it names the node
    row = ("{科目: 20799, 名称: 其他文化体育与传媒支出, 项目支出: 827.56}\n"
           "    - {科目: 2079903, 项目支出: 827.56}")
    path = source(tmp_path, row)
    assert not [w for w in warnings(path) if "R-科目名称" in w or "R-科目未收录" in w]
    names = tree_names(path)
    assert names["20799"] == "其他文化体育与传媒支出" and names["2079903"] == "文化产业发展专项支出"


def test_name_the_registry_gives_differently_is_still_a_mismatch(tmp_path):
    path = source(tmp_path, economic="{科目: 30110, 名称: 公务员医疗补助缴费, 金额: 7.46}")
    # 公务员医疗补助缴费 is 30111, a sibling: told as a code and name that do not go together, naming both
    assert any("R-科目名称" in w and "30110 印作“公务员医疗补助缴费”（公务员医疗补助缴费是 30111）" in w
               for w in warnings(path)), warnings(path)
    budget = load_source(path)
    assert next(r for r in budget.economic_rows if r.code == "30110").name == "职工基本医疗保险缴费"


# -- the source's own 科目表 ------------------------------------------------------------------------

def test_yaml_table_adds_and_renames(tmp_path):
    (tmp_path / "codes.yaml").write_text(
        f"{LOCAL_CODE}: {LOCAL_NAME}\n"
        "2012901: 行政运行（本级）\n"
        "30110: {名称: 职工医保缴费, 别名: [城镇职工基本医疗保险缴费]}\n", encoding="utf-8")
    path = source(tmp_path, f"{{科目: {LOCAL_CODE}, 项目支出: 827.56}}", table="codes.yaml",
                  economic="{科目: 30110, 名称: 职工基本医疗保险缴费, 金额: 7.46}")
    assert not [w for w in warnings(path) if "R-科目名称" in w or "R-科目未收录" in w]  # the registry's own name stays acceptable
    names = tree_names(path)
    assert names[LOCAL_CODE] == LOCAL_NAME and names["2012901"] == "行政运行（本级）"
    html = html_of(path, tmp_path)
    assert LOCAL_NAME in html and "行政运行（本级）" in html and "职工医保缴费" not in html  # 名称 given: as given
    table = codes.read_code_table(tmp_path / "codes.yaml")
    assert codes.name_status("经济分类", "30110", "城镇职工基本医疗保险缴费", 2022, table) == "ok"
    assert codes.lookup("经济分类", "30110", 2022, table).name == "职工医保缴费"  # type: ignore[union-attr]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_table_as_a_finance_system_exports_it(tmp_path, encoding):
    text = ("科目名称,科目编码,级次\r\n"  # columns found by their header, in any order
            f"{LOCAL_NAME},{LOCAL_CODE},项\r\n"
            "文化旅游体育与传媒支出（本地）,207,类\r\n")
    (tmp_path / "codes.csv").write_bytes(text.encode(encoding))
    path = source(tmp_path, f"{{科目: {LOCAL_CODE}, 项目支出: 827.56}}", table="codes.csv")
    names = tree_names(path)
    assert names[LOCAL_CODE] == LOCAL_NAME and names["207"] == "文化旅游体育与传媒支出（本地）"
    assert not [w for w in warnings(path) if "R-科目名称" in w or "R-科目未收录" in w]


def test_csv_without_header_and_with_spaced_codes(tmp_path):
    (tmp_path / "codes.csv").write_text(f"207 99 04,{LOCAL_NAME}\n", encoding="utf-8")
    table = codes.read_code_table(tmp_path / "codes.csv")
    assert codes.lookup("功能分类", LOCAL_CODE, 2026, table).name == LOCAL_NAME  # type: ignore[union-attr]
    assert codes.lookup("功能分类", "2070104", 2026, table).name == "图书馆"  # type: ignore[union-attr]


def test_table_is_watched_and_read_afresh(tmp_path):
    table = tmp_path / "codes.yaml"
    table.write_text(f"{LOCAL_CODE}: {LOCAL_NAME}\n", encoding="utf-8")
    path = source(tmp_path, f"{{科目: {LOCAL_CODE}, 项目支出: 827.56}}", table="codes.yaml")
    assert table.resolve() in referenced_files(path)
    assert table.resolve() in load_source(path).inputs  # never written over by render
    assert tree_names(path)[LOCAL_CODE] == LOCAL_NAME
    table.write_text(f"{LOCAL_CODE}: 改过的名称\n", encoding="utf-8")  # never kept in ~/.cache
    assert tree_names(path)[LOCAL_CODE] == "改过的名称"


@pytest.mark.parametrize(("content", "line", "fragment"), [
    ("科目编码,科目名称\n2079904,文化旅游重点项目扶持\n20799x,坏\n", 3, "不是科目编码"),
    ("科目编码,科目名称\n2079904,\n", 2, "没有科目名称"),
    ("科目编码,科目名称\n20799041,太长\n", 2, "无法识别"),
    ("科目编码,科目名称\n2079904,甲\n2079904,乙\n", 3, "重复"),
    ("编号,说明\n2079904,甲\n", 1, "表头中应有“科目编码”和“科目名称”"),
])
def test_bad_csv_table_names_file_and_line(tmp_path, content, line, fragment):
    (tmp_path / "codes.csv").write_text(content, encoding="utf-8")
    messages = findings(source(tmp_path, f"{{科目: {LOCAL_CODE}, 项目支出: 827.56}}", table="codes.csv"))
    table = str((tmp_path / "codes.csv").resolve())
    assert any(m.startswith(f"{table}:{line}:") and "R-科目表" in m and fragment in m for m in messages), messages


def test_bad_yaml_table_names_file_and_line(tmp_path):
    (tmp_path / "codes.yaml").write_text(f"{LOCAL_CODE}: {LOCAL_NAME}\n2012901: [不是, 名称]\n", encoding="utf-8")
    messages = findings(source(tmp_path, table="codes.yaml"))
    assert any(":2:" in m and "名称应为文字" in m for m in messages), messages


def test_missing_table_is_named_at_the_sources_line(tmp_path):
    messages = findings(source(tmp_path, table="nowhere.csv"))
    assert any("dept.yaml:8:" in m and "nowhere.csv" in m and "文件不存在" in m for m in messages), messages


def test_table_of_another_format_is_refused(tmp_path):
    (tmp_path / "codes.xlsx").write_bytes(b"PK\x03\x04")
    messages = findings(source(tmp_path, table="codes.xlsx"))
    assert any(".yaml/.yml 或 .csv" in m for m in messages), messages


def test_bad_table_fails_the_command_cleanly(tmp_path):
    (tmp_path / "codes.csv").write_bytes("科目编码,科目名称\n2079904,甲\n2079904,乙\n".encode("gbk"))
    path = source(tmp_path, f"{{科目: {LOCAL_CODE}, 项目支出: 827.56}}", table="codes.csv")
    result = reportgen("check", path, cwd=ROOT)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert "codes.csv:3:" in result.stdout + result.stderr and "重复" in result.stdout + result.stderr


def test_table_key_is_in_the_schema():
    from reportgen.source.schema import source_schema

    described = source_schema()["properties"]["科目表"]
    assert described["type"] == "string" and "CSV" in described["description"]
