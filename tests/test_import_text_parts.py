"""reportgen import, the narrative text parts (reportgen/importing/text_parts.py): what the four published
PDFs of 上海普陀 (tests/seeds/pdf, read with ``pdftotext -layout``) and the seven text layers of
tests/seeds yield, checked against what a person typed from the same documents (tests/sources and data/).

Each rule was grown on one document and is held here on the others: the PDFs break lines mid-sentence
and repeat a page's last lines at the top of the next (商务委 第4页), the Shanghai texts number their
items 1、 一、 （一） or 1., 深圳 writes its duties as one paragraph, 秦皇岛 labels them (职责描述：), 洛阳
and 唐山 have no pages. What a document does not say is absent; what it says carries its place."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
import yaml

from reportgen.importing.text.text_parts import TextParts, read_text_parts
from reportgen.readers.text.lines import Line, text_lines
from tests.clients import require_program
from tests.clocks import cpu_now

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "tests" / "seeds" / "pdf"
SEEDS = ROOT / "tests" / "seeds"
PAGE_MARK = re.compile(r"=== page (\d+) ===")


def lines_from_pdftotext(text: str) -> list[Line]:
    """``pdftotext -layout`` output as the readers read a text: pages split on form feeds."""
    return text_lines(text, Path("text.txt"))


def seed_lines(name: str) -> list[Line]:
    """A seed's lines: its "=== page N ===" marks give the pages (the header's "#" lines before the
    first mark are the fixture's, not the document's). 洛阳, 深圳, 秦皇岛 and 唐山 have no marks: their
    lines are wrapped as printed, so they are one page (page 0 would say each line is a paragraph)."""
    lines: list[Line] = []
    page, number, seen_mark = 1, 0, False
    for raw in (SEEDS / name).read_text(encoding="utf-8").split("\n"):
        mark = PAGE_MARK.fullmatch(raw.strip())
        if mark:
            page, number, seen_mark = int(mark.group(1)), 0, True
            continue
        number += 1
        if not (raw.startswith("#") and not seen_mark and not lines):
            lines.append(Line(len(lines) + 1, raw, page=page, line=number))
    return lines


@cache
def pdf_text(name: str) -> str:
    """pdftotext runs once per PDF per session."""
    pdftotext = require_program("pdftotext")
    if not (PDFS / name).is_file():
        pytest.skip(f"{PDFS / name} is not available")
    return subprocess.run([pdftotext, "-layout", str(PDFS / name), "-"], capture_output=True, text=True,
                          check=True).stdout


@cache
def parts(name: str) -> TextParts:
    lines = lines_from_pdftotext(pdf_text(name)) if name.endswith(".pdf") else seed_lines(name)
    return read_text_parts(lines)


@cache
def source(path: str) -> dict:
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def amount(text: str) -> Decimal:
    """A printed amount in 元 ("7.80万元" → 78000), or a printed count ("25个" → 25)."""
    digits = re.sub(r"[^\d.]", "", text.replace("．", "."))
    return Decimal(digits) * (10000 if "万" in text else 1)


UNIT = "shanghai-putuo-shangwuwei-unit-2025.pdf"
DEPARTMENT = "shanghai-putuo-shangwuwei-2025.pdf"
WANLI_2024 = "shanghai-putuo-wanli-2024.pdf"
WANLI_2025 = "shanghai-putuo-wanli-2025.pdf"
WENLVJU = "shanghai-putuo-wenlvju-2026.txt"
CHENGGUAN = "shanghai-putuo-chengguan-2026.txt"
JIANGUANWEI = "shanghai-putuo-jianguanwei-2026.txt"
LUOYANG = "luoyang-zgh-2020.txt"
QINHUANGDAO = "qinhuangdao-shanhaiguan-gh-2020.txt"
SHENZHEN = "shenzhen-yantian-zgh-2022.txt"
TANGSHAN = "tangshan-zgh-2025-performance.txt"

SHANGHAI_TERMS = ["财政拨款收入", "事业收入", "事业单位经营收入", "其他收入", "基本支出预算", "项目支出预算",
                  "“三公”经费", "机关运行经费"]
SHANGWUWEI_CARS = {"因公出国（境）费": "此部分预算由区外办统一安排", "公务用车购置及运行维护费": "无公务用车车辆",
                   "公务用车购置费": "无公务用车车辆", "公务用车运行维护费": "无公务用车车辆"}
WANLI_CARS = {"因公出国（境）费": "因公出国（境）费保持不变", "公务用车运行维护费": "公务车用车运行费保持不变",
              "公务接待费": "公务接待费保持不变"}

# Per document: (number of duties, first duty, last duty, 名词解释 terms, one 用途 (index, 类, 款, 项, 金额,
# 用途), the “三公” reasons, the 政府采购 figures as printed).
EXPECTED = {
    UNIT: (13, "贯彻执行国家和本市有关工商业、内外贸、粮食流通等方面的方针、政策和法律、法规及规章，并结合本区实际,"
               "制订具体实施意见。", "完成区委、区政府交办的其他任务。", SHANGHAI_TERMS,
           (0, "一般公共服务支出", "商贸事务", "行政运行", "938.99万元", "机关行政运行和机关人员经费支出"),
           {**SHANGWUWEI_CARS, "公务接待费": "根据本单位实际业务需求开展公务接待"},
           {"合计": "38.20万元", "货物": "7.80万元", "工程": "0万元", "服务": "30.40万元"}),
    DEPARTMENT: (13, "贯彻执行国家和本市有关工商业、内外贸、粮食流通等方面的方针、政策和法律、法规及规章，并结合本区"
                     "实际,制订具体实施意见。", "完成区委、区政府交办的其他任务。", SHANGHAI_TERMS,
                 (12, "资源勘探工业信息等支出", "支持中小企业发展和管理支出", "其他支持中小企业发展和管理支出",
                  "29,381.00万元", "支持中小企业发展和管理，产业扶持政策支出"),
                 {**SHANGWUWEI_CARS, "公务接待费": "根据本部门实际业务需求开展公务接待"},
                 {"合计": "38.20万元", "货物": "7.80万元", "工程": "0万元", "服务": "30.40万元"}),
    WANLI_2024: (9, "加强党的建设。落实基层党建责任制，加强基层服务型党组织建设，统筹推进区域化党建和“两新”组织党建、"
                    "居民区党建工作，实现社区党建全覆盖，提高党建工作的有效性。", "承办区委、区政府交办的其他事项。",
                 SHANGHAI_TERMS, (0, "一般公共服务支出", "统计信息事务", "专项普查活动", "25.77万元", "专项普查活动"),
                 {**WANLI_CARS, "公务用车购置及运行维护费": "购置公务用车", "公务用车购置费": "购置公务用车"},
                 {"合计": "1662.44万元", "货物": "93.98万元", "工程": "815.87万元", "服务": "752.59万元",
                  "中小企业": "664.98万元"}),
    WANLI_2025: (9, "加强党的建设。落实基层党建责任制，加强基层服务型党组织建设，统筹推进区域化党建和“两新”组织党建、"
                    "居民区党建工作，实现社区党建全覆盖，提高党建工作的有效性。", "承办区委、区政府交办的其他事项。",
                 SHANGHAI_TERMS,
                 (11, "社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休", "25.93万元", "行政单位离退休"),
                 {**WANLI_CARS, "公务用车购置及运行维护费": "2025年新增1辆公务用车购置，但与2024年购置的车辆类型不同",
                  "公务用车购置费": "购置车辆类型不同"},
                 {"合计": "4821.20万元", "货物": "57.43万元", "工程": "3780.72万元", "服务": "983.05万元",
                  "中小企业": "1928.48万元"}),
    WENLVJU: (10, "贯彻执行有关文化和旅游的法律、法规、规章和方针、政策，并结合区域发展实际组织实施。",
              "完成区委、区政府交办的其他任务。", SHANGHAI_TERMS,
              (14, "社会保障和就业支出", "行政事业单位养老支出", "事业单位离退休", "359.34万元", "事业单位退休人员经费支出"),
              {"因公出国（境）费": "此项经费由区统筹安排", "公务用车购置费": "2025年无公车购置计划",
               **dict.fromkeys(["公务用车购置及运行维护费", "公务用车运行维护费", "公务接待费"],
                               "厉行节约，严格按照规定执行“三公”经费")},
              {"合计": "8536.39万元", "货物": "692.93万元", "工程": "5269.82万元", "服务": "2573.64万元",
               "中小企业": "2603.50万元"}),
    CHENGGUAN: (7, "贯彻执行国家和本市有关城市管理行政执法工作的法律、法规、规章和方针、政策，结合区域实际，研究制订"
                   "有关制度措施，并组织实施。", "承办区政府交办的其他事项。",
                ["基本支出预算", "项目支出预算", "“三公”经费", "机关运行经费", "培训费"],
                (6, "城乡社区支出", "城乡社区管理事务", "城管执法", "3377.56万元",
                 "城市管理综合行政执法、加强城市市容和环境卫生管理等方面的支出"),
                {"公务用车购置及运行维护费": "公务用车购置费增加",
                 "公务用车购置费": "2026年度预计淘汰更新执法车辆5辆，比2025年增加2辆",
                 "公务用车运行维护费": "严控公车运维科目开支", "公务接待费": "公务接待费预算无变化"},
                {"合计": "595.28万元", "货物": "77.10万元", "工程": "0万元", "服务": "518.18万元",
                 "中小企业": "343.49万元"}),
    JIANGUANWEI: (21, "贯彻执行有关城市建设、城市管理、交通和水务的法律、法规、规章和方针、政策。结合本区实际，研究或协调"
                      "起草区有关城市建设、城市管理、交通和水务的规定、制度，并加强指导、协调和检查。",
                  "承办区政府交办的其他事项。", SHANGHAI_TERMS,
                  # no closing quote after （项）, a full-width comma in the amount: as printed
                  (13, "城乡社区支出", "建设市场管理与监督", "建设市场管理与监督", "3，518.85万元",
                   "人员工资、办公经费、建筑材料监督检测、建筑工程安全质量专项检查等支出"),
                  {"因公出国（境）费": "因公出国（境）费由区外办统一编报预算、统一管理",
                   "公务用车购置及运行维护费": "没有增加公车购置及运行费", "公务用车购置费": "没有安排公车购置费预算",
                   "公务用车运行维护费": "没有增加公车运行费", "公务接待费": "没有安排公务接待费预算"},
                  {"合计": "214,355.48万元", "货物": "21.62万元", "工程": "189,512.14万元", "服务": "24,821.72万元",
                   "中小企业": "85,742.20万元"}),
    LUOYANG: (13, "根据党的路线、方针和政策，围绕党的中心任务和党的工运方针，研究确定全市工会工作的指导方针和工作任务，"
                  "指导全市工会工作，充分发挥联系职工群众的桥梁纽带作用。", "承办市委交办的其他事项。",
              ["财政拨款收入", "事业收入", "其他收入", "用事业基金弥补收支差额", "基本支出", "项目支出", "“三公”经费",
               "机关运行经费"], None, {}, {}),
    QINHUANGDAO: (4, "维护职工合法权益：指导全区各级组织职工开展民主选举、民主决策、民主管理和民主监督工作；推动基层工会建立"
                     "集体合同制度、工资集体协商和监督保证机制；参与职工安全生产保护工作；编辑出版发行有关报纸刊物，为工会"
                     "组织、干部、职工提供维权渠道。", "困难职工帮扶：关注职工健康、关心职工生活，坚持开展为困难职工、特困"
                     "职工“送温暖”活动；关注困难职工、特困职工困难农民工的子女上大学的问题，坚持作好“金秋助学”活动。",
                  ["一般公共预算拨款收入", "事业收入", "其他收入", "基本支出", "项目支出", "“三公”经费", "机关运行费"],
                  None, {}, {}),
    SHENZHEN: (6, "维护职工合法权益，做好困难职工帮扶工作，宣传贯彻有关法律、法规，处理职工群众来信来访，建立平等协商和"
                  "集体合同制度，协调劳动关系，参加劳动争议调解，为职工提供法律咨询和援助",
               "承办区委、区政府和上级工会交办的其他工作事项。",
               ["一般公共预算拨款收入", "一般公共服务支出", "住房保障支出", "上年结转", "基本支出", "项目支出",
                "年末结转和结余", "“三公”经费", "机关运行经费"], None,
               {"合计": "我单位认真落实中央八项规定，厉行节约，严格控制“三公”经费支出",
                "公务接待费": "我单位认真落实中央八项规定，厉行节约，严格控制“三公”经费支出",
                "公务用车购置费": "我单位认真落实中央八项规定，厉行节约，严格控制“三公”经费支出",
                "公务用车运行维护费": "我单位共有车辆1辆，属于应急保障用车"},
               {"合计": "0万元", "货物": "0万元", "工程": "0万元", "服务": "0万元"}),
}
PURPOSE_COUNTS = {UNIT: 16, DEPARTMENT: 16, WANLI_2024: 33, WANLI_2025: 33, WENLVJU: 23, CHENGGUAN: 9,
                  JIANGUANWEI: 19, LUOYANG: 0, QINHUANGDAO: 0, SHENZHEN: 0}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_what_each_document_yields(name):
    count, first, last, terms, purpose, reasons, procurement = EXPECTED[name]
    read = parts(name)
    assert len(read.职责) == count
    assert (read.职责[0].value, read.职责[-1].value) == (first, last)
    assert [t.术语 for t in read.名词解释] == terms
    assert len(read.用途) == PURPOSE_COUNTS[name]
    if purpose is not None:
        index, *expected = purpose
        use = read.用途[index]
        assert [use.类, use.款, use.项, use.金额, use.用途] == expected
    assert {key: reason.value for key, reason in read.三公原因.items()} == reasons
    # (小微企业, within 中小企业, is in the sentence after it: EXPECTED lists the rest)
    assert {key: figure.value for key, figure in (read.政府采购.数字 if read.政府采购 else {}).items()
            if key != "小微企业"} == procurement
    every = [*read.职责, *read.名词解释, *read.用途, *read.三公原因.values()]
    assert all(re.fullmatch(r"第\d+页 第\d+行", item.where) for item in every)


def test_places_are_the_printed_lines():
    read = parts(UNIT)
    assert read.职责[0].where == "第3页 第6行"  # “   1、贯彻执行国家和本市……” (第5行: “主要职能包括：”)
    assert read.职责[-1].where == "第4页 第17行"
    assert read.用途[0].where == "第7页 第11行"
    assert read.名词解释[0].where == "第6页 第3行"
    assert read.政府采购 is not None and read.政府采购.数字["货物"].where == "第22页 第12行"
    assert read.三公原因["公务接待费"].where == "第22页 第8行"  # “（三）公务接待费1.00万元。与2024年预算持平，……”
    assert parts(WENLVJU).职责[0].where == "第4页 第4行"


# Hand-typed sources of the same documents (the unit PDF's lists only the first 3 of its 13 duties).
SOURCES = {UNIT: "tests/sources/shanghai-putuo-shangwuwei-unit-2025.yaml", WENLVJU: "data/shanghai-putuo-wenlvju-2026.yaml",
           CHENGGUAN: "data/shanghai-putuo-chengguan-2026.yaml", JIANGUANWEI: "data/shanghai-putuo-jianguanwei-2026.yaml",
           LUOYANG: "data/luoyang-zgh-2020.yaml", QINHUANGDAO: "data/qinhuangdao-shanhaiguan-gh-2020.yaml",
           SHENZHEN: "data/shenzhen-yantian-zgh-2022.yaml"}


@pytest.mark.parametrize("name", list(SOURCES))
def test_the_duties_are_those_a_person_typed(name):
    typed = source(SOURCES[name])["部门概况"]["职责"]
    read = [duty.value for duty in parts(name).职责][:len(typed)]
    # 洛阳, 秦皇岛 and 深圳 were typed without the closing full stop (the text prints it).
    assert [duty.rstrip("。") for duty in read] == [duty.rstrip("。") for duty in typed]


@pytest.mark.parametrize("name", [UNIT, WENLVJU, CHENGGUAN, JIANGUANWEI, LUOYANG])
def test_the_organisation_is_that_a_person_typed(name):
    typed = source(SOURCES[name])["部门概况"]
    read = parts(name)
    assert read.机构设置 is not None
    if name == UNIT:
        assert read.机构设置.value == typed["机构设置"]
    elif name == LUOYANG:  # typed with a sentence of the 预算情况说明 after it
        assert typed["机构设置"].startswith(read.机构设置.value)
    else:  # typed with the sentence that opens 主要职能 ("……是普陀区政府主管……的部门。") before it, without the
        # list's lead-in (“，具体包括：”, read as printed) and with what the text says after the list
        printed = re.sub(r"，具体包括[^：:]*[：:]$", "。", read.机构设置.value) + (read.单位列表说明.value if read.单位列表说明 else "")
        assert read.职能概述 is not None and read.职能概述.value + printed == typed["机构设置"]
    listed = None if read.下属单位 is None else [unit.value for unit in read.下属单位]
    # 洛阳 names its 下属单位 only in another part ("本级及所属二级单位（河南省工人龙门疗养院）"): not read.
    assert listed == (None if name == LUOYANG else typed.get("下属单位"))


def test_units_the_text_lists_and_those_it_does_not():
    assert [unit.value for unit in parts(WANLI_2025).下属单位 or []] == [
        "上海市普陀区万里街道社区事务受理服务中心", "上海市普陀区万里街道社区党群服务中心",
        "上海市普陀区万里街道城市运行管理中心", "上海市普陀区万里街道经济发展服务中心", "上海市普陀区万里街道综合行政执法队"]
    assert parts(SHENZHEN).下属单位 == []  # “本预算单位无下属单位”
    assert parts(CHENGGUAN).下属单位 is None  # its 执法大队 “与局本部合署办公，不单列预算”
    department = parts(DEPARTMENT)
    assert department.下属单位 is None  # “上海市普陀区中小企业服务中心，不单列预算”
    assert department.机构设置 is not None and department.机构设置.value.endswith("事业单位1家，具体包括：")
    assert [unit.value for unit in department.单位列表 or []] == [  # each item as printed, the 本部's description too
        "商务委本部，上海市普陀区商务委员会机关设9个内设机构，包括：办公室、综合调研科、商业发展科、市场秩序科（粮食和物资储备科）、"
        "产业发展科、企业服务科、经济运行科、外经促进科、贸易发展科。", "上海市普陀区中小企业服务中心，不单列预算。"]
    assert parts(QINHUANGDAO).机构设置 is None  # “机构设置：” is followed by a heading only


@pytest.mark.parametrize("name", [UNIT, WENLVJU, CHENGGUAN, JIANGUANWEI])
def test_the_uses_are_those_a_person_typed(name):
    typed = [row["用途"] for row in source(SOURCES[name])["支出"]["功能分类"] if "用途" in row]
    # Three typed uses begin with the marker the template writes itself ("主要用于主要用于……" would print):
    # 城管 第6–7页 items 4 and 9, 建管委 第8页 item 17 (printed "主要用扶持中小企业支出", 于 missing).
    typed = [re.sub(r"^主要用于?", "", use) for use in typed]
    assert [use.用途 for use in parts(name).用途] == typed


def test_a_use_says_its_outturn_and_reason_where_printed():
    use = parts(WANLI_2024).用途[0]  # “……（项）”25.77万元，主要用于专项普查活动。2023年当年预算执行数为60.13万元，……主要原因是：项目调整。
    assert (use.金额, use.用途, use.上年执行数) == ("25.77万元", "专项普查活动", "60.13万元")
    assert use.原因 is not None and (use.原因.value, use.原因.where) == ("项目调整", "第6页 第12行")
    assert all(use.原因 is None and use.上年执行数 is None for use in parts(WANLI_2025).用途)
    assert parts(UNIT).用途[-1].原因 is None  # the last item does not reach into 其他相关情况说明


@pytest.mark.parametrize("name", [UNIT, WENLVJU, CHENGGUAN, JIANGUANWEI, LUOYANG])
def test_reasons_are_those_a_person_typed(name):
    typed = source(SOURCES[name])
    read = parts(name)
    for item, value in typed.get("三公经费", {}).items():
        if isinstance(value, dict) and "原因" in value:
            assert read.三公原因[item].value == value["原因"]
    assert {key: reason.value for key, reason in read.变动原因.items()} == typed.get("变动原因", {})


def test_change_reasons_of_other_localities():
    assert {k: v.value for k, v in parts(WANLI_2024).变动原因.items()} == {"财政拨款": "项目调整"}
    shenzhen = parts(SHENZHEN).变动原因["收支总计"].value  # “预算收支增加 主要原因：一是……；二是……”
    assert shenzhen.startswith("一是项目支出与2021年预算安排768.54万元相比") and shenzhen.endswith("增加预算资金92.69万元")
    luoyang = parts(LUOYANG)
    assert luoyang.三公说明 is not None and luoyang.三公说明.value.startswith("由于市财政对洛阳市总工会没有行政经费补助")


@pytest.mark.parametrize("name", [UNIT, WENLVJU, CHENGGUAN, JIANGUANWEI, SHENZHEN])
def test_the_terms_are_explained_as_typed(name):
    typed = {t["术语"]: t["解释"] for t in source(SOURCES[name]).get("名词解释", []) if "解释" in t}
    read = {t.术语: t.解释 for t in parts(name).名词解释}
    for term, explanation in typed.items():  # 基本支出预算 was typed as 基本支出 (the default term it rewrites)
        assert read.get(term, read.get(term + "预算")) == explanation


@pytest.mark.parametrize("name", [UNIT, WENLVJU, CHENGGUAN, JIANGUANWEI, SHENZHEN, LUOYANG, QINHUANGDAO])
def test_figures_of_the_other_matters_are_those_a_person_typed(name):
    """The figures stated only in the text, converted to the source's 元 (or 万元), equal the typed ones."""
    typed = source(SOURCES[name])
    scale = Decimal(1) if typed["金额单位"] == "元" else Decimal("0.0001")
    read = parts(name)
    for part, keys in (("政府采购", ["货物", "工程", "服务", "中小企业", "合计"]), ("绩效管理", ["项目数", "金额"]),
                       ("国有资产", ["车辆", "通用设备", "专用设备"]), ("机关运行经费", ["本年"])):
        figures = getattr(read, part).数字 if getattr(read, part) else {}
        expected = typed.get(part) if isinstance(typed.get(part), dict) else {}
        for key in keys:
            if key in figures and key in expected:  # 洛阳's typed zeros are read from "没有……": not compared
                factor = 1 if key in ("项目数", "车辆", "通用设备", "专用设备") else scale
                assert amount(figures[key].value) * factor == Decimal(str(expected[key])), (part, key)
    assets = read.国有资产
    if assets is not None and "截至" in assets.数字 and name != QINHUANGDAO:  # printed "截至上年末", typed 2019年末
        assert assets.数字["截至"].value == str(typed["国有资产"]["截至"]).replace(" ", "")


