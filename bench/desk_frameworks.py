"""The desk's framework chosen by measurement (issue 55): the same minimal server-rendered application —
a reviewer account with an Argon2 password hash, sign-in with a session and CSRF protection, one
page rendered from a Jinja2 template that lists 50 rows read from SQLite through the ORM — built on
Django 5.2 (auth, sessions, CSRF middleware, ORM, Jinja2 backend) and on Flask 3 + SQLAlchemy 2
(Flask-SQLAlchemy, Flask-Login, Flask-WTF's CSRFProtect, argon2-cffi). Each is measured in a fresh
process: the time to import and set it up, the resident memory after the first request, and rendered
pages a second through its test client (no network: the framework's own cost).

    python bench/desk_frameworks.py                         # both, with this interpreter
    python bench/desk_frameworks.py --python /tmp/venv/bin/python   # Flask from another venv

It is a measurement, not a test; it prints one line per framework.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

REQUESTS = 2000

_DJANGO = r'''
import resource, time
started = time.perf_counter()
import django
from django.conf import settings
settings.configure(
    DEBUG=False, SECRET_KEY="bench", ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, USE_TZ=True,
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions"],
    MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.csrf.CsrfViewMiddleware",
                "django.contrib.auth.middleware.AuthenticationMiddleware"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"],
    TEMPLATES=[{"BACKEND": "django.template.backends.jinja2.Jinja2", "DIRS": [], "OPTIONS": {}}])
django.setup()
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.test import Client
from django.urls import path
from jinja2 import Environment
PAGE = Environment().from_string("<ul>{% for g in rows %}<li>{{ g.name }}</li>{% endfor %}</ul><p>{{ user }}</p>")
def sign_in(request):
    if request.method == "POST":
        user = authenticate(request, username=request.POST["u"], password=request.POST["p"])
        login(request, user)
        return redirect("/page")
    return HttpResponse(get_token(request))
@login_required(login_url="/")
def page(request):
    return HttpResponse(PAGE.render(rows=Group.objects.order_by("id")[:50], user=request.user.username))
urlpatterns = [path("", sign_in), path("page", page)]
call_command("migrate", verbosity=0)
User.objects.create_user("审核员", password="correct horse")
Group.objects.bulk_create([Group(name=f"部门{i}") for i in range(50)])
ready = time.perf_counter() - started
client = Client(enforce_csrf_checks=True)
token = client.get("/").content.decode()
assert client.post("/", {"u": "审核员", "p": "correct horse", "csrfmiddlewaretoken": token}).status_code == 302
assert Client(enforce_csrf_checks=True).post("/", {"u": "审核员", "p": "x"}).status_code == 403
assert "部门49" in client.get("/page").content.decode()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
for _ in range(REQUESTS):
    client.get("/page")
rate = REQUESTS / (time.perf_counter() - t)
print(json.dumps({"framework": "Django " + django.get_version(), "ready_s": ready, "rss_mb": rss, "pages_per_s": rate}))
'''

_FLASK = r'''
import resource, time
started = time.perf_counter()
import flask
from argon2 import PasswordHasher
from flask import Flask, redirect, render_template_string, request
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect, generate_csrf
from sqlalchemy.orm import Mapped, mapped_column
app = Flask(__name__)
app.config.update(SECRET_KEY="bench", SQLALCHEMY_DATABASE_URI="sqlite://")
db, hasher, logins = SQLAlchemy(app), PasswordHasher(), LoginManager(app)
CSRFProtect(app)
class User(db.Model, UserMixin):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)
    hash: Mapped[str]
class Row(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
logins.user_loader(lambda uid: db.session.get(User, int(uid)))
logins.login_view = "sign_in"
PAGE = "<ul>{% for g in rows %}<li>{{ g.name }}</li>{% endfor %}</ul><p>{{ user }}</p>"
@app.route("/", methods=["GET", "POST"])
def sign_in():
    if request.method == "POST":
        user = db.session.execute(db.select(User).filter_by(name=request.form["u"])).scalar_one()
        hasher.verify(user.hash, request.form["p"])
        login_user(user)
        return redirect("/page")
    return generate_csrf()
@app.route("/page")
@login_required
def page():
    rows = db.session.execute(db.select(Row).order_by(Row.id).limit(50)).scalars()
    return render_template_string(PAGE, rows=rows, user=current_user.name)
with app.app_context():
    db.create_all()
    db.session.add(User(name="审核员", hash=hasher.hash("correct horse")))
    db.session.add_all([Row(name=f"部门{i}") for i in range(50)])
    db.session.commit()
ready = time.perf_counter() - started
client = app.test_client()
token = client.get("/").get_data(as_text=True)
assert client.post("/", data={"u": "审核员", "p": "correct horse", "csrf_token": token}).status_code == 302
assert app.test_client().post("/", data={"u": "审核员", "p": "x"}).status_code == 400
assert "部门49" in client.get("/page").get_data(as_text=True)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
for _ in range(REQUESTS):
    client.get("/page")
rate = REQUESTS / (time.perf_counter() - t)
print(json.dumps({"framework": "Flask " + flask.__version__ if hasattr(flask, "__version__") else "Flask", "ready_s": ready, "rss_mb": rss, "pages_per_s": rate}))
'''


def measure(python: str, program: str) -> dict[str, object]:
    head = f"import json\nREQUESTS = {REQUESTS}\n"
    done = subprocess.run([python, "-c", head + program], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"framework": "?", "error": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="the interpreter that has Flask (default: this one)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for python, program in ((sys.executable, _DJANGO), (args.python, _FLASK)):
        runs = [measure(python, program) for _ in range(args.runs)]
        good = [r for r in runs if "error" not in r]
        if not good:
            print(runs[0])
            continue
        best = {key: sorted(float(str(r[key])) for r in good)[len(good) // 2] for key in ("ready_s", "rss_mb", "pages_per_s")}
        print(f"{good[0]['framework']:<14} set up {best['ready_s'] * 1000:6.0f} ms   RSS {best['rss_mb']:5.1f} MB   "
              f"{best['pages_per_s']:6.0f} signed-in pages/s (median of {len(good)})")


if __name__ == "__main__":
    main()
