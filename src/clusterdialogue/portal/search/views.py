"""The site search page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clusterdialogue.portal.search.selectors import MIN_LENGTH, site_search


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())
    groups = site_search(query=query, user=request.user)
    return render(
        request,
        "portal/search/results.html",
        {
            "query": query,
            "groups": groups,
            "total": sum(group.count for group in groups),
            "too_short": 0 < len(query) < MIN_LENGTH,
        },
    )
