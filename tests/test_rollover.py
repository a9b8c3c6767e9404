"""`reportgen rollover` (next year's source from this year's) and `reportgen new` (a skeleton):
this year's figures become the prior year's, the new year's are 待填写 and refused until filled,
and no file is ever overwritten."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reportgen.reading.yamlsafe import load_yaml, parse_yaml
from reportgen.runners.render import prepare, render_source
from reportgen.runners.rollover import dump, next_source_path, rollover, scalar
from reportgen.source.schema import validate_source
from tests.readback import docx_text, html_text
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
TANGSHAN = ROOT / "data" / "tangshan-zgh-2025.yaml"
EXAMPLE = ROOT / "data" / "example-two-units-2024.yaml"
COUNTS = {"编制", "行政编制", "行政实有", "事业编制", "事业实有", "在职", "离休", "退休", "离退休", "编外", "内设机构数", "车辆",
          "通用设备", "专用设备", "项目数"}
GROWTH = Decimal("1.1")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return reportgen(*args, cwd=ROOT, env={k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"})


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return str(value) if isinstance(value, str) else value


def fill(new: Any, old: Any, key: str = "") -> Any:
    """Fill every 待填写 from last year's source at the same place: amounts grown by 10 %, counts and
    words as they were (a bare amount that became {本年, 上年} takes its 本年 from the bare value)."""
    if isinstance(new, dict):
        return {k: fill(v, old.get(k) if isinstance(old, dict) else (old if k == "本年" else None), k)
                for k, v in new.items()}
    if isinstance(new, list):
        return [fill(v, old[i] if isinstance(old, list) and i < len(old) else None, key) for i, v in enumerate(new)]
    if isinstance(new, str) and new.startswith("待填写"):
        assert old is not None, key
        if new != "待填写":
            return str(old)
        return int(old) if key in COUNTS else Decimal(str(old)) * GROWTH
    return new


def filled(rolled: Path, last_year: Path) -> Path:
    data = fill(plain(load_yaml(rolled)), plain(load_yaml(last_year)))
    rolled.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    return rolled


@pytest.fixture()
def yantian(tmp_path: Path) -> Path:
    path = tmp_path / YANTIAN.name
    shutil.copy(YANTIAN, path)
    return path


# -- rollover ----------------------------------------------------------------------------------------------
def test_rollover_writes_next_years_source_next_to_this_years(yantian):
    result = run("rollover", yantian, "--year", "2023")
    assert result.returncode == 0, result.stderr
    new = yantian.with_name("shenzhen-yantian-zgh-2023.yaml")
    assert new.exists() and str(new) in result.stdout
    data = load_yaml(new)
    assert data["年度"] == 2023 and data["部门"] == "深圳市盐田区总工会"
    assert data["上年"]["年度"] == 2022
    assert data["上年"]["收支总计"] == Decimal("1273.52") and data["上年"]["项目支出"] == Decimal("827.56")
    assert data["上年"]["功能分类"]["221"] == Decimal("72.18")
    assert data["收入"]["一般公共预算拨款"] == "待填写"
    row = data["支出"]["功能分类"][0]
    assert (row["科目"], row["基本支出"], row["上年"]) == (2012901, "待填写", Decimal("256.95"))
    project = data["支出"]["项目"][1]
    assert (project["金额"], project["上年"]) == ("待填写", Decimal("770.56"))
    assert project["用途"].startswith("上解上级工会经费")  # the department's words are kept
    assert data["三公经费"]["公务用车运行维护费"]["上年"] == 4
    assert data["机关运行经费"] == {"本年": "待填写", "上年": Decimal("18.03")}
    assert "变动原因" not in data  # last year's reasons describe last year's change
    assert data["部门概况"]["职责"][0].startswith("维护职工合法权益")


def test_a_rolled_over_source_refuses_to_render_until_filled(yantian, tmp_path):
    run("rollover", yantian, "--year", "2023")
    new = yantian.with_name("shenzhen-yantian-zgh-2023.yaml")
    result = run("check", new)
    assert result.returncode == 1
    assert "金额待填写" in result.stdout and "收入.一般公共预算拨款" in result.stdout
    rendered = run("render", new, "-o", tmp_path / "out")
    assert rendered.returncode == 1 and not (tmp_path / "out").exists()


def test_filled_rollover_checks_clean_and_compares_against_last_year(yantian, tmp_path):
    assert run("rollover", yantian, "--year", "2023").returncode == 0
    new = filled(yantian.with_name("shenzhen-yantian-zgh-2023.yaml"), yantian)
    result = run("check", new)
    assert result.returncode == 0, result.stdout
    assert "0 个错误" in result.stdout
    out = render_source(new, tmp_path / "out")
    assert out.outputs
    for text in (html_text(tmp_path / "out" / f"{new.stem}.html"), docx_text(tmp_path / "out" / f"{new.stem}.docx")):
        assert "收入预算1,400.87万元，比2022年增加127.35万元，增长10.00%" in text
        assert "全区行政事业单位缴纳工会经费847.62万元，比2022年增加77.06万元，增长10.00%" in text
        assert "机关运行经费财政拨款预算19.83万元，比2022年增加1.80万元，增长10.00%" in text


def test_rollover_never_overwrites(yantian):
    assert run("rollover", yantian).returncode == 0  # --year defaults to the next year
    new = yantian.with_name("shenzhen-yantian-zgh-2023.yaml")
    before = new.read_bytes()
    again = run("rollover", yantian, "--year", "2023")
    assert again.returncode == 2 and "不会覆盖" in again.stderr and "Traceback" not in again.stderr
    assert new.read_bytes() == before
    onto_itself = run("rollover", yantian, "-o", yantian)
    assert onto_itself.returncode == 2 and yantian.read_bytes() == YANTIAN.read_bytes()


def test_rollover_output_can_be_chosen(yantian, tmp_path):
    target = tmp_path / "next" / "盐田2023.yaml"
    assert run("rollover", yantian, "-o", target).returncode == 0
    assert load_yaml(target)["年度"] == 2023


def test_a_layout_folder_beside_the_source_is_named_from_where_the_new_source_is(yantian, tmp_path):
    """A source naming a layout folder beside it (版式: 学到的版式, as import --learn-layout writes it) rolled over
    into another folder names the same folder from there — next year's draft is printed in the layout learned."""
    shutil.copytree(ROOT / "templates" / "layouts" / "shenzhen", tmp_path / "学到的版式")
    (tmp_path / "学到的版式" / "版式.yaml").write_text("名称: 学到的版式\n基于: 深圳\n", encoding="utf-8")
    for name in ("disclosure.j2",):
        (tmp_path / "学到的版式" / name).unlink()
    yantian.write_text(re.sub(r"(?m)^年度: 2022$", "年度: 2022\n版式: 学到的版式", yantian.read_text(encoding="utf-8")),
                       encoding="utf-8")
    target = tmp_path / "next" / "盐田2023.yaml"
    assert rollover(yantian, out=target).files[target].count("版式: ../学到的版式\n") == 1
    beside = tmp_path / "盐田2023.yaml"
    assert rollover(yantian, out=beside).files[beside].count("版式: 学到的版式\n") == 1


