"""Regenerates tests/bad_inputs/ from the Yantian seed: python tests/bad_inputs/make_cases.py"""
from pathlib import Path

import yaml

root = Path(__file__).resolve().parents[2]
base = (root / "data/shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
out = root / "tests/bad_inputs"
cases = []

def case(name, expect, old=None, new=None, text=None, raw=None, marker=None, note=""):
    if raw is None:
        body = text if text is not None else base
        if old is not None:
            assert old in body, (name, old)
            body = body.replace(old, new, 1)
        data = body.encode("utf-8")
    else:
        data = raw
    (out / name).write_bytes(data)
    entry = {"file": name, "expect": expect if isinstance(expect, list) else [expect], "exit": 1}
    if marker:
        decoded = data.decode("utf-8", errors="replace").lstrip("\ufeff")
        entry["line"] = next(i for i, text in enumerate(decoded.splitlines(), 1) if marker in text)
    if note:
        entry["note"] = note
    cases.append(entry)

# --- YAML itself
case("yaml-unclosed-bracket.yaml", "YAML 格式错误", "级次: 区级\n", "级次: [区级\n")
case("yaml-tab-indent.yaml", "制表符", "  职责:", "\t职责:", marker="\t职责:")
case("yaml-bad-indent.yaml", "YAML 格式错误", "  内设机构: [办公室, 权益保障和职工服务科]", "   内设机构: [办公室, 权益保障和职工服务科]")
case("yaml-colon-in-text.yaml", "YAML 格式错误", "级次: 区级", "级次: 区级: 市级")
case("bom-then-bad-amount.yaml", ["应为金额", "收入.一般公共预算拨款"],
     raw=b"\xef\xbb\xbf" + base.replace("一般公共预算拨款: 1273.52", "一般公共预算拨款: 壹仟", 1).encode(),
     marker="一般公共预算拨款: 壹仟", note="a BOM is accepted; line numbers stay right")
case("gbk-encoded.yaml", ["UTF-8", "GBK"], raw=base.encode("gbk"))
case("duplicate-top-key.yaml", ["重复出现", "政府采购"], "国有资产:", "政府采购: {货物: 1}\n国有资产:")
case("duplicate-nested-key.yaml", ["重复出现", "公务接待费"], "  公务接待费: {本年: 0, 上年: 0}\n",
     "  公务接待费: {本年: 0, 上年: 0}\n  公务接待费: {本年: 2, 上年: 0}\n", marker="公务接待费: {本年: 2")
bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
for p, q in zip("bcdefghi", "abcdefgh", strict=True):
    bomb += f"{p}: &{p} [*{q},*{q},*{q},*{q},*{q},*{q},*{q},*{q},*{q}]\n"
case("alias-bomb.yaml", "别名", text=bomb)
case("empty.yaml", "顶层应为键值表", text="")
case("top-level-list.yaml", "顶层应为键值表", text="- 部门: 某\n- 年度: 2022\n")
case("plain-text.yaml", "顶层应为键值表", text="这不是预算文件\n")
# --- numbers
case("amount-nan.yaml", "不是数字", "一般公共预算拨款: 1273.52", "一般公共预算拨款: .nan", marker=".nan")
case("amount-inf.yaml", "不是数字", "一般公共预算拨款: 1273.52", "一般公共预算拨款: .inf", marker=".inf")
case("amount-date.yaml", "日期", "一般公共预算拨款: 1273.52", "一般公共预算拨款: 2022-01-01", marker="2022-01-01")
case("amount-bool.yaml", "应为金额", "一般公共预算拨款: 1273.52", "一般公共预算拨款: yes", marker="拨款: yes")
case("amount-chinese-numerals.yaml", "不是数字", "金额: 770.56", "金额: 七百七十万", marker="七百七十万")
case("amount-negative.yaml", "不能为负数", "{科目: 30201, 金额: 3}", "{科目: 30201, 金额: -3}", marker="金额: -3")
case("amount-with-unit.yaml", "单位", "一般公共预算拨款: 1273.52", "一般公共预算拨款: 1273.52万元", marker="1273.52万元")
case("amount-two-dots.yaml", "不是数字", "一般公共预算拨款: 1273.52", "一般公共预算拨款: \"1.273.52\"", marker="1.273.52")
case("year-as-text.yaml", "应为整数", "年度: 2022", "年度: 二〇二二", marker="二〇二二")
case("year-as-date.yaml", "应为整数", "年度: 2022", "年度: 2022-01-01", marker="年度: 2022-01-01")
case("year-out-of-range.yaml", "不小于", "年度: 2022", "年度: 1999", marker="年度: 1999")
case("decimals-out-of-range.yaml", "不大于", "金额单位: 万元\n", "金额单位: 万元\n展示: {小数位: 9}\n", marker="小数位: 9")
case("headcount-fraction.yaml", "应为整数", "    行政编制: 11", "    行政编制: 11.5", marker="行政编制: 11.5")
# --- shape and keys
case("unknown-key-typo.yaml", "是否应为“三公经费”", "三公经费:", "三公经废:", marker="三公经废:")
case("unknown-nested-key.yaml", "是否应为“行政编制”", "    行政编制: 11", "    行政编织: 11", marker="行政编织")
case("missing-department.yaml", "缺少必填字段“部门”", "部门: 深圳市盐田区总工会\n", "")
case("missing-income.yaml", "缺少必填字段“收入”", "收入:\n  一般公共预算拨款: 1273.52\n", "")
case("missing-project-name.yaml", "缺少必填字段“名称”", "    - 名称: 日常业务经费\n      金额: 15", "    - 金额: 15")
case("income-as-list.yaml", "应为键值表", "收入:\n  一般公共预算拨款: 1273.52", "收入:\n  - 一般公共预算拨款: 1273.52")
case("function-rows-as-mapping.yaml", "应为列表", "  功能分类:\n", "  功能分类: {科目: 2012901, 基本支出: 256.95}\n  功能分类明细:\n",
     marker="功能分类: {科目: 2012901")
case("duties-as-text.yaml", "应为列表", "  职责:\n    - 维护职工合法权益", "  职责: 维护职工合法权益\n  职责旧:\n    - 维护职工合法权益")
case("unit-not-allowed.yaml", "应为以下之一", "金额单位: 万元", "金额单位: 千元", marker="金额单位: 千元")
case("level-not-allowed.yaml", "应为以下之一", "级次: 区级", "级次: 街道级", marker="级次: 街道级")
case("department-blank.yaml", "不能为空", "部门: 深圳市盐田区总工会", "部门: \" \"", marker="部门: \" \"")
case("fund-not-allowed.yaml", "应为以下之一", "{科目: 2012906, 项目支出: 827.56}", "{科目: 2012906, 项目支出: 827.56, 资金: 自有资金}",
     marker="自有资金")
# --- codes
case("code-unknown.yaml", "不存在", "{科目: 2012906, 项目支出: 827.56}", "{科目: 2012998, 项目支出: 827.56}", marker="2012998")
case("code-outdated.yaml", ["234", "已不使用", "2020–2021"], "{科目: 2012906, 项目支出: 827.56}",
     "{科目: 2012906, 项目支出: 827.56}\n    - {科目: 234, 合计: 0}", marker="{科目: 234,")
case("code-as-name.yaml", "应为科目编码", "{科目: 2012901, 基本支出: 256.95}", "{科目: 行政运行, 基本支出: 256.95}", marker="科目: 行政运行")
case("code-wrong-length.yaml", ["201290", "不存在"], "{科目: 2012901, 基本支出: 256.95}", "{科目: 201290, 基本支出: 256.95}", marker="201290,")
case("economic-code-unknown.yaml", "不存在", "{科目: 30201, 金额: 3}", "{科目: 30198, 金额: 3}", marker="30198")
case("economic-code-is-function-code.yaml", ["3020101", "不存在"], "{科目: 30201, 金额: 3}", "{科目: 3020101, 金额: 3}", marker="3020101")
case("government-code-unknown.yaml", "政府预算经济分类科目编码", "{科目: 30201, 金额: 3}", "{科目: 30201, 金额: 3, 政府经济分类: 50298}",
     marker="50298")
# --- consistency (勾稽关系)
case("duplicate-function-row.yaml", "重复填报", "    - {科目: 2210203, 基本支出: 44.05}\n",
     "    - {科目: 2210203, 基本支出: 44.00}\n    - {科目: 2210203, 基本支出: 0.05}\n")
case("duplicate-project.yaml", "重复出现", "    - 名称: 日常业务经费", "    - 名称: 工会组织建设及维权关爱经费")
case("income-not-expenditure.yaml", ["R-收支平衡", "1,273.52万元", "1,273.51万元"], "{科目: 2210203, 基本支出: 44.05}",
     "{科目: 2210203, 基本支出: 44.04}")
case("class-total-typed-wrong.yaml", ["住房保障支出（类 221）填报 72.17万元", "其下各款合计 72.18万元"],
     "    - {科目: 2210203, 基本支出: 44.05}\n", "    - {科目: 2210203, 基本支出: 44.05}\n    - {科目: 221, 合计: 72.17}\n",
     marker="{科目: 221, 合计: 72.17}")
case("running-costs-rate-slip.yaml", ["填报增减率 0.01%", "计算应为 1.01%"], "  上年: 17.85\n", "  上年: 17.85\n  增减率: 0.01\n")
case("three-public-total-typed-wrong.yaml", "四项之和", "  说明: 我单位认真落实", "  合计: {本年: 5, 上年: 4}\n  说明: 我单位认真落实",
     marker="合计: {本年: 5")
case("three-public-item-exceeds.yaml", "R-三公经费", "{科目: 30231, 金额: 3.99}", "{科目: 30231, 金额: 4.99}")
case("sme-above-procurement.yaml", "大于政府采购合计", "  服务: 0\n", "  服务: 0\n  中小企业: 5\n")
case("running-costs-above-public.yaml", "大于公用经费", "  本年: 18.03", "  本年: 30.03")
case("placeholder-left.yaml", "占位文字", "  收支总计: 项目支出增加", "  收支总计: XX项目支出增加")
case("doubled-word.yaml", "重复的词语", "  收支总计: 项目支出增加，", "  收支总计: 项目支出增加增加，")
case("personnel-split-disagrees.yaml", "R-基本支出一致", "    - {科目: 30201, 金额: 3}", "    - {科目: 30201, 金额: 4}")
case("projects-disagree-with-rows.yaml", "R-项目支出一致", "      金额: 15\n", "      金额: 16\n")
case("performance-above-projects.yaml", "R-绩效金额", "  金额: 827.56", "  金额: 900")
# --- prior-year source files
case("prior-file-missing.yaml", ["上年源文件", "不存在"], "  收支总计: 1270.13\n", "  来源: no-such-2021.yaml\n", marker="来源: no-such")
(out / "prior-other-department-2021.yaml").write_text(base.replace("部门: 深圳市盐田区总工会", "部门: 别的部门").replace("年度: 2022", "年度: 2021"), encoding="utf-8")
case("prior-file-other-department.yaml", "不是同一部门", "  收支总计: 1270.13\n", "  来源: prior-other-department-2021.yaml\n",
     marker="来源: prior-other")
(out / "cases.yaml").write_text(
    "# The bad-input corpus: each file, the fragments its Chinese message must hold, the exit code,\n"
    "# and the line the message must name where the problem has one. Generated once from the Yantian\n"
    "# seed; prior-other-department-2021.yaml is a helper file, not a case.\n"
    + yaml.safe_dump({"cases": cases}, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
print(len(cases))
