"""Small request helpers the page views and API views share."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def posted(request: HttpRequest) -> Any:
    """The posted data for a form: bound on POST even when empty, so it reports what is missing.

    A GET gives ``None``, so the form is unbound and shows no errors.
    """
    return request.POST if request.method == "POST" else None


def site_url(request: HttpRequest) -> str:
    """The site's address as the request reached it, without a trailing slash (``https://host``).

    Services that e-mail or export links append a path (``/dialogue/…``) to it.
    """
    return request.build_absolute_uri("/").rstrip("/")


def current_request() -> HttpRequest | None:
    """The request being served, where a signal handler has none of its own.

    django-simple-history's ``HistoryRequestMiddleware`` already keeps it for the history
    records (per thread, cleared after each response); ``None`` outside a request (shell, CLI).
    """
    from simple_history.models import HistoricalRecords

    return getattr(HistoricalRecords.context, "request", None)
