"""The Jinja2 environment of the desk's pages (templates/desk/): Django's backend gives each page
``request``, ``csrf_input`` and ``csrf_token``; ``url`` names a page by its route's name."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from jinja2 import Environment, StrictUndefined

from reportgen.desk.shown import visible
from reportgen.unbroken import nowrap_html


def environment(**options: Any) -> Environment:
    options["undefined"] = StrictUndefined
    env = Environment(**options)
    env.globals["url"] = lambda name, *args: reverse(name, args=args)
    env.filters["visible"] = visible  # a control or bidi character typed in, shown as ⟨U+202E⟩ (desk/shown.py)
    env.filters["figures"] = nowrap_html  # a finding's figures each kept on one line (reportgen/unbroken.py)
    return env
