"""Fingerprints of what reportgen renders from every source in data/: the sha256 of the HTML and of
each part of the DOCX package (the zip's own bytes carry entry times, the parts do not).

    python -m tests.golden.fingerprint            # print the fingerprints as JSON
    python -m tests.golden.fingerprint --write    # store them in tests/golden/fingerprints.json

A restructuring keeps them; a deliberate change of output stores them again, in the same commit.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORE = Path(__file__).resolve().parent / "fingerprints.json"


def sources() -> list[Path]:
    return sorted((ROOT / "data").glob("*.yaml"))


def fingerprint(source: Path) -> dict[str, str]:
    from reportgen.runners.render import render_source

    with tempfile.TemporaryDirectory() as folder:
        result = render_source(source, Path(folder))
        assert result.outputs, [f.format() for f in result.findings]
        prints = {}
        for output in result.outputs:
            if output.suffix == ".docx":
                with zipfile.ZipFile(output) as package:
                    for name in sorted(package.namelist()):
                        prints[name] = hashlib.sha256(package.read(name)).hexdigest()
            else:
                prints[output.suffix] = hashlib.sha256(output.read_bytes()).hexdigest()
        return prints


def all_fingerprints() -> dict[str, dict[str, str]]:
    return {source.name: fingerprint(source) for source in sources()}


if __name__ == "__main__":
    prints = all_fingerprints()
    text = json.dumps(prints, indent=1, sort_keys=True) + "\n"
    if "--write" in sys.argv:
        STORE.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
