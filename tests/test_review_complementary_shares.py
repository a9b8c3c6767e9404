"""Shares that add up to 100 % stated as of different bases (R-占比基数): 国家信访局 2024 决算 p. 26, “货物采购授予中小企业
合同金额占货物支出金额的9.16%，服务采购授予中小企业合同金额占服务支出金额的90.84%” (fresh1 S3); shares of one base, or
of bases that do not add up to 100 %, are not told.

The fixture is a page extract (pypdf) of ../shared/corpus/fresh1/central-guojia-xinfangju-2024-dept-final.pdf p. 26."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.readers.published import read_published
from reportgen.readers.text.lines import Line
from reportgen.review.text_rules import read_text
from reportgen.review.text_rules.complementary_shares import complementary_shares
from tests.clients import require_program

PAGE = Path(__file__).resolve().parent / "fixtures" / "import" / "national" / "guojia-xinfangju-2024-final-p26.pdf"


def test_shares_of_two_bases_adding_up_to_the_whole_are_told_once() -> None:
    require_program("pdftotext")
    lines = read_published(PAGE).lines
    found = list(complementary_shares(read_text(lines, 2024, str(PAGE))))
    assert [f.message for f in found] == ["“占货物支出金额的9.16%、占服务支出金额的90.84%”之和恰为 100%，是同一个总数的各部分，"
                                          "却写作不同基数的占比：基数或占比有误"]
    said = next(line.text for line in lines if line.number == found[0].line)
    assert "".join(said.split()).endswith("占货物支出金额的")  # the first share's line: its figure is on the next


@pytest.mark.parametrize("said", [
    "基本支出占支出总额的71.80%，项目支出占支出总额的28.20%。",  # one base
    "授予中小企业合同金额占政府采购支出总额的92.54%；服务采购占服务支出金额的7.46%。",  # a sentence ends at “；”
    "货物支出占货物预算的60%，服务支出占服务预算的30%。",  # two bases, not adding up to the whole
])
def test_shares_of_one_base_or_not_adding_up_are_not_told(said: str) -> None:
    assert list(complementary_shares(read_text([Line(1, said)], 2024, "x.pdf"))) == []
