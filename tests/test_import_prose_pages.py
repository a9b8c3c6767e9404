"""`reportgen import` of prose-only pages (issue 51, part 5): a published page whose tables are not text
gives every figure its prose states into the partial-knowledge fields or lists it as 未写入; a part the
page publishes is never 不公开; the page's markup (server includes, scripts, styles) never reaches the
source; `render --draft` renders what the import wrote, and never states an absence the page does not.
Fixtures: tests/fixtures/prose/ (重庆 渡舟街道 2026, a real page's text) and the real 山海关区工会 2020 text
set in a page (see the fixtures' README)."""

from __future__ import annotations

import contextlib
import html
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.readers.published import read_draft
from reportgen.reading.yamlsafe import load_yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "prose"
DUZHOU = FIXTURES / "duzhou-2026.html"
SHANHAIGUAN = ROOT / "tests" / "seeds" / "qinhuangdao-shanhaiguan-gh-2020.txt"


def _run(args: list[str]) -> tuple[int, str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        code = main(args)
    return code, buffer.getvalue()


def _shanhaiguan_page(folder: Path) -> Path:
    """The 山海关 text set in a portal's page: its footer include right after its 名词解释."""
    lines = [line.strip() for line in SHANHAIGUAN.read_text(encoding="utf-8").splitlines()]
    end = lines.index("九、其他需要说明的事项")  # the page's article ends with its 名词解释
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines[:end] if line)
    page = folder / "shanhaiguan.html"
    page.write_text('<%@ page contentType="text/html; charset=utf-8" %>\n<!DOCTYPE html><html><head>'
                    '<meta charset="utf-8"><title>山海关区工会部门2020年部门预算公开说明</title>'
                    '<style>.c{color:red}</style><script>var a = "2020年预算收入为99万元";</script></head>\n'
                    f'<body><%@ include file="/include/top.jsp" %>\n<div>{paragraphs}</div>\n'
                    '<%@ include file="/include/footer.jsp" %>\n</body></html>', encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def duzhou(tmp_path_factory) -> tuple[int, str, Path]:
    out = tmp_path_factory.mktemp("duzhou") / "duzhou.yaml"
    code, printed = _run(["import", str(DUZHOU), "-o", str(out)])
    return code, printed, out


@pytest.fixture(scope="module")
def shanhaiguan(tmp_path_factory) -> tuple[int, str, Path]:
    folder = tmp_path_factory.mktemp("shanhaiguan")
    out = folder / "shanhaiguan.yaml"
    code, printed = _run(["import", str(_shanhaiguan_page(folder)), "-o", str(out)])
    return code, printed, out


def _amount(node: object) -> Decimal:
    return Decimal(str(node))


def test_every_figure_of_the_budget_paragraphs_is_written_or_listed(duzhou):
    code, printed, out = duzhou
    source = load_yaml(out)
    # “(一)收入预算:2026年年初预算数2082.58万元” and “(二)支出预算:2026年年初预算数2082.58万元”: named by their heading
    assert _amount(source["收入"]["收入总计"]) == _amount(source["支出"]["合计"]) == Decimal("2082.58")
    assert _amount(source["收入"]["一般公共预算拨款"]) == Decimal("2082.58")
    assert all(source["收入"][k] == 0 for k in ("政府性基金预算拨款", "国有资本经营预算拨款", "事业收入", "事业单位经营收入", "其他收入"))
    # the seven 功能分类 类 it names, each its 合计 only (the page does not split them into 基本/项目)
    rows = {str(row["科目"]): _amount(row["合计"]) for row in source["支出"]["功能分类"]}
    assert rows == {"201": Decimal("906.63"), "205": Decimal("4.63"), "208": Decimal("301.05"), "210": Decimal("53.42"),
                    "211": Decimal("31.82"), "213": Decimal("718.5"), "221": Decimal("66.54")}
    assert "功能分类明细" not in source["不公开"]
    # “收入较去年减少133.66万元”: last year's total as the change states it
    assert _amount(source["上年"]["收支总计"]["增减额"]) == Decimal("-133.66")
    # the three figures no field takes (changes of figures the page does not state this year) are told, by paragraph
    told = [line for line in printed.splitlines() if "[导入-未写入]" in line]
    assert all(re.search(r"第\d+段：", line) for line in told)
    told = [line for line in told if "万元" in line]  # (its 机构设置 sentence, without a figure, is listed too)
    assert len(told) == 3
    assert any("146.75万元" in line and "支出.基本支出.合计" in line for line in told)
    assert "正文写明 20 个金额，写入 17 个" in printed


def test_the_pages_markup_never_reaches_the_source(duzhou, shanhaiguan):
    for _code, _printed, out in (duzhou, shanhaiguan):
        text = out.read_text(encoding="utf-8")
        assert "<%" not in text and "include" not in text and "9999.99" not in text and "ArticleTitle" not in text
    terms = load_yaml(shanhaiguan[2])["名词解释"]
    last = next(t for t in reversed(terms) if "解释" in t)
    assert last["术语"] == "机关运行费" and last["解释"].endswith("以及其他费用。")


def test_a_part_the_page_publishes_is_never_withheld(shanhaiguan):
    code, printed, out = shanhaiguan
    source = load_yaml(out)
    # 六、政府采购预算情况 (an empty table), 七、国有资产信息 and the 绩效 parts are printed by the page: not 不公开,
    # but missing (what they state has no field), for check to list and the user to fill
    assert not {"政府采购", "国有资产", "绩效管理"} & set(source["不公开"])
    assert code == 1
    for part in ("政府采购", "国有资产", "绩效管理"):
        assert re.search(rf"错误 \[R-缺少\] .*（字段 {part}）", printed), part
    # what it states there is written: 机关运行经费, and the “三公” 合计 with each part and its 持平
    assert _amount(source["机关运行经费"]["本年"]) == Decimal("2.86")
    three = source["三公经费"]
    assert three["合计"]["本年"] == 0 and all(three[k] == {"本年": 0, "增减额": 0} for k in
                                             ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"))


def test_the_projects_and_changes_the_prose_states_are_written(shanhaiguan):
    source = load_yaml(shanhaiguan[2])
    projects = {p["名称"]: (_amount(p["金额"]), _amount(p["增减额"])) for p in source["支出"]["项目"]}
    assert projects == {"劳动模范荣誉津贴": (Decimal("1.44"), Decimal("-0.32")),
                        "市级以上劳动模范进行健康体检": (Decimal("3.78"), Decimal("0.06")),
                        "困难职工帮扶资金": (Decimal("4.98"), Decimal("0.38"))}
    prior = source["上年"]
    assert (_amount(prior["收支总计"]["增减额"]), _amount(prior["基本支出"]["增减额"]),
            _amount(prior["项目支出"]["增减额"])) == (Decimal("4.39"), Decimal("4.27"), Decimal("0.12"))


def test_the_duties_under_a_heading_closed_by_a_stop_are_read(duzhou):
    """“(一)主要职能。” and “(二)单位构成。”: headings closed by a full stop open and end the duties (湖州市财政局 2026
    prints its parts so too: “1.机关运行经费。”); each numbered duty is read from its own paragraph, none past them."""
    duties = load_yaml(duzhou[2])["部门概况"]["职责"]
    assert len(duties) == 7 and duties[0] == "履行街道办事处的党建工作职责;"
    assert duties[-1] == "承办区委、区政府交办的其他有关事项。"  # not the 单位构成 after it


def test_draft_renders_what_the_import_wrote(duzhou, tmp_path):
    _code, _printed, imported = duzhou
    # the duties left 待填写, as an import that read none writes them
    out = tmp_path / "duzhou.yaml"
    text = imported.read_text(encoding="utf-8")
    out.write_text(re.sub(r"(职责:\n)(?:    - .*\n)+", r"\1    - 待填写\n", text), encoding="utf-8")
    assert "待填写" in out.read_text(encoding="utf-8")
    refused, said = _run(["render", str(out), "--format", "html", "-o", str(tmp_path / "plain")])
    assert refused == 1 and "待填写" in said and not (tmp_path / "plain").exists()
    drafted, said = _run(["render", str(out), "--draft", "--format", "html", "-o", str(tmp_path / "draft")])
    assert drafted == 0, said
    page = (tmp_path / "draft" / "duzhou.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    assert "部门概况.职责" in text  # the 待填写 listed under the draft's banner, not printed as a duty
    for figure in ("906.63", "4.63", "301.05", "53.42", "31.82", "718.50", "66.54", "2,082.58", "133.66"):
        assert figure in text, figure
    # the page says nothing of “三公” (its excerpt ends before): no absence is stated
    body = text[text.index("第一部分"):]
    assert "未安排" not in body and "无“三公”" not in body


def test_the_published_total_within_its_rounding_is_printed_as_printed(duzhou, tmp_path):
    """The page states 2,082.58万元 beside seven 类 of 0.01万元 each summing to 2,082.59: within half a
    printed 0.01 per part (尾数), so the total is kept and printed as printed, and no error is raised."""
    out = duzhou[2]
    assert _amount(load_yaml(out)["支出"]["合计"]) == Decimal("2082.58")  # as printed, beside 类 summing to 2,082.59
    drafted, said = _run(["render", str(out), "--draft", "--format", "html", "-o", str(tmp_path)])
    assert drafted == 0 and "R-支出合计" not in said
    assert "2,082.58万元" in next(tmp_path.glob("*.html")).read_text(encoding="utf-8")


def test_server_code_is_cut_from_a_page_and_an_unclosed_mark_kept(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<%@ page contentType="text/html" %><html><body><p>甲<%= title %>乙</p>'
                    '<?php echo "丙"; ?><p>增长 <% 5</p></body></html>', encoding="utf-8")
    assert [line.text for line in read_draft(page)] == ["甲乙", "增长 <% 5"]


def test_a_figure_the_page_states_twice_differently_is_reported_with_both_places(tmp_path):
    """渡舟街道's page with a second 收入预算 after its 支出预算 (“调整后，…”): the conflict is an import
    difference naming both paragraphs and both figures, never the first kept unsaid."""
    page = DUZHOU.read_text(encoding="utf-8")
    spending = page.index("(二)支出预算:2026年年初预算数2082.58万元")
    at = page.index("</p>", spending) + len("</p>")  # after 支出预算's paragraph
    changed = tmp_path / "渡舟.html"
    changed.write_text(page[:at] + "<p>调整后，2026年收入预算2,345.67万元。</p>" + page[at:], encoding="utf-8")
    out = tmp_path / "渡舟.yaml"
    code, printed = _run(["import", str(changed), "-o", str(out)])
    conflict = next(line for line in printed.splitlines() if "[导入-不一致]" in line)
    assert re.search(r"正文两处写了收入\.收入总计，数字不同：第(\d+)段“收入预算”2082\.58万元（.*）；"
                     r"第(\d+)段“2026年收入预算”2345\.67万元（调整后，2026年收入预算2,345\.67万元。）", conflict), conflict
    assert code == 1  # a difference: the user is told to look
    assert f"不一致：{conflict.split('[导入-不一致] ')[1]}" in out.read_text(encoding="utf-8")  # and the source's header says it
