"""Every source in data/ renders to exactly the bytes it rendered before (HTML, and every part of
the DOCX package): a restructuring changes no output. A deliberate change of output stores the new
fingerprints (python -m tests.golden.fingerprint --write) in the same commit, and says why."""

from __future__ import annotations

import json

import pytest

from tests.golden.fingerprint import STORE, fingerprint, sources

STORED = json.loads(STORE.read_text(encoding="utf-8"))


def test_every_source_in_data_has_stored_fingerprints():
    assert sorted(STORED) == sorted(s.name for s in sources())


@pytest.mark.parametrize("source", sources(), ids=lambda s: s.name)
def test_rendering_gives_the_stored_bytes(source):
    now = fingerprint(source)
    changed = sorted(name for name in set(now) | set(STORED[source.name]) if now.get(name) != STORED[source.name].get(name))
    assert not changed, f"{source.name}: changed parts {changed}"
