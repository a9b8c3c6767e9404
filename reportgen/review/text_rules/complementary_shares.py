"""Shares of one whole stated as of different bases: a sentence's shares that add up to exactly 100 % split one whole
between them, yet it names a base for each and the bases differ (国家信访局 2024 决算: “货物采购授予中小企业合同金额占
货物支出金额的9.16%，服务采购授予中小企业合同金额占服务支出金额的90.84%” — 9.16 + 90.84 = 100: they are the 货物 and
服务 parts of the 中小企业 contracts, not shares of 货物 and of 服务 spending). Shares of two bases add up to 100 % only by
chance; one of the bases, or the shares, is wrong. Measured on every document of ../shared/corpus, its fresh1 and the
上海 corpus: the one sentence whose shares of named bases add up to 100 % is that one."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import Text, bare_flow

_SENTENCE = regex(r"[^。；;！!？?]++")
# a share of a named base: “占货物支出金额的9.16%”
_SHARE = regex(r"占([\u4e00-\u9fff“”（）]{2,30}?)的(\d{1,3}+(?:\.\d++)?+)[%％]")
_WHOLE = Decimal(100)


@rule("R-占比基数", TEXT)
def complementary_shares(text: Text) -> Iterator[Finding]:
    """R-占比基数: shares that add up to 100 %, each of a base its sentence names, the bases not all one."""
    flat, at = bare_flow(text.flow)
    for sentence in _SENTENCE.finditer(flat):
        shares = list(_SHARE.finditer(sentence.group()))
        bases = {share.group(1) for share in shares}
        if len(shares) < 2 or len(bases) < 2 or sum(Decimal(s.group(2)) for s in shares) != _WHOLE:
            continue
        said = "、".join(f"占{s.group(1)}的{s.group(2)}%" for s in shares)
        yield text.warning("R-占比基数", at[sentence.start() + shares[0].start()],
                           f"“{said}”之和恰为 100%，是同一个总数的各部分，却写作不同基数的占比：基数或占比有误")
