"""What a real published document states, a source can state (issue 23) — each class with a source in
tests/sources/partial/ written only from a real published text's words (each quotes its sentences),
rendered with every stated figure at its printed precision, and never a 0.00 or a statement of
absence for what the document leaves unsaid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import shipped

ROOT = Path(__file__).resolve().parent.parent
PARTIAL = ROOT / "tests" / "sources" / "partial"


def rendered(name: str, text: str | None = None, tmp_path: Path | None = None):  # type: ignore[no-untyped-def]
    source = PARTIAL / name
    if text is not None:
        assert tmp_path is not None
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
    prepared = prepare(source)
    return prepared, (document_for(prepared) if not prepared.errors else None)


def table_rows(document, table_id: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    table = next(t for t in document.tables() if t.id == table_id)
    return {row.key: [c.text for c in row.cells] for row in table.body}


# -- class totals without their 基本/项目 split (梧州 2025) -------------------------------------


def test_class_totals_without_their_split_render_with_shares_and_blank_split_cells():
    prepared, document = rendered("wuzhou-unit-2025.yaml")
    assert not prepared.errors
    text = document.plain_text()
    for stated in ("文化旅游体育与传媒支出（207）850,088.30元，占78.33%", "社会保障和就业支出（208）116,433.12元，占10.73%",
                   "卫生健康支出（210）43,897.73元，占4.05%", "住房保障支出（221）74,784.48元，占6.89%",
                   "基本支出1,037,103.63元，占95.57%", "项目支出48,100.00元，占4.43%"):
        assert stated in text, stated
    rows = table_rows(document, "支出总表")
    assert rows["207"] == ["207", "文化旅游体育与传媒支出", "850,088.30", "", ""]  # blank, never 0.00
    assert rows["合计"] == ["合计", "1,085,203.63", "1,037,103.63", "48,100.00"]  # the stated totals
    assert "文化旅游体育与传媒支出（207）、社会保障和就业支出（208）、卫生健康支出（210）、住房保障支出（221）只有合计" in text
    assert "尾数误差" not in text and not re.search(r"(?<![\d,.])0\.00元", text.split("四、财政拨款收支总体情况")[0])
    warnings = [f for f in prepared.findings if f.rule == "R-基本项目未分列"]
    assert warnings == []  # 基本支出 and 项目支出 are stated as totals: the document is whole


def test_without_the_stated_split_the_total_alone_is_said_and_the_split_is_warned_about(tmp_path):
    text = (PARTIAL / "wuzhou-unit-2025.yaml").read_text(encoding="utf-8")
    text = text.replace("  基本支出: {合计: 1037103.63}\n  项目支出: 48100\n", "")
    text = text.replace("  基本支出: {增减额: -43506.06, 增减率: -4.03}\n  项目支出: {增减额: 0}\n", "")
    prepared, document = rendered("wuzhou-unit-2025.yaml", text, tmp_path)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    plain = document.plain_text()
    assert "梧州市某单位2025年支出预算1,085,203.63元。" in plain
    assert "基本支出0.00" not in plain and "项目支出0.00" not in plain and "无项目支出" not in plain
    assert "一般公共预算基本支出情况" not in plain  # nothing known to say
    assert table_rows(document, "支出总表")["合计"] == ["合计", "1,085,203.63", "", ""]
    warning = next(f for f in prepared.findings if f.rule == "R-基本项目未分列")
    assert warning.severity == "warning" and "207、208、210、221 只给出合计" in warning.message and warning.line


def test_a_stated_split_that_does_not_add_up_to_the_class_totals_is_an_error(tmp_path):
    text = (PARTIAL / "wuzhou-unit-2025.yaml").read_text(encoding="utf-8").replace("项目支出: 48100", "项目支出: 48000")
    prepared, _ = rendered("wuzhou-unit-2025.yaml", text, tmp_path)
    errors = [f for f in prepared.errors if f.rule == "R-基本项目未分列"]
    assert len(errors) == 1 and "与功能分类各行的合计 1,085,203.63元 不一致" in errors[0].message
    text = re.sub(r"基本支出: \{合计: [\d.]+\}", "基本支出: {合计: 1100000}", text).replace("  项目支出: 48000\n", "")
    prepared, _ = rendered("wuzhou-unit-2025.yaml", text, tmp_path)
    assert any("基本支出 1,100,000.00元 大于功能分类各行的合计" in f.message for f in prepared.errors)


# -- a change stated without last year's amount (梧州 2025) ------------------------------------


def test_a_change_stated_alone_gives_last_years_figure_and_is_phrased_from_it():
    prepared, document = rendered("wuzhou-unit-2025.yaml")
    text = document.plain_text()
    assert "基本支出1,037,103.63元，比2024年减少43,506.06元，下降4.03%。" in text  # “同比减少 43506.06 元，下降 4.03 %”
    assert "项目支出48,100.00元，与2024年持平。" in text  # “同比无增减变化”
    assert "卫生健康支出（210）43,897.73元，占4.05%，比2024年减少6,014.46元，下降12.05%" in text
    assert "住房保障支出（221）74,784.48元，占6.89%，比2024年增加62.16元，增长0.08%" in text
    general = table_rows(document, "一般公共预算支出表")
    assert general["210"][5:7] == ["49,912.19", "-6,014.46"]  # 上年预算数 = 本年 − 增减额, and the 增减


def test_a_stated_rate_that_does_not_follow_from_the_stated_change_is_an_error(tmp_path):
    """梧州 2025 printed “同比增加 16803.36 元，增长 14.43%” for 208: 14.43% is the change over this
    year's amount; over last year's (116433.12 − 16803.36 = 99629.76) it is 16.87%."""
    text = (PARTIAL / "wuzhou-unit-2025.yaml").read_text(encoding="utf-8")
    text = text.replace("208: {增减额: 16803.36}", "208: {增减额: 16803.36, 增减率: 14.43}")
    prepared, _ = rendered("wuzhou-unit-2025.yaml", text, tmp_path)
    error = next(f for f in prepared.errors if f.rule == "R-增减")
    assert "填报增减率 14.43%，按上年 99,629.76元、本年 116,433.12元 计算应为 16.87%" in error.message
    assert error.path == "上年.功能分类.208" and error.line


def test_a_rate_alone_or_a_change_without_this_years_figure_is_refused(tmp_path):
    text = (PARTIAL / "wuzhou-unit-2025.yaml").read_text(encoding="utf-8")
    alone = text.replace("208: {增减额: 16803.36}", "208: {增减率: 16.87}")
    prepared, _ = rendered("wuzhou-unit-2025.yaml", alone, tmp_path)
    assert any("缺少必填字段“增减额”" in f.message and f.path == "上年.功能分类.208.增减额" for f in prepared.errors)
    negative = text.replace("  项目支出: {增减额: 0}\n", "  项目支出: {增减额: 0}\n  政府性基金: {增减额: 10}\n")
    prepared, _ = rendered("wuzhou-unit-2025.yaml", negative, tmp_path)
    assert any("增减额 10.00元 大于本年的 0.00元：推出的上年数为负" in f.message for f in prepared.errors)
    orphan = text.replace("  项目支出: 48100\n", "")
    prepared, _ = rendered("wuzhou-unit-2025.yaml", orphan, tmp_path)
    assert any(f.path == "上年.项目支出" and "本年没有这个数" in f.message for f in prepared.errors)


# -- 故宫博物院 2023: reserves drawn on, function rows of one fund and one class listed in part,
# -- changes against last year's 执行数, 公务用车 as one figure, a central department -------------


def test_reserves_drawn_on_are_income_beside_the_carry_over_in_text_and_tables():
    prepared, document = rendered("gugong-2023.yaml")
    assert not prepared.errors, [f.format() for f in prepared.errors]
    text = document.plain_text()
    assert "故宫博物院2023年收入预算128,023.79万元；支出预算128,023.79万元。" in text
    assert "上年结转19,535.40万元。使用非财政拨款结余3,873.82万元。" in text
    finance = table_rows(document, "收支总表")
    assert finance["使用非财政拨款结余"][:2] == ["使用非财政拨款结余", "3,873.82"]
    assert finance["收入总计"][1] == "128,023.79"
    income = next(t for t in document.tables() if t.id == "收入总表")
    assert [c.text for c in income.header[0].cells][-1] == "使用非财政拨款结余"
    assert [c.text for c in income.body[0].cells][-2:] == ["19,535.40", "3,873.82"]


def test_function_rows_of_one_fund_leave_the_all_money_table_to_its_total_and_a_note():
    _, document = rendered("gugong-2023.yaml")
    expenditure = table_rows(document, "支出总表")
    assert list(expenditure) == ["合计"] and expenditure["合计"][1:] == ["128,023.79", "61,537.46", "66,486.33"]
    text = document.plain_text()
    assert "注：功能分类只公开了一般公共预算支出（见一般公共预算支出表），其他资金的支出未按功能分类列出。" in text
    assert "按支出功能分类：文化旅游体育与传媒支出（207）62,722.85万元，占92.89%；社会保障和就业支出（208）4,801.65万元，占7.11%。" in text
    finance = table_rows(document, "收支总表")
    assert finance["一般公共预算拨款|基本支出"][2:] == ["基本支出", "61,537.46"]  # not the 一般公共预算 classes


def test_a_class_listed_in_part_keeps_its_total_and_lists_only_what_is_given():
    """“文物保护（项）2023 年预算数为 8058.00 万元” is one 项 of 207's 62722.85: the rest is not listed,
    not taken for the whole class, and not a 0.00 row."""
    _, document = rendered("gugong-2023.yaml")
    general = table_rows(document, "一般公共预算支出表")
    assert general["207"][2] == "62,722.85" and general["20702"][2] == "8,058.00"
    assert general["2070204"][2:] == ["8,058.00", "", "", "506.00", "7,552.00", "1492.49%"]  # 执行数 = 8058 − 7552
    assert "其他" not in "".join(general) and "尾数误差" not in document.plain_text()


def test_a_class_listed_in_part_is_refused_without_its_total_or_when_its_items_exceed_it(tmp_path):
    text = (PARTIAL / "gugong-2023.yaml").read_text(encoding="utf-8")
    prepared, _ = rendered("gugong-2023.yaml", text.replace("{科目: 207, 合计: 62722.85, 未列全: true}",
                                                            "{科目: 207, 合计: 8000, 未列全: true}"), tmp_path)
    assert any(f.rule == "R-未列全" and "合计 8000万元，小于其下列出的各行之和 8058万元" in f.message for f in prepared.errors)
    prepared, _ = rendered("gugong-2023.yaml", text.replace("{科目: 208, 合计: 4801.65}",
                                                            "{科目: 208, 合计: 4801.65, 未列全: true}"), tmp_path)
    assert any(f.rule == "R-未列全" and "208 下没有更细的行" in f.message for f in prepared.errors)
    whole = text.replace("{科目: 207, 合计: 62722.85, 未列全: true}", "{科目: 207, 合计: 62722.85}")
    prepared, _ = rendered("gugong-2023.yaml", whole, tmp_path)  # without the flag the items are all of it
    assert any(f.rule == "R-填报合计" and "62,722.85万元" in f.message and "8,058.00万元" in f.message
               for f in prepared.errors)


def test_changes_against_last_years_execution_and_vehicles_as_one_figure():
    _, document = rendered("gugong-2023.yaml")
    text = document.plain_text()
    assert "一般公共预算拨款67,524.50万元，比2022年执行数减少11,006.71万元，下降14.02%" in text
    assert ("其中：因公出国（境）费86.33万元，比2022年预算减少38.79万元，下降31.00%；公务接待费19.05万元，与2022年预算持平；"
            "公务用车购置及运行维护费179.96万元，与2022年预算持平。") in text
    three = table_rows(document, "三公经费支出表")
    assert three["2023年"] == ["2023年", "285.34", "86.33", "19.05", "179.96", "", ""]  # its parts: not published
    assert three["2022年"][1] == "324.13"  # 285.34 + 38.79


def test_a_central_department_is_worded_as_central_in_the_glossary():
    _, document = rendered("gugong-2023.yaml")
    assert "财政拨款收入：指中央财政当年拨付的资金" in document.plain_text()


def test_vehicles_as_one_figure_must_equal_its_parts_where_both_are_given(tmp_path):
    text = (PARTIAL / "gugong-2023.yaml").read_text(encoding="utf-8").replace(
        "  公务用车购置及运行维护费: {本年: 179.96, 增减额: 0}\n",
        "  公务用车购置及运行维护费: {本年: 179.96, 增减额: 0}\n  公务用车购置费: 100\n  公务用车运行维护费: 70\n")
    prepared, _ = rendered("gugong-2023.yaml", text, tmp_path)
    assert any("公务用车购置及运行维护费 179.96万元，与公务用车购置费、公务用车运行维护费之和 170.00万元 不一致" in f.message
               for f in prepared.errors)


def test_a_three_public_part_left_out_beside_a_total_is_unknown_and_warned_about(tmp_path):
    text = (PARTIAL / "gugong-2023.yaml").read_text(encoding="utf-8").replace(
        "  公务接待费: {本年: 19.05, 增减额: 0}\n", "")
    prepared, document = rendered("gugong-2023.yaml", text, tmp_path)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    warning = next(f for f in prepared.findings if f.rule == "R-三公未知")
    assert "没有写公务接待费" in warning.message
    plain = document.plain_text()
    assert "公务接待费" not in plain.split("六、")[1].split("七、")[0]  # neither its amount nor a 0.00
    assert table_rows(document, "三公经费支出表")["2023年"] == ["2023年", "285.34", "86.33", "", "179.96", "", ""]


# -- the year's catalogue, and a 名称 on a 类/款 row ---------------------------------------------


def test_the_built_in_names_follow_the_years_catalogue():
    """20805 is 行政事业单位离退休 in a 2020 budget (洛阳市总工会 2020) and 行政事业单位养老支出 in a
    2022 one (盐田区总工会 2022 表5: “20805 行政事业单位养老支出 109.37”)."""
    _, old = rendered("../../../data/luoyang-zgh-2020.yaml")
    _, new = rendered("../../../data/shenzhen-yantian-zgh-2022.yaml")
    assert table_rows(old, "一般公共预算支出表")["20805"][1] == "行政事业单位离退休"
    assert table_rows(new, "一般公共预算支出表")["20805"][1] == "行政事业单位养老支出"


def test_a_name_written_on_a_class_row_is_checked_like_one_on_an_item_row(tmp_path):
    text = (ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8").replace(
        "    - {科目: 2080501, 基本支出: 80.19}",
        "    - {科目: 20805, 名称: 行政事业单位离休退休, 合计: 109.37}\n    - {科目: 2080501, 基本支出: 80.19}")
    prepared, _ = rendered("yantian.yaml", text, tmp_path)
    warning = next(f for f in prepared.findings if f.rule == "R-科目名称")
    assert "科目 20805 填写的名称“行政事业单位离休退休”与科目表不一致，2022 年科目表为“行政事业单位养老支出”" in warning.message
    assert warning.line


def test_a_name_mistyped_beside_a_code_printed_over_another_items_name_is_told_on_its_own(tmp_path):
    """长春市信访局 2026 表: 30208 printed over 物业管理费 (30209's name: the codes slipped) and 30213 over
    “维护（护）费” (维修（护）费 mistyped: no code's name) — two slips, told apart (fresh1 S5, S6), not as one
    numbering shifted."""
    text = (ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8").replace(
        "      - {科目: 30207, 金额: 0.27}", "      - {科目: 30207, 名称: 物业管理费, 金额: 0.27}").replace(
        "      - {科目: 30213, 金额: 1}", "      - {科目: 30213, 名称: 维护（护）费, 金额: 1}")
    prepared, _ = rendered("yantian.yaml", text, tmp_path)
    told = [f.message for f in prepared.findings if f.rule == "R-科目名称"]
    assert len(told) == 2, told
    assert "30207 印作“物业管理费”（物业管理费是 30209）" in told[0] and "30213" not in told[0]
    assert "科目 30213 填写的名称“维护（护）费”与科目表不一致，2022 年科目表为“维修（护）费”" in told[1]


# -- only one of 基本支出 and 项目支出 published ----------------------------------------------------


def test_a_source_stating_basic_spending_alone_says_it_and_is_checked_against_its_draft(tmp_path):
    """梧州 2025 as a document that publishes its 基本支出 (“基本支出 1037103.63 元”) and no other
    spending figure: the render says that and no total; check --against reads the draft back."""
    from reportgen.cli import main

    text = (PARTIAL / "wuzhou-unit-2025.yaml").read_text(encoding="utf-8")
    text = text[:text.index("支出:\n  # “支出包括")] + "支出:\n  基本支出: {合计: 1037103.63}\n"
    text = text.replace("不公开: [人员编制,", "不公开: [人员编制, 功能分类明细,")
    prepared, document = rendered("wuzhou-unit-2025.yaml", text, tmp_path)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    plain = document.plain_text()
    assert "梧州市某单位2025年基本支出预算1,037,103.63元。" in plain and "年支出预算1,085,203.63" not in plain
    warning = next(f for f in prepared.findings if f.rule == "R-缺少明细")
    assert warning.severity == "warning" and "只给出了基本支出，没有项目支出" in warning.message
    source = tmp_path / "wuzhou-unit-2025.yaml"
    assert main(["render", str(source), "-o", str(tmp_path / "out"), "--format", "docx"]) == 0
    assert main(["check", str(source), "--against", str(tmp_path / "out" / "wuzhou-unit-2025.docx")]) == 0


# -- 项目支出 by economic class (梧州 2024) -----------------------------------------------------------


def test_project_spending_by_economic_class_is_said_with_its_shares_and_changes():
    prepared, document = rendered("wuzhou-unit-2024.yaml")
    assert not prepared.errors, [f.format() for f in prepared.errors]
    text = document.plain_text()
    assert ("按经济分类：工资福利支出12,000.00元，占2.56%，比2023年增加12,000.00元（上年无该项预算，增长率无可比性）；"
            "商品和服务支出426,000.00元，占90.73%，比2023年增加36,600.00元，增长9.40%；"
            "资本性支出31,500.00元，占6.71%，比2023年增加21,500.00元，增长215.00%。") in text
    assert "项目支出469,500.00元，占15.94%，比2023年增加70,100.00元，增长17.55%。" in text  # its “19.62%” is a slip
    # the comparisons of the text's 一般公共预算 section, kept apart from the all-money ones (none stated)
    assert "2024年一般公共预算基本支出2,476,260.58元，比2023年减少4,966.66元，下降0.20%" in text
    assert "项目支出469,500.00元，比2023年" not in text.split("四、")[0]
    assert "人员经费2,128,270.50元" in text  # 301 + 303 and the part of 302 the text counts as 人员经费
    assert "工资福利支出2,016,908.34元，占68.47%，比2023年增加33,279.22元，增长1.68%" in text


def test_project_classes_must_add_up_to_project_spending_and_list_each_amount_once(tmp_path):
    text = (PARTIAL / "wuzhou-unit-2024.yaml").read_text(encoding="utf-8")
    prepared, _ = rendered("wuzhou-unit-2024.yaml", text.replace("{科目: 310, 金额: 31500,", "{科目: 310, 金额: 30000,"), tmp_path)
    assert any(f.rule == "R-项目支出经济分类" and "各行之和 468,000.00元 与项目支出 469,500.00元 不一致" in f.message
               for f in prepared.errors)
    doubled = text.replace("    - {科目: 310, 金额: 31500, 增减额: 21500, 增减率: 215}\n",
                           "    - {科目: 310, 金额: 21500}\n    - {科目: 31002, 金额: 10000}\n")
    prepared, _ = rendered("wuzhou-unit-2024.yaml", doubled, tmp_path)
    assert any("310 重复，或与它的下级科目同时列出" in f.message for f in prepared.errors)
    wrong_rate = text.replace("增减额: 21500, 增减率: 215}", "增减额: 21500, 增减率: 68.25}")
    prepared, _ = rendered("wuzhou-unit-2024.yaml", wrong_rate, tmp_path)
    assert any(f.rule == "R-增减" and "项目支出中的资本性支出填报增减率 68.25%" in f.message for f in prepared.errors)


# -- income known in part: 收入总计 alone (防城港 2018), 财政拨款收入 in one figure (商务委 2025) ------------


def test_a_total_alone_is_said_and_no_source_is_said_to_be_absent():
    """“2018年收入总预算317.6万元，同比增加8.25万元……其中：一般公共财政预算拨……” (the rest not
    published): the total and its change are said; no “无事业收入”, no “无上年结转”, no 0.00."""
    prepared, document = rendered("fangchenggang-2018.yaml")
    assert not prepared.errors, [f.format() for f in prepared.errors]
    text = document.plain_text()
    assert "防城港市公共资源交易中心2018年收入预算317.60万元，比2017年增加8.25万元，增长2.67%。" in text
    narrative = text[text.index("第二部分"):text.index("第三部分")]
    assert "无" not in narrative and "0.00" not in narrative
    finance = table_rows(document, "收支总表")
    assert finance["收入总计"][1] == "317.60" and finance["事业收入|"][1] == "" and finance["上年结转"][1] == ""
    assert not [t for t in document.tables() if t.id in ("财政拨款收支总表", "一般公共预算支出表", "政府性基金预算支出表")]
    rules = {f.rule for f in prepared.findings}
    assert "R-收入未公开" in rules  # the funds' spending cannot be said: warned


def test_fiscal_income_in_one_figure_leaves_its_kinds_unsaid(tmp_path):
    """商务委 2025 单位预算's text: “收入预算37,151.47万元，其中：财政拨款收入37,151.47万元……；事业收入0万元；
    事业单位经营收入0万元；其他收入0万元。”: 财政拨款收入 as one figure; the function rows give each fund's spending."""
    source = ROOT / "tests" / "sources" / "shanghai-putuo-shangwuwei-unit-2025.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "  一般公共预算拨款: 371514655\n", "  财政拨款收入: 371514655\n  事业收入: 0\n  事业单位经营收入: 0\n  其他收入: 0\n")
    prepared, document = rendered("unit.yaml", text, tmp_path)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    plain = document.plain_text()
    assert "收入预算37,151.47万元" in plain and "财政拨款收入37,151.47万元" in plain
    finance = table_rows(document, "收支总表-财务收支")
    first = next(cells for key, cells in finance.items() if key.startswith("1. 一般公共预算|"))
    assert first[1] == ""  # the kind is not published: blank, never 371,514,655.00 taken for it nor 0
    general = table_rows(document, "一般公共预算支出表-类款项")
    assert general["合计"][1] == "371,514,655"  # from the function rows (上海: whole 元)


def test_stated_income_totals_are_checked_against_what_is_written(tmp_path):
    text = (PARTIAL / "fangchenggang-2018.yaml").read_text(encoding="utf-8")
    prepared, _ = rendered("f.yaml", text.replace("  收入总计: 317.6\n", "  收入总计: 317.6\n  事业收入: 400\n"), tmp_path)
    assert any(f.rule == "R-收入未公开" and "收入总计 317.60万元 小于写出的各项之和 400.00万元" in f.message for f in prepared.errors)
    whole = text.replace("  其余未公开: true\n", "  一般公共预算拨款: 300\n")
    prepared, _ = rendered("f.yaml", whole, tmp_path)
    assert any("收入总计 317.60万元 与各项收入、上年结转与使用结余之和 300.00万元 不一致" in f.message for f in prepared.errors)
    fiscal = text.replace("  收入总计: 317.6\n", "  收入总计: 317.6\n  财政拨款收入: 100\n  一般公共预算拨款: 120\n")
    prepared, _ = rendered("f.yaml", fiscal, tmp_path)
    assert any("财政拨款收入 100.00万元 小于写出的各项之和 120.00万元" in f.message for f in prepared.errors)


def test_a_spending_total_alone_is_said_and_checked_against_finer_figures(tmp_path):
    """梧州 2025 as a document that publishes 支出总预算 1085203.63 元 and no split of it."""
    text = (PARTIAL / "wuzhou-unit-2025.yaml").read_text(encoding="utf-8")
    text = text[:text.index("支出:\n  # “支出包括")] + "支出:\n  合计: 1085203.63\n"
    text = text.replace("不公开: [人员编制,", "不公开: [人员编制, 功能分类明细,")
    prepared, document = rendered("w.yaml", text, tmp_path)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    plain = document.plain_text()
    assert "梧州市某单位2025年收入预算1,085,203.63元；支出预算1,085,203.63元。" in plain
    assert "梧州市某单位2025年支出预算1,085,203.63元。" in plain and "基本支出0.00" not in plain
    prepared, _ = rendered("w.yaml", text + "  基本支出: {合计: 1000000}\n  项目支出: 48100\n", tmp_path)
    assert any(f.rule == "R-支出合计" and "与基本支出与项目支出之和 1,048,100.00元 不一致" in f.message for f in prepared.errors)


# -- a note of changes and “三公” alone (临沧 2018) ----------------------------------------------------


def test_a_note_of_changes_and_three_public_says_what_it_states_and_nothing_else():
    prepared, document = rendered("lincang-2018.yaml")
    assert prepared.findings == [], [f.format() for f in prepared.findings]
    text = document.plain_text()
    assert text.startswith("临沧市某单位2018年部门预算有关情况说明\n")
    assert "2018年基本支出预算比2017年增加17.10万元，增长17.18%。主要原因：职工职称变动，在职人员工资增加。" in text
    assert "2018年项目支出预算比2017年减少5.00万元，下降100.00%。主要原因：市级没有安排预算。" in text
    assert "“三公”经费预算2.70万元，比2017年减少0.06万元，下降2.17%。" in text  # the text's “0.02%” is a slip
    assert "公务用车购置及运行维护费1.50万元" in text
    assert "待补充" not in text and "收入" not in text and not document.tables()


def test_a_note_refuses_what_it_would_not_print(tmp_path):
    text = (PARTIAL / "lincang-2018.yaml").read_text(encoding="utf-8")
    prepared, _ = rendered("n.yaml", text + "政府采购: {货物: 1}\n", tmp_path)
    assert any("有关情况说明" in f.message and "“政府采购”不会印出" in f.message for f in prepared.errors)
    prepared, _ = rendered("n.yaml", text.replace("  项目支出: {增减额: -5, 增减率: -100}", "  项目支出: 5"), tmp_path)
    assert any("项目支出不会印出" in f.message for f in prepared.errors)


SHIPPED_LAYOUTS = tuple(name for name, _ in shipped())  # every shipped layout, the default first


@pytest.mark.parametrize("layout", SHIPPED_LAYOUTS)
@pytest.mark.parametrize("name", sorted(p.name for p in PARTIAL.glob("*.yaml")))
def test_every_partial_source_renders_whole_in_every_layout(name, layout):
    """What a source leaves unsaid is left out in every locality's structure: no 待补充 part, no error."""
    from reportgen.runners.render import missing_findings

    prepared = prepare(PARTIAL / name)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    document = document_for(prepared, layout=layout)
    assert not missing_findings(prepared.budget, document), [f.format() for f in missing_findings(prepared.budget, document)]
    assert "待补充" not in document.plain_text()


# -- economic 款 compared with the prior year (a 四川 school, 2023) -------------------------------------


def test_economic_lines_are_said_with_their_total_and_each_change():
    prepared, document = rendered("sichuan-school-2023.yaml")
    assert prepared.findings == [], [f.format() for f in prepared.findings]
    text = document.plain_text()
    assert "某学校2023年会议费、培训费、差旅费财政拨款预算3.00万元，其中：会议费0.00万元；培训费2.00万元；差旅费1.00万元。" in text
    assert "1.会议费0.00万元，与2022年持平。" in text
    assert "2.培训费2.00万元，比2022年增加0.50万元，增长33.33%。主要原因：为了提升教师素质，增加了培训次数和力度。" in text
    assert "3.差旅费1.00万元，比2022年减少1.00万元，下降50.00%。" in text


def test_economic_lines_of_one_fund_are_said_as_that_funds_with_no_comparison_not_given(tmp_path):
    """江苏省政协办公厅 2018 (公开09表, 一般公共预算's): 会议费 and 培训费 imported with 资金 一般公共预算 and no 上年."""
    text = ("部门: 江苏省政协办公厅\n年度: 2018\n金额单位: 万元\n经济分类款预算:\n"
            "  - {科目: 30215, 本年: 884.16, 资金: 一般公共预算}\n  - {科目: 30216, 本年: 97.6, 资金: 一般公共预算}\n")
    prepared, document = rendered("js.yaml", text, tmp_path)
    plain = document.plain_text()
    assert ("江苏省政协办公厅2018年一般公共预算拨款安排的会议费、培训费预算981.76万元，其中：会议费884.16万元；培训费97.60万元。"
            in plain)
    assert "1.会议费884.16万元。" in plain and "财政拨款预算" not in plain


def test_an_economic_lines_stated_rate_is_checked_and_a_class_code_refused(tmp_path):
    text = (PARTIAL / "sichuan-school-2023.yaml").read_text(encoding="utf-8")
    slip = text.replace("{科目: 30216, 本年: 2, 上年: 1.5,", "{科目: 30216, 本年: 2, 上年: 1.5, 增减率: 75,")
    prepared, _ = rendered("s.yaml", slip, tmp_path)  # the text's own “增长75%”
    assert any(f.rule == "R-增减" and "培训费填报增减率 75%" in f.message and "计算应为 33%" in f.message
               for f in prepared.errors)
    prepared, _ = rendered("s.yaml", text.replace("{科目: 30215,", "{科目: 302,"), tmp_path)
    assert any(f.rule == "R-科目层级" and "302 不是" in f.message for f in prepared.errors)


def test_economic_lines_in_a_whole_budget_follow_its_three_public_section(tmp_path):
    text = (ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
    text += "经济分类款预算:\n  - {科目: 30216, 本年: 2, 上年: 1.5}\n"
    for layout in SHIPPED_LAYOUTS:
        prepared, _ = rendered("y.yaml", text, tmp_path)
        plain = document_for(prepared, layout=layout).plain_text()
        assert "培训费2.00万元，比2021年" in plain, layout
