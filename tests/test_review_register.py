"""The register (issue 38 part 3): `review DIR --roster 名单` against the real published PDFs of the
shared seeds — who has published (which file), who has not been found, who is late (公开日期 more than
20 days after 批复日期; never guessed where no 公开日期 is given), the documents on no row, and a document
two rows could be, said and not chosen. The roster is the reviewer's own list: written here as a
reviewer writes one, in a CSV and in a workbook with real date cells."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import xlsxwriter
from lxml import html

from tests.clients import require_program
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "tests" / "seeds" / "pdf"
SHANGWU, WANLI = "上海市普陀区商务委员会", "上海市普陀区人民政府万里街道办事处"
HEADER = ["单位名称", "类型", "主管部门", "批复日期", "公开日期", "年度"]
ROWS = [
    [SHANGWU, "部门", SHANGWU, "2025-01-20", "2025-02-08", "2025"],  # in time: 19 days
    ["上海市普陀区　商务委员会", "单位", SHANGWU, "2025/1/20", "2025年2月20日", "2025"],  # 31 days: 11 late; a full-width space
    [WANLI, "部门", WANLI, "2025年1月20日", "", "2025"],  # published, date not given
    ["上海市普陀区万里街道社区事务受理服务中心", "单位", WANLI, "2025-01-20", "", "2025"],  # no document
]


AS_OF = "2025-02-05"  # the day these reviews are judged on: 16 days after the rosters' 批复, none yet late for want of a document


def _review(*args: str, cwd: Path = ROOT, as_of: str | None = AS_OF) -> subprocess.CompletedProcess[str]:
    day = ["--as-of", as_of] if as_of and "--as-of" not in args else []
    return reportgen("review", *args, *day, cwd=cwd)


def _csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    path.write_text("\n".join(",".join(row) for row in [header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    require_program("pdftotext")
    folder = tmp_path_factory.mktemp("register")
    roster = _csv(folder / "名单.csv", ROWS)
    before = roster.read_bytes()
    done = _review(str(PDFS.relative_to(ROOT)), "--layout", "上海", "--roster", str(roster), "-o", str(folder / "out"))
    assert roster.read_bytes() == before  # the roster is only read
    return done, folder / "out", roster


def test_the_register_says_who_published_who_is_missing_and_who_is_late(reviewed):
    done, _, _ = reviewed
    out = done.stdout
    assert done.returncode == 1, done.stderr  # a unit not found, one late
    assert "4 行，未找到文件 1 个，逾期 1 个" in out
    lines = {line.strip().split("：")[0]: line for line in out.splitlines() if line.startswith("  ")}
    assert "shangwuwei-2025.pdf" in lines[f"部门 {SHANGWU}"] and "按时" in lines[f"部门 {SHANGWU}"]
    unit = lines["单位 上海市普陀区　商务委员会"]
    assert "shangwuwei-unit-2025.pdf" in unit and "逾期 11 天" in unit
    assert "wanli-2025.pdf" in lines[f"部门 {WANLI}"] and "未给出公开日期，不能判断是否及时" in lines[f"部门 {WANLI}"]
    assert lines["单位 上海市普陀区万里街道社区事务受理服务中心"].endswith("未找到文件")
    # the 2024 document is not the 2025 roster's: on no row, with what it says of itself
    assert any(line.startswith("名单中没有：") and "wanli-2024.pdf" in line and "2024 年" in line for line in out.splitlines())


def test_a_row_with_no_document_is_late_as_of_the_day_of_the_review(tmp_path):
    """More than 20 days after its 批复 with no document, a row is 逾期 as of the day given (--as-of), and as
    of today when none is given — Beijing's today, whatever the machine's time zone (from 16:00 UTC a UTC
    machine's date is Beijing's yesterday) — a reviewer chases lateness on the day they review."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    beijing = datetime.now(ZoneInfo("Asia/Shanghai")).date()

    require_program("pdftotext")
    roster = _csv(tmp_path / "名单.csv", ROWS)
    document = str(PDFS / "shanghai-putuo-shangwuwei-2025.pdf")
    missing = "单位 上海市普陀区万里街道社区事务受理服务中心"
    for as_of, said in (("2025-02-09", "未找到文件"), ("2025-03-01", "未找到文件：逾期 20 天"),
                        (None, f"未找到文件：逾期 {(beijing - date(2025, 1, 20)).days - 20} 天")):
        done = _review(document, "--layout", "上海", "--roster", str(roster), as_of=as_of)
        line = next(line for line in done.stdout.splitlines() if line.strip().startswith(missing))
        assert line.strip().removeprefix(missing + "：").startswith(said) and (said != "未找到文件" or "逾期" not in line), line
    refused = _review(document, "--roster", str(roster), "--as-of", "二月五日")
    assert refused.returncode == 2 and "--as-of 二月五日：应为日期" in refused.stderr


