"""A disclosure published as several files (issue 54 parts 4 and 5): 北京 publishes its 情况说明 and its
报表 apart. Given together, or in one folder, they are reviewed and imported as one document — told by
their content (the narrative's cover, which file holds the tables, the narrative's amounts printed in
the tables), never by their names; files that are not one disclosure stay apart. A document of which
fewer than half the printed amounts were read is 未能审核, never passed.

Fixtures: pages of real 北京 disclosures cut with pypdf (tests/fixtures/disclosure/make_extracts.py):
part1 the 首都绿化委员会办公室 2026 情况说明, part2 its 报表 (预算01–09表), part3 its 报表's tables that are none of
the budget's (预算11–13表: 政府购买服务, 项目 and 部门整体绩效目标), minzheng-part1 北京市民政局's 说明."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from reportgen.cli import main
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition.identity import cover_of
from reportgen.readers.grid import ImportRefused
from reportgen.readers.published import read_published
from reportgen.review.documents import review_document, review_files, review_together

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "disclosure"
NARRATIVE = FIXTURES / "bj-lvhua-part1.pdf"
TABLES = FIXTURES / "bj-lvhua-part2.pdf"
OTHER_TABLES_FILE = FIXTURES / "bj-lvhua-part3.pdf"  # 预算11表, 预算12表's first page, 预算13表
OTHER_NARRATIVE = FIXTURES / "bj-minzheng-part1.pdf"
OTHER_TABLES = FIXTURES / "bj-minzheng-part2.pdf"  # its 报表's 收支总表 and 收入总表 alone
SHANGHAI = ROOT / "bench" / "corpus" / "putuo-zhengfuban-2025.pdf"
CORPUS = ROOT.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def test_the_narrative_s_cover_names_its_owner_and_year():
    cover = cover_of(read_published(NARRATIVE).lines)
    assert cover is not None and (cover.department, cover.year, cover.accounts) == ("首都绿化委员会办公室", 2026, "预算")
    assert cover_of(read_published(TABLES).lines) is None  # the 报表 opens with 预算01表: no cover


@pytest.mark.parametrize(("document", "title"), [
    (NARRATIVE, "首都绿化委员会办公室2026年度部门预算"),
    (OTHER_NARRATIVE, "北京市民政局2026年度部门预算信息公开"),
    (SHANGHAI, "上海市普陀区2025年区级部门预算"),  # its owner's line (预算主管部门：…) is no part of it
    (ROOT / "tests" / "seeds" / "juesuan" / "shanghai-putuo-guihuaziyuan-juesuan-2024.pdf",
     "上海市普陀区规划和自然资源局2024年度部门决算"),  # over three lines
    (TABLES, "")])  # opens with 预算01表: no cover, no title
def test_a_document_s_title_is_its_cover_s(document, title):
    """The title a 整改通知 names the document by (issue 55 part 6), as its cover prints it."""
    from reportgen.importing.recognition.identity import cover_title

    assert cover_title(read_published(document).lines) == title


def test_a_narrative_and_its_tables_given_together_are_reviewed_as_one_document(capsys):
    code = main(["review", str(TABLES), str(NARRATIVE), "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert len(found) == 1  # counted once
    one = found[0]
    assert one["document"] == str(NARRATIVE) and one["files"] == [str(NARRATIVE), str(TABLES)]
    # the 说明 alone was judged by the figures its own prose states (“三公” 27.09 against four parts of 0.00):
    # together, the 报表's tables are its measure, and that false alarm is gone
    assert not any(c["rule"] == "R-填报合计" for c in one["checks"]), one["checks"]
    assert code == 0  # its tables read (see below), its figures agree with them: no slip found


def test_each_half_of_a_disclosure_is_imported_once_with_the_other_and_a_half_alone_all_the_same(monkeypatch, capsys):
    """A narrative and its tables file are held back as soon as each is known to be half of a disclosure, and
    reviewed once, as one — not each reviewed alone first and then again together (issue 79 part 6: three
    imports of the pair, two thrown away); a half given without its other half is still reviewed alone."""
    from reportgen.review import documents

    imported: list[list[str]] = []
    real = documents.import_files

    def counted(paths, *args, **kwargs):
        imported.append([Path(path).name for path in paths])
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(documents, "import_files", counted)
    main(["review", str(TABLES), str(NARRATIVE), "--jobs", "1", "--format", "json"])
    assert imported == [[NARRATIVE.name, TABLES.name]]
    assert len(json.loads(capsys.readouterr().out)) == 1
    imported.clear()
    main(["review", str(NARRATIVE), "--jobs", "1", "--format", "json"])
    (alone,) = json.loads(capsys.readouterr().out)
    assert imported == [[NARRATIVE.name]] and alone["document"] == str(NARRATIVE) and alone["outcome"]
    # its “三公” parts stated as their 预算 (“包括公务用车购置费预算 18.69 万元、公务用车运行维护费预算 8.40 万元”) are read:
    # not told “没有写” (R-三公未知, the one check it was told before)
    assert not any(c["rule"] == "R-三公未知" for c in alone["checks"]), alone["checks"]


def test_the_one_document_takes_its_tables_from_the_tables_file_and_its_text_from_the_narrative():
    result = review_files([NARRATIVE, TABLES], None)
    assert result.imported is not None and result.imported.documents == [NARRATIVE]  # the text judged
    files = {table.grid.file for table in result.imported.imported.tables.values()}
    assert files == {str(TABLES)} and len(result.imported.imported.tables) >= 8
    assert (result.imported.imported.department, result.imported.imported.year) == ("首都绿化委员会办公室", 2026)
    assert any("是情况说明" in note and "是报表" in note for note in result.imported.notes)  # and says so
    # the 报表's header cells set over lines (项　目, 一般公共预 / 算资金) read column by column: its income is
    # read, and the narrative judged by it — its figures agree, none is found at odds with the tables
    assert {"收支总表", "收入总表", "财政拨款收支总表"} <= set(result.imported.imported.tables)
    assert result.outcome != "未能审核" and not result.unreviewed
    assert result.narrative is not None and result.narrative.counts["agree"] >= 20
    assert result.narrative.counts["disagree"] == 0 and not result.imported.differences


def test_a_folder_holding_both_is_one_document_whatever_the_files_are_named(tmp_path, capsys):
    folder = tmp_path / "北京报来的"
    folder.mkdir()
    shutil.copy(NARRATIVE, folder / "报表.pdf")  # names that say the opposite of what the files hold
    shutil.copy(TABLES, folder / "情况说明.pdf")
    main(["review", str(folder)])
    said = capsys.readouterr().out
    assert f"== {folder / '报表.pdf'}（与 {folder / '情况说明.pdf'} 是同一份公开文本，作为一份审核）" in said
    assert "审核 1 份文件" in said


def test_a_report_published_in_two_files_joins_its_narrative_as_one_document(tmp_path):
    """The 报表 published as two files (附件2-1: 预算01–04表, 附件2-2: 预算05–09表) beside its 说明: the three
    are one document, judged as the 说明 and the whole 报表 are — not a 说明 with half its tables and a
    报表 half 未能审核 for want of the other half's income."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(TABLES)
    halves = []
    for name, pages in (("附件2-1.pdf", range(0, 4)), ("附件2-2.pdf", range(4, len(reader.pages)))):
        writer = PdfWriter()
        for number in pages:
            writer.add_page(reader.pages[number])
        writer.write(tmp_path / name)
        halves.append(tmp_path / name)
    whole = review_files([NARRATIVE, TABLES], None)
    (one,) = review_together([halves[1], NARRATIVE, halves[0]], None)
    assert one.files == [NARRATIVE, halves[0], halves[1]] or one.files == [NARRATIVE, halves[1], halves[0]]
    assert one.outcome == whole.outcome != "未能审核"
    assert one.narrative is not None and whole.narrative is not None
    assert one.narrative.counts == whole.narrative.counts
    assert set(one.imported.imported.tables) == set(whole.imported.imported.tables)


