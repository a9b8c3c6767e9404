"""Table geometry that fits labels before it wraps them (issue 39, part 2), on the writer's side:
the fonts' real widths, the widths, size and page a table is given, its closing rows kept with the
rows before them, a heading set closer rather than leave a character alone, and the layout's
表格排版 read and refused as a layout's settings are. The printed PDFs of every shipped source are
checked in tests/test_print_quality.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reportgen.cli import main
from reportgen.docmodel.document import Cell, Row, Table
from reportgen.shaping.layouts import resolve
from reportgen.writers.docx import table_fit, tables
from reportgen.writers.docx.measure import AUTOSPACE_EM, condensing, leaves_one, lines_of, text_ems
from tests.test_layout_hostile import make_layout, source_in

ADVANCES = Path(tables.__file__).with_name("advances.yaml")
FONTS = Path("/usr/share/fonts/truetype/liberation2")
PAGES = {False: 8845, True: 13946}  # the text widths (twips) of the portrait and landscape pages


def test_the_latin_widths_are_times_new_romans_as_liberation_serif_has_them():
    """advances.yaml holds, for every printable ASCII character, the wider of Liberation Serif's
    regular and bold advance (the metrics of Times New Roman), rounded up to a thousandth of an em."""
    fonttools = pytest.importorskip("fontTools.ttLib")
    if not (FONTS / "LiberationSerif-Regular.ttf").exists():
        pytest.skip("Liberation Serif is not installed (fonts-liberation2)")
    widest: dict[str, int] = {}
    for style in ("Regular", "Bold"):
        font = fonttools.TTFont(FONTS / f"LiberationSerif-{style}.ttf")
        per_em, cmap, metrics = font["head"].unitsPerEm, font.getBestCmap(), font["hmtx"]
        for code in range(0x20, 0x7F):
            advance = -(-metrics[cmap[code]][0] * 1000 // per_em)
            widest[chr(code)] = max(widest.get(chr(code), 0), advance)
    assert yaml.safe_load(ADVANCES.read_text(encoding="utf-8"))["字宽"] == widest


def test_han_characters_are_an_em_digits_half_and_a_quarter_em_where_they_meet():
    assert text_ems("社会保障和就业支出") == 9
    assert text_ems("278,076,101") == pytest.approx(9 * 0.5 + 2 * 0.25)
    assert text_ems("2024年预算数") == pytest.approx(4 * 0.5 + AUTOSPACE_EM + 4)
    assert text_ems("一、（一）") == 5


def test_a_text_leaves_one_character_alone_only_when_its_last_line_holds_one():
    assert lines_of("其他对个人和家庭的补助", 10) == ["其他对个人和家庭的补", "助"]
    assert leaves_one("其他对个人和家庭的补助", 10)
    assert not leaves_one("其他对个人和家庭的补助", 11)
    assert not leaves_one("其他对个人和家庭的补助", 9)  # 9 + 2
    assert leaves_one("2025年12月20日前", 8.5)  # the autospace counts: “2025年12月20日 / 前”
    assert text_ems("2025年12月20日前") - 5 * AUTOSPACE_EM <= 8.5
    assert not leaves_one("一、社会保障（就业）", 9)  # a closing bracket stays with its character


def test_a_heading_is_set_closer_only_a_little_and_only_when_a_character_would_stand_alone():
    heading = "第二部分  上海市普陀区规划和自然资源局2024年度部门决算表"
    room = 8845 / (16 * 20)
    assert leaves_one(heading, room)
    closer = condensing(heading, room)
    assert 0 < closer <= 0.1
    assert text_ems(heading) - closer * len(heading) <= room
    assert condensing("部门预算表", room) == 0
    assert condensing("一" * 20 + "二", 20) == pytest.approx(1 / 21 + 0.01)
    assert condensing("一" * 5 + "二", 5) == 0  # a sixth of an em each: more than a tenth


def summary(widths: list[int] | None = None, rows: int = 5) -> Table:
    """A 收支总表 as 上海 prints it: 项目 | 预算数 | 项目 | 预算数, the names long, the amounts short."""
    names = ["一、社会保障和就业支出", "二、文化旅游体育与传媒支出", "三、资源勘探工业信息等支出", "四、卫生健康支出", "五、住房保障支出"]
    body = [Row([Cell(f"{i}、财政拨款收入"), Cell("278,076,101", align="right"), Cell(names[i % 5]),
                 Cell("16,682,825", align="right")]) for i in range(rows)]
    body.append(Row([Cell("收入总计"), Cell("278,076,101"), Cell("支出总计"), Cell("278,076,101")], "total"))
    header = [Row([Cell(t) for t in ("项目", "预算数", "项目", "预算数")], "header")]
    return Table("收支总表", "", "", "", "", header, body, widths or [20, 30, 20, 30])


def test_the_labels_get_the_room_the_amounts_do_not_need():
    """Relative widths that give the amounts the room (“二、社会保障和就业支 / 出” as issue 39 saw it):
    the names each on one line, the amounts still whole."""
    block = summary()
    ems = tables.column_ems(block)
    kept = tables.fit_widths(block, PAGES[False], tables.TABLE_POINTS, ems)
    assert kept[2] < 13 * 210 + tables.CELL_MARGINS  # the old widths wrap the 13-character name
    laid = table_fit.geometry(block, PAGES, ems)
    assert (laid.landscape, laid.points, sum(laid.widths)) == (False, tables.TABLE_POINTS, PAGES[False])
    em = laid.points * 20
    assert laid.widths[2] - tables.CELL_MARGINS >= text_ems("二、文化旅游体育与传媒支出") * em
    assert laid.widths[1] - tables.CELL_MARGINS >= tables.cell_ems("278,076,101") * em


def test_a_table_nothing_is_wrong_with_keeps_its_widths():
    block = summary([30, 20, 30, 20])
    for row in block.body:
        row.cells[2] = Cell("四、卫生健康支出")
    ems = tables.column_ems(block)
    laid = table_fit.geometry(block, PAGES, ems, 9.0)
    assert laid == table_fit.Geometry(False, tables.TABLE_POINTS, tables.fit_widths(block, PAGES[False], tables.TABLE_POINTS, ems))


def test_the_labels_take_a_smaller_size_only_down_to_the_layouts_smallest():
    """Names that fit a portrait page on one line at 小五 but not at 五号: 小五 where the layout allows
    it (上海, 表格排版.最小字号), else 五号 with the names wrapped, none leaving a character alone."""
    long = "二、文化旅游体育与传媒支出其他项目"
    block = summary()
    block.body[0].cells[2] = Cell(long)
    ems = tables.column_ems(block)
    assert table_fit.geometry(block, PAGES, ems, 9.0).points == 9.0
    laid = table_fit.geometry(block, PAGES, ems)
    assert laid.points == tables.TABLE_POINTS
    room = (laid.widths[2] - tables.CELL_MARGINS) / (laid.points * 20)
    assert not leaves_one(long, room) and not leaves_one(long, room + 24 / (laid.points * 20))


def test_the_closing_total_rows_are_kept_with_the_row_before_them():
    """A long table ending in its totals (the 决算 收支总表: 本年收入合计, 使用非财政拨款结余 … 总计): every
    row from the row before its first closing total to its end is kept with the next, so no page holds
    the totals alone; the rows before are free to break."""
    block = summary(rows=24)
    block.body[-1:-1] = [Row([Cell(f"结转{i}"), Cell("1.00"), Cell(f"结余{i}"), Cell("1.00")]) for i in range(4)]
    block.body.insert(24, Row([Cell("本年收入合计"), Cell("1.00"), Cell("本年支出合计"), Cell("1.00")], "total"))
    markup = "".join(tables.row_parts(block, [3000, 1500, 3000, 1500]))
    flags = ["<w:keepNext/>" in row for row in re.findall(r"<w:tr>.*?</w:tr>", markup)]
    assert flags[-8:] == [False] + [True] * 6 + [False]  # row 24 … the last but one kept with the next
    assert not any(flags[5:23])


def test_the_layout_states_its_smallest_size_and_its_landscape_tables():
    shanghai = resolve("上海")
    assert shanghai.table_smallest == 9.0 and "收支总表-财务收支" in shanghai.landscape_tables
    default = resolve("默认")
    assert default.table_smallest == tables.TABLE_POINTS and not default.landscape_tables


@pytest.mark.parametrize(("setting", "fragment"), [
    ("表格排版: {最小字号: 七号}", "“表格排版.最小字号”应为 五号、小五、六号 之一"),
    ("表格排版: {横排: [没有这张表]}", "“表格排版.横排”中没有表格“没有这张表”"),
    ("表格排版: {横排: 收支总表}", "“表格排版.横排”应为表格编号的列表"),
    ("表格排版: {字号: 小五}", "“表格排版”应为含 最小字号、横排 的映射"),
])
def test_a_wrong_table_fit_setting_is_refused_naming_the_file_and_key(tmp_path, capsys, setting, fragment):
    layout = make_layout(tmp_path / "坏", f"名称: 坏\n{setting}\n")
    source = source_in(tmp_path / "src")
    out = tmp_path / "out"
    code = main(["render", str(source), "--layout", str(layout), "-o", str(out)])
    printed = capsys.readouterr()
    assert code != 0
    assert "版式.yaml:2" in printed.err + printed.out and fragment in printed.err + printed.out
    assert not out.exists() or not any(out.iterdir())


# -- a text's shape: texts that lay out alike, laid out once ----------------------------------------
_HAN = "社会保障和就业支出一二三项目中心建设第"
_ALPHABET = [*_HAN, *"0123456789", *"AbWxyz", *".,%:/-+", *"、，。；（）“”《》", " ", "\u3000", "", "Ⅱ"]


def _random_text(rng, longest: int = 30) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, longest)))


def test_a_text_and_its_shape_lay_out_alike_in_any_room():
    """measure.shape keeps what laying out a text reads — its pieces, their widths and autospaces,
    its characters — so a text and its shape break into lines of the same lengths in any room."""
    import random

    from reportgen.writers.docx.measure import shape

    rng = random.Random(51)
    for _ in range(10_000):
        text = _random_text(rng)
        shaped = shape(text)
        assert len(shaped) == len(text) and text_ems(shaped) == text_ems(text)
        assert tables.cell_ems(shaped) == tables.cell_ems(text)
        for room in (rng.uniform(0.5, 32), rng.randint(1, 32), rng.randint(1, 32) + 0.25):
            assert [len(line) for line in lines_of(shaped, room)] == [len(line) for line in lines_of(text, room)]
            assert leaves_one(shaped, room) == leaves_one(text, room)
            assert tables._orphaned(shaped, room) == tables._orphaned(text, room), (text, room)


def _random_table(rng) -> Table:
    """A table of codes, names and amounts: names that share a shape (the same words, other digits:
    “…项目00900”, “…项目03700”) and names that do not, some indented, a merged header."""
    stems = [(_random_text(rng, 24), rng.randint(1, 5)) for _ in range(rng.randint(1, 6))]  # a stem, its digits
    header = [Row([Cell("科目编码"), Cell("项目名称"), Cell("金额", colspan=2)], "header"),
              Row([Cell(""), Cell(""), Cell(_random_text(rng, 8)), Cell(_random_text(rng, 8))], "header")]
    body = []
    for number in range(rng.randint(1, 60)):
        stem, digits = rng.choice(stems)
        name = f"{stem}{rng.randrange(10 ** digits):0{digits}d}" if rng.random() < 0.7 else _random_text(rng)
        amount = f"{rng.randint(0, 10 ** rng.randint(1, 9)):,}.{rng.randint(0, 99):02d}"
        body.append(Row([Cell(str(200 + number)), Cell(name, indent=rng.choice((0, 0, 1, 2))),
                         Cell(amount, align="right"), Cell(_random_text(rng, 4), align="right")]))
    return Table("t", "", "随机表", "", "", header, body, [rng.randint(5, 40) for _ in range(4)])


def test_a_tables_geometry_is_the_same_whether_its_texts_are_laid_out_once_a_shape_or_each_alone(monkeypatch):
    """geometry() lays out each shape of a column's texts once at each width it tries (counting it
    for the texts it stands for): the widths, size and page it gives are those it gave laying out
    every text on its own (measure.shape as the identity), over random tables and pages."""
    import random

    rng = random.Random(39)
    cases = []
    for _ in range(120):
        pages = {False: rng.randint(3000, 9000), True: 0}
        pages[True] = pages[False] + rng.randint(0, 6000)
        cases.append((_random_table(rng), pages, rng.choice(tables.TABLE_SIZES)))

    def decided() -> list[tuple[table_fit.Geometry, list[int]]]:
        """Each case's geometry, and how many texts leave a character alone at it and at each size's
        relative widths (what geometry weighs its ways out by)."""
        found = []
        for block, pages, smallest in cases:
            ems = tables.column_ems(block)
            laid = table_fit.geometry(block, pages, ems, smallest)
            texts, weights, _ = table_fit._measure(block, ems)
            tried = [laid, *(table_fit.Geometry(laid.landscape, size, tables.fit_widths(block, pages[laid.landscape], size, ems))
                             for size in tables.TABLE_SIZES)]
            found.append((laid, [table_fit._orphans(texts, weights, geometry) for geometry in tried]))
        return found

    shaped = decided()
    monkeypatch.setattr(table_fit, "shape", lambda text: text)
    monkeypatch.setattr(tables, "shape", lambda text: text)
    alone = decided()
    assert shaped == alone
    assert len({(laid.landscape, laid.points) for laid, _ in alone}) > 3  # the cases reach more than one way out
    assert sum(count > 1 for _, counts in alone for count in counts) > 40  # and count texts left alone
