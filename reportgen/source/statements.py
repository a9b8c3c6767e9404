"""项目经费情况说明 of a source: each project's published account — its heading and the numbered parts
(项目概述 … 项目绩效自评结果) the source gives, each a text or a list of paragraphs."""

from __future__ import annotations

from reportgen.docmodel.model import STATEMENT_PARTS, ProjectStatement
from reportgen.source.core import SourceReader
from reportgen.source.targets import texts


def project_statements(reader: SourceReader, items: list | None) -> list[ProjectStatement]:
    """The projects' statements in the source's order; a part the source does not give is absent,
    an empty one (no paragraph) too."""
    statements = []
    for index, item in enumerate(items or []):
        line = reader.item_line(item, f"项目经费情况说明[{index + 1}]")
        parts = {key: paragraphs for key in STATEMENT_PARTS
                 if (paragraphs := [text.strip() for text in texts(item.get(key)) if text.strip()])}
        statements.append(ProjectStatement(name=str(item["名称"]), title=str(item.get("标题", "")).strip(),
                                           parts=parts, line=line))
    return statements
