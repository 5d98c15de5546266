"""The network page: where the territories' opportunities and specialisations overlap."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusterdialogue.analytics.forms import DEFAULT_WEIGHT, years_text
from clusterdialogue.analytics.network import exports
from clusterdialogue.analytics.network.forms import DEFAULT_TOP, NetworkAnalyticsForm
from clusterdialogue.analytics.network.selectors import (
    KINDS,
    network_default_year,
    network_overlap,
    network_territory_analytics,
    network_years,
)
from clusterdialogue.analytics.region.selectors import network_territories
from clusterdialogue.analytics.selectors import analytics_category_names
from clusterdialogue.portal.exports import wants_csv


@require_GET
def network_analytics(request: HttpRequest) -> HttpResponse:
    """Where the territories' opportunities and specialisations overlap."""
    form = NetworkAnalyticsForm(request.GET)
    context: dict = {"form": form, "kinds": KINDS}
    if not form.is_valid():
        context["error"] = _("Check the address: %(errors)s.") % {"errors": form.error_text()}
        return render(request, "analytics/network.html", context, status=400)
    scheme = form.chosen_scheme
    territories = network_territories()
    years = network_years(territories=territories, scheme=scheme)
    year = form.value("year", None)
    if year is not None and year not in years:
        context["error"] = _(
            "The network's territories have no figures for %(year)s; years with figures: %(years)s."
        ) % {"year": year, "years": years_text(sorted(years))}
        return render(request, "analytics/network.html", context, status=400)
    year = year or network_default_year(territories=territories, scheme=scheme)
    weight = form.value("weight", DEFAULT_WEIGHT)
    top = form.value("top", DEFAULT_TOP)
    kind = form.value("kind", "")
    names = analytics_category_names(scheme=scheme, language=get_language() or "en")
    analytics = (
        network_territory_analytics(
            territories=territories, year=year, scheme=scheme, names=names, weight=weight, top=top
        )
        if year
        else []
    )
    rows = network_overlap(analytics=analytics, names=names)
    if kind:
        rows = [row for row in rows if row.kind == kind]
    directory = reverse("clusters:list")
    if wants_csv(request):
        return exports.network_csv(
            table=form.value("table", "overlap"),
            year=year,
            rows=rows,
            analytics=analytics,
            directory=request.build_absolute_uri(directory),
        )
    context.update(
        scheme=scheme,
        territories=territories,
        years=years,
        year=year,
        weight=weight,
        top=top,
        kind=kind,
        analytics=analytics,
        rows=rows,
        directory=directory,
    )
    return render(request, "analytics/network.html", context)