def test_rollover_to_a_past_year_or_of_a_broken_source_fails_in_chinese(yantian):
    backwards = run("rollover", yantian, "--year", "2021")
    assert backwards.returncode == 1 and "应晚于" in backwards.stderr
    yantian.write_text(yantian.read_text(encoding="utf-8").replace("{科目: 2210203, 基本支出: 44.05}",
                                                                     "{科目: 2210203, 基本支出: 44.04}"), encoding="utf-8")
    broken = run("rollover", yantian)
    assert broken.returncode == 1 and "请先修正" in broken.stderr and "R-收支平衡" in broken.stderr
    assert not yantian.with_name("shenzhen-yantian-zgh-2023.yaml").exists()


def test_rollover_keeps_a_pasted_line_break_as_a_line_break_and_reads_back(yantian):
    # a Word soft line break (\v) in a text: check passes (it is a line break), and the file rollover
    # writes is one its own loader reads
    duty = "    - 维护职工合法权益"
    yantian.write_text(yantian.read_text(encoding="utf-8").replace(duty, '    - "维护职工\\v合法权益"\n' + duty, 1),
                       encoding="utf-8")
    assert not prepare(yantian).errors
    assert run("rollover", yantian).returncode == 0
    new = yantian.with_name("shenzhen-yantian-zgh-2023.yaml")
    assert load_yaml(new)["部门概况"]["职责"][0] == "维护职工\n合法权益"


