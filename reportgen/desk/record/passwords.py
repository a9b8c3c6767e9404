"""The reviewers' passwords hashed with Argon2 (Django's Argon2PasswordHasher) at the cost the desk's settings give:
DESK_PASSWORD_COST, (time cost, memory in KiB, parallelism) — settings.PASSWORD_COST, Django's own (2, 102400, 8),
unless a caller of settings.configure asks less (the tests, which sign in hundreds of times: 0.27 CPU-s each at
this cost). Each hash records the cost it was made at and is checked at that cost, whatever the setting now; a
hash made at another cost is made again at this one at its user's next sign-in (Django's must_update)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher


class DeskArgon2PasswordHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (the same algorithm name, so the same hashes) at DESK_PASSWORD_COST."""

    @property
    def time_cost(self) -> int:
        return int(settings.DESK_PASSWORD_COST[0])

    @property
    def memory_cost(self) -> int:
        return int(settings.DESK_PASSWORD_COST[1])

    @property
    def parallelism(self) -> int:
        return int(settings.DESK_PASSWORD_COST[2])
