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
    causes = _causes(tmp_path, ["四、住房保障支出 72.15", "住房改革支出 72.15", "住房公积金 28.13", "购房补贴 44.05"])
    assert "草稿印出的各分项 28.13 + 44.05 = 72.18万元" in causes["四、住房保障支出"]


def test_a_total_its_rounded_parts_miss_by_rounding_only_agrees(tmp_path):
    """72.17 beside 28.13 + 44.05 = 72.18: three figures each rounded from 元 on their own may stand
    0.01 apart (the source, in 万元, cannot know the 元) — the table's 尾数误差, no slip; 0.02 is one."""
    assert _causes(tmp_path, ["四、住房保障支出 72.17", "住房改革支出 72.17", "住房公积金 28.13", "购房补贴 44.05"]) == {}
    assert "四、住房保障支出" in _causes(tmp_path, ["四、住房保障支出 72.16", "住房改革支出 72.18",
                                               "住房公积金 28.13", "购房补贴 44.05"])


def test_a_total_its_printed_parts_do_make_gets_no_cause(tmp_path):
    """The draft's rows add up (72.20 = 28.15 + 44.05): the slip is in a part, not in a sum."""
    causes = _causes(tmp_path, ["四、住房保障支出 72.20", "住房改革支出 72.20", "住房公积金 28.15", "购房补贴 44.05"])
    assert causes and all(cause == "" for cause in causes.values()), causes


def _one_disagreement(tmp_path: Path, unit: str, prior: str, amount: str, sentence: str):
    """The one disagreeing verdict on ``sentence`` against a one-line source of ``amount`` (in
    ``unit``) whose prior year is ``prior`` (a 上年 line)."""
    source = tmp_path / "s.yaml"
    source.write_text(f"部门: 某单位\n年度: 2025\n金额单位: {unit}\n部门概况:\n  职责: [某职责]\n上年:\n  {prior}\n"
                      f"收入:\n  一般公共预算拨款: {amount}\n支出:\n  功能分类:\n    - {{科目: 2012901, 基本支出: {amount}}}\n"
                      "不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理]\n", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(sentence, encoding="utf-8")
    result, problems = review(source, draft)
    assert result is not None, problems
    (verdict,) = [v for v in result.verdicts if v.status == "disagree"]
    return verdict


def test_a_change_taken_between_two_rounded_amounts_is_told_so(tmp_path):
    """万里街道 2025: 18,976.76 − 15,621.11 = 3,355.65 printed; from the exact 元 figures it is 3,355.64."""
    verdict = _one_disagreement(tmp_path, "元", "财政拨款: 156211149", "189767551",
                                "财政拨款收入18,976.76万元，比2024年预算增加3,355.65万元。")
    assert verdict.expected == "增加3,355.64万元" and verdict.cause.startswith("用两个四舍五入后的数相减")


def test_a_rate_both_causes_fit_names_both_and_chooses_neither(tmp_path):
    """10.01 → 10.08 万元 is 增长0.70%; “增长0.69%” is 0.6993 cut, and also 0.07 ÷ 10.08 rounded."""
    verdict = _one_disagreement(tmp_path, "万元", "收支总计: 10.01", "10.08", "收入预算10.08万元，比上年增加0.07万元，增长0.69%。")
    assert verdict.expected == "增长0.70%" and "截尾" in verdict.cause and "除以了本年数" in verdict.cause
