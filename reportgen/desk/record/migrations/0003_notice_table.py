"""The findings handed back as an XLSX beside the 整改通知 DOCX, as `review -o` hands them back: its digest on
a returned submission and on each returned disclosure (Django 5.2's makemigrations, from reportgen/desk/record/models.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('desk', '0002_disclosure'),
    ]

    operations = [
        migrations.AddField(
            model_name='disclosure',
            name='notice_table',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name='submission',
            name='notice_table',
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