def test_rollover_never_writes_a_year_its_loader_refuses(yantian, tmp_path):
    from reportgen.runners.rollover import RolloverError, verify_new

    result = rollover(yantian, 2101, tmp_path / "far.yaml")
    with pytest.raises(RolloverError) as refused:
        verify_new(result.files)
    assert any("2100" in line for line in refused.value.details)
    far = run("rollover", yantian, "--year", "99999")
    assert far.returncode == 2 and "年度" in far.stderr and "Traceback" not in far.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [yantian.name]  # nothing written either way


def test_rollover_of_a_department_of_units_rolls_its_unit_files(tmp_path):
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    (tmp_path / "units").mkdir()
    shutil.copy(ROOT / "data" / "units" / "example-two-units-2024-sanatorium.yaml", tmp_path / "units")
    files = rollover(tmp_path / EXAMPLE.name, 2025).files
    new_unit = tmp_path / "units" / "example-two-units-2025-sanatorium.yaml"
    assert list(files) == [tmp_path / "example-two-units-2025.yaml", new_unit]
    assert run("rollover", tmp_path / EXAMPLE.name, "--year", "2025").returncode == 0
    department = load_yaml(tmp_path / "example-two-units-2025.yaml")
    assert department["单位"][1]["包含"] == "units/example-two-units-2025-sanatorium.yaml"
    assert department["单位"][0]["支出"]["项目"][0]["上年"] == 60
    assert department["上年"]["收支总计"] == 640
    unit = load_yaml(new_unit)
    assert unit["年度"] == 2025 and unit["支出"]["项目"][0]["上年"] == 80
    assert unit["收入"]["事业收入"] == "待填写"
    check = run("check", tmp_path / "example-two-units-2025.yaml")
    assert check.returncode == 1 and str(new_unit) in check.stdout  # the unit file's blanks are named there
    filled(new_unit, tmp_path / "units" / "example-two-units-2024-sanatorium.yaml")
    filled(tmp_path / "example-two-units-2025.yaml", tmp_path / EXAMPLE.name)
    prepared = prepare(tmp_path / "example-two-units-2025.yaml")
    assert prepared.errors == [], [f.format() for f in prepared.errors]


def test_rollover_of_a_performance_target_source(tmp_path):
    files = rollover(TANGSHAN, 2026, tmp_path / "ts-2026.yaml").files
    (tmp_path / "ts-2026.yaml").write_text(files[tmp_path / "ts-2026.yaml"], encoding="utf-8")
    rolled = load_yaml(tmp_path / "ts-2026.yaml")
    assert rolled["上年"] == {"年度": 2025}  # no budget figures were stated, so none are carried over
    project = rolled["绩效目标"]["项目"][1]
    assert project["金额"] == "待填写" and project["支出计划"]["3月底"] == "待填写"
    assert project["指标"][0]["依据"].startswith("依据《中华人民共和国工会法》")


