"""Slips planted in real published pages of other regions (bench/planted_pdf.py: one digit's glyph code
changed in the page's content stream, in the publisher's own font) and found by `reportgen review` —
one test per cause of a miss the measure showed and reportgen now covers (bench/corpus/planted-pdf-2026-11-26.md)."""

from __future__ import annotations

import functools
import itertools
import shutil
from pathlib import Path

from bench.planted_pdf import page_text, page_tokens, plant_checked, read_page
from bench.review_eval import reported_of
from reportgen.review.documents import review_document
from tests.support.national import CORPUS

NATIONAL = Path(__file__).parent / "fixtures" / "import" / "national"
# 深圳市民政局 2026年部门预算 pp. 1, 28–29 (gd-shenzhen-minzheng-2026-dept-budget.pdf): its cover and 一般公共预算支出表, 项 codes in a
# column of their own, 2080209 老龄事务 among them
SHENZHEN_TABLE = NATIONAL / "shenzhen-minzheng-2026-p1-28-29.pdf"
# 上海市戒毒康复中心 2026年单位预算 pp. 1–2, 12, 15 (sh-city-jiedukangfu-2026-unit-budget.pdf): its cover, its contents
# listing the tables by their titles (“6．2026年预算单位政府性基金预算支出功能分类预算表”) and two of the tables
SHANGHAI_CONTENTS = NATIONAL / "shanghai-city-jiedukangfu-2026-p1-2-12-15.pdf"


def _planted(source: Path, klass: str, was: str, index: int, now: str, folder: Path, nth: int = 0) -> tuple[Path, str]:
    """The source with the ``nth`` token ``was`` of the class planted as ``now`` (its character ``index``
    changed), written to the folder; and the printed line around the change (pdftotext's)."""
    data = source.read_bytes()
    page, start = _token(source, klass, was, nth)
    made = plant_checked(data, page, start, was, (index, now))
    assert made is not None, "the font prints the new digit at the old one's width, and pdftotext shows it"
    path = folder / source.name
    path.write_bytes(made[0])
    return path, made[1]


@functools.cache
def _token(source: Path, klass: str, was: str, nth: int) -> tuple[int, int]:
    """The page and the offset in its text of the ``nth`` token ``was`` of the class in a published file: its pages
    read up to the one that prints it, no further (a whole document's 60 pages were read for a token of its 29th)."""
    found = ((page, start) for page, kind, start, token in page_tokens(source.read_bytes())
             if kind == klass and token == was)
    return next(itertools.islice(found, nth, None))


def _told(path: Path) -> list[str]:
    """Every finding the review reports on the file (as bench/review_eval counts them); a published file's (of the
    fixtures or the corpus, read only) once for every test that plants in it."""
    return list(_told_of_published(path)) if path.parent in (NATIONAL, CORPUS) else _review(path)


@functools.cache
def _told_of_published(path: Path) -> tuple[str, ...]:
    return tuple(_review(path))


def _review(path: Path) -> list[str]:
    return [r.text for r in reported_of(review_document(path, None))[0]]


def _told_of_planting(source: Path, marker: str, klass: str, was: str, index: int, now: str, folder: Path,
                      nth: int = 0) -> tuple[str, list[str]]:
    """The findings naming ``marker`` of ``source`` planted (see _planted), none of which the source as published has:
    the printed line around the change, and those findings."""
    assert not [t for t in _told(source) if marker in t]
    path, line = _planted(source, klass, was, index, now, folder, nth)
    return line, [t for t in _told(path) if marker in t]


def test_the_planter_changes_one_glyph_and_nothing_else(tmp_path: Path) -> None:
    import pikepdf

    path, line = _planted(SHENZHEN_TABLE, "科目编码", "2080209", 5, "2080269", tmp_path)
    assert "2080269" in line and "老龄事务" in line
    with pikepdf.open(SHENZHEN_TABLE) as before, pikepdf.open(path) as after:
        old, new = page_text(read_page(before, 2)[0].glyphs).text, page_text(read_page(after, 2)[0].glyphs).text
    assert len(old) == len(new) and sum(a != b for a, b in zip(old, new, strict=True)) == 1


def test_a_code_no_catalogue_holds_printed_with_its_siblings_name_is_told(tmp_path: Path) -> None:
    """2080209 老龄事务 printed 2080269 老龄事务: no catalogue holds 2080269, and its name is 2080209's, a code of the
    same 款 — the code was mistyped. It was listed apart as 未收录 (unverified, never told); now R-科目名称 names it."""
    assert not [t for t in _told(SHENZHEN_TABLE) if "编码与名称" in t]
    path, _ = _planted(SHENZHEN_TABLE, "科目编码", "2080209", 5, "2080269", tmp_path)
    told = [t for t in _told(path) if "编码与名称" in t]
    assert len(told) == 1 and "2080269" in told[0] and "2080209" in told[0], told


def test_a_tables_title_naming_last_year_is_told(tmp_path: Path) -> None:
    """The contents of a 2026 budget listing “6．2025年预算单位政府性基金预算支出功能分类预算表”: a title naming last
    year (as a heading “2025年部门预算” is told). The same line with 2026 is not."""
    line, told = _told_of_planting(SHANGHAI_CONTENTS, "标题", "年份", "2026", 3, "2025", tmp_path, nth=5)
    assert "2025年预算单位政府性基金" in line.replace(" ", "")
    assert len(told) == 1 and "2025" in told[0], told


# 上海市中医文献馆 2026年单位预算 pp. 1–17 (sh-city-zhongyiwenxian-2026-unit-budget.pdf, its blank pages left out): p. 17
# “政府采购预算 184.23万元，其中：政府采购货物预算1.92万元、政府采购工程预算0.00万元、政府采购服务预算 182.31万元”
SHANGHAI_PROCUREMENT = NATIONAL / "shanghai-city-zhongyiwenxian-2026-p1to17.pdf"


def test_a_procurement_kind_that_breaks_its_total_is_named(tmp_path: Path) -> None:
    """服务 182.31 printed 182.33: the kinds no longer add up to the total. The finding named the two sums only
    (184.23, 184.25), not which figures it added: now each kind's amount is named, the slipped one among them."""
    assert not [t for t in _told(SHANGHAI_PROCUREMENT) if "政府采购" in t]
    path, _ = _planted(SHANGHAI_PROCUREMENT, "正文金额", "182.31", 5, "182.33", tmp_path)
    told = [t for t in _told(path) if "政府采购" in t]
    assert len(told) == 1 and "服务 182.33万元" in told[0] and "184.23万元" in told[0], told


# 烟台市住房和城乡建设局 2026年部门预算 pp. 1, 25 (sd-yantai-zhujianju-2026-dept-budget.pdf): its cover and 国有资本经营预算
# 支出情况表, “08 离休干部医药费补助支出 48.26 … 48.26”: its 合计 and its 项目支出, 基本支出 blank
YANTAI_STATE_CAPITAL = NATIONAL / "yantai-zhujianju-2026-p1-25.pdf"


def test_a_total_of_one_printed_part_printed_otherwise_is_no_rounding_tail(tmp_path: Path) -> None:
    """合计 48.26 printed 48.27 beside its only printed part, 项目支出 48.26: one amount rounded alike prints alike, so a
    difference of one step is a slip, not the 尾数误差 several rounded parts may leave (it was told as one)."""
    assert not [t for t in _told(YANTAI_STATE_CAPITAL) if "48.2" in t]
    path, _ = _planted(YANTAI_STATE_CAPITAL, "表格数", "48.26", 4, "48.27", tmp_path)
    told = [t for t in _told(path) if "48.27" in t]
    assert len(told) == 1 and "合计 印作 48.27" in told[0] and "48.26" in told[0] and " 0、" not in told[0], told


# 北京市民政局 2026年部门预算: its 情况说明 pp. 1, 7 (bj-minzhengju-2026-dept-budget.pdf: “（一）因公出国（境）费用。2026 年预算数
# 159.00 万元”) and its 报表 pp. 1, 19 (…-tables.pdf: 收支总表, 财政拨款“三公”经费支出表, which prints 2026 alone)
MINZHENG_NARRATIVE = NATIONAL / "beijing-minzhengju-2026-narrative-p1-7.pdf"
MINZHENG_TABLES = NATIONAL / "beijing-minzhengju-2026-tables-p1-19.pdf"


def test_this_years_figure_said_of_last_year_is_told(tmp_path: Path) -> None:
    """“2026 年预算数 159.00 万元” printed “2025 年预算数 159.00 万元”: 159.00 is the table's 2026 因公出国（境）费, and no
    table gives a 2025 one — it was read as last year's figure and left 未能核对. Now told."""
    from reportgen.review.documents import review_together

    def told(files: list[Path]) -> list[str]:
        return [r.text for result in review_together(files, None) for r in reported_of(result)[0] if "年度是否写错" in r.text]

    assert not told([MINZHENG_NARRATIVE, MINZHENG_TABLES])
    path, line = _planted(MINZHENG_NARRATIVE, "年份", "2026", 3, "2025", tmp_path, nth=0)
    assert "2025 年预算数 159.00" in line
    (tmp_path / MINZHENG_TABLES.name).write_bytes(MINZHENG_TABLES.read_bytes())
    found = told([path, tmp_path / MINZHENG_TABLES.name])
    assert len(found) == 1 and "159.00万元" in found[0] and "2025" in found[0], found


