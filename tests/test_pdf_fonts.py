"""The PDF's typefaces, language and structure (issue 26, publishing): the 公文 faces the DOCX names
survive as their Simplified Chinese stand-ins (pdf_fonts.conf) — serif for the body, sans for 黑体,
Liberation Serif where Times New Roman is named, never a Japanese, Korean or Traditional face, down
to the glyph each character is drawn with; the same bytes whatever the user's locale and time
zone, dated by SOURCE_DATE_EPOCH when it is set; /Lang zh-CN, a tagged PDF, the headings as its
outline. Three LibreOffice runs in all; the checks that need none come last."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from reportgen.runners.render import document_for, prepare
from reportgen.writers import pdf as pdf_writer
from tests.clients import require_program

ROOT = Path(__file__).resolve().parent.parent
WENLVJU = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
STEM = WENLVJU.stem
REGIONS = re.compile(r"CJK(jp|kr|tc|hk)|JP|KR|TC|HK|VKana", re.IGNORECASE)
SC_FACES = {"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold"}
LATIN_FACES = {"LiberationSerif", "LiberationSerif-Bold"}
# What the user's environment may say; each render below sets it its own way.
LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "SOURCE_DATE_EPOCH")


def render(out: Path, formats: str, **env: str) -> Path:
    base = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    done = subprocess.run([sys.executable, "-m", "reportgen", "render", str(WENLVJU), "-o", str(out), "--format", formats],
                          capture_output=True, text=True, env={**base, **env}, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return out / f"{STEM}.pdf"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Shanghai 文旅局 disclosure as DOCX and PDF, printed under the C locale in UTC."""
    require_program("soffice")
    return render(tmp_path_factory.mktemp("c-utc"), "docx,pdf", LANG="C", TZ="UTC")


