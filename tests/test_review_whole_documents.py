"""`review` on whole real documents (issue 41): what whole documents carry and page excerpts do not.

- A 部门决算 whose 基本支出决算表 prints its code as 科目编码 over 类 | 款 is read, and a table whose code
  column cannot be found at all is told unread with its place — never 内部错误 (the first unseen 决算,
  bench/corpus/putuo-caizhengju-juesuan-2024-planted.pdf, ended in one).
- A code the built-in catalogue does not hold is listed unverified, never counted as a finding.
- A table's slip never becomes the measure of its text: the sentences that state the right figure are
  “有争议”, not “应为 <the slipped value>”.
(The 1-元 tail of a whole-元 table: tests/test_review_documents.py.)"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.importing.final.final_accounts import economic_halves
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import CellProblem
from reportgen.readers.grid import Cell, Grid
from reportgen.review.documents import review_document
from reportgen.review.sentences.judge import DISPUTED

ROOT = Path(__file__).resolve().parent.parent
PLANTED_FINAL = ROOT / "bench" / "corpus" / "putuo-caizhengju-juesuan-2024-planted.pdf"
WANLI_2025 = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf"
WENLVJU = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
WORKBOOK = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def test_a_final_accounts_document_with_codes_over_class_and_kuan_is_read_not_crashed(capsys):
    code = main(["review", str(PLANTED_FINAL), "--layout", "上海"])
    said = capsys.readouterr()
    assert code == 1 and "内部错误" not in said.err and "Traceback" not in said.err, said.err
    assert "缺少支出决算表" in said.out  # the table the planted copy lacks (its 目录 lists it)
    assert "一般公共预算财政拨款基本支出决算表" in said.out and "没有认出“编码”" not in said.out
    result = review_document(PLANTED_FINAL, "上海")
    assert result.refused and not result.final  # its eight tables agree with each other


def test_a_table_whose_code_column_is_not_found_is_told_unread_with_its_place():
    from reportgen.importing.recognition.catalog import load

    kind = next(k for k in load("上海").tables if k.id == "一般公共预算财政拨款基本支出决算表")
    rows = [[Cell("一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算表")],
            [Cell("名称", "名称"), Cell("决算数", "决算数")], [Cell("工资福利支出", "工资福利支出"), Cell(Decimal(5))]]
    table = Table(kind, Grid("x.pdf", "第13页", rows), header_start=1, body_start=2, columns={0: "名称", 1: "决算数"})
    problems: list[CellProblem] = []
    assert economic_halves(table, problems) == []
    assert len(problems) == 1 and "没有认出“编码”" in problems[0].why and "第13页" in problems[0].where


def test_codes_the_catalogue_does_not_hold_are_listed_unverified_never_counted(capsys, tmp_path):
    """万里街道 2025's workbook with its 2100717 计划生育服务 printed as a local 项 2100798 in every table:
    a code no catalogue here holds is unverified — listed, never an alarm."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(WORKBOOK)
    changed = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            codes = [str(c.value or "").strip() for c in row[:3]]
            if codes == ["210", "07", "17"]:
                row[2].value, row[3].value, changed = "98", "本地计划生育项目", changed + 1
    assert changed
    path = tmp_path / "local.xlsx"
    book.save(path)
    result = review_document(path, "上海")
    assert [f.rule for f in result.unverified] == ["R-科目未收录"] and "2100798" in result.unverified[0].message
    assert not [f for f in result.checks if f.rule == "R-科目未收录"] and result.counts["warnings"] == 0
    assert main(["review", str(path), "--layout", "上海", "-o", str(tmp_path / "pages")]) in (0, 1)
    out = capsys.readouterr().out
    assert "未收录的科目 1 个" in out and "2100798" in out and "[R-科目未收录]" not in out
    (page,) = (tmp_path / "pages").glob("*-tables.html")
    assert "未收录的科目" in page.read_text(encoding="utf-8") and "2100798" in page.read_text(encoding="utf-8")


