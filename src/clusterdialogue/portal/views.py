"""Public pages: home, map, region dashboards, category rankings and comparisons."""

from __future__ import annotations

import json

from django.core.cache import cache
from django.db import connection
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from clusterdialogue.portal import charts
from clusterdialogue.portal.exports import csv_response, wants_csv
from clusterdialogue.portal.forms import (
    LEVEL_CHOICES,
    CompareForm,
    MappingQueryForm,
    MapQueryForm,
)
from clusterdialogue.regions.models import Region, Territory
from clusterdialogue.regions.selectors import network_default, territory_list
from clusterdialogue.statistics import selectors as mapping
from clusterdialogue.statistics.models import Industry

TOP_SPECIALISATIONS = 15


def _mapping_context(
    request: HttpRequest, form_class=MappingQueryForm, level: int = 2, scheme: str | None = None
) -> dict:
    """Scheme, level and year from the query (else defaults), and the choices the form offers.

    ``scheme`` fixes the scheme (a category page belongs to the category's scheme).
    """
    form = form_class(request.GET or None)
    form.is_valid()
    scheme = scheme or form.cleaned_or_default("scheme", mapping.DEFAULT_SCHEME)
    level = form.cleaned_or_default("level", level)
    years = mapping.mapping_years(scheme=scheme)
    year = form.cleaned_or_default("year", None)
    return {
        "form": form,
        "scheme": scheme,
        "level": level,
        "year": year or mapping.mapping_default_year(scheme=scheme, level=level),
        "year_requested": year is not None,
        "years": years,
        "level_choices": LEVEL_CHOICES,
    }


ROLE_ORDER = {role: index for index, role in enumerate(Territory.Role.values)}


def _territories() -> list[Territory]:
    """The default network's territories: partners first, then associates and observers.

    (The role codes sort alphabetically with associates before partners.)
    """
    network = network_default()
    territories = territory_list(network=network) if network else []
    return sorted(territories, key=lambda t: (ROLE_ORDER.get(t.role, len(ROLE_ORDER)), t.name))


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    territories = _territories()
    return render(
        request,
        "portal/home.html",
        {
            "territories": territories,
            "territory_codes": [t.region.code for t in territories],
            "region_count": Region.objects.filter(geometry__isnull=False).count(),
            "default_year": mapping.mapping_default_year(),
        },
    )


@require_GET
def europe_map(request: HttpRequest) -> HttpResponse:
    context = _mapping_context(request, MapQueryForm)
    form = context["form"]
    categories = mapping.mapping_categories(scheme=context["scheme"])
    category = form.cleaned_or_default("category", "") or (
        "C29" if categories.filter(code="C29").exists() else getattr(categories.first(), "code", "")
    )
    context.update(
        categories=categories,
        category=category,
        measure=form.cleaned_or_default("measure", "lq"),
        territory_codes=[t.region.code for t in _territories()],
        language=get_language(),
    )
    return render(request, "portal/map.html", context)


def _geometries(level: int) -> list[tuple[str, str, dict]]:
    """Code, name and boundary of the regions of ``level``, cached while the regions stay the same.

    Not cached inside a transaction, whose reads may be rolled back.
    """

    def compute() -> list[tuple[str, str, dict]]:
        return list(
            Region.objects.filter(level=level, geometry__isnull=False).values_list(
                "code", "name", "geometry"
            )
        )

    if connection.in_atomic_block:
        return compute()
    last = Region.objects.aggregate(last=Max("id"))["last"]
    key = f"geometries:{level}:{Region.objects.count()}-{last}"
    features = cache.get(key)
    if features is None:
        features = compute()
        cache.set(key, features, 3600)
    return features


