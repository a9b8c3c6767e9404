"""A 说明 imported alone (its tables a second PDF, or images) enumerates the parts of its 收入 and 支出 in prose, one of
them a carry-over: 北京 “（三）上年结转结余3555.80万元” under 收入, “（一）基本支出……（二）项目支出……（三）年终结转结余资金
1776.86万元” under “2026年支出预算71094.17万元”; 江苏 “4.上年结转资金预算数为0万元”, “结转下年资金0万元，占0%”. Each
carry-over is read into its field (收入.上年结转, 结转下年) by the names the reader's vocabulary gives it; a 支出 its parts
make only with 结转下年 (by the arithmetic, within the rounding of the figures printed) is 支出总计, never written as
支出合计 — so `check` on the imported source raises no R-支出合计 / R-收支平衡 that no figure of the document has.
Written from 北京 (民政局, 水务局) and 江苏 (政协办公厅 2019); shown unchanged on 福建 (福州市民政局 2026, whose 收入
enumerates “上年结转结余30.00万元”).

`check` names what a source lacks in one run even where the department's name is left empty (江苏省政协办公厅 2019's
说明 names none): before, only “部门 不能为空” was told, the four parts it lacks once the name was filled."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.importing.text.prose import prose_source
from reportgen.readers.published import read_published
from reportgen.reading.yamlsafe import load_yaml
from reportgen.runners.render import check_findings
from tests.clients import require_program

NATIONAL = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
MINZHENGJU = NATIONAL / "beijing-minzhengju-2026-narrative-p1-9.pdf"  # 北京市民政局 2026 情况说明, all 9 pages
ZHENGXIE = NATIONAL / "js-zhengxie-2019-p1to14.pdf"  # 江苏省政协办公厅 2019 说明, pp. 1–14
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SUMS = ("R-支出合计", "R-收支平衡", "R-收入未公开")


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _imported(pdf: Path, folder: Path) -> Path:
    path = folder / f"{pdf.stem}.yaml"
    path.write_text(import_files([pdf], None).source.text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def minzhengju(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _imported(MINZHENGJU, tmp_path_factory.mktemp("minzhengju"))


def test_the_carry_overs_a_beijing_narrative_enumerates_are_read(minzhengju: Path) -> None:
    """收入's （三）上年结转结余 and 支出's （三）年终结转结余资金 are written where they are printed; 基本支出 and 项目支出 too."""
    data = load_yaml(minzhengju)
    assert data["收入"]["上年结转"] == Decimal("3555.8") and data["结转下年"] == Decimal("1776.86")
    assert data["支出"]["基本支出"]["合计"] == Decimal("45980.56") and data["支出"]["项目支出"] == Decimal("23336.75")
    text = minzhengju.read_text(encoding="utf-8")
    assert "第6页 第14行“年终结转结余资金”" in text


def test_a_spending_its_parts_make_only_with_the_carry_over_is_not_written_as_its_total(minzhengju: Path) -> None:
    """71094.17 = 45980.56 + 23336.75 + 1776.86: the text's 支出预算 is 支出总计 — not written as 支出.合计 (which holds
    基本支出 + 项目支出), and listed among the figures not written with why."""
    data = load_yaml(minzhengju)
    assert "合计" not in data["支出"]
    text = minzhengju.read_text(encoding="utf-8")
    assert "“2026年支出预算”71094.17万元" in text and "它是基本支出、项目支出与年终结转结余资金之和（支出总计，含结转下年）" in text


def test_check_on_the_narrative_alone_tells_the_parts_it_lacks_and_no_false_sum(minzhengju: Path) -> None:
    """Before: R-收支平衡 (71,094.17 against 69,317.31) and R-支出合计 beside the two parts it lacks; now the parts alone."""
    findings = check_findings(minzhengju)
    assert not [f for f in findings if f.rule in SUMS]
    assert {f.path for f in findings if f.rule == "R-缺少"} == {"绩效管理", "支出.基本支出"}


def test_a_jiangsu_narrative_reads_its_carry_overs_of_none() -> None:
    """江苏 enumerates them among 收入's and 支出's parts (“4.上年结转资金预算数为0万元”, “结转下年资金0万元，占0%”): read as
    0 — and its 支出预算总计, which 基本支出 and 项目支出 do not make without 单位预留机动经费, kept as printed."""
    tree = _prose(ZHENGXIE)
    assert tree["收入"]["上年结转"].value == 0 and tree["结转下年"].value == 0
    assert tree["支出"]["合计"].value == Decimal("13377.11")


def test_check_names_every_missing_part_though_the_department_is_not_named(tmp_path: Path) -> None:
    """江苏省政协办公厅 2019's 说明 names no department (部门: ""): the parts it lacks are told in the same run as that —
    and no R-财政拨款一致 of its 类 rows (13,377.11, all the money: “其他资金80万元” among it, a source it does not
    write, 其余未公开) against its 一般公共预算收入 13,297.11, now that its 上年结转 (0) is read."""
    findings = check_findings(_imported(ZHENGXIE, tmp_path))
    assert any(f.path == "部门" and f.severity == "error" for f in findings)
    assert {f.path for f in findings if f.rule == "R-缺少"} >= {"三公经费", "机关运行经费", "政府采购", "绩效管理"}
    assert not [f for f in findings if f.rule in ("R-财政拨款一致", *SUMS)]


def _prose(pdf: Path) -> Any:
    prose = prose_source(read_published(pdf).lines)
    assert prose is not None
    return prose.imported.tree


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path


def test_parts_that_make_the_total_within_their_rounding_are_its_parts() -> None:
    """北京市水务局: 186874.72 + 837932.45 + 23668.55 = 1048475.72 of the 1048475.73 printed — within the three figures'
    rounding: 支出总计 all the same (not written as 支出合计); the text's figures printed to 0.01 万元 (金额精度)."""
    tree = _prose(_corpus("bj-shuiwuju-2026-dept-budget.pdf"))
    assert "合计" not in tree["支出"] and tree["结转下年"].value == Decimal("23668.55")
    assert tree["金额精度"].value == Decimal("0.01")


def test_the_income_carry_over_of_a_third_region_is_read_unchanged() -> None:
    """福州市民政局（本级）2026: “其中：一般公共预算拨款收入2144.92万元、政府性基金预算拨款收入75.00万元、上年结转结余
    30.00万元” — read by the same words, not written from it."""
    tree = _prose(_corpus("fresh1/fj-fuzhou-minzhengju-benji-2026-unit-budget.pdf"))
    assert tree["收入"]["上年结转"].value == Decimal("30") and "第25页 第6行“上年结转结余”" in tree["收入"]["上年结转"].where
