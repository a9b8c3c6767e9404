"""The numbers of the look that the text writers need as well as the styles, as plain numbers:
styles.py's lengths are python-docx objects, and python-docx is not imported to write a document."""

from __future__ import annotations

# 第一部分, 一、, （一）, 1. and （1）: the styles Heading 1 … Heading 5; deeper headings use Heading 5.
HEADING_LEVELS = 5


TABLE_POINTS = 10.5  # 五号, the size of table text
HEADING_POINTS = 16.0  # 三号: parts and the headings 一、 and （一）, and table titles


# The typefaces (as the styles and word/fontTable.xml name them)
LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
# A cover line's 字体 (版式.yaml's 封面) → its typeface
COVER_FACES = {"楷体": KAI_FONT, "黑体": HEI_FONT, "仿宋": BODY_FONT, "宋体": TABLE_FONT, "小标宋": TITLE_FONT}
