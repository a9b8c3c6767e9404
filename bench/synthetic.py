"""Synthetic departments for the benchmark: valid sources of any size, with real registry codes.

A *row* is one line the source gives in a detail table: a 功能分类 row (code × 资金性质), a 经济分类
款 row or a project. The registries allow at most 115 项 codes × 5 资金性质 = 575 function rows
(a repeated (code, 资金) pair is an R-重复 error) and 80 经济分类 款 rows; beyond that a large
department grows by projects, as a real one does (an education bureau's hundreds of schools each
bring their projects). A size N is split as

    function rows  = min(max(N // 10, 3), 575)
    economic rows  = min(max(N // 10, 3), 68: every 款 of 301, 302, 303 and 310)
    projects       = N - function rows - economic rows

Every figure is consistent (income = expenditure, 基本支出 by function = by economic class, 项目支出
= project list, 三公 and 机关运行经费 within their bounds), so ``reportgen check`` finds no error and
the render exercises every table at full size. Generation is deterministic (a seeded RNG).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from reportgen import codes

YEAR = 2022
FUNDS = ("一般公共预算", "政府性基金", "国有资本经营", "财政专户", "单位资金")
INCOME_OF_FUND = {
    "一般公共预算": "一般公共预算拨款",
    "政府性基金": "政府性基金预算拨款",
    "国有资本经营": "国有资本经营预算拨款",
    "财政专户": "财政专户管理资金",
    "单位资金": "事业收入",
}
THREE_PUBLIC_CODES = {
    "因公出国（境）费": "30212",
    "公务接待费": "30217",
    "公务用车购置费": "31013",
    "公务用车运行维护费": "30231",
}
UNIT_KINDS = ("中学", "小学", "幼儿园", "职业技术学校", "教育研究中心")
PROJECT_KINDS = ("教学设施维护", "校舍安全改造", "教师培训", "信息化建设", "学生资助", "课后服务", "食堂运营补助")
YANTIAN = Path(__file__).resolve().parent.parent / "data" / "shenzhen-yantian-zgh-2022.yaml"


@dataclass(frozen=True)
class Split:
    """How many rows of each kind a synthetic department of ``total`` rows has."""

    functions: int
    economic: int
    projects: int

    @property
    def total(self) -> int:
        return self.functions + self.economic + self.projects


def split(rows: int) -> Split:
    if rows < 9:
        raise ValueError("a synthetic department needs at least 9 rows")
    function_codes = len(_function_codes()) * len(FUNDS)
    functions = min(max(rows // 10, 3), function_codes)
    economic = min(max(rows // 10, 3), len(_economic_codes()))
    return Split(functions, economic, rows - functions - economic)


def _function_codes() -> list[str]:
    return [e.code for e in codes.all_function_codes(YEAR) if e.level == "项"]


def _economic_codes() -> list[str]:
    # 基本支出 holds 人员经费 (301, 303) and 公用经费 (302, 310) only: no 309 基本建设 or 307 债务利息
    return [e.code for e in codes.all_codes("economic", YEAR) if e.level == "款" and e.code[:3] in ("301", "302", "303", "310")]


def _yuan(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def synthetic_source(rows: int, seed: int = 2022) -> str:
    """The YAML text of a consistent department with ``rows`` detail rows (see the module doc)."""
    rng = random.Random(seed * 1_000_003 + rows)
    shape = split(rows)
    department = f"合成市第{rows}号教育局"
    function_codes = _function_codes()
    pairs = [(code, fund) for fund in FUNDS for code in function_codes][: shape.functions]

    economic = [(code, rng.randrange(5_000_00, 300_000_00)) for code in _economic_codes()[: shape.economic]]
    economic_total = sum(amount for _, amount in economic)

    # 基本支出 of the 一般公共预算 rows must add up to the economic rows: share it out evenly.
    general = [i for i, (_, fund) in enumerate(pairs) if fund == "一般公共预算"]
    basic = [rng.randrange(1_000_00, 80_000_00) for _ in pairs]
    share, rest = divmod(economic_total, len(general))
    for n, index in enumerate(general):
        basic[index] = share + (rest if n == 0 else 0)

    units = [f"合成市第{i + 1}{UNIT_KINDS[i % len(UNIT_KINDS)]}" for i in range(max(rows // 50, 1))]
    projects = []
    project_by_row = [0] * len(pairs)
    for i in range(shape.projects):
        row = i % len(pairs)
        amount = rng.randrange(10_000_00, 2_000_000_00)
        project_by_row[row] += amount
        unit = units[i % len(units)]
        projects.append((f"{unit}{PROJECT_KINDS[i % len(PROJECT_KINDS)]}项目{i + 1:05d}", amount, pairs[row][0],
                         amount * 98 // 100 if i % 2 else None))

    income = dict.fromkeys(INCOME_OF_FUND.values(), 0)
    for (_, fund), b, p in zip(pairs, basic, project_by_row, strict=True):
        income[INCOME_OF_FUND[fund]] += b + p
    grand_total = sum(income.values())
    project_total = sum(project_by_row)
    by_code = dict(economic)
    public = sum(amount for code, amount in economic if code[:3] in ("302", "310"))

    out = [
        f"# 基准测试用的合成部门：{shape.functions} 行功能分类、{shape.economic} 行经济分类、{shape.projects} 个项目。",
        f"部门: {department}",
        f"年度: {YEAR}",
        "级次: 市级",
        "金额单位: 元",
        "",
        "部门概况:",
        "  职责:",
        "    - 贯彻执行国家和省、市有关教育工作的方针、政策和法律法规，拟订全市教育发展规划并组织实施",
        "    - 统筹管理全市各级各类学校的教育教学工作，指导教师队伍建设",
        "  内设机构: [办公室, 计划财务科, 基础教育科, 人事科]",
        "  下属单位:",
        *(f"    - {unit}" for unit in units),
        "  人员: {行政编制: 60, 行政实有: 55, 事业编制: 4000, 事业实有: 3900, 退休: 900}",
        "  工作目标:",
        "    - 推进基础教育优质均衡发展，提升学校办学质量",
        "",
        "上年:",
        f"  年度: {YEAR - 1}",
        f"  收支总计: {_yuan(grand_total * 97 // 100)}",
        "",
        "变动原因:",
        "  收支总计: 所属学校增加，教育项目经费相应增加",
        "",
        "收入:",
        *(f"  {name}: {_yuan(amount)}" for name, amount in income.items() if amount),
        "",
        "支出:",
        "  功能分类:",
        *(f"    - {{科目: {code}, 资金: {fund}, 基本支出: {_yuan(b)}, 项目支出: {_yuan(p)}}}"
          for (code, fund), b, p in zip(pairs, basic, project_by_row, strict=True)),
        "  基本支出:",
        "    经济分类:",
        *(f"      - {{科目: {code}, 金额: {_yuan(amount)}}}" for code, amount in economic),
        "  项目:",
    ]
    for name, amount, code, prior in projects:
        prior_text = f", 上年: {_yuan(prior)}" if prior is not None else ""
        out.append(f"    - {{名称: {name}, 金额: {_yuan(amount)}, 科目: {code}{prior_text}, 用途: 保障所属学校教育教学工作正常开展}}")
    out += ["", "三公经费:"]
    for part, code in THREE_PUBLIC_CODES.items():
        amount = by_code.get(code, 0)
        out.append(f"  {part}: {{本年: {_yuan(amount)}, 上年: {_yuan(amount)}}}")
    out += [
        "",
        f"机关运行经费: {{本年: {_yuan(public // 2)}, 上年: {_yuan(public // 2)}}}",
        "",
        "政府采购:",
        f"  货物: {_yuan(project_total // 10)}",
        f"  工程: {_yuan(project_total // 20)}",
        f"  服务: {_yuan(project_total // 40)}",
        "",
        "国有资产:",
        "  截至: 2021年12月",
        f"  车辆: {len(units)}",
        "  通用设备: 12",
        "  专用设备: 3",
        "  计划新增: {车辆: 0, 通用设备: 2, 专用设备: 1}",
        "",
        "绩效管理:",
        f"  单位范围: {department}本级及所属单位",
        f"  项目数: {shape.projects}",
        f"  金额: {_yuan(project_total)}",
        "",
    ]
    return "\n".join(out)


def write_synthetic(folder: Path, rows: int, seed: int = 2022) -> Path:
    """Write the ``rows``-row department to ``folder/synthetic-<rows>.yaml``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"synthetic-{rows}.yaml"
    path.write_text(synthetic_source(rows, seed), encoding="utf-8")
    return path


def write_yantian_copies(folder: Path, count: int) -> list[Path]:
    """``count`` Yantian-size departments: the seed under distinct department and file names."""
    folder.mkdir(parents=True, exist_ok=True)
    text = YANTIAN.read_text(encoding="utf-8")
    marker = "部门: 深圳市盐田区总工会\n"
    assert marker in text
    paths = []
    for i in range(count):
        path = folder / f"dept-{i + 1:04d}.yaml"
        path.write_text(text.replace(marker, f"部门: 深圳市盐田区总工会第{i + 1}分会\n", 1), encoding="utf-8")
        paths.append(path)
    return paths
