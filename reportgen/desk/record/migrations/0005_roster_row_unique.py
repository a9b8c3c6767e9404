"""One row of a roster once in the table, however often it is imported: its name, kind, 主管部门, year and 决算
unique (a year or 决算 not given counts as one value); rows imported twice before — their later copies never
submitted to, their links shown once and unused — let go first, a copy that was submitted to kept over one
that was not (Django 5.2's makemigrations, from reportgen/desk/record/models.py; the RunPython added)."""

import django.db.models.functions.comparison
from django.db import migrations, models
from django.db.models import Count


def one_of_each(apps, schema_editor):
    member_model = apps.get_model("desk", "Member")
    seen = set()
    for member in member_model.objects.annotate(sent=Count("submissions")).order_by("-sent", "id"):
        key = (member.name, member.kind, member.parent, member.year, member.final)
        if key in seen and not member.sent:
            member.delete()
        seen.add(key)


class Migration(migrations.Migration):

    dependencies = [
        ('desk', '0004_signinfailure'),
    ]

    operations = [
        migrations.RunPython(one_of_each, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='member',
            constraint=models.UniqueConstraint(models.F('name'), models.F('kind'), models.F('parent'), django.db.models.functions.comparison.Coalesce(models.F('year'), models.Value(0)), django.db.models.functions.comparison.Coalesce(django.db.models.functions.comparison.Cast(models.F('final'), models.IntegerField()), models.Value(-1)), name='one_row_per_roster_row'),
        ),
    ]
