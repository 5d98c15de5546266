"""Settings for the test suite: fast password hashing, plain static storage, local SQLite."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from clusterdialogue.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Django's test client signs in without a request, which django-axes refuses; the sign-in
# protection tests switch it back on (``settings.AXES_ENABLED = True``).
AXES_ENABLED = False
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "clusterdialogue-tests",
    }
}
# The suite sends far more requests a minute than anyone would; the rate-limit tests set them.
CLUSTERDIALOGUE_API_ANON_RATE = None
CLUSTERDIALOGUE_API_USER_RATE = None
