"""A likely cause is given only when the draft's own figures show it (issue 25, part 4): “与其各分项之和
不符” when the rows the draft prints under a total add to something else than the total it prints —
not whenever the source's parts add to the source's total (always true, so telling nothing)."""

from __future__ import annotations

from pathlib import Path

from reportgen.review import review

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"  # 221 住房保障支出 72.18 = 28.13 + 44.05


def _causes(tmp_path: Path, rows: list[str]) -> dict[str, str]:
    draft = tmp_path / "稿.txt"
    draft.write_text("\n".join(["部门收支总表", "单位：万元", *rows]), encoding="utf-8")
    result, problems = review(SOURCE, draft)
    assert result is not None, problems
    return {v.statement.label: v.cause for v in result.verdicts if v.status == "disagree"}


def test_a_total_its_printed_parts_do_not_make_is_told_so(tmp_path):
    causes = _causes(tmp_path, ["四、住房保障支出 72.17", "住房改革支出 72.17", "住房公积金 28.13", "购房补贴 44.05"])
    assert "草稿印出的各分项 28.13 + 44.05 = 72.18万元" in causes["四、住房保障支出"]


def test_a_total_its_printed_parts_do_make_gets_no_cause(tmp_path):
    """The draft's rows add up (72.20 = 28.15 + 44.05): the slip is in a part, not in a sum."""
    causes = _causes(tmp_path, ["四、住房保障支出 72.20", "住房改革支出 72.20", "住房公积金 28.15", "购房补贴 44.05"])
    assert causes and all(cause == "" for cause in causes.values()), causes
