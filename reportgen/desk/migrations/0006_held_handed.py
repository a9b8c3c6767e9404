"""A submission held for the reviewer (what its document says that is not its row's, or that it is an earlier
submission's bytes), and the annotated copy handed back with a notice, of the findings not dismissed alone — a
submission's and a disclosure's (Django 5.2's makemigrations, from reportgen/desk/models.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('desk', '0005_roster_row_unique'),
    ]

    operations = [
        migrations.AddField(
            model_name='disclosure',
            name='handed',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name='submission',
            name='handed',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name='submission',
            name='held',
            field=models.TextField(blank=True),
        ),
    ]
