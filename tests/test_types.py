"""mypy over reportgen/ reports no error (settings: pyproject.toml's [tool.mypy]).

Skipped locally where mypy is not installed (the test extra installs it); under CI=true a
missing mypy fails, so that the type check cannot stop running without anyone noticing.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ON_CI = os.environ.get("CI") == "true"
MISSING = importlib.util.find_spec("mypy") is None
REASON = "type check needs mypy (pip install -e '.[test]')"


@pytest.mark.skipif(MISSING and not ON_CI, reason=REASON)
def test_reportgen_type_checks() -> None:
    if MISSING:
        pytest.fail(f"{REASON} (CI=true: not skipping)")
    # the cache scripts/test's mypy step keeps (the user's cache folder): warm after it, checked against the sources
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportgen-mypy"
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(cache), "reportgen"], cwd=ROOT,
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, f"mypy reportgen exited {result.returncode}:\n{result.stdout}{result.stderr}"