def test_text_of_the_other_matters():
    wenlvju = parts(WENLVJU)
    assert wenlvju.政府采购 is not None
    assert wenlvju.政府采购.说明 == [] and wenlvju.政府采购.数字["小微企业"].value == "847.33万元"  # “其中，预留给小型和微型企业……”
    assert wenlvju.绩效管理 is not None and wenlvju.绩效管理.数字["单位范围"].value == "本部门5个预算单位"
    assets = wenlvju.国有资产
    assert assets is not None and {k: v.value for k, v in assets.数字.items()} == {
        "截至": "2025年8月31日", "车辆": "4辆", "专用设备": "0台（套）", "计划新增.车辆": "0辆", "计划新增.专用设备": "0台（套）"}
    shenzhen = parts(SHENZHEN)
    running = shenzhen.机关运行经费
    assert running is not None and {k: v.value for k, v in running.数字.items()} == {"本年": "18.03万元", "增减": "比2021年预算增加0.18万元"}
    assert running.原因 is not None and running.原因.value == "在职在编人员职务调整，其他交通费用（车补）增加"
    assert shenzhen.国有资产 is not None and shenzhen.国有资产.数字["计划新增.通用设备"].value == "0台（套）"
    qinhuangdao = parts(QINHUANGDAO).机关运行经费
    assert qinhuangdao is not None and [note.value for note in qinhuangdao.说明] == [
        "主要用于退休人员福利费1.77万元，在职人员福利费0.44万元，工会经费0.65万元等日常运行支出。"]
    luoyang = parts(LUOYANG)
    assert luoyang.政府采购 is not None and luoyang.政府采购.数字 == {}  # “没有……政府采购支出”: no 0 is made up
    assert [note.value for note in luoyang.政府采购.说明] == ["2020年我单位及二级单位没有公共预算财政拨款的政府采购支出。"]
    jianguanwei = parts(JIANGUANWEI).绩效管理  # the template's instruction left in the text is not 说明
    assert jianguanwei is not None and jianguanwei.说明 == []


