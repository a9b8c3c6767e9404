"""The desk's tables as first made (Django 5.2's makemigrations, from reportgen/desk/record/models.py)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name='Member',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField()),
                ('name', models.CharField(max_length=200)),
                ('kind', models.CharField(max_length=4)),
                ('parent', models.CharField(blank=True, max_length=200)),
                ('approved', models.DateField()),
                ('published', models.DateField(null=True)),
                ('year', models.IntegerField(null=True)),
                ('final', models.BooleanField(null=True)),
                ('place', models.CharField(max_length=500)),
                ('hidden', models.BooleanField(default=False)),
                ('token_digest', models.CharField(max_length=64, unique=True)),
            ],
            options={
                'ordering': ['position'],
            },
        ),
        migrations.CreateModel(
            name='Submission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField()),
                ('digest', models.CharField(max_length=64)),
                ('size', models.PositiveBigIntegerField()),
                ('kind', models.CharField(max_length=16)),
                ('given_name', models.CharField(max_length=255)),
                ('received', models.DateTimeField(auto_now_add=True)),
                ('state', models.CharField(max_length=8)),
                ('outcome', models.CharField(blank=True, max_length=8)),
                ('why_unreviewed', models.TextField(blank=True)),
                ('title', models.CharField(blank=True, max_length=300)),
                ('annotated', models.CharField(blank=True, max_length=64)),
                ('not_annotated', models.TextField(blank=True)),
                ('summary', models.BinaryField(null=True)),
                ('notice', models.CharField(blank=True, max_length=64)),
                ('issuer', models.CharField(blank=True, max_length=200)),
                ('issued', models.DateField(null=True)),
                ('deadline', models.DateField(null=True)),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='submissions', to='desk.member')),
            ],
            options={
                'ordering': ['member__position', 'number'],
            },
        ),
        migrations.CreateModel(
            name='Job',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('state', models.CharField(default='排队中', max_length=4)),
                ('worker', models.CharField(blank=True, max_length=100)),
                ('lease_until', models.DateTimeField(null=True)),
                ('claims', models.PositiveIntegerField(default=0)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('finished', models.DateTimeField(null=True)),
                ('submission', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='job', to='desk.submission')),
            ],
        ),
        migrations.CreateModel(
            name='Finding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField()),
                ('rule', models.CharField(max_length=100)),
                ('severity', models.CharField(max_length=10)),
                ('page', models.PositiveIntegerField()),
                ('line', models.PositiveIntegerField()),
                ('quote', models.TextField(blank=True)),
                ('message', models.TextField()),
                ('boxed', models.BooleanField(default=False)),
                ('verdict', models.CharField(blank=True, max_length=2)),
                ('note', models.TextField(blank=True)),
                ('compared', models.CharField(blank=True, max_length=4)),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='desk.submission')),
            ],
            options={
                'ordering': ['submission', 'number'],
            },
        ),
        migrations.CreateModel(
            name='Event',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('when', models.DateTimeField(auto_now_add=True)),
                ('who', models.CharField(max_length=200)),
                ('before', models.CharField(blank=True, max_length=20)),
                ('after', models.CharField(max_length=20)),
                ('note', models.TextField(blank=True)),
                ('finding', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='events', to='desk.finding')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='desk.member')),
                ('submission', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='events', to='desk.submission')),
            ],
            options={
                'ordering': ['when', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='submission',
            constraint=models.UniqueConstraint(fields=('member', 'number'), name='one_number_per_member'),
        ),
    ]
