"""The narrative of a 上海 部门决算 (第一、三、四部分 of the 2024 样张): the two published 普陀 2024 决算, rendered
from data/shanghai-putuo-{shehuigongzuo,guihuaziyuan}-juesuan-2024.yaml, state every figure-carrying clause of
tests/seeds/juesuan/statements.yaml (slips corrected) — but for the few listed in DIFFERENT, each with the reason
the render says otherwise; and, on small sources, the wording rules: a 0 年初预算 is said and never divided, a
决算数 equal to its 预算数 is 持平, a 明细 key not given prints no clause, a reason not given is a 待补充."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.runners.render import check_findings, render_source
from tests.readback import docx_paragraphs, html_tables, html_text, rendered_outputs

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = yaml.safe_load((ROOT / "tests" / "seeds" / "juesuan" / "statements.yaml").read_text(encoding="utf-8"))
DOCUMENTS = {"shehuigongzuo": "中共上海市普陀区委社会工作部", "guihuaziyuan": "上海市普陀区规划和自然资源局"}

# Published clauses the render words otherwise: (document, published) → (what the render says, why).
DIFFERENT: dict[tuple[str, str], tuple[str, str]] = {
    # 尾差: the source's rows, each rounded to 0.01 万元 on its own, add up 0.01 from the total printed; the
    # text says the sum of the rows it itemises (as the tables do), never a total the rows do not make.
    ("shehuigongzuo", "公用经费10.23万元，主要包括：办公费、差旅费、维修（护）费、劳务费、委托业务费、福利费、其他交通费用、"
                      "其他商品和服务支出"):
        ("公用经费10.22万元，主要包括：办公费、差旅费、维修（护）费、劳务费、委托业务费、福利费、其他交通费用、其他商品和服务支出",
         "尾差: 302 的各款之和 10.22"),
    ("guihuaziyuan", "一般公共预算财政拨款支出9746.50万元，占本年支出合计的99.87%"):
        ("一般公共预算财政拨款支出9746.49万元，占本年支出合计的99.87%", "尾差: 一般公共预算各项之和 9746.49"),
    ("guihuaziyuan", "一般公共预算财政拨款支出9746.50万元，主要用于以下方面：社会保障和就业支出（类）754.75万元，占7.74%"):
        ("一般公共预算财政拨款支出9746.49万元，主要用于以下方面：社会保障和就业支出（类）754.75万元，占7.74%", "尾差: 同上"),
    ("guihuaziyuan", "卫生健康支出（类）236.63万元，占2.43%"):
        ("卫生健康支出（类）236.64万元，占2.43%", "尾差: 40.35 + 196.29 = 236.64（表的类行也印 236.64）"),
    ("guihuaziyuan", "城乡社区支出（类）3832.36万元，占39.32%"):
        ("城乡社区支出（类）3832.35万元，占39.32%", "尾差: 1092.79 + 2739.56"),
    ("guihuaziyuan", "一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.46%"):
        ("一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.49万元，完成年初预算的95.46%", "尾差: 9746.49"),
    ("guihuaziyuan", "年初预算为1115.48万元，支出决算为1092.80万元，完成年初预算的97.97%"):
        ("年初预算为1115.48万元，支出决算为1092.79万元，完成年初预算的97.97%", "尾差: 基本 1084.02 + 项目 8.77"),
    ("guihuaziyuan", "其中：人员经费4884.09万元，主要包括：基本工资、津贴补贴、绩效工资、机关事业单位基本养老保险缴费、"
                     "职业年金缴费、职工基本医疗保险缴费、其他社会保障缴费支出、住房公积金、其他工资福利支出、退休费"):
        ("其中：人员经费4884.10万元，主要包括：基本工资、津贴补贴、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、"
         "职工基本医疗保险缴费、其他社会保障缴费支出、住房公积金、其他工资福利支出、退休费", "尾差: 301 + 303 各款之和 4884.10"),
    ("guihuaziyuan", "公用经费480.66万元，主要包括：办公费、手续费、水费、电费、邮电费、物业管理费、差旅费、维修（护）费、"
                     "培训费、公务接待费、劳务费、委托业务费、工会经费、福利费、其他交通费用、其他商品和服务支出、办公设备购置支出"):
        ("公用经费480.64万元，主要包括：办公费、手续费、水费、电费、邮电费、物业管理费、差旅费、维修（护）费、培训费、"
         "公务接待费、劳务费、委托业务费、工会经费、福利费、其他交通费用、其他商品和服务支出、办公设备购置支出",
         "尾差: 302 + 310 各款之和 480.64"),
    ("guihuaziyuan", "上海市普陀区规划和自然资源局2024年度政府采购金额（以合同签订为准）为2319.21万元，其中：货物采购金额"
                     "122.43万元、工程采购金额1387.72万元、服务采购金额809.07万元"):
        ("上海市普陀区规划和自然资源局2024年度政府采购金额（以合同签订为准）为2319.22万元，其中：货物采购金额122.43万元、"
         "工程采购金额1387.72万元、服务采购金额809.07万元", "尾差: 122.43 + 1387.72 + 809.07"),
    # an amount of 0 is printed as every amount is, at two decimals (规划和自然资源局 prints 0.00万元 too)
    ("shehuigongzuo", "中共上海市普陀区委社会工作部2024年度政府采购金额（以合同签订为准）为21.07万元，其中：货物采购金额21.07万元、"
                      "工程采购金额0万元、服务采购金额0万元"):
        ("中共上海市普陀区委社会工作部2024年度政府采购金额（以合同签订为准）为21.07万元，其中：货物采购金额21.07万元、"
         "工程采购金额0.00万元、服务采购金额0.00万元", "0 以两位小数印出"),
    ("shehuigongzuo", "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额0万元"):
        ("在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额0.00万元", "0 以两位小数印出"),
    # 笔误: “XX部门（单位）共有车辆” is the 样张's placeholder; the 社会工作部 writes the department's name alone
    ("guihuaziyuan", "截至2024年12月31日，上海市普陀区规划和自然资源局部门（单位）共有车辆0辆，其中：部级领导干部用车0辆、"
                     "主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、"
                     "离退休干部用车0辆、其他用车0辆"):
        ("截至2024年12月31日，上海市普陀区规划和自然资源局共有车辆0辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、"
         "机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车0辆",
         "样张的“部门（单位）”是填写说明"),
}


def one_line(text: str) -> str:
    return text.replace("\n", "")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, dict[str, Path]]:
    return {name: rendered_outputs(ROOT / STATEMENTS[name]["source"], tmp_path_factory.mktemp(name)) for name in DOCUMENTS}


@pytest.fixture(scope="module")
def texts(rendered) -> dict[str, str]:
    return {name: one_line(html_text(outputs[".html"])) for name, outputs in rendered.items()}


def statements() -> list[tuple[str, str]]:
    return [(name, s) for name in DOCUMENTS for s in STATEMENTS[name]["statements"]]


@pytest.mark.parametrize(("name", "statement"), statements(), ids=[f"{n}-{i}" for i, (n, _) in enumerate(statements())])
def test_the_text_states_each_published_clause(texts, rendered, name, statement):
    expected = DIFFERENT.get((name, statement), (statement, ""))[0]
    assert expected in texts[name]
    assert expected in one_line("".join(docx_paragraphs(rendered[name][".docx"])))


def test_every_listed_difference_is_a_published_clause():
    listed = set(statements())
    assert [key for key in DIFFERENT if key not in listed] == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_structure_of_the_sample(texts, name):
    text, dept = texts[name], DOCUMENTS[name]
    order = [f"{dept}2024年度部门决算", f"{dept}概况", "一、主要职能", "二、部门决算单位构成",
             f"{dept}2024年度部门决算情况说明", "一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明",
             "四、财政拨款收入支出决算总体情况说明", "五、一般公共预算财政拨款支出决算情况说明",
             "（一）一般公共预算财政拨款支出决算总体情况", "（二）一般公共预算财政拨款支出决算结构情况",
             "（三）一般公共预算财政拨款支出决算具体情况", "六、一般公共预算财政拨款基本支出决算情况说明",
             "七、财政拨款“三公”经费支出决算情况说明", "八、政府性基金预算财政拨款收入支出决算情况说明",
             "九、国有资本经营预算财政拨款收入支出决算情况说明", "十、预算绩效管理情况", "十一、其他重要事项的情况说明",
             "（一）机关运行经费支出情况", "（二）政府采购支出情况", "（三）国有资产占有使用情况说明", "名词解释",
             "一、财政拨款收入：", "十一、机关运行经费："]
    at = 0
    for heading in order:
        found = text.find(heading, at)
        assert found >= 0, heading
        at = found + len(heading)
    assert "待补充" not in text and "草稿" not in text


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_units_table(rendered, name):
    dept = DOCUMENTS[name]
    table = next(t for t in html_tables(rendered[name][".html"]) if t and t[0] == ["序号", "单位名称", "备注"])
    assert table[1][:2] == ["1", f"{dept}（本级）"]
    assert len(table) == {"shehuigongzuo": 3, "guihuaziyuan": 6}[name]


def test_the_published_slips_are_not_carried_over(texts):
    assert "完成年初预算的95.89%" not in texts["shehuigongzuo"]  # 年初预算为0: no rate
    assert "主要用于：事业单位医疗保险支出。全年预算为18.12万元" not in texts["shehuigongzuo"]  # 住房公积金's copied 用途
    assert "占9.55%" not in texts["shehuigongzuo"] and "完成年初预算的95.45%" not in texts["guihuaziyuan"]
    assert "规划与自然资源局" not in texts["guihuaziyuan"] and "下降（增长）" not in texts["guihuaziyuan"]
    assert "完成预算的0.00%" not in texts["guihuaziyuan"]  # a 0 预算 is never divided
    assert "增长100.00%" not in texts["shehuigongzuo"]  # 上年为0: no rate


# -- the wording rules on small sources ------------------------------------------------------------------
BASE = """\
种类: 决算
部门: 示例区示例局
年度: 2024
金额单位: 万元
版式: 上海
部门概况:
  职责: [负责示例工作。, 完成区委、区政府交办的其他任务。]
  下属单位: [示例区示例中心]
