"""Read GISCO NUTS region boundaries (GeoJSON) and shrink them for web maps.

GISCO, Eurostat's geographic service, publishes the NUTS regions as GeoJSON
FeatureCollections, one file per level, scale and year, e.g.
``NUTS_RG_20M_2016_4326_LEVL_2.geojson`` (1:20 million, NUTS 2016, WGS 84 longitude/latitude).
Each feature has the properties ``NUTS_ID``, ``LEVL_CODE``, ``CNTR_CODE``, the name in the
national language and script (``NUTS_NAME``), often its Latin transliteration (``NAME_LATN``),
and in some files the typologies ``MOUNT_TYPE``, ``URBN_TYPE`` and ``COAST_TYPE``.

Attribution required: © EuroGeographics for the administrative boundaries (GISCO - Eurostat).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from clusterdialogue.core.io._common import decode_text, read_bytes, source_name
from clusterdialogue.core.io.errors import DataFileError

__all__ = ["NutsFeature", "read_nuts_geojson", "simplify_geometry"]

_GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
_TYPOLOGIES = ("MOUNT_TYPE", "URBN_TYPE", "COAST_TYPE")


@dataclass(frozen=True)
class NutsFeature:
    """One NUTS region read from a GISCO GeoJSON file.

    Attributes
    ----------
    code : str
        The NUTS code (``NUTS_ID``), e.g. ``"DE11"``.
    name : str
        The name in the national language and script (``NUTS_NAME``, or ``NAME_LATN`` when
        the file has no ``NUTS_NAME``).
    level : int
        The NUTS level, 0 (country) to 3.
    country_code : str
        ``CNTR_CODE`` (``"EL"`` for Greece, ``"UK"`` for the United Kingdom).
    geometry : dict
        The GeoJSON Polygon or MultiPolygon, longitude/latitude.
    latin_name : str or None
        ``NAME_LATN`` when present.
    mount_type, urbn_type, coast_type : int or None
        GISCO's mountain (1-3 mountain, 4 not), urban-rural (1 predominantly urban,
        2 intermediate, 3 predominantly rural) and coastal (1, 2 coastal, 3 not) typologies.
        None when the file lacks them or gives 0, GISCO's code for "not classified" (all
        regions of levels 0 to 2 in the 2016 files).
    """

    code: str
    name: str
    level: int
    country_code: str
    geometry: dict[str, Any] = field(repr=False)
    latin_name: str | None = None
    mount_type: int | None = None
    urbn_type: int | None = None
    coast_type: int | None = None


def read_nuts_geojson(
    source: str | Path | BinaryIO, *, name: str | None = None
) -> list[NutsFeature]:
    """Read a GISCO NUTS GeoJSON file (gzip-compressed or not).

    Parameters
    ----------
    source : str, Path or binary file object
        The GeoJSON FeatureCollection.
    name : str, optional
        The name used in error messages; defaults to the path or the stream's ``name``.

    Returns
    -------
    list of NutsFeature
        In file order.

    Raises
    ------
    DataFileError
        When the file is missing, is not JSON, is not a FeatureCollection, or a feature has
        no ``NUTS_ID``, no name, a bad ``LEVL_CODE`` (an integer 0-3 that matches the length
        of the code), a repeated ``NUTS_ID`` or a geometry other than a (Multi)Polygon.
        Features are named as "feature N" with N the 0-based position in ``features``.

    Examples
    --------
    >>> import io, json
    >>> ring = [[0, 40], [3, 42], [1, 42], [0, 40]]
    >>> fc = {"type": "FeatureCollection", "features": [{"type": "Feature",
    ...     "properties": {"NUTS_ID": "ES51", "NUTS_NAME": "Cataluña", "LEVL_CODE": 2,
    ...                    "CNTR_CODE": "ES"},
    ...     "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    >>> [f] = read_nuts_geojson(io.BytesIO(json.dumps(fc).encode()))
    >>> f
    NutsFeature(code='ES51', name='Cataluña', level=2, country_code='ES', latin_name=None, \
mount_type=None, urbn_type=None, coast_type=None)
    """
    fname = source_name(source, name)
    text = decode_text(read_bytes(source, fname), fname)
    if not text.strip():
        raise DataFileError(fname, "the file is empty; download it again")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            fname,
            f"this is not valid JSON ({exc.msg}, column {exc.colno}); download the file again",
            line=exc.lineno,
        ) from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        found = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise DataFileError(
            fname,
            f"expected a GeoJSON FeatureCollection but found {found!r}; use the GISCO NUTS "
            "GeoJSON download (NUTS_RG_..._LEVL_n.geojson)",
            field="type",
        )
    features = doc.get("features")
    if not isinstance(features, list):
        raise DataFileError(fname, "the FeatureCollection has no 'features' list", field="features")
    result: list[NutsFeature] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(features):
        nuts = _read_feature(feature, index, fname)
        if nuts.code in seen:
            raise DataFileError(
                fname,
                f"feature {index}: NUTS_ID {nuts.code!r} already appeared in feature "
                f"{seen[nuts.code]}; each region may appear only once",
                field="NUTS_ID",
            )
        seen[nuts.code] = index
        result.append(nuts)
    return result


def _read_feature(feature: object, index: int, fname: str) -> NutsFeature:
    where = f"feature {index}"
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        raise DataFileError(
            fname,
            f"{where} is not a GeoJSON Feature with a 'properties' object",
            field="properties",
        )
    props: dict[str, Any] = feature["properties"]
    code = props.get("NUTS_ID")
    if not isinstance(code, str) or not code.strip():
        raise DataFileError(
            fname,
            f"{where} has no NUTS_ID; every feature needs its NUTS code, e.g. 'DE11'",
            field="NUTS_ID",
        )
    code = code.strip()
    where = f"{where} (NUTS_ID {code!r})"

    level = _read_level(props.get("LEVL_CODE"))
    if level is None:
        raise DataFileError(
            fname,
            f"{where}: LEVL_CODE {props.get('LEVL_CODE')!r} is not a NUTS level; it must be "
            "an integer 0, 1, 2 or 3",
            field="LEVL_CODE",
        )
    if len(code) != level + 2:
        raise DataFileError(
            fname,
            f"{where}: LEVL_CODE is {level} but a level-{level} code has {level + 2} "
            f"characters; fix LEVL_CODE or NUTS_ID",
            field="LEVL_CODE",
        )

    nuts_name = _text(props.get("NUTS_NAME"))
    latin_name = _text(props.get("NAME_LATN"))
    display_name = nuts_name or latin_name
    if display_name is None:
        raise DataFileError(
            fname, f"{where} has neither NUTS_NAME nor NAME_LATN", field="NUTS_NAME"
        )
    country = _text(props.get("CNTR_CODE")) or code[:2]

    geometry = feature.get("geometry")
    if (
        not isinstance(geometry, dict)
        or geometry.get("type") not in _GEOMETRY_TYPES
        or not isinstance(geometry.get("coordinates"), list)
    ):
        found = geometry.get("type") if isinstance(geometry, dict) else geometry
        raise DataFileError(
            fname,
            f"{where}: the geometry must be a Polygon or MultiPolygon with coordinates, "
            f"found {found!r}",
            field="geometry",
        )

    typologies: dict[str, int | None] = {}
    for key in _TYPOLOGIES:
        raw = props.get(key)
        value = _read_int(raw)
        if raw is not None and value is None:
            raise DataFileError(fname, f"{where}: {key} {raw!r} is not an integer", field=key)
        typologies[key.lower()] = value or None  # 0 = not classified

    return NutsFeature(
        code=code,
        name=display_name,
        level=level,
        country_code=country,
        geometry=geometry,
        latin_name=latin_name,
        **typologies,
    )


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _read_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _read_level(value: object) -> int | None:
    level = _read_int(value)
    if level is None or not 0 <= level <= 3:
        return None
    return level


def simplify_geometry(geometry: dict[str, Any], *, digits: int = 3) -> dict[str, Any]:
    """Round the coordinates of a GeoJSON geometry to shrink a map payload.

    Three decimals of a degree are about 100 m, plenty for a regional choropleth. Points that
    become identical to their predecessor after rounding are dropped, unless that would leave
    a ring with fewer than 4 positions or a line with fewer than 2. The input is not changed.

    Parameters
    ----------
    geometry : dict
        A GeoJSON geometry (Point, MultiPoint, LineString, MultiLineString, Polygon,
        MultiPolygon or GeometryCollection).
    digits : int, default 3
        Decimals to keep (0 or more).

    Returns
    -------
    dict
        A new geometry; other keys (such as ``bbox``, rounded too) are kept.

    Raises
    ------
    ValueError
        When ``digits`` is negative or the geometry type is unknown.

    Examples
    --------
    >>> simplify_geometry({"type": "Point", "coordinates": [2.123456, 41.987654]})
    {'type': 'Point', 'coordinates': [2.123, 41.988]}
    >>> ring = [[0.0, 0.0], [1.00001, 0.0], [1.00002, 0.0], [1.0, 1.0], [0.0, 0.0]]
    >>> simplify_geometry({"type": "Polygon", "coordinates": [ring]}, digits=2)["coordinates"]
    [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]
    """
    if not isinstance(digits, int) or isinstance(digits, bool) or digits < 0:
        raise ValueError(f"digits must be an integer >= 0, not {digits!r}")
    kind = geometry.get("type")
    result = {k: v for k, v in geometry.items() if k not in ("coordinates", "geometries")}
    if "bbox" in geometry:
        result["bbox"] = [_round(v, digits) for v in geometry["bbox"]]
    if kind == "GeometryCollection":
        result["geometries"] = [
            simplify_geometry(g, digits=digits) for g in geometry.get("geometries", [])
        ]
        return result
    coords = geometry.get("coordinates")
    if kind == "Point":
        result["coordinates"] = _position(coords, digits)
    elif kind == "MultiPoint":
        result["coordinates"] = [_position(p, digits) for p in coords]
    elif kind == "LineString":
        result["coordinates"] = _path(coords, digits, 2)
    elif kind == "MultiLineString":
        result["coordinates"] = [_path(line, digits, 2) for line in coords]
    elif kind == "Polygon":
        result["coordinates"] = [_path(ring, digits, 4) for ring in coords]
    elif kind == "MultiPolygon":
        result["coordinates"] = [[_path(ring, digits, 4) for ring in poly] for poly in coords]
    else:
        raise ValueError(f"unknown GeoJSON geometry type {kind!r}")
    return result


def _round(value: float, digits: int) -> float:
    # Adding 0.0 turns -0.0 into 0.0, so "-0.0" never reaches the JSON payload.
    return round(float(value), digits) + 0.0


def _position(position: list[float], digits: int) -> list[float]:
    return [_round(v, digits) for v in position]


def _path(points: list[list[float]], digits: int, minimum: int) -> list[list[float]]:
    rounded = [_position(p, digits) for p in points]
    deduplicated = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    return deduplicated if len(deduplicated) >= minimum else rounded
