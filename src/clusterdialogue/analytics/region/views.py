"""The region page: a region's industry space, opportunities, complexity over time and dynamics."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusterdialogue.analytics.forms import DEFAULT_WEIGHT, years_text
from clusterdialogue.analytics.region import charts, exports
from clusterdialogue.analytics.region.forms import RegionAnalyticsForm
from clusterdialogue.analytics.region.selectors import (
    eci_history,
    eci_table,
    network_territories,
    records,
    region_default_year,
    region_dynamics,
    region_opportunities,
    region_profile,
    region_summary,
)
from clusterdialogue.analytics.selectors import (
    analytics_category_names,
    analytics_industry_space,
    analytics_overview,
    analytics_region,
    analytics_result,
)
from clusterdialogue.portal.exports import wants_csv
from clusterdialogue.regions.models import Region


def _message(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    """The region page with a message instead of figures (no figures, or a bad parameter)."""
    return render(request, "analytics/region.html", context, status=status)


@require_GET
def region_analytics(request: HttpRequest, code: str) -> HttpResponse:
    """A region's industry space, opportunities, complexity over time and dynamics."""
    region = get_object_or_404(Region, code=code)
    form = RegionAnalyticsForm(request.GET)
    context: dict = {"region": region, "form": form}
    if not form.is_valid():
        context["error"] = _("Check the address: %(errors)s.") % {"errors": form.error_text()}
        return _message(request, context, status=400)
    scheme = form.chosen_scheme
    place = analytics_region(region=region, scheme=scheme)
    territories = network_territories()
    context.update(
        scheme=scheme,
        place=place,
        territory=next((t for t in territories if t.region_id == region.pk), None),
    )
    if place.data_code is None:
        return _message(request, context)
    overview = analytics_overview(scheme=scheme, level=place.level)
    year = form.value("year", None)
    if year is not None and year not in overview.years:
        context["error"] = _(
            "There are no figures for %(year)s at NUTS level %(level)s; years with figures: "
            "%(years)s. Choose one of these years."
        ) % {"year": year, "level": place.level, "years": years_text(overview.years)}
        return _message(request, context, status=400)
    year = year or region_default_year(place=place, overview=overview)
    context["year"] = year
    if year not in place.years:
        context["missing_year"] = True
        return _message(request, context)

    result = analytics_result(year=year, scheme=scheme, level=place.level)
    names = analytics_category_names(scheme=scheme, language=get_language() or "en")
    weight = form.value("weight", DEFAULT_WEIGHT)
    profile = region_profile(result=result, code=place.data_code, names=names)
    opportunities = region_opportunities(
        result=result, code=place.data_code, names=names, weight=weight
    )
    lines = eci_history(place=place, territories=territories, scheme=scheme)
    start = form.value("start", place.years[0] if place.years[0] < year else None)
    end = form.value("end", year)
    dynamics, dynamics_error = None, ""
    if start is None or start not in place.years or end not in place.years or start >= end:
        dynamics_error = _(
            "Choose a start year before the end year, both among the region's years: %(years)s."
        ) % {"years": years_text(place.years)}
    else:
        dynamics = region_dynamics(
            scheme=scheme, level=place.level, code=place.data_code, start=start, end=end,
            names=names,
        )  # fmt: skip

    if wants_csv(request):
        return exports.region_csv(
            table=form.value("table", "profile"),
            place=place,
            year=year,
            profile=profile,
            opportunities=opportunities,
            lines=lines,
            dynamics=dynamics,
            start=start,
            end=end,
        )
    space = analytics_industry_space(year=year, scheme=scheme, level=place.level)
    eci_years, eci_rows = eci_table(lines)
    context.update(
        query=urlencode(
            {"scheme": scheme, "year": year, "weight": weight, "start": start or "", "end": end}
        ),
        weight=weight,
        start=start,
        end=end,
        summary=region_summary(result=result, code=place.data_code),
        specialisations=records(profile[profile["specialised"] == 1]),
        opportunities=records(opportunities),
        eci_years=eci_years,
        eci_rows=eci_rows,
        dynamics=dynamics,
        dynamics_error=dynamics_error,
        entries=records(dynamics.entries) if dynamics else [],
        exits=records(dynamics.exits) if dynamics else [],
        space_chart=charts.industry_space_chart(
            space=space, profile=profile, opportunities=opportunities, region=region.name
        ),
        space_links=len(space.links),
        opportunities_chart=charts.opportunities_chart(opportunities),
        eci_chart=charts.eci_history_chart(lines),
        dynamics_chart=(
            charts.dynamics_chart(dynamics.network.by_decile, start=start, end=end)
            if dynamics
            else None
        ),
        regions_compared=len(result.eci.dropna()),
    )
    return render(request, "analytics/region.html", context)