def _verdicts_of(path: Path, text: str) -> list[str]:
    """The status of each prose figure of the file printed as ``text``."""
    result = review_document(path, None).narrative
    assert result is not None
    return [v.status for v in result.verdicts if v.statement.text == text]


def test_a_change_is_not_judged_by_last_years_figure_read_from_itself(tmp_path: Path) -> None:
    """“财政拨款收入2,694万元，比2025年预算增加147万元”: no table prints 2025's figure, the import takes it from this
    sentence (2,694 less 147). Judged by it, the change agreed with itself — and so did 149 planted for 147. Now
    each is 未能核对 (never “一致”), planted or not."""
    assert _verdicts_of(SHANGHAI_PROCUREMENT, "比2025年预算增加147万元") == ["unknown"] * 3
    for nth in range(3):
        path, line = _planted(SHANGHAI_PROCUREMENT, "正文金额", "147", 2, "149", tmp_path, nth=nth)
        assert "比2025年预算增加149万元" in line.replace(" ", "")
        assert _verdicts_of(path, "比2025年预算增加149万元") == ["unknown"]


# 深圳市公安局交通管理局（本级）2026年部门预算 pp. 1, 16–19 (gd-shenzhen-jiaoguanju-2026-dept-budget.pdf): its cover, its
# 收支总表 (“项 目  2026 年预算数  项 目  2026 年预算数”: the 收入 side and the 支出 side) and 收入总表
SHENZHEN_TOTALS = NATIONAL / "shenzhen-jiaoguanju-2026-p1-16to19.pdf"
# 中共烟台市委宣传部 2026年部门预算 pp. 1, 7, 18 (sd-yantai-xuanchuanbu-2026-dept-budget.pdf): its cover, 收支总表 and “三公”
# table, whose columns are headed “2025年预算数  2026年预算数”
YANTAI_THREE_PUBLIC = NATIONAL / "yantai-xuanchuanbu-2026-p1-7-18.pdf"


def test_a_header_naming_last_year_for_this_years_column_is_told(tmp_path: Path) -> None:
    """A 2026 收支总表 whose one year column of a side is headed “2025 年预算数”, and a “三公” table whose two columns
    both say “2025年预算数”: this year's figures headed as last year's. “2025年预算数” beside “2026年预算数” is not."""
    for source, nth in ((SHENZHEN_TOTALS, 0), (SHENZHEN_TOTALS, 1), (YANTAI_THREE_PUBLIC, 0)):
        assert not [t for t in _told(source) if "表头" in t]
        path, line = _planted(source, "年份", "2026", 3, "2025", tmp_path, nth=nth)
        assert "2025年预算数" in line.replace(" ", "")
        told = [t for t in _told(path) if "表头" in t]
        assert len(told) == 1 and "没有 2026 年的栏" in told[0], told


def test_a_header_naming_last_years_budget_with_no_word_after_it_is_told(tmp_path: Path) -> None:
    """The 项目支出总表's columns headed “2026 年预算” (no 数 after it) printed “2025 年预算” went untold: the header
    rule read only “…年预算数”."""
    source = CORPUS / "gd-shenzhen-jiaoguanju-2026-dept-budget.pdf"  # 深圳市公安局交通管理局 2026, whole: p. 27 表5
    assert not [t for t in _told(source) if "表头" in t]
    path, line = _planted(source, "年份", "2026", 3, "2025", tmp_path, nth=12)
    assert "单位：万元 2025 年预算 财政拨款" in line, line
    told = [t for t in _told(path) if "表头" in t]
    assert len(told) == 1 and "“2025年预算”" in told[0] and "没有 2026 年的栏" in told[0], told


# 北京市卫生健康委员会 2026年部门预算 in one file: its 情况说明's cover (bj-weijianwei-2026-dept-budget.pdf p. 1) and its
# 报表 pp. 1, 3 (…-tables.pdf: 收支总表 and the 支出总表 crossing the 功能分类 with both economic classifications, each
# a cell “2050305-高等职业教育” beside “50501-工资福利支出” and “30101-基本工资”)
WEIJIANWEI = NATIONAL / "beijing-weijianwei-2026-p1-tables-p1-3.pdf"
# 佛山市轨道交通局 2019年部门决算 pp. 1–28 (gd-foshan-guidaojiaotongju-2019-dept-final.pdf): p. 22 its 政府性基金 table, all 0
FOSHAN_FINAL = NATIONAL / "foshan-guidaojiaotongju-2019-p1-28.pdf"


def _misnamed(files: list[Path]) -> list[str]:
    from reportgen.review.documents import review_together

    return [r.text for result in review_together(files, None) for r in reported_of(result)[0] if "请核对编码" in r.text]


def test_a_code_printed_with_its_siblings_name_in_a_cross_table_is_told(tmp_path: Path) -> None:
    """“2050305-高等职业教育” printed “2050308-高等职业教育” in 北京's 支出总表: the table is not written into the
    source's 功能分类 (the rows print one 项 many times, by economic class), so its codes and names were never
    compared. Now the pair is judged where it is read: 高等职业教育 is 2050305's name, 2050308 no code's."""
    assert not _misnamed([WEIJIANWEI])
    path, line = _planted(WEIJIANWEI, "科目编码", "2050305", 6, "2050308", tmp_path)
    assert "2050308-高等职业教育" in line
    found = _misnamed([path])
    assert len(found) == 1 and "2050308" in found[0] and "2050305" in found[0] and "第3页" in found[0], found


def test_a_code_printed_with_its_siblings_name_in_a_fund_table_of_zeros_is_told(tmp_path: Path) -> None:
    """2120801 征地和拆迁补偿支出 printed 2120802 in a 决算's 政府性基金 table of 0 only (not written into the source):
    2120802 is 土地开发支出, the name printed 2120801's — told with both codes."""
    assert not _misnamed([FOSHAN_FINAL])
    path, line = _planted(FOSHAN_FINAL, "科目编码", "2120801", 6, "2120802", tmp_path)
    assert "2120802" in line and "征地和拆迁补偿支出" in line
    found = _misnamed([path])
    assert len(found) == 1 and "2120801" in found[0] and "土地开发支出" in found[0], found


# 深圳市委宣传部 2026年部门预算 pp. 1, 17, 21, 25 (gd-shenzhen-xuanchuanbu-2026-dept-budget.pdf): its cover, 收支总表, 支出总表
# and 基本支出总表 of the department's one unit (总计 | 财政拨款 小计 | 一般公共预算 | 政府性基金 | 国有资本经营 | 财政专户 …)
SHENZHEN_BASIC = NATIONAL / "shenzhen-xuanchuanbu-2026-p1-17-21-25.pdf"
# 烟台市人力资源和社会保障局 2026年部门预算 pp. 1, 8, 12, 26 (sd-yantai-renshe-2026-dept-budget.pdf): its cover, 收支总表,
# 支出总表 and 基本支出预算情况表, printing the 部门 and the 政府 economic classification side by side before its funds
YANTAI_BASIC = NATIONAL / "yantai-renshe-2026-p1-8-12-26.pdf"


def _unwritten(files: list[Path]) -> list[str]:
    from reportgen.review.documents import review_together

    return [r.text for result in review_together(files, None) for r in reported_of(result)[0]
            if "这张表没有写入源文件" in r.text]


def test_a_fund_off_its_subtotal_in_a_table_no_kind_names_is_told(tmp_path: Path) -> None:
    """深圳's 基本支出总表 of one unit is no kind of table read (nor a table of units): its figures went unchecked.
    Its header gives each column one meaning, so each row's funds are checked against its 财政拨款 小计:
    其他工资福利支出's 一般公共预算 334.20 printed 374.20 is told."""
    assert not _unwritten([SHENZHEN_BASIC])
    path, line = _planted(SHENZHEN_BASIC, "表格数", "334.20", 1, "374.20", tmp_path, nth=2)
    assert "334.20  334.20  374.20" in line
    found = _unwritten([path])
    assert len(found) == 1 and "其他工资福利支出 财政拨款 印作 334.20" in found[0] and "374.20" in found[0], found


def test_a_subtotal_off_its_funds_beside_two_economic_classifications_is_told(tmp_path: Path) -> None:
    """烟台's 基本支出预算情况表 (both economic classifications, then 合计 | 财政拨款 小计 | its funds …): 301's 小计
    1,962.28 printed 1,962.22 is off its 一般公共预算 and its 合计 — told; a blank fund is not written as 0."""
    assert not _unwritten([YANTAI_BASIC])
    path, line = _planted(YANTAI_BASIC, "表格数", "1,962.28", 7, "1,962.22", tmp_path, nth=1)
    assert "1,962.28  1,962.22  1,962.28" in line
    found = _unwritten([path])
    assert found and all("1,962.22" in text and " 0、" not in text and " 0）" not in text for text in found), found
    assert any("301 财政拨款 印作 1,962.22" in text for text in found), found