def test_projects():
    department = [(p.名称 and p.名称.value, p.金额 and p.金额.value) for p in parts(DEPARTMENT).项目]
    assert department == [("科技创新专项", "1720.00万"), ("生命健康专项（政策资金）", "1170.00万"),
                          ("商业创新专项（政策资金）", "1410.00万"), ("贸易高质量发展专项（政策资金）", "2921.00万")]
    first = parts(DEPARTMENT).项目[0]
    assert first.用途 is not None and first.用途.value == "加快推动本区企业创新驱动发展，促进企业加大创新力度、加快成果转化。"
    assert list(first.说明) == ["项目概述", "立项依据", "实施主体", "实施方案", "实施周期", "年度预算安排", "绩效目标"]
    assert first.说明["绩效目标"].value == "详见单位的项目绩效目标表"
    # 城管: the title names no project; its 年度预算安排 says 349.80万元 (typed as 拆违经费 3,498,000 元)
    (chengguan,) = parts(CHENGGUAN).项目
    assert chengguan.名称 is None and chengguan.金额 is not None and chengguan.金额.value == "349.80万元"
    (jianguanwei,) = parts(JIANGUANWEI).项目
    assert jianguanwei.名称 is not None and jianguanwei.名称.value == "兰溪路-真南路下立交工程"
    (wenlvju,) = parts(WENLVJU).项目  # only the investment in total and 2025's funds: no 2026 amount
    assert wenlvju.金额 is None and wenlvju.名称 is not None
    (wanli,) = parts(WANLI_2025).项目  # quarterly plans, no total
    assert wanli.名称 is None and wanli.金额 is None and "绩效目标" in wanli.说明
    typed = source(SOURCES[SHENZHEN])["支出"]["项目"]
    read = parts(SHENZHEN).项目
    assert [amount(p.金额.value) for p in read if p.金额] == [Decimal(str(t["金额"])) * 10000 for t in typed]
    assert [p.名称.value for p in read if p.名称][1:] == [t["名称"] for t in typed][1:]  # typed without “开展”
    assert [p.用途.value for p in read if p.用途][:3] == [t["用途"].replace("，", ",", 1) if i == 1 else t["用途"]
                                                      for i, t in enumerate(typed[:3])]
    assert [p.增减.value for p in read if p.增减] == ["比2021年预算数减少3万元", "比2021年增加92.56万元",
                                                   "比2021年减少2万元", "比2021年增加3万元"]


