"""`python -m reportgen` works the same as the `reportgen` command."""

from reportgen.cli import run

run()
