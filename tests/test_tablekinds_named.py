"""Issue 82 part 4: a table kind is data — its YAML (reportgen/tablekinds/) is the one place that names it, so a new
kind is one file. Python still names the older kinds in the files listed here (importing/budget/build.py names most);
the list only shrinks: a Python file under reportgen/ that names a kind's 编号 (its key: the id templates, sources and
layouts use) beyond it fails, and so does an entry no longer needed, so the list stays the truth.
Measured 2026-11-28 (branch kinds80): 55 files, 145 (file, kind) names; the fund tables import reads
(importing/budget/build.py, reconcile.py: FUND_TABLES) now come from the definitions' 导入.资金 (tablekinds.fund_tables)."""

from __future__ import annotations

from pathlib import Path

from reportgen import tablekinds

PACKAGE = Path(tablekinds.__file__).resolve().parent.parent

# The Python files that name a kind today (their paths under reportgen/), with the kinds each names.
NAMED: dict[str, set[str]] = {
    "checks/budget.py": {"一般公共预算基本支出表", "支出总表", "项目支出表"},
    "compute/functions.py": {"一般公共预算支出表", "收支总表", "财政拨款收支总表"},
    "compute/priors.py": {"收支总表"},
    "compute/totals.py": {"一般公共预算基本支出表", "支出总表", "收支总表"},
    "docmodel/model.py": {"支出总表", "收支总表"},
    "importing/budget/build.py": {
        "一般公共预算基本支出表", "一般公共预算支出表", "三公经费支出表", "国有资本经营预算支出表", "支出总表", "收入总表", "收支总表", "机关运行经费表", "财政拨款收支总表", "项目支出表",
    },
    "importing/budget/by_unit.py": {"支出总表"},
    "importing/budget/reconcile.py": {
        "一般公共预算支出表", "三公经费支出表", "支出总表", "收入总表", "收支总表", "政府性基金预算支出表", "财政拨款收支总表", "项目支出表",
    },
    "importing/budget/units_in_turn.py": {"一般公共预算基本支出表", "一般公共预算支出表", "支出总表", "收入总表"},
    "importing/budget/unread_sums.py": {"支出总表"},
    "importing/budget/verified.py": {"收入总表"},
    "importing/learned_layout.py": {"一般公共预算支出表", "支出总表"},
    "importing/pipeline.py": {"支出总表", "收支总表", "政府采购预算表", "财政拨款收支总表"},
    "importing/printed_names.py": {"支出总表"},
    "importing/recognition/by_arithmetic.py": {"支出总表", "收入总表", "收支总表"},
    "importing/recognition/catalog.py": {"支出总表", "收入总表", "收支总表"},
    "importing/recognition/grouped.py": {"收入总表"},
    "importing/recognition/own_sums.py": {"一般公共预算基本支出表"},
    "importing/recognition/printed_totals.py": {"支出总表"},
    "importing/recognition/recognize.py": {
        "一般公共预算支出表", "三公经费支出表", "支出总表", "收入总表", "收支总表", "政府性基金预算支出表", "政府采购预算表", "机关运行经费表", "项目支出表",
    },
    "importing/recognition/rows.py": {"支出总表"},
    "importing/recognition/sides.py": {"收支总表", "财政拨款收支总表"},
    "importing/recognition/sure.py": {"一般公共预算支出表", "收入总表", "收支总表"},
    "importing/recognition/unread.py": {"三公经费支出表", "收入总表"},
    "importing/text/text_fields.py": {"一般公共预算支出表"},
    "importing/visible.py": {"收支总表"},
    "importing/which_layout.py": {"收入总表"},
    "readers/grid.py": {"收入总表"},
    "readers/htmltables.py": {"一般公共预算支出表"},
    "readers/pdf/pdf_tables.py": {"支出总表", "收入总表", "收支总表"},
    "readers/text/statements.py": {"收支总表", "项目支出表"},
    "review/__init__.py": {"政府采购预算表", "机关运行经费表"},
    "review/documents.py": {"支出总表", "收支总表", "政府采购预算表", "机关运行经费表"},
    "review/following.py": {"支出总表"},
    "review/missing.py": {"国有资本经营预算支出表"},
    "review/policy.py": {"收入总表", "政府性基金预算支出表"},
    "review/project_lists.py": {"项目支出表"},
    "review/sentences/glossary.py": {"一般公共预算支出表", "支出总表", "收支总表", "政府采购预算表", "财政拨款收支总表"},
    "review/target_tables.py": {"项目支出表"},
    "review/text_rules/budget_wording.py": {"支出总表", "收支总表"},
    "runners/render.py": {"收入总表"},
    "shaping/layout_workbook.py": {"收支总表"},
    "shaping/layouts.py": {"一般公共预算基本支出表", "支出总表", "收支总表", "政府采购预算表", "机关运行经费表", "财政拨款收支总表", "项目支出表"},
    "shaping/narrative.py": {"一般公共预算支出表", "国有资本经营预算支出表", "收支总表", "政府性基金预算支出表", "财政拨款收支总表"},
    "tables/economic.py": {"一般公共预算基本支出表"},
    "tables/final.py": {"收支总表", "财政拨款收支总表"},
    "tables/final_by_function.py": {"一般公共预算支出表", "支出总表", "收入总表"},
    "tables/function.py": {"一般公共预算支出表", "国有资本经营预算支出表", "支出总表", "收入总表", "政府性基金预算支出表"},
    "tables/projects.py": {"项目支出表"},
    "tables/registry.py": {
        "一般公共预算基本支出表", "一般公共预算支出表", "三公经费支出表", "国有资本经营预算支出表", "支出总表", "收入总表", "收支总表", "政府性基金预算支出表", "财政拨款收支总表",
    },
    "tables/specs.py": {"一般公共预算支出表", "国有资本经营预算支出表", "支出总表", "政府性基金预算支出表"},
    "tables/summary.py": {"收入总表", "收支总表", "财政拨款收支总表"},
    "tables/three_public.py": {"三公经费支出表", "机关运行经费表"},
    "writers/xlsx.py": {"收支总表"},
    "writers/xlsx_official.py": {"收支总表"},
}