def test_the_summary_groups_each_department_with_its_units(reviewed):
    _, out, _ = reviewed
    page = html.parse(str(out / "index.html")).getroot()
    groups = page.xpath('//table[@id="register"]/tbody')
    assert len(groups) == 2
    names = [[th.text_content().strip() for th in body.xpath("tr/th")] for body in groups]
    assert names == [[SHANGWU, "上海市普陀区　商务委员会"], [WANLI, "上海市普陀区万里街道社区事务受理服务中心"]]
    rows = {tr.xpath("th")[0].text_content().strip(): tr for body in groups for tr in body.xpath("tr")}
    assert rows["上海市普陀区万里街道社区事务受理服务中心"].get("class") == "flagged"
    assert "未找到文件" in rows["上海市普陀区万里街道社区事务受理服务中心"].text_content()
    assert "逾期 11 天" in rows["上海市普陀区　商务委员会"].text_content()
    for link in page.xpath('//table[@id="register"]//a/@href'):  # each published file links its pages
        assert (out / link).is_file()
    assert page.xpath('//section[h2[@id="register-title"]]')[0].getnext().get("aria-labelledby") == "findings-title"


def test_a_workbook_roster_with_date_cells_is_read_the_same(tmp_path):
    require_program("pdftotext")
    roster = tmp_path / "名单.xlsx"
    book = xlsxwriter.Workbook(str(roster))
    sheet = book.add_worksheet("2025年名单")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["普陀区2025年部门预算公开名单"])  # a title above the header, as lists have
    sheet.write_row(2, 0, ["部门（单位）名称", "类型", "主管部门", "批复时间", "公开时间"])
    from datetime import datetime

    for index, row in enumerate(ROWS, start=3):
        sheet.write_row(index, 0, row[:3])
        sheet.write_datetime(index, 3, datetime(2025, 1, 20), dates)
        if index == 4:
            sheet.write_datetime(index, 4, datetime(2025, 2, 20), dates)
    book.close()
    done = _review(str(PDFS / "shanghai-putuo-shangwuwei-unit-2025.pdf"), "--layout", "上海", "--roster", str(roster),
                   "--format", "json")
    listed = json.loads(done.stdout)["register"]
    unit = next(row for row in listed["rows"] if row["类型"] == "单位" and "商务" in row["单位名称"])
    assert unit["documents"] and unit["批复日期"] == "2025-01-20" and unit["公开日期"] == "2025-02-20" and unit["late_days"] == 11
    assert unit["place"].endswith("2025年名单!A5")
    assert sum(1 for row in listed["rows"] if not row["documents"]) == 3 and done.returncode == 1