上年: {年度: 2023, 收支总计: 100.00, 财政拨款: 100.00, 一般公共预算: 100.00}
变动原因: {收支总计: 示例项目增加, 财政拨款: 示例项目增加, 一般公共预算: 示例项目增加}
收入: {一般公共预算拨款: 120.00, 年初结转和结余: 0, 使用非财政拨款结余: 0}
年末结转和结余: 0
结余分配: 0
预算数:
  一般公共预算: {年初预算: 125.00, 差异原因: 项目结余}
支出:
  功能分类:
    - {科目: 2013101, 基本支出: 50.00, 年初预算: 50.00, 用途: 行政单位人员支出、公用支出}
    - {科目: 2013102, 项目支出: 70.00, 年初预算: 75.00, 用途: 示例项目, 差异原因: 项目结余}
  基本支出:
    经济分类:
      - {科目: 30101, 金额: 40.00}
      - {科目: 30201, 金额: 10.00}
三公经费:
  因公出国（境）费: {本年: 0, 预算: 0, 上年: 0}
  公务用车购置费: {本年: 0, 预算: 0, 上年: 0}
  公务用车运行维护费: {本年: 1.00, 预算: 1.00, 上年: 1.00}
  公务接待费: {本年: 0.50, 预算: 1.00, 上年: 0.40, 原因: 接待任务增加}
  合计: {本年: 1.50, 预算: 2.00, 差异原因: 厉行节约}
  明细:
    出国团组: 0
    出国人次: 0
    公务用车保有量: 1
    国内公务接待: 0.50
    外宾接待: 0
    接待批次: 3
    接待人次: 20
    接待用途: 接待调研
