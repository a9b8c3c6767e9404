"""Sign-in attempts bounded: after LIMIT failures within WINDOW for one user name, or from one address, further
tries of it (or from it) are refused — a right password too — until the window has passed over them; kept in
the database (models.SignInFailure), so every server process of the desk counts the same."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from reportgen.desk.record.models import SignInFailure

LIMIT = 5
WINDOW = timedelta(minutes=15)
BARRED = (f"登录失败次数过多（{WINDOW.seconds // 60} 分钟内 {LIMIT} 次），暂停登录：请 {WINDOW.seconds // 60} 分钟后再试；"
          "忘记密码请联系审核台的管理人员")


def barred(username: str, address: str) -> bool:
    recent = SignInFailure.objects.filter(when__gte=timezone.now() - WINDOW)
    return recent.filter(username=username[:150]).count() >= LIMIT or recent.filter(address=address[:64]).count() >= LIMIT


def failed(username: str, address: str) -> None:
    """The failure kept; those past the window let go."""
    SignInFailure.objects.filter(when__lt=timezone.now() - WINDOW).delete()
    SignInFailure.objects.create(username=username[:150], address=address[:64])


def cleared(username: str, address: str) -> None:
    """Signed in: the failures of that name from that address forgotten."""
    SignInFailure.objects.filter(username=username[:150], address=address[:64]).delete()