@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    """GeoJSON of one NUTS level coloured by a category's mapping in a year."""
    form = MapQueryForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    level = form.cleaned_or_default("level", 2)
    year = form.cleaned_or_default("year", mapping.mapping_default_year(level=level))
    category = form.cleaned_data.get("category") or "C29"
    values = mapping.mapping_map_values(category=category, year=year, level=level)
    features = [
        {
            "type": "Feature",
            "id": code,
            "geometry": geometry,
            "properties": {"code": code, "name": name, **values.get(code, {})},
        }
        for code, name, geometry in _geometries(level)
    ]
    shown = {f["id"] for f in features}
    return JsonResponse(
        {
            "type": "FeatureCollection",
            "features": features,
            "category": category,
            "year": year,
            "level": level,
            "not_on_map": sorted(v["data_code"] for c, v in values.items() if c not in shown),
        }
    )


@require_GET
def territories_geojson(request: HttpRequest) -> JsonResponse:
    """The network's territories as GeoJSON, for outlines on the maps."""
    features = [
        {
            "type": "Feature",
            "id": t.region.code,
            "geometry": t.region.geometry,
            "properties": {
                "code": t.region.code,
                "name": t.name,
                "role": t.get_role_display(),
                "url": t.region.get_absolute_url(),
            },
        }
        for t in _territories()
        if t.region.geometry
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_GET
def outlines_geojson(request: HttpRequest) -> JsonResponse:
    """Europe's country outlines (NUTS level 0), drawn in grey behind the coloured regions.

    No tile server is reachable offline, so these boundaries are the only base map.
    """
    features = [
        {
            "type": "Feature",
            "id": code,
            "geometry": geometry,
            "properties": {"code": code, "name": name},
        }
        for code, name, geometry in _geometries(0)
    ]
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["Cache-Control"] = "max-age=3600"
    return response


def _category_name(category: Industry) -> str:
    return category.name_in(get_language() or "en")


@require_GET
def region_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region, code=code)
    context = _mapping_context(request, level=region.level if region.level is not None else 2)
    scheme, year = context["scheme"], context["year"]
    data_region = mapping.region_data_code(region=region, scheme=scheme)
    years = mapping.mapping_region_years(code=data_region.data_code, scheme=scheme)
    if years and year not in years and not context["year_requested"]:
        # No figures in the network-wide default year: show the region's latest year instead.
        year = context["year"] = years[-1]
    results = list(mapping.mapping_for_region(code=data_region.data_code, scheme=scheme, year=year))
    # Growth is computed within one dataset of the series only: from the first year of the
    # period that holds the year shown (from 2021 on for sbs_r_nuts2021), never across a break.
    series = mapping.mapping_series(code=data_region.data_code, scheme=scheme)
    if series.periods:
        since = getattr(series.period_of(year), "start", None)
    else:  # results without a recorded dataset: one series, as far as is known
        since = years[0] if years else None
    start_year = since if since is not None and year and since < year else None
    try:
        growth = (
            mapping.mapping_growth(
                code=data_region.data_code, scheme=scheme, start_year=start_year, end_year=year
            )
            if start_year
            else {}
        )
    except mapping.SeriesBreakError:  # a year of unknown dataset between two known ones
        start_year, growth = None, {}
    rows = [
        {
            "result": r,
            "name": _category_name(r.category),
            "growth": growth.get(r.category.code),
        }
        for r in results
    ]
    if wants_csv(request):
        return csv_response(
            f"{region.code}_{scheme}_{year}.csv",
            ["region", "data_code", "year", "category", "category_name", "employment", "share",
             "lq", "lq_rank", "size_star", "specialisation_star", "focus_star", "stars",
             "strong", "significant", "employment_cagr_since", "employment_cagr", "source"],
            (
                [region.code, data_region.data_code, year, row["result"].category.code, row["name"],
                 row["result"].employment, row["result"].share, row["result"].lq,
                 row["result"].lq_rank, int(row["result"].size_star),
                 int(row["result"].specialisation_star), int(row["result"].focus_star),
                 row["result"].stars, row["result"].strong, row["result"].significant,
                 start_year, row["growth"], row["result"].source]
                for row in rows
            ),
        )  # fmt: skip
    top = rows[:TOP_SPECIALISATIONS]
    territories = _territories()
    comparison = charts.territory_comparison(
        territories=territories,
        categories=[row["result"].category for row in top[:10]],
        scheme=scheme,
        year=year,
    )
    context.update(
        region=region,
        data_region=data_region,
        rows=top,
        all_rows=rows,
        start_year=start_year,
        series_breaks=series.breaks,
        region_years=years,
        territory=next((t for t in territories if t.region_id == region.pk), None),
        sources=sorted({r.source for r in results}),
        profile_chart=charts.profile_chart(
            results, names={r.category.code: _category_name(r.category) for r in results}
        ),
        comparison=comparison,
        comparison_chart=charts.comparison_chart(comparison),
    )
    return render(request, "portal/region.html", context)