def test_this_years_figure_said_of_last_year_on_a_heading_line_wrapped_before_it_is_told(tmp_path: Path) -> None:
    """“（三）公务用车购置和运行维护费。2025 年预算数” ends a line, “121.81 万元，包括公务用车购置费预算 71.17 万元、……”
    starts the next: the line was taken for a heading of its own, its year lost to the amount (judged 2026's, agreeing);
    and once read as last year's, its parts bore the whole out whatever the year. Now told, once."""
    from reportgen.review.documents import review_together

    def told(files: list[Path]) -> list[str]:
        return [r.text for result in review_together(files, None) for r in reported_of(result)[0] if "年度是否写错" in r.text]

    path, line = _planted(MINZHENG_NARRATIVE, "年份", "2026", 3, "2025", tmp_path, nth=2)
    assert "公务用车购置和运行维护费。2025 年预算数" in line
    (tmp_path / MINZHENG_TABLES.name).write_bytes(MINZHENG_TABLES.read_bytes())
    found = told([path, tmp_path / MINZHENG_TABLES.name])
    assert len(found) == 1 and "121.81万元" in found[0] and "2025" in found[0], found


def _slips(path: Path) -> tuple[list[str], list[str]]:
    """The totals of the file's tables read that their parts do not make: slips, and 尾数 (both as import tells them)."""
    from reportgen.importing.budget.build import build
    from reportgen.importing.budget.reconcile import differences, grouped, rounding_tails, tail_notes
    from reportgen.importing.recognition import catalog as catalogs
    from reportgen.importing.recognition.recognize import recognize
    from reportgen.readers.published import read_published

    catalog = catalogs.load(None)
    imported = build(recognize(read_published(path).grids, catalog)[0], catalog)
    slips, tails = rounding_tails(imported, differences(imported))
    return grouped(slips), tail_notes(tails)


# 江苏省人大常委会办公厅 2018 p. 15 (js-rendabangongting-2018-dept-budget.pdf, 公开09表): 合计 2542.60 = “三公”经费 小计
# 833.60 + 会议费 1305.25 + 培训费 403.75
JIANGSU_THREE_PUBLIC = NATIONAL / "js-rendabangongting-2018-p15.pdf"


def test_a_three_public_tables_total_beside_meetings_and_training_is_held_to_them(tmp_path: Path) -> None:
    """The 合计 of a “三公” table printing 会议费 and 培训费 beside the “三公” items is their sum with the “三公” total: it
    was held to nothing (2542.60 printed 2542.90 went untold). Now it is held to them."""
    assert _slips(JIANGSU_THREE_PUBLIC) == ([], [])
    path, line = _planted(JIANGSU_THREE_PUBLIC, "表格数", "2542.60", 5, "2542.90", tmp_path)
    assert "2542.90" in line
    (slip,) = _slips(path)[0]
    assert "合计 印作 2,542.90" in slip and "2,542.60" in slip, slip


# 广州市市场监督管理局 2026年部门预算 pp. 1, 10 (gd-guangzhou-shichangjianguan-2026-dept-budget.pdf): its cover and 收入总体
# 情况表, a row a unit: “广州市食品药品审评中心 1,242.06 1,238.06 0.00 … 4.00 …”, 合计 over eleven sources, nine of them 0.00
GUANGZHOU_INCOME = NATIONAL / "guangzhou-shichangjianguan-2026-p1-10.pdf"


def test_a_part_printed_0_rounds_nothing(tmp_path: Path) -> None:
    """1,238.06 printed 1,238.04: the row's 合计 1,242.06 is off its sources by 0.02, within half a cent for each of
    eleven sources — told as 尾数. A source printed 0.00 is nothing, rounded from nothing: the two printed (1,238.04 and
    4.00) and the total allow 0.015, and 0.02 is a slip. The table's own 尾数 (177,090.43 over three sources) stays."""
    slips, tails = _slips(GUANGZHOU_INCOME)
    assert slips == [] and any("177,090.43" in tail for tail in tails)
    path, line = _planted(GUANGZHOU_INCOME, "表格数", "1,238.06", 7, "1,238.04", tmp_path)
    assert "1,242.06  1,238.04" in line
    slips, tails = _slips(path)
    assert len(slips) == 1 and "广州市食品药品审评中心 合计 印作 1,242.06" in slips[0] and "1,238.04" in slips[0], slips
    assert any("177,090.43" in tail for tail in tails)


# 北京市教育委员会 2026年部门预算 报表 p. 3 (bj-jiaoyuwei-2026-dept-budget-tables.pdf, 预算02表 收入总表): 万元 to six places,
# 合计 4,483,899.825945 = 本年收入 小计 3,343,492.984666 + 上年结转结余 小计 1,140,406.841279
BEIJING_INCOME = NATIONAL / "beijing-jiaoyuwei-2026-tables-p3.pdf"


def test_a_table_printing_the_fen_in_wanyuan_rounds_at_its_last_place(tmp_path: Path) -> None:
    """一般公共预算资金 2,434,777.733486 printed 2,434,777.730486: the 合计 is 0.003 off its sources, within what a 万元
    table rounded to two places may leave (half a cent each) — told as 尾数. A table printing six places prints the 分:
    its sums hold to the last digit, and 0.003 is a slip."""
    assert _slips(BEIJING_INCOME) == ([], [])
    path, line = _planted(BEIJING_INCOME, "表格数", "2,434,777.733486", 12, "2,434,777.730486", tmp_path)
    assert "2,434,777.730486" in line
    slips, tails = _slips(path)
    assert len(slips) == 2 and all("2,434,777.730486" in slip for slip in slips), slips  # off 合计 and 本年收入 小计
    assert any("合计 印作 4,483,899.825945" in slip for slip in slips), slips
    assert tails == []


# 广州市国资委 2026年部门预算 pp. 1, 20 (gd-guangzhou-guoziwei-2026-dept-budget.pdf): its cover and 表11 部门预算基本支出预算表,
# a table of its units (总计 | 财政拨款 合计 | its funds | 财政专户拨款 | 其他资金), set aside
GUANGZHOU_UNITS = NATIONAL / "guangzhou-guoziwei-2026-p1-20.pdf"


def test_a_row_of_a_table_of_units_is_held_to_its_sources(tmp_path: Path) -> None:
    """工资福利支出's 其他资金 0.00 printed 0.06 under a unit: the column 其他资金 had no meaning (the table's header not
    understood), nor were a row's sources held to its 总计. Now 其他资金 is a source, and each row is held to them."""
    from reportgen.importing.budget.by_unit import by_unit_table, set_aside
    from reportgen.importing.recognition import catalog as catalogs
    from reportgen.readers.published import read_published

    def differences(path: Path) -> list[str]:
        catalog = catalogs.load(None)
        tables = [t for grid in read_published(path).grids if (t := by_unit_table(grid, catalog)) is not None]
        return [d for table in tables for d in set_aside(table, []).differences]

    assert differences(GUANGZHOU_UNITS) == []
    path, line = _planted(GUANGZHOU_UNITS, "表格数", "0.00", 3, "0.06", tmp_path, nth=31)
    assert "906.83  0.00  0.00  0.00  0.06" in line
    found = differences(path)
    assert any("工资福利支出 合计 印作 906.83" in d and "0.06" in d for d in found), found


# 广州市气象局 2026年部门预算 pp. 1, 5–6, 8–9 (gd-guangzhou-qixiangju-2026-dept-budget.pdf): its cover, 收支总体情况表 and
# 本年支出总体情况表 (2200509 气象服务 … 2200599 其他气象事务支出)
GUANGZHOU_SPENDING = NATIONAL / "guangzhou-qixiangju-2026-p1-5-6-8-9.pdf"


def test_a_mistyped_code_that_another_row_prints_is_told(tmp_path: Path) -> None:
    """2200599 其他气象事务支出 printed 2200509: 2200509 is another row's code (气象服务), so the table prints a 项 code
    twice and is not read for sure — nothing in it was judged. The pair is judged all the same: “其他气象事务支出” is
    2200599's name, a code of the same 款."""
    line, told = _told_of_planting(GUANGZHOU_SPENDING, "请核对编码", "科目编码", "2200599", 5, "2200509", tmp_path)
    assert "2200509  其他气象事务支出" in line
    assert len(told) == 1 and "2200509" in told[0] and "2200599" in told[0], told


# 广州市气象局 2026年部门预算 pp. 22–24 (gd-guangzhou-qixiangju-2026-dept-budget.pdf): 表12 部门预算项目支出及其他支出预算表,
# a table of its units' projects whose 绩效目标 column ends the grid on its first page; pp. 23–24 print its header again
GUANGZHOU_PROJECTS = NATIONAL / "guangzhou-qixiangju-2026-p22to24.pdf"


