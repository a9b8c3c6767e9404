"""Layouts hold only what differs: the table macro and the notes every layout's tables share are
written once (templates/narrative/_tables_common.j2) and imported, never copied into a layout."""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
COMMON = TEMPLATES / "narrative" / "_tables_common.j2"
SHARED = ("macro table(", "本套报表金额单位转换时可能存在尾数误差", "年无{{ fund }}预算支出", "未安排一般公共预算“三公”经费，故本表无数据",
          "未逐项列出。</note>", "未安排机关运行经费，故本表无数据")


def test_the_shared_table_pieces_are_written_once():
    common = COMMON.read_text(encoding="utf-8")
    assert all(piece in common for piece in SHARED)
    copies = [(path.relative_to(TEMPLATES), piece) for path in TEMPLATES.rglob("*.j2") if path != COMMON
              for piece in SHARED if piece in path.read_text(encoding="utf-8")]
    assert copies == []


def test_every_layout_tables_template_imports_the_common_pieces():
    for path in TEMPLATES.rglob("tables.j2"):
        assert "_tables_common.j2" in path.read_text(encoding="utf-8"), path