def test_the_review_page_tells_a_tables_tail_apart(tmp_path, capsys):
    assert main(["review", str(WANLI_2025), "--layout", "上海", "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    (page,) = tmp_path.glob("*-tables.html")
    text = page.read_text(encoding="utf-8")
    assert "尾数误差" in text and "21201 城乡社区管理事务 印作 94,995,790" in text


def test_codes_read_from_the_corpus_are_known_to_the_catalogue():
    result = review_document(WANLI_2025, "上海")
    assert result.unverified == [] and not [f for f in result.checks if f.severity == "warning"]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """文旅局 2026 (a real source) as a DOCX whose 项 2070108 文化活动 carries 11,820,000 instead of
    11,280,000 in both its tables (合计 and 项目支出): its 款, 类 and totals printed right, its text right."""
    import docx

    folder = tmp_path_factory.mktemp("planted")
    assert main(["render", str(WENLVJU), "-o", str(folder), "--format", "docx"]) == 0
    document = docx.Document(str(folder / f"{WENLVJU.stem}.docx"))
    changed = 0
    for table in document.tables:
        for row in table.rows:
            if row.cells[0].text == "2070108":
                for run in (r for c in row.cells[2:] for p in c.paragraphs for r in p.runs):
                    if run.text == "11,280,000.00":
                        run.text, changed = "11,820,000.00", changed + 1
    assert changed == 4
    path = folder / "planted.docx"
    document.save(str(path))
    return path


def test_a_table_slip_is_told_and_never_becomes_the_measure_of_the_text(planted):
    result = review_document(planted, "上海")
    assert result.imported is not None and len(result.imported.differences) == 2  # the 款 20701, two columns
    assert any("20701 文化和旅游 印作 174,517,712.00" in line for line in result.imported.differences)
    assert result.narrative is not None
    assert result.narrative.disagreements() == []  # no “应为 27,861.61万元” for the right 27,807.61
    disputed = [v for v in result.narrative.verdicts if v.cause == DISPUTED]
    assert any(v.statement.text.endswith("27,807.61万元") for v in disputed)
    assert any(v.statement.kind == "share" for v in disputed)


WANLI_2023 = ROOT / "bench" / "corpus" / "putuo-wanli-2023.pdf"


@pytest.fixture(scope="module")
def wanli_2023():  # type: ignore[no-untyped-def]
    """万里街道 2023 (35 pages, a document no test came from before): its tables as printed."""
    from reportgen.importing.pipeline import import_files

    return import_files([WANLI_2023], "上海")


def test_a_label_wrapped_over_two_lines_is_one_row_of_the_two_sided_table(wanli_2023):
    """财政拨款收支总表 prints “四、文化旅游体育与传媒” / its figures on the next line / “支出五、社会保障和就业
    支出”: one row of 200,000, and the next label whole — the 支出总计 adds up (it was 27,273,236 short)."""
    imported = wanli_2023.imported
    _, right = imported.sides["财政拨款收支总表"]
    labels = {row.label: row.amounts for row in right}
    assert labels["文化旅游体育与传媒支出"]["合计"].value == Decimal(200000)
    assert labels["社会保障和就业支出"]["合计"].value == Decimal(27073236)
    assert not [line for line in wanli_2023.differences if "支出总计" in line]


def test_a_table_that_is_none_of_the_budgets_is_never_read_as_the_one_before_it(wanli_2023):
    """The 项目支出绩效目标填报表 pages after the “三公” table were read as its rows (12 cells “应为金额”):
    now cut at their own title, listed as not recognised; and the “三公” 合计 whose items ran into one
    cell is not held to the one item that was read."""
    assert not [line for line in wanli_2023.differences if "第31页" in line or "“三公”经费合计" in line]
    assert any(line.endswith(" 第31页") for line in wanli_2023.unknown)  # listed as not recognised, with its page


DRAFT = ROOT / "bench" / "corpus" / "wanli-2025-generated-draft-1.pdf"


@pytest.fixture(scope="module")
def draft():  # type: ignore[no-untyped-def]
    """万里街道 2025 as another generator drafted it (its own slips in its prose, its tables right)."""
    from reportgen.importing.pipeline import import_files

    return import_files([DRAFT], "上海")


def test_a_label_wrapped_around_its_figures_line_is_that_rows_label(draft):
    """财政拨款收支总表 prints “一、一般公共预算 / 资金” on the two lines around the line of 189,767,551, below a
    line of 189,767,551.46 that has no label on either side: the wrapped label is of the row whose figure it
    stands around (its lines' baselines closer than a line's pitch: one ruled row), so 一般公共预算资金 is
    189,767,551 and 收入总计 its sum — no difference, and no tail to tell."""
    left = draft.imported.sides["财政拨款收支总表"][0]
    general = next(row for row in left if row.label.endswith("一般公共预算资金"))
    assert [a.value for a in general.amounts.values()] == [Decimal("189767551")]
    assert not [line for line in draft.differences if "189,767,551" in line]


def test_none_budgeted_for_procurement_is_a_part_that_is_nothing_not_a_part_withheld(draft):
    """“2025年未安排政府采购预算。”: the part is there and is 0 — never 不公开 (which check would then
    warn is required)."""
    from reportgen.importing.tree import Placed

    procurement = draft.imported.tree["政府采购"]
    assert {key: node.value for key, node in procurement.items() if isinstance(node, Placed)} == {
        "货物": Decimal(0), "工程": Decimal(0), "服务": Decimal(0)}
    withheld = draft.imported.tree.get("不公开")
    assert withheld is None or "政府采购" not in withheld.value


def test_a_source_printed_in_whole_yuan_takes_its_tails_as_rounding(tmp_path):
    """金额精度: 1 (an import of whole-元 tables writes it): 文旅局 2026's 政府采购 合计 printed 1 元 over its
    货物, 工程 and 服务 is their rounding; without it, the same source's 1 元 is an error, as ever."""
    from reportgen.runners.render import check_findings

    text = WENLVJU.read_text(encoding="utf-8").replace("  合计: 85363900 ", "  合计: 85363901 ")
    plain = tmp_path / "plain.yaml"
    plain.write_text(text, encoding="utf-8")
    assert [f.rule for f in check_findings(plain) if f.severity == "error"] == ["R-填报合计"]
    rounded = tmp_path / "rounded.yaml"
    rounded.write_text(text.replace("金额单位: 元\n", "金额单位: 元\n金额精度: 1\n", 1), encoding="utf-8")
    assert [f for f in check_findings(rounded) if f.severity == "error"] == []


def test_an_import_of_whole_yuan_tables_says_so_in_its_source(wanli_2023):
    assert "\n金额精度: 1   # 各表的金额都印作整数元\n" in wanli_2023.source.text


@pytest.mark.parametrize("name", ["shanghai-putuo-chengguan-2026", "shanghai-putuo-jianguanwei-2026",
                                  "shanghai-putuo-wenlvju-2026"])
def test_a_document_rendered_from_a_real_source_is_reviewed_without_an_error(tmp_path, name):
    """reportgen's own rendering of a real source (上海 layout) has no slip, so its review has no error:
    a 项目支出表 that lists some projects is a part (R-项目支出合计 warns), not a contradiction; the 财政拨款
    收支总表's class is held to the 一般公共预算支出表 by its 一般公共预算 column (its 合计 holds the 政府性基金
    too); “以下1个项目公开绩效目标，涉及预算资金…” is that project's money or, unread, unknown — never the
    whole 绩效 amount."""
    source = ROOT / "data" / f"{name}.yaml"
    assert main(["render", str(source), "-o", str(tmp_path), "--format", "docx"]) == 0
    result = review_document(tmp_path / f"{name}.docx", "上海")
    assert result.imported is not None and result.imported.differences == []
    assert [f.format() for f in result.checks if f.severity == "error"] == []
    assert result.narrative is not None and [f.format() for f in result.narrative.findings()
                                             if f.severity == "error"] == []


def test_a_title_that_names_last_year_as_its_own_is_told(tmp_path):
    """文旅局 2026 rendered, its title written “…2025年部门预算” (a slip a copied template leaves): told;
    the text's comparisons with 2025年预算 are not."""
    import io
    import zipfile

    assert main(["render", str(WENLVJU), "-o", str(tmp_path), "--format", "docx"]) == 0
    rendered = tmp_path / f"{WENLVJU.stem}.docx"
    package = zipfile.ZipFile(io.BytesIO(rendered.read_bytes()))
    xml = package.read("word/document.xml").decode("utf-8")
    title = "上海市普陀区文化和旅游局2026年部门预算"
    assert title in xml
    planted = tmp_path / "planted.docx"
    with zipfile.ZipFile(planted, "w", zipfile.ZIP_DEFLATED) as out:
        for item in package.infolist():
            data = package.read(item)
            out.writestr(item, xml.replace(title, title.replace("2026", "2025"), 1).encode() if item.filename == "word/document.xml" else data)
    before = review_document(rendered, "上海")
    after = review_document(planted, "上海")
    assert before.narrative is not None and after.narrative is not None
    assert not [f for f in before.narrative.wording if "标题写作" in f.message]
    told = [f for f in after.narrative.wording if "标题写作" in f.message]
    assert len(told) == 1 and "2025年部门预算" in told[0].message and "本文件是 2026 年预算" in told[0].message


FULIYUAN = ROOT / "bench" / "corpus" / "putuo-fuliyuan-unit-2024.pdf"


def test_a_unit_budget_with_an_impossible_code_and_shifted_names_is_reviewed_whole(capsys):
    """普陀区社会福利院 2024 单位预算 (bench/corpus): “7 11 02” printed for 210 11 02 (twice), the 302 款 numbered
    01–13 in a row with other items' names, 210 under its pre-2019 name in the 收支总表 and the text, and
    事业收入 of 262 万元 spent beside the 财政拨款. The impossible code is one row unread — the rest of the
    document, its text included, is still reviewed (before: the source would not load and no sentence was
    read); the shifted names are one finding, not one per row, and no figure is judged by a disputed name;
    the old class name is read as 210 (no 支出总计 difference) and told; the 事业收入 row is no difference
    between the 支出总表 and the 财政拨款 tables; “无机关运行经费” is a 0, not a part withheld."""
    assert main(["review", str(FULIYUAN), "--layout", "上海"]) == 1
    out = capsys.readouterr().out
    impossible = [r for r in out.splitlines() if "科目编码印作“7 11 02”，不成立" in r]
    assert len(impossible) == 2 and "第9页 第17行" in impossible[0] and "第11页 第17行" in impossible[1], impossible
    assert out.count("[R-科目名称] 经济分类 302 下 10 行的编码与名称错位") == 1
    assert "30202 印作“咨询费”（咨询费是 30203）" in out and "[R-科目名称] 科目 302" not in out
    assert "[R-三公经费]" not in out and "[R-不公开]" not in out
    assert "支出总计 印作" not in out and "2081005" not in out.split("未收录的科目")[0]
    old = [r for r in out.splitlines() if "“医疗卫生与计划生育支出”是 2018 年及以前的科目名称（210），2024 年为“卫生健康支出”" in r]
    assert len(old) == 3, old
    wrong = [r for r in out.splitlines() if "[R-核对]" in r]
    assert len(wrong) == 1 and "“社会福利事业单位”的金额写作“738.66万元”" in wrong[0], wrong
    assert "正文读到 140 个数字" in out  # 单价100万元（含）以上 twice: a threshold, no figure


def test_one_review_of_a_pdf_runs_pdftotext_once(monkeypatch):
    """The review reads the PDF's words with their boxes (-bbox-layout) once: its prose, the importer's
    说明 and the tables are all read from that one run; the imported source is prepared once, in
    memory — no file is written."""
    import tempfile

    from reportgen.readers.pdf import pdf_words

    runs: list[list[str]] = []
    real = pdf_words.run_program

    def counted(command, *args, **kwargs):  # type: ignore[no-untyped-def]
        runs.append(command)
        return real(command, *args, **kwargs)

    written: list[str] = []
    real_folder = tempfile.TemporaryDirectory
    monkeypatch.setattr(pdf_words, "run_program", counted)
    monkeypatch.setattr(pdf_words, "_READ", {})
    monkeypatch.setattr(tempfile, "TemporaryDirectory",
                        lambda *a, **k: written.append(k.get("prefix", "")) or real_folder(*a, **k))
    result = review_document(WANLI_2025, "上海")
    assert result.narrative is not None and result.narrative.counts["read"] > 300
    assert len(runs) == 1 and "-bbox-layout" in runs[0], runs
    assert "reportgen-review-" not in written
    assert str(result.narrative.source) == str(WANLI_2025)  # the page names the document, not a file that is gone
