"""A 项 named with its 款's name fused before its own and no （款） between (江苏 2017 “1. 人大事务行政运行（项）支出
10528.33 万元”): the line of the 功能分类 catalogue the two names make (2010101), so the sentence is judged against that
row of the tables — never a guess where the names part into no line of the document, or into more than one.

Fixture: pages 1 and 13 of 江苏省人大常委会办公厅's 2018 budget (its cover and its 一般公共预算支出预算表（功能科目）),
cut with pypdf from ae86jack/open-budget (/work/jiangsu)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.review.glossary import Glossary
from reportgen.runners.render import prepare

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "import" / "national" / "js-rendabangongting-2018-p1-13.pdf"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    imported = import_files([FIXTURE], None)
    prepared = prepare(imported.source.named(FIXTURE), draft=True)
    assert prepared.budget is not None and prepared.figures is not None
    return Glossary(prepared.budget, prepared.figures)


@pytest.mark.parametrize(("label", "value"), [
    ("人大事务行政运行（项）", Decimal("63723200.00")),  # 2010101, as “人大事务（款）行政运行（项）” names it
    ("人大事务（款）行政运行（项）", Decimal("63723200.00")),
    ("人大事务一般行政管理事务（项）", Decimal("23403500.00"))])  # 2010102
def test_a_item_named_after_its_fused_class_name_is_that_line(glossary, label, value):
    found = glossary.find(label)
    assert found is not None and found.current == value


@pytest.mark.parametrize("label", [
    "政协事务行政运行（项）",  # 2010201: a line of another 款, not printed in this document — no guess at 2010101
    "行政运行人大事务（项）"])  # the names the wrong way round
def test_a_fused_name_that_makes_no_line_of_the_document_names_none(glossary, label):
    assert glossary.find(label) is None
