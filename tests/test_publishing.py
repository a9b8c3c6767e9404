"""Ready to publish (issue “Ready to publish”, parts 4 and 5): document properties from the source,
nothing left of python-docx's template, a schema-valid w:zoom — and the same source giving the same
bytes every time, on any day, honouring SOURCE_DATE_EPOCH (render and diff alike)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
YANTIAN_2021 = ROOT / "data" / "shenzhen-yantian-zgh-2021.yaml"


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | (env or {})
    return reportgen(*args, env=environment, cwd=cwd)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_document_properties_come_from_the_source(tmp_path):
    assert run("render", str(YANTIAN), "-o", str(tmp_path)).returncode == 0
    package = zipfile.ZipFile(tmp_path / "shenzhen-yantian-zgh-2022.docx")
    core = package.read("docProps/core.xml").decode("utf-8")
    assert "<dc:title>深圳市盐田区总工会2022年部门预算</dc:title>" in core
    assert "<dc:creator>深圳市盐田区总工会</dc:creator>" in core and "<dc:subject>深圳市盐田区总工会 2022</dc:subject>" in core
    # created and modified: 1 January of the budget year, not python-docx's 2013-12-23
    assert ">2022-01-01T00:00:00Z</dcterms:created>" in core and ">2022-01-01T00:00:00Z</dcterms:modified>" in core
    assert "python-docx" not in core and "2013" not in core
    app = package.read("docProps/app.xml").decode("utf-8")
    assert "<Company>深圳市盐田区总工会</Company>" in app and "<Application>reportgen</Application>" in app
    assert "Macintosh" not in app
    names = package.namelist()
    assert not any("thumbnail" in n or n.startswith("customXml/") for n in names), names
    assert all("customXml" not in package.read(n).decode("utf-8") for n in names if n.endswith(".rels"))
    assert '<w:zoom w:val="bestFit" w:percent="100"/>' in package.read("word/settings.xml").decode("utf-8")
    assert {info.date_time for info in package.infolist()} == {(2022, 1, 1, 0, 0, 0)}


def test_the_same_source_gives_the_same_bytes(tmp_path):
    """Twice, with the user's cache of the base package rebuilt in between (as on another day or
    another machine), the DOCX and the HTML are byte-identical."""
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("render", str(YANTIAN), "-o", str(first)).returncode == 0
    cache = {"XDG_CACHE_HOME": str(tmp_path / "fresh-cache")}
    assert run("render", str(YANTIAN), "-o", str(second), env=cache).returncode == 0
    for name in ("shenzhen-yantian-zgh-2022.docx", "shenzhen-yantian-zgh-2022.html"):
        assert digest(first / name) == digest(second / name), name


def test_source_date_epoch_sets_the_time_everywhere(tmp_path):
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}  # 2023-11-14 22:13:20 UTC
    assert run("render", str(YANTIAN), "-o", str(tmp_path / "a"), env=epoch).returncode == 0
    assert run("render", str(YANTIAN), "-o", str(tmp_path / "b"), env=epoch).returncode == 0
    docx = tmp_path / "a" / "shenzhen-yantian-zgh-2022.docx"
    assert digest(docx) == digest(tmp_path / "b" / docx.name)
    package = zipfile.ZipFile(docx)
    assert ">2023-11-14T22:13:20Z</dcterms:created>" in package.read("docProps/core.xml").decode("utf-8")
    assert {info.date_time for info in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


@pytest.mark.parametrize("epoch", [None, "1700000000"])
def test_diffing_twice_gives_the_same_bytes(tmp_path, epoch):
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    outputs = []
    for attempt in ("a", "b"):
        folder = tmp_path / attempt
        folder.mkdir()
        done = run("diff", str(YANTIAN_2021), str(YANTIAN), "-o", str(folder / "diff.docx"), "-o",
                   str(folder / "diff.html"), env=env)
        assert done.returncode in (0, 1), done.stderr
        outputs.append(folder)
    for name in ("diff.docx", "diff.html"):
        assert digest(outputs[0] / name) == digest(outputs[1] / name), name
    document = zipfile.ZipFile(outputs[0] / "diff.docx").read("word/document.xml").decode("utf-8")
    dates = set(__import__("re").findall(r'w:date="([^"]+)"', document))
    assert dates == {"2023-11-14T22:13:20Z" if epoch else "2022-01-01T00:00:00Z"}
