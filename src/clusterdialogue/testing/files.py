"""Files the tests hand to readers, imports and commands: written once, the same way."""

from __future__ import annotations

import gzip
from pathlib import Path


def write_file(path: Path, data: str | bytes, *, gz: bool = False) -> Path:
    """Write ``data`` (text as UTF-8) to ``path``, gzip-compressed when ``gz``; return ``path``.

    Bytes are written as they are, for the tests of other encodings and of damaged files.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.write_bytes(gzip.compress(raw) if gz else raw)
    return path


def write_gisco_geojson(
    path: Path, features: list[tuple[str, int, str]], *, ring: list[list[float]] | None = None
) -> Path:
    """Write a GISCO NUTS GeoJSON file (``NUTS_RG_20M_<year>_4326_LEVL_<n>.geojson`` layout).

    ``features`` are ``(NUTS_ID, LEVL_CODE, NUTS_NAME)``; the properties are those of the GISCO
    2021 and 2024 files (``NUTS_ID, LEVL_CODE, CNTR_CODE, NAME_LATN, NUTS_NAME, MOUNT_TYPE,
    URBN_TYPE, COAST_TYPE``), each feature also carrying its ``id`` as GISCO writes it.
    """
    import json

    ring = ring or [[15.0, 45.0], [16.0, 45.0], [16.0, 46.0], [15.0, 45.0]]
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}},
        "features": [
            {
                "type": "Feature",
                "id": code,
                "properties": {
                    "NUTS_ID": code,
                    "LEVL_CODE": level,
                    "CNTR_CODE": code[:2],
                    "NAME_LATN": name,
                    "NUTS_NAME": name,
                    "MOUNT_TYPE": 0,
                    "URBN_TYPE": 0,
                    "COAST_TYPE": 0,
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            for code, level, name in features
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path