def test_the_rows_of_a_table_of_units_past_its_first_page_are_held_to_their_sources(tmp_path: Path) -> None:
    """机构运行辅助经费's 其他资金 0.00 printed 0.06 on p. 23: the table's grid ends on its first page (the 绩效目标 text), the
    pages after it were known to be the table's and not read. Their lines printing a figure for each column of
    amounts are its rows: 7.00 is off 7.00 + 0.06."""
    from reportgen.importing.budget.by_unit import by_unit_table, set_aside
    from reportgen.importing.recognition import catalog as catalogs
    from reportgen.readers.published import read_published

    def differences(path: Path) -> list[str]:
        catalog, read = catalogs.load(None), read_published(path)
        tables = [t for grid in read.grids if (t := by_unit_table(grid, catalog)) is not None]
        return [d for table in tables for d in set_aside(table, read.lines).differences]

    assert differences(GUANGZHOU_PROJECTS) == []
    path, line = _planted(GUANGZHOU_PROJECTS, "表格数", "0.00", 3, "0.06", tmp_path, nth=63)
    assert "0.06  落实对气象业务系统维护" in line
    found = differences(path)
    assert len(found) == 1 and "第2页" in found[0] and "机构运行辅助经费 合计 印作 7.00" in found[0] and "0.06" in found[0], found


def test_the_subtotals_of_this_years_income_and_of_last_years_carried_over_are_held_to_their_parts(
        tmp_path: Path) -> None:
    """北京's 收入总表 prints 本年收入 小计 and 上年结转结余 小计 beside the 合计: the 合计 was held to the sources and the
    上年结转 together, neither 小计 to anything — 3,343,492.984666 printed 3,343,492.980666 went untold. Now each is held
    to its own parts (this year's sources; the funds carried over), and the 合计 still to all of them."""
    path, line = _planted(BEIJING_INCOME, "表格数", "3,343,492.984666", 12, "3,343,492.980666", tmp_path)
    assert "3,343,492.980666" in line
    (slip,) = _slips(path)[0]
    assert "本年收入合计 印作 3,343,492.980666，而其组成部分之和为 3,343,492.984666" in slip, slip
    path, line = _planted(BEIJING_INCOME, "表格数", "1,140,406.841279", 12, "1,140,406.840279", tmp_path)
    slips = _slips(path)[0]
    assert len(slips) == 2 and any("上年结转 印作 1,140,406.840279" in slip for slip in slips), slips


def test_a_row_headed_by_its_income_total_is_held_to_its_sources_and_carry_over(tmp_path: Path) -> None:
    """深圳's 收入总表 heads its total 收入总计 (no 合计): 收入总计 | 一般公共预算拨款 … 单位资金 … | 上年结余、结转. Its row
    was held to nothing — 215,806.34 printed 215,006.34 went untold. Now the 收入总计 is held to this year's sources
    with 上年结转 (as the 收支总表's 收入总计 is)."""
    slips, _ = _slips(SHENZHEN_TOTALS)
    assert not [slip for slip in slips if "收入总计" in slip], slips
    path, line = _planted(SHENZHEN_TOTALS, "表格数", "215,806.34", 4, "215,006.34", tmp_path)
    assert "254,403.68  215,006.34" in line
    slips, _ = _slips(path)
    assert any("收入总计 印作 254,403.68，而其组成部分之和为 253,603.68" in slip and "215,006.34" in slip
               for slip in slips), slips


# 烟台市水利局 2026年部门预算 pp. 1, 9, 13–14, 32 (sd-yantai-shuiliju-2026-dept-budget.pdf): its cover, 收支总体情况表, 支出总体
# 情况表 (支出 = 基本支出 + 项目支出) and “2.支出预算减少13,699.55万元，其中基本支出增加204.87万元，项目支出减少13,904.42万元”
YANTAI_CHANGES = NATIONAL / "yantai-shuiliju-2026-p1-9-13-14-32.pdf"
# 广州市国资委 2026年部门预算 pp. 1, 5–8, 17, 28: its cover, 收支、收入、支出总表, the 行政经费及“三公”经费 table (this year only) and
# “公务用车购置及运行维护费34.29万元（公务用车购置费0万元，比上年增加0万元；公务用车运行维护费34.29万元，比上年增加24.29万元。）
# 比上年增加24.29万元”
GUANGZHOU_VEHICLES = NATIONAL / "guangzhou-guoziwei-2026-p1-5to8-17-28.pdf"
# 江苏省人大常委会办公厅 2018年部门预算 pp. 1, 8–10, 19, 27–28 (js-rendabangongting-2018-dept-budget.pdf): its cover, three tables,
# but not its “三公”经费 table, and “……因公出国（境）费支出222.5万元，占“三公”经费的26.69%；公务用车购置及运行费支出183.6万元，
# 占“三公”经费的22.03%；公务接待费支出427.5万元，占“三公”经费的51.28%”
JIANGSU_SHARES = NATIONAL / "js-rendabangongting-2018-p1-8to10-19-27-28.pdf"
_WHOLE = "全部分项"


def test_the_changes_of_all_the_parts_of_a_whole_add_up_to_its_change(tmp_path: Path) -> None:
    """A sentence stating the change of 支出 and of its 基本支出 and 项目支出 — which the tables make all of it — with no
    table printing last year's: 204.87 printed 204.83 was judged by nothing (no prior) and went untold. The parts'
    changes must add up to the whole's (+204.83 − 13,904.42 = −13,699.59, not −13,699.55)."""
    line, told = _told_of_planting(YANTAI_CHANGES, _WHOLE, "正文金额", "204.87", 5, "204.83", tmp_path)
    assert "基本支出增加204.83万元" in line
    assert len(told) == 1 and "204.83" in told[0] and "13,699.59" in told[0], told


def test_the_changes_of_the_two_vehicle_parts_add_up_to_the_vehicles_change(tmp_path: Path) -> None:
    """The bracket after 公务用车购置及运行维护费 lists its two parts with their changes, the change of the whole after
    it: 运行维护费's +24.29 printed +24.39 was judged only by a prior read from that very sentence (未能核对)."""
    line, told = _told_of_planting(GUANGZHOU_VEHICLES, _WHOLE, "正文金额", "24.29", 3, "24.39", tmp_path, nth=1)
    assert "公务用车运行维护费34.29万元，比上年增加24.39万元" in line
    assert len(told) == 1 and "比上年增加24.39万元" in told[0] and "24.29" in told[0], told


# 上海市应急管理局执法总队 2026年单位预算 pp. 1, 8, 10, 19–20 (sh-city-yingjizhifa-2026-unit-budget.pdf): its cover, 收入、支出
# 预算总表, the “三公” table (this year only) and “2026年“三公”经费预算数为43.50万元，比2025年预算增加18.00万元。其中：”, each part
# in its own paragraph: “（二）公务用车购置及运行费17.50万元，比2025年预算增加8.00万元，……其中：公务用车购置费0.00万元，与2025年
# 预算持平；公务用车运行费17.50万元，比2025年预算增加8.00万元……”“（三）公务接待费2.00万元，与2025年预算持平。”
SHANGHAI_THREE_PUBLIC = NATIONAL / "shanghai-city-yingjizhifa-2026-p1-8-10-19-20.pdf"


def test_the_changes_of_all_the_parts_said_in_the_paragraphs_after_the_whole_add_up_to_its_change(tmp_path: Path) -> None:
    """The whole's change in one sentence, each part's (or its being 持平) in the paragraphs after it: 车's +8.00 printed
    +8.04 was judged by nothing (no table prints 2025's figures). The parts' changes must add up to the whole's, each
    持平 a change of nothing: “三公” +18.00 against +10.00 + 8.04 + 0, and 车's +8.04 against its own parts' 0 + 8.00."""
    line, told = _told_of_planting(SHANGHAI_THREE_PUBLIC, _WHOLE, "正文金额", "8.00", 3, "8.04", tmp_path)
    assert "用车购置及运行费17.50万元，比2025年预算增加8.04万元" in line
    assert len(told) == 2, told
    assert "增加18.00万元" in told[0] and "合计增加18.04万元" in told[0] and "“公务接待费”与2025年预算持平" in told[0], told
    assert "“公务用车购置及运行维护费”比2025年预算增加8.04万元" in told[1] and "合计增加8.00万元" in told[1], told


def test_the_shares_of_all_the_three_public_parts_are_their_amounts_over_their_sum(tmp_path: Path) -> None:
    """The “三公” table not printed (so not read), the text's three parts are all the “三公” there is: each share is its
    amount over their sum — 26.69% printed 28.69% was 未能核对 (“no table”). The 22.03% made to add up to 100%
    (22.02 by the amounts) is no slip."""
    line, told = _told_of_planting(JIANGSU_SHARES, _WHOLE, "占比", "26.69", 1, "28.69", tmp_path)
    assert "28.69%" in line
    assert len(told) == 1 and "28.69%" in told[0] and "应为 26.69%" in told[0] and "22.03" not in told[0], told


# 佛山市轨道交通局 2019年部门决算 pp. 1, 12, 27 (gd-foshan-guidaojiaotongju-2019-dept-final.pdf): its cover, 财政拨款收入支出决算
# 总表 and “2019 年本部门机关运行经费支出 97.19 万元，比预算数增加 97.19 万元，增长 0%”
FOSHAN_RUNNING = NATIONAL / "foshan-guidaojiaotongju-2019-p1-12-27.pdf"


