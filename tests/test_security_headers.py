"""Security headers and cookies on every response, and pages that need no inline script (so the
Content Security Policy can forbid it)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from django.urls import reverse

from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db

PAGES = ["/", "/map/", "/clusters/", "/dialogue/", "/api/docs/", "/api/redoc/", "/accounts/login/"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", PAGES)
def test_pages_carry_the_policy_and_no_inline_script(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html), INLINE_SCRIPT.findall(html)[:3]
    assert not HANDLER.findall(html), HANDLER.findall(html)[:3]


def test_the_page_words_are_data_that_parses(client):
    html = client.get("/").content.decode()
    block = re.search(r'<script type="application/json" id="ui-labels">(.*?)</script>', html, re.S)
    labels = json.loads(block.group(1))
    assert labels["downloadSvg"] and labels["showing"]


def test_cookies_are_http_only_and_same_site(client):
    user = factories_clusters.UserFactory(username="example_cookie")
    user.set_password("Example-password-1")
    user.save()
    client.get(reverse("accounts:login"))
    csrf = client.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    client.post(
        reverse("accounts:login"), {"username": "example_cookie", "password": "Example-password-1"}
    )
    session = client.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"


def _settings_with(env: dict[str, str]) -> dict:
    code = (
        "import json; from clusterdialogue.config import settings as s; print(json.dumps({"
        "k: getattr(s, k, None) for k in ('SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', "
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_PROXY_SSL_HEADER', "
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'CONTENT_SECURITY_POLICY')}))"
    )
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_SECURE", "DJANGO_HTTPS"))
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_https_deployments_get_hsts_secure_cookies_and_the_proxy_header():
    values = _settings_with({"DJANGO_HTTPS": "true"})
    assert values["SECURE_HSTS_SECONDS"] == 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SECURE_SSL_REDIRECT"] and values["SESSION_COOKIE_SECURE"]
    assert values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_the_local_default_serves_plain_http():
    values = _settings_with({})
    assert values["SECURE_HSTS_SECONDS"] == 0 and not values["SECURE_SSL_REDIRECT"]
    assert not values["SESSION_COOKIE_SECURE"]
    assert values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"] == ["'self'"]
