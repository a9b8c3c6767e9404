"""The desk as a Django application: its record's package (models, migrations), its label ``desk`` — the
tables' names (desk_member …) and the migrations' app, as before the desk was split into packages."""

from __future__ import annotations

from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "reportgen.desk.record"
    label = "desk"
    default_auto_field = "django.db.models.BigAutoField"
