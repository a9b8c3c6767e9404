"""Every source in data/ renders to exactly the text and the bytes it rendered before: the text a
reader sees (tests/golden/text/, paragraphs and table cells of the DOCX and the HTML), printed as a
diff when it changes; and the bytes (the HTML, and every part of the DOCX package), a second guard
that catches a change of markup alone. A restructuring changes neither. A deliberate change of
output stores both anew (python -m tests.golden.text --write; python -m tests.golden.fingerprint
--write) in the same commit, and says why."""

from __future__ import annotations

import json

import pytest

from tests.golden import text
from tests.golden.fingerprint import STORE, fingerprint, sources

# the 目录 page numbers as a user gets them: LibreOffice lays the DOCX out (tests/conftest.py)
pytestmark = pytest.mark.contents_pages

STORED = json.loads(STORE.read_text(encoding="utf-8"))


def test_every_source_in_data_has_stored_fingerprints_and_text():
    assert sorted(STORED) == sorted(s.name for s in sources())
    assert sorted(p.name for p in text.STORE.glob("*.txt")) == sorted(text.stored_path(s).name for s in sources())


@pytest.mark.parametrize("source", sources(), ids=lambda s: s.name)
def test_rendering_gives_the_stored_text(source):
    difference = text.difference(source)
    assert not difference, f"{source.name}: the text a reader sees has changed:\n{difference}"


@pytest.mark.parametrize("source", sources(), ids=lambda s: s.name)
def test_rendering_gives_the_stored_bytes(source):
    now = fingerprint(source)
    changed = sorted(name for name in set(now) | set(STORED[source.name]) if now.get(name) != STORED[source.name].get(name))
    assert not changed, (f"{source.name}: changed parts {changed} (test_rendering_gives_the_stored_text shows "
                         "any change of text; a change of markup alone shows only here)")


def test_a_changed_text_is_shown_as_a_diff_of_the_lines_that_changed(tmp_path, monkeypatch):
    source = sources()[0]
    stored = text.stored_path(source).read_text(encoding="utf-8")
    line = next(line for line in stored.splitlines() if "万元" in line)
    monkeypatch.setattr(text, "STORE", tmp_path)
    text.stored_path(source).write_text(stored.replace(line, line.replace("万元", "元", 1), 1), encoding="utf-8")
    difference = text.difference(source)
    assert f"\n+{line}\n" in difference and f"\n-{line.replace('万元', '元', 1)}\n" in difference
    assert len([d for d in difference.splitlines() if d[:1] in "+-" and d[:3] not in ("+++", "---")]) == 2
