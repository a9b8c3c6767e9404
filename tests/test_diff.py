"""`reportgen diff`: the engine (alignment, character diff, year shift), the DOCX reader, the HTML
and tracked-changes DOCX writers, and the command, on the Yantian 2021 → 2022 pair, hand-edited
DOCX files and synthetic pairs."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from reportgen.base.written import RECORD
from reportgen.diff import DocumentDiff, diff_documents, diff_text, summary_text
from reportgen.docmodel.document import Cell, Document, Heading, Paragraph, Row, Table, Title
from reportgen.readers.office.docx import paragraph_text, read_docx, resolve_tracked_changes
from reportgen.runners.diffing import load_input
from reportgen.writers.diff_html import diff_html_string
from reportgen.writers.docx import write_docx
from reportgen.writers.docx.diff import AUTHOR, YEAR_AUTHOR, diff_docx_bytes
from tests.test_cli import run, yantian_with

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OLD = DATA / "shenzhen-yantian-zgh-2021.yaml"
NEW = DATA / "shenzhen-yantian-zgh-2022.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def source(path: Path) -> Document:
    document, findings = load_input(path)
    assert document is not None, [f.format() for f in findings]
    return document


@pytest.fixture(scope="module")
def yantian() -> tuple[Document, Document, DocumentDiff]:
    old, new = source(OLD), source(NEW)
    return old, new, diff_documents(old, new, old_name="2021", new_name="2022")


def figure(result: DocumentDiff, old: str, new: str):  # type: ignore[no-untyped-def]
    found = [f for f in result.figures if (f.old, f.new) == (old, new)]
    assert found, [(f.old, f.new) for f in result.figures]
    return found[0]


# --- character diff -------------------------------------------------------------------------------


def test_a_changed_figure_is_one_change_not_five() -> None:
    diff = diff_text("收入预算1,270.13万元", "收入预算1,273.52万元")
    assert [(s.op, s.old, s.new) for s in diff.spans if s.op != "equal"] == [("replace", "1,270.13", "1,273.52")]


def test_percent_and_decimals_stay_with_their_number() -> None:
    diff = diff_text("增长0.27%。", "增长10.27%。")
    assert [(s.old, s.new) for s in diff.spans if s.op == "replace"] == [("0.27%", "10.27%")]


def test_year_moved_on_by_the_step_is_a_year_shift_not_a_change() -> None:
    diff = diff_text("2021年收入预算，比2020年增加", "2022年收入预算，比2021年增加", year_step=1)
    assert [s.op for s in diff.spans if s.op != "equal"] == ["year", "year"]
    assert not diff.changed()
    assert diff.changed(with_years=True)


def test_a_fixed_date_left_alone_is_not_a_change_in_a_shifted_diff() -> None:
    # "从2020年1月起" is a regulation's date: both years say it, it did not move on.
    diff = diff_text("基层工会分成比例从2020年1月起调整", "基层工会分成比例从2020年1月起调整。", year_step=1)
    assert [(s.op, s.new) for s in diff.spans if s.op != "equal"] == [("insert", "。")]


def test_a_year_that_moved_otherwise_is_a_real_change() -> None:
    diff = diff_text("截至2020年10月", "截至2019年10月", year_step=1)
    assert [(s.op, s.old, s.new) for s in diff.spans if s.op != "equal"] == [("replace", "2020", "2019")]


def test_chinese_sentences_are_diffed_by_character() -> None:
    diff = diff_text("主要用于职工帮扶。", "主要用于职工帮扶和劳模慰问。")
    assert [(s.op, s.new) for s in diff.spans if s.op != "equal"] == [("insert", "和劳模慰问")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="年万元，。1234567890.,%增减收入支出 2021", max_size=40),
       st.text(alphabet="年万元，。1234567890.,%增减收入支出 2022", max_size=40),
       st.integers(min_value=-1, max_value=2))
def test_a_text_diff_gives_back_both_texts(old: str, new: str, step: int) -> None:
    diff = diff_text(old, new, step)
    assert diff.old_text == old
    assert diff.new_text == new
    assert diff.changed(with_years=True) == (old != new)


# --- the Yantian pair -----------------------------------------------------------------------------


def test_yantian_total_change_is_shown_with_difference_and_percentage(yantian) -> None:  # type: ignore[no-untyped-def]
    _, _, result = yantian
    total = figure(result, "1,270.13", "1,273.52")
    assert total.difference == Decimal("3.39")
    assert total.percent == Decimal("0.27")
    assert "1,270.13 → 1,273.52（+3.39，+0.27%）" in summary_text(result)


@pytest.mark.parametrize("old,new,difference,percent", [
    ("25.00", "22.00", "-3.00", "-12.00"),
    ("678.00", "770.56", "92.56", "13.65"),
    ("22.00", "20.00", "-2.00", "-9.09"),
    ("12.00", "15.00", "3.00", "25.00"),
])
def test_yantian_each_project_change_is_listed(yantian, old, new, difference, percent) -> None:  # type: ignore[no-untyped-def]
    _, _, result = yantian
    found = [f for f in result.figures if (f.old, f.new) == (old, new)]
    places = {f.where.split("｜")[0] for f in found}
    assert "（二）项目支出" in places  # the sentence
    assert any(p.startswith("表10") for p in places)  # and the 项目支出表 row
    assert found[0].difference == Decimal(difference)
    assert found[0].percent == Decimal(percent)


def test_yantian_three_public_is_unchanged(yantian) -> None:  # type: ignore[no-untyped-def]
    _, _, result = yantian
    assert not [f for f in result.figures if f.old == "4.00" or f.new == "4.00"]
    table = next(b.table for b in result.blocks() if b.table and "三公" in b.table.label)
    rows = {r.label: r.status for r in table.rows if not r.header}
    # 2021's own row (its 2021年) is 2022's 2022年 row: the same 4.00 a year on.
    assert rows["2022年"] == "equal"
    assert rows["2021年"] == rows["增减变化"] == "inserted"


def test_yantian_has_no_spurious_changes(yantian) -> None:  # type: ignore[no-untyped-def]
    old, new, result = yantian
    assert sum(result.year_shifts.values()) >= 20
    assert set(result.year_shifts) == {("2021", "2022")}
    # Headings differ only by the year: no heading change, no section inserted or deleted.
    counts = result.counts()
    assert counts["headings"] == {"inserted": 0, "deleted": 0, "changed": 0}
    assert counts["sections"]["inserted"] == counts["sections"]["deleted"] == 0
    unchanged = {s.label: s.status for s in result.sections}
    for label in ("一、主要职能", "二、机构设置", "三、2022年主要工作目标", "第四部分  名词解释"):
        assert unchanged[label] == "equal", label
    for f in result.figures:
        assert f.old != f.new
    # Every reported change differs beyond the year shift.
    for block in result.blocks():
        if block.status == "changed" and block.text is not None:
            assert block.text.changed()


def test_a_source_against_itself_reports_no_change() -> None:
    document = source(NEW)
    result = diff_documents(document, source(NEW))
    assert result.unchanged
    assert not result.figures and not result.year_shifts
    assert "未发现差异" in summary_text(result)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_source_against_its_own_docx_reports_no_change(path: Path, tmp_path: Path) -> None:
    document = source(path)
    write_docx(document, tmp_path / "draft.docx")
    read = read_docx(tmp_path / "draft.docx")
    assert read.plain_text() == document.plain_text()
    assert diff_documents(document, read).unchanged


# --- synthetic pairs --------------------------------------------------------------------------------


def doc(year: int, *blocks) -> Document:  # type: ignore[no-untyped-def]
    return Document(list(blocks), meta={"year": str(year)})


def table(rows: list[tuple[str, str, str]], title: str = "2022年支出表", extra: str | None = None) -> Table:
    labels = ["科目编码", "科目名称", "金额"] + ([extra] if extra else [])
    header = [Row([Cell(x) for x in labels], "header")]
    body = [Row([Cell(c), Cell(n), Cell(a, align="right")] + ([Cell("1.00", align="right")] if extra else []), key=c)
            for c, n, a in rows]
    return Table("t", "表1", title, "部门名称：测试局", "单位：万元", header, body, [1] * len(labels))


def section(number: str, words: str, *texts: str) -> list:  # type: ignore[type-arg]
    return [Heading(2, number, words), *(Paragraph(t) for t in texts)]


def test_an_inserted_section_shows_as_inserted_and_shifts_nothing() -> None:
    old = doc(2021, *section("一、", "收入", "收入100.00万元。"), *section("二、", "支出", "支出100.00万元。"),
              *section("三、", "三公", "三公0.00万元。"))
    new = doc(2022, *section("一、", "收入", "收入100.00万元。"), *section("二、", "政府采购", "采购5.00万元。"),
              *section("三、", "支出", "支出100.00万元。"), *section("四、", "三公", "三公1.00万元。"))
    result = diff_documents(old, new)
    assert [(s.label, s.status) for s in result.sections] == [
        ("一、收入", "equal"), ("二、政府采购", "inserted"), ("三、支出", "changed"), ("四、三公", "changed")]
    # 支出 moved down one place: its number changed, its text did not.
    moved = result.sections[2]
    assert [(s.op, s.old, s.new) for s in moved.heading.text.spans if s.op != "equal"] == [("replace", "二", "三")]
    assert [b.status for b in moved.blocks] == ["equal"]
    assert [(f.old, f.new) for f in result.figures] == [("0.00", "1.00")]


def test_a_removed_section_shows_as_deleted() -> None:
    old = doc(2021, *section("一、", "收入", "收入。"), *section("二、", "旧事项", "不再说明。"), *section("三、", "支出", "支出。"))
    new = doc(2022, *section("一、", "收入", "收入。"), *section("二、", "支出", "支出。"))
    result = diff_documents(old, new)
    assert [(s.label, s.status) for s in result.sections] == [
        ("一、收入", "equal"), ("二、旧事项", "deleted"), ("二、支出", "changed")]  # 三、 became 二、
    assert [b.status for b in result.sections[2].blocks] == ["equal"]
    assert result.counts()["sections"] == {"inserted": 0, "deleted": 1, "changed": 1}


def test_paragraphs_align_by_similarity_so_an_inserted_one_shifts_nothing() -> None:
    texts = ["第一段说明职责，共有三项。", "第二段说明机构，设两个科室。", "第三段说明人员，编制十一人。"]
    old = doc(2021, Heading(2, "一、", "概况"), *(Paragraph(t) for t in texts))
    new = doc(2022, Heading(2, "一、", "概况"), Paragraph(texts[0]), Paragraph("新增一段：本年新设职工服务中心。"),
              Paragraph(texts[1].replace("两个", "三个")), Paragraph(texts[2]))
    blocks = diff_documents(old, new).sections[0].blocks
    assert [b.status for b in blocks] == ["equal", "inserted", "changed", "equal"]


def test_table_rows_align_by_key_inserted_and_removed_rows_stand_alone() -> None:
    old_rows = [("201", "一般公共服务支出", "10.00"), ("208", "社会保障和就业支出", "5.00"), ("221", "住房保障支出", "3.00")]
    new_rows = [("201", "一般公共服务支出", "10.00"), ("210", "卫生健康支出", "2.00"), ("208", "社会保障和就业支出", "6.00")]
    result = diff_documents(doc(2021, table(old_rows, "2021年支出表")), doc(2022, table(new_rows)))
    rows = next(b.table for b in result.blocks() if b.table).rows
    assert [(r.header, r.status) for r in rows] == [
        (True, "equal"), (False, "equal"), (False, "inserted"), (False, "changed"), (False, "deleted")]
    assert [(f.old, f.new) for f in result.figures] == [("5.00", "6.00")]
    assert "社会保障和就业支出" in result.figures[0].where and "金额" in result.figures[0].where


def test_an_inserted_column_is_matched_by_its_header() -> None:
    rows = [("201", "一般公共服务支出", "10.00")]
    old = doc(2021, table(rows, "2021年支出表"))
    new = doc(2022, table([("201", "一般公共服务支出", "12.00")], extra="上年预算数"))
    result = diff_documents(old, new)
    body = [r for r in next(b.table for b in result.blocks() if b.table).rows if not r.header]
    cells = [(c.column, c.text.old_text, c.text.new_text) for c in body[0].cells]
    assert cells == [("科目编码", "201", "201"), ("科目名称", "一般公共服务支出", "一般公共服务支出"),
                     ("金额", "10.00", "12.00"), ("上年预算数", "", "1.00")]
    assert not body[0].same_shape


# --- the DOCX with tracked changes ------------------------------------------------------------------


def resolved(data: bytes, tmp_path: Path, mode: str) -> str:
    path = tmp_path / f"diff-{mode}.docx"
    path.write_bytes(data)
    return read_docx(path, mode).plain_text()  # type: ignore[arg-type]


def synthetic_pairs() -> list[tuple[Document, Document]]:
    header_rowspan = [Row([Cell("科目", rowspan=2), Cell("本年", colspan=2)], "header"),
                      Row([Cell("金额"), Cell("占比")], "header")]
    merged_old = Table("m", "表2", "2021年合并表", "", "单位：万元", header_rowspan,
                       [Row([Cell("201"), Cell("1.00"), Cell("10%")], key="201")], [2, 1, 1])
    merged_new = Table("m", "表2", "2022年合并表", "", "单位：万元", copy.deepcopy(header_rowspan),
                       [Row([Cell("201"), Cell("2.00"), Cell("20%")], key="201"),
                        Row([Cell("合计", colspan=3)], "total", key="合计")], [2, 1, 1])
    return [
        (doc(2021, Title("测试局2021年部门预算"), *section("一、", "收入", "收入100.00万元。"), table([("201", "一般", "1.00")], "2021年支出表")),
         doc(2022, Title("测试局2022年部门预算"), *section("一、", "收入", "收入120.00万元，增加20.00万元。"),
             *section("二、", "新设事项", "新增。", "再一段。"),
             table([("201", "一般", "1.50"), ("208", "社保", "2.00")], extra="上年预算数"), merged_new)),
        (doc(2021, *section("一、", "旧事项", "将删除的段落。"), merged_old, Paragraph("表后说明。")),
         doc(2022, Paragraph("新的开头。"), merged_new)),
    ]


@pytest.mark.parametrize("pair", range(3))
def test_accept_all_gives_new_and_reject_all_gives_old(pair: int, tmp_path: Path) -> None:
    old, new = (source(OLD), source(NEW)) if pair == 0 else synthetic_pairs()[pair - 1]
    data = diff_docx_bytes(diff_documents(old, new))
    assert resolved(data, tmp_path, "accept") == new.plain_text()
    assert resolved(data, tmp_path, "reject") == old.plain_text()


def test_revisions_carry_unique_ids_author_and_date(yantian, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, result = yantian
    path = tmp_path / "diff.docx"
    path.write_bytes(diff_docx_bytes(result))
    body = docx.Document(str(path)).element.body
    revisions = [e for e in body.iter() if e.tag in (f"{W}ins", f"{W}del")]
    assert len(revisions) > 100
    ids = [e.get(qn("w:id")) for e in revisions]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e.get(qn("w:date")) or "") for e in revisions)
    authors = {e.get(qn("w:author")) for e in revisions}
    assert authors == {AUTHOR, YEAR_AUTHOR}
    # Whole rows through w:trPr, deleted text in w:delText, and the new total as inserted text.
    assert body.findall(f".//{W}trPr/{W}ins") and body.findall(f".//{W}trPr/{W}del")
    assert any(t.text == "1,270.13" for t in body.iter(f"{W}delText"))
    assert any(t.text == "1,273.52" for ins in body.iter(f"{W}ins") for t in ins.iter(f"{W}t"))


def revision_authors(data: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    return {e.get(qn("w:author")) for e in body.iter(f"{W}ins", f"{W}del")}


def test_year_shifts_are_revisions_of_their_own_author_or_ordinary_on_request() -> None:
    old, new = doc(2021, Paragraph("2021年收入1.00万元")), doc(2022, Paragraph("2022年收入2.00万元"))
    assert revision_authors(diff_docx_bytes(diff_documents(old, new))) == {AUTHOR, YEAR_AUTHOR}
    assert revision_authors(diff_docx_bytes(diff_documents(old, new, show_year_shift=True))) == {AUTHOR}


def test_reader_resolves_pending_tracked_changes(yantian, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A draft still holding revisions reads as accepted (the author's intent) unless asked."""
    old, new, result = yantian
    path = tmp_path / "with-revisions.docx"
    path.write_bytes(diff_docx_bytes(result))
    assert diff_documents(new, read_docx(path)).unchanged
    assert diff_documents(old, read_docx(path, "reject")).unchanged


