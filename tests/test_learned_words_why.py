"""Issue 80 part 2, the learned words' misses: why a published sentence was not learned with fields
(untraced_reasons, `python -m bench.learned_words --why`), and 部门概况.内设机构数 read by the import from 机构设置's
words (“设10个内设机构”, “内设13个机构”) and traced in the learned words — written from 上海市级 (fresh1 福彩中心, 数据局)
and 国家信访局; the nouns 处室/职能处室 from 重庆市委宣传部 and 首都绿化办 (corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import cli
from reportgen.importing import learned_words
from reportgen.importing.text.text_parts import internal_count
from reportgen.reading.yamlsafe import load_yaml

ROOT = Path(__file__).resolve().parents[1]
FRESH = ROOT.parent / "shared" / "corpus" / "fresh1"


@pytest.fixture(scope="module")
def learned(tmp_path_factory) -> dict[str, tuple[dict, str]]:
    """Each document imported once with its learned layout: (the source, the learned words)."""
    out = {}
    for name in ("sh-city-fucai-2026-unit-budget.pdf", "central-guojia-xinfangju-2026-dept-budget.pdf",
                 "cq-xuanchuanbu-2026-dept-budget.pdf"):
        folder = tmp_path_factory.mktemp(name.split("-")[0])
        source, layout = folder / "source.yaml", folder / "学到的版式"
        assert cli.main(["import", str(FRESH / name), "-o", str(source), "--learn-layout", str(layout)]) in (0, 1)
        out[name] = (load_yaml(source),
                     (layout / learned_words.WORDS_FILE).read_text(encoding="utf-8"))
    return out


@pytest.mark.parametrize("name, count, words", [
    ("sh-city-fucai-2026-unit-budget.pdf", 10, "设{{ b.profile.internal_count }}个内设机构，包括："),
    ("central-guojia-xinfangju-2026-dept-budget.pdf", 13, "内设{{ b.profile.internal_count }}个机构，分别为："),
    ("cq-xuanchuanbu-2026-dept-budget.pdf", 24, "内设{{ b.profile.internal_count }}个职能处室"),
])
def test_the_count_of_internal_units_is_read_and_learned(learned, name, count, words) -> None:
    """The import writes 部门概况.内设机构数 from 机构设置's words, and the learned sentence prints it from the field
    next year (before: no field, the sentence kept as printed for its year alone)."""
    source, template = learned[name]
    assert source["部门概况"]["内设机构数"] == count
    assert words in template


def test_a_count_of_budget_units_is_no_count_of_internal_units(learned) -> None:
    """国家信访局 “下设1个预算单位”: a count of budget units, never 内设机构数 (nor traced to it)."""
    _, template = learned["central-guojia-xinfangju-2026-dept-budget.pdf"]
    assert "下设1个预算单位" in template and "下设{{" not in template
    assert internal_count("国家信访局下设1个预算单位，为国家信访局本级。") is None
    # two counts that differ are no one count (深圳's units each listed with its own: “下设……共3个部门”)
    assert internal_count("本局设10个内设机构；中心设3个内设机构。") is None


@pytest.mark.parametrize("name, sentence, kind", [
    # 江苏: a zero the source's fields print alike, named by words no field holds
    ("js-suzhou-yingji-2026-dept-budget.pdf", "上缴上级支出0万元，占0%；", "同值未点名"),
    # 西安: the change of a line whose last year the source does not hold
    ("sn-xian-xingzhengshenpi-2025-dept-budget.pdf", "1.行政运行（2010301）1,501.46万元，较上年增加50.95万元",
     "变化（源文件没有上年数）"),
    # 福州: a performance table's cells read as prose
    ("fj-fuzhou-minzhengju-benji-2026-unit-budget.pdf", "其他资金0.00", "表格或页面杂项"),
])
def test_an_untraced_sentence_says_why(tmp_path, name, sentence, kind) -> None:
    """Each untraced sentence saying a figure has its class (untraced_reasons.CLASSES), as `--why` counts them."""
    from reportgen.importing.learned_layout import learn
    from reportgen.importing.pipeline import import_files
    from reportgen.readers.published import read_published

    pdf = FRESH / name
    words = learn(import_files([pdf], None), read_published(pdf).lines, "学到的").words
    assert words is not None
    found = [(s.text, why) for s, why, _ in words.reasons if sentence in s.text]
    assert found and all(why == kind for _, why in found), found
    assert len(words.reasons) == sum(1 for s, t in words.sentences if t is None and learned_words.has_figures(s.text))