def _names(text: str) -> set[str]:
    return {kind.id for kind in tablekinds.kinds() if kind.id in text}


def _named() -> dict[str, set[str]]:
    found = {}
    for file in sorted(PACKAGE.rglob("*.py")):
        if names := _names(file.read_text(encoding="utf-8")):
            found[file.relative_to(PACKAGE).as_posix()] = names
    return found


def test_no_python_file_names_a_kind_beyond_those_listed():
    grown = {file: sorted(names - NAMED.get(file, set())) for file, names in _named().items()}
    assert not {file: names for file, names in grown.items() if names}, \
        "a Python file names a table kind: reach it through its definition (reportgen/tablekinds/*.yaml)"


def test_the_list_of_files_that_name_a_kind_only_shrinks():
    named = _named()
    gone = {file: sorted(names - named.get(file, set())) for file, names in NAMED.items()}
    assert not {file: names for file, names in gone.items() if names}, "no longer named: take it off NAMED"


def test_the_scan_sees_a_kind_written_in_python():
    """As the older build.py wrote its fund tables: FUND_TABLES = {"一般公共预算支出表": "一般公共预算", …}."""
    assert _names('FUND_TABLES = {"一般公共预算支出表": "一般公共预算"}') == {"一般公共预算支出表"}
    assert _names("from reportgen import tablekinds") == set()


def test_the_fund_tables_import_reads_are_the_definitions_with_a_fund_in_their_order():
    assert list(tablekinds.fund_tables().items()) == [
        ("一般公共预算支出表", "一般公共预算"), ("政府性基金预算支出表", "政府性基金"), ("国有资本经营预算支出表", "国有资本经营")]
