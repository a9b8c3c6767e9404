"""reportgen import, the text a published document carries (issue 51, part 4): each part lands in a
field of the source and the 上海 render prints it back in the document's words, or it is listed as
未写入 with its page. Grown on 普陀区政府办公室 2025 (bench/corpus), held on 商务委 2025 and 万里 2025
(tests/seeds/pdf): the 主要职能 preamble, the units 机构设置 lists, each item's 用途 (“类-款-项”科目 and
“（类）（款）（项）”), the comparisons with last year (“比2024年预算减少2,389.52万元”, 持平) as 上年's
增减额, 小微企业 within 中小企业, 名词解释 in the document's order, and the official workbook carrying
them all back."""

from __future__ import annotations

import contextlib
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from reportgen.cli import main
from reportgen.runners.assemble import load_source
from tests.clients import require_program

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ROOT / "bench" / "corpus" / "putuo-zhengfuban-2025.pdf"
COMMERCE = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-shangwuwei-2025.pdf"


def _run(*args: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(args))


@pytest.fixture(scope="module")
def done(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Each document imported (上海) and rendered to HTML once: (the source, the render's text)."""
    require_program("pdftotext")
    folder = tmp_path_factory.mktemp("text-fields")
    result = {}
    for pdf in (OFFICE, COMMERCE):
        if not pdf.is_file():
            pytest.skip(f"{pdf} is not available")
        source = folder / f"{pdf.stem}.yaml"
        assert _run("import", str(pdf), "--layout", "上海", "-o", str(source)) in (0, 1)
        _run("render", str(source), "--layout", "上海", "--format", "html", "-o", str(folder))
        page = (folder / f"{pdf.stem}.html").read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", "\n", re.sub(r"<(style|script)[^>]*>.*?</\1>", "", page, flags=re.S))
        result[pdf.stem] = (source, "".join(text.split()))
    return result


def _tree(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_preamble_of_the_duties_and_the_listed_units_are_written_and_printed(done):
    source, text = done[OFFICE.stem]
    overview = _tree(source)["部门概况"]
    assert overview["职能概述"].endswith("上海市普陀区人民政府办公室与上海市普陀区机关事务管理局合署办公。")
    assert overview["机构设置"].endswith("事业单位1家，具体包括（列示至基层预算单位）：")
    assert overview["单位列表"] == ["上海市普陀区人民政府办公室本部。", "下属事业单位上海市普陀区交流服务中心不单列预算，并入本部。"]
    assert "为正处级，加挂上海市普陀区人民政府研究室" in text and text.index("合署办公。") < text.index("主要职能包括：")
    assert "具体包括（列示至基层预算单位）：1.上海市普陀区人民政府办公室本部。2.下属事业单位上海市普陀区交流服务中心不单列预算，并入本部。" in text
    commerce, said = done[COMMERCE.stem]
    units = _tree(commerce)["部门概况"]["单位列表"]
    assert units[1] == "上海市普陀区中小企业服务中心，不单列预算。" and units[0].startswith("商务委本部，上海市普陀区商务委员会机关设9个内设机构")
    assert "具体包括：1.商务委本部，上海市普陀区商务委员会机关设9个内设机构" in said
    assert "纳入上海市普陀区商务委员会2025年部门预算编制范围的单位" not in said  # the list says it, in its words


def test_each_item_s_use_is_written_on_its_row_and_printed_after_it(done):
    source, text = done[OFFICE.stem]
    rows = _tree(source)["支出"]["功能分类"]
    assert all("用途" in row for row in rows) and len(rows) == 12  # “一般公共服务支出-……-行政运行”科目… (dashed names)
    assert rows[0]["用途"] == "行政单位的基本支出"
    assert "1,202.95万元，主要用于行政单位的基本支出。" in text
    # a use that says 用于 later is still “主要用于……” (not taken for one that says it itself)
    assert "186.77万元，主要用于按房改政策规定，行政事业单位向符合条件职工发放的用于购买住房的补贴。" in text


def test_the_comparisons_with_last_year_are_last_year_s_figures_as_far_as_stated(done):
    source, text = done[OFFICE.stem]
    prior = load_source(source).prior
    assert prior.changes[("totals", "财政拨款")].change == Decimal("-23895200")  # “比2024年预算减少2,389.52万元”
    assert prior.changes[("totals", "政府性基金")].change == 0  # “比2024年预算持平”
    assert "财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元；" in text  # no rate: the text states none
    assert "主要原因：项目调整" in text  # the reason has its comparison now
    budget = load_source(done[COMMERCE.stem][0])
    assert budget.prior.changes[("totals", "一般公共预算")].change == Decimal("244917100")
    # “（三）公务接待费1.00万元。与2024年预算持平”: the comparison in the clause after the part's
    assert budget.three_public.parts["公务接待费"].prior == Decimal(10000)


def test_small_firms_within_the_smes_and_the_glossary_in_the_document_s_order(done):
    source, text = done[OFFICE.stem]
    tree = _tree(source)
    assert tree["政府采购"]["小微企业"] == 340000
    assert "其中，预留给小型和微型企业的政府采购项目预算为34.00万元。" in text
    terms = [t["术语"] for t in tree["名词解释"] if not t.get("删去")]
    assert terms[:3] == ["财政拨款收入", "事业收入", "事业单位经营收入"]
    printed = [text.index(f"（{n}）{term}：") for n, term in zip("一二三四五六七八", terms, strict=True)]
    assert printed == sorted(printed)


def test_every_sentence_not_written_is_listed_with_its_page(done):
    header = done[OFFICE.stem][0].read_text(encoding="utf-8").split("\n部门:")[0]
    not_written = [line for line in header.splitlines() if "未写入：" in line]
    # the 机关运行经费 sentence names the units it covers: no field has them
    assert any(line.startswith("#   未写入：第21页 第9行：“2025年上海市普陀区人民政府办公室下属1家机关和1家事业单位") for line in not_written)
    # the vehicles held by kind (其中：部级领导干部用车0辆 …) are written (国有资产.车辆分类, issue 80): not listed
    assert not any("国有资产中的“其中：部级领导干部用车0辆" in line for line in not_written)
    assert "车辆分类" in yaml.safe_load(done[OFFICE.stem][0].read_text(encoding="utf-8"))["国有资产"]
    assert not any("项目调整" in line for line in not_written)  # written: its comparison is stated


def test_the_official_workbook_carries_the_text_fields_back(done, tmp_path):
    source = done[OFFICE.stem][0]
    assert _run("render", str(source), "--layout", "上海", "--format", "xlsx", "-o", str(tmp_path)) in (0, 1)
    back = tmp_path / "back.yaml"
    _run("import", str(tmp_path / f"{source.stem}.xlsx"), "--layout", "上海", "-o", str(back))
    first, again = _tree(source), _tree(back)
    for key in ("职能概述", "机构设置", "单位列表"):
        assert again["部门概况"][key] == first["部门概况"][key]
    assert [row.get("用途") for row in again["支出"]["功能分类"]] == [row.get("用途") for row in first["支出"]["功能分类"]]
    assert {k: v for k, v in again["上年"].items()} == {k: v for k, v in first["上年"].items()}
    assert again["政府采购"]["小微企业"] == first["政府采购"]["小微企业"]
    assert [t["术语"] for t in again["名词解释"]] == [t["术语"] for t in first["名词解释"]]


def test_the_shanghai_layout_states_a_change_without_its_rate(tmp_path):
    source = ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml"
    assert _run("render", str(source), "--layout", "上海", "--format", "html", "-o", str(tmp_path)) in (0, 1)
    html = (tmp_path / f"{source.stem}.html").read_text(encoding="utf-8")
    assert "财政拨款支出预算4,748.35万元，比2025年预算减少19.79万元。" in html and "下降0.42%" not in html
