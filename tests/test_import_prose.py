"""`reportgen import` of a document without budget tables (issue 37, part 6): 山海关区工会's 2020
disclosure (tests/seeds/qinhuangdao-shanhaiguan-gh-2020.txt), published as prose with its detail
unpublished. Each figure its text states is written, placed by its line and sentence, and equals the
hand-encoded source's (data/qinhuangdao-shanhaiguan-gh-2020.yaml); nothing it does not state is written,
none as 0; check finds nothing wrong but the parts the text prints a heading of and states no figure of
(政府采购's empty table, 国有资产, 绩效): missing, never 不公开 (issue 51); the same text as a web page
without tables imports the same."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.reading.yamlsafe import load_yaml

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "tests" / "seeds" / "qinhuangdao-shanhaiguan-gh-2020.txt"
HAND = ROOT / "data" / "qinhuangdao-shanhaiguan-gh-2020.yaml"


def _import(capsys, path: Path, out: Path) -> tuple[int, str]:
    code = main(["import", str(path), "-o", str(out)])
    told = capsys.readouterr()
    return code, told.out + told.err


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[int, str, Path]:
    import contextlib
    import io

    out = tmp_path_factory.mktemp("prose") / "shanhaiguan.yaml"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        code = main(["import", str(TEXT), "-o", str(out)])
    return code, buffer.getvalue(), out


def _get(data: dict, path: str) -> object:
    node: object = data
    for key in path.split("."):
        node = node[key]  # type: ignore[index]
    return node


def test_every_figure_the_prose_states_is_written_as_the_hand_source_has_it(imported):
    code, printed, out = imported
    assert code == 1, printed  # the published parts left to fill (test_each_figure_names_its_line…)
    source, hand = load_yaml(out), load_yaml(HAND)
    assert source["部门"] == hand["部门"] and source["年度"] == 2020 and source["金额单位"] == "万元"
    for path in ("收入.一般公共预算拨款", "支出.基本支出.人员经费", "支出.基本支出.公用经费", "机关运行经费.本年",
                 "三公经费.因公出国（境）费.本年", "三公经费.公务接待费.本年", "三公经费.公务用车购置费.本年",
                 "三公经费.公务用车运行维护费.本年"):
        assert Decimal(str(_get(source, path))) == Decimal(str(_get(hand, path))), path
    # the totals the text states, which the hand source leaves to be computed from its parts
    projects = sum(Decimal(str(p["金额"])) for p in hand["支出"]["项目"])
    assert Decimal(str(source["支出"]["项目支出"])) == projects == Decimal("10.20")
    assert Decimal(str(source["支出"]["基本支出"]["合计"])) == Decimal("33.24")
    assert Decimal(str(source["收入"]["收入总计"])) == Decimal(str(source["支出"]["合计"])) == Decimal("43.44")
    # stated as 0 (“基金预算收入0万元”): 0; never stated (国有资本经营, 事业收入): not written, 其余未公开
    assert source["收入"]["政府性基金预算拨款"] == 0 and "国有资本经营预算拨款" not in source["收入"]
    assert source["收入"]["其余未公开"] is True
    assert set(source["不公开"]) >= {"功能分类明细", "经济分类明细", "人员编制"}


def test_each_figure_names_its_line_and_sentence_and_check_passes(imported):
    code, printed, out = imported
    text = out.read_text(encoding="utf-8")
    assert "一般公共预算拨款: 43.44   # 第33段“一般公共预算收入”：2020年预算收入为43.44万元" in text
    assert "没有认出预算表：只写入了正文写明的数字" in printed
    errors = [line for line in printed.splitlines() if "错误 [" in line]
    assert [re.search(r"（字段 (.+)）$", line).group(1) for line in errors] == ["政府采购", "国有资产", "绩效管理"]  # type: ignore[union-attr]
    assert all("[R-缺少]" in line for line in errors)


def test_the_same_text_as_a_page_without_tables_imports_the_same(imported, tmp_path, capsys):
    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in TEXT.read_text(encoding="utf-8").splitlines())
    page.write_text(f"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>公开</title></head>"
                    f"<body>{paragraphs}</body></html>", encoding="utf-8")
    code, printed = _import(capsys, page, tmp_path / "page.yaml")
    assert code == imported[0], printed
    mine, theirs = load_yaml(tmp_path / "page.yaml"), load_yaml(imported[2])
    assert mine["收入"] == theirs["收入"] and mine["支出"] == theirs["支出"] and mine["三公经费"] == theirs["三公经费"]
