"""A part of nothing is nothing: an amount its label names a part of an amount stated before (“上年结转结余的一般公共预算
收入0万元，占0%”: of the 上年结转结余 said, and borne out, as 0 a sentence before — “收入预算合计7,062.8万元，包括本年收入
7,062.8万元，上年结转结余0万元”, 苏州 and 无锡 2025–2026), that whole judged 0, can only be 0 and its share 0 % — judged
within (no longer 未能核对), as the whole that bears it out. An amount of no whole judged 0, or printed otherwise, is left
as it was: a part printed larger than its whole is another rule's to tell."""

from __future__ import annotations

from reportgen.review.glossary import normalize
from reportgen.review.sentences.judge import Verdict

_JUDGED = ("agree", "within")
_OF = "的"


def parts_of_nothing(verdicts: list[Verdict]) -> None:
    """Each amount 0 (and its share 0 % right after it) whose label is a whole's judged 0 before it, then 的 and the
    part's words: judged within, its cause the whole that is 0."""
    nothing: dict[str, str] = {}  # the label (normalised) of each amount judged 0 so far → its text
    for index, verdict in enumerate(verdicts):
        st = verdict.statement
        if st.kind != "amount" or st.value is None:
            continue
        label = normalize(st.label)
        if verdict.status in _JUDGED and st.value == 0 and label:
            nothing.setdefault(label, st.text)
            continue
        whole = _whole_named(label)
        if verdict.status == "unknown" and st.value == 0 and whole in nothing:
            _within(verdicts, index, f"是前文{whole}{nothing[whole]}的一部分（只能为0）")


def _whole_named(label: str) -> str:
    """The whole a label names a part of: its words before 的 (none without it)."""
    return label.split(_OF, 1)[0] if _OF in label else ""


def _within(verdicts: list[Verdict], index: int, cause: str) -> None:
    """The amount 0 at ``index`` judged within, by ``cause``, and its share 0 % right after it in its sentence, not
    judged, with it."""
    verdict = verdicts[index]
    verdict.status, verdict.cause = "within", cause
    after = verdicts[index + 1] if index + 1 < len(verdicts) else None
    if after is not None and after.statement.kind == "share" and after.statement.value == 0 \
            and after.statement.sentence is verdict.statement.sentence and after.status == "unknown":
        after.status, after.cause = "within", cause
