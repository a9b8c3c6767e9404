"""`reportgen import` of several files at once (issue 37, part 4): one source per department and
year. Files of different departments, kinds or years are refused naming both, nothing written; a
部门 with its unit's file makes the 部门's source by 单位, which check passes and render reads."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.reading.yamlsafe import load_yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "seeds" / "pdf"
FINAL = ROOT / "tests" / "seeds" / "juesuan"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _pdf(name: str) -> Path:
    path = SEEDS / f"shanghai-putuo-{name}.pdf"
    assert path.is_file(), path
    return path


def _import(capsys, folder: Path, *files: Path) -> tuple[int, str]:
    code = main(["import", *map(str, files), "-o", str(folder / "out.yaml")])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize(("first", "second", "word"), [
    (_pdf("wanli-2024"), _pdf("wanli-2025"), "年度"),
    (_pdf("wanli-2025"), _pdf("shangwuwei-2025"), "部门"),
    (FINAL / "shanghai-putuo-guihuaziyuan-juesuan-2024.pdf", _pdf("wanli-2024"), "预算或决算"),
])
def test_files_of_two_departments_years_or_accounts_are_refused_naming_both(capsys, tmp_path, first, second, word):
    code, printed = _import(capsys, tmp_path, first, second)
    assert code != 0
    assert str(first) in printed and str(second) in printed and f"的{word}不同" in printed
    assert "Traceback" not in printed
    assert list(tmp_path.iterdir()) == []


def test_a_unit_that_is_not_all_of_the_departments_is_refused_with_both_totals(capsys, tmp_path):
    """万里街道's 部门预算 with 商务委's unit: the 部门's 收入 are not the unit's; nothing is merged."""
    code, printed = _import(capsys, tmp_path, _pdf("wanli-2025"), _pdf("shangwuwei-unit-2025"))
    assert code != 0
    assert "部门预算是其所属全部单位的合计" in printed and str(_pdf("shangwuwei-unit-2025")) in printed
    assert list(tmp_path.iterdir()) == []


def test_a_department_with_its_unit_makes_the_department_source_by_unit(capsys, tmp_path):
    department, unit = _pdf("shangwuwei-2025"), _pdf("shangwuwei-unit-2025")
    code, printed = _import(capsys, tmp_path, department, unit)
    assert code == 0, printed
    source = load_yaml(tmp_path / "out.yaml")
    assert source["部门"] == "上海市普陀区商务委员会" and "类型" not in source
    assert "收入" not in source and [set(u) for u in source["单位"]] == [{"名称", "包含"}]
    unit_file = tmp_path / source["单位"][0]["包含"]
    assert unit_file.is_file()
    alone = tmp_path / "alone"
    alone.mkdir()
    assert main(["import", str(unit), "-o", str(alone / "unit.yaml")]) in (0, 1)
    capsys.readouterr()
    unit_alone = load_yaml(alone / "unit.yaml")
    written = load_yaml(unit_file)
    assert written["收入"] == unit_alone["收入"] and written["支出"] == unit_alone["支出"]
    assert sum(Decimal(str(v)) for v in written["收入"].values()) > 0
    assert main(["check", str(tmp_path / "out.yaml")]) == 0, capsys.readouterr().out


def test_without_layout_a_shanghai_document_gets_its_layout_and_is_told_why(capsys, tmp_path):
    code, printed = _import(capsys, tmp_path, _pdf("shangwuwei-unit-2025"))
    assert code == 0, printed
    assert "没有指定 --layout：按“上海”版式导入" in printed and "“2025年预算单位财务收支预算总表”" in printed
    assert load_yaml(tmp_path / "out.yaml")["版式"] == "上海"


def test_a_document_showing_two_layouts_marks_asks_for_layout(capsys, tmp_path, monkeypatch):
    from reportgen.importing import which_layout

    shanghai = which_layout._marks()[0]
    monkeypatch.setattr(which_layout, "_marks", lambda: (shanghai, which_layout.Marks("其他", shanghai.titles, frozenset())))
    code, printed = _import(capsys, tmp_path, _pdf("shangwuwei-2025"))
    assert code != 0 and "请用 --layout 指定版式" in printed and "上海：" in printed and "其他：" in printed
    assert list(tmp_path.iterdir()) == []


def test_a_document_of_no_local_layout_gets_the_default_unsaid(tmp_path, capsys):
    """The national layout's tables (a render of the default layout, 表1 …): no local title, no 版式 written."""
    source = ROOT / "data" / "example-execution-2024.yaml"
    assert main(["render", str(source), "--format", "xlsx", "-o", str(tmp_path / "r")]) == 0
    capsys.readouterr()
    code, printed = _import(capsys, tmp_path, next((tmp_path / "r").glob("*.xlsx")))
    assert "版式" not in load_yaml(tmp_path / "out.yaml") and "--layout" not in printed


def test_a_document_and_its_export_given_together_are_refused_not_one_dropped(capsys, tmp_path):
    """万里街道 2025's PDF and its workbook: each gives every table; neither is kept over the other unsaid."""
    workbook = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"
    code, printed = _import(capsys, tmp_path, _pdf("wanli-2025"), workbook)
    assert code != 0 and "都是收支总表：一个源文件的每张表只能取自一个文件" in printed
    assert str(workbook) in printed and list(tmp_path.iterdir()) == []


def test_a_file_given_twice_is_read_once_and_told(capsys, tmp_path):
    code, printed = _import(capsys, tmp_path, _pdf("shangwuwei-unit-2025"), _pdf("shangwuwei-unit-2025"))
    assert code == 0 and "给出了不止一次，只读取一次" in printed
