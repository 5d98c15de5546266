"""The request helpers the views share."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from clusterdialogue.common.http import site_url


@pytest.mark.parametrize(
    ("secure", "host", "expected"),
    [
        (False, "testserver", "http://testserver"),
        (True, "cd.example.org", "https://cd.example.org"),
    ],
)
def test_site_url_is_scheme_and_host_without_a_trailing_slash(settings, secure, host, expected):
    settings.ALLOWED_HOSTS = [host]
    request = RequestFactory().get("/dialogue/some-group/meetings/", secure=secure, HTTP_HOST=host)
    assert site_url(request) == expected
    assert site_url(request) + "/dialogue/" == f"{expected}/dialogue/"
