"""Year over year (issue 80): the ceiling of `python -m bench.learned_words --pairs` — of year N+1's sentences saying a
figure, those year N printed in the same words, their figures, years and change words aside, in the same order (the
department kept the wording: a learned wording can print no other) — and why each of them the draft does not print is
not printed, on the published documents of two regions (上海 普陀 万里街道 2024 → 2025, 江苏省政协办公厅 2018 → 2019)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from bench import learned_words as lw
from reportgen.docmodel.document import Table
from reportgen.importing.learning.published_sentences import published_sentences
from reportgen.readers.published import read_published

ROOT = Path(__file__).resolve().parent.parent
WANLI = (ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2024.pdf",
         ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf")
ZHENGXIE = (lw.NATIONAL / "js-zhengxie-2018-p1-8-9-tables-p1to6.pdf", lw.NATIONAL / "js-zhengxie-2019-p1to14.pdf")


def _sentences(path: Path) -> list[str]:
    return [s.text for s in published_sentences(read_published(path).lines)]


def _kept(pair: tuple[Path, Path]) -> dict[str, str]:
    then, now = _sentences(pair[0]), _sentences(pair[1])
    return {lw._plain(now[b]): lw._plain(then[a]) for a, b in lw._kept(then, now)}


def _one(sentences: dict[str, str], start: str) -> str:
    return next(s for s in sentences if s.startswith(start))


def test_a_sentence_kept_but_for_its_figures_years_and_change_words_is_within_the_ceiling_a_rewritten_one_is_not() -> None:
    """万里 2025 “支出预算18,976.76万元，……比2024年预算增加3,355.65万元。” is 2024's “支出预算15621.11万元，……比2023年
    预算减少876.75万元。”: other figures, years and change word, the same words. Its “（二）公务用车购置及运行费……主要原因
    是2025年新增1辆公务用车购置……” gives another cause than 2024's: rewritten, no learned wording prints it. 江苏省政协
    2019's “（一）收入预算总计13,377.11万元。” is 2018's; its first sentence, a total of income and spending together, 2018
    did not print."""
    wanli = _kept(WANLI)
    assert wanli[_one(wanli, "支出预算18,976.76万元")].startswith("支出预算15621.11万元，其中：财政拨款支出预算15621.11万元，比2023年预算减少")
    assert not any(s.startswith("（二）公务用车购置及运行费36.56万元") for s in wanli)
    zhengxie = _kept(ZHENGXIE)
    assert zhengxie["（一）收入预算总计13,377.11万元。"] == "（一）收入预算总计10,150.48万元。"
    assert not any(s.startswith("江苏省政协办公厅2019年度收入、支出预算总计") for s in zhengxie)


def test_each_kept_sentence_not_printed_next_year_says_why_and_none_is_printed_with_another_figure() -> None:
    """万里 2024 → 2025, rendered: of the sentences within the ceiling, those not printed word for word each have a class;
    2025 writes its totals with thousands' commas (18,976.76) where 2024 wrote none (15621.11): the draft prints them
    with the right figures, written as 2024 did — a class of its own, no learned wording could know. No kept sentence
    is printed with a figure of its own other than the published one."""
    then, now = [WANLI[0]], [WANLI[1]]
    document, published, learned = lw._learned_render(then, now, words=True)
    rendered = lw.rendered_sentences(document)
    kept = lw.ceiling(_sentences(WANLI[0]), published, rendered, lw._notices(document, lw._untraced(learned)))
    assert kept.same <= kept.kept <= sum(1 for s in published if lw.has_figures(s))
    assert kept.same == sum(1 for s in published if lw.has_figures(s) and lw._plain(s) in rendered)
    classes = {lw._plain(now_said): kind for kind, now_said, _ in kept.missed}
    assert classes[_one(classes, "支出预算18,976.76万元")] == lw.WRITTEN_OTHERWISE
    assert "支出预算18976.76万元，其中：财政拨款支出预算18976.76万元，比2024年预算增加3355.65万元。" in rendered
    assert all(kind != "没有印出" and kind != lw.OTHER_FIGURE for kind, _, _ in kept.missed)


def test_the_last_years_column_of_a_table_year_n_did_not_print_holds_only_what_year_n_plus_1_states() -> None:
    """江苏省政协办公厅 2019 in the layout learned from 2018: 2018's pages print no 一般公共预算支出表, so the draft prints
    the base layout's, with its 上年预算数 and 增减 columns. Their figures are 2019's own, none taken from 2018: each
    line's change is the one 2019's text states (“行政运行（项）5,223.22万元，与上年相比增加790.44万元”), its 上年预算数
    the line's 2019 amount less it (4,432.78, what 2018 printed); a line 2019 states no change of is blank in both."""
    then, now = [ZHENGXIE[0]], [ZHENGXIE[1], lw.NATIONAL / "js-zhengxie-2019-tables-p1to4-7-8.pdf"]
    document, _, _ = lw._learned_render(then, now, words=True)
    table = next(block for block in document.blocks if isinstance(block, Table) and "按功能分类" in block.title)
    assert [cell.text for cell in table.header[0].cells][-2:] == ["上年预算数", "增减"]
    text = lw._valued("".join(lw._plain(s) for s in _sentences(ZHENGXIE[1])))
    stated = 0
    for row in table.body:
        cells = [cell.text for cell in row.cells]
        if not cells[0].isdigit():
            continue
        amount, prior, change = (Decimal(c.replace(",", "")) if c else None for c in (cells[2], cells[-2], cells[-1]))
        if change is None:
            assert prior is None, cells
            continue
        stated += 1
        said = f"{cells[1]}（项）{lw._value(str(amount))}万元，与上年相比{'增加' if change > 0 else '减少'}{lw._value(str(abs(change)))}万元"
        assert said in text, cells
        assert prior == amount - change
    assert stated == 10