def test_resolve_joins_a_paragraph_whose_mark_was_deleted() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    body = parse_xml(
        f"<w:body {nsdecls('w')}><w:p><w:pPr><w:rPr><w:del w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'/></w:rPr>"
        "</w:pPr><w:r><w:t>前半</w:t></w:r></w:p><w:p><w:r><w:t>后半</w:t></w:r></w:p></w:body>")
    resolve_tracked_changes(body, "accept")
    assert [paragraph_text(p) for p in body.iter(f"{W}p")] == ["前半后半"]


# --- a hand-edited DOCX -------------------------------------------------------------------------------


def edit_by_hand(path: Path) -> None:
    """What a finance officer does in Word to last year's draft, done with python-docx."""
    draft = docx.Document(str(path))
    paragraphs = draft.paragraphs
    figure_p = next(p for p in paragraphs if p.text.startswith("项目支出827.56万元"))
    figure_p.runs[0].text = figure_p.runs[0].text.replace("827.56", "830.00")
    gone = next(p for p in paragraphs if p.text.startswith("2.做好职工教育培训工作"))
    gone._p.getparent().remove(gone._p)
    after = next(p for p in paragraphs if p.text.startswith("深圳市盐田区总工会内设"))
    after.insert_paragraph_before("本年新设职工服务中心一处。")
    last = next(p for p in paragraphs if p.text.startswith("第五部分"))
    last.insert_paragraph_before("十、其他说明")  # a heading typed in, in the body style
    last.insert_paragraph_before("本部门无其他需要说明的事项。")
    for tbl in draft.tables:
        for tr in tbl._tbl.findall(qn("w:tr")):
            texts = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.findall(qn("w:tc"))]
            if texts[:2] == ["日常业务经费", ""]:
                next(t for t in tr.findall(f"{W}tc")[2].iter(qn("w:t"))).text = "16.00"
            if texts[0] == "2210203" and len(texts) == 5:
                tr.getparent().remove(tr)
            if texts[0] == "2210201" and len(texts) == 5:
                added = copy.deepcopy(tr)
                for tc, value in zip(added.findall(qn("w:tc")), ["2210202", "提租补贴", "1.00", "1.00", "0.00"],
                                     strict=True):
                    next(tc.iter(qn("w:t"))).text = value
                tr.addnext(added)
    draft.save(str(path))


