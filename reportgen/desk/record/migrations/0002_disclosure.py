"""Several disclosures in one submitted file: each its own row (Disclosure), each finding of one of them
pointing to it (Django 5.2's makemigrations, from reportgen/desk/record/models.py)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('desk', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Disclosure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField()),
                ('first', models.PositiveIntegerField()),
                ('last', models.PositiveIntegerField()),
                ('named', models.CharField(max_length=300)),
                ('owner', models.CharField(blank=True, max_length=200)),
                ('kind', models.CharField(blank=True, max_length=4)),
                ('year', models.IntegerField(null=True)),
                ('final', models.BooleanField(null=True)),
                ('outcome', models.CharField(max_length=8)),
                ('why_unreviewed', models.TextField(blank=True)),
                ('title', models.CharField(blank=True, max_length=300)),
                ('annotated', models.CharField(blank=True, max_length=64)),
                ('not_annotated', models.TextField(blank=True)),
                ('summary', models.BinaryField(null=True)),
                ('notice', models.CharField(blank=True, max_length=64)),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='disclosures', to='desk.submission')),
            ],
            options={
                'ordering': ['submission', 'number'],
                'constraints': [models.UniqueConstraint(fields=('submission', 'number'), name='one_number_per_disclosure')],
            },
        ),
        migrations.AlterModelOptions(
            name='finding',
            options={'ordering': ['submission', 'disclosure', 'number']},
        ),
        migrations.AddField(
            model_name='finding',
            name='disclosure',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='desk.disclosure'),
        ),
    ]