def test_a_document_two_rows_could_be_is_said_not_chosen(tmp_path):
    require_program("pdftotext")
    roster = _csv(tmp_path / "名单.csv", [["普陀区商务委员会", "部门", "", "2025-01-20", "", ""],
                                          ["商务委员会", "部门", "", "2025-01-20", "", ""]])
    done = _review(str(PDFS / "shanghai-putuo-shangwuwei-2025.pdf"), "--layout", "上海", "--roster", str(roster))
    assert "对上名单中不止一行，未作判断" in done.stdout and "普陀区商务委员会" in done.stdout
    assert "已公开" not in done.stdout and "未找到文件 2 个" in done.stdout


@pytest.mark.parametrize(("rows", "header", "said"), [
    ([[SHANGWU, "部门", SHANGWU, "2025-01-20"]], ["单位名称", "类型", "主管部门"], "没有找到表头"),
    ([[SHANGWU, "机关", SHANGWU, "2025-01-20"]], HEADER[:4], "B2：类型写作“机关”；应为“部门”或“单位”"),
    ([[SHANGWU, "部门", SHANGWU, "一月二十日"]], HEADER[:4], "D2：批复日期写作“一月二十日”；应为日期"),
    ([[SHANGWU, "部门", SHANGWU, "2025-02-30"]], HEADER[:4], "D2：批复日期写作“2025-02-30”"),
    ([[SHANGWU, "部门", SHANGWU, "2025-01-20", "尽快"]], HEADER[:5], "E2：公开日期写作“尽快”"),
    # published ten days before its budget was approved: one of the dates is wrong, never 按时
    ([[SHANGWU, "部门", SHANGWU, "2025-01-20", "2025-01-10"]], HEADER[:5],
     "E2：公开日期 2025-01-10 早于批复日期 2025-01-20"),
    ([], HEADER[:4], "表头下面没有任何一行"),
])
def test_a_roster_that_cannot_be_read_is_refused_before_any_work(tmp_path, rows, header, said):
    roster = _csv(tmp_path / "名单.csv", rows, header)
    out = tmp_path / "out"
    done = _review(str(PDFS / "shanghai-putuo-wanli-2025.pdf"), "--roster", str(roster), "-o", str(out))
    assert done.returncode == 2 and said in done.stderr and str(roster) in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