def _said(result):
    assert result.narrative is not None
    return (result.outcome, result.narrative.counts, [(f.rule, f.message) for f in result.narrative.findings()],
            [(f.rule, f.message) for f in result.checks], set(result.imported.imported.tables))


def test_a_file_of_the_disclosure_s_other_tables_joins_its_narrative_and_tables_as_one_document():
    """预算11–13表 (政府购买服务, 绩效目标表: none of them a budget table) published as a third file beside the 说明
    and the 报表: the three are one document, judged as the 说明 and its 报表 are — before, the third was
    未能审核 alone (“没有认出任何预算表”)."""
    reviewed = review_together([OTHER_TABLES_FILE, NARRATIVE, TABLES], None)
    assert [r.files for r in reviewed] == [[NARRATIVE, TABLES, OTHER_TABLES_FILE]]
    assert _said(reviewed[0]) == _said(review_files([NARRATIVE, TABLES], None))
    assert any("附表" in note for note in reviewed[0].imported.notes)  # and says what each file is


def test_a_file_of_other_tables_naming_no_department_joins_the_one_disclosure_given_and_no_other(tmp_path):
    """Its 预算11–12表 alone name no department: given with one 说明 and 报表 it is theirs; given beside two
    documents, nothing tells whose it is, and it is told alone for what it is."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(OTHER_TABLES_FILE).pages[:2]:
        writer.add_page(page)
    unnamed = tmp_path / "附件3.pdf"
    writer.write(unnamed)
    assert [r.files for r in review_together([NARRATIVE, TABLES, unnamed], None)] == [[NARRATIVE, TABLES, unnamed]]
    reviewed = review_together([NARRATIVE, TABLES, unnamed, OTHER_NARRATIVE, OTHER_TABLES], None)
    assert [r.files or [r.document] for r in reviewed] == [[NARRATIVE, TABLES], [unnamed], [OTHER_NARRATIVE, OTHER_TABLES]]
    assert reviewed[1].outcome == "未能审核" and "附表" in reviewed[1].refused


def test_a_file_of_other_tables_alone_says_what_it_is_never_passed():
    alone = review_document(OTHER_TABLES_FILE, None)
    assert alone.outcome == "未能审核" and not alone.checks
    assert "只印了预算表以外的表（预算11表财政拨款政府购买服务明细表" in alone.refused and "附表" in alone.refused


def test_two_unrelated_documents_given_together_stay_two(capsys):
    main(["review", str(OTHER_NARRATIVE), str(TABLES), "--format", "json"])
    found = json.loads(capsys.readouterr().out)
    assert [one["files"] for one in found] == [[str(OTHER_NARRATIVE)], [str(TABLES)]]
    # and three files: the pair found, the other narrative left alone
    reviewed = review_together([OTHER_NARRATIVE, TABLES, NARRATIVE], None)
    assert [r.files or [r.document] for r in reviewed] == [[OTHER_NARRATIVE], [NARRATIVE, TABLES]]


def test_import_of_both_writes_one_source_with_the_narrative_s_owner(tmp_path, capsys):
    out = tmp_path / "lvhua.yaml"
    main(["import", str(NARRATIVE), str(TABLES), "-o", str(out)])
    capsys.readouterr()
    source = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert (source["部门"], source["年度"]) == ("首都绿化委员会办公室", 2026)
    text = out.read_text(encoding="utf-8")
    assert "预算05表" not in text  # the 报表's lines are its tables, never read as narrative text


def test_import_of_a_narrative_with_another_department_s_tables_is_refused():
    with pytest.raises(ImportRefused) as refused:
        import_files([OTHER_NARRATIVE, TABLES], None)
    assert "不是同一份公开文本" in refused.value.message and str(OTHER_NARRATIVE) in refused.value.message


def test_a_document_of_which_fewer_than_half_the_amounts_were_read_is_not_reviewed(capsys):
    alone = review_document(NARRATIVE, None)  # a 说明 alone: its tables are in another file
    # its sentences are read (issue 54 part 3), but not one of its figures is judged against a table
    assert alone.read is not None and alone.narrative is not None and alone.narrative.counts["agree"] == 0
    assert alone.outcome == "未能审核" and alone.unreviewed.startswith("正文没有核对")
    main(["review", str(NARRATIVE)])
    said = capsys.readouterr().out
    assert "未能审核：正文没有核对" in said and "1 份未能审核" in said and "未发现问题\n" not in said
    shanghai = review_document(SHANGHAI, None)  # a document whose tables are read is reviewed as before
    assert shanghai.read is not None and shanghai.read.read == shanghai.read.printed and shanghai.outcome == "未发现问题"


def test_a_field_the_reading_did_not_fill_is_not_told_as_the_document_s_slip():
    """民政局's 说明 with the first two pages of its 报表: no table of its spending is given, so the
    source made of them has no 支出. The tables it lacks are told; that the source lacks the required
    支出 (必填) is the reading's gap — told of neither the source's checks nor its text's."""
    result = review_files([OTHER_NARRATIVE, OTHER_TABLES], None)
    assert result.files == [OTHER_NARRATIVE, OTHER_TABLES]  # one document
    assert "部门支出总表" in (result.checklist or {}).get("tables_missing", [])
    told = result.checks + result.narrative_problems
    assert not [f.message for f in told if f.rule == "必填"]
    assert result.outcome != "未发现问题"
    # the tables it lacks are told as the document's finding, not only in the 检查表: never passed in silence
    [lacking] = [f.message for f in result.checks if f.rule == "R-缺表"]
    assert "“部门支出总表”" in lacking and "共 7 张" in lacking