def test_a_hand_edited_draft_shows_exactly_the_edits(tmp_path: Path) -> None:
    new = source(NEW)
    path = tmp_path / "edited.docx"
    write_docx(new, path)
    edit_by_hand(path)
    result = diff_documents(new, read_docx(path))
    changes = [(c.kind, c.status, c.where.split("｜")[0]) for c in result.changes]
    assert changes == [
        ("段落", "deleted", "一、主要职能"),
        ("段落", "inserted", "二、机构设置"),
        ("段落", "changed", "（二）项目支出"),
        ("章节", "inserted", "十、其他说明"),
        ("段落", "inserted", "十、其他说明"),
        ("表格行", "deleted", "表3 2022年部门支出总表"),  # 2210203 购房补贴
        ("表格行", "inserted", "表3 2022年部门支出总表"),  # 2210202 提租补贴: another code, another row
        ("表格行", "deleted", "表5 2022年一般公共预算支出表（按功能分类）"),
        ("表格行", "inserted", "表5 2022年一般公共预算支出表（按功能分类）"),
        ("表格行", "changed", "表10 2022年项目支出表"),
    ]
    assert [(f.old, f.new) for f in result.figures] == [("827.56", "830.00"), ("15.00", "16.00")]
    # And the tracked-changes DOCX of it accepts to the edited text, rejects to the source's.
    data = diff_docx_bytes(result)
    assert resolved(data, tmp_path, "accept") == read_docx(path).plain_text()
    assert resolved(data, tmp_path, "reject") == new.plain_text()