def test_the_pages_never_replace_the_roster(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    roster = _csv(out / "index.html", ROWS)  # a roster where the summary page would go
    done = _review(str(PDFS / "shanghai-putuo-wanli-2025.pdf"), "--roster", str(roster), "-o", str(out))
    assert done.returncode == 2 and roster.read_text(encoding="utf-8").startswith("单位名称")


def test_the_checklist_says_each_documents_timeliness(reviewed):
    _, out, _ = reviewed
    page = html.parse(str(out / "index.html")).getroot()
    rows = {tr.xpath("th")[0].text_content().strip(): [td.text_content().strip() for td in tr.xpath("td")]
            for tr in page.xpath('//table[@id="inspection"]/tbody/tr')}
    unit = rows["tests/seeds/pdf/shanghai-putuo-shangwuwei-unit-2025.pdf"]
    assert unit[0] == "逾期 11 天" and unit[-1] == "有问题"  # its figures agree: late is why
    assert rows["tests/seeds/pdf/shanghai-putuo-shangwuwei-2025.pdf"][0] == "按时（批复后 19 日公开）"
    assert rows["tests/seeds/pdf/shanghai-putuo-wanli-2025.pdf"][0] == "未给出公开日期，不能判断"
    assert rows["tests/seeds/pdf/shanghai-putuo-wanli-2024.pdf"][0] == "名单中没有对上的一行"
    assert page.xpath('//table[@id="inspection"]//a[@href="#register-title"]')
    # the 逐份结果 says the same 结论 (issue 55: 检查表 有问题, 逐份结果 未发现问题 on one page)
    outcomes = {tr.xpath("th")[0].text_content().strip(): tr.xpath("td")[0].text_content().strip()
                for tr in page.xpath('//table[@id="outcomes"]/tbody/tr')}
    assert outcomes["tests/seeds/pdf/shanghai-putuo-shangwuwei-unit-2025.pdf"] == "有问题（逾期公开）"
    assert all(outcomes[name].startswith(cells[-1]) for name, cells in rows.items()), (outcomes, rows)


def test_a_final_account_is_not_the_budgets_publication(tmp_path):
    """With 种类 on the roster, the 2024 决算 of 区委社会工作部 is its 决算 row's, not its budget row's; a
    roster without 种类 takes it for the department's only row."""
    require_program("pdftotext")
    social = ROOT / "tests" / "seeds" / "juesuan" / "shanghai-putuo-shehuigongzuo-juesuan-2024.pdf"
    name = "中共上海市普陀区委社会工作部"
    header = [*HEADER, "种类"]
    roster = _csv(tmp_path / "名单.csv", [[name, "部门", name, "2024-01-20", "", "2024", "预算"],
                                          [name, "部门", name, "2025-06-20", "2025-07-01", "2024", "决算"]], header)
    done = _review(str(social), "--layout", "上海", "--roster", str(roster), "--format", "json")
    rows = json.loads(done.stdout)["register"]["rows"]
    assert [bool(row["documents"]) for row in rows] == [False, True] and rows[1]["late_days"] == -9
    bad = _csv(tmp_path / "坏名单.csv", [[name, "部门", name, "2024-01-20", "", "2024", "决算草案"]], header)
    refused = _review(str(social), "--roster", str(bad))
    assert refused.returncode == 2 and "G2：种类写作“决算草案”；应为“预算”或“决算”" in refused.stderr


def _roster_book(path: Path, sheets: list[tuple[str, list[list[str]], bool]], filtered: int | None = None) -> Path:
    """A workbook roster: each (name, rows, hidden) a sheet with HEADER above its rows (none without
    rows); the sheet's
    row ``filtered`` (0-based, of the last sheet) hidden by an autofilter, as Excel saves a filtered list."""
    book = xlsxwriter.Workbook(str(path))
    for name, rows, hidden in sheets:
        sheet = book.add_worksheet(name)
        for index, row in enumerate([HEADER, *rows] if rows else [["名单见另一张工作表"]]):  # no rows: no roster
            sheet.write_row(index, 0, row)
        if hidden:
            sheet.hide()
        else:
            sheet.activate()
    if filtered is not None:
        sheet.autofilter(0, 0, len(rows), len(HEADER) - 1)
        sheet.filter_column(1, "x == 单位")
        sheet.set_row(filtered, None, None, {"hidden": True})
    book.close()
    return path


def test_the_roster_is_read_as_the_reviewer_sees_it(tmp_path):
    """Last year's list on a hidden first sheet is not read (this year's visible one is); a row the
    filter hides is still on the register, said to be hidden; a zero-width space inside a name that
    looks the same as the document's is no other name."""
    require_program("pdftotext")
    last_year = [[SHANGWU, "部门", SHANGWU, "2024-01-20", "2024-03-30", "2025"]]
    this_year = [["上海市普陀区\u200b商务委员会", "部门", SHANGWU, "2025-01-20", "2025-02-08", "2025"],
                 [WANLI, "部门", WANLI, "2025-01-20", "", "2025"]]
    roster = _roster_book(tmp_path / "名单.xlsx", [("2024年名单", last_year, True), ("2025年名单", this_year, False)],
                          filtered=2)
    out = tmp_path / "out"
    done = _review(str(PDFS / "shanghai-putuo-shangwuwei-2025.pdf"), "--layout", "上海", "--roster", str(roster),
                   "-o", str(out))
    lines = [line for line in done.stdout.splitlines() if line.startswith("  ")]
    shangwu = next(line for line in lines if "商务委员会" in line)
    assert "shanghai-putuo-shangwuwei-2025.pdf）" in shangwu and "已公开" in shangwu, done.stdout
    assert "批复 2025-01-20，公开 2025-02-08：按时" in shangwu  # this year's sheet, not last year's
    wanli = next(line for line in lines if WANLI in line)
    assert "（名单中此行被隐藏或筛选掉）未找到文件" in wanli  # on the register, and said to be hidden
    assert "2 行，未找到文件 1 个，逾期 0 个；其中 1 行在名单中被隐藏或筛选掉" in done.stdout
    page = html.parse(str(out / "index.html")).getroot()
    names = [th.text_content().strip() for th in page.xpath('//table[@id="register"]/tbody/tr/th')]
    assert f"{WANLI}（名单中此行被隐藏或筛选掉）" in names


def test_a_roster_only_on_a_hidden_sheet_or_on_two_sheets_is_refused(tmp_path):
    rows = [[SHANGWU, "部门", SHANGWU, "2025-01-20", "2025-02-08", "2025"]]
    hidden = _roster_book(tmp_path / "隐藏.xlsx", [("2025年名单", rows, True), ("说明", [], False)])
    done = _review(str(PDFS / "shanghai-putuo-wanli-2025.pdf"), "--roster", str(hidden))
    assert done.returncode == 2 and "表头在隐藏的工作表“2025年名单”中" in done.stderr, done.stderr
    two = _roster_book(tmp_path / "两张.xlsx", [("2024年名单", rows, False), ("2025年名单", rows, False)])
    done = _review(str(PDFS / "shanghai-putuo-wanli-2025.pdf"), "--roster", str(two))
    assert done.returncode == 2 and "工作表“2024年名单”、“2025年名单”都有名单的表头" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_the_terminal_and_every_table_count_the_documents_with_problems_alike(reviewed):
    """Issue 55: the summary said “9 份文件，8 份有问题” and the terminal 6 — the terminal counted the
    outcome, the page counted a document published late as 有问题 too. One count (review/tally.py)."""
    done, out, _ = reviewed
    page = html.parse(str(out / "index.html")).getroot()
    heading = page.xpath("//h1")[0].text_content()
    last = done.stdout.strip().splitlines()[-1]
    verdicts = [tr.xpath("td")[-1].text_content().strip() for tr in page.xpath('//table[@id="inspection"]/tbody/tr')]
    outcomes = [tr.xpath("td")[0].text_content().strip() for tr in page.xpath('//table[@id="outcomes"]/tbody/tr')]
    flagged = verdicts.count("有问题")
    assert flagged == 2 and sum(o.startswith("有问题") for o in outcomes) == flagged  # the late unit among them
    assert f"{len(verdicts)} 份文件，{flagged} 份有问题" in heading
    assert last == f"审核 {len(verdicts)} 份文件：{flagged} 份有问题，{verdicts.count('未发现问题')} 份未发现问题"


def test_a_row_with_no_document_is_never_in_time(tmp_path):
    """A unit on the roster whose document was not found is 未提交, whatever 公开日期 the roster gives it;
    never 按时 (issue 55)."""
    require_program("pdftotext")
    roster = _csv(tmp_path / "名单.csv", [ROWS[0], [*ROWS[3][:4], "2025-01-30", "2025"]])
    done = _review(str(PDFS / "shanghai-putuo-shangwuwei-2025.pdf"), "--layout", "上海", "--roster", str(roster),
                   "-o", str(tmp_path / "out"))
    page = html.parse(str(tmp_path / "out" / "index.html")).getroot()
    rows = {tr.xpath("th")[0].text_content().strip(): tr for tr in page.xpath('//table[@id="register"]/tbody/tr')}
    missing = rows["上海市普陀区万里街道社区事务受理服务中心"]
    timely = missing.xpath("td")[-1].text_content()
    assert timely.startswith("未提交") and "按时" not in timely and missing.get("class") == "flagged"
    assert "按时" in rows[SHANGWU].xpath("td")[-1].text_content()
    assert done.returncode == 1 and "未找到文件 1 个" in done.stdout
