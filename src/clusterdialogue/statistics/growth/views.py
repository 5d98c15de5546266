"""Statistics pages: employment growth and its shift-share decomposition for a region."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusterdialogue.portal.exports import csv_response, wants_csv
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics import selectors
from clusterdialogue.statistics.growth.forms import GrowthQueryForm
from clusterdialogue.statistics.growth.selectors import growth_rows, growth_totals, growth_years


@require_GET
def region_growth(request: HttpRequest, code: str) -> HttpResponse:
    """Where a region's employment grew or shrank, and why: national, industry-mix, regional."""
    region = get_object_or_404(Region, code=code)
    form = GrowthQueryForm(request.GET or None)
    scheme = form.value("scheme", selectors.DEFAULT_SCHEME)
    data = selectors.region_data_code(region=region, scheme=scheme)
    chosen = growth_years(
        code=data.data_code,
        scheme=scheme,
        start=form.value("start", None),
        end=form.value("end", None),
    )
    years, start, end = chosen.years, chosen.start, chosen.end
    error = form.errors.as_text() if form.is_bound and not form.is_valid() else ""
    if start is not None and end is not None and start >= end:
        error = _("The start year must be before the end year.")
    rows: list[dict] = []
    series_break = None
    if years and not error:
        try:
            rows = growth_rows(
                code=data.data_code,
                scheme=scheme,
                level=region.level if region.level is not None else 2,
                start=start,
                end=end,
                language=get_language() or "en",
            )
        except selectors.SeriesBreakError as refused:
            error, series_break = str(refused), refused.series_break
    if wants_csv(request):
        if series_break is not None:
            return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
        if not error:
            columns = ["category", "name", *selectors.SHIFT_SHARE_COLUMNS]
            return csv_response(
                f"{region.code}_shift_share_{start}_{end}.csv",
                ["region", "data_code", *columns],
                ([region.code, data.data_code, *[row[c] for c in columns]] for row in rows),
            )
    totals = growth_totals(rows)
    chart = {
        "data": [
            {
                "type": "bar",
                "name": label,
                "x": [row["category"] for row in rows],
                "y": [round(row[column], 1) for row in rows],
                "hovertext": [row["name"] for row in rows],
            }
            for column, label in (
                ("national_share", _("National share")),
                ("industry_mix", _("Industry mix")),
                ("regional_shift", _("Regional shift")),
            )
        ],
        "layout": {
            "title": {
                "text": _("Employment change %(start)s–%(end)s, decomposed")
                % {"start": start, "end": end}
            },
            "barmode": "relative",
            "template": "plotly_white",
            "margin": {"l": 60, "r": 20, "t": 50, "b": 100},
            "yaxis": {"title": _("persons employed")},
            "legend": {"orientation": "h", "y": 1.08},
        },
    }
    return render(
        request,
        "statistics/growth.html",
        {
            "region": region,
            "data_region": data,
            "scheme": scheme,
            "years": years,
            "start": start,
            "end": end,
            "rows": rows,
            "totals": totals,
            "chart": chart,
            "error": error,
            "series_break": series_break,
            "breaks": chosen.series.breaks,
            "growth_periods": chosen.series.growth_periods,
        },
        status=400 if series_break is not None else 200,
    )
