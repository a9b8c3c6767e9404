"""Layouts (版式) as untrusted input: a 版式.yaml read as safely as a source (aliases, nesting,
duplicate keys, control characters, Word's line breaks, invisible characters), a layout's templates
whose markup is wrong (sections too deep, a table that does not exist, a tag left open, a character
no document may hold), and chains of 基于 (a long chain is not a cycle; a cycle is found whatever the
path). Every refusal goes through the command line: a non-zero exit, a Chinese message naming the file
and line, no traceback, nothing written, the inputs unchanged, and soon."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.runners.preview import PreviewState
from tests.clocks import cpu_now

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
# Characters no message may print as they are (it quotes a sanitised excerpt instead).
RAW = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))] + ["\u2028", "\u2029"]


# -- helpers ---------------------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as stopped:  # a usage error: argparse exits
        code = stopped.code if isinstance(stopped.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def make_layout(folder: Path, settings: str | bytes, templates: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = settings if isinstance(settings, bytes) else settings.encode("utf-8")
    (folder / "版式.yaml").write_bytes(data)
    for name, text in (templates or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def source_in(folder: Path, layout: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = YANTIAN.read_text(encoding="utf-8")
    if layout is not None:
        assert "金额单位: 万元\n" in text
        text = text.replace("金额单位: 万元\n", f"金额单位: 万元\n版式: {layout}\n", 1)
    path = folder / "盐田.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], layout: Path | None, *fragments: str,
            via_source: bool = False, seconds: float = 10.0) -> str:
    """Render the Yantian source in ``layout`` (by --layout, or by the source's 版式); check the
    refusal and return what the command printed."""
    src = tmp_path / "src"
    source = source_in(src, str(layout) if via_source and layout is not None else None)
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    (out / "上次的稿子.docx").write_bytes(b"previous draft")
    inputs = files_under(tmp_path / "src") | (files_under(layout) if layout is not None else {})
    before = files_under(out)
    args: list[object] = ["render", source, "-o", out, "--format", "html"]
    if layout is not None and not via_source:
        args += ["--layout", layout]
    start = cpu_now()
    code, output = run_cli(capsys, *args)
    elapsed = cpu_now() - start
    assert code != 0, output
    assert "Traceback" not in output and "内部错误" not in output, output
    for fragment in fragments:
        assert fragment in output, output
    assert not [c for c in RAW if c in output], repr(output)
    assert files_under(out) == before  # nothing written, nothing removed
    assert (files_under(tmp_path / "src") | (files_under(layout) if layout is not None else {})) == inputs
    assert elapsed < seconds, elapsed
    return output


def rendered(tmp_path: Path, capsys: pytest.CaptureFixture[str], layout: Path) -> str:
    """Render in ``layout``; the HTML written."""
    source = source_in(tmp_path / "src")
    out = tmp_path / "out"
    code, output = run_cli(capsys, "render", source, "-o", out, "--format", "html", "--layout", layout)
    assert code == 0, output
    return (out / "盐田.html").read_text(encoding="utf-8")


# -- 版式.yaml read as safely as a source ------------------------------------------------------------


def billion_laughs(where: str) -> str:
    lines = ["名称: 笑", f"{where}:", '  - &a0 ["哈哈哈哈哈哈哈哈哈哈"]']
    lines += [f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    lines.append("说明: *a9" if where == "别名" else "")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("where", ["别名", "不编号"])
def test_alias_expansion_is_refused_at_once(tmp_path, capsys, where):
    layout = make_layout(tmp_path / "笑", billion_laughs(where))
    refused(tmp_path, capsys, layout, "版式.yaml:4", "不支持 YAML 别名", seconds=2.0)


def test_alias_expansion_named_by_the_source_is_refused_at_once(tmp_path, capsys):
    layout = make_layout(tmp_path / "src" / "笑", billion_laughs("别名"))
    output = refused(tmp_path, capsys, layout, "版式.yaml:4", "不支持 YAML 别名", via_source=True, seconds=2.0)
    assert "盐田.yaml:" in output  # the source's 版式 line, and the layout's own file and line


@pytest.mark.parametrize("settings, line, fragment", [
    ("名称: 深\n标题: " + "[" * 5000 + "\n", 2, "嵌套层级过深"),
    ("名称: 甲\n基于: 默认\n名称: 乙\n", 3, "重复出现"),
    ("名称: 坏\n表号: !!binary aGVsbG8=\n", 2, ""),
    ("名称: 坏\n标题: {a: b\n", 3, "不是有效的 YAML"),
], ids=["nesting", "duplicate-key", "binary-tag", "syntax"])
def test_yaml_faults_name_the_line(tmp_path, capsys, settings, line, fragment):
    layout = make_layout(tmp_path / "坏", settings)
    refused(tmp_path, capsys, layout, f"版式.yaml:{line}", fragment, seconds=2.0)


# Written as YAML escapes in a double-quoted 标题 (and raw bytes in the file): each refused at its line.
@pytest.mark.parametrize("escape, fragment", [
    ("\\e", "U+001B"), ("\\0", "U+0000"), ("\\a", "U+0007"), ("\\x7f", "U+007F"), ("\\x9b", "U+009B"),
    ("\\b", "U+0008"), ("\\ud800", "U+D800"), ("\\udfff", "U+DFFF"), ("\\t", "U+0009"),
], ids=["ESC", "NUL", "BEL", "DEL", "CSI", "BS", "lone-high-surrogate", "lone-low-surrogate", "tab"])
def test_a_control_character_in_a_title_is_refused(tmp_path, capsys, escape, fragment):
    layout = make_layout(tmp_path / "控", f'名称: 控\n标题:\n  收支预算总体情况: "收支{escape}总体"\n')
    output = refused(tmp_path, capsys, layout, "版式.yaml:3", fragment)
    assert "收支" not in output.split("版式.yaml:3", 1)[1][:5]  # the message, not the text, comes first


@pytest.mark.parametrize("raw, fragment", [
    (b"\x1b", "U+001B"), (b"\x00", "U+0000"), (b"\x0b", "U+000B"), (b"\x0c", "U+000C"), (b"\x07", "U+0007"),
    (b"\xc2\x9b", "U+009B"),
], ids=["ESC", "NUL", "VT", "FF", "BEL", "CSI"])
def test_a_raw_control_character_in_the_file_is_refused(tmp_path, capsys, raw, fragment):
    layout = make_layout(tmp_path / "控", "名称: 控\n编号: [第{一}部分, \"{一}".encode() + raw + "、\"]\n".encode())
    refused(tmp_path, capsys, layout, "版式.yaml:2", fragment)


@pytest.mark.parametrize("escape", ["\\v", "\\f", "\\L", "\\P", "\\N", "\\n", "\\u2028", "\\x0b"])
def test_a_word_soft_break_in_a_title_or_number_is_refused(tmp_path, capsys, escape):
    layout = make_layout(tmp_path / "断", f'名称: 断\n表号: "表{{1}}"\n编号: ["第{{一}}{escape}部分"]\n')
    refused(tmp_path, capsys, layout, "版式.yaml:3", "换行", "“编号”")


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_a_raw_line_separator_is_refused_where_it_stands(tmp_path, capsys, char):
    layout = make_layout(tmp_path / "断", f"名称: 断\n不编号: [部门{char}整体绩效目标]\n")
    refused(tmp_path, capsys, layout, "版式.yaml:2:", f"U+{ord(char):04X}")


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e"])
def test_an_invisible_character_in_a_title_is_refused(tmp_path, capsys, char):
    layout = make_layout(tmp_path / "隐", f'名称: 隐\n标题:\n  收支预算总体情况: "收支{char}总体"\n')
    refused(tmp_path, capsys, layout, "版式.yaml:3", f"U+{ord(char):04X}", "不可见")


def test_a_block_text_title_is_refused(tmp_path, capsys):
    layout = make_layout(tmp_path / "块", "名称: 块\n标题:\n  收支预算总体情况: |\n    收支\n    总体\n")
    refused(tmp_path, capsys, layout, "版式.yaml:3", "换行")


def test_an_unknown_key_is_quoted_sanitised_and_short(tmp_path, capsys):
    layout = make_layout(tmp_path / "键", "名称: 键\n\"编\\e码" + "长" * 200 + "\": 1\n")
    refused(tmp_path, capsys, layout, "版式.yaml:2")  # the key's text is refused as it is read


def test_a_layout_name_with_control_characters_is_quoted_sanitised(tmp_path, capsys):
    code, output = run_cli(capsys, "render", YANTIAN, "-o", tmp_path / "out", "--layout", "火\x1b[31m星" + "长" * 100)
    assert code != 0 and "[U+001B]" in output and "\x1b" not in output and "长" * 60 not in output, output
    assert not (tmp_path / "out").exists()


def test_a_description_may_run_over_lines(tmp_path, capsys):
    layout = make_layout(tmp_path / "说", "名称: 说\n基于: 上海\n说明: |\n  第一行\n  第二行\n")
    assert "部门预算" in rendered(tmp_path, capsys, layout)


@pytest.mark.parametrize("settings", ["", "# 只有注释\n", "\n\n"])
def test_an_empty_setting_file_is_refused_not_read_as_the_default(tmp_path, capsys, settings):
    # an editor's empty save rendered the default's structure under the folder's name, exit 0 (hostile-2026-11-29 V11)
    refused(tmp_path, capsys, make_layout(tmp_path / "空", settings), "版式.yaml", "版式文件是空的")


@pytest.mark.parametrize("numbering", ["表", "{格式: 公开表, 正文: false}"])
def test_a_table_numbering_without_the_tables_number_is_refused(tmp_path, capsys, numbering):
    # 表号: 表 labelled every table “表” alike, exit 0 (hostile-2026-11-29 V23)
    refused(tmp_path, capsys, make_layout(tmp_path / "号", f"名称: 号\n表号: {numbering}\n"), "版式.yaml:2",
            "“表号”应写出表的序号的位置 {1}、{01} 或 {一}")


def test_a_setting_file_linked_out_of_its_folder_is_refused(tmp_path, capsys):
    # 版式.yaml a link to another folder's: the other layout was rendered as this one's (hostile-2026-11-29 V17)
    other = make_layout(tmp_path / "别处" / "乙", "名称: 乙\n基于: 上海\n")
    layout = tmp_path / "甲"
    layout.mkdir()
    (layout / "版式.yaml").symlink_to(other / "版式.yaml")
    refused(tmp_path, capsys, layout, "甲/版式.yaml", "指向文件夹之外的链接", str(other / "版式.yaml"))


def test_a_layout_folder_that_is_itself_a_link_is_read(tmp_path, capsys):
    real = make_layout(tmp_path / "真" / "我的", "名称: 我的\n", {"other.j2": deep_sections(2)})
    (tmp_path / "链接").symlink_to(real)
    assert "第2层" in rendered(tmp_path, capsys, tmp_path / "链接")


# -- a layout's templates ---------------------------------------------------------------------------


def deep_sections(levels: int) -> str:
    lines = [f'{"  " * i}<sec t="第{i + 1}层">' for i in range(levels)]
    lines.append(f'{"  " * levels}<p>文字</p>')
    lines += [f'{"  " * i}</sec>' for i in reversed(range(levels))]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [6, 7, 12])
def test_sections_nested_too_deep_are_named_at_their_line(tmp_path, capsys, levels):
    layout = make_layout(tmp_path / "深", "名称: 深\n", {"other.j2": deep_sections(levels)})
    output = refused(tmp_path, capsys, layout, "other.j2:6:", "章节嵌套超过 5 层", "第6层")
    assert "IndexError" not in output


def test_five_levels_of_sections_render(tmp_path, capsys):
    layout = make_layout(tmp_path / "五", "名称: 五\n", {"other.j2": deep_sections(5)})
    assert "第5层" in rendered(tmp_path, capsys, layout)


def test_untitled_sections_nested_without_end_are_refused(tmp_path, capsys):
    body = "<sec>" * 500 + "<p>x</p>" + "</sec>" * 500 + "\n"
    layout = make_layout(tmp_path / "空", "名称: 空\n", {"other.j2": "<p>前</p>\n" + body})
    refused(tmp_path, capsys, layout, "other.j2:2:", "嵌套超过")


def test_a_table_that_does_not_exist_is_named_at_its_line(tmp_path, capsys):
    # a layout's template places a table of its own by id, beside the list of its 表格清单
    text = ("{%- from '_tables_common.j2' import table, placed_tables with context -%}\n<sec t=\"表\">\n"
            "{{ placed_tables() }}\n{% call table('火星表', '火星') %}{% endcall %}\n</sec>\n")
    layout = make_layout(tmp_path / "表", "名称: 表\n", {"tables.j2": text})
    output = refused(tmp_path, capsys, layout, "tables.j2:4:", "不存在的表格“火星表”", "收支总表")
    assert "KeyError" not in output


def test_a_table_tag_naming_no_table_is_named_at_its_line(tmp_path, capsys):
    other = '<sec t="其他">\n  <p>见下表。</p>\n  <table ref="火星' + "长" * 200 + '" title="x"/>\n</sec>\n'
    layout = make_layout(tmp_path / "表", "名称: 表\n", {"other.j2": other})
    output = refused(tmp_path, capsys, layout, "other.j2:3:", "不存在的表格“火星长")
    assert "长" * 40 not in output  # a short excerpt, not the whole name


@pytest.mark.parametrize("text, fragment", [
    ('<sec t="甲&#x2028;乙"><p>x</p></sec>', "U+2028"),
    ('<sec t="甲{{ "\\u2029" }}乙"><p>x</p></sec>', "U+2029"),
    ('<sec t="甲{{ "\\x0b" }}乙"><p>x</p></sec>', "U+000B"),
    ('<sec t="甲{{ "\\x0c" }}乙"><p>x</p></sec>', "U+000C"),
    ('<sec t="甲{{ "\\x1b" }}乙"><p>x</p></sec>', "U+001B"),
    ('<sec t="甲{{ "\\x85" }}乙"><p>x</p></sec>', "U+0085"),
    ('<sec t="甲{{ "\\ud800" }}乙"><p>x</p></sec>', "U+D800"),
    ('<sec t="甲&#11;乙"><p>x</p></sec>', "U+000B"),
    ('<sec t="甲"><p>一&#x9b;二</p></sec>', "U+009B"),
], ids=["LS-reference", "PS", "VT", "FF", "ESC", "NEL", "surrogate", "VT-reference", "CSI-in-text"])
def test_a_character_no_document_may_hold_is_named_at_its_line(tmp_path, capsys, text, fragment):
    other = '<sec t="其他">\n  <p>前文。</p>\n</sec>\n' + text + "\n"
    layout = make_layout(tmp_path / "字", "名称: 字\n", {"other.j2": other})
    refused(tmp_path, capsys, layout, "other.j2:4:", fragment)


@pytest.mark.parametrize("text, line, fragment", [
    ('<sec t="其他">\n  <p>a</p>\n  <sec t="乙"><p>b</p>\n</sec>\n', 1, "<sec> 没有对应的 </sec>"),
    ('<sec t="其他">\n  <p>a</p>\n</sec>\n</sec>\n', 4, "多出了 </sec>"),
    ('<sec t="其他">\n  <p>a & b</p>\n</sec>\n', 2, "&amp;"),
    ('<sec t="其他">\n  <bogus/>\n</sec>\n', 2, "无法识别的标记 <bogus>"),
], ids=["left-open", "stray-close", "bare-ampersand", "unknown-tag"])
def test_markup_that_is_not_well_formed_is_named_at_its_line(tmp_path, capsys, text, line, fragment):
    layout = make_layout(tmp_path / "标", "名称: 标\n", {"other.j2": text})
    refused(tmp_path, capsys, layout, f"other.j2:{line}:", fragment)


def test_a_fault_in_a_layout_named_by_the_source_is_named_too(tmp_path, capsys):
    layout = make_layout(tmp_path / "src" / "深", "名称: 深\n", {"other.j2": deep_sections(7)})
    refused(tmp_path, capsys, layout, "other.j2:6:", "章节嵌套超过 5 层", via_source=True)


# -- 基于: chains and cycles --------------------------------------------------------------------------


def chain(root: Path, length: int) -> Path:
    """``length`` distinct layouts, each 基于 the one before (the first 基于 上海); the last one."""
    for n in range(1, length + 1):
        base = f"../层{n - 1}" if n > 1 else "上海"
        make_layout(root / f"层{n}", f"名称: 层{n}\n基于: {base}\n")
    return root / f"层{length}"


def test_a_chain_of_eleven_distinct_layouts_is_no_cycle(tmp_path, capsys):
    html = rendered(tmp_path, capsys, chain(tmp_path / "layouts", 11))
    assert "目 录" in html  # 上海's, at the end of the chain


def test_a_chain_too_long_is_refused_for_its_length(tmp_path, capsys):
    output = refused(tmp_path, capsys, chain(tmp_path / "layouts", 25), "版式.yaml:2", "超过了 20 层", "不是循环")
    assert "形成了循环" not in output


@pytest.mark.parametrize("shape", ["pair", "self", "three", "through-a-link"])
def test_a_real_cycle_is_found_by_identity(tmp_path, capsys, shape):
    root = tmp_path / "layouts"
    if shape == "pair":
        make_layout(root / "甲", "名称: 甲\n基于: ../乙\n")
        make_layout(root / "乙", "名称: 乙\n基于: ../甲\n")
        start, names = root / "甲", "甲 → 乙 → 甲"
    elif shape == "self":
        make_layout(root / "甲", "名称: 甲\n基于: .\n")
        start, names = root / "甲", "甲 → 甲"
    elif shape == "three":
        make_layout(root / "甲", "名称: 甲\n基于: ../乙\n")
        make_layout(root / "乙", "名称: 乙\n基于: ../丙\n")
        make_layout(root / "丙", "名称: 丙\n基于: ../乙\n")
        start, names = root / "甲", "乙 → 丙 → 乙"
    else:  # the same folder reached by another path: a link to it
        make_layout(root / "甲", "名称: 甲\n基于: ../链接\n")
        os.symlink(root / "甲", root / "链接")
        start, names = root / "甲", "甲 → 甲"
    refused(tmp_path, capsys, start, "版式.yaml:2", "形成了循环", names)


# -- preview: a broken layout, then fixed ------------------------------------------------------------


def test_preview_recovers_when_the_layout_named_by_the_source_is_fixed(tmp_path):
    layout = make_layout(tmp_path / "src" / "我的", "名称: 我的\n基于: 上海\n")
    state = PreviewState(source_in(tmp_path / "src", str(layout)))
    assert not state.rerender().broken
    (layout / "版式.yaml").write_text('名称: 我的\n基于: 上海\n标题: {收支预算总体情况: "甲\\e乙"}\n', encoding="utf-8")
    broken = state.rerender()
    assert broken.broken and any("版式.yaml:3" in f.message and "U+001B" in f.message for f in broken.findings)
    (layout / "版式.yaml").write_text("名称: 我的\n基于: 上海\n", encoding="utf-8")  # fixed: read again, not kept
    assert not state.rerender().broken


def test_a_template_linked_out_of_the_layout_folder_is_refused_unread(tmp_path, capsys):
    # other.j2 a link to a file elsewhere: its text was read as the layout's and quoted in the message
    # (学到的措辞.j2 → /etc/passwd: “模板在段落之外写了文字“root:x:0:0…”, hostile-2026-11-29 W13)
    secret = tmp_path / "别处.txt"
    secret.write_text("机密的文字", encoding="utf-8")
    layout = make_layout(tmp_path / "我的", "名称: 我的\n")
    (layout / "other.j2").symlink_to(secret)
    output = refused(tmp_path, capsys, layout, "other.j2", "指向文件夹之外的链接")
    assert "机密" not in output


def test_preview_recovers_when_a_layout_template_is_fixed(tmp_path):
    layout = make_layout(tmp_path / "我的", "名称: 我的\n", {"other.j2": deep_sections(3)})
    state = PreviewState(source_in(tmp_path / "src"), layout=str(layout))
    assert not state.rerender().broken
    (layout / "other.j2").write_text(deep_sections(7), encoding="utf-8")
    broken = state.rerender()
    assert broken.broken and any(f.file.endswith("other.j2") and f.line == 6 for f in broken.findings)
    (layout / "other.j2").write_text(deep_sections(2), encoding="utf-8")
    assert not state.rerender().broken


def test_preview_recovers_when_its_layout_setting_file_is_fixed(tmp_path):
    layout = make_layout(tmp_path / "我的", "名称: 我的\n基于: 上海\n")
    state = PreviewState(source_in(tmp_path / "src"), layout=str(layout))
    assert not state.rerender().broken
    (layout / "版式.yaml").write_text("名称: 我的\n基于: 上海\n名称: 又一个\n", encoding="utf-8")
    assert state.rerender().broken
    (layout / "版式.yaml").write_text("名称: 我的\n基于: 上海\n", encoding="utf-8")
    assert not state.rerender().broken


def test_preview_names_a_broken_layout_setting_file_as_a_layout_fault(tmp_path):
    layout = make_layout(tmp_path / "我的", "名称: 我的\n基于: 上海\n")
    state = PreviewState(source_in(tmp_path / "src"), layout=str(layout))
    state.rerender()
    (layout / "版式.yaml").write_text("名称: 我的\n基于: 上海\n名称: 又一个\n", encoding="utf-8")
    findings = state.rerender().findings
    assert not any(f.rule == "内部错误" for f in findings), [f.format() for f in findings]


def test_the_shipped_layouts_still_read(tmp_path, capsys):
    code, output = run_cli(capsys, "layouts")
    assert code == 0 and "上海（基于 默认）" in output, output
    shutil.rmtree(tmp_path, ignore_errors=True)
