"""科目表 files as untrusted input (YAML or CSV from a finance system): a name holding a control
character or nothing visible, a quote left open that would swallow the next rows, a file mixing
UTF-8 and GBK rows, other encodings — each refused through the command line with a Chinese message
naming the table's file and line, quoting at most a short sanitised excerpt, writing nothing and
leaving the inputs as they were; and what a finance system really exports (GBK, BOM, CRLF, quoted
cells with commas) still accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.cli import main
from tests.clocks import cpu_now

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
UNION_ROW = "{科目: 2012906, 项目支出: 827.56}"
# 2079904 is in no national catalogue: the 科目表 must name it, or the render fails for another reason.
LOCAL_CODE, LOCAL_NAME = "2079904", "文化旅游重点项目扶持"
HEADER = "科目编码,科目名称\n"
RAW = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))] + ["\u2028", "\u2029"]


# -- helpers ---------------------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as stopped:
        code = stopped.code if isinstance(stopped.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def staged(tmp_path: Path, table: bytes, name: str = "codes.csv") -> Path:
    """The Yantian source, one row moved to the local code, naming ``table`` as its 科目表."""
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    text = YANTIAN.read_text(encoding="utf-8")
    assert UNION_ROW in text and "金额单位: 万元\n" in text
    text = text.replace(UNION_ROW, f"{{科目: {LOCAL_CODE}, 项目支出: 827.56}}", 1)
    text = text.replace("金额单位: 万元\n", f"金额单位: 万元\n科目表: {name}\n", 1)
    (folder / name).write_bytes(table)
    source = folder / "dept.yaml"
    source.write_text(text, encoding="utf-8")
    return source


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], table: bytes, line: int, *fragments: str,
            name: str = "codes.csv", seconds: float = 10.0) -> str:
    source = staged(tmp_path, table, name)
    out = tmp_path / "out"
    out.mkdir()
    (out / "上次的稿子.docx").write_bytes(b"previous draft")
    inputs, before = files_under(source.parent), files_under(out)
    start = cpu_now()
    code, output = run_cli(capsys, "render", source, "-o", out)
    elapsed = cpu_now() - start
    assert code != 0, output
    assert "Traceback" not in output and "内部错误" not in output, output
    assert f"{name}:{line}:" in output and f"第 {line} 行" in output and "R-科目表" in output, output
    for fragment in fragments:
        assert fragment in output, output
    assert not [c for c in RAW if c in output], repr(output)
    assert all(len(row) < 600 for row in output.splitlines()), output  # an excerpt, never a whole file
    assert files_under(out) == before and files_under(source.parent) == inputs
    assert elapsed < seconds, elapsed
    return output


def accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str], table: bytes, name: str = "codes.csv") -> str:
    """Render with the table; the HTML written."""
    source = staged(tmp_path, table, name)
    code, output = run_cli(capsys, "render", source, "-o", tmp_path / "out", "--format", "html")
    assert code == 0, output
    return (tmp_path / "out" / "dept.html").read_text(encoding="utf-8")


def csv_with(name: str, *, line_end: str = "\n") -> bytes:
    return (HEADER + f"{LOCAL_CODE},{name}\n").replace("\n", line_end).encode("utf-8")


# -- names a table cannot print --------------------------------------------------------------------

CONTROLS = {"NUL": "\x00", "ESC": "\x1b", "BEL": "\x07", "BS": "\x08", "VT": "\x0b", "FF": "\x0c", "US": "\x1f",
            "DEL": "\x7f", "C1-PAD": "\x80", "NEL": "\x85", "CSI": "\x9b", "LS": "\u2028", "PS": "\u2029"}


@pytest.mark.parametrize("char", CONTROLS.values(), ids=CONTROLS.keys())
def test_a_control_character_in_a_csv_name_is_refused(tmp_path, capsys, char):
    output = refused(tmp_path, capsys, csv_with(f"文化{char}旅游重点项目扶持"), 2, f"U+{ord(char):04X}")
    assert "文化[U+" in output  # the excerpt marks the character rather than printing it


def test_an_ansi_escape_sequence_is_quoted_sanitised(tmp_path, capsys):
    refused(tmp_path, capsys, csv_with("\x1b[31m红色\x1b[0m"), 2, "[U+001B][31m红色")


@pytest.mark.parametrize("escape, fragment", [
    ("\\e", "U+001B"), ("\\0", "U+0000"), ("\\x9b", "U+009B"), ("\\ud800", "U+D800"),
], ids=["ESC", "NUL", "CSI", "lone-surrogate"])
def test_a_control_character_in_a_yaml_name_is_refused(tmp_path, capsys, escape, fragment):
    table = f'{LOCAL_CODE}: {LOCAL_NAME}\n2012901: "行政{escape}运行"\n'.encode()
    refused(tmp_path, capsys, table, 2, fragment, name="codes.yaml")


@pytest.mark.parametrize("raw", [b"\x1b", b"\x00", b"\x0b"], ids=["ESC", "NUL", "VT"])
def test_a_raw_control_character_in_a_yaml_table_is_refused(tmp_path, capsys, raw):
    table = f"{LOCAL_CODE}: {LOCAL_NAME}\n2012901: 行政".encode() + raw + "运行\n".encode()
    refused(tmp_path, capsys, table, 2, "U+00", name="codes.yaml")


@pytest.mark.parametrize("escape", ["\\v", "\\f", "\\L", "\\P", "\\N", "\\n"])
def test_a_line_break_in_a_yaml_name_is_refused(tmp_path, capsys, escape):
    table = f'{LOCAL_CODE}: {LOCAL_NAME}\n2012901: "行政{escape}运行"\n'.encode()
    refused(tmp_path, capsys, table, 2, "换行", name="codes.yaml")


def test_a_block_text_yaml_name_is_refused(tmp_path, capsys):
    table = f"{LOCAL_CODE}: {LOCAL_NAME}\n2012901: |\n  行政\n  运行\n".encode()
    refused(tmp_path, capsys, table, 2, "换行", name="codes.yaml")


INVISIBLE = {"ZWSP": "\u200b", "ZWNJ": "\u200c", "ZWJ": "\u200d", "WJ": "\u2060", "BOM": "\ufeff",
             "two-ZWSP": "\u200b\u200b", "spaced-ZWSP": " \u200b ", "soft-hyphen": "\u00ad", "RLO": "\u202e",
             "hangul-filler": "\u3164"}


@pytest.mark.parametrize("name", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_name_of_only_invisible_characters_is_refused(tmp_path, capsys, name):
    refused(tmp_path, capsys, csv_with(name), 2, "看不见的字符")


@pytest.mark.parametrize("name", ["\u200b", "\ufeff", "\u2060"])
def test_an_invisible_yaml_name_is_refused(tmp_path, capsys, name):
    table = f'{LOCAL_CODE}: "{name}"\n'.encode()
    refused(tmp_path, capsys, table, 1, "看不见的字符", name="codes.yaml")


@pytest.mark.parametrize("name", ["   ", "\u3000", "\u00a0", "\t"], ids=["spaces", "ideographic", "nbsp", "tab"])
def test_a_name_of_only_whitespace_is_refused(tmp_path, capsys, name):
    refused(tmp_path, capsys, csv_with(name), 2, "没有科目名称")


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u202e", "\u2066"])
def test_an_invisible_character_inside_a_name_is_refused(tmp_path, capsys, char):
    refused(tmp_path, capsys, csv_with(f"文化旅游{char}重点项目扶持"), 2, f"U+{ord(char):04X}", "看不见的字符")


def test_an_invisible_character_in_an_alias_is_refused(tmp_path, capsys):
    table = (f"科目编码,科目名称,别名\n{LOCAL_CODE},{LOCAL_NAME},甲;\u200b\n").encode()
    refused(tmp_path, capsys, table, 2, "别名", "看不见的字符")


def test_a_long_name_is_quoted_short(tmp_path, capsys):
    output = refused(tmp_path, capsys, csv_with("长" * 5000 + "\x1b"), 2, "U+001B")
    assert "长" * 41 not in output


def test_a_header_with_control_characters_is_quoted_sanitised(tmp_path, capsys):
    refused(tmp_path, capsys, f"科目编码\x1b,说明{'长' * 300}\n{LOCAL_CODE},{LOCAL_NAME}\n".encode(), 1,
            "[U+001B]", "表头")


@pytest.mark.parametrize("code, fragment", [
    (f"{LOCAL_CODE}\x1b", "[U+001B]"), ("２０７９９０４", "半角"), ("20799０4", "半角"),
], ids=["ESC", "full-width", "one-full-width-digit"])
def test_a_code_that_is_not_ascii_digits_is_refused(tmp_path, capsys, code, fragment):
    refused(tmp_path, capsys, f"{HEADER}{code},{LOCAL_NAME}\n".encode(), 2, fragment)


def test_a_tab_inside_a_name_is_accepted(tmp_path, capsys):
    html = accepted(tmp_path, capsys, csv_with("文化旅游\t重点项目扶持"))
    assert "文化旅游" in html and "\x1b" not in html


# -- quotes ----------------------------------------------------------------------------------------


def test_an_unterminated_quote_is_refused_at_the_line_it_opens(tmp_path, capsys):
    table = f'{HEADER}{LOCAL_CODE},"{LOCAL_NAME}\n2012901,行政运行（本级）\n2079999,其他\n'.encode()
    output = refused(tmp_path, capsys, table, 2, "引号", "没有闭合")
    assert "行政运行（本级）" not in output.split("引号", 1)[0]


def test_an_unterminated_quote_at_the_end_is_refused(tmp_path, capsys):
    table = f'{HEADER}2012901,行政运行（本级）\n{LOCAL_CODE},"{LOCAL_NAME}\n'.encode()
    refused(tmp_path, capsys, table, 3, "引号")


def test_an_unterminated_quote_with_crlf_is_refused(tmp_path, capsys):
    table = f'{HEADER}{LOCAL_CODE},"{LOCAL_NAME}\n2012901,行政运行\n'.replace("\n", "\r\n").encode("gbk")
    refused(tmp_path, capsys, table, 2, "引号")


def test_a_quoted_name_with_commas_is_accepted(tmp_path, capsys):
    html = accepted(tmp_path, capsys, f'"科目编码","科目名称"\n"{LOCAL_CODE}","文化,旅游""重点""项目"\n'.encode())
    assert "文化,旅游&#34;重点&#34;项目" in html or "文化,旅游&quot;重点&quot;项目" in html or '文化,旅游"重点"项目' in html


def test_a_row_after_a_quoted_name_keeps_its_line(tmp_path, capsys):
    table = f'{HEADER}{LOCAL_CODE},"{LOCAL_NAME},本地"\n2012901,"行政\x1b运行"\n'.encode()
    refused(tmp_path, capsys, table, 3, "U+001B")


# -- encodings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_a_table_in_one_encoding_is_accepted(tmp_path, capsys, encoding, line_end):
    text = f"科目名称,科目编码\n{LOCAL_NAME},{LOCAL_CODE}\n行政运行（本级）,2012901\n".replace("\n", line_end)
    html = accepted(tmp_path, capsys, text.encode(encoding))
    assert LOCAL_NAME in html and "行政运行（本级）" in html


def test_a_gb18030_name_beyond_gbk_is_accepted(tmp_path, capsys):
    name = "文化旅游𠀀扶持"  # U+20000: four bytes in GB18030, none in GBK
    html = accepted(tmp_path, capsys, f"{HEADER}{LOCAL_CODE},{name}\n".encode("gb18030"))
    assert name in html


def test_a_yaml_table_in_gbk_is_accepted(tmp_path, capsys):
    html = accepted(tmp_path, capsys, f"{LOCAL_CODE}: {LOCAL_NAME}\n".encode("gbk"), name="codes.yaml")
    assert LOCAL_NAME in html


def test_utf8_rows_then_a_gbk_row_are_refused_at_the_gbk_row(tmp_path, capsys):
    table = (HEADER + f"{LOCAL_CODE},{LOCAL_NAME}\n").encode("utf-8") + "2012901,行政运行\n".encode("gbk")
    refused(tmp_path, capsys, table, 3, "混用", "第 1 行是 UTF-8")


def test_gbk_rows_then_a_utf8_row_are_refused_at_the_utf8_row(tmp_path, capsys):
    table = (HEADER + f"{LOCAL_CODE},{LOCAL_NAME}\n").encode("gbk") + "2012901,行政运行\n".encode()
    refused(tmp_path, capsys, table, 3, "混用", "第 1 行是 GBK")


def test_a_utf8_bom_then_a_gbk_row_is_refused(tmp_path, capsys):
    table = b"\xef\xbb\xbf" + f"{LOCAL_CODE},{LOCAL_NAME}\n".encode() + "2012901,行政运行\n".encode("gbk")
    refused(tmp_path, capsys, table, 2, "BOM")


def test_a_line_in_neither_encoding_is_refused(tmp_path, capsys):
    table = f"{HEADER}{LOCAL_CODE},{LOCAL_NAME}\n".encode("gbk") + b"2012901,\xff\xfe\xff\n"
    refused(tmp_path, capsys, table, 3, "既不是 UTF-8 也不是 GBK")


@pytest.mark.parametrize("encoding, fragment", [
    ("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32"),
], ids=["UTF-16-LE-BOM", "UTF-16-BE-BOM", "UTF-32-BOM"])
def test_a_table_in_another_unicode_encoding_is_refused(tmp_path, capsys, encoding, fragment):
    text = f"{HEADER}{LOCAL_CODE},{LOCAL_NAME}\n"
    data = (b"\xfe\xff" + text.encode(encoding)) if encoding == "utf-16-be" else text.encode(encoding)
    refused(tmp_path, capsys, data, 1, fragment)


# -- YAML bounded as a source is -------------------------------------------------------------------


def test_alias_expansion_in_a_yaml_table_is_refused_at_once(tmp_path, capsys):
    lines = [f'{LOCAL_CODE}: &a0 "{LOCAL_NAME}"']
    lines += [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    refused(tmp_path, capsys, ("\n".join(lines) + "\n").encode(), 2, "别名", name="codes.yaml", seconds=2.0)


def test_a_yaml_table_nested_without_end_is_refused(tmp_path, capsys):
    refused(tmp_path, capsys, f"{LOCAL_CODE}: ".encode() + b"[" * 5000 + b"\n", 1, "嵌套", name="codes.yaml")
