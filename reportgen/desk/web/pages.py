"""The Jinja2 environment of the desk's pages (templates/desk/): Django's backend gives each page
``request``, ``csrf_input`` and ``csrf_token``; ``url`` names a page by its route's name; every moment is
shown in Beijing time (``beijing``), whatever a typed text holds is shown as text (``visible``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from jinja2 import Environment, StrictUndefined

from reportgen.base.unbroken import nowrap_html
from reportgen.desk.record.shown import visible


def environment(**options: Any) -> Environment:
    options["undefined"] = StrictUndefined
    env = Environment(**options)
    env.globals["url"] = lambda name, *args: reverse(name, args=args)
    env.filters["visible"] = visible  # a control or bidi character typed in, shown as ⟨U+202E⟩ (desk/record/shown.py)
    env.filters["beijing"] = beijing
    env.filters["figures"] = nowrap_html  # a finding's figures each kept on one line (reportgen/base/unbroken.py)
    return env


def beijing(moment: datetime, form: str = "%Y-%m-%d %H:%M:%S") -> str:
    """A moment as the desk tells it: in its TIME_ZONE, Beijing's (settings.py), whatever the machine's own."""
    return timezone.localtime(moment).strftime(form)
