"""A public document says only what its source says (issue: honesty). Over every shipped source,
each optional key is removed in turn: the render either refuses (a part the disclosure needs is
now missing, or the figures no longer agree) or renders without the removed words and figures and
without any new zero or statement of absence in their place. A key whose removal changes nothing
at all was silently dropped: every accepted field is used (printed) or checked."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from reportgen.reading.yamlsafe import parse_yaml
from reportgen.runners.render import document_for, missing_findings, prepare, render_source, unprinted_findings
from reportgen.runners.rollover import dump
from reportgen.tables import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "data").glob("*.yaml"))
# Fields the render checks but never prints: stated totals, changes and names are compared with
# what reportgen computes (a wrong one is an error), so removing a right one changes no output.
CHECKED_ONLY = {"合计", "增减额", "增减率", "名称", "代码", "资金", "政府经济分类", "年度", "来源", "金额精度",
                "下属单位",  # (with 单位, the units are listed and 下属单位 is checked against them)
                "印于"}  # a project's place in the published list: it tells same-named lines apart (R-重复 checks it)
# Keys given at their default value: removing them changes nothing, rightly.
DEFAULTS = {"级次": "市级", "资金": "一般公共预算", "金额单位": "万元", "小数位": 2, "千分位": True}  # 展示's too
# A statement of absence or a zero: what must never appear because a key was taken away.
ABSENCE = re.compile(r"无[^，。；、]{0,12}(?:支出|收入|结转|单位|经费)|未安排|(?<![\d.,])0(?:\.0+)?(?:万元|元|台|辆|人|个)")


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key of every mapping, and the first item of every list, as a path."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((*prefix, key))
            found += paths(value, (*prefix, key))
    elif isinstance(data, list) and data:
        found.append((*prefix, 0))
        found += paths(data[0], (*prefix, 0))
    return found


def without(data: Any, path: tuple) -> Any:
    """``data`` without the key or item at ``path``: the containers along the path copied, the rest shared with
    ``data`` (never changed: written out and read, as a deep copy was — at a tenth of its cost)."""
    step, rest = path[0], path[1:]
    copied = dict(data) if isinstance(data, dict) else list(data)
    if rest:
        copied[step] = without(data[step], rest)
    else:
        del copied[step]
    return copied


def text_of(source: Path) -> tuple[str, list[str]] | None:
    """The document's text and its errors; None when it does not render."""
    prepared = prepare(source)
    if prepared.budget is None or prepared.errors:
        return None
    document = document_for(prepared)
    if missing_findings(prepared.budget, document):
        return None
    # a text only another layout prints (上海's 项目经费情况说明) is told by a warning naming its field
    told = [f"{f.rule}:{f.path}" for f in unprinted_findings(prepared.budget, document)]
    return document.plain_text(), [f.rule for f in prepared.findings] + told


def words_of(value: Any) -> list[str]:
    """The texts a removed value held (long enough to be found again by chance rarely)."""
    if isinstance(value, dict):  # a 名词解释 term is a standard name (事业单位经营收入) the text uses anyway
        return [w for k, v in value.items() if k != "术语" for w in words_of(v)]
    if isinstance(value, list):
        return [w for v in value for w in words_of(v)]
    text = str(value)
    return [text] if isinstance(value, str) and len(text) >= 8 else []


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_no_sentence_cell_or_figure_outlives_its_source_key(source, tmp_path):
    # read as the product reads it (amounts as the decimal literals written, 60.00 not 60.0): a variant differs from
    # the source by the removed key alone, so a key whose removal changes nothing is found, whatever its neighbours
    data = plain(parse_yaml(source.read_bytes(), source.name))
    before = text_of(source)
    assert before is not None, f"{source.name} does not render"
    before_text, before_rules = before
    unprinted = [rule.partition(":")[2] for rule in before_rules if rule.startswith("版式-未印出:")]
    before_absence = Counter(ABSENCE.findall(before_text))
    required = {("部门",), ("年度",), ("金额单位",)}
    for path in paths(data):
        if path in required or path[0] in ("单位",) and len(path) > 2:
            continue
        removed = without(data, path)  # (one copy: written, then searched for the removed words)
        trimmed = tmp_path / source.name
        kept = "\n".join(dump(removed)) + "\n"  # (no line folded: a word the variant keeps is found whole)
        trimmed.write_text(kept, encoding="utf-8")
        if (source.parent / "units").is_dir() and not (tmp_path / "units").exists():
            (tmp_path / "units").symlink_to(source.parent / "units")
        after = text_of(trimmed)
        if after is None:
            continue  # refused: the part is needed, or the figures no longer agree
        after_text, after_rules = after
        parent = removed
        for step in path[:-1]:
            parent = parent[step]
        emptied = isinstance(path[-1], int) and parent == []  # an empty list states "none": a claim it may make
        # without a prior year, a part given as 0 reads "未安排" instead of "0.00万元，与上年持平": the
        # zero was the source's own; only a claim about something the source left out is refused
        rephrased = path[-1] == "上年"
        new_absence = Counter(ABSENCE.findall(after_text)) - before_absence
        assert emptied or rephrased or not new_absence, f"removing {'.'.join(map(str, path))} made the render claim {dict(new_absence)}"
        value = data
        for step in path:
            value = value[step]
        words = words_of(value)
        for word in words:
            # (a list item ends with ；or 。 in the render: the same words elsewhere in the source,
            # without that mark, are another field's)
            if word.rstrip("。；") not in kept:
                assert word not in after_text, f"removing {'.'.join(map(str, path))} left “{word}” in the render"
        checked_only = path[-1] in CHECKED_ONLY or (len(path) > 1 and path[-2] in CHECKED_ONLY)  # 合计.上年
        told = any(".".join(map(str, path)).startswith(field) for field in unprinted)  # printed by 上海: warned here
        if not checked_only and not told and not isinstance(path[-1], int) and DEFAULTS.get(path[-1]) != value:
            # printed, or said not to be (地区 outside a layout whose cover names it: a warning that goes with it)
            assert after_text != before_text or sorted(after_rules) != sorted(before_rules), \
                f"{'.'.join(map(str, path))} is accepted but changes nothing: dropped"