def test_an_increase_larger_than_the_whole_amount_is_told(tmp_path: Path) -> None:
    """97.19 printed 97.16: “支出97.16万元，比预算数增加97.19万元” makes the budget −0.03 — told as no rate from nothing
    only where the two are equal, it went untold. An increase larger than the amount at any rounding is a slip."""
    line, told = _told_of_planting(FOSHAN_RUNNING, "负数", "正文金额", "97.19", 4, "97.16", tmp_path)
    assert "机关运行经费支出 97.16 万元" in line
    assert len(told) == 1 and "97.16" in told[0] and "-0.03" in told[0], told


# 烟台市大数据局 2026年部门预算 pp. 1, 6, 25, 28 (sd-yantai-dashujuju-2026-dept-budget.pdf): its cover, 收支总体情况表, 政府采购预算表
# (合计 5,931.4 alone) and “2026年政府采购预算5,931.4万元，其中：政府采购货物预算6.1万元、……工程预算0万元、……服务预算5,925.3万元”
YANTAI_PROCUREMENT = NATIONAL / "yantai-dashujuju-2026-p1-6-25-28.pdf"


def test_a_total_its_table_prints_measures_the_text_beside_parts_the_text_alone_gives(tmp_path: Path) -> None:
    """The 政府采购预算表 prints the 合计 only, the text gives 货物, 工程, 服务: every 政府采购 figure was 未能核对 (“read from
    the text itself”), the table's 合计 too — 5,931.4 printed 5,931.0 went untold (its parts, 0 among them, added up
    within their rounding). A value the table gave measures the text."""
    line, told = _told_of_planting(YANTAI_PROCUREMENT, "5,931", "正文金额", "5,931.4", 6, "5,931.0", tmp_path)
    assert "政府采购预算5,931.0万元" in line
    assert len(told) == 1 and "5,931.0" in told[0] and "5,931.4" in told[0], told


# 广州市司法局 2026年部门预算 pp. 1, 7–10, 48 (gd-guangzhou-sifaju-2026-dept-budget.pdf): its cover, four tables and “公务用车购置及
# 运行维护费346.67万元（公务用车购置费36万元，比上……；……比上年减少2.56万元。）比上年增加33.44万元，增长10.7%”
GUANGZHOU_BRACKET = NATIONAL / "guangzhou-sifaju-2026-p1-7to10-48.pdf"


def test_an_amount_its_change_and_rate_with_its_parts_bracketed_between_are_held_together(tmp_path: Path) -> None:
    """The bracket after the amount lists its parts with their own changes; the amount's change and rate follow it.
    They were read as no triple (other figures between), and 10.7% printed 19.7% went untold: no table prints last
    year's 公务用车. The amount, the change and the rate after the bracket are one figure's."""
    line, told = _told_of_planting(GUANGZHOU_BRACKET, "346.67", "比率", "10.7", 1, "19.7", tmp_path)
    assert "增长19.7%" in line
    assert len(told) == 1 and "19.7%" in told[0] and "10.68%" in told[0], told


def test_this_years_figure_cut_and_said_of_last_year_is_told(tmp_path: Path) -> None:
    """“（二）公务接待费。2026 年预算数 1.35 万元” printed with 2025: the table's 2026 公务接待费 is 1.355554 (北京 prints six
    decimals of 万元), which the text cuts to 1.35 rather than rounds — it was held to the rounded 1.36 and went untold."""
    from reportgen.review.documents import review_together

    def told(files: list[Path]) -> list[str]:
        return [r.text for result in review_together(files, None) for r in reported_of(result)[0] if "年度是否写错" in r.text]

    path, line = _planted(MINZHENG_NARRATIVE, "年份", "2026", 3, "2025", tmp_path, nth=1)
    assert "公务接待费。2025 年预算数 1.35" in line
    (tmp_path / MINZHENG_TABLES.name).write_bytes(MINZHENG_TABLES.read_bytes())
    found = told([path, tmp_path / MINZHENG_TABLES.name])
    assert len(found) == 1 and "1.35万元" in found[0] and "2025" in found[0], found


def test_a_tables_own_title_centred_on_its_page_naming_last_year_is_told(tmp_path: Path) -> None:
    """A table's own title, centred on its page (“2025年预算单位政府性基金预算支出功能分类预算表” after forty spaces), was
    measured with those spaces, too long for a title, and went untold (the contents' line of it was told)."""
    path, line = _planted(SHANGHAI_CONTENTS, "年份", "2026", 3, "2025", tmp_path, nth=9)
    assert line.replace(" ", "").startswith("2025年预算单位")
    told = [t for t in _told(path) if "标题" in t]
    assert len(told) == 1 and "2025年预算单位" in told[0], told


# 江苏省高级人民法院 2018年部门预算, the whole document (js-gaoyuan-2018-dept-budget.pdf): four tables print its 一般公共预算基本支出
# 18,570.82, the sum of its rows to the cent, and “江苏省高级人民法院2018年度一般公共预算财政拨款基本支出预算18570.82万元，其中：”
GAOYUAN = NATIONAL / "js-gaoyuan-2018.pdf"


def test_a_total_the_tables_print_is_held_to_what_they_print_not_to_its_rows_rounding(tmp_path: Path) -> None:
    """18570.82 printed 18570.87 went untold: the total summed from its rows was allowed their rounding (±0.005 a row,
    0.055 万元 for eleven), where the tables print that very total. A text copies the total the tables print; a sum
    within the rows' rounding of it is no 尾数 when the tables print the one and never the other."""
    line, told = _told_of_planting(GAOYUAN, "18570.87", "正文金额", "18570.82", 7, "18570.87", tmp_path, nth=2)
    assert "基本 支出预算 18570.87 万元" in line
    assert len(told) == 1 and "应为 18,570.82万元" in told[0], told


def test_a_sentence_printed_again_with_one_figure_otherwise_is_told(tmp_path: Path) -> None:
    """江苏 prints “主要原因是基本支出增加1447.63万元、项目支出安排减少200万元、单位预留机动经费增加3075.14万元” in three
    sections and no table prints last year's: 1447.63 printed 1447.53 in the first was judged by nothing and went untold.
    Copies of one sentence that differ in one figure alone cannot all be true: the one the others do not bear out is
    told, with the other copy's figure."""
    line, told = _told_of_planting(GAOYUAN, "1447.53", "正文金额", "1447.63", 5, "1447.53", tmp_path)
    assert "主要原因是基本支出增加 1447.53 万元" in line
    assert len(told) == 1 and ("这里写作“1447.53万元”，另一处写作“1447.63万元”" in told[0]
                               or "应为 增加1,447.63万元" in told[0]), told
    review = review_document(tmp_path / GAOYUAN.name, None).narrative
    assert review is not None
    said = [f.rule for f in review.contradictions if "1447.53" in f.message]
    judged = [v for v in review.verdicts if v.status == "disagree" and "1447.53" in v.statement.text]
    # the import reads 基本支出's change where a sentence says it (“此外，基本支出预算数为…。与上年相比增加1447.63万元”):
    # the copy is judged against it; where it does not, the copies against each other (R-前后不一)
    assert said == ["R-前后不一"] or (not said and len(judged) == 1)


WANLI_2023 = Path(__file__).parent.parent / "bench" / "corpus" / "putuo-wanli-2023.pdf"


def test_sentences_of_two_items_alike_but_their_amount_and_a_rate_of_100_are_not_one_sentence() -> None:
    """万里街道 2023 says of each 项 new that year “2022年当年预算执行数为0万元，2023年预算安排X万元，比2022年预算执行数增加
    100.00%”: 专项普查活动 60.13 and 其他行政事业单位养老支出 0.31 were told as one sentence printed twice with two amounts
    (R-前后不一). A 0 and a rate of 100 % tie no two copies to one quantity; the 江苏 copies above still are, and so are
    this document's 基本养老保险缴费 and 职业年金缴费 sentences: both “2023年预算安排441.25万元，……增加60.54%”, the rate
    of 274.85 → 441.25 printed again beside 132.59 (a copied sentence, told)."""
    review = review_document(WANLI_2023, None).narrative
    assert review is not None and review.counts["matched"] > 0
    told = [f.message for f in review.contradictions if f.rule == "R-前后不一"]
    assert len(told) == 1 and "“274.85万元”" in told[0] and "“132.59万元”" in told[0], told
    assert not any("60.13" in message or "0.31" in message for message in told)



# 烟台市文化和旅游局 2026年部门预算 pp. 1, 4, 9, 13, 21, 23–24, 34: its 收支总体情况表 (p. 9, here the third page) prints five
# 类 (9.50, 19,276.03, 2,844.00, 724.55, 1,019.31: 23,873.39) and 本年支出合计 23,873.40, then 支出总计 23,873.40
YANTAI_SUMMARY = NATIONAL / "yantai-wenlvju-2026-p1-4-9-13-21-23-24-34.pdf"


