"""`check 决算源文件 --against 公开的决算` (issue 27 part 4): each real 普陀 决算 PDF read against its
data/ source. Every disagreement left is a slip of the published text (each listed with why), and
nothing else is called wrong: the tables' 0.01 万元 gaps — a printed total beside printed parts each
rounded from 元 on its own — agree within the rounding a 万元 source's sums carry (Figure.slack),
and a changed figure is still caught."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from reportgen.review import review

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "seeds" / "juesuan"
SOCIAL = (ROOT / "data" / "shanghai-putuo-shehuigongzuo-juesuan-2024.yaml",
          SEEDS / "shanghai-putuo-shehuigongzuo-juesuan-2024.pdf")
PLANNING = (ROOT / "data" / "shanghai-putuo-guihuaziyuan-juesuan-2024.yaml",
            SEEDS / "shanghai-putuo-guihuaziyuan-juesuan-2024.pdf")


def _verdicts(source: Path, draft: Path):  # type: ignore[no-untyped-def]
    result, problems = review(source, draft)
    assert result is not None, [p.format() for p in problems]
    return result


@pytest.mark.parametrize(("pair", "slips", "agree"), [
    # 完成年初预算的95.89%: 年初预算 is 0; the rate is of 全年预算 321.02; 机关运行经费支出 10.23万元，比2023年度
    # 增加10.23万元，增长100.00%: a rate from a zero base (DOMAIN: 增长率无可比性); “住房保障支出（类）29.42万元，占9.55%”
    # (29.42 ÷ 307.82 = 9.557%) is read since a 类 named “X支出（类）” is read by its level, and not judged: its 尾数 was
    # moved so that the four shares printed one after another make 100.00% (86.05 + 3.52 + 0.88 + 9.55); and the same
    # 增长100.00% from nothing of 收入支出总计 and 财政拨款收入支出总计 (“…总计307.82万元。” / “与2023年度相比，…总计增加
    # 307.82万元，增长100.00%。”: the change names its amount again in the sentence after)
    (SOCIAL, {(335, "R-句内矛盾"), (346, "R-句内矛盾"), (359, "R-完成率"), (432, "R-句内矛盾")}, 90),
    # 占本年支出合计的99.86% (9746.50 ÷ 9759.38 = 99.868%, cut); 一般公共预算财政拨款基本支出 5377.64 and
    # 人员经费 4896.98 (the table's are 5364.75 and 4884.09: the text took all funds' 基本支出);
    # 完成年初预算的95.45% (9746.50 ÷ 10210.34 = 95.46%, cut)
    (PLANNING, {(427, "R-核对"), (508, "R-核对"), (509, "R-核对"), (439, "R-完成率")}, 120),
], ids=["社会工作部", "规划和自然资源局"])
def test_a_published_final_account_shows_exactly_its_slips(pair, slips, agree):
    result = _verdicts(*pair)
    found = {(f.line, f.rule) for f in result.findings() if f.severity == "error"}
    assert found == slips
    assert result.counts["agree"] >= agree and result.counts["disagree"] == sum(1 for _, r in slips if r == "R-核对")


def test_a_figure_changed_in_a_final_account_is_caught(tmp_path):
    """The same text with one table figure and one sentence figure changed: both are told."""
    text = subprocess.run(["pdftotext", "-layout", str(SOCIAL[1]), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("本年收入合计 307.82 万元") == 1
    changed = text.replace("本年收入合计 307.82 万元", "本年收入合计 308.82 万元")
    draft = tmp_path / "稿.txt"
    draft.write_text(changed, encoding="utf-8")
    result = _verdicts(SOCIAL[0], draft)
    wrong = [f.message for f in result.findings() if f.rule == "R-核对"]
    assert any("308.82" in m and "307.82" in m for m in wrong), wrong
