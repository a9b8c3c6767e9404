"""江苏's 部门预算情况说明 read where it stands (issue 54 part 6): a part heading printed below the last table, mid-page
(“第三部分 2018年度部门预算情况说明”), ends the tables, so the sections after it are read (before: all of them, the
“三公” amounts, 政府采购 and 绩效管理 among them, were taken for lines of the tables and the parts came out missing);
and the “三公” parts the text states are written where no “三公” table gave them (the table not read for sure), each
with its place, a part the text does not name left unknown (never a 0).

The fixture is a page extract (pypdf) of the published 江苏省人民检察院 2018 部门预算 (2017/2018 江苏 files, not
the held-out 2019 ones): pp. 13 (“第二部分 2018年度部门预算表”), 23 (the last table's tail, then “第三部分”),
28–29 (九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明 … 十一、机关运行经费); and of the 中共江苏省委办公厅
2018 prose file (its tables published apart): pp. 1, 11 (its “三公” section)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
import yaml

from reportgen.importing.recognition.imported import Imported
from reportgen.importing.text.prose import prose_source
from reportgen.importing.text.text_fields import add_text_fields
from reportgen.importing.text.text_parts import TextParts, read_text_parts
from reportgen.importing.tree import Placed
from reportgen.readers.published import read_published
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.support.national import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
JIANCHAYUAN = FIXTURES / "js-jianchayuan-2018-p13-23-28-29.pdf"
SHENGWEI = FIXTURES / "js-shengweibangongting-2018-p1-11.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


@cache
def _parts() -> TextParts:
    return read_text_parts(read_published(JIANCHAYUAN).lines)


def test_a_part_heading_below_the_last_table_ends_the_tables() -> None:
    amounts = {key: (placed.value, placed.where) for key, placed in _parts().三公金额.items()}
    assert amounts == {"因公出国（境）费": ("100万元", "第3页 第25行"), "公务接待费": ("116.5万元", "第3页 第23行"),
                       "公务用车购置及运行维护费": ("267.8万元", "第3页 第22行"),
                       "公务用车运行维护费": ("267.8万元", "第4页 第5行")}
    running = _parts().机关运行经费
    assert running is not None and running.数字["本年"].where.startswith("第4页")


def test_the_three_public_parts_the_text_states_are_written_without_a_table() -> None:
    imported = Imported(tree={}, department="江苏省人民检察院", year=2018, unit="万元")
    unplaced: list[str] = []
    add_text_fields(imported, _parts(), unplaced, with_prior=False)
    section = imported.tree["三公经费"]
    figures = {key: (node["本年"].value, node["本年"].where) for key, node in section.items()}
    assert figures == {"因公出国（境）费": (Decimal(100), "第3页 第25行"), "公务接待费": (Decimal("116.5"), "第3页 第23行"),
                       "公务用车购置及运行维护费": (Decimal("267.8"), "第3页 第22行"),
                       "公务用车运行维护费": (Decimal("267.8"), "第4页 第5行")}
    # “（1）2018 年无公务用车购置预算安排。” states no amount: 公务用车购置费 is not written (its sum with the
    # 运行维护费 is), never a 0 the text does not print
    assert "公务用车购置费" not in section


def test_a_three_public_table_read_keeps_its_figures() -> None:
    read = Placed(Decimal(100), "三公经费支出表 第19页 第20行")
    imported = Imported(tree={"三公经费": {"因公出国（境）费": {"本年": read}}}, department="江苏省人民检察院", year=2018,
                        unit="万元")
    add_text_fields(imported, _parts(), [], with_prior=False)
    assert imported.tree["三公经费"]["因公出国（境）费"]["本年"] is read
    assert "公务接待费" not in imported.tree["三公经费"]


def test_a_part_of_a_date_alone_prints_no_dangling_date(tmp_path: Path) -> None:
    # 烟台市水利局 2026 written as 国有资产 {截至: 2025年12月31日}, its count left blank: the 默认 render prints no
    # “截至2025年12月31日，” followed by nothing (a date of no figure), and no statement of absence
    data = yaml.safe_load((ROOT / "data" / "luoyang-zgh-2020.yaml").read_text(encoding="utf-8"))
    data["国有资产"] = {"截至": "2025年12月31日"}
    source = tmp_path / "dated.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    prepared = prepare(source)
    assert prepared.budget is not None and not prepared.errors
    text = document_for(prepared).plain_text()
    assert "国有资产占用情况" in text and "截至2025年12月31日" not in text and "车辆" not in text.split("国有资产占用情况")[-1][:80]


def test_the_three_public_parts_of_a_prose_only_import_are_read_in_the_words_of_jiangsu() -> None:
    # 中共江苏省委办公厅 2018 (pp. 1, 11 of its prose file imported alone, without its tables file): “1．因公出国（境）费
    # 预算支出70万元”“2．公务用车购置及运行费预算支出411.20万元。其中：（1）公务用车购置预算支出0万元……（2）公务用车
    # 运行维护费预算支出411.20万元”“3．公务接待费预算支出27万元” (before: only the vehicles' sum and 公务接待费 were read,
    # and check found 公务用车购置费 missing [R-缺少])
    prose = prose_source(read_published(SHENGWEI).lines)
    assert prose is not None
    section = prose.imported.tree["三公经费"]
    assert {key: node["本年"].value for key, node in section.items()} == {
        "因公出国（境）费": Decimal(70), "公务用车购置及运行维护费": Decimal("411.2"), "公务接待费": Decimal(27),
        "公务用车购置费": Decimal(0), "公务用车运行维护费": Decimal("411.2")}
    assert section["公务用车购置费"]["本年"].where.startswith("第2页 第7行“公务用车购置预算支出”")
    # “2018年本部门一般公共预算机关运行经费预算支出2094.58万元，与上年相比减少8007.18万元” (before: not read)
    running = prose.imported.tree["机关运行经费"]
    assert (running["本年"].value, running["增减额"].value) == (Decimal("2094.58"), Decimal("-8007.18"))