def test_a_summary_tables_spending_of_the_year_printed_otherwise_than_its_classes_is_told(tmp_path: Path) -> None:
    """本年支出合计 23,873.40 printed 23,883.40 went untold: 支出总计 was held to the 类 and 结转下年, 收入总计 to 支出总计,
    and nothing to the 本年支出合计 between them. It is the sum of the 类 printed above it (their 尾数 allowed)."""
    line, told = _told_of_planting(YANTAI_SUMMARY, "23,883.40", "表格数", "23,873.40", 4, "23,883.40", tmp_path, nth=1)
    assert "本 年 支 出 合 计" in line or "本年支出合计" in line.replace(" ", "")
    assert len(told) == 2 and "本年支出合计 印作 23,883.40，而其组成部分之和为 23,873.39" in told[0], told
    # and the 支出总表's 合计 prints the year's spending again (reconcile._spending_table_total)
    assert "本年支出合计与支出总表的合计 印作 23,883.40，而其组成部分之和为 23,873.40" in told[1], told


def test_a_summary_tables_income_of_the_year_printed_otherwise_than_its_sources_is_told(tmp_path: Path) -> None:
    """The same table's 本年收入合计 23,873.40 printed 23,883.40: 收入总计 was held to every item of income, and nothing
    to the 本年收入合计 above it. It is the sum of the sources printed above it, 财政拨款收入 counted by its fund."""
    _, told = _told_of_planting(YANTAI_SUMMARY, "23,883.40", "表格数", "23,873.40", 4, "23,883.40", tmp_path, nth=0)
    assert len(told) == 1 and "本年收入合计 印作 23,883.40，而其组成部分之和为 23,873.40" in told[0], told


# 深圳市公安局交通管理局 2026年部门预算 pp. 1, 6–8 (gd-shenzhen-jiaoguanju-2026-dept-budget.pdf): its cover and the 说明's
# “预算254,403.68万元，包括……” with its items (the whole document tells the same)
JIAOGUANJU_ITEMS = NATIONAL / "shenzhen-jiaoguanju-2026-p1-6to8.pdf"


def test_an_item_that_says_its_part_of_the_list_before_otherwise_is_told(tmp_path: Path) -> None:
    """“预算254,403.68万元，包括在职人员经费126,883.76万元、公用经费……、项目支出100,763.03万元。” then “（一）在职人员经费
    126,883.76万元，主要是……” … “（五）项目支出……”: the items take up the list's parts one by one, so each says its part's
    amount; the first item printed 126,683.76 was passed (no table prints 在职人员经费)."""
    line, told = _told_of_planting(JIAOGUANJU_ITEMS, "126,683.76", "正文金额", "126,883.76", 4, "126,683.76", tmp_path, nth=1)
    assert "（一）在职人员经费 126,683.76 万元" in line
    assert len(told) == 1 and "“在职人员经费”在第" in told[0] and "列作126,883.76万元" in told[0], told


# 烟台市水利局 2026年部门预算 pp. 1, 20, 22, 32 (sd-yantai-shuiliju-2026-dept-budget.pdf): its cover, 一般公共预算基本支出情况表,
# 一般公共预算“三公”经费支出情况表 and p. 32 (the whole document, reviewed twice, was this file's slowest test: it tells the same)
SHUILIJU = NATIONAL / "yantai-shuiliju-2026-p1-20-22-32.pdf"


def test_a_listed_part_that_names_the_tables_own_part_is_judged_by_it(tmp_path: Path) -> None:
    """“2.公务用车购置及运行费10.2万元，其中：公务用车购置费0万元，……；公务用车运行维护费10.2万元，比上年减少3.2万元，
    下降23.88%” (烟台市水利局 2026 p. 32), the second 10.2 printed 10.1: the parts, the 0 read as anything under half a
    万元, still “added up” to 10.2, and a part of a sum that agrees was left unjudged (review/listed.py, the case of a
    fund's own 预算准备金) — and the sentence's rate, at one decimal, bore the 10.1 out. The parts name the tables' own
    parts of the amount (their figures add up to its figure): each is judged by its figure."""
    line, told = _told_of_planting(SHUILIJU, "10.1万元", "正文金额", "10.2", 3, "10.1", tmp_path, nth=1)
    assert "公务用车运行维护费10.1万元" in line.replace(" ", "")
    assert told == ["10.1万元（应为 10.2万元；）"], told


SHENZHEN_MINZHENG = CORPUS / "gd-shenzhen-minzheng-2026-dept-budget.pdf"  # 深圳市民政局 2026, whole


def test_a_year_total_below_classes_listed_with_their_lines_is_held_to_the_classes(tmp_path: Path) -> None:
    """深圳市民政局 2026's 收支总表 lists each 类 with its 款 and 项 under it (“五、其他支出 19,336.15”, “彩票公益金安排的支出
    19,336.15”, “用于社会福利的彩票公益金支出 19,336.15”) and then 本年支出合计 28,283.46: its 本年支出合计 printed 28,280.46 was
    held to nothing (only a side of 类 alone was summed, importing/reconcile.py). Now the 类 alone are summed where every
    row above is a 类 or a line of the function classification under one; the published file's tail of 0.01 stays a
    note, not an error."""
    assert not [t for t in _told(SHENZHEN_MINZHENG) if "本年支出合计" in t]
    path, line = _planted(SHENZHEN_MINZHENG, "表格数", "28,283.46", 5, "28,280.46", tmp_path, nth=0)
    assert "28,280.46" in line
    told = [t for t in _told(path) if "本年支出合计" in t]
    assert len(told) == 2 and "本年支出合计 印作 28,280.46，而其组成部分之和为 28,283.47" in told[0], told
    assert "本年支出合计与支出总表的合计 印作 28,280.46，而其组成部分之和为 28,283.46" in told[1], told  # (printed again there)


def test_the_budgets_purchases_dated_last_year_are_told(tmp_path: Path) -> None:
    """“2026年预算安排中，购置单位价值100万元以上的设备0台（套）” (北京市民政局 2026 p. 7, its 国有资产占用情况) printed “2025年
    预算安排中”: last year's budget may be named in a budget, and was passed; the purchases a budget arranges are its own
    year's (so in each of the 17 budgets of our corpora that say it, 北京's and 上海's) — told."""
    line, told = _told_of_planting(MINZHENG_NARRATIVE, "安排的购置", "年份", "2026", 3, "2025", tmp_path, nth=3)
    assert "2025年预算安排中，购置" in line.replace(" ", "")
    assert len(told) == 1 and told[0].startswith("写作“2025年预算安排中，购置”，本文件是 2026 年预算：安排的购置是本年预算的"), told
    # 北京市水务局 2026 p. 10 wraps the line after “2026 年预算安排中，”: the next line's “购置” is read with it
    line, told = _told_of_planting(CORPUS / "bj-shuiwuju-2026-dept-budget.pdf", "安排的购置", "年份", "2026", 3, "2025",
                                   tmp_path, nth=3)
    assert "2025年预算安排中，" in line.replace(" ", "") and len(told) == 1, told
    # 首都绿化委员会办公室 2026 p. 6 (its cover and that page) wraps it after “2026 年预算安排”: “中，购置” begins the next line
    line, told = _told_of_planting(NATIONAL / "beijing-shoudulvhuaban-2026-p1-6.pdf", "安排的购置", "年份", "2026", 3,
                                   "2025", tmp_path, nth=3)
    assert "2025 年预算安排 中，购置" in line and len(told) == 1 and told[0].endswith("2025 年预算安排」"), (line, told)
    # 烟台市住房和城乡建设局 2026 p. 35 (its cover, p. 6 and that page): “2026年预算未安排购置单位价值100万元以上的设备” — none arranged, of its year all the same
    line, told = _told_of_planting(NATIONAL / "yantai-zhujianju-2026-p1-6-35.pdf", "安排的购置", "年份", "2026", 3,
                                   "2025", tmp_path, nth=1)
    assert "2025年预算未安排购置" in line.replace(" ", "") and len(told) == 1 and "“2025年预算未安排购置”" in told[0], told


def test_the_units_a_budget_covers_said_of_last_year_are_told(tmp_path: Path) -> None:
    """“纳入本部门2018年部门汇总预算编制范围的预算单位共计一家” in 江苏省人大常委会办公厅's 2019 budget (its p. 5, found by hand
    in the held-out set; “编” / “制范围” wrapped): the units a document's budget covers are of its own year, in each of the
    17 documents of our corpora that say it (江苏's, 烟台's, 上海's 决算) but this one — told; and planted in 烟台市住房和城乡
    建设局 2026's p. 6 (its cover, that page and p. 35), “纳入……2025 年部门预算编制范围的二级预算单位”."""
    from tests.support.cli import reportgen

    done = reportgen("review", NATIONAL / "js-rendachangweihui-2019-p1-5-9.pdf")  # (its cover, that page, p. 9's 收支)
    told = [line for line in done.stdout.splitlines() if "编制范围" in line]
    assert told == [f"{NATIONAL / 'js-rendachangweihui-2019-p1-5-9.pdf'}:7: 警告 [R-文字] 写作“2018年部门汇总预算编制范围”，"
                    "本文件是 2019 年预算：编制范围是本年预算的"], done.stdout
    line, found = _told_of_planting(NATIONAL / "yantai-zhujianju-2026-p1-6-35.pdf", "编制范围", "年份", "2026", 3, "2025",
                                    tmp_path)
    assert "2025年部门预算编制范围的二级预算单位" in line.replace(" ", "")
    # (told once: the line is its scope's sentence, no title naming another year — and the department is no longer read
    # from it as “纳入烟台市住房和城乡建设局”, nor the year as 2025, where no table names them: importing/prose.py _owner)
    assert len(found) == 1 and found[0].startswith("写作“2025年部门预算编制范围”，本文件是 2026 年预算：编制范围是本年预算的"), found
    assert told_department(NATIONAL / "yantai-zhujianju-2026-p1-6-35.pdf") == ("烟台市住房和城乡建设局", 2026)


