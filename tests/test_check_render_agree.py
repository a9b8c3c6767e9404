"""`check` and `render` agree on any text and any amount a user may type: a source that `check`
passes renders to DOCX and HTML, and one it refuses is refused with a finding, never an internal
error. Generated over every character class (controls, surrogates, line separators, full-width
forms, YAML's own number forms) placed in a text field and in an amount."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.runners.render import prepare, render_source

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = (ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
DUTY = "    - 维护职工合法权益"
AMOUNT = "一般公共预算拨款: 1273.52"

# Every kind of character, weighted towards the troublesome ones.
awkward = st.sampled_from(["\x00", "\x07", "\t", "\x0b", "\x0c", "\r", "\x1b", "\x1f", "\x7f", "\x85", "\x9b",
                           "\u2028", "\u2029", "\ud800", "\udfff", "\ufffe", "\uffff", "\ufeff", "\u200b",
                           "&", "<", "]]>", "{{", "%}", "\\", '"', "'", "：", "。"])
texts = st.lists(st.one_of(awkward, st.characters(), st.text(min_size=1, max_size=5)), min_size=1,
                 max_size=8).map("".join)
numbers = st.one_of(
    st.from_regex(r"[+-]?[0-9０-９,._:eExXobO ]{1,20}", fullmatch=True),
    st.sampled_from(["012", "0x10", "0b101", "0o17", "1:30", "1_000", "1e400", ".5", "5.", "１２７３．５２",
                     "1,273.52", "-0", "+3", "9" * 40, "1.0000001", "nan", ".inf", "yes", "~"]),
)


def agree(text: str, tmp_path: Path) -> None:
    source = tmp_path / "source.yaml"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    prepared = prepare(source)
    out = tmp_path / "out"
    result = render_source(source, out)  # any exception here is the bug this test exists for
    if prepared.budget is None or prepared.errors:
        assert not result.outputs and result.findings, "check refused it: render must refuse it too"
        assert not out.exists() or not any(out.iterdir())
    else:
        assert [p.suffix for p in result.outputs] == [".docx", ".html"]
        assert all(p.stat().st_size > 0 for p in result.outputs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, quoted=st.booleans())
def test_any_text_in_a_field_either_renders_or_is_refused(text, quoted, tmp_path_factory):
    value = json.dumps(text, ensure_ascii=True) if quoted else text.replace("\n", " ")
    agree(YANTIAN.replace(DUTY, f"    - {value}\n{DUTY}", 1), tmp_path_factory.mktemp("t"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=numbers)
def test_any_amount_text_either_renders_or_is_refused(number, tmp_path_factory):
    agree(YANTIAN.replace(AMOUNT, f"一般公共预算拨款: {number}", 1), tmp_path_factory.mktemp("n"))
