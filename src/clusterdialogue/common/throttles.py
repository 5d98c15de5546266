"""Rate limits: on the REST API (DRF throttles) and on writes that send e-mail (invitations).

The API allows ``CLUSTERDIALOGUE_API_ANON_RATE`` requests per address for the anonymous public
and ``CLUSTERDIALOGUE_API_USER_RATE`` per account (DRF's ``"N/second|minute|hour|day"``);
``None`` switches a limit off. Counters live in the default cache, which the server's workers
share (a file or Redis cache). Sign-in is limited by django-axes.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class PublicApiThrottle(AnonRateThrottle):
    """Anonymous API requests, per client address."""

    def get_rate(self) -> str | None:
        return getattr(settings, "CLUSTERDIALOGUE_API_ANON_RATE", None)


class AccountApiThrottle(UserRateThrottle):
    """Signed-in API requests, per account."""

    def get_rate(self) -> str | None:
        return getattr(settings, "CLUSTERDIALOGUE_API_USER_RATE", None)


def rate_limit_exceeded(*, key: str, limit: int | None, seconds: int) -> bool:
    """Count one use of ``key`` in a window of ``seconds``; whether it goes over ``limit``.

    A fixed window in the shared cache: simple, and enough to stop a script that floods a
    form; ``limit=None`` never limits.
    """
    if not limit:
        return False
    name = f"ratelimit:{key}"
    cache.add(name, 0, timeout=seconds)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=seconds)
        count = 1
    return count > limit
