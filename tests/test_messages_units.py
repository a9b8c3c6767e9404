"""Messages say what is so (issue 51, part 6): a 1-分 imbalance is shown in the unit that shows it (never
“相差 0.00万元”), and an official blank template (the 上海 workbook's shape with no figure in it) is said
to be a blank template — the file named, non-zero exit, nothing written — not “读出了…的数字” with a
request for tables the file holds."""

from __future__ import annotations

import contextlib
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl

from reportgen.cli import main
from reportgen.runners.render import render_source

ROOT = Path(__file__).resolve().parent.parent
LUOYANG = ROOT / "data" / "luoyang-zgh-2020.yaml"  # 万元, balanced
WENLV = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"


def _run(args: list[str]) -> tuple[int, str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        code = main(args)
    return code, buffer.getvalue()


def _off_by(tmp_path: Path, yuan: str) -> Path:
    """洛阳 2020 with its 一般公共预算拨款 raised by ``yuan`` 元 (the source is in 万元)."""
    text = LUOYANG.read_text(encoding="utf-8")
    raised = Decimal("1064.2") + Decimal(yuan) / 10000
    source = tmp_path / "luoyang.yaml"
    source.write_text(text.replace("  一般公共预算拨款: 1064.2\n", f"  一般公共预算拨款: {raised}\n", 1), encoding="utf-8")
    return source


def test_a_one_fen_imbalance_is_shown_in_yuan(tmp_path: Path) -> None:
    code, said = _run(["check", str(_off_by(tmp_path, "0.01"))])
    balance = next(line for line in said.splitlines() if "[R-收支平衡]" in line)
    assert code == 1 and "相差 0.01元" in balance and "0.00万元" not in said


def test_an_imbalance_the_text_unit_shows_stays_in_it(tmp_path: Path) -> None:
    _code, said = _run(["check", str(_off_by(tmp_path, "100"))])
    balance = next(line for line in said.splitlines() if "[R-收支平衡]" in line)
    assert "相差 0.01万元" in balance


def test_a_yuan_and_a_half_is_shown_with_its_fen(tmp_path: Path) -> None:
    _code, said = _run(["check", str(_off_by(tmp_path, "1.5"))])
    assert re.search(r"\[R-收支平衡\].*相差 1\.50元", said)


def _blank_template(tmp_path: Path) -> Path:
    """The official 上海 部门 workbook (render --format xlsx --layout 上海) with every figure taken out:
    its sheets, headers, 科目 and text as the template has them, no number in any cell."""
    rendered = render_source(WENLV, tmp_path / "out", ("xlsx",), layout="上海")
    assert rendered.outputs, [f.format() for f in rendered.findings]
    book = openpyxl.load_workbook(rendered.outputs[0])
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float, Decimal)) and not isinstance(cell.value, bool):
                    cell.value = None
    blank = tmp_path / "部门预算模板.xlsx"
    book.save(blank)
    return blank


def test_a_blank_template_is_said_to_be_one_and_nothing_is_written(tmp_path: Path) -> None:
    blank = _blank_template(tmp_path)
    for layout in (["--layout", "上海"], []):
        out = tmp_path / "blank.yaml"
        code, said = _run(["import", str(blank), *layout, "-o", str(out)])
        assert code != 0 and not out.exists()
        assert f"{blank}：这是一份空白模板" in said and "没有数字" in said, said
        assert "读出了" not in said and "请一并导出" not in said and "Traceback" not in said
