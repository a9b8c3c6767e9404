"""A submission held for the reviewer (what its document says that is not its row's, or that it is an earlier
submission's bytes); the annotated copy handed back with a notice, of the findings not dismissed alone — a
submission's and a disclosure's; a submission's further files (one disclosure in several files, reviewed as one)
(Django 5.2's makemigrations, from reportgen/desk/record/models.py)."""

import django.db.models.deletion
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
        migrations.CreateModel(
            name='SubmittedFile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField()),
                ('digest', models.CharField(max_length=64)),
                ('size', models.PositiveBigIntegerField()),
                ('kind', models.CharField(max_length=16)),
                ('given_name', models.CharField(max_length=255)),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='files', to='desk.submission')),
            ],
            options={
                'ordering': ['submission', 'number'],
                'constraints': [models.UniqueConstraint(fields=('submission', 'number'), name='one_number_per_file')],
            },
        ),
    ]
