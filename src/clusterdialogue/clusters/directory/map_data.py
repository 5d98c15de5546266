"""Where the directory map puts each organisation: its own coordinates, else its region's centre."""

from __future__ import annotations

from itertools import pairwise

from django.core.cache import cache
from django.db.models import QuerySet

from clusterdialogue.regions.models import Region

CENTROID_CACHE_SECONDS = 24 * 3600  # boundaries change with a NUTS version, not daily


def _ring_centroid(ring: list) -> tuple[float, float, float]:
    """Signed area and centroid (x, y) of a closed ring of [x, y] points (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area, cx / (6 * area), cy / (6 * area)


def geometry_centroid(geometry: dict | None) -> tuple[float, float] | None:
    """``(latitude, longitude)`` of the centre of a GeoJSON Polygon or MultiPolygon.

    A MultiPolygon's centre is that of its largest part, so that islands do not pull the marker
    into the sea.

    Examples
    --------
    >>> ring = [[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]
    >>> geometry_centroid({"type": "Polygon", "coordinates": [ring]})
    (1.0, 2.0)
    """
    if not geometry or not geometry.get("coordinates"):
        return None
    if geometry.get("type") == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry.get("type") == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return None
    outer_rings = [polygon[0] for polygon in polygons if polygon and len(polygon[0]) >= 3]
    if not outer_rings:
        return None
    _area, x, y = max((_ring_centroid(ring) for ring in outer_rings), key=lambda c: abs(c[0]))
    return round(y, 5), round(x, 5)


def region_centroids(*, region_ids: set[int]) -> dict[int, tuple[float, float]]:
    """Centres of the regions ``region_ids``, computed once and then served from the cache."""
    keys = {f"clusters:region-centroid:{pk}": pk for pk in region_ids}
    cached = cache.get_many(list(keys))
    centroids = {keys[key]: value for key, value in cached.items() if value}
    missing = region_ids - set(centroids) - {keys[key] for key in cached}
    if missing:
        computed = {
            pk: geometry_centroid(geometry)
            for pk, geometry in Region.objects.filter(pk__in=missing).values_list("pk", "geometry")
        }
        # A region without a geometry is cached too (as an empty value): it will not get one soon.
        cache.set_many(
            {f"clusters:region-centroid:{pk}": value or () for pk, value in computed.items()},
            CENTROID_CACHE_SECONDS,
        )
        centroids.update({pk: value for pk, value in computed.items() if value})
    return centroids


def directory_map_features(*, queryset: QuerySet) -> dict:
    """A GeoJSON FeatureCollection with one point per organisation of ``queryset``.

    The point is the organisation's own latitude/longitude when set (``located: "address"``),
    else its region's centre (``located: "region"``); organisations with neither are counted in
    ``unmapped``.
    """
    rows = list(
        queryset.order_by().values_list(
            "slug", "name", "acronym", "city", "latitude", "longitude", "region_id",
            "region__code", "region__name",
        )
    )  # fmt: skip
    centroids = region_centroids(
        region_ids={row[6] for row in rows if row[4] is None or row[5] is None}
    )
    features, unmapped = [], 0
    for slug, name, acronym, city, lat, lng, region_id, region_code, region_name in rows:
        located = "address"
        if lat is None or lng is None:
            located = "region"
            lat, lng = centroids.get(region_id, (None, None))
        if lat is None:
            unmapped += 1
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lng, lat]},
                "properties": {
                    "slug": slug,
                    "name": name,
                    "acronym": acronym,
                    "city": city,
                    "region": f"{region_code} {region_name}",
                    "located": located,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features, "unmapped": unmapped}