def told_department(path: Path) -> tuple[str, int | None]:
    """The department and year the review's source names, read from the document."""
    result = review_document(path, None)
    assert result.imported is not None
    return result.imported.imported.department, result.imported.imported.year


# 江苏省政协办公厅 2017年度部门预算: its cover and p. 8 (“项目支出预算数为 3,123.68 万元。与上年数一致。”), and its 报表's 表一
# 收支预算总表 and 表三 支出预算总表 (whose 合计 row alone prints the 项目支出: the function rows print no 基本/项目 split)
ZHENGXIE_2017 = NATIONAL / "js-zhengxie-2017-p1-8-tables-p1-3.pdf"


def test_the_project_spending_only_the_spending_tables_total_row_prints_is_held_to_it(tmp_path: Path) -> None:
    """The source holds no 项目支出 where the function rows print no split (江苏 2017), and the text's 项目支出 was 未能核对:
    the 支出总表's 合计 row prints it (3,123.68, beside 基本支出 and 单位预留机动经费), and it is the figure of that name
    now (review/documents.py beside_spending, as 单位预留机动经费 and 北京's 事业单位经营支出 were)."""
    line, told = _told_of_planting(ZHENGXIE_2017, "3,623.68", "正文金额", "3,123.68", 2, "3,623.68", tmp_path)
    assert "项目支出预算数为3,623.68万元" in line.replace(" ", "")
    assert told == ["3,623.68万元（应为 3,123.68万元；）"], told


def test_a_row_whose_total_leaves_out_the_carried_over_its_table_holds_is_told(tmp_path: Path) -> None:
    """深圳宣传部 2026's 项目支出总表 (p. 27, a table no kind names) holds 上年结余、结转 in its 总计: 上级下达资金 1,610.00 =
    1,100.00 + 510.00, and two rows more. 专项工作's 0.00 there printed 0.05 made a row whose 总计 (19,800.61) is its sources
    without it — which a 合计 may be in other tables (the national 收入总表's 小计), so it went untold. A table holds it
    or not: the rows printing one other than 0 say which."""
    source = CORPUS / "gd-shenzhen-xuanchuanbu-2026-dept-budget.pdf"  # 中共深圳市委宣传部 2026, whole
    line, told = _told_of_planting(source, "专项工作 合计", "表格数", "0.00", 3, "0.05", tmp_path, nth=533)
    assert "0.05" in line
    assert len(told) == 1 and "印作 19,800.61，而其组成部分之和为 19,800.66" in told[0] and "上年结转 0.05" in told[0], told


def test_the_parts_quoted_of_a_total_they_miss_put_those_other_than_0_first(tmp_path: Path) -> None:
    """广州市司法局 2026's 收入总表 (p. 9) prints eleven sources on each unit's row, nearly all 0.00; one of 法制教育管理所's
    printed 0.03 was told “印作 2,479.96，而其组成部分之和为 2,479.99（2,479.96、0.00、0.00、0.00、0.00、0.00 等 11 处）” —
    the six parts quoted hid the one that made the difference. A 0 adds nothing: the parts other than 0 come first."""
    source = GUANGZHOU_BRACKET  # 广州市司法局 2026: its cover, pp. 7–10 (p. 9 the 收入总表) and 48; the whole told the same
    line, told = _told_of_planting(source, "法制教育管理所 合计", "表格数", "0.00", 3, "0.03", tmp_path, nth=96)
    assert "0.03" in line
    assert len(told) == 1 and "之和为 2,479.99（第4页 第20行 2,479.96、第4页 第20行 0.03、" in told[0], told


# 江苏省人民检察院 2018年部门预算 pp. 1, 13–19, 25–26 (js-jianchayuan-2018-dept-budget.pdf): its cover, 公开01–06表 and “五、财政拨款
# 支出预算情况说明” / “（一）公共安全支出（类）” / “检察（款）: 2018 年预算支出合计 16,444.36 万元。”
JIANCHAYUAN_FISCAL = NATIONAL / "js-jianchayuan-2018-p1-13to19-25-26.pdf"


def test_a_classs_spending_under_a_fiscal_heading_is_judged_where_the_fiscal_money_is_one_funds(tmp_path: Path) -> None:
    """The 检察 款 is known only as 一般公共预算's (the 一般公共预算支出表's row), and the text named 财政拨款, not that fund:
    its 16,444.36 printed 11,444.36 went unjudged (it may be of all the money). The source's 政府性基金 and 国有资本经营
    spend nothing, so its 财政拨款 is all 一般公共预算: the heading names the fund."""
    line, told = _told_of_planting(JIANCHAYUAN_FISCAL, "11,444.36", "正文金额", "16,444.36", 1, "11,444.36", tmp_path)
    assert "预算支出合计 11,444.36 万元" in line
    assert told == ["11,444.36万元（应为 16,444.36万元；）"], told


def test_a_change_said_after_its_amount_by_its_name_less_the_words_of_no_figure_is_judged(tmp_path: Path) -> None:
    """江苏高院 2018 p. 19: “江苏省高级人民法院 2018 年度财政拨款收、支预算总计 33172.15 万元。” / “与上年相比，财政拨款收、支总计
    各增加 4322.77 万元，增长 14.98%。” — the change names the amount again without 预算, with 总计 for 预算总计: it only bore the
    amount out, so 4322.77 printed 4622.77 went untold. Its name with the words that tell no figure apart left out is
    the end of the amount's: judged as one sentence's."""
    line, told = _told_of_planting(GAOYUAN, "4622.77万元意味着", "正文金额", "4322.77", 1, "4622.77", tmp_path, nth=1)
    assert "支总计各增加 4622.77 万元" in line
    assert len(told) == 1 and "33172.15万元与4622.77万元意味着上年为28,549.38万元" in told[0] and "14.98%" in told[0], told


def test_an_item_whose_numbered_items_are_all_it_holds_is_held_to_their_sum(tmp_path: Path) -> None:
    """北京市商务局 2026 情况说明 p. 8: “（二）本年其他资金收入 880.69 万元” and under it “4.财政专户管理资金收入 330.00 万元。” …
    “9.其他收入 49.69 万元。”, then the next heading. No table prints 其他资金, so 880.69 printed 840.69 was judged by nothing:
    the items numbered one after another up to the next heading are all of it, and must add up to it."""
    source = CORPUS / "bj-shangwuju-2026-dept-budget.pdf"  # 北京市商务局 2026 情况说明, whole (its 报表 apart)
    line, told = _told_of_planting(source, "其下各条", "正文金额", "880.69", 1, "840.69", tmp_path)
    assert "本年其他资金收入 840.69 万元" in line
    assert len(told) == 1 and "“本年其他资金收入”840.69万元" in told[0] and "合计 880.69万元" in told[0], told


# 江苏省人大常委会办公厅 2018年度部门预算: its cover, 公开01 收支预算总表, 02 收入预算总表, 03 支出预算总表 (its 合计 row alone:
# no class is printed there) and 04, and 07 一般公共预算支出预算表; and p. 20, its spending by class in words
RENDA_2018 = NATIONAL / "js-rendabangongting-2018-p1-8to10-13-20.pdf"


def test_a_class_of_the_summary_table_is_held_to_the_general_budget_table_where_all_the_money_is_that_funds(
        tmp_path: Path) -> None:
    """The 收支总表's 一般公共服务支出 12706.28 printed 12706.26 (seed 283): its three classes still add up to 当年支出小计
    within the rounding of four printed figures, and the 支出总表 prints no class to hold it to. Its income is all
    一般公共预算拨款 (收入合计 15897.44 = 一般公共预算 15897.44), so its spending is the 一般公共预算支出表's, class by class:
    201 there is 12,706.28 (reconcile._all_general)."""
    line, told = _told_of_planting(RENDA_2018, "一般公共服务支出", "表格数", "12706.28", 7, "12706.26", tmp_path)
    assert "12706.26  一、基本支出" in line, line  # (pdftotext reads the cell beside the 支出用途 side)
    assert len(told) == 1 and "一般公共服务支出（一般公共预算支出表 201） 印作 12,706.26，而其组成部分之和为 12,706.28" in told[0], told


