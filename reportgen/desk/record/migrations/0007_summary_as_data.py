"""A reviewed document's summary (its 检查表 row, numbered findings, title and kind) kept as JSON the schema describes
(record/summaries.py), no longer as a pickle: each pickle stored today is read once, here, by an unpickler that
builds only the review's own dataclasses (paperwork's, a path, a date), and written again as data."""

import pickle
from io import BytesIO
from typing import Any

from django.db import migrations, models

# what a summary pickled by the desk's worker (reviewing.py before this migration) holds, and nothing else
_ALLOWED = {("pathlib", "PosixPath"), ("pathlib", "PurePosixPath"), ("pathlib", "Path"), ("datetime", "date"),
            ("builtins", "set"), ("builtins", "frozenset"), ("copyreg", "_reconstructor"), ("builtins", "object")}
_MODULES = ("reportgen.paperwork.",)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED or module.startswith(_MODULES):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"a stored summary names {module}.{name}: not one of the review's own classes")


def _as_data(apps, schema_editor) -> None:  # noqa: ANN001 - Django's RunPython signature
    pickled = [apps.get_model("desk", model).objects.exclude(summary=None) for model in ("Submission", "Disclosure")]
    if not any(rows.exists() for rows in pickled):  # a new desk (`desk init`): the review's modules not imported
        return  # (summaries.py brings paperwork, the review and fpdf: most of a new desk's migration)
    from reportgen.desk.record.summaries import stored  # deferred: run once, by migrate alone

    for rows in pickled:
        for row in rows.iterator():
            part, marks, title, kind = _Unpickler(BytesIO(bytes(row.summary))).load()
            row.summary_data = stored(part, list(marks), title, kind)
            row.save(update_fields=["summary_data"])


class Migration(migrations.Migration):

    dependencies = [
        ('desk', '0006_held_handed_files'),
    ]

    operations = [
        migrations.AddField(model_name='submission', name='summary_data', field=models.JSONField(null=True)),
        migrations.AddField(model_name='disclosure', name='summary_data', field=models.JSONField(null=True)),
        migrations.RunPython(_as_data, migrations.RunPython.noop),
        migrations.RemoveField(model_name='submission', name='summary'),
        migrations.RemoveField(model_name='disclosure', name='summary'),
        migrations.RenameField(model_name='submission', old_name='summary_data', new_name='summary'),
        migrations.RenameField(model_name='disclosure', old_name='summary_data', new_name='summary'),
    ]
