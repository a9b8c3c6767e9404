"""Regenerates tests/bad_inputs/ from the Yantian seed: python tests/bad_inputs/make_cases.py"""
from pathlib import Path

import yaml

root = Path(__file__).resolve().parents[2]
base = (root / "data/shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
out = root / "tests/bad_inputs"
cases = []

def case(name, expect, old=None, new=None, text=None, raw=None, marker=None, note="", command=None, exit=1,
         absent=None, fifo=None, base_text=None):
    if raw is None:
        body = text if text is not None else (base_text or base)
        if old is not None:
            assert old in body, (name, old)
            body = body.replace(old, new, 1)
        data = body.encode("utf-8")
    else:
        data = raw
    (out / name).write_bytes(data)
    entry = {"file": name, "expect": expect if isinstance(expect, list) else [expect], "exit": exit}
    if command:
        entry["command"] = command  # instead of render and check; {source} and {dir} are filled in
    if absent:
        entry["absent"] = absent  # fragments the output must not hold (a file's content beyond an excerpt)
    if fifo:
        entry["fifo"] = fifo  # a named pipe the test makes beside the case before running it
    if marker:
        decoded = data.decode("utf-8", errors="replace").lstrip("\ufeff")
        entry["line"] = next(i for i, text in enumerate(decoded.split("\n"), 1) if marker in text)
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
case("table-unit-unknown-table.yaml", ["没有名为“三公经费表”的表格", "您是否想写“三公经费支出表”", "展示.表格单位.三公经费表",
                                       "项目支出表"],
     "金额单位: 万元\n", "金额单位: 万元\n展示:\n  表格单位: {全部: 元, 三公经费表: 万元}\n", marker="三公经费表",
     note="the schema's own old example named no table and was accepted silently")
case("text-unit-unknown-part.yaml", ["没有名为“三公”的正文部分", "您是否想写“三公经费”", "展示.正文单位.三公", "政府采购"],
     "金额单位: 万元\n", "金额单位: 万元\n展示:\n  正文单位:\n    全部: 元\n    三公: 万元\n", marker="三公: 万元")
case("table-unit-not-allowed.yaml", ["应为以下之一", "展示.表格单位.项目支出表"], "金额单位: 万元\n",
     "金额单位: 万元\n展示:\n  表格单位: {项目支出表: 千元}\n", marker="项目支出表: 千元")
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
case("running-costs-above-public.yaml", "超过了基本支出中的公用经费", "  本年: 18.03", "  本年: 30.03")
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
# --- YAML 1.1 number forms: an amount is a decimal literal and nothing else (never octal, base 60, …)
AMOUNT = "一般公共预算拨款: 1273.52"
for name, text, words in [
    ("amount-leading-zero.yaml", "012", ["“012”", "以 0 开头"]),
    ("amount-leading-zero-decimal.yaml", "01273.52", ["“01273.52”", "以 0 开头"]),
    ("amount-sexagesimal.yaml", "1:30", ["“1:30”", "六十进制"]),
    ("amount-sexagesimal-float.yaml", "1:30.5", ["“1:30.5”", "六十进制"]),
    ("amount-hex.yaml", "0x10", ["“0x10”", "十六进制"]),
    ("amount-binary.yaml", "0b101", ["“0b101”", "二进制"]),
    ("amount-octal-0o.yaml", "0o17", ["“0o17”", "以 0 开头"]),
    ("amount-underscore.yaml", "1_273.52", ["“1_273.52”", "下划线"]),
    ("amount-exponent.yaml", "1e400", ["“1e400”", "科学计数法"]),
    ("amount-exponent-float.yaml", "1.0e+3", ["“1.0e+3”", "科学计数法"]),
    ("amount-30-digits.yaml", "1" * 30, ["数值过大"]),
    ("amount-too-many-decimals.yaml", "1273.5200001", ["小数位过多"]),
    ("amount-bad-grouping.yaml", '"1,27,3.52"', ["“1,27,3.52”", "千分位"]),
    ("amount-leading-dot.yaml", ".52", ["“.52”", "小数点前后"]),
    ("amount-trailing-dot.yaml", "1273.", ["“1273.”", "小数点前后"]),
    ("amount-full-width-leading-zero.yaml", "０１２", ["以 0 开头"]),
]:
    case(name, ["应为金额", *words, "收入.一般公共预算拨款"], AMOUNT, f"一般公共预算拨款: {text}",
         marker=f"一般公共预算拨款: {text}")
case("function-row-hex.yaml", ["“0x10”", "十六进制"], "{科目: 2012901, 基本支出: 256.95}", "{科目: 2012901, 基本支出: 0x10}",
     marker="基本支出: 0x10")
case("three-public-prior-leading-zero.yaml", ["“04”", "以 0 开头"], "  公务接待费: {本年: 0, 上年: 0}",
     "  公务接待费: {本年: 0, 上年: 04}", marker="上年: 04}")
case("project-sexagesimal.yaml", ["“15:00”", "六十进制"], "      金额: 15\n", "      金额: 15:00\n", marker="金额: 15:00")
case("headcount-leading-zero.yaml", ["应为整数", "“011”", "以 0 开头"], "    行政编制: 11", "    行政编制: 011",
     marker="行政编制: 011")
case("headcount-30-digits.yaml", "数值过大", "    行政编制: 11", "    行政编制: " + "9" * 30, marker="行政编制: 999")
case("year-leading-zero.yaml", ["应为整数", "“02022”"], "年度: 2022", "年度: 02022", marker="年度: 02022")
# --- characters no text may hold: refused by line and column (line breaks of other kinds become line breaks)
DUTY = "    - 维护职工合法权益"
for name, raw_char, words in [
    ("text-raw-vertical-tab.yaml", "\x0b", ["U+000B", "Word 的手动换行"]),
    ("text-raw-form-feed.yaml", "\x0c", ["U+000C"]),
    ("text-raw-unit-separator.yaml", "\x1f", ["U+001F"]),
    ("text-raw-nul.yaml", "\x00", ["U+0000"]),
    ("text-raw-escape.yaml", "\x1b", ["U+001B"]),
    ("text-raw-c1-control.yaml", "\x9b", ["U+009B"]),
]:
    case(name, ["不能使用的字符", *words], DUTY, f"    - 维护职工{raw_char}合法权益\n{DUTY}", marker=f"维护职工{raw_char}")
for name, escape, words in [
    ("text-escaped-nul.yaml", "\\0", ["U+0000"]),
    ("text-escaped-unit-separator.yaml", "\\x1f", ["U+001F"]),
    ("text-escaped-bell.yaml", "\\a", ["U+0007"]),
    ("text-escaped-escape.yaml", "\\e", ["U+001B"]),
    ("text-escaped-tab.yaml", "\\t", ["U+0009", "空格"]),
    ("text-lone-surrogate.yaml", "\\ud800", ["U+D800", "代理"]),
    ("text-noncharacter.yaml", "\\uffff", ["U+FFFF"]),
    ("text-escaped-c1.yaml", "\\x85\\x9b", ["U+009B"]),
]:
    case(name, ["不能使用的字符", *words], DUTY, f'    - "维护职工{escape}合法权益"\n{DUTY}', marker=f"维护职工{escape}")
case("key-with-control-character.yaml", ["不能使用的字符", "U+0001"], "级次: 区级", '"级次\\x01": 区级', marker='"级次')
case("department-escaped-nul.yaml", ["不能使用的字符", "U+0000"], "部门: 深圳市盐田区总工会", '部门: "深圳市盐田区\\0总工会"',
     marker="部门: ")
case("department-too-long.yaml", ["过长", "最多 100 个字", "部门"], "部门: 深圳市盐田区总工会", "部门: " + "很长的部门名称" * 50,
     marker="部门: 很长")
# --- nesting thousands of levels deep
case("nesting-deep-flow-list.yaml", "嵌套层级过深", "级次: 区级", "级次: " + "[" * 5000 + "]" * 5000, marker="级次: [[[")
case("nesting-deep-flow-map.yaml", "嵌套层级过深", "级次: 区级", "级次: " + "{a: " * 3000 + "1" + "}" * 3000, marker="级次: {a")
case("nesting-deep-block.yaml", "嵌套层级过深", "级次: 区级\n",
     "级次:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(200)) + " " * 201 + "v: 1\n")
# --- files a source points at: regular files only, read with a bound, quoted only as an excerpt
PRIOR = "  收支总计: 1270.13\n"
case("prior-dev-zero.yaml", ["/dev/zero", "不是普通文件"], PRIOR, "  来源: /dev/zero\n  收支总计: 1270.13\n",
     marker="来源: /dev/zero")
case("prior-etc-passwd.yaml", ["/etc/passwd", "顶层应为键值表"], PRIOR, "  来源: /etc/passwd\n  收支总计: 1270.13\n",
     marker="来源: /etc/passwd", absent=["daemon:", "/usr/sbin/nologin"])
case("prior-directory.yaml", ["文件夹"], PRIOR, "  来源: .\n  收支总计: 1270.13\n", marker="来源: .")
case("prior-fifo.yaml", ["命名管道", "不是普通文件"], PRIOR, "  来源: prior-fifo-2021.yaml\n  收支总计: 1270.13\n",
     marker="来源: prior-fifo", fifo="prior-fifo-2021.yaml")
units = (root / "data/example-two-units-2024.yaml").read_text(encoding="utf-8")
INCLUDE = "    包含: units/example-two-units-2024-sanatorium.yaml"
case("unit-include-dev-zero.yaml", ["/dev/zero", "不是普通文件"], INCLUDE, "    包含: /dev/zero", marker="包含: /dev/zero",
     base_text=units)
case("unit-include-fifo.yaml", ["命名管道"], INCLUDE, "    包含: unit-fifo.yaml", base_text=units, fifo="unit-fifo.yaml")
case("unit-include-directory.yaml", ["文件夹"], INCLUDE, "    包含: .", marker="包含: .", base_text=units)
# --- command-line arguments: a Chinese usage message and exit 2, never a traceback
case("arg-reason-threshold-text.yaml", ["不是百分比", "abc"], command=["check", "--reason-threshold", "abc", "{source}"],
     exit=2)
case("arg-reason-threshold-nan.yaml", ["不可用", "NaN"], command=["check", "--reason-threshold", "NaN", "{source}"], exit=2)
case("arg-reason-threshold-negative.yaml", ["不可用"], command=["check", "--reason-threshold=-5", "{source}"], exit=2)
case("arg-jobs-zero.yaml", ["进程数"], command=["render", "-j", "0", "{source}", "-o", "{out}"], exit=2)
case("arg-rollover-year-far.yaml", ["不是年度", "99999"], command=["rollover", "{source}", "--year", "99999"], exit=2)
case("arg-rollover-year-range.yaml", ["超出范围", "2101"], command=["rollover", "{source}", "--year", "2101"], exit=2)
case("arg-new-year-text.yaml", ["不是年度"], command=["new", "--department", "某部门", "--year", "二〇二五", "-o", "{out}/x.yaml"],
     exit=2)
# --- no command writes over its inputs
case("source-named-like-output.html", ["不能写入", "输入文件"], command=["render", "{source}", "-o", "{dir}"])
case("source-output-over-prior.yaml", ["不能写入", "输入文件"], PRIOR,
     "  来源: source-output-over-prior.html\n  收支总计: 1270.13\n", command=["render", "{source}", "-o", "{dir}"])
(out / "source-output-over-prior.html").write_text(base.replace("年度: 2022", "年度: 2021"), encoding="utf-8")
# --- a public document says only what its source says: a missing part stops a normal render
three_public = base[base.index("三公经费:"):base.index("机关运行经费:")]
case("missing-three-public-section.yaml", ["R-缺少", "“三公”经费预算", "--draft"], three_public, "")
case("missing-three-public-part.yaml", ["R-缺少", "公务接待费", "三公经费.公务接待费"], "  公务接待费: {本年: 0, 上年: 0}\n", "",
     marker="三公经费:")
case("missing-procurement-part.yaml", ["R-缺少", "货物采购", "政府采购.货物"], "  货物: 0\n", "", marker="政府采购:")
case("missing-running-costs.yaml", ["R-缺少", "机关运行经费"], base[base.index("机关运行经费:"):base.index("政府采购:")], "")
case("missing-staffing.yaml", ["R-缺少", "人员编制", "部门概况.人员"],
     base[base.index("  人员:"):base.index("  工作目标:")] if "  工作目标:" in base else "  人员:", "")
case("reason-without-prior.yaml", ["R-原因无比较", "日常业务经费", "上年"], "      金额: 15\n      上年: 12\n",
     "      金额: 15\n      原因: 业务量增加\n", marker="名称: 日常业务经费")
case("change-reason-without-prior.yaml", ["R-原因无比较", "一般公共预算", "上年.一般公共预算"], "变动原因:\n",
     "变动原因:\n  一般公共预算: 人员增加\n", marker="一般公共预算: 人员增加")
case("not-published-but-given.yaml", ["R-不公开", "政府采购", "不会印出"], "金额单位: 万元\n",
     "金额单位: 万元\n不公开: [政府采购]\n", marker="不公开:")
case("not-published-unknown-part.yaml", ["应为以下之一", "人员编制"], "金额单位: 万元\n",
     "金额单位: 万元\n不公开: [附表]\n", marker="不公开:")
case("glossary-removed-with-text.yaml", ["R-名词解释", "删去"], "金额单位: 万元\n",
     "金额单位: 万元\n名词解释:\n  - {术语: 结转下年, 删去: true, 解释: 指……}\n", marker="删去: true")
(out / "cases.yaml").write_text(
    "# The bad-input corpus: each file, the fragments its Chinese message must hold, the exit code,\n"
    "# and the line the message must name where the problem has one. Generated once from the Yantian\n"
    "# seed; prior-other-department-2021.yaml and source-output-over-prior.html are helper files, not\n"
    "# cases. A case with `command` runs that command line instead of render and check.\n"
    + yaml.safe_dump({"cases": cases}, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
print(len(cases))