def test_a_normal_render_never_carries_a_placeholder(tmp_path):
    for source in SOURCES:
        result = render_source(source, tmp_path / source.stem, formats=("html",))
        assert result.outputs, [f.format() for f in result.findings]
        assert "待补充" not in (tmp_path / source.stem / f"{source.stem}.html").read_text(encoding="utf-8")


# -- every field of the schema is used or refused -------------------------------------------------
def schema_leaves() -> list[tuple[tuple[str, ...], dict]]:
    """Every field of the source schema with its (resolved) schema, as a path ('[]' for a list item)."""
    from reportgen.source.schema import source_schema

    root = source_schema()

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        return node

    found: list[tuple[tuple[str, ...], dict]] = []

    def walk(node: dict, path: tuple[str, ...], depth: int) -> None:
        node = resolve(node)
        if depth > 6:
            return
        for branch in node.get("anyOf", []):
            walk(branch, path, depth + 1)
        for key, value in node.get("properties", {}).items():
            found.append(((*path, key), resolve(value)))
            walk(value, (*path, key), depth + 1)
        if node.get("type") == "array" and "items" in node:
            walk(node["items"], (*path, "[]"), depth + 1)

    walk(root, (), 0)
    return found


def sample(schema: dict) -> Any:
    """A plausible value of a field: a small amount, a word, a count, a list of one word."""
    kinds = [schema, *schema.get("anyOf", [])]
    if any(k.get("x-kind") in ("amount", "signed-amount") for k in kinds):
        return "0.5"
    if "enum" in schema:
        return schema["enum"][-1]
    for kind in kinds:
        kind_type = kind.get("type")
        if kind_type == "integer":
            return max(1, kind.get("minimum", 1))
        if kind_type == "boolean":
            return False  # every switch of the format is on by default
        if kind_type == "string":
            return "用于核对的示例文字"
        if kind_type == "array" and kind.get("items", {}).get("type") == "string":
            return ["用于核对的示例文字"]
    return None


def with_value(data: Any, path: tuple[str, ...], value: Any) -> Any:
    """``data`` with ``value`` set at ``path`` (a list item is the list's first), the containers along the path
    copied and the rest shared with ``data``: None where the path runs through something the base source does not
    have (a list it has no item of) or ends at a key it has."""
    step, rest = path[0], path[1:]
    if not rest:
        return None if not isinstance(data, dict) or step in data else {**data, step: value}
    if step == "[]":
        inner = with_value(data[0], rest, value) if isinstance(data, list) and data else None
        return None if inner is None else [inner, *data[1:]]
    if not isinstance(data, dict) or not isinstance(data.get(step), dict | list):
        return None
    inner = with_value(data[step], rest, value)
    return None if inner is None else {**data, step: inner}


EVERY_FIELD_BASES = tuple(source.stem for source in SOURCES)
# Fields whose value is a mapping or a list of mappings: a sample of each, by path.
SAMPLES: dict[tuple[str, ...], Any] = {
    ("名词解释",): [{"术语": "示例术语", "解释": "用于核对的示例解释"}],
    ("不公开",): ["国有资产"],
    ("展示",): {"小数位": 1},
    ("上年", "功能分类"): {"2012901": "0.5"},
    ("上年", "经济分类"): {"30101": "0.5"},
    ("三公经费", "合计"): {"本年": "999"},
    ("名词解释", "[]", "删去"): True,  # False is the default: it would change nothing by design
    ("支出", "功能分类", "[]", "未列全"): True,  # likewise (on a 项 row it is refused: nothing finer is listed)
    ("单位", "[]", "支出", "功能分类", "[]", "未列全"): True,
    ("收入", "其余未公开"): True,  # False is the default
    ("支出", "项目支出经济分类"): [{"科目": "301", "金额": "0.5"}],
    ("经济分类款预算",): [{"科目": "30216", "本年": "0.5"}],
    ("单位", "[]", "支出", "项目支出经济分类"): [{"科目": "301", "金额": "0.5"}],
    ("单位", "[]", "收入", "其余未公开"): True,
    ("展示", "正文单位"): {"全部": "元"},
}
# A table's unit (展示.表格单位): 元, since the sources that set units show the rest in 万元.
SAMPLES.update({("展示", "表格单位", name): "元" for name in ("全部", *(t for t, _ in REGISTRY), "整体绩效目标表")})