def test_a_name_the_reading_did_not_find_is_not_told_as_empty():
    """A 报表 given without its 说明 (政务服务和数据管理局's, whose 说明 is a scan): the department's name
    is on no page of it, so the source made of it has none — the document prints no empty name."""
    result = review_document(FIXTURES / "bj-zhengshu-part2.pdf", None)
    assert result.imported is not None and not result.imported.imported.department
    assert not [(f.path, f.message) for f in result.checks + result.narrative_problems if f.message == "不能为空"]


@pytest.mark.skipif(not (CORPUS / "bj-minzhengju-2026-dept-budget-tables.pdf").exists(), reason="../shared/corpus 不在")
def test_each_pair_of_the_corpus_is_one_disclosure_and_no_other():
    from reportgen.review.documents import disclosures

    names = ["shoudulvhuaban", "minzhengju", "shangwuju"]
    files = [CORPUS / f"bj-{name}-2026-dept-budget{tail}.pdf" for name in names for tail in ("", "-tables")]
    halves = [r.half for r in (review_document(path, None) for path in files) if r.half]
    assert len(halves) == 6
    assert sorted(disclosures(halves)) == sorted([files[i], files[i + 1]] for i in range(0, 6, 2))


JIANGSU = ROOT / "tests" / "fixtures" / "import" / "national"  # pages of 江苏 2018 disclosures (ae86jack/open-budget)


