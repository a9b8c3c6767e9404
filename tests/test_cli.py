"""The command line as a user meets it: real processes, exit codes, Chinese messages, no traceback,
nothing half-written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.base.written import RECORD

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"}
    return subprocess.run([sys.executable, "-m", "reportgen", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=120)


def yantian_with(tmp_path: Path, old: str, new: str) -> Path:
    text = YANTIAN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "盐田.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


def assert_failed_cleanly(result: subprocess.CompletedProcess[str], out: Path, *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert not out.exists() or not any(out.iterdir()), list(out.iterdir())


def test_render_writes_docx_and_html(tmp_path):
    result = run("render", YANTIAN, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        RECORD, "shenzhen-yantian-zgh-2022.docx", "shenzhen-yantian-zgh-2022.html"]


def test_malformed_yaml_names_file_and_line(tmp_path):
    source = yantian_with(tmp_path, "级次: 区级\n", "级次: 区级\n  缩进错了: [\n")
    result = run("render", source, "-o", tmp_path / "out")
    assert_failed_cleanly(result, tmp_path / "out", f"{source}:", "YAML 格式错误")


def test_missing_required_field(tmp_path):
    source = yantian_with(tmp_path, "部门: 深圳市盐田区总工会\n", "")
    result = run("render", source, "-o", tmp_path / "out")
    assert_failed_cleanly(result, tmp_path / "out", "缺少必填字段“部门”", str(source))


def test_non_number_amount_names_line_and_field(tmp_path):
    source = yantian_with(tmp_path, "一般公共预算拨款: 1273.52", "一般公共预算拨款: 一千二百")
    result = run("render", source, "-o", tmp_path / "out")
    line = line_of(source, "一般公共预算拨款: 一千二百")
    assert_failed_cleanly(result, tmp_path / "out", f"{source}:{line}:", "收入.一般公共预算拨款", "应为金额")


def test_unknown_classification_code(tmp_path):
    source = yantian_with(tmp_path, "{科目: 2012906, 项目支出: 827.56}", "{科目: 2012998, 项目支出: 827.56}")
    result = run("render", source, "-o", tmp_path / "out")
    line = line_of(source, "2012998")
    assert_failed_cleanly(result, tmp_path / "out", f"{source}:{line}", "2012998", "不存在")


def test_total_that_disagrees_with_parts_is_an_error_naming_both(tmp_path):
    source = yantian_with(tmp_path, "{科目: 2210203, 基本支出: 44.05}", "{科目: 2210203, 基本支出: 44.04}")
    result = run("check", source)
    assert result.returncode == 1
    assert "R-收支平衡" in result.stdout and "1,273.52万元" in result.stdout and "1,273.51万元" in result.stdout


def test_unknown_key_gets_a_suggestion(tmp_path):
    source = yantian_with(tmp_path, "三公经费:", "三公经废:")
    result = run("check", source)
    assert result.returncode == 1
    assert "是否应为“三公经费”？" in result.stdout


def test_error_leaves_existing_output_folder_untouched(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    source = yantian_with(tmp_path, "一般公共预算拨款: 1273.52", "一般公共预算拨款: abc")
    result = run("render", source, "-o", out)
    assert result.returncode == 1
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_source_is_never_modified(tmp_path):
    source = yantian_with(tmp_path, "级次: 区级", "级次: 区级")
    before = source.read_bytes()
    run("render", source, "-o", tmp_path / "out")
    assert source.read_bytes() == before


def test_check_is_clean_on_every_seed():
    result = run("check", *sorted((ROOT / "data").glob("*.yaml")))
    assert result.returncode == 0, result.stdout
    assert "0 个错误" in result.stdout


def test_check_json_for_machines(tmp_path):
    source = yantian_with(tmp_path, "本年: 18.03", "本年: 30")
    result = run("check", "--format", "json", source)
    report = json.loads(result.stdout)
    rules = {f["rule"] for f in report[0]["findings"]}
    assert "R-机关运行经费" in rules and result.returncode == 1


def test_running_costs_said_to_count_projects_are_not_held_to_the_public_costs(tmp_path):
    """A 说明 saying this year's 机关运行经费 counts projects' money (江苏省人民检察院 2017's words) puts it beyond
    the 公用经费; one saying so of last year's does not."""
    said = "2022年将涉及机关运行的项目经费支出纳入了本表，如物业管理费、项目中的运行维护费均计入机关运行费支出中"
    for note, held in ((said, False), (said.replace("2022年", "上年"), True)):
        source = yantian_with(tmp_path, "本年: 18.03", f"本年: 30\n  说明: {note}。")
        report = json.loads(run("check", "--format", "json", source).stdout)
        assert ("R-机关运行经费" in {f["rule"] for f in report[0]["findings"]}) == held, note


def test_a_part_asked_only_gradually_is_required_where_the_localitys_rules_require_it(tmp_path):
    """财预〔2016〕143号 asks 国有资产 and 绩效 “逐步公开”: withheld, they are no warning of a source under the national
    rules (深圳's, in 默认), and one under 上海's or 山东's layout, named (版式) or by its name, is warned (须公开)."""
    text = YANTIAN.read_text(encoding="utf-8")
    text = text[:text.index("国有资产:")] + "不公开: [国有资产, 绩效管理]\n"
    both = ["“国有资产”", "“绩效管理”"]
    for name, head, expected in (("深圳", "", []), ("版式", "版式: 上海\n", both), ("名称", "", both),
                                 ("三公", "", ["“三公经费”"])):
        source = tmp_path / f"{name}.yaml"
        changed = head + text.replace("深圳市盐田区总工会", "上海市普陀区总工会" if name == "名称" else "深圳市盐田区总工会")
        if name == "三公":  # the national rule requires 三公 outright
            changed = changed.replace("不公开: [国有资产, 绩效管理]", "不公开: [三公经费, 国有资产, 绩效管理]")
            changed = changed[:changed.index("三公经费:")] + changed[changed.index("机关运行经费:"):]
        source.write_text(changed, encoding="utf-8")
        report = json.loads(run("check", "--format", "json", source).stdout)
        told = sorted(f["message"][:6] for f in report[0]["findings"] if f["rule"] == "R-不公开")
        assert told == expected, name


def test_schema_is_json_schema_of_the_source_format():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"部门", "年度", "收入", "支出"} <= set(schema["properties"])