def published_style_docx(path: Path, total: str, extra_row: bool = False) -> None:
    """A disclosure as departments publish it: Normal paragraphs only, numbering typed in, a
    table under a typed caption without header-row marks, spaces around figures."""
    draft = docx.Document()
    for text in ["深圳市盐田区总工会 2022 年部门预算", "第一部分  部门概况", "一、部门职责",
                 "维护职工合法权益，做好困难职工帮扶工作。", "第二部分  部门预算收支总体情况",
                 f"2022年深圳市盐田区总工会部门预算收入 {total} 万元，比 2021 年增加 3.39 万元。",
                 "（一）人员支出 344.94 万元，主要包括：在职人员工资福利支出。", "表 1", "收支总表"]:
        draft.add_paragraph(text)
    rows = [("项    目", "2022 年预算数"), ("一、一般公共服务支出", "1,084.51"), ("二、社会保障和就业支出", "109.37")]
    if extra_row:
        rows.insert(2, ("  群众团体事务", "1,084.51"))
    grid = draft.add_table(rows=0, cols=2)
    for left, right in rows:
        cells = grid.add_row().cells
        cells[0].text, cells[1].text = left, right
    draft.add_paragraph("注：本表金额单位转换时可能存在尾数误差。")
    draft.save(str(path))