@pytest.mark.parametrize(("one", "other"), [
    ("江苏省委办公厅", "中国共产党江苏省委员会办公厅"),  # 江苏 2017: the 说明's cover and the 报表's 部门：
    ("江苏省委办公厅", "中共江苏省委办公厅"),  # 2018: the 说明's cover and the 报表's 部门：
    ("省委办公厅", "中国共产党江苏省委员会办公厅"),  # the province left out
    ("中共烟台市委宣传部", "中国共产党烟台市委员会宣传部"),  # 烟台 2026 prints both
    ("江苏省政协办公厅", "中国人民政治协商会议江苏省委员会办公厅"),
    ("江苏省人大常委会办公厅", "江苏省人民代表大会常务委员会办公厅"),
    ("深圳市民政局(本级)", "深圳市民政局（本级）")])
def test_a_department_named_in_its_full_and_its_short_form_is_one_owner(one, other):
    from reportgen.importing.recognition.identity import same_owner

    assert same_owner(one, other) and same_owner(other, one)


def test_two_departments_of_one_province_are_never_one_owner_in_any_form():
    from reportgen.importing.recognition.identity import same_owner

    forms = [["中国共产党江苏省委员会办公厅", "中共江苏省委办公厅", "省委办公厅"],
             ["江苏省人民代表大会常务委员会办公厅", "江苏省人大常委会办公厅"],
             ["中国人民政治协商会议江苏省委员会办公厅", "政协江苏省委员会办公厅", "江苏省政协办公厅"],
             ["江苏省人民政府办公厅", "江苏省人民政府办公室"], ["中共江苏省委宣传部"], ["江苏省高级人民法院"],
             ["江苏省人民检察院"]]
    for i, names in enumerate(forms):
        for other in (name for j, names_j in enumerate(forms) if j != i for name in names_j):
            assert not any(same_owner(name, other) for name in names), (names, other)


def test_two_departments_disclosures_in_one_folder_are_each_one_document(tmp_path):
    """江苏 2018: 省委办公厅's 说明 (its cover: 江苏省委办公厅) and 报表 (部门：中共江苏省委办公厅), and 政协办公厅's
    说明 and 报表, four files in one folder: two documents, each 说明 with its own 报表."""
    files = [JIANGSU / name for name in ("js-shengweibangongting-2018-p1-6-7.pdf", "js-shengweibangongting-2018-tables-p1-3.pdf",
                                         "js-zhengxie-2018-p1-8-9.pdf", "js-zhengxie-2018-p1.pdf")]
    for path in files:
        shutil.copy(path, tmp_path / path.name)
    reviewed = review_together(sorted(tmp_path.iterdir()), None)
    assert sorted([p.name for p in r.files] for r in reviewed) == [[files[0].name, files[1].name],
                                                                   [files[2].name, files[3].name]]


def test_a_narrative_alone_is_not_held_to_sums_of_what_it_does_not_state():
    """北京市民政局's 情况说明 without its 报表: “2026年支出预算71094.17万元” is its 支出总计 (its 结转 1,776.86 in the
    报表 only), its 基本支出 and 项目支出 stated, its “三公” parts on pages not given. No sum of parts the text does not
    all state is set against its total (R-收支平衡, R-支出合计), nor a “三公” 合计 against four parts never stated (0.00)."""
    alone = review_document(OTHER_NARRATIVE, None)
    told = [(f.rule, f.message) for f in alone.checks]
    assert not [t for t in told if t[0] in ("R-收支平衡", "R-支出合计", "R-填报合计", "R-基本支出一致")], told
    assert not [t for t in told if " 万元" in t[1] or "0.00万元" in t[1]], told


