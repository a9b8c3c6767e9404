"""`reportgen check SOURCE --against DRAFT`: every figure a draft states, checked against its source.
The seeds' published slips are found from their texts, and nothing else is called wrong; what
reportgen renders agrees with its source in every format; a draft edited by hand is caught."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from reportgen.readers.published import read_draft
from reportgen.review import report_html, review
from reportgen.runners.render import render_source
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "seeds"  # the published texts (copies of ../shared/seeds), as fixtures
DATA = ROOT / "data"
SOURCES = sorted(DATA.glob("*.yaml"))


def disagreements(source: Path, draft: Path) -> list[tuple[int, str, str]]:
    result, problems = review(source, draft)
    assert result is not None, [p.format() for p in problems]
    return [(v.statement.line, v.statement.kind, v.expected) for v in result.verdicts if v.status == "disagree"]


# -- the seeds' published texts ---------------------------------------------------------------
def test_yantian_text_shows_exactly_its_published_slips():
    found = disagreements(DATA / "shenzhen-yantian-zgh-2022.yaml", SEEDS / "shenzhen-yantian-zgh-2022.txt")
    assert found == [
        (172, "flat", "与上年持平"),  # "比 2021年预算持平 万元，增长 0 %"
        (362, "rate", "增长1.01%"),  # 机关运行经费 "增长 0.01 %"
    ]
    # 住房保障支出 printed 72.17 in 表1 and its 一般公共预算 table beside 28.13 + 44.05 = 72.18 (lines 499, 501,
    # 967, 969): each of the three printed figures was rounded from 元 on its own, so the 0.01 is the table's
    # 尾数误差, not a slip (the source, in 万元, cannot know the 元); a gap beyond rounding is still told
    # (tests/test_review_causes.py)


def test_the_slips_come_with_their_causes():
    result, _ = review(DATA / "shenzhen-yantian-zgh-2022.yaml", SEEDS / "shenzhen-yantian-zgh-2022.txt")
    assert result is not None
    messages = {f.line: f.message for f in result.findings()}
    assert "持平" in messages[172] and "增长1.01%" in messages[362]
    counts = result.counts
    assert counts["agree"] >= 80 and counts["matched"] == counts["agree"] + counts["disagree"]


@pytest.mark.parametrize("seed", ["luoyang-zgh-2020", "qinhuangdao-shanhaiguan-gh-2020"])
def test_no_false_alarm_on_the_other_seeds(seed):
    assert disagreements(DATA / f"{seed}.yaml", SEEDS / f"{seed}.txt") == []


# -- reportgen's own renders -----------------------------------------------------------------
@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    for source in SOURCES:
        assert render_source(source, out).outputs
    return out


# a slip the source's own words carry from the document it was made from, which its render prints as they are: 山海关
# 2020's 工作总结 numbers “（四）开展“夏送清凉”活动” then “（六）开展“金秋助学”工作” (no 五, as published)
CARRIED = {("qinhuangdao-shanhaiguan-gh-2020", "R-序号")}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_a_render_agrees_with_its_source(source, suffix, rendered):
    draft = rendered / f"{source.stem}{suffix}"
    result, _ = review(source, draft)
    assert result is not None
    assert [f.format() for f in result.findings() if (source.stem, f.rule) not in CARRIED] == []
    if source.stem != "tangshan-zgh-2025":  # a performance-target document states no budget figures
        assert result.counts["agree"] >= 50


def test_a_pdf_is_read_through_pdftotext(rendered, tmp_path):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice and poppler are installed by scripts/setup")
        pytest.skip("needs LibreOffice (to make the PDF) and poppler's pdftotext")
    source = DATA / "shenzhen-yantian-zgh-2022.yaml"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(rendered / f"{source.stem}.docx")],
                   check=True, capture_output=True, timeout=180)
    result, _ = review(source, tmp_path / f"{source.stem}.pdf")
    assert result is not None and result.findings() == []
    assert result.counts["agree"] >= 80


# -- a draft edited by hand ------------------------------------------------------------------
def test_edits_made_in_word_are_reported_exactly(rendered, tmp_path):
    source = DATA / "example-execution-2024.yaml"
    document = docx.Document(str(rendered / "example-execution-2024.docx"))
    edits = {"share": ("占90.74%", "占90.47%"), "change": ("比2023年执行数增加27.64万元", "比2023年执行数增加27.46万元")}
    done = set()
    for paragraph in document.paragraphs:
        for kind, (old, new) in edits.items():
            if kind not in done and old in paragraph.text:
                for run in paragraph.runs:
                    if old in run.text:
                        run.text = run.text.replace(old, new, 1)
                        done.add(kind)
                        break
    table = next(t for t in document.tables if any(c.text == "201" for c in t.columns[0].cells))
    row = next(r for r in table.rows if r.cells[0].text == "201")
    row.cells[2].paragraphs[0].runs[0].text = "490.10"
    assert done == {"share", "change"}
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    found = disagreements(source, edited)
    lines = {line.number: line.text for line in read_draft(edited)}
    assert sorted((kind, expected) for _, kind, expected in found) == [
        ("cell", "490.00万元"), ("change", "增加27.64万元"), ("share", "占90.74%")]
    for line, kind, _ in found:
        assert {"share": "90.47%", "change": "27.46万元", "cell": "490.10"}[kind] in lines[line]


# -- the rule of precision -------------------------------------------------------------------
def test_a_figure_is_right_at_the_precision_it_was_printed(tmp_path):
    source = DATA / "example-execution-2024.yaml"
    # 基本支出 370 against 2023 execution 380.12: −10.12, −2.6623…%
    draft = tmp_path / "draft.txt"
    draft.write_text("基本支出370.00万元，比2023年执行数减少10.12万元，下降2.7%。\n"
                     "基本支出370.0万元，比2023年执行数减少10.1万元，下降2.66%。\n"
                     "基本支出370.00万元，比2023年执行数减少10.12万元，下降2.6%。\n"
                     "基本支出370.00万元，比2023年执行数增加10.12万元。\n", encoding="utf-8")
    result, _ = review(source, draft)
    assert result is not None
    verdicts = {(v.statement.line, v.statement.kind): v for v in result.verdicts}
    assert all(verdicts[(line, kind)].status == "agree" for line in (1, 2) for kind in ("amount", "change", "rate"))
    assert verdicts[(3, "rate")].status == "disagree" and verdicts[(3, "rate")].cause == "截尾而非四舍五入"
    assert verdicts[(4, "change")].status == "disagree" and verdicts[(4, "change")].cause == "增减方向写反"


def test_a_share_divided_by_the_wrong_total_is_told(tmp_path):
    source = DATA / "example-execution-2024.yaml"
    draft = tmp_path / "draft.txt"
    # 基本支出 370 of 支出 540: 68.5185…% → 68.52% half up; 68.51 is the figure cut short
    draft.write_text("示例市总工会2024年支出预算540.00万元，其中：基本支出370.00万元，占68.51%；项目支出170.00万元，占31.48%。\n",
                     encoding="utf-8")
    result, _ = review(source, draft)
    assert result is not None
    shares = [v for v in result.verdicts if v.statement.kind == "share"]
    assert [v.status for v in shares] == ["disagree", "agree"]
    assert shares[0].expected == "占68.52%" and shares[0].cause == "截尾而非四舍五入"


# -- the command ----------------------------------------------------------------------------
def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return reportgen("check", *args, cwd=ROOT)


def test_the_command_reports_lines_counts_json_and_a_page(tmp_path):
    source, seed = "data/shenzhen-yantian-zgh-2022.yaml", str(SEEDS / "shenzhen-yantian-zgh-2022.txt")
    page = tmp_path / "review.html"
    done = run_check(source, "--against", seed, "--report", str(page))
    assert done.returncode == 1, done.stderr
    assert f"{seed}:362: 错误 [R-核对]" in done.stdout and "应为“增长1.01%”" in done.stdout
    assert "未能核对" in done.stdout and "Traceback" not in done.stderr
    html = page.read_text(encoding="utf-8")
    assert 'id="l362"' in html and 'class="disagree"' in html
    data = json.loads(run_check(source, "--against", seed, "--format", "json").stdout)
    assert data["counts"]["disagree"] == 2
    clean = tmp_path / "clean.txt"
    clean.write_text("深圳市盐田区总工会预算1,273.52万元。\n", encoding="utf-8")
    assert run_check(source, "--against", str(clean)).returncode == 0


def test_the_command_refuses_what_it_cannot_do(tmp_path):
    seed = str(SEEDS / "shenzhen-yantian-zgh-2022.txt")
    two = run_check("data/shenzhen-yantian-zgh-2022.yaml", "data/luoyang-zgh-2020.yaml", "--against", seed)
    assert two.returncode == 2 and "一个源文件" in two.stderr
    over = run_check("data/shenzhen-yantian-zgh-2022.yaml", "--against", seed, "--report", seed)
    assert over.returncode == 2 and "覆盖" in over.stderr
    missing = run_check("data/shenzhen-yantian-zgh-2022.yaml", "--against", str(tmp_path / "none.txt"))
    assert missing.returncode == 1 and "不存在" in missing.stdout and "Traceback" not in missing.stderr


def test_the_page_escapes_the_draft(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("<script>alert(1)</script>基本支出370.00万元。\n", encoding="utf-8")
    result, _ = review(DATA / "example-execution-2024.yaml", draft)
    assert result is not None
    html = report_html(result)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


# -- the same rule for the changes a source states -------------------------------------------
@pytest.mark.parametrize(("change", "rate", "wrong"), [
    ("0.18", "1.01", False), ("0.2", "1.0", False), ("0.18", "1", False),  # right at the precision written
    ("0.2", "1.1", True), ("0.17", "1.01", True), ("0.18", "0.01", True),
])
def test_stated_changes_are_checked_at_their_own_precision(tmp_path, change, rate, wrong):
    import yaml

    from reportgen.runners.render import prepare
    from reportgen.runners.rollover import dump

    data = yaml.safe_load((DATA / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8"))
    data["机关运行经费"].update({"增减额": change, "增减率": rate})  # 17.85 → 18.03: +0.18, +1.0084%
    path = tmp_path / "source.yaml"
    path.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    assert bool([f for f in prepare(path).errors if f.rule == "R-增减"]) is wrong


# -- text rules over drafts, and rules check had not ----------------------------------------
def test_text_rules_find_the_wording_slips_of_the_seeds():
    from reportgen.review.text_rules import text_findings

    def found(seed: str, year: int) -> list[tuple[int, str]]:
        path = SEEDS / f"{seed}.txt"
        return [(f.line, f.message) for f in text_findings(read_draft(path), year, path)]

    wenlvju = found("shanghai-putuo-wenlvju-2026", 2026)
    # (l.114 closes a “ with a straight ＂, l.122's item follows “18“” printed without its point: text_rules/mechanical;
    # l.109 names 20799 “其他文化体育与传媒支出(款)”, its tables “207 99 其他文化旅游体育与传媒支出”: R-科目异名)
    assert [line for line, _ in wenlvju] == [82, 85, 109, 114, 122]
    assert "20799" in wenlvju[2][1]
    assert "增加增加" in wenlvju[0][1] and "增加持平" in wenlvju[1][1]
    assert [line for line, _ in found("shenzhen-yantian-zgh-2022", 2022)] == [137, 145]  # 主要用于主要用于
    assert found("luoyang-zgh-2020", 2020) == []
    # its 工作总结 goes from （四） to （六）
    assert [said for _, said in found("qinhuangdao-shanhaiguan-gh-2020", 2020)] == [
        "“（六）开展“金秋助学”工作。”：序号“（六）”接在“（四）”之后，应为“（五）”：是否漏了一项或编错了号？"]
    # the two whose text layer repeats a page's last lines at the head of the next (their headers say so); 监管委's
    # items 14 and 15 of its 科目 open their quotation mark and never close it, and its project's 概述 ends with “；”
    # before “四、实施方案” (l.431, R-标点)
    for seed, line in (("shanghai-putuo-chengguan-2026", 343), ("shanghai-putuo-jianguanwei-2026", 73)):
        said = [(at, message) for at, message in found(seed, 2026) if "已经印过一次" in message]
        assert [at for at, _ in said] == [line], seed
    assert [at for at, message in found("shanghai-putuo-jianguanwei-2026", 2026) if "已经印过一次" not in message] == \
        [431, 136, 138]


def test_text_rules_on_a_draft(tmp_path):
    from reportgen.review.text_rules import text_findings

    draft = tmp_path / "draft.txt"
    draft.write_text("XX局2024年收入预算100万元，比2022年增加。。\n2024年部门决算表\n支出100万元，其中公用经费500元。\n"
                     "{单位}2024年预算\n", encoding="utf-8")
    messages = [f.message for f in text_findings(read_draft(draft), 2024, draft)]
    assert any("XX" in m for m in messages) and any("2022 年比较" in m for m in messages)
    assert any("。。" in m for m in messages) and any("决算" in m for m in messages)
    assert any("万元" in m and "元" in m for m in messages) and any("{单位}" in m for m in messages)


@pytest.mark.parametrize(("text", "year", "said"), [
    # 司法局 2026 (bench/corpus putuo-sfj-2026): an item heading in the pre-2019 name of 210
    ("11、医疗卫生与计划生育支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）114.97万元。", 2026,
     ["“医疗卫生与计划生育支出”是 2018 年及以前的科目名称（210），2026 年为“卫生健康支出”"]),
    # 福利院 2024 收支总表: a row label with no code
    ("三、医疗卫生与计划生育支出       503,724    503,724", 2024, ["（210），2024 年为“卫生健康支出”"]),
    # 规划局 2024 决算: the name wrapped over two lines, the longer name told (not 国土资源事务 inside it)
    ("11、自然资源海洋气象等支出（类）自然资源事务（款）其\n\n他国土资源事务支出（项）。", 2024,
     ["“其他国土资源事务支出”是 2018 年及以前的科目名称（2200199），2024 年为“其他自然资源事务支出”"]),
    ("210 医疗卫生与计划生育支出 12.00", 2018, []),  # its own year's name
    ("卫生健康支出（类）12.00万元", 2026, []),
    ("深化医疗卫生与计划生育支出改革的经验", 2026, []),  # inside a longer word: not printed as a name
])
def test_a_name_of_another_years_catalogue_is_told(tmp_path, text, year, said):
    from reportgen.review.text_rules import text_findings

    draft = tmp_path / "draft.txt"
    draft.write_text(text + "\n", encoding="utf-8")
    found = [f for f in text_findings(read_draft(draft), year, draft) if f.rule == "R-科目名称"]
    assert len(found) == len(said), [f.message for f in found]
    for finding, words in zip(found, said, strict=True):
        assert words in finding.message and finding.line == 1


def write_source(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    import yaml

    from reportgen.runners.rollover import dump

    data = yaml.safe_load((DATA / "example-execution-2024.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "source.yaml"
    path.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    return path


def test_running_costs_cannot_exceed_public_costs(tmp_path):
    from reportgen.runners.render import prepare

    path = write_source(tmp_path, lambda d: d.update({"机关运行经费": 60}))  # 公用经费 is 50
    errors = [f for f in prepare(path).errors if f.rule == "R-机关运行经费"]
    assert len(errors) == 1 and errors[0].line and "50.00万元" in errors[0].message  # one rule, said once


def test_running_costs_above_public_costs_by_the_texts_rounding_only_are_not_an_error(tmp_path):
    """普陀区商务委员会 2025 单位预算: 机关运行经费 “171.01万元” (1,710,100元) beside 公用经费 1,710,062元."""
    from reportgen.runners.render import prepare

    path = write_source(tmp_path, lambda d: d.update({"机关运行经费": "50.004"}))  # 公用经费 is 50 (万元)
    assert not [f for f in prepare(path).findings if f.rule == "R-机关运行经费"]
    path = write_source(tmp_path, lambda d: d.update({"机关运行经费": "50.006"}))  # shown 50.01: above
    errors = [f for f in prepare(path).errors if f.rule == "R-机关运行经费"]
    assert len(errors) == 1 and "50.01万元 超过了基本支出中的公用经费 50.00万元" in errors[0].message


def test_an_amount_ten_thousand_times_its_siblings_is_suspected(tmp_path):
    from reportgen.runners.render import prepare

    def change(d):  # type: ignore[no-untyped-def]
        d["支出"]["项目"] += [{"名称": "示例甲", "金额": "80"}, {"名称": "示例乙", "金额": "700000"}]
        d["支出"]["项目支出"] = "700250"
        d["收入"]["一般公共预算拨款"] = "700620"

    warnings = [f for f in prepare(write_source(tmp_path, change)).findings if f.rule == "R-单位疑误"]
    assert [("示例乙" in f.message) for f in warnings] == [True]


def test_every_finding_of_the_basic_split_has_a_line(tmp_path):
    from reportgen.runners.render import prepare

    path = write_source(tmp_path, lambda d: d["支出"]["基本支出"].update({"人员经费": 300, "公用经费": 70}))
    found = [f for f in prepare(path).errors if f.rule == "R-人员公用经费"]
    assert found and all(f.line for f in found)


def test_the_source_free_text_has_the_same_rules(tmp_path):
    from reportgen.runners.render import prepare

    def change(d):  # type: ignore[no-untyped-def]
        d["三公经费"]["公务接待费"] = {"本年": 1, "说明": "严格控制接待标准。。"}
        d["支出"]["项目"][0]["用途"] = "组织{单位}职工劳动竞赛"
        d["变动原因"]["收支总计"] = "职工服务阵地运行经费增加持平"

    found = {f.path: f.message for f in prepare(write_source(tmp_path, change)).errors if f.rule == "R-占位文字"}
    assert "重复的标点" in found["三公经费.公务接待费"]
    assert "模板的占位" in found["项目“示例劳动竞赛经费”"]
    assert "自相矛盾" in found["变动原因.收支总计"]


def test_an_all_zero_table_without_its_note_is_told(tmp_path):
    from reportgen.review.text_rules import text_findings

    draft = tmp_path / "draft.txt"
    table = "表 8\n政府性基金预算支出表\n单位：万元\n科目编码 科目名称 合计\n合计 0 0 0\n"
    draft.write_text(table + "表 9\n国有资本经营预算支出表\n单位：万元\n合计 0 0 0\n注：本表本年无发生额。\n", encoding="utf-8")
    empty = [(f.line, f.message) for f in text_findings(read_draft(draft), 2022, draft) if f.rule == "R-空表"]
    assert empty == [(2, "“政府性基金预算支出表”的数字全为 0，却没有说明（如“本表为空表”）")]


def test_a_flat_change_is_judged_at_the_unit_the_draft_prints(tmp_path):
    """持平 where the change shows as nothing at the draft's unit and decimals: a 49.99 元 change is
    持平 in a 万元 text (0.00万元) and is not in a 元 text (49.99元)."""
    text = (DATA / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
    text = text.replace("  本年: 18.03\n  上年: 17.85\n", "  本年: 18.03\n  上年: 18.025001\n")  # 49.99 元 less
    for unit, expected in (("万元", []), ("元", [("flat", "增加49.99元")])):
        source = tmp_path / unit / "s.yaml"
        source.parent.mkdir()
        source.write_text(text + f"展示: {{金额单位: {unit}}}\n", encoding="utf-8")
        result = render_source(source, tmp_path / unit / "out", ("html",))
        html = result.outputs[0]
        written = html.read_text(encoding="utf-8")
        changed = "比2021年增加49.99元，增长0.03%" if unit == "元" else "与2021年持平"
        assert changed in written, unit
        html.write_text(written.replace(changed, "与2021年持平"), encoding="utf-8")
        found = [(kind, exp) for _, kind, exp in disagreements(source, html) if kind == "flat"]
        assert found == expected, unit


def test_the_three_public_tables_year_rows_are_judged_against_their_year(tmp_path):
    """The “三公” table's rows are labelled by year (“2021年”, “2022年”): each is that year's total, not
    an item “年” with code “022” left unread — a wrong total there is caught."""
    source = DATA / "shenzhen-yantian-zgh-2022.yaml"
    html = render_source(source, tmp_path / "out", ("html",)).outputs[0]
    row = '<tr><td class="center">2022年</td><td class="num">4.00</td>'
    text = html.read_text(encoding="utf-8")
    assert row in text
    result, _ = review(source, html)
    assert result is not None
    years = {v.statement.label: v.status for v in result.verdicts if v.statement.label in ("2021年", "2022年")}
    assert years == {"2021年": "agree", "2022年": "agree"}
    html.write_text(text.replace(row, row.replace("4.00", "5.00")), encoding="utf-8")
    found = [(kind, expected) for _, kind, expected in disagreements(source, html)]
    assert found == [("cell", "4.00万元")]
