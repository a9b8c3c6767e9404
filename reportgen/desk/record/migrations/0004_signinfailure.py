"""Each failed sign-in kept, so that too many of one user name or from one address are refused for a while
(attempts.py; Django 5.2's makemigrations, from reportgen/desk/record/models.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('desk', '0003_notice_table'),
    ]

    operations = [
        migrations.CreateModel(
            name='SignInFailure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('when', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('username', models.CharField(max_length=150)),
                ('address', models.CharField(max_length=64)),
            ],
        ),
    ]