def test_this_years_income_printed_as_the_subtotal_of_its_sources_is_held_to_them(tmp_path: Path) -> None:
    """The same 收支总表's “当年收入小计 15897.44” printed 15897.43 (seed 271): its one source printed, 一般公共预算 15897.44, is the
    total rounded alike, so no rounding can part them. 本年收入合计 was held to its sources, 江苏's “当年收入小计” (as its
    spending side's “当年支出小计”) was not read as it (reconcile.YEAR_TOTALS)."""
    line, told = _told_of_planting(RENDA_2018, "当年收入小计", "表格数", "15897.44", 7, "15897.43", tmp_path)
    assert "当年收入小计  15897.43" in line, line
    assert len(told) == 1 and "当年收入小计 印作 15,897.43，而其组成部分之和为 15,897.44" in told[0], told


# 烟台市水利局 2026年部门预算: its cover and 公开表4 财政拨款收支总体情况表 (two pages)
SHUILI_FISCAL = NATIONAL / "yantai-shuiliju-2026-p1-15-16.pdf"


def test_a_two_sided_tables_spending_row_is_held_to_its_funds(tmp_path: Path) -> None:
    """Its 本年支出合计 row prints 总计 7,157.63 beside 一般公共预算 7,132.41 and 政府性基金预算 25.22; the last printed 23.22
    (seed 313) went untold: a 两栏 table's rows were held to the classes, not to their own funds (as any other table's
    rows are, reconcile._row_sums)."""
    line, told = _told_of_planting(SHUILI_FISCAL, "本年支出合计", "表格数", "25.22", 1, "23.22", tmp_path, nth=2)
    assert "7,132.41  23.22" in line, line
    assert len(told) == 1 and "本年支出合计 合计 印作 7,157.63，而其组成部分之和为 7,155.63" in told[0], told


def test_a_class_of_all_the_money_is_judged_by_the_general_budgets_where_all_the_money_is_that_funds(tmp_path: Path) -> None:
    """p. 20 “（二）支出预算总计 15897.44 万元。包括：1．一般公共服务（类）支出 12706.28 万元” printed 12706.24 (seed 301): the
    source knows 201 as the 一般公共预算's alone (the 支出总表 prints no class) and the sentence names no fund, so it went
    unjudged (judge._of_one_fund) — but all the income is 一般公共预算拨款 (收入合计 15897.44 = 一般公共预算 15897.44):
    all the money's class is that fund's (judge._all_of)."""
    line, told = _told_of_planting(RENDA_2018, "12706.24", "正文金额", "12706.28", 7, "12706.24", tmp_path)
    assert "一般公共服务（类）支出 12706.24 万元" in line, line
    assert told == ["12706.24万元（应为 12,706.28万元；）"], told


def test_the_years_spending_printed_in_two_tables_is_the_same_figure(tmp_path: Path) -> None:
    """The same document's 支出预算总表 prints its 合计 alone: 15897.44 printed 15897.45 (seed 313) was a tail of its
    three uses (基本支出 7877.76, 项目支出 6333.96, 单位预留机动经费 1685.72 make 15897.44, within the rounding of four
    figures). It is the 收支总表's 当年支出小计 printed again, which no rounding parts from it (reconcile._spending_table_total)."""
    line, told = _told_of_planting(RENDA_2018, "本年支出合计与支出总表的合计", "表格数", "15897.44", 7, "15897.45", tmp_path,
                                   nth=4)
    assert "合计  15897.45" in line, line
    assert len(told) == 1 and "印作 15,897.44，而其组成部分之和为 15,897.45" in told[0], told


SHENZHEN_ITEMS = NATIONAL / "shenzhen-minzheng-2026-p1-6-10.pdf"  # 深圳市民政局 2026, its cover and pp. 6–10 (the 说明)


def test_the_planter_takes_a_wan_out_and_the_item_in_yuan_is_told(tmp_path: Path) -> None:
    """The class 单位: “（一）在职人员经费 3,738.92 万元” printed “3,738.92 元” — the glyph 万 taken out of its string, nothing
    else of the page's text changed (its spacing aside) — and told: the other items of the list are in 万元."""
    import pikepdf

    line, told = _told_of_planting(SHENZHEN_ITEMS, "请核对单位", "单位", "3,738.92万", 8, "3,738.92", tmp_path, nth=1)
    assert "在职人员经费 3,738.92 元" in line
    assert told == ["“（一）在职人员经费”写作 3,738.92 元，同列的其他各项以万元计：请核对单位「    （一）在职人员经费 3,738.92 元，主要是"
                    "在职人员工资」"], told
    with pikepdf.open(SHENZHEN_ITEMS) as before, pikepdf.open(tmp_path / SHENZHEN_ITEMS.name) as after:
        old, new = (page_text(read_page(pdf, 3)[0].glyphs).text for pdf in (before, after))
    assert old.replace("3,738.92万元，主要是在职", "3,738.92元，主要是在职") == new


def test_an_item_against_its_list_is_told_where_no_table_was_read(tmp_path: Path) -> None:
    """“（一）在职人员经费 3,733.92 万元” under “……包括在职人员经费 3,738.92 万元、……” (seed 331's class) on pages whose tables
    were not read: the item against its list needs no table, and is told in a review of the sentences alone."""
    line, told = _told_of_planting(SHENZHEN_ITEMS, "在职人员经费", "正文金额", "3,738.92", 4, "3,733.92", tmp_path, nth=1)
    assert "（一）在职人员经费 3,733.92" in line
    assert len(told) == 1 and "列作3,738.92万元" in told[0] and "这里写作3,733.92万元" in told[0], told


SHENGWEI_NARRATIVE = NATIONAL / "js-shengweibangongting-2018-p1-6to8.pdf"  # 江苏省委办公厅 2018 说明 pp. 1, 6–8
SHENGWEI_TABLES = NATIONAL / "js-shengweibangongting-2018-tables-p1-3-6-9.pdf"  # its 报表 pp. 1, 3, 6, 9


def test_a_total_its_other_files_tables_print_is_no_rounding_of_its_parts(tmp_path: Path) -> None:
    """Seed 359: “财政拨款预算支出24458.43万元，占本年支出合计的100%” printed 24458.46 in the 说明, its 报表 (another file)
    printing 24,458.43. The 财政拨款支出 summed from its rows may be 0.035 万元 off (their rounding), but a total the tables
    print to the cent is no rounding: the 报表's cells are now the judge's as a one-file document's own are."""
    from reportgen.review.documents import review_together

    def told(narrative: Path) -> list[str]:
        shutil.copyfile(SHENGWEI_TABLES, narrative.parent / SHENGWEI_TABLES.name)
        results = review_together([narrative, narrative.parent / SHENGWEI_TABLES.name], None)
        assert len(results) == 1 and len(results[0].files) == 2  # one disclosure
        return [t for t in reported_of(results[0])[0] if "24458.46" in t.text or "24,458.46" in t.text]

    (tmp_path / "as_published").mkdir()
    shutil.copyfile(SHENGWEI_NARRATIVE, tmp_path / "as_published" / SHENGWEI_NARRATIVE.name)
    assert told(tmp_path / "as_published" / SHENGWEI_NARRATIVE.name) == []
    (tmp_path / "planted").mkdir()
    path, line = _planted(SHENGWEI_NARRATIVE, "正文金额", "24458.43", 7, "24458.46", tmp_path / "planted", nth=7)
    assert "财政拨款预算支出24458.46万元" in line.replace(" ", "")
    assert [t.text for t in told(path)] == ["24458.46万元（应为 24,458.43万元；）"]


JIAOGUAN_VEHICLES = NATIONAL / "shenzhen-jiaoguanju-2026-p1-13-17-18-38.pdf"  # 深圳市公安局交通管理局 2026 pp. 1, 13, 17–18, 38


def test_an_amount_in_yuan_whose_number_the_tables_print_in_wanyuan_is_told(tmp_path: Path) -> None:
    """Seed 347's class 单位: “2026 年计划购置车辆 30 辆、511.25 元，主要是……” — its subject is no figure of the source, no 万元
    shares its sentence, and it is no list's item; but the “三公” table prints 公务用车购置 511.25 (万元), and no table prints
    511.25 元: the unit slipped."""
    line, told = _told_of_planting(JIAOGUAN_VEHICLES, "511.25", "单位", "511.25万", 6, "511.25", tmp_path)
    assert "511.25 元" in line
    assert told == ["511.25元（应为 511.25万元；疑把万元数写成了元：表中印有这个数，单位是万元）"], told


def test_the_same_is_told_where_the_tables_make_no_source(tmp_path: Path) -> None:
    """The same slip on the text's page and the “三公” table alone (pp. 1, 13, 38): no source is made of one table, and
    the sentences are reviewed alone — the table's 511.25 (万元) is printed all the same, and tells the 511.25 元."""
    source = NATIONAL / "shenzhen-jiaoguanju-2026-p1-13-38.pdf"
    from reportgen.review import NO_TABLES

    narrative = review_document(source, None).narrative
    assert narrative is not None and {v.cause for v in narrative.verdicts} == {NO_TABLES}  # (the sentences alone)
    line, told = _told_of_planting(source, "511.25", "单位", "511.25万", 6, "511.25", tmp_path)
    assert told == ["511.25元（应为 511.25万元；疑把万元数写成了元：表中印有这个数，单位是万元）"], told
