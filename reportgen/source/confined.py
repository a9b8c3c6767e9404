"""Findings of the files a source names (unit files, a 科目表, 上年.来源), quoting nothing of a file
that lies outside the source's folder."""

from __future__ import annotations

from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.reading.files import resolved


def confined(findings: list[Finding], folder: Path) -> list[Finding]:
    """``findings`` of a file that a source names, with the words of each that quote the file
    itself left out where the file lies outside the source's folder: a 科目表 or 上年.来源 that
    points at someone's secret (/etc/shadow, a key) must not have it printed, nor put on a
    batch's index page. The file, line, rule and field are kept: where to look."""
    return [finding if finding.rule == "文件" or inside(Path(finding.file), folder) else  # 文件: quotes none of it
            Finding(finding.severity, finding.rule, OUTSIDE_WORDS, finding.file, finding.line, finding.column, finding.path)
            for finding in findings]


OUTSIDE_WORDS = "此处有错误（这个文件不在源文件所在的文件夹内，这里不引用它的内容）：请打开该文件，按所示行号查看"


def quoted_if_inside(text: str, file: Path, folder: Path) -> str:
    return f"“{text}”" if inside(file, folder) else "另一个部门"


def inside(file: Path, folder: Path) -> bool:
    target, root = resolved(file), resolved(folder)
    return target == root or root in target.parents