def test_templates_override_by_file_name(tmp_path):
    custom = tmp_path / "tpl"
    custom.mkdir()
    default = (ROOT / "templates" / "narrative" / "glossary.j2").read_text(encoding="utf-8")
    (custom / "glossary.j2").write_text(default.replace("名词解释", "名词解释（本地版）"), encoding="utf-8")
    result = run("render", YANTIAN, "-o", tmp_path / "out", "--format", "html", "--templates", custom)
    assert result.returncode == 0, result.stderr
    assert "名词解释（本地版）" in (tmp_path / "out" / "shenzhen-yantian-zgh-2022.html").read_text(encoding="utf-8")


def test_template_syntax_error_is_reported_not_raised(tmp_path):
    custom = tmp_path / "tpl"
    custom.mkdir()
    (custom / "glossary.j2").write_text("{% if %}\n", encoding="utf-8")
    result = run("render", YANTIAN, "-o", tmp_path / "out", "--templates", custom)
    assert_failed_cleanly(result, tmp_path / "out", "模板语法错误", "glossary.j2")


@pytest.mark.parametrize("args", [["--help"], ["render", "--help"], ["check", "--help"], ["schema", "--help"]])
def test_help_has_an_example(args):
    result = run(*args)
    assert result.returncode == 0 and "示例" in result.stdout


def test_source_strings_are_data_not_code(tmp_path):
    source = yantian_with(tmp_path, "部门: 深圳市盐田区总工会", "部门: \"<script>alert(1)</script>{{ 7*7 }}\"")
    result = run("render", source, "-o", tmp_path / "out", "--format", "html")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "盐田.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html and "{{ 7*7 }}" in html


def test_system_errors_are_told_in_chinese():
    import errno

    from reportgen.base.oserrors import reason

    assert reason(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    assert reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间不足"
    assert reason(OSError(errno.ENOTDIR, "Not a directory")) == "路径中有一段不是文件夹"
    assert reason(OSError(errno.ECHILD, "No child processes")) == "No child processes"  # a rare one, as it is
