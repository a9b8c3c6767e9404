"""The desk as a Django application (its label: desk)."""

from __future__ import annotations

from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "reportgen.desk"
    label = "desk"
    default_auto_field = "django.db.models.BigAutoField"