def pdffonts(path: Path) -> list[str]:
    lines = subprocess.run([require_program("pdffonts"), str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    return [line.split()[0] for line in lines]


def without_subset(name: str) -> str:
    return name.split("+", 1)[-1]


# -- reading the PDF LibreOffice writes (objects one after another, no object streams) -------------
def objects(pdf: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(?m)^(\d+) 0 obj\b(.*?)\bendobj", pdf, re.S)}


def stream(body: bytes) -> bytes:
    start = body.index(b"stream") + len(b"stream")
    start += 2 if body[start:start + 2] == b"\r\n" else 1
    return zlib.decompressobj().decompress(body[start:])


def ref(body: bytes, key: bytes) -> int:
    found = re.search(rb"/" + key + rb"\s+(\d+) 0 R", body)
    assert found, key
    return int(found.group(1))


def drawn_glyphs(pdf: bytes) -> list[tuple[str, dict[str, int]]]:
    """For each embedded Noto CJK font, its name (without the subset tag) and the CID of the glyph
    each character is drawn with (a face may be embedded as several subsets, each a font). LibreOffice embeds a subset as a Type 1 font whose glyphs keep their
    names in the collection's shared font program (cid12345), the character codes mapped to them by
    the font's own encoding and to Unicode by the ToUnicode map."""
    found: list[tuple[str, dict[str, int]]] = []
    table = objects(pdf)
    for body in table.values():
        font = re.search(rb"/Type\s*/Font\s*/Subtype\s*/Type1\s*/BaseFont\s*/(\S+)", body)
        if not font or b"CJK" not in font.group(1):
            continue
        program = stream(table[ref(table[ref(body, b"FontDescriptor")], b"FontFile")])
        glyph_of = {int(code): int(cid) for code, cid in re.findall(rb"dup (\d+) /cid(\d+) put", program)}
        unicode_map = stream(table[ref(body, b"ToUnicode")])
        assert b"beginbfrange" not in unicode_map  # LibreOffice writes one code at a time
        chars: dict[str, int] = {}
        found.append((without_subset(font.group(1).decode()), chars))
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", unicode_map, re.S):
            for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                char = bytes.fromhex(text.decode()).decode("utf-16-be")
                if len(char) == 1 and int(code, 16) in glyph_of:
                    chars[char] = glyph_of[int(code, 16)]
    return found


# -- reading the Noto CJK collection: which glyph each regional face maps a character to -----------
def regional_cmaps(family: str) -> dict[str, dict[int, int]]:
    """Each face of the collection that holds ``family`` (by its PostScript name): character → glyph.
    The faces share one CID-keyed font program whose glyph numbers are its CIDs."""
    path = subprocess.run([require_program("fc-match"), "-f", "%{file}", family], capture_output=True, text=True,
                          check=True).stdout
    data = Path(path).read_bytes()
    assert data[:4] == b"ttcf", path
    faces = {}
    count = struct.unpack(">I", data[8:12])[0]
    for offset in struct.unpack(f">{count}I", data[12:12 + 4 * count]):
        tables = {data[offset + 12 + 16 * i:offset + 16 + 16 * i]: struct.unpack(">II", data[offset + 20 + 16 * i:offset + 28 + 16 * i])
                  for i in range(struct.unpack(">H", data[offset + 4:offset + 6])[0])}
        faces[_postscript_name(data, tables[b"name"][0])] = _cmap(data, tables[b"cmap"][0])
    return faces


def _postscript_name(data: bytes, at: int) -> str:
    _, count, strings = struct.unpack(">HHH", data[at:at + 6])
    for i in range(count):
        platform, _, _, name_id, length, offset = struct.unpack(">6H", data[at + 6 + 12 * i:at + 18 + 12 * i])
        if name_id == 6 and platform == 3:
            return data[at + strings + offset:at + strings + offset + length].decode("utf-16-be")
    raise AssertionError("no PostScript name")


def _cmap(data: bytes, at: int) -> dict[int, int]:
    for i in range(struct.unpack(">H", data[at + 2:at + 4])[0]):
        sub = at + struct.unpack(">I", data[at + 8 + 8 * i:at + 12 + 8 * i])[0]
        if struct.unpack(">H", data[sub:sub + 2])[0] == 12:  # segmented coverage: the whole of Unicode
            mapping = {}
            for group in range(struct.unpack(">I", data[sub + 12:sub + 16])[0]):
                first, last, glyph = struct.unpack(">III", data[sub + 16 + 12 * group:sub + 28 + 12 * group])
                mapping.update((char, glyph + char - first) for char in range(first, last + 1))
            return mapping
    raise AssertionError("no format 12 cmap")


# -- A. the typefaces -------------------------------------------------------------------------------
def test_every_font_is_a_simplified_chinese_or_liberation_face(printed):
    names = {without_subset(name) for name in pdffonts(printed)}
    assert names, "no fonts"
    assert not [n for n in names if REGIONS.search(n)], names  # no Japanese, Korean or Traditional face
    assert names <= SC_FACES | LATIN_FACES, names  # nothing else: no DejaVu, no Droid fallback
    assert {"NotoSerifCJKsc-Regular", "NotoSansCJKsc-Regular", "LiberationSerif"} <= names, names


def test_each_kind_of_text_is_set_in_its_face(printed):
    """Body text in the serif face (仿宋_GB2312), headings in the sans (黑体), the title in the serif's
    bold (方正小标宋简体), figures in Liberation Serif (Times New Roman); by pdftohtml's runs."""
    full = {name.split("+")[0]: without_subset(name) for name in pdffonts(printed)}  # subset tag → name
    xml = subprocess.run([require_program("pdftohtml"), "-xml", "-i", "-stdout", "-f", "1", "-l", "3", str(printed)],
                         capture_output=True, text=True, check=True).stdout  # its families lack the weight
    family = {m.group(1): full[m.group(2).split("+")[0]]
              for m in re.finditer(r'<fontspec id="(\d+)"[^>]*family="([^"]+)"', xml)}
    runs = [(family[m.group(1)], re.sub(r"<[^>]+>", "", m.group(2)))
            for m in re.finditer(r'<text [^>]*font="(\d+)">(.*?)</text>', xml)]

    def face(words: str) -> set[str]:
        faces = {name for name, text in runs if words in text}
        assert faces, words
        return faces

    assert runs[0] == ("NotoSerifCJKsc-Bold", "上海市普陀区文化和旅游局 2026 年部门预算")  # the title, first
    assert runs[1:4] == [("NotoSerifCJKsc-Regular", "（"), ("LiberationSerif", "2026"),
                         ("NotoSerifCJKsc-Regular", "年部门预算公开）")]  # its subtitle: 楷体_GB2312, digits in Times
    assert face("主要职能") == {"NotoSansCJKsc-Regular"}  # 一、主要职能: 黑体
    assert face("贯彻执行有关文化和旅游的法律") == {"NotoSerifCJKsc-Regular"}  # the body: 仿宋_GB2312
    digits = {name for name, text in runs if re.fullmatch(r"\d+\.?", text.strip())}
    assert digits == {"LiberationSerif"}, digits  # “2026”, “1.”: Times New Roman's stand-in


def test_characters_are_drawn_with_the_simplified_chinese_glyphs(printed):
    """部, 门, 化, 旅, 骨… have other forms in the Japanese face of the same font: each is drawn
    with the glyph the SC face maps it to."""
    drawn = drawn_glyphs(printed.read_bytes())
    assert {name for name, _ in drawn} <= SC_FACES, drawn
    checked = 0
    for name, glyphs in drawn:
        style = "Noto Serif CJK SC" if "Serif" in name else "Noto Sans CJK SC"
        weight = name.split("-")[-1]
        faces = regional_cmaps(f"{style}:style={weight}")
        sc = faces[name]
        japanese = faces[name.replace("CJKsc", "CJKjp")]
        differing = {char: cid for char, cid in glyphs.items() if sc.get(ord(char)) != japanese.get(ord(char))}
        assert {char: sc[ord(char)] for char in differing} == differing, name
        checked += len(differing)
    assert checked > 100  # 部门、公开、文化、旅游… differ between the faces


def test_every_typeface_the_docx_names_has_its_stand_in(printed):
    """Every font the DOCX names — styles, font table, theme, numbering, runs — is mapped by
    pdf_fonts.conf to the face of its kind, as fontconfig reads the file."""
    with zipfile.ZipFile(printed.with_suffix(".docx")) as docx:
        xml = "".join(docx.read(name).decode("utf-8") for name in docx.namelist() if name.endswith(".xml"))
    named = set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', xml))
    named |= set(re.findall(r'<w:font w:name="([^"]+)"', xml))
    named |= {n for n in re.findall(r'typeface="([^"]*)"', xml) if n}
    expected = {"仿宋_GB2312": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC", "楷体_GB2312": "Noto Serif CJK SC",
                "方正小标宋简体": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC", "Times New Roman": "Liberation Serif"}
    assert set(expected) <= named, named
    fc_match = require_program("fc-match")
    env = {**os.environ, "FONTCONFIG_FILE": str(pdf_writer.FONTS)}
    for name in sorted(named):
        got = subprocess.run([fc_match, "-f", "%{family[0]}|%{style[0]}", f"{name}:lang=zh-cn"], capture_output=True,
                             text=True, env=env, check=True)
        assert "warning" not in got.stderr.lower() and "error" not in got.stderr.lower(), got.stderr
        found, style = got.stdout.split("|")
        if name in expected:
            assert found == expected[name], (name, found)
        else:  # the theme's and the font table's others: Latin ones to Liberation, CJK ones to an SC face
            assert found.startswith(("Liberation", "Carlito", "Caladea", "OpenSymbol", "Noto Serif CJK SC",
                                     "Noto Sans CJK SC")), (name, found)
        assert (style == "Bold") == (name == "方正小标宋简体"), (name, style)  # 小标宋: a heavy Song


# -- B. the same bytes whatever the locale; /Lang, tags, outline --------------------------------------
def test_the_locale_and_time_zone_change_nothing(printed, tmp_path):
    again = render(tmp_path / "zh", "pdf", LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN:en",
                   TZ="Asia/Shanghai")
    assert again.read_bytes() == printed.read_bytes()


def test_source_date_epoch_dates_the_pdf(printed, tmp_path):
    dated = render(tmp_path / "epoch", "pdf", LANG="C.UTF-8", TZ="America/New_York", SOURCE_DATE_EPOCH="1700000000")
    info = subprocess.run([require_program("pdfinfo"), str(dated)], capture_output=True, text=True, check=True,
                          env={**os.environ, "TZ": "UTC"}).stdout
    assert re.search(r"CreationDate:\s+Tue Nov 14 22:13:20 2023 UTC", info), info
    data = dated.read_bytes()
    assert b"/CreationDate(D:20231114221320Z')" in data and b"/ModDate" not in data.replace(b"/ModDate(D:2023111422", b"")
    assert data != printed.read_bytes()


def test_lang_is_zh_cn_and_the_pdf_is_tagged(printed):
    data = printed.read_bytes()
    catalog = [body for body in objects(data).values() if re.search(rb"/Type\s*/Catalog", body)]
    assert len(catalog) == 1
    assert re.search(rb"/Lang\s*\(zh-CN\)", catalog[0]), catalog[0]
    assert re.search(rb"/StructTreeRoot \d+ 0 R", catalog[0]) and re.search(rb"/MarkInfo\s*<<\s*/Marked true", catalog[0])
    info = subprocess.run([require_program("pdfinfo"), str(printed)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info), info


def test_the_outline_is_the_documents_headings(printed):
    table = objects(printed.read_bytes())
    catalog = next(body for body in table.values() if re.search(rb"/Type\s*/Catalog", body))
    root = ref(catalog, b"Outlines")

    def title(body: bytes) -> str:
        hexed = re.search(rb"/Title\s*<([0-9A-Fa-f]+)>", body)
        assert hexed, body[:200]
        return "".join(bytes.fromhex(hexed.group(1).decode()).decode("utf-16").split())

    def children(number: int) -> list[int]:
        items, at = [], re.search(rb"/First (\d+) 0 R", table[number])
        while at:
            items.append(int(at.group(1)))
            at = re.search(rb"/Next (\d+) 0 R", table[items[-1]])
        return items

    def walk(number: int) -> list[tuple[int, str]]:
        return [entry for item in children(number) for entry in [(0, title(table[item]))] +
                [(depth + 1, text) for depth, text in walk(item)]]

    outline = walk(root)
    headings = document_for(prepare(WENLVJU)).headings()
    assert [text for _, text in outline] == ["".join(h.full_text.split()) for h in headings]
    parts = [text for depth, text in outline if depth == 0]
    assert parts == ["".join(h.full_text.split()) for h in headings if h.level == 1]  # 第一部分… at the top


# -- without LibreOffice ------------------------------------------------------------------------------
def test_font_names_are_rewritten_in_place():
    pdf = (b"<</Type/Font/Subtype/Type1/BaseFont/BAAAAA+NotoSerifCJKjp-Regular-VKana\n/FirstChar 0>>\n"
           b"<</Type/FontDescriptor/FontName/CAAAAA+NotoSansCJKjp-Bold-Generic/Flags 4>>\n"
           b"<</BaseFont/DAAAAA+LiberationSerif>>")
    named = pdf_writer._regional_names(pdf)
    assert len(named) == len(pdf)
    assert b"/BaseFont/BAAAAA+NotoSerifCJKsc-Regular      \n/FirstChar" in named
    assert b"/FontName/CAAAAA+NotoSansCJKsc-Bold        /Flags" in named
    assert named.endswith(b"/BaseFont/DAAAAA+LiberationSerif>>")


def test_libreoffice_runs_pinned(monkeypatch, tmp_path):
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.setenv("LC_MESSAGES", "ko_KR.UTF-8")
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    monkeypatch.setenv("FONTCONFIG_FILE", "/elsewhere/fonts.conf")
    env = pdf_writer.environment(tmp_path)
    assert {k: env[k] for k in ("LANG", "LC_ALL", "TZ")} == {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC"}
    assert "LC_MESSAGES" not in env and env["FONTCONFIG_FILE"] == str(pdf_writer.FONTS)
    assert pdf_writer.FONTS.is_file()
    options = pdf_writer.EXPORT_FILTER
    assert options.startswith("pdf:writer_pdf_Export:{") and '"UseTaggedPDF":{"type":"boolean","value":"true"}' in options
    assert '"ExportBookmarks":{"type":"boolean","value":"true"}' in options


def test_the_profile_is_settled_and_keeps_what_else_it_holds(tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n'
        '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>ja-JP</value></prop></item>\n'
        '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>\n'
        '</oor:items>\n', encoding="utf-8")
    pdf_writer._settle(tmp_path)
    text = (user / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert "ja-JP" not in text and '"ooSetupSystemLocale" oor:op="fuse"><value>zh-CN</value>' in text
    assert '"FirstRun" oor:op="fuse"><value>false</value>' in text
    assert text.count("<item ") == 1 + len(pdf_writer.SETTINGS)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    pdf_writer._settle(fresh)  # a new profile: made with the settings alone
    assert (fresh / "user" / "registrymodifications.xcu").read_text(encoding="utf-8").count("<item ") == len(pdf_writer.SETTINGS)


def test_a_lane_runs_its_commands_in_turn_and_lanes_at_once(tmp_path):
    log = tmp_path / "log"
    commands = [["sh", "-c", f"echo start {n} >> {log}; sleep 0.3; echo end {n} >> {log}; echo {n}"] for n in range(4)]
    results = pdf_writer.run_programs(commands, 30, 1000, lanes=[0, 1, 0, 1])
    assert [out for _, out, _ in results] == [b"0\n", b"1\n", b"2\n", b"3\n"]
    events = log.read_text().split("\n")
    assert events.index("end 0") < events.index("start 2") and events.index("end 1") < events.index("start 3")
    assert events.index("start 1") < events.index("end 0")  # the two lanes at the same time


def test_without_its_font_settings_no_pdf_is_made(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_writer, "soffice", lambda: "/bin/false")
    monkeypatch.setattr(pdf_writer, "FONTS", tmp_path / "missing.conf")
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(pdf_writer.PdfUnavailable, match="缺少 .*missing.conf"):
        pdf_writer.convert([docx], tmp_path)
    assert not (tmp_path / "a.pdf").exists()
