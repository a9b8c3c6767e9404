"""Properties over generated budgets of any shape: every valid budget renders, both formats carry
the same figures, shares of a whole add up to 100% within rounding, and a change's wording has the
sign of the change."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import codes
from reportgen.runners.render import render_source
from tests.readback import docx_tables, docx_text, html_tables, html_text

YEAR = 2022
ITEMS = [e.code for e in codes.all_codes("function", YEAR) if e.level == "项"]
# not the 三公 items (30212, 30217, 30231): R-三公经费 rightly refuses them above a 三公 section that may be absent
ECONOMIC = [e.code for e in codes.all_codes("economic", YEAR)
            if e.level == "款" and e.code[:3] in ("301", "302", "303") and e.code not in ("30212", "30217", "30231")]
FUNDS = {"一般公共预算": "一般公共预算拨款", "政府性基金": "政府性基金预算拨款", "单位资金": "其他收入"}
NAMES = ["测试局", "<script>alert(1)</script>局", "{{ 7*7 }}中心", "{% if x %}所{% endif %}", "A&B “引号”委员会"]

cents = st.integers(min_value=0, max_value=50_000_000)  # up to 500,000.00 in the source unit


def money(value: int) -> str:
    return str(Decimal(value).scaleb(-2))


def split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    """``parts`` non-negative integers adding up to ``total`` exactly."""
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


@st.composite
def budgets(draw: st.DrawFn) -> dict:
    rows = []
    for code in draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=12, unique=True)):
        fund = draw(st.sampled_from(list(FUNDS)))
        row = {"科目": int(code), "资金": fund}
        basic, project = draw(cents), draw(cents)
        if basic:
            row["基本支出"] = money(basic)
        if project:
            row["项目支出"] = money(project)
        rows.append((row, fund, basic, project))
    income = {source: 0 for source in FUNDS.values()}
    for _, fund, basic, project in rows:
        income[FUNDS[fund]] += basic + project
    spending: dict = {"功能分类": [r for r, *_ in rows]}
    general_basic = sum(b for _, fund, b, _ in rows if fund == "一般公共预算")
    if draw(st.booleans()) and general_basic:
        chosen = draw(st.lists(st.sampled_from(ECONOMIC), min_size=1, max_size=6, unique=True))
        spending["基本支出"] = {"经济分类": [{"科目": int(c), "金额": money(a)}
                                        for c, a in zip(chosen, split(draw, general_basic, len(chosen)), strict=True)]}
    project_total = sum(p for *_, p in rows)
    if draw(st.booleans()) and project_total:
        count = draw(st.integers(1, 5))
        spending["项目"] = [
            {"名称": f"第{i + 1}号项目", "金额": money(a), "上年": money(draw(cents))}
            for i, a in enumerate(split(draw, project_total, count))
        ]
    three = {name: {"本年": money(draw(st.integers(0, 100_000))), "上年": money(draw(st.integers(0, 100_000)))}
             for name in ("因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行维护费")}
    grand = sum(income.values())
    source = {
        "部门": draw(st.sampled_from(NAMES)),
        "年度": YEAR,
        "金额单位": draw(st.sampled_from(["元", "万元"])),
        "展示": {"金额单位": draw(st.sampled_from(["元", "万元"])), "千分位": draw(st.booleans())},
        "部门概况": {"职责": ["依法履行职责"]},
        "上年": {"收支总计": money(draw(st.integers(0, grand * 2 + 1)))},
        "变动原因": {"收支总计": "业务调整"},
        "收入": {k: money(v) for k, v in income.items() if v},
        "支出": spending,
    }
    # Each part the disclosure needs is given or declared 不公开 (never silently absent: that
    # stops a normal render, see test_honesty.py).
    hidden = []
    for part, key, value in (("三公经费", "三公经费", three),
                             ("人员编制", None, {"行政编制": draw(st.integers(0, 50))}),
                             ("机关运行经费", "机关运行经费", {"本年": 0}),  # ≤ 公用经费, which may be 0
                             ("政府采购", "政府采购", {"货物": 0, "工程": 0, "服务": 0}),
                             ("国有资产", "国有资产", {"车辆": draw(st.integers(0, 5))}),
                             ("绩效管理", "绩效管理", {"项目数": draw(st.integers(0, 9))})):
        if draw(st.booleans()):
            if key is None:
                source["部门概况"]["人员"] = value
            else:
                source[key] = value
        else:
            hidden.append(part)
    if "基本支出" not in spending:
        hidden.append("经济分类明细")
    if hidden:
        source["不公开"] = hidden
    return source


def write(tmp: Path, source: dict) -> Path:
    path = tmp / "generated.yaml"
    path.write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def figures(tables: list[list[list[str]]]) -> list[str]:
    return sorted(c for t in tables for row in t for c in row if re.fullmatch(r"-?[\d,]+\.\d\d", c))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(source=budgets())
def test_every_valid_budget_renders_the_same_in_both_formats(tmp_path_factory, source):
    tmp = tmp_path_factory.mktemp("prop")
    path = write(tmp, source)
    result = render_source(path, tmp / "out")
    errors = [f.format() for f in result.findings if f.severity == "error"]
    assert not errors and result.outputs, errors
    docx_path, html_path = tmp / "out" / "generated.docx", tmp / "out" / "generated.html"

    hidden_tables = len({"三公经费", "经济分类明细"} & set(source.get("不公开", [])))
    assert len(docx.Document(str(docx_path)).tables) >= 9 - hidden_tables  # reopens
    text_html, text_docx = html_text(html_path), docx_text(docx_path)
    assert figures(html_tables(html_path)) == figures(docx_tables(docx_path))
    assert source["部门"] in text_html and source["部门"] in text_docx  # literal, never evaluated
    for text in (text_html, text_docx):
        assert "-0.00" not in text and "nan" not in text.lower() and "inf%" not in text

    # shares of a whole add up to 100% within rounding
    line = next((x for x in text_html.splitlines() if x.startswith("按支出功能分类：")), None)
    if line and "占" in line:  # no shares are stated of a zero total
        shares = [Decimal(s) for s in re.findall(r"占([\d.]+)%", line)]
        assert abs(sum(shares) - 100) <= Decimal("0.005") * len(shares) + Decimal("0.0001")
    both = re.search(r"基本支出[\d,.]+(?:万元|元)，占([\d.]+)%；项目支出[\d,.]+(?:万元|元)，占([\d.]+)%", text_html)
    if both:
        assert abs(Decimal(both[1]) + Decimal(both[2]) - 100) <= Decimal("0.01")

    # a change's wording has the sign of the change
    for project in source["支出"].get("项目", []):
        current, prior = Decimal(project["金额"]), Decimal(project["上年"])
        sentence = next(x for x in text_html.splitlines() if x.split(".", 1)[-1].startswith(project["名称"]))
        unit_factor = {"元": 1, "万元": 10000}
        shown_diff = (current - prior) * unit_factor[source["金额单位"]] / unit_factor[source["展示"]["金额单位"]]
        if abs(shown_diff) < Decimal("0.005"):
            assert "持平" in sentence
        elif prior == 0:
            assert "新增项目" in sentence
        elif current > prior:
            assert "增加" in sentence and "增长" in sentence and "减少" not in sentence
        else:
            assert "减少" in sentence and "下降" in sentence and "增加" not in sentence
