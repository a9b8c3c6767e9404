"""江苏's 一般公共预算机关运行经费支出预算表 as printed (issue 80): the table sets 机关运行经费 out by economic code —
its 合计, the 类 302 商品和服务支出, then each 款 (30201 办公费 …). Before, the import wrote the 合计 alone
(机关运行经费.本年) and the render printed that one row: 苏州 and 无锡's four fresh1 documents missed 45 rows.

Now the import writes every row printed with a code and an amount (机关运行经费.经济分类, traced; a blank row is not
written) and the render prints them under the 合计, named from the 经济分类 registry. Written from 苏州市应急管理局 and
无锡市信访局 (../shared/corpus/fresh1); 苏州市生态环境局, 无锡市教育局（本级） and 江苏省人大常委会办公厅 2018
(tests/test_import_jiangsu_tables.py) are shown unchanged. No other region of fresh1 or ../shared/corpus prints the
table by code (上海's 机关运行经费 stands on one row beside the “三公”经费; 长春 prints no such table)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from bench.learned_tables import _table_figures, published_rows, rendered_rows
from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.reading.yamlsafe import parse_yaml
from reportgen.runners.render import document_for, prepare
from reportgen.runners.rollover import rollover
from tests.clients import require_program
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
KIND = "机关运行经费表"
# The rows each document prints (read off pdftotext -layout of its 机关运行经费表), the 合计 first.
PRINTED = {
    "js-suzhou-yingji-2026-dept-budget.pdf": (Decimal("474.89"), {
        302: "474.89", 30201: "74.60", 30202: "5.00", 30205: "5.00", 30207: "15.00", 30211: "53.40", 30213: "25.00",
        30214: "10.00", 30215: "30.00", 30217: "15.00", 30226: "3.00", 30227: "13.00", 30228: "35.00",
        30239: "72.74", 30299: "118.15"}),
    "js-wuxi-xinfangju-2025-dept-budget.pdf": (Decimal("98.53"), {
        302: "98.53", 30201: "41.51", 30215: "0.44", 30217: "1.50", 30228: "13.85", 30229: "3.20", 30239: "34.61",
        30299: "3.42"}),
    "js-suzhou-shengtai-2026-unit-budget.pdf": (Decimal("358.46"), {
        302: "358.46", 30201: "26.00", 30202: "6.00", 30205: "0.50", 30207: "6.60", 30211: "79.60", 30213: "2.40",
        30214: "2.00", 30217: "20.00", 30218: "2.00", 30227: "9.00", 30228: "35.52", 30239: "58.88",
        30299: "109.96"}),
    "js-wuxi-jiaoyuju-benji-2026-unit-budget.pdf": (Decimal("135.29"), {
        302: "135.29", 30201: "39.15", 30215: "0.70", 30216: "9.80", 30217: "2.00", 30228: "21.50", 30239: "51.59",
        30299: "10.55"}),
}


@pytest.fixture(scope="module", params=sorted(PRINTED))
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    require_program("pdftotext")
    pdf = FRESH / request.param
    if not pdf.exists():
        pytest.skip("../shared/corpus is not here")
    folder = tmp_path_factory.mktemp("running")
    source, layout = import_once(folder, pdf)
    return pdf, source, layout


def test_the_rows_are_imported_as_printed_and_traced(imported) -> None:
    pdf, source, _ = imported
    total, rows = PRINTED[pdf.name]
    text = source.read_text(encoding="utf-8")
    costs = yaml.safe_load(text)["机关运行经费"]
    assert Decimal(str(costs["本年"])) == total
    assert {line["科目"]: Decimal(str(line["本年"])) for line in costs["经济分类"]} == {
        code: Decimal(figure) for code, figure in rows.items()}
    lines = [line for line in text.splitlines() if line.lstrip().startswith("- {科目: 30") and ", 本年: " in line]
    assert len(lines) == len(rows) and all(f"# {KIND} 第" in line for line in lines)  # 302 and its 款, each traced


def test_the_learned_draft_prints_every_row_in_place(imported) -> None:
    pdf, source, layout = imported
    published = _table_figures(published_rows(import_files([pdf], None).imported.tables[KIND]))
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == KIND)
    rendered = _table_figures(rendered_rows(table))
    assert len(published) == len(PRINTED[pdf.name][1]) + 1
    assert [key for key, figure in published.items() if rendered.get(key) != figure] == []


def test_rows_that_do_not_add_up_are_an_error_and_the_printed_ones_none(imported, tmp_path) -> None:
    """R-机关运行经费: the 类 rows added against 本年, each 类 against its 款 added, within their 尾数."""
    pdf, source, _ = imported
    assert [f for f in prepare(source, draft=True).findings if f.rule == "R-机关运行经费"] == []
    text = source.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.lstrip().startswith("- {科目: 30201, 本年: "))
    altered = tmp_path / "altered.yaml"
    altered.write_text(text.replace(first, first.replace("本年: ", "本年: 1"), 1), encoding="utf-8")
    errors = [f for f in prepare(altered, draft=True).findings if f.rule == "R-机关运行经费" and f.severity == "error"]
    assert len(errors) == 1 and "302 类" in errors[0].message


def test_next_years_source_takes_the_amount_as_its_prior_and_leaves_the_rows_to_fill(imported, tmp_path) -> None:
    """rollover: 机关运行经费 goes to 上年 as any compared amount does; this year's rows by code are not next year's."""
    pdf, source, _ = imported
    (text,) = rollover(source, out=tmp_path / "next.yaml").files.values()
    costs = parse_yaml(text.encode("utf-8"), "next.yaml")["机关运行经费"]
    assert costs == {"本年": "待填写", "上年": PRINTED[pdf.name][0]}