def test_a_published_docx_without_styles_reads_headings_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "published.docx"
    published_style_docx(path, "1,273.52")
    document = read_docx(path)
    assert [(h.level, h.number, h.text) for h in document.headings()] == [
        (1, "第一部分", "部门概况"), (2, "一、", "部门职责"), (1, "第二部分", "部门预算收支总体情况")]
    assert document.meta["year"] == "2022"
    (found,) = document.tables()
    assert found.id == "收支总表"
    assert [r.key for r in found.body] == ["项    目", "一、一般公共服务支出", "二、社会保障和就业支出"]
    assert any(isinstance(b, Paragraph) and b.text.startswith("（一）人员支出") for b in document.blocks)


def test_two_published_docx_diff_figure_and_inserted_row(tmp_path: Path) -> None:
    published_style_docx(tmp_path / "a.docx", "1,270.13")
    published_style_docx(tmp_path / "b.docx", "1,273.52", extra_row=True)
    result = diff_documents(read_docx(tmp_path / "a.docx"), read_docx(tmp_path / "b.docx"))
    assert [(f.old, f.new) for f in result.figures] == [("1,270.13", "1,273.52")]
    rows = next(b.table for b in result.blocks() if b.table).rows
    assert [r.status for r in rows] == ["equal", "equal", "inserted", "equal"]