@require_GET
def category_view(request: HttpRequest, code: str) -> HttpResponse:
    category = get_object_or_404(Industry, code=code)
    context = _mapping_context(request, scheme=category.scheme)
    level, year = context["level"], context["year"]
    results = list(mapping.mapping_for_category(category=code, year=year, level=level))
    territories = _territories()
    data_regions = mapping.region_data_codes(
        regions=[t.region for t in territories], scheme=category.scheme
    )
    territory_by_data_code = {
        d.data_code: t for d, t in zip(data_regions, territories, strict=True)
    }
    if wants_csv(request):
        return csv_response(
            f"{code}_level{level}_{year}.csv",
            ["rank", "region", "region_name", "employment", "lq", "stars", "strong",
             "network_territory"],
            (
                [r.lq_rank, r.region.code, r.region.name, r.employment, r.lq, r.stars, r.strong,
                 getattr(territory_by_data_code.get(r.region.code), "name", "")]
                for r in results
            ),
        )  # fmt: skip
    context.update(
        category=category,
        category_name=_category_name(category),
        results=[(r, territory_by_data_code.get(r.region.code)) for r in results],
        ranking_chart=charts.ranking_chart(results, territory_by_data_code),
    )
    return render(request, "portal/category.html", context)


@require_GET
def categories(request: HttpRequest) -> HttpResponse:
    context = _mapping_context(request)
    context["categories"] = [
        (c, _category_name(c)) for c in mapping.mapping_categories(scheme=context["scheme"])
    ]
    return render(request, "portal/categories.html", context)


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET)
    valid = form.is_valid()
    scheme = (valid and form.cleaned_data.get("scheme")) or mapping.DEFAULT_SCHEME
    year = (valid and form.cleaned_data.get("year")) or mapping.mapping_default_year(scheme=scheme)
    territories = _territories()
    # Too many regions: the form says so, and the page shows the first six chosen.
    codes = form.codes[: CompareForm.MAX_REGIONS] or [
        t.region.code for t in territories[: CompareForm.MAX_REGIONS]
    ]
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in regions]
    if unknown:
        raise Http404(f"Unknown region code(s): {', '.join(unknown)}")
    table = charts.comparison_table(
        regions=[regions[c] for c in codes if c in regions], scheme=scheme, year=year
    )
    if wants_csv(request):
        return csv_response(
            f"comparison_{scheme}_{year}.csv",
            ["category", "category_name", *[f"lq_{r.code}" for r in table["regions"]]],
            ([row["code"], row["name"], *row["lq"]] for row in table["rows"]),
        )
    return render(
        request,
        "portal/compare.html",
        {
            "form": form,
            "scheme": scheme,
            "year": year,
            "years": mapping.mapping_years(scheme=scheme),
            "codes": codes,
            "table": table,
            "chart": charts.comparison_heatmap(table),
            "territories": territories,
            "all_regions": Region.objects.filter(level__in=[0, 1, 2], geometry__isnull=False)
            .only("code", "name")
            .order_by("code"),
            "max_regions": CompareForm.MAX_REGIONS,
        },
    )


def chart_json(figure: dict) -> str:
    return json.dumps(figure)