def test_a_document_without_these_parts_yields_nothing():
    read = parts(TANGSHAN)  # a 绩效目标 document: its 总体绩效目标 and 保障措施 are no duties
    assert read == TextParts(句子=read.句子)  # (its sentences are there, for the import to tell)


def test_repeated_lines_page_numbers_and_contents_are_not_read():
    page = ["   1、第一条职责，", "写到第二行。", "   2、第二条职责，", "写到第二行。", "   3、第三条职责。"]
    text = "\f".join(["目 录\n一、部门主要职能\n二、名词解释", "      部门主要职能\n" + "\n".join(page[:4]) + "\n  2",
                      "\n".join(page[2:]) + "\n  - 3 -"]) + "\f"
    read = read_text_parts(lines_from_pdftotext(text))
    assert [(d.value, d.where) for d in read.职责] == [
        ("第一条职责，写到第二行。", "第2页 第2行"), ("第二条职责，写到第二行。", "第2页 第4行"), ("第三条职责。", "第3页 第3行")]


def test_paragraphs_without_pages():
    """A DOCX's or HTML's paragraphs (page 0): each line is a paragraph, placed by its number."""
    paragraphs = ["一、部门职责", "1、维护职工合法权益", "职责描述：指导职工开展民主管理。", "2、困难职工帮扶。",
                  "二、机构设置", "本部门设办公室。", "三、名词解释", "（一）基本支出：指保障机构正常运转的支出。"]
    read = read_text_parts([Line(number, text) for number, text in enumerate(paragraphs, 1)])
    assert [(d.value, d.where) for d in read.职责] == [("维护职工合法权益：指导职工开展民主管理。", "第2段"),
                                                   ("困难职工帮扶。", "第4段")]
    assert read.机构设置 is not None and (read.机构设置.value, read.机构设置.where) == ("本部门设办公室。", "第6段")
    assert [(t.术语, t.解释, t.where) for t in read.名词解释] == [("基本支出", "指保障机构正常运转的支出。", "第8段")]
    assert read.下属单位 is None and read.用途 == [] and read.政府采购 is None