def test_next_source_path_replaces_the_year_in_the_name():
    assert next_source_path(Path("d/x-zgh-2022.yaml"), 2022, 2023) == Path("d/x-zgh-2023.yaml")
    assert next_source_path(Path("d/budget.yaml"), 2022, 2023) == Path("d/budget-2023.yaml")


@pytest.mark.parametrize("value", ["100%", "2022年10月", "201", "a: b", "待填写", " 前后空格 ", "[括号]", "true", "#号"])
def test_written_text_reads_back_as_the_same_text(tmp_path, value):
    path = tmp_path / "s.yaml"
    path.write_text(f"a: {scalar(value)}\nb: {{c: {scalar(value, flow=True)}}}\n", encoding="utf-8")
    data = load_yaml(path)
    assert data["a"] == value and data["b"]["c"] == value


# -- new ---------------------------------------------------------------------------------------------------
def test_new_writes_a_skeleton_that_validates_once_filled(tmp_path):
    target = tmp_path / "新部门-2025.yaml"
    result = run("new", "--department", "某某市总工会", "--year", "2025", "-o", target)
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "部门: 某某市总工会" in text and "年度: 2025" in text and text.count("# ") > 10  # commented
    check = run("check", target)
    assert check.returncode == 1 and "金额待填写" in check.stdout and "待填写：部门主要职责" in check.stdout
    words = re.sub(r"待填写：[^#\n]*", "示例文字", text)
    figures = words.replace("待填写", "1")
    assert validate_source(load_yaml(_write(tmp_path / "filled.yaml", figures)), "filled.yaml") == []
    again = run("new", "--department", "某某市总工会", "--year", "2025", "-o", target)
    assert again.returncode == 2 and "不会覆盖" in again.stderr


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_help_of_the_new_commands_has_an_example():
    for command in ("rollover", "new"):
        result = run(command, "--help")
        assert result.returncode == 0 and "示例" in result.stdout


# 烟台市医疗保障局 2026, imported from its published PDF (which states 金额精度: its tables print to 0.01 万元)
IMPORTED = ROOT / "tests" / "fixtures" / "layouts" / "yantai-yibaoju-2026.yaml"


def test_rollover_of_an_imported_source_asks_only_for_the_new_years_figures(tmp_path):
    """How the published tables were printed (金额精度, 金额单位, 版式) is no figure of a year: it carries over,
    and no field an officer does not know is left 待填写 (issue 80 part 4: `金额精度: 待填写`)."""
    source = tmp_path / IMPORTED.name
    shutil.copy(IMPORTED, source)
    text = rollover(source, 2027).files[tmp_path / "yantai-yibaoju-2027.yaml"]
    data = plain(parse_yaml(text.encode("utf-8"), "rolled.yaml"))
    original = plain(load_yaml(IMPORTED))
    for key in ("金额精度", "金额单位", "版式"):
        assert data.get(key) == original.get(key), key
    assert not [line for line in text.splitlines() if line.startswith("金额精度") and "待填写" in line]
    assert data["年度"] == 2027 and data["上年"]["年度"] == 2026


def test_check_of_a_rolled_over_source_names_every_part_to_fill_at_once(tmp_path, capsys):
    """After the findings, one line says how many figures are left to fill and in which parts of the source — the
    officer's list of what the new year asks for — and it counts every 待填写 the findings name."""
    from reportgen.commands.check import _print_report
    from reportgen.runners.render import check_findings

    source = tmp_path / IMPORTED.name
    shutil.copy(IMPORTED, source)
    rolled = tmp_path / "yantai-yibaoju-2027.yaml"
    rolled.write_text(rollover(source, 2027).files[rolled], encoding="utf-8")
    findings = check_findings(rolled, None)
    _print_report([(rolled, findings)], "text")
    line = next(line for line in capsys.readouterr().out.splitlines() if "还需填写" in line)
    total = int(re.search(r"还需填写 (\d+) 处", line).group(1))
    assert total == sum(1 for f in findings if f.rule in ("待填写", "金额待填写")) > 10
    for part in ("收入", "支出", "三公经费"):
        assert re.search(part + r" \d+ 处", line), line
    assert "金额精度" not in line


