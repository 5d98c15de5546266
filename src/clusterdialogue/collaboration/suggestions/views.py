"""The recommendations page of a profile: change the settings, see the effect, download it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import organisation_territory
from clusterdialogue.collaboration.suggestions.forms import RecommendationSettingsForm
from clusterdialogue.collaboration.suggestions.selectors import (
    COMPONENTS,
    recommendation_notes,
    recommendation_rows,
)
from clusterdialogue.common.permissions import can
from clusterdialogue.portal.exports import csv_response, wants_csv

CSV_HEADER = [
    "rank", "partner", "partner_slug", "region", "territory", "score", *COMPONENTS, "reasons",
]  # fmt: skip


def visible_organisation(request: HttpRequest, slug: str) -> ClusterOrganisation:
    """The organisation behind ``slug`` if the user may see it (else 404, hiding it)."""
    organisation = get_object_or_404(
        ClusterOrganisation.objects.select_related("region"), slug=slug
    )
    if not can(request.user, "clusters.view", organisation):
        raise Http404("No such cluster profile.")
    return organisation


def recommendations_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Partners for one profile under the settings of the query string (htmx: the table only)."""
    organisation = visible_organisation(request, slug)
    form = RecommendationSettingsForm(request.GET)
    rows: list[dict] = []
    if form.is_valid():
        settings, top = form.match_settings()
        rows = recommendation_rows(organisation=organisation, settings=settings, top=top)
    if wants_csv(request) and form.is_valid():
        return csv_response(
            f"partners-{organisation.slug}.csv",
            CSV_HEADER,
            (
                [
                    row["rank"],
                    row["organisation"].name,
                    row["organisation"].slug,
                    row["organisation"].region.code,
                    row["territory"].name if row["territory"] else "",
                    row["score"],
                    *(row[name] for name in COMPONENTS),
                    row["reasons"],
                ]
                for row in rows
            ),
        )
    context = {
        "organisation": organisation,
        "territory": organisation_territory(organisation=organisation),
        "form": form,
        "rows": rows,
        "notes": recommendation_notes() if rows else [],
        "query": request.GET.urlencode(),
    }
    template = (
        "collaboration/recommendations/_results.html"
        if getattr(request, "htmx", False)
        else "collaboration/recommendations/page.html"
    )
    return render(request, template, context, status=200 if form.is_valid() else 400)