def test_pdftotext_lines():
    assert lines_from_pdftotext("a\n\nb\fc\f") == [Line(1, "a", page=1, line=1), Line(2, "", page=1, line=2),
                                                   Line(3, "b", page=1, line=3), Line(4, "c", page=2, line=1)]


# --- linear time: the module's patterns and the reader over hostile text (as tests/test_regex_linear.py
# does for the review's; the sweep runs in a child process, so that a pattern gone exponential fails
# the test instead of hanging it).


def sweep() -> list[dict[str, object]]:
    from reportgen.base.patterns import compiled
    from reportgen.importing.text import text_parts
    from tests.test_regex_linear import LARGE, SMALL, _best, families

    subjects = [(name, lambda text, p=pattern: [*p.finditer(text), p.fullmatch(text)])
                for name, value in vars(text_parts).items() if (pattern := compiled(value)) is not None]
    subjects.append(("read_text_parts", lambda text: read_text_parts([Line(1, text, page=1, line=1)])))
    texts = list(families())
    results: list[dict[str, object]] = []
    for name, run in subjects:
        timed = []
        for family, make in texts:
            start = cpu_now()
            run(make(SMALL))
            timed.append((cpu_now() - start, family, make))
        for _, family, make in sorted(timed, key=lambda entry: entry[0], reverse=True)[:2]:
            results.append({"subject": name, "family": family, "small": _best(run, make(SMALL)),
                            "large": _best(run, make(LARGE))})
    return results


def test_patterns_and_reader_run_in_linear_time():
    from tests.test_regex_linear import FACTOR, FLOOR, LIMIT

    done = subprocess.run([sys.executable, "-m", "tests.test_import_text_parts"], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={**os.environ, "PYTHONHASHSEED": "0"})
    assert done.returncode == 0, done.stderr[-3000:]
    timings = json.loads(done.stdout)
    assert {t["subject"] for t in timings} >= {"_MONEY", "_NUMBERING", "_CLAUSE_HEAD", "read_text_parts"}
    slow = [t for t in timings if t["large"] > LIMIT or t["large"] > FACTOR * max(t["small"], FLOOR)]
    assert not slow, slow


if __name__ == "__main__":
    json.dump(sweep(), sys.stdout)