def test_the_three_public_parts_a_narrative_states_as_their_budgets_are_read():
    """首都绿化委员会办公室's 情况说明 (every 北京 2026 说明 says it so): “（三）公务用车购置和运行维护费。2026 年预算数
    27.09 万元，包括公务用车购置费预算 18.69 万元、公务用车运行维护费预算 8.40 万元。” — each part read as the “三公”
    part it names its 预算 of (as 三公经费预算 is the total's), not left unwritten."""
    from decimal import Decimal

    from reportgen.importing.text.prose import prose_source

    prose = prose_source(read_published(NARRATIVE).lines)
    assert prose is not None
    three = prose.imported.tree["三公经费"]
    assert three["公务用车购置费"]["本年"].value == Decimal("18.69")
    assert three["公务用车运行维护费"]["本年"].value == Decimal("8.40")


def test_a_class_named_by_its_name_and_marked_as_a_class_is_that_class():
    """江苏省委办公厅 2018's 说明 alone: “1．一般公共服务（类）支出20153.75万元” is 类 201 (the catalogue's 一般公共服务
    支出), 社会保障和就业（类） 208, 住房保障（类） 221 — and they add up to the 支出 the text states."""
    from decimal import Decimal

    from reportgen.importing.text.prose import prose_source

    prose = prose_source(read_published(JIANGSU / "js-shengweibangongting-2018-p1-6-7.pdf").lines)
    assert prose is not None
    rows = prose.imported.tree["支出"]["功能分类"]
    assert {(r["科目"].value, r["合计"].value) for r in rows} == {
        (201, Decimal("20153.75")), (208, Decimal("1289.52")), (221, Decimal("3015.16"))}


@pytest.mark.parametrize("name, classes", [
    ("js-suzhou-shengtai-2026-unit-budget.pdf", {208, 211, 221}), ("js-wuxi-xinfangju-2025-dept-budget.pdf", {201, 208, 210, 221})])
def test_a_funds_spending_named_as_a_class_is_read_only_where_its_sentence_names_classes(name, classes):
    """江苏 (苏州市生态环境局 2026, 无锡市信访局 2025), their 说明 read as prose: “XX2026年国有资本经营预算支出0万元。”
    under “十一、国有资本经营预算支出预算情况说明” (after the 政府性基金预算's section) is the fund's spending — its words
    name no 类 (their 类 are “（1）社会保障和就业支出（类）支出380.98万元”) — though 223 bears the name: no 功能分类 row 223
    (before: one of 0), told among the figures not written; the 类 the sentences mark are read as before."""
    from reportgen.importing.text.prose import prose_source

    path = CORPUS / "fresh1" / name
    if not path.exists():
        pytest.skip("../shared/corpus/fresh1 is not here")
    prose = prose_source(read_published(path).lines)
    assert prose is not None
    assert {row["科目"].value for row in prose.imported.tree["支出"]["功能分类"]} == classes
    told = [line for line in prose.unplaced if "年国有资本经营预算支出”0万元" in line]
    assert len(told) == 1 and "也是国有资本经营预算（资金）的支出" in told[0], prose.unplaced


def test_a_class_s_name_inside_a_project_s_cost_is_no_class_row():
    """上海市普陀区文化和旅游局 2026 (seed text, no tables): the project 真如海心剧院精装修工程's “本项目可研批复总投资为
    13526.06万元，其中……预备费644.10万元” names 预备费 as a part of that project's cost, not as the 类 预备费's spending
    (before: a 功能分类 row 227 of 644.10 万元 the document never prints, and R-支出合计 against it). Told among the
    figures not written instead; the 类 is read where the text names it as spending (“预备费支出”, “预备费（类）”)."""
    from reportgen.importing.text.prose import _class_code, _classes, prose_source

    prose = prose_source(read_published(ROOT / "tests" / "seeds" / "shanghai-putuo-wenlvju-2026.txt").lines)
    assert prose is not None
    assert "功能分类" not in prose.imported.tree.get("支出", {}), prose.imported.tree["支出"]
    assert [line for line in prose.unplaced if "“预备费”644.10万元" in line], prose.unplaced
    codes = _classes(2026)
    assert [_class_code(codes, label) for label in ("预备费", "预备费支出", "预备费（类）", "预备费支出（类）")] == [
        None, "227", "227", "227"]