机关运行经费: {本年: 8.00, 上年: 8.00}
政府采购: {货物: 5.00, 工程: 0, 服务: 3.00, 中小企业: 2.00}
国有资产: {截至: 2024年12月31日, 车辆: 1, 车辆分类: {执法执勤用车: 1}, 大型设备: 0}
绩效管理:
  制度: 严格执行示例办法
  绩效目标: {项目数: 1, 金额: 75.00}
  绩效自评: {项目数: 1, 金额: 75.00, 平均得分: 95, 优: 1}
"""


def render_text(tmp_path: Path, source: str, name: str = "s") -> str:
    path = tmp_path / f"{name}.yaml"
    path.write_text(source, encoding="utf-8")
    return one_line(html_text(rendered_outputs(path, tmp_path / f"{name}-out")[".html"]))


def test_the_small_source_renders_the_sample_sentences(tmp_path):
    text = render_text(tmp_path, BASE)
    for sentence in [
        "示例区示例局2024年度收入支出总计120.00万元。与2023年度相比，收入支出总计增加20.00万元，增长20.00%。主要原因：示例项目增加。",
        "本年支出合计120.00万元，其中：基本支出50.00万元，占41.67%；项目支出70.00万元，占58.33%。",
        "一般公共预算财政拨款支出年初预算为125.00万元，支出决算为120.00万元，完成年初预算的96.00%。决算数小于预算数的主要原因：项目结余。其中：",
        "1、一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）。主要用于：行政单位人员支出、公用支出。"
        "年初预算为50.00万元，支出决算为50.00万元，完成年初预算的100.00%。决算数与预算数持平。",
        "年初预算为75.00万元，支出决算为70.00万元，完成年初预算的93.33%。决算数小于预算数的主要原因：项目结余。",
        "“三公”经费财政拨款支出年初预算为2.00万元，支出决算为1.50万元，完成预算的75.00%，其中：因公出国（境）费决算为0.00万元；",
        "2024年度“三公”经费财政拨款支出决算数比2023年度增加0.10万元，增长7.14%，其中：因公出国（境）费支出与上一年度持平；",
        "公务接待费支出决算增加0.10万元，增长25.00%。公务接待费支出增加的主要原因是接待任务增加。",
        "2024年，示例区示例局所属各预算单位开支财政拨款的公务用车保有量为1辆。",
        "国内公务接待支出0.50万元（含外宾接待支出0.00万元）。主要用于接待调研，公务接待3批次、20人次。",
        "平均得分95.00分（其中，绩效评级为“优”的项目1个）。",
        "机关运行经费支出8.00万元，与2023年度持平。",
        "截至2024年12月31日，示例区示例局共有车辆1辆，其中：执法执勤用车1辆。单价100万元（含）以上设备（不含车辆）0台（套）。",
    ]:
        assert sentence in text, sentence


def test_a_zero_initial_budget_is_said_and_never_divided(tmp_path):
    source = BASE.replace("一般公共预算: {年初预算: 125.00, 差异原因: 项目结余}", "一般公共预算: {年初预算: 0, 差异原因: 年中追加}") \
        .replace("{科目: 2013102, 项目支出: 70.00, 年初预算: 75.00,", "{科目: 2013102, 项目支出: 70.00, 年初预算: 0,")
    source = source.replace("年初预算: 50.00,", "年初预算: 0, 差异原因: 新增人员,")
    text = render_text(tmp_path, source)
    assert "一般公共预算财政拨款支出年初预算为0万元，支出决算为120.00万元。决算数大于预算数的主要原因：年中追加。" in text
    assert "年初预算为0万元，支出决算为50.00万元。决算数大于预算数的主要原因：新增人员。" in text
    assert "年初预算为0万元，支出决算为70.00万元。决算数大于预算数的主要原因：项目结余。" in text
    assert "完成年初预算" not in text
    # with a 全年预算 beside it: measured against the 全年预算
    full = source.replace("{年初预算: 0, 差异原因: 年中追加}", "{年初预算: 0, 全年预算: 125.00, 差异原因: 年中追加}") \
        .replace("年初预算: 0, 差异原因: 新增人员,", "年初预算: 0, 全年预算: 50.00,").replace("项目支出: 70.00, 年初预算: 0,", "项目支出: 70.00, 年初预算: 0, 全年预算: 75.00,")
    text = render_text(tmp_path, full, "full")
    assert "一般公共预算财政拨款支出年初预算为0万元，全年预算为125.00万元，支出决算为120.00万元，完成全年预算的96.00%。" \
           "决算数小于预算数的主要原因：年中追加。" in text
    assert "年初预算为0万元，全年预算为50.00万元，支出决算为50.00万元，完成全年预算数的100.00%。决算数与全年预算数持平。" in text
    assert "完成年初预算" not in text


def test_spending_equal_to_its_budget_is_flat(tmp_path):
    source = BASE.replace("{年初预算: 125.00, 差异原因: 项目结余}", "{年初预算: 120.00}") \
        .replace("项目支出: 70.00, 年初预算: 75.00, 用途: 示例项目, 差异原因: 项目结余", "项目支出: 70.00, 年初预算: 70.00, 用途: 示例项目") \
        .replace("合计: {本年: 1.50, 预算: 2.00, 差异原因: 厉行节约}", "合计: {本年: 1.50, 预算: 1.50}") \
        .replace("公务接待费: {本年: 0.50, 预算: 1.00,", "公务接待费: {本年: 0.50, 预算: 0.50,")
    text = render_text(tmp_path, source)
    assert "一般公共预算财政拨款支出年初预算为120.00万元，支出决算为120.00万元，完成年初预算的100.00%。决算数与预算数持平。其中：" in text
    assert "年初预算为70.00万元，支出决算为70.00万元，完成年初预算的100.00%。决算数与预算数持平。" in text
    assert "2024年度“三公”经费支出决算数与预算数持平。" in text
    assert "主要原因：项目结余" not in text


def test_a_detail_not_given_prints_no_clause(tmp_path):
    source = BASE.replace("    出国团组: 0\n    出国人次: 0\n    公务用车保有量: 1\n", "") \
        .replace("    外宾接待: 0\n", "").replace("    接待用途: 接待调研\n", "")
    text = render_text(tmp_path, source)
    text = text[text.index("七、财政拨款“三公”经费"):text.index("八、政府性基金")]
    assert "1、因公出国（境）费支出0.00万元。2、" in text  # no 团组, no 人次
    assert "保有量" not in text and "团组" not in text and "外宾接待支出" not in text
    assert "国内公务接待支出0.50万元。公务接待3批次、20人次。" in text
    # none at all: the 具体情况 says the amounts alone
    text = render_text(tmp_path, BASE.split("  明细:")[0] + "机关运行经费:" + BASE.split("机关运行经费:")[1], "none")
    assert "3、公务接待费支出0.50万元。" in text and "国内公务接待" not in text and "批次" not in text


def test_a_department_without_three_public_spending(tmp_path):
    three = BASE[BASE.index("三公经费:"):BASE.index("机关运行经费:")]
    plain = "三公经费:\n" + "".join(f"  {name}: {{本年: 0}}\n" for name in
                                   ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"))
    text = render_text(tmp_path, BASE.replace(three, plain))
    assert "七、财政拨款“三公”经费支出决算情况说明示例区示例局2024年度无“三公”经费财政拨款支出。八、" in text


def test_a_department_of_one_unit_is_its_organisation(tmp_path):
    text = render_text(tmp_path, BASE.replace("下属单位: [示例区示例中心]", "下属单位: []"))
    assert "二、机构设置示例区示例局无下属预算单位，部门决算为本级决算。" in text
    assert "部门决算单位构成" not in text


def test_a_reason_not_given_is_wanting(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(BASE.replace("差异原因: 项目结余}\n  基本支出", "}\n  基本支出").replace("收支总计: 示例项目增加, ", ""),
                    encoding="utf-8")
    wanting = [f.message for f in check_findings(path) if f.rule == "R-缺少"]
    assert len(wanting) == 2, wanting
    assert any("一般行政管理事务（2013102）决算数小于预算数的主要原因" in m and "支出.功能分类.差异原因" in m for m in wanting)
    assert any("收入支出总计与上年相比变动的主要原因" in m and "变动原因.收支总计" in m for m in wanting)
    draft = render_source(path, tmp_path / "out", draft=True)
    text = one_line(html_text(next(p for p in draft.outputs if p.suffix == ".html")))
    assert "待补充：一般行政管理事务（2013102）决算数小于预算数的主要原因" in text
