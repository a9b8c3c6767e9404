"""部门决算 from the same year's 部门预算 (`reportgen rollover SOURCE --kind 决算`), the annotated 决算
skeleton (`reportgen new --kind 决算`) and `reportgen diff` of two 决算 years: the budget becomes
年初预算 and “三公” 预算, every 决算数 is 待填写 and refused until filled, the filled file loads with
the real loader and checks clean, and no file is ever overwritten."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reportgen.cli import main
from reportgen.compute import compute
from reportgen.reading.yamlsafe import load_yaml, to_decimal_text
from reportgen.runners.assemble import load_source
from reportgen.runners.rollover import dump, final_source_path, skeleton
from reportgen.source.loader import UNIT_FACTOR
from reportgen.source.schema import PLACEHOLDER
from tests.final_sources import HEAD, PRIOR
from tests.test_rollover import plain, run

ROOT = Path(__file__).resolve().parent.parent
WENLVJU = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
TWO_UNITS = ROOT / "data" / "example-two-units-2024.yaml"
PLACEHOLDER_RULES = {"待填写", "金额待填写"}
FINDING = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+)(?::\d+)?: (?P<level>错误|警告) \[(?P<rule>[^\]]+)\]", re.M)
# The budget's word for a figure the 决算 names otherwise (loader.FINAL_WORDS).
BUDGET_WORD = {"年初结转和结余": "上年结转", "年末结转和结余": "结转下年"}
COUNTS = {"车辆", "通用设备", "专用设备", "大型设备", "项目数"}


def fill(new: Any, old: Any, key: str = "") -> Any:
    """Every 待填写 filled as if the year were spent exactly as budgeted: the budget's figure at the same
    place (a “三公” part's 本年 its 预算), 0 where the budget has none, a date or words for a hint."""
    if isinstance(new, dict):
        filled = {}
        for k, v in new.items():
            before = old.get(BUDGET_WORD.get(k, k)) if isinstance(old, dict) else None
            if k == "本年" and v == PLACEHOLDER and new.get("预算", PLACEHOLDER) != PLACEHOLDER:
                filled[k] = new["预算"]
            elif k == "上年" and v == PLACEHOLDER and "本年" in filled:
                filled[k] = filled["本年"]  # as much as last year: no change to give a reason for
            elif k == "本年" and v == PLACEHOLDER and not isinstance(old, dict):
                filled[k] = old if old is not None else 0
            else:
                filled[k] = fill(v, before, k)
        return filled
    if isinstance(new, list):
        return [fill(v, old[i] if isinstance(old, list) and i < len(old) else None, key) for i, v in enumerate(new)]
    if isinstance(new, str) and new.startswith(PLACEHOLDER):
        if key == "截至":
            return "2026年12月31日"
        if key == "版式":
            return "上海"
        if key == "下属单位":
            return "示例单位"
        if new != PLACEHOLDER:
            return "示例文字"
        if isinstance(old, dict):
            old = old.get("本年")
        if old is None:
            return 0
        return int(old) if key in COUNTS else to_decimal_text(str(old))
    return new


def filled_final(skeleton_path: Path, budget: Path) -> Path:
    """The skeleton filled as if spent as budgeted, last year's 决算 the same (no change, no reason)."""
    data = fill(plain(load_yaml(skeleton_path)), plain(load_yaml(budget)))
    loaded = load_source(budget)
    totals = compute(loaded).comparable_totals()
    factor = UNIT_FACTOR[str(data["金额单位"])]
    data["上年"] |= {key: totals[key] / factor for key in data["上年"] if key != "年度"}
    skeleton_path.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    return skeleton_path


def findings(output: str) -> list[re.Match[str]]:
    return list(FINDING.finditer(output))


@pytest.fixture()
def wenlvju(tmp_path: Path) -> Path:
    path = tmp_path / WENLVJU.name
    shutil.copy(WENLVJU, path)
    return path


# -- rollover --kind 决算 -------------------------------------------------------------------------------------------
def test_final_skeleton_from_a_real_budget_is_refused_until_filled(wenlvju):
    before = wenlvju.read_bytes()
    result = run("rollover", wenlvju, "--kind", "决算")
    assert result.returncode == 0, result.stderr
    out = wenlvju.with_name("shanghai-putuo-wenlvju-juesuan-2026.yaml")
    assert f"已生成 {out}" in result.stdout
    assert wenlvju.read_bytes() == before, "the budget is never written"
    check = run("check", out)
    assert check.returncode == 1
    found = findings(check.stdout)
    assert found and {m["rule"] for m in found} == PLACEHOLDER_RULES, check.stdout
    lines = out.read_text(encoding="utf-8").splitlines()
    for match in found:  # each finding points at a line of the file that holds the placeholder
        assert match["file"] == str(out) and PLACEHOLDER in lines[int(match["line"]) - 1], match[0]
    render = run("render", out, "-o", out.parent / "out", "--format", "html")
    assert render.returncode != 0 and not (out.parent / "out" / f"{out.stem}.html").exists()


def test_final_skeleton_keeps_the_budget_as_its_budget_and_leaves_every_final_figure_to_fill(wenlvju, tmp_path):
    out = tmp_path / "决算.yaml"
    assert run("rollover", wenlvju, "--kind", "决算", "-o", out).returncode == 0
    budget, final = plain(load_yaml(wenlvju)), plain(load_yaml(out))
    assert final["种类"] == "决算"
    for key in ("部门", "年度", "金额单位", "展示", "不公开"):
        assert final[key] == budget[key], key
    # 部门概况 as the budget's, without what a 决算 does not print (人员, 工作目标, 内设机构数) and, beside
    # 下属单位, without 机构设置 (the 决算 prints 部门决算单位构成 then)
    dropped = {"人员", "工作目标", "内设机构数", "机构设置"}
    assert final["部门概况"] == {k: v for k, v in budget["部门概况"].items() if k not in dropped}
    assert "机构设置" in budget["部门概况"] and budget["部门概况"]["下属单位"]
    # last year's 决算 is no budget's: to fill, never the budget's 上年 (last year's budget)
    assert final["上年"] == {"年度": 2025, "收支总计": PLACEHOLDER, "财政拨款": PLACEHOLDER, "一般公共预算": PLACEHOLDER}
    assert "变动原因" not in final and "名词解释" not in final
    assert final["收入"] == {"一般公共预算拨款": PLACEHOLDER, "年初结转和结余": PLACEHOLDER}
    assert final["年末结转和结余"] == final["结余分配"] == PLACEHOLDER
    total = Decimal(0)
    for old, new in zip(budget["支出"]["功能分类"], final["支出"]["功能分类"], strict=True):
        assert new["科目"] == old["科目"] and new.get("用途") == old.get("用途")
        for part in ("基本支出", "项目支出"):
            assert (new.get(part) == PLACEHOLDER) == (part in old)
        initial = sum((Decimal(str(old.get(part, 0))) for part in ("基本支出", "项目支出")), Decimal(0))
        assert Decimal(str(new["年初预算"])) == initial
        assert not {"上年", "原因", "全年预算", "差异原因"} & set(new)
        total += initial
    assert Decimal(str(final["预算数"]["一般公共预算"]["年初预算"])) == total == Decimal(278076101)
    assert "项目" not in final["支出"]
    assert all(row["金额"] == PLACEHOLDER for row in final["支出"]["基本支出"]["经济分类"])
    three = final["三公经费"]
    for name, value in budget["三公经费"].items():
        assert three[name] == {"本年": PLACEHOLDER, "预算": value["本年"],
                               **({"上年": PLACEHOLDER} if name != "合计" else {})}, name
    assert final["机关运行经费"] == {"本年": PLACEHOLDER, "上年": PLACEHOLDER}
    assert final["国有资产"] == {"截至": "待填写：截至日期（如 2026年12月31日）", "车辆": PLACEHOLDER, "大型设备": PLACEHOLDER}
    text = out.read_text(encoding="utf-8")
    # what the budget cannot give is said, not made up: last year's 决算, the 决算-only sections
    assert "部门预算源文件中没有上年的决算数" in text
    for prompt in ("# 明细:", "# 小微企业:", "# 中小企业中标:", "# 其他中小企业中标:", "# 车辆分类:",
                   "# 绩效目标:", "# 跟踪评价:", "# 绩效自评:", "# 全年预算:"):
        assert prompt in text, prompt
    assert "部门预算中的说明（说的是预算，未带入）：车辆4辆均为其他用车。" in text


def test_the_filled_final_skeleton_loads_and_checks_clean(wenlvju, tmp_path):
    out = tmp_path / "决算.yaml"
    assert run("rollover", wenlvju, "--kind", "决算", "-o", out).returncode == 0
    filled_final(out, wenlvju)
    assert PLACEHOLDER not in out.read_text(encoding="utf-8")
    check = run("check", out)
    assert check.returncode == 0, check.stdout + check.stderr
    assert not [m for m in findings(check.stdout) if m["level"] == "错误"]
    final, budget = load_source(out), load_source(WENLVJU)
    assert final.final and final.year == budget.year == 2026
    assert final.fund_budgets["一般公共预算"].initial == sum((row.total for row in budget.function_rows), Decimal(0))
    rows = {row.code: row for row in final.function_rows}
    for row in budget.function_rows:
        assert rows[row.code].budget is not None and rows[row.code].budget.initial == row.total
        assert rows[row.code].total == row.total  # filled as budgeted
    assert final.three_public.parts["公务接待费"].budgeted == Decimal(21100)


@pytest.mark.parametrize("source", [YANTIAN, *(ROOT / "data" / f"{name}.yaml" for name in (
    "shanghai-putuo-chengguan-2026", "shanghai-putuo-jianguanwei-2026", "luoyang-zgh-2020",
    "example-execution-2024"))], ids=lambda p: p.stem)
def test_every_real_budget_gives_a_final_skeleton_that_checks_once_filled(source, tmp_path):
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    out = tmp_path / "决算.yaml"
    result = run("rollover", copy, "--kind", "决算", "-o", out)
    assert result.returncode == 0, result.stderr
    check = run("check", out)
    assert {m["rule"] for m in findings(check.stdout)} <= PLACEHOLDER_RULES, check.stdout
    filled_final(out, copy)
    check = run("check", out)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_budget_without_function_rows_gives_a_row_to_fill(tmp_path):
    """A budget published without its 功能分类 (项目 in a list alone): the 决算 is by function, so the
    skeleton holds one row whose 科目 and figures are to fill, and keeps no project list."""
    source = ROOT / "data" / "qinhuangdao-shanhaiguan-gh-2020.yaml"
    out = tmp_path / "决算.yaml"
    assert run("rollover", source, "--kind", "决算", "-o", out).returncode == 0
    final = plain(load_yaml(out))
    assert final["支出"]["功能分类"] == [{"科目": PLACEHOLDER, "基本支出": PLACEHOLDER, "项目支出": PLACEHOLDER}]
    assert "项目" not in final["支出"] and "预算数" not in final
    check = run("check", out)
    assert {m["rule"] for m in findings(check.stdout)} == PLACEHOLDER_RULES, check.stdout


def test_the_default_name_says_juesuan():
    assert final_source_path(WENLVJU, 2026).name == "shanghai-putuo-wenlvju-juesuan-2026.yaml"
    assert final_source_path(Path("某某局-2025.yaml"), 2025).name == "某某局-决算-2025.yaml"
    assert final_source_path(Path("bureau.yaml"), 2025).name == "bureau-juesuan-2025.yaml"


def test_final_rollover_never_overwrites(wenlvju, tmp_path):
    out = tmp_path / "决算.yaml"
    out.write_text("已有\n", encoding="utf-8")
    result = run("rollover", wenlvju, "--kind", "决算", "-o", out)
    assert result.returncode == 2 and "不会覆盖" in result.stderr
    assert out.read_text(encoding="utf-8") == "已有\n"
    before = wenlvju.read_bytes()
    result = run("rollover", wenlvju, "--kind", "决算", "-o", wenlvju)
    assert result.returncode == 2 and "不会覆盖" in result.stderr and wenlvju.read_bytes() == before


@pytest.mark.parametrize(("args", "words", "code"), [
    (["rollover", str(WENLVJU), "--kind", "决算", "--year", "2026", "-o", "{tmp}/j.yaml"], "不用 --year", 2),
    (["rollover", str(WENLVJU), "--kind", "决算算", "-o", "{tmp}/j.yaml"], "参数 --kind 的值", 2),
    (["rollover", str(TWO_UNITS), "--kind", "决算", "-o", "{tmp}/j.yaml"], "按“单位”填报", 1),
    (["rollover", str(ROOT / "data" / "tangshan-zgh-2025.yaml"), "--kind", "决算", "-o", "{tmp}/j.yaml"],
     "只有绩效目标", 1),
], ids=["year", "kind", "units", "targets-only"])
def test_what_final_rollover_refuses_goes_through_the_base(args, words, code, tmp_path, capsys):
    try:
        exit_code = main([word.replace("{tmp}", str(tmp_path)) for word in args])
    except SystemExit as exc:  # argparse's own refusal of a choice
        exit_code = exc.code
    assert exit_code == code
    err = capsys.readouterr().err
    assert err.startswith("reportgen rollover: 错误：") or "\nreportgen rollover: 错误：" in err, err
    assert words in err and not list(tmp_path.iterdir())


def test_a_final_source_is_refused_as_the_budget(tmp_path, capsys):
    source = tmp_path / "final.yaml"
    source.write_text(FINAL_2024, encoding="utf-8")
    assert main(["rollover", str(source), "--kind", "决算", "-o", str(tmp_path / "j.yaml")]) == 1
    assert "已是部门决算" in capsys.readouterr().err and not (tmp_path / "j.yaml").exists()


# -- new --kind 决算 -------------------------------------------------------------------------------------------------
FINAL_FIELDS = ("种类", "年初结转和结余", "使用非财政拨款结余", "年末结转和结余", "结余分配", "预算数", "年初预算", "全年预算",
                "差异原因", "上缴上级支出", "经营支出", "对附属单位补助支出", "明细", "出国团组", "接待批次",
                "国内公务接待", "外宾接待", "小微企业", "中小企业中标", "小微企业中标", "其他中小企业中标", "车辆分类",
                "大型设备", "制度", "工作机制", "绩效目标", "跟踪评价", "绩效自评", "平均得分", "下属单位", "财政拨款结转和结余")


def test_new_final_skeleton_has_every_final_field_commented_and_checks_only_its_placeholders(tmp_path):
    out = tmp_path / "决算.yaml"
    result = run("new", "--department", "某某区某某局", "--year", "2024", "--kind", "决算", "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    data = plain(load_yaml(out))
    assert data["种类"] == "决算" and data["年度"] == 2024 and data["上年"]["年度"] == 2023
    lines = text.splitlines()
    for name in FINAL_FIELDS:  # each 决算 field is there, saying what it is (a comment, or the placeholder's hint)
        line = next((line for line in lines if re.match(rf"\s*(- )?#?\s*{name}:", line)), None)
        assert line is not None, name
        assert "#" in line or f"{PLACEHOLDER}：" in line, line
    check = run("check", out)
    found = findings(check.stdout)
    assert check.returncode == 1 and found and {m["rule"] for m in found} == PLACEHOLDER_RULES, check.stdout
    for match in found:
        assert match["file"] == str(out) and PLACEHOLDER in lines[int(match["line"]) - 1], match[0]


def test_new_final_skeleton_filled_checks_clean(tmp_path):
    """Filled with figures that add up, the 决算 skeleton is a source the real loader and check accept."""
    out = tmp_path / "决算.yaml"
    assert run("new", "--department", "某某区某某局", "--year", "2024", "--kind", "决算", "-o", out).returncode == 0
    figures = {
        "上年": {"收支总计": 90, "财政拨款": 90, "一般公共预算": 90},
        "收入": {"一般公共预算拨款": 100},
        "预算数": {"一般公共预算": {"年初预算": 100}},
        "支出": {"功能分类": [{"科目": 2013101, "基本支出": 60, "年初预算": 60},
                              {"科目": 2013102, "项目支出": 40, "年初预算": 40}],
                 "基本支出": {"经济分类": [{"科目": 30101, "金额": 60}]}},
    }
    data = fill(plain(load_yaml(out)), figures)
    out.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    check = run("check", out)
    assert check.returncode == 0, check.stdout + check.stderr
    final = load_source(out)
    assert final.final and final.fund_budgets["一般公共预算"].initial == Decimal(1000000)


def test_new_without_kind_is_the_budget_skeleton_as_before(tmp_path):
    out = tmp_path / "预算.yaml"
    assert run("new", "--department", "某某市总工会", "--year", "2025", "--unit", "元", "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text == skeleton("某某市总工会", 2025, "市级", "元")
    assert "种类" not in text and "决算" not in text and text.startswith("# 某某市总工会 2025 年部门预算源文件")


# -- diff of two 决算 years ------------------------------------------------------------------------------------------
def test_diff_of_two_final_years(wenlvju, tmp_path):
    """Two years' 部门决算 (the second from the first: a year on, a duty reworded) are compared as two
    budgets are: the change is shown, in the terminal and in the HTML and DOCX redlines."""
    old = tmp_path / "final-2026.yaml"
    assert run("rollover", wenlvju, "--kind", "决算", "-o", old).returncode == 0
    filled_final(old, wenlvju)
    new = tmp_path / "final-2027.yaml"
    duty = "完成区委、区政府交办的其他任务。"
    text = old.read_text(encoding="utf-8")
    assert duty in text
    new.write_text(text.replace("年度: 2026", "年度: 2027").replace("年度: 2025", "年度: 2026")
                   .replace("2026年12月31日", "2027年12月31日").replace(duty, "完成区委、区政府交办的其他重要任务。"),
                   encoding="utf-8")
    for source in (old, new):
        check = run("check", source)
        assert check.returncode == 0, check.stdout + check.stderr
    result = run("diff", old, new)
    assert result.returncode == 0, result.stderr
    assert "（2026年）" in result.stdout and "（2027年）" in result.stdout, result.stdout
    assert "段落：新增 0，删除 0，修改 1" in result.stdout and "数字变化：0 组" in result.stdout, result.stdout
    for output in ("d.html", "d.docx"):
        result = run("diff", old, new, "-o", tmp_path / output)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / output).stat().st_size > 0
    assert "重要" in (tmp_path / "d.html").read_text(encoding="utf-8")


FINAL_2024 = HEAD + PRIOR + """收入:
  一般公共预算拨款: 307.82
  年初结转和结余: 10
年末结转和结余: 10
预算数:
  一般公共预算: {年初预算: 0, 全年预算: 321.02, 差异原因: 人员经费支出数小于预算数}
支出:
  功能分类:
    - {科目: 2013901, 基本支出: 51.32, 全年预算: 52.00, 用途: 行政单位人员支出、公用支出, 差异原因: 人员变动}
    - {科目: 2013999, 项目支出: 256.50, 全年预算: 269.02, 用途: 项目}
  基本支出:
    经济分类:
      - {科目: 30101, 金额: 51.32}
三公经费:
  说明: 无
"""


def test_rollover_of_a_final_gives_next_years_final(wenlvju, tmp_path):
    """Without --kind 决算 a 部门决算 rolls as a budget does: its 决算数 become next year's 上年 (a 决算's
    上年 is last year's 决算), it stays a 决算 and says so, and its 差异原因 (this year's words) go."""
    final = tmp_path / "final-2026.yaml"
    assert run("rollover", wenlvju, "--kind", "决算", "-o", final).returncode == 0
    filled_final(final, wenlvju)
    text = final.read_text(encoding="utf-8").replace("用途: 购房补贴支出", "用途: 购房补贴支出, 差异原因: 示例")
    final.write_text(text, encoding="utf-8")
    assert run("check", final).returncode == 0
    out = tmp_path / "final-2027.yaml"
    result = run("rollover", final, "-o", out)
    assert result.returncode == 0, result.stderr
    rolled = out.read_text(encoding="utf-8")
    assert rolled.startswith("# 上海市普陀区文化和旅游局 2027 年度部门决算源文件")
    data = plain(load_yaml(out))
    assert list(data)[:3] == ["种类", "部门", "年度"] and data["种类"] == "决算" and data["上年"]["年度"] == 2026
    assert data["上年"]["收支总计"] == 278076101 and "差异原因" not in rolled
    check = run("check", out)
    assert {m["rule"] for m in findings(check.stdout)} == PLACEHOLDER_RULES, check.stdout


@pytest.mark.parametrize("name", ["shehuigongzuo", "guihuaziyuan"])
def test_a_real_final_rolled_into_next_year_and_filled_checks_without_budget_keys(tmp_path, name):
    """A real 部门决算 (普陀区社会工作部, 规划和自然资源局 2024) rolled into 2025 and filled as the same year again: its
    function rows carry no 上年 (a 决算 does not print one: final_keys.BUDGET_ONLY), so check finds nothing but what the
    filling itself may leave — never R-决算用语 for a key rollover wrote (it did, at each of its 9 and 14 rows); its
    “三公” parts ask for next year's 预算数 (R-缺少 “三公经费.合计.预算” once filled, the key not written)."""
    source = tmp_path / f"{name}-juesuan-2024.yaml"
    shutil.copy(ROOT / "data" / f"shanghai-putuo-{name}-juesuan-2024.yaml", source)
    out = tmp_path / f"{name}-juesuan-2025.yaml"
    assert run("rollover", source, "-o", out).returncode == 0
    data = fill(plain(load_yaml(out)), plain(load_yaml(source)))
    out.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    check = run("check", out)
    assert "R-决算用语" not in {m["rule"] for m in findings(check.stdout)}, check.stdout
    assert all("上年" not in row for row in data["支出"]["功能分类"])
    assert "三公经费.合计.预算" not in check.stdout
