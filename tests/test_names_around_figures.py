"""A function line's name printed over two lines around its figures (issues 79 and 80).

重庆市委宣传部 2026's 收入总表 centres a long name on its row: “国家电影事业发展专项资金安排” above the line of 20707 …
4,036.60 and “的支出” below it, the second line set left of the first (into the codes' column). The page's rows read the
first line as the end of the name above (2070606 “版权管理国家电影事业发展专项资金安排”) and 20707 as “的支出”; the same
with 2070799 and 2080505. 烟台市民政局 2026's 收入总表 sets 21208's two lines so close to its figures that all three are one
printed line, and its cell read them left to right: “排的支出国有土地使用权出让收入安”.

Now a name-only line over a row that prints no name in its column, whose own line holds text below its figures, is that
row's name's first line, and the text below joins it; a cell's words are read line by line (top to bottom, each left to
right). Written from 重庆 and 烟台; the national tables, 北京, 广州, 深圳, 佛山 and the wide and unit tables read as
before (tests/test_import_*tables.py)."""

from __future__ import annotations

import pytest

from reportgen.importing.pipeline import import_files
from tests.clients import require_program
from tests.learned_import import fresh_pdf


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _names(name: str, kind: str) -> dict[str, str]:
    rows = import_files([fresh_pdf(name)], None).imported.rows[kind]
    return {row.code: row.label for row in rows if row.code}


@pytest.mark.slow
def test_chongqing_names_centred_on_their_figures() -> None:
    names = _names("cq-xuanchuanbu-2026-dept-budget.pdf", "收入总表")
    assert names["2070606"] == "版权管理"
    assert names["20707"] == "国家电影事业发展专项资金安排的支出"
    assert names["2070702"] == "资助影院建设"
    assert names["2070799"] == "其他国家电影事业发展专项资金支出"
    assert names["2080501"] == "行政单位离退休"
    assert names["2080505"] == "机关事业单位基本养老保险缴费支出"


@pytest.mark.slow
def test_yantai_a_names_lines_in_one_printed_line() -> None:
    names = _names("sd-yantai-minzhengju-2026-dept-budget.pdf", "收入总表")
    assert names["21208"] == "国有土地使用权出让收入安排的支出"
    assert names["2296002"] == "用于社会福利的彩票公益金支出"