# --- HTML ---------------------------------------------------------------------------------------------


def test_html_redline_is_self_contained_with_both_views_and_working_jumps(yantian) -> None:  # type: ignore[no-untyped-def]
    _, _, result = yantian
    page = diff_html_string(result)
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)
    assert 'class="view-inline"' in page and 'class="view-side"' in page
    ids = set(re.findall(r'id="([^"]+)"', page))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets and targets <= ids
    assert {f"s-{c.anchor}" for c in result.changes} <= ids  # the side-by-side copy of each change
    assert "<del>1,270.13</del><ins>1,273.52</ins>" in page
    assert 'id="show-years">' in page  # year shifts start hidden …


def test_html_shows_year_shifts_on_request_and_escapes_document_text() -> None:
    old = doc(2021, Paragraph("2021年<script>alert(1)</script>收入1.00万元"))
    new = doc(2022, Paragraph("2022年<script>alert(1)</script>收入2.00万元"))
    page = diff_html_string(diff_documents(old, new, show_year_shift=True))
    assert 'id="show-years" checked>' in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


# --- the command ----------------------------------------------------------------------------------------


def test_cli_diff_writes_html_docx_and_json_and_exits_zero(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("diff", OLD, NEW, "-o", out / "diff.html", "-o", out / "diff.docx", "-o", out / "diff.json")
    assert result.returncode == 0, result.stderr
    assert "1,270.13 → 1,273.52（+3.39，+0.27%）" in result.stdout
    assert "年份顺延" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [RECORD, "diff.docx", "diff.html", "diff.json"]
    data = json.loads((out / "diff.json").read_text(encoding="utf-8"))
    total = next(f for f in data["figures"] if f["old"] == "1,270.13" and f["new"] == "1,273.52")
    assert (total["difference"], total["percent"]) == ("3.39", "0.27")


def test_cli_diff_of_a_source_with_itself_says_no_change() -> None:
    result = run("diff", NEW, NEW, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["unchanged"] is True and data["changes"] == []


def test_cli_diff_bad_source_fails_with_file_and_line(tmp_path: Path) -> None:
    broken = yantian_with(tmp_path, "级次: 区级\n", "级次: 区级\n  缩进错了: [\n")
    result = run("diff", OLD, broken, "-o", tmp_path / "out" / "diff.html")
    assert result.returncode == 1
    assert f"{broken}:" in result.stderr and "YAML 格式错误" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_diff_unreadable_docx_fails_in_chinese(tmp_path: Path) -> None:
    fake = tmp_path / "draft.docx"
    fake.write_text("not a zip", encoding="utf-8")
    result = run("diff", fake, NEW)
    assert result.returncode == 1
    assert "无法读取 DOCX 文件" in result.stderr and str(fake) in result.stderr


@pytest.mark.parametrize("args", [["diff", "a.txt", "b.yaml"], ["diff", "a.yaml", "b.yaml", "-o", "x.rtf"], ["diff", "a.yaml"]])
def test_cli_diff_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_cli_diff_help_is_chinese_with_an_example() -> None:
    result = run("diff", "--help")
    assert result.returncode == 0
    assert "示例" in result.stdout and "年份顺延" in result.stdout
