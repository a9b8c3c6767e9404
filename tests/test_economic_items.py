"""A 款's 目 (7-digit codes) held as printed (source 经济分类[].目): 重庆 prints them under the 款 (30102 津贴补贴 592.02
over 3010201 规范性津补贴 503.79), 北京 in its place (3021503 三类会议费, the 款 30215 not printed). The 基本支出表 prints
them under their 款, never adding them to it; a 目 written under another 款 is refused at its line. (The documents
themselves: tests/test_basic_table_whole_column.py, tests/test_import_beijing_tables.py, tests/test_learned_layout.py.)"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from reportgen.runners.render import check_findings, document_for, prepare
from reportgen.runners.rollover import dump
from reportgen.tablekinds import role

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "example-execution-2024.yaml"


def _with_items(tmp_path: Path, items: list[dict]) -> Path:
    """The example source with ``items`` as the 目 of its 30102 津贴补贴 (90)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    row = next(r for r in data["支出"]["基本支出"]["经济分类"] if r["科目"] == 30102)
    row["目"] = items
    path = tmp_path / "items.yaml"
    path.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    return path


def test_a_classs_items_are_printed_under_it_and_never_added(tmp_path: Path) -> None:
    path = _with_items(tmp_path, [{"科目": 3010201, "名称": "规范性津补贴", "金额": Decimal("60.5")},
                                  {"科目": 3010202, "名称": "其他津补贴", "金额": Decimal("29.5")}])
    assert [f.format() for f in check_findings(path) if f.severity == "error"] == []
    document = document_for(prepare(path))
    basic = next(t for t in document.tables() if t.id.startswith(role("basic")))
    rows = [[cell.text for cell in row.cells] for row in basic.body]
    at = next(i for i, row in enumerate(rows) if row[:2] == ["30102", "津贴补贴"])
    assert [row[:2] for row in rows[at + 1:at + 3]] == [["3010201", "规范性津补贴"], ["3010202", "其他津补贴"]]
    assert rows[at][4] == "90.00" and [row[4] for row in rows[at + 1:at + 3]] == ["60.50", "29.50"]
    plain = document_for(prepare(EXAMPLE))  # the 合计 as without them
    before = next(t for t in plain.tables() if t.id.startswith(role("basic")))
    assert [c.text for c in basic.body[0].cells] == [c.text for c in before.body[0].cells]


def test_an_item_of_another_class_is_refused_at_its_line(tmp_path: Path) -> None:
    path = _with_items(tmp_path, [{"科目": 3010301, "名称": "公务员基础绩效奖", "金额": Decimal("10")}])
    found = [f for f in check_findings(path) if f.severity == "error"]
    assert len(found) == 1 and found[0].rule == "R-科目层级" and "3010301" in found[0].message
    assert found[0].path.endswith(".目") and found[0].line > 0
