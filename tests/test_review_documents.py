"""`reportgen review`: a document reviewed without its source — its tables reconciled, its 勾稽
checked, its narrative judged against its own tables — one or a folder of them, with pages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from reportgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "tests" / "seeds" / "pdf"
WORKBOOK = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_a_correct_published_document_is_clean_without_any_source(capsys):
    code, out = run(capsys, "review", str(PDFS / "shanghai-putuo-shangwuwei-unit-2025.pdf"), "--layout", "上海")
    assert code == 0, out
    # 100万元（含）以上: a threshold, no figure; “（三）公务接待费1.00万元。与2024年预算持平”: one sentence; its 政府采购,
    # which its text alone gives (no table of it), is borne out within its sentence, never 一致 with itself; nor are its
    # 8 changes and 持平 “比2024年预算……”, whose 2024 figures no table prints (the import has them from those sentences)
    assert "表内或表间不一致 0 处，勾稽错误 0 个，正文与表格不一致 0 处；正文读到 194 个数字，一致 173 个，未能核对 17 个" in out


def test_a_folder_of_documents_gives_each_its_findings_and_the_bureau_a_summary(capsys, tmp_path):
    code, out = run(capsys, "review", str(PDFS), "--layout", "上海", "-o", str(tmp_path))
    # 万里街道 2024 prints two 基本支出 codes short (“301 2 津贴补贴”): its one table finding, read as meant
    assert code == 1 and "审核 4 份文件：1 份有问题，3 份未发现问题" in out
    table = [line for line in out.splitlines() if "[表内不一致]" in line]
    assert len(table) == 2 and all("wanli-2024.pdf" in line and "款、项应为两位数字" in line for line in table), table
    # 万里街道 2025's 21201 printed 1 元 above its 项 in a whole-元 table: its 尾数误差, told once with its
    # places, never a slip (nor its three cells in the text judged against it)
    tail = [line for line in out.splitlines() if "21201 城乡社区管理事务 印作 94,995,790" in line]
    assert len(tail) == 1 and "提示" in tail[0] and "其组成部分之和为 94,995,789" in tail[0] and "尾数误差" in tail[0]
    assert "[R-核对]" not in out
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert index.count('<tr class="flagged">') == 1 and index.count('<tr class="clean">') == 3
    for link in re.findall(r'href="([^"]+)"', index):
        page, _, anchor = link.partition("#")
        assert (tmp_path / page).is_file(), link
        if page.endswith(".pdf"):  # the annotated copy, opened at the finding's page
            assert re.fullmatch(r"(page=\d+)?", anchor) and (tmp_path / page).read_bytes().startswith(b"%PDF-"), link
        else:
            assert not anchor or f'id="{anchor}"' in (tmp_path / page).read_text(encoding="utf-8"), link


def test_json_gives_programs_the_counts_and_findings(capsys):
    code, out = run(capsys, "review", str(PDFS / "shanghai-putuo-wanli-2025.pdf"), "--layout", "上海", "--format", "json")
    (result,) = json.loads(out)
    assert code == 0
    assert result["counts"]["tables"] == 0 and result["counts"]["prose"] == 0  # its 1-元 tail is no slip
    assert any("尾数误差" in note and "94,995,790" in note for note in result["notes"])
    # “（三）公务接待费1.35万元。比2024年预算持平”: the 持平 of the amount before it; its 政府采购, given by its text alone,
    # borne out within its sentence (4), never 一致 with itself; nor its 10 changes and 持平 “比2024年预算……”, whose 2024
    # figures no table prints (the import has them from those very sentences)
    assert result["narrative"]["counts"]["agree"] == 250 and result["narrative"]["counts"]["within"] == 4


def test_project_spending_pasted_onto_a_row_is_caught_with_its_code_and_amounts(capsys, tmp_path):
    """The real published case of the import issue: a row whose 合计 is its 基本支出 while it also
    carries a 项目支出 — visible because the row and its 款 no longer add up."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(WORKBOOK)
    sheet = next(s for s in book.worksheets if s.title.startswith("部门一般公共预算拨款表"))
    row = next(r for r in sheet.iter_rows() if [str(c.value or "").strip() for c in r[:3]] == ["201", "05", "07"])
    row[6].value = 9_999_999  # 项目支出 of 2010507, whose 合计 (438,300) stays as printed
    broken = tmp_path / "broken.xlsx"
    book.save(broken)
    code, out = run(capsys, "review", str(broken), "--layout", "上海")
    assert code == 1
    assert any("2010507 专项普查活动" in line and "438,300" in line and "9,999,999" in line for line in out.splitlines())


