"""The public directory page (/clusters/): search, filters with counts, map and table."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from clusterdialogue.clusters.directory.filters import ClusterOrganisationFilterSet
from clusterdialogue.clusters.directory.map_data import directory_map_features
from clusterdialogue.clusters.directory.selectors import directory_facets
from clusterdialogue.clusters.search import cluster_search_results
from clusterdialogue.clusters.selectors import directory_queryset, territory_region_codes
from clusterdialogue.regions.selectors import network_default, territory_list

PAGE_SIZE = 50
EXPORT_FORMATS = ("csv", "xlsx", "json")


def directory_filtered(request: HttpRequest) -> tuple[ClusterOrganisationFilterSet, object]:
    """The filter set of the request's query string over what the user may see, and its list."""
    filterset = ClusterOrganisationFilterSet(
        request.GET or None, queryset=directory_queryset(user=request.user)
    )
    return filterset, filterset.qs


def _export_url(format: str) -> str:
    """The address of the directory's download in ``format`` (a view of the transfer feature)."""
    return reverse("clusters:export", kwargs={"format": format})


def _territory_names() -> list[tuple[str, str]]:
    """(region code prefix, territory name), longest prefix first, for the table's column."""
    network = network_default()
    if network is None:
        return []
    prefixes = [
        (code, territory.name)
        for territory in territory_list(network=network)
        for code in territory_region_codes(territory=territory)
    ]
    return sorted(prefixes, key=lambda pair: -len(pair[0]))


def _query_string(request: HttpRequest, *, without: tuple[str, ...] = ("page",)) -> str:
    params = request.GET.copy()
    for name in without:
        params.pop(name, None)
    return params.urlencode()


@require_GET
def directory_list(request: HttpRequest) -> HttpResponse:
    """The directory: one filtered list shown as counts, a table and (via map.json) a map."""
    filterset, queryset = directory_filtered(request)
    query = filterset.form.cleaned_data.get("q", "") if filterset.is_bound else ""
    page_queryset = queryset.prefetch_related("sectors", "labels")
    results = (
        cluster_search_results(query=query, queryset=page_queryset)
        if query
        else page_queryset.order_by("name", "pk")
    )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    territories = _territory_names()
    for organisation in page.object_list:
        organisation.territory_name = next(
            (name for code, name in territories if organisation.region.code.startswith(code)), ""
        )
    query_string = _query_string(request)
    context = {
        "filterset": filterset,
        "query": query,
        "page": page,
        "facets": directory_facets(queryset=queryset, selected=request.GET.dict()),
        "query_string": query_string,
        "export_links": [(f, f"{_export_url(f)}?{query_string}") for f in EXPORT_FORMATS],
    }
    if request.htmx:
        return render(request, "clusters/directory/_results.html", context)
    return render(request, "clusters/directory/list.html", context)


@require_GET
def directory_map_data(request: HttpRequest) -> JsonResponse:
    """The map's points (GeoJSON) for the same query string as the list."""
    _, queryset = directory_filtered(request)
    return JsonResponse(directory_map_features(queryset=queryset))