def test_projects_printed_without_their_prior_year_keep_their_columns_next_year(tmp_path, yantian):
    """烟台医保局 2026 prints its projects with this year's amounts alone: next year's source gives them no 上年, so the
    project table keeps its columns (no 上年预算数 and 增减 columns appear in the tracked changes); 盐田区总工会 2022
    states each project's 上年 and keeps it."""
    source = tmp_path / IMPORTED.name
    shutil.copy(IMPORTED, source)
    data = plain(parse_yaml(rollover(source, 2027).files[tmp_path / "yantai-yibaoju-2027.yaml"].encode(), "r.yaml"))
    projects = data["支出"]["项目"]
    assert projects and all("上年" not in project and project["金额"] == "待填写" for project in projects)
    rolled = plain(load_yaml_text_of(yantian))
    assert all("上年" in project for project in rolled["支出"]["项目"])


def load_yaml_text_of(source: Path) -> Any:
    result = rollover(source)
    return parse_yaml(result.files[result.source].encode("utf-8"), "rolled.yaml")


def test_printed_totals_are_this_years_and_not_asked_for_next_year(tmp_path):
    """烟台市民政局 2026 imported: its tables' totals rounded on their own are written as printed (印出合计: 支出总表 合计
    5,609.33 …). Next year's totals are added from next year's figures: the rolled source asks for none of them — an
    officer never types a total (before: every 印出合计 figure was 待填写, 44 of them)."""
    pdf = ROOT.parent / "shared" / "corpus" / "fresh1" / "sd-yantai-minzhengju-2026-dept-budget.pdf"
    source, rolled = tmp_path / "yt.yaml", tmp_path / "yt-2027.yaml"
    assert run("import", pdf, "-o", source).returncode in (0, 1) and "印出合计" in load_yaml(source)
    assert run("rollover", source, "-o", rolled).returncode == 0
    assert "印出合计" not in load_yaml(rolled) and "印出合计" not in rolled.read_text(encoding="utf-8")


def test_rollover_asks_for_next_years_goals_and_keeps_the_duties(yantian):
    """部门概况.工作目标 are the year's own (printed under “{年}年主要工作目标”): next year's source asks for them
    (待填写, refused until written), where the 职责 are carried for the officer to check; `check` names the place."""
    assert load_yaml(yantian)["部门概况"]["工作目标"][0].startswith("围绕区重点工作")
    assert run("rollover", yantian, "--year", "2023").returncode == 0
    new = yantian.with_name("shenzhen-yantian-zgh-2023.yaml")
    profile = load_yaml(new)["部门概况"]
    assert profile["工作目标"] == ["待填写：2023年的工作目标"]
    assert profile["职责"][0].startswith("维护职工合法权益")
    assert "待填写：2023年的工作目标" in run("check", new).stdout


def test_a_rolled_over_sources_prior_execution_to_fill_is_named_as_such(tmp_path):
    """故宫博物院 2023 compares with its 上年执行数: next year's source asks for 2023's execution, and check names it
    so — “请填入上年执行数”, not “请填入本年金额” (the figure asked for is not the new year's budget)."""
    from reportgen.runners.render import check_findings

    source = tmp_path / "gugong-2023.yaml"
    shutil.copy(ROOT / "tests" / "sources" / "partial" / source.name, source)
    rolled = tmp_path / "gugong-2024.yaml"
    rolled.write_text(rollover(source, 2024).files[rolled], encoding="utf-8")
    to_fill = [f for f in check_findings(rolled, None) if f.rule == "金额待填写"]
    execution = [f for f in to_fill if "上年执行数" in f.path]
    assert execution and all("请填入上年执行数" in f.message for f in execution)
    assert all("请填入本年金额" in f.message for f in to_fill if f not in execution)