def test_a_file_that_is_no_budget_is_named_in_the_summary_not_a_crash(capsys, tmp_path):
    other = tmp_path / "notes.csv"
    other.write_text("姓名,年龄\n张三,30\n", encoding="utf-8")
    code, out = run(capsys, "review", str(other), "-o", str(tmp_path / "pages"))
    assert code == 1 and f"{other}: 未能审核：" in out and "没有认出任何预算表" in out
    assert "审核 1 份文件：0 份有问题，0 份未发现问题，1 份未能审核" in out
    assert "未能审核" in (tmp_path / "pages" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == [".written-by-reportgen.json", "index.html"]  # no notice


def test_a_mistyped_name_is_refused_before_anything_is_written(capsys, tmp_path):
    """Issue 55: `review nope-dir -o rv` wrote a 整改通知 to 《nope-dir》's department."""
    code = main(["review", str(tmp_path / "nope-dir"), "-o", str(tmp_path / "rv")])
    said = capsys.readouterr()
    assert code == 2 and f"没有这个文件或文件夹：{tmp_path / 'nope-dir'}" in said.err and not (tmp_path / "rv").exists()


def test_a_three_public_section_with_an_unknown_item_and_no_total_is_reviewed_not_crashed(tmp_path):
    """An import may give two of the four “三公” items (a misread table): the reviewer must still run."""
    from reportgen.review import review

    source = tmp_path / "s.yaml"
    source.write_text("部门: 某单位\n年度: 2022\n金额单位: 万元\n部门概况:\n  职责: [某职责]\n收入:\n  一般公共预算拨款: 10\n"
                      "支出:\n  功能分类:\n    - {科目: 2012901, 基本支出: 10}\n三公经费:\n  公务接待费: {本年: 1}\n"
                      "不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理]\n", encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("“三公”经费预算1万元，其中公务接待费1万元。", encoding="utf-8")
    result, _ = review(source, draft, despite_errors=True)
    assert result is not None


def _checklist(index: str) -> dict[str, list[str]]:
    """The 检查表 of a summary page: each document's cells, by the document's name."""
    table = index.split('<table id="inspection">', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>\s*<th scope=\"row\">([^<]+)</th>(.*?)</tr>", table, re.S):
        rows[Path(row[0]).name] = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>.*?</td>", row[1], re.S)]
    return rows


def test_the_bureaus_summary_is_a_checklist_of_each_documents_items(capsys, tmp_path):
    """The 检查表 in the inspections' five headings. 万里街道 2025: its nine tables read, its 1-元 tail in a
    whole-元 table no slip (in the tables or in its text), no 人员编制 part (Shanghai's disclosures have none,
    and its layout no place for one: never said unread, issue 55), its 功能分类 to 项, 经济分类 to 款, “三公” in four items; its and
    商务委员会's one slip of wording each; no roster, so 及时性 is not judged."""
    run(capsys, "review", str(PDFS), "--layout", "上海", "-o", str(tmp_path))
    rows = _checklist((tmp_path / "index.html").read_text(encoding="utf-8"))
    # its two slips of wording: 地上建筑面积 8013 平方米 “其中计容面积7998平方米，不计容面积105平方米” (8103, R-其中), and
    # “卫生健康支出（款）” (a 类, R-科目层级)
    expected = ["（未给名单：用 --roster 给出批复日期与公开日期）", "表齐全（9 张）",
                "功能分类到项；经济分类到款；“三公”分列四项", "PDF（文字可检索）",
                "表内或表间 0 处；勾稽 0 个；正文与表格 0 处；用词与占位 2 处", "未发现问题"]
    assert rows["shanghai-putuo-wanli-2025.pdf"] == expected, rows["shanghai-putuo-wanli-2025.pdf"]
    # 商务委员会 2025's text layer holds items 8–12 of its 主要职能 at the foot of page 3 and at the head of page 4,
    # but page 3's are clipped, not printed (tests/test_pdf_clips.py): no wording slip; its figures all agree
    assert rows["shanghai-putuo-shangwuwei-2025.pdf"] == [*expected[:4], expected[4].replace("用词与占位 2 处", "用词与占位 0 处"),
                                                         expected[5]], rows["shanghai-putuo-shangwuwei-2025.pdf"]
    # 万里街道 2024: two codes printed short in its tables, two sentences that contradict, an empty-table note
    # that is not (完整性), its 三公 table's 机关运行经费 column read from the text instead (not unread items); among its
    # wording slips item 4's “减少2.98%。主要原因是：宣传事务一般行政管理事务经费增加。” (R-原因方向)
    wanli = rows["shanghai-putuo-wanli-2024.pdf"]
    assert wanli[1] == "表齐全（9 张）；正文空缺或空表说明不符 1 处", wanli
    assert wanli[4] == "表内或表间 2 处；勾稽 0 个；正文与表格 2 处；用词与占位 5 处" and wanli[5] == "有问题", wanli


def test_a_workbook_without_a_required_table_is_told_which(capsys, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(WORKBOOK)
    del book["部门“三公”经费和机关运行费预算表"]
    partial = tmp_path / "partial.xlsx"
    book.save(partial)
    run(capsys, "review", str(partial), "--layout", "上海", "-o", str(tmp_path / "pages"))
    (cells,) = _checklist((tmp_path / "pages" / "index.html").read_text(encoding="utf-8")).values()
    assert cells[1].startswith("缺 1 张表：") and "三公" in cells[1] and cells[1].endswith("（没有正文）"), cells
    # its 三公 items read from what its text sheet (其他相关情况说明) states of each, the table being absent
    assert cells[2].endswith("“三公”分列四项"), cells


@pytest.mark.parametrize("name", ["shanghai-putuo-shehuigongzuo-juesuan-2024", "shanghai-putuo-guihuaziyuan-juesuan-2024"])
def test_a_final_accounts_document_is_named_as_such_and_never_read_as_a_budget(capsys, name):
    """A 部门决算 published in summer: its 收入支出决算总表 is no 收支总表 — said, and its tables reconciled
    as a 决算's (tests/test_final_accounts.py)."""
    code, out = run(capsys, "review", str(ROOT / "tests" / "seeds" / "juesuan" / f"{name}.pdf"), "--layout", "上海")
    assert code == 1 and "这是一份部门决算，读出 9 张决算表" in out and "表内或表间不一致 0 处，勾稽错误 0 个" in out
    assert "[表内不一致]" not in out


def test_a_published_list_of_some_projects_is_not_told_as_a_slip():
    """商务委 2025 describes 4 of its projects in its text: the imported list is partial by design."""
    from reportgen.review.documents import review_document

    result = review_document(ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-shangwuwei-2025.pdf", "上海")
    assert [f for f in result.checks if f.rule == "R-项目支出合计"] == []


def test_a_three_public_table_is_read_by_its_own_columns_not_by_a_table_after_it(capsys, tmp_path):
    """万里街道 2023 (a whole published PDF none of the readers were written from) prints its 三公 table on
    p. 28, and a page that begins with another table's title after it: read as the 三公 table's
    continuation, that table set its columns, 因公出国(境)费 and 合计 ran into one cell (“22.91 0”) and the
    table was not read for sure. A page beginning with another table's title is that table: the 三公
    table's figures are each read under its own header (22.91 = 0 + 1.35 + 21.56), none told as not read,
    and its 检查表 finds the items split."""
    corpus = ROOT / "bench" / "corpus" / "putuo-wanli-2023.pdf"
    code, out = run(capsys, "review", str(corpus), "--layout", "上海", "-o", str(tmp_path))
    assert not [line for line in out.splitlines() if "[未读取]" in line and "三公" in line]
    assert not [line for line in out.splitlines() if "表头未能逐列认定" in line and "三公" in line]
    (cells,) = _checklist((tmp_path / "index.html").read_text(encoding="utf-8")).values()
    assert cells[2].endswith("“三公”分列四项"), cells


def test_the_checklist_judges_how_finely_the_tables_are_printed():
    """细化程度 on the imported tree: 功能分类 codes short of 项, 经济分类 short of 款, 三公 items not split."""
    from reportgen.paperwork.inspection import _detail

    tree = {"支出": {"功能分类": [{"科目": 2011301}, {"科目": 20113}], "基本支出": {"经济分类": [{"科目": 301}, {"科目": 30201}]}},
            "三公经费": {"公务接待费": {"本年": 1}, "公务用车购置费": {"本年": 0}}}
    detail = _detail(tree)
    assert detail.function_short == ["20113"] and detail.economic_short == ["301"]
    assert detail.three_public_missing == ["因公出国（境）费", "公务用车运行维护费"] and detail.count == 4
    fine = _detail({"支出": {"功能分类": [{"科目": 2011301}], "基本支出": {"经济分类": [{"科目": 30201}]}},
                    "三公经费": {item: {"本年": 0} for item in ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")}})
    assert fine.count == 0 and fine.three_public_missing == []
    assert _detail({}).function_short is None and _detail({}).three_public_missing is None  # not read: not judged


def test_a_printed_total_the_tables_already_judged_is_told_once():
    """司法局 unit 2026 prints 20406 司法's 项目支出 as 64,840,547.00 over 项 summing to 129,681,094.00: the
    import writes it as printed and tells it as the table's 不一致; check's R-填报合计 on the same total is
    not told a second time (it was counted a false alarm by bench/review_eval.py)."""
    from reportgen.review.documents import review_document

    result = review_document(ROOT / "bench" / "corpus" / "putuo-sfj-unit-2026.pdf", None)
    assert any(line.startswith("20406 司法 印作 64,840,547.00") for line in result.imported.differences)
    assert [f.message for f in result.checks if f.rule == "R-填报合计"] == []
