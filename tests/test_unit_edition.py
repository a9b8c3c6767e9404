"""The 上海 layout's edition for a unit's budget (类型: 单位), against the published 上海市普陀区商务委员会
2025年单位预算 (/work/shared/seeds/pdf/shanghai-putuo-shangwuwei-unit-2025.pdf), encoded as
tests/sources/shanghai-putuo-shangwuwei-unit-2025.yaml: the render words its cover, headings, 目录 and
the nine table titles as that document does, and prints the figures of its 单位预算编制说明 and
其他相关情况说明; the same source without 类型 is worded as a department's budget."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from reportgen.docmodel.document import Document, Title
from reportgen.runners.render import document_for, prepare

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "sources" / "shanghai-putuo-shangwuwei-unit-2025.yaml"
PDF = Path("/work/shared/seeds/pdf/shanghai-putuo-shangwuwei-unit-2025.pdf")
UNIT = "上海市普陀区商务委员会"

# The nine table titles as the unit PDF prints them (目录 p.2; each table's own title pp.9–21).
UNIT_TABLE_TITLES = [
    "2025年预算单位财务收支预算总表",
    "2025年预算单位收入预算总表",
    "2025年预算单位支出预算总表",
    "2025年预算单位财政拨款收支预算总表",
    "2025年预算单位一般公共预算支出功能分类预算表",
    "2025年预算单位政府性基金预算支出功能分类预算表",
    "2025年预算单位国有资本经营预算支出功能分类预算表",
    "2025年预算单位一般公共预算基本支出部门预算经济分类预算表",
    "2025年单位“三公”经费和机关运行经费预算表",
]

# Figures the unit PDF prints in its 2025年单位预算编制说明 (pp.7–8), as printed.
EXPLANATION_FIGURES = [
    "37,151.47万元",   # 收入预算 / 财政拨款收入 / 支出预算 / 一般公共预算拨款支出预算
    "24,491.71万元",   # 比2024年预算增加24,491.71万元
    "938.99万元",      # 1. 行政运行
    "454.50万元",      # 2. 一般行政管理事务
    "290.18万元",      # 3. 事业运行
    "476.50万元",      # 4. 其他商贸事务支出
    "1,720.00万元",    # 5. 科技条件专项
    "166.12万元",      # 6. 行政单位离退休
    "1.73万元",        # 7. 事业单位离退休
    "141.09万元",      # 8. 机关事业单位基本养老保险缴费支出
    "70.54万元",       # 9. 机关事业单位职业年金缴费支出
    "1.33万元",        # 10. 其他行政事业单位养老支出
    "63.19万元",       # 11. 行政单位医疗
    "24.99万元",       # 12. 事业单位医疗
    "29,381.00万元",   # 13. 其他支持中小企业发展和管理支出
    "3136.40万元",     # 14. 其他商业服务业等支出 (printed without the thousands separator)
    "136.10万元",      # 15. 住房公积金
    "148.80万元",      # 16. 购房补贴
]
# Not here: “比2024年预算执行数增加24,558.18万元” (the income compared with the 2024 执行数) — the source
# format's income and spending sentences share one prior 财政拨款, so the source states only the
# budget comparison (see the source's “not stateable” comment); the PDF's “0万元” print as 0.00万元.

# Figures the unit PDF prints in its 其他相关情况说明 (p.22), as printed.
OTHER_FIGURES = [
    "1.00万元",        # “三公”经费预算数 / 公务接待费
    "171.01万元",      # 机关运行经费预算
    "38.20万元",       # 政府采购预算
    "7.80万元",        # 政府采购货物预算
    "30.40万元",       # 政府采购服务预算
    "11381.60万元",    # 绩效目标涉及项目预算资金
    "25个",            # 编报绩效目标的项目共25个
    "2024年8月31日",   # 国有资产：截至2024年8月31日
]


def render(source: Path) -> Document:
    prepared = prepare(source)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    return document_for(prepared)


def variant(tmp_path: Path, text: str) -> Path:
    path = tmp_path / SOURCE.name
    path.write_text(text, encoding="utf-8")
    return path


def without_kind(text: str) -> str:
    changed, count = re.subn(r"^类型: 单位.*\n", "", text, flags=re.M)
    assert count == 1
    return changed


def in_year(text: str, year: int) -> str:
    """The source with its top-level 年度 line (only) changed."""
    changed, count = re.subn(r"^年度: 2025$", f"年度: {year}", text, flags=re.M)
    assert count == 1
    return changed


@pytest.fixture(scope="module")
def document() -> Document:
    return render(SOURCE)


@pytest.fixture(scope="module")
def text(document) -> str:
    return document.plain_text()


@cache
def pdf_text() -> str:
    """The unit PDF's text, lines joined (pdftotext breaks sentences across lines)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None or not PDF.is_file():
        pytest.skip("pdftotext or the unit PDF is not available")
    out = subprocess.run([pdftotext, "-layout", str(PDF), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    return "".join(line.strip() for line in out.splitlines())


def printed(figure: str, text: str) -> bool:
    """``figure`` stands in ``text`` as a whole number (not the tail of a longer one), with or without
    the thousands separator the render uses (3136.40万元 → 3,136.40万元)."""
    number, unit = re.fullmatch(r"([\d,.]+)(.*)", figure).groups()
    forms = {number, f"{Decimal(number.replace(',', '')):,}"} if "." in number else {number}
    return any(re.search(rf"(?<![\d,.]){re.escape(form + unit)}", text) for form in forms)


def section(text: str, start: str, end: str | None) -> str:
    """The lines of ``text`` from the line ``start`` to the line ``end`` (or the end)."""
    lines = text.splitlines()
    assert start in lines, start
    first = lines.index(start)
    last = next(i for i in range(first, len(lines)) if lines[i].strip() == end) if end is not None else len(lines)
    return "\n".join(lines[first:last])


# -- the cover --------------------------------------------------------------------------------
def test_the_title_and_cover_line_are_a_units(document):
    title = next(b for b in document.blocks if isinstance(b, Title))
    assert title.text == f"{UNIT}2025年单位预算"  # the PDF (p.1): “上海市普陀区2025年区级单位预算”
    assert title.subtitle == f"预算单位：{UNIT}"  # the PDF (p.1): “预算单位：上海市普陀区商务委员会”
    assert "预算主管部门：" not in document.plain_text()  # (the glossary, as published, says “区级预算主管部门”)
    assert "部门预算" not in title.text


# -- headings and 目录 ------------------------------------------------------------------------
def test_the_contents_reads_as_the_units(document):
    assert document.contents_title == "目 录"
    parts = [e.text for e in document.contents if e.level == 1]
    # the PDF's 目录 (p.2): 一、单位主要职能 二、单位机构设置 三、名词解释 四、单位预算编制说明 五、单位预算表 六、其他相关情况说明
    assert parts == ["一、单位主要职能", "二、单位机构设置", "三、名词解释", "四、单位预算编制说明", "五、单位预算表",
                     "六、其他相关情况说明"]
    tables = [e.text for e in document.contents if e.level == 2]
    assert tables == [f"{n}. {title}" for n, title in enumerate(UNIT_TABLE_TITLES, 1)]


def test_the_headings_read_as_the_units(document):
    headings = [h.full_text for h in document.headings()]
    # the PDF's headings: “上海市普陀区商务委员会主要职能” (p.3), “…机构设置” (p.5), “2025年单位预算编制说明” (p.7)
    # “五、单位预算表” is a line of the 目录 only: the body goes on to the first table's title (p.8)
    assert headings[:5] == [f"{UNIT}主要职能", f"{UNIT}机构设置", "名词解释", "2025年单位预算编制说明", "其他相关情况说明"]
    assert not [h for h in headings if "部门" in h]


def test_the_nine_tables_are_titled_and_labelled_as_published(document):
    tables = document.tables()
    assert [t.title for t in tables] == UNIT_TABLE_TITLES
    # every table of the PDF: “编制单位：上海市普陀区商务委员会”
    assert {t.department_line for t in tables} == {f"编制单位：{UNIT}"}


def test_the_pdf_prints_these_titles():
    pdf = pdf_text()
    assert "预算单位：上海市普陀区商务委员会" in pdf and "预算主管部门：" not in pdf
    for title in UNIT_TABLE_TITLES:
        assert pdf.count(title) >= 2, title  # in the 目录 and above the table
    assert "编制部门" not in pdf and pdf.count(f"编制单位：{UNIT}") >= 9
    for heading in ["单位主要职能", "单位机构设置", "单位预算编制说明", "单位预算表"]:
        assert heading in pdf


# -- the figures ------------------------------------------------------------------------------
@pytest.mark.parametrize("figure", EXPLANATION_FIGURES)
def test_the_explanation_prints_the_published_figures(text, figure):
    assert printed(figure, section(text, "2025年单位预算编制说明", UNIT_TABLE_TITLES[0])), figure


@pytest.mark.parametrize("figure", OTHER_FIGURES)
def test_the_other_matters_print_the_published_figures(text, figure):
    # 六、其他相关情况说明 follows the unit's ninth table, as in the PDF (pp.21–22)
    assert UNIT_TABLE_TITLES[-1] in text
    after_tables = text[text.index(UNIT_TABLE_TITLES[-1]):]
    assert printed(figure, section(after_tables, "其他相关情况说明", None)), figure


def test_the_pdf_prints_these_figures():
    pdf = pdf_text()
    explanation = pdf[pdf.index("2025年单位预算编制说明"):pdf.index("2025年预算单位财务收支预算总表编制单位")]
    for figure in EXPLANATION_FIGURES:
        assert re.search(rf"(?<![\d,.]){re.escape(figure)}", explanation), figure
    other = pdf[pdf.rindex("其他相关情况说明"):]
    for figure in OTHER_FIGURES:
        assert re.search(rf"(?<![\d,.]){re.escape(figure)}", other), figure


# -- the edition is chosen by the source's kind and year -------------------------------------
def test_without_kind_the_same_source_is_worded_as_a_departments(tmp_path):
    document = render(variant(tmp_path, without_kind(SOURCE.read_text(encoding="utf-8"))))
    title = next(b for b in document.blocks if isinstance(b, Title))
    assert title.text == f"{UNIT}2025年部门预算"
    assert title.subtitle == f"预算主管部门：{UNIT}"
    assert [e.text for e in document.contents if e.level == 1][:5] == \
        ["一、部门主要职能", "二、部门机构设置", "三、名词解释", "四、部门预算编制说明", "五、部门预算表"]
    tables = document.tables()
    assert tables[0].title == "2025年部门财务收支预算总表"
    assert tables[-1].title == "2025年部门“三公”经费和机关运行经费预算表"
    assert {t.department_line for t in tables} == {f"编制部门：{UNIT}"}
    text = document.plain_text()
    assert "预算单位：" not in text and "编制单位" not in text and "单位预算" not in text


def test_a_departments_2024_three_public_table_has_no_year(tmp_path):
    # the 2024 部门预算 of 普陀区万里街道 (/work/shared/seeds/pdf/shanghai-putuo-wanli-2024.pdf): 目录 and
    # table both “部门“三公”经费和机关运行经费预算表”, the other eight tables with “2024年”
    source = in_year(without_kind(SOURCE.read_text(encoding="utf-8")), 2024)
    document = render(variant(tmp_path, source))
    tables = document.tables()
    assert tables[-1].title == "部门“三公”经费和机关运行经费预算表"
    assert tables[0].title == "2024年部门财务收支预算总表"
    assert [e.text for e in document.contents if e.level == 2][-1] == "9. 部门“三公”经费和机关运行经费预算表"


def test_a_units_2024_three_public_table_keeps_the_units_title(tmp_path):
    # the year-less title is a department's (2024 and before); for a unit the 单位 edition, written
    # after it in 版本, wins: no published 2024 unit budget says otherwise
    document = render(variant(tmp_path, in_year(SOURCE.read_text(encoding="utf-8"), 2024)))
    titles = [t.title for t in document.tables()]
    assert titles[-1] == "2024年单位“三公”经费和机关运行经费预算表"
    assert titles[0] == "2024年预算单位财务收支预算总表"
    assert not [t for t in titles if "部门" in t.replace("部门预算经济分类", "")]