@pytest.mark.parametrize("base", EVERY_FIELD_BASES)
def test_every_field_the_schema_accepts_is_printed_or_refused(base, tmp_path):
    """A field added to a source that does not have it changes the document or the findings about
    it; a field that changes neither would be accepted and silently dropped."""
    source = ROOT / "data" / f"{base}.yaml"
    # read as the product reads it (amounts as the decimal literals written, 60.00 not 60.0): a variant differs from
    # the source by the removed key alone, so a key whose removal changes nothing is found, whatever its neighbours
    data = plain(parse_yaml(source.read_bytes(), source.name))
    if (source.parent / "units").is_dir():
        (tmp_path / "units").symlink_to(source.parent / "units")

    def outcome(values: Any, against: tuple[str, list[str]] | None = None) -> tuple[str, list[str]]:
        path = tmp_path / source.name
        path.write_text("\n".join(dump(values)) + "\n", encoding="utf-8")
        prepared = prepare(path)
        said = [f"{f.rule}|{f.path}|{f.message}" for f in prepared.findings]
        if prepared.budget is None or prepared.errors:
            return "", sorted(said)
        if against is not None and Counter(said) - Counter(against[1]):
            # a finding ``against`` does not have: its findings (these and more) differ whatever the text, so the
            # document is not built (a fifth of the variants of a source of 上海)
            return "", sorted(said)
        document = document_for(prepared)  # and the texts only another layout prints, told (render, check)
        told = prepared.findings + unprinted_findings(prepared.budget, document)
        return document.plain_text(), sorted(f"{f.rule}|{f.path}|{f.message}" for f in told)

    before = outcome(data)
    dropped = []
    for path, schema in schema_leaves():
        if path[-1] in CHECKED_ONLY:
            continue
        values = [SAMPLES.get(path, sample(schema))]
        if path[:2] in (("展示", "表格单位"), ("展示", "正文单位")):
            values = ["元", "万元"]  # one of them is the unit the table or part has already
        changed, placed = False, False
        for value in values:
            trial = None if value is None else with_value(data, path, value)
            if trial is None:
                continue
            placed = True
            changed = changed or outcome(trial, before) != before
        if placed and not changed:
            dropped.append(".".join(path))
    assert not dropped, f"accepted but neither printed nor refused: {dropped}"


def yantian_without_three_public(tmp_path: Path) -> Path:
    text = (ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
    source = tmp_path / "no-three-public.yaml"
    source.write_text(text[:text.index("三公经费:")] + text[text.index("机关运行经费:"):], encoding="utf-8")
    return source


def test_a_missing_part_stops_a_render_but_a_draft_marks_it(tmp_path):
    source = yantian_without_three_public(tmp_path)
    refused = render_source(source, tmp_path / "out")
    assert refused.outputs == [] and any(f.rule == "R-缺少" and f.path == "三公经费" for f in refused.findings)
    assert not (tmp_path / "out").exists()
    draft = render_source(source, tmp_path / "draft", formats=("html",), draft=True)
    html = (tmp_path / "draft" / "no-three-public.html").read_text(encoding="utf-8")
    assert draft.outputs and "草稿" in html and "待补充：“三公”经费预算" in html and "R-缺少" in html
    assert "0.00万元，与2021年持平" not in html  # never a zero for what was not given


def test_the_preview_shows_the_markers_and_names_each_missing_part(tmp_path):
    from reportgen.runners.preview import PreviewServer

    with PreviewServer(yantian_without_three_public(tmp_path)).start() as server:
        published = server.state.current
        assert any(f.rule == "R-缺少" for f in published.findings)
        assert "待补充：“三公”经费预算".encode() in published.page


def test_not_published_parts_are_left_out_and_the_numbering_closes_up(tmp_path):
    source = yantian_without_three_public(tmp_path)
    text = source.read_text(encoding="utf-8").replace("金额单位: 万元\n", "金额单位: 万元\n不公开: [三公经费]\n", 1)
    source.write_text(text, encoding="utf-8")
    result = render_source(source, tmp_path / "out", formats=("html",))
    assert result.outputs, [f.format() for f in result.findings]
    assert [f.rule for f in result.findings if f.severity == "warning"] == ["R-不公开"]  # a required part
    html = (tmp_path / "out" / "no-three-public.html").read_text(encoding="utf-8")
    assert "“三公”经费预算情况" not in html and "“三公”经费支出表" not in html
    assert "表10" not in html and "2022年项目支出表" in html  # the numbering closes up: projects are 表9
