"""Tests of the GISCO NUTS GeoJSON reader and of geometry simplification."""

from __future__ import annotations

import copy
import io
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.io.gisco import NutsFeature, read_nuts_geojson, simplify_geometry
from clusterdialogue.testing.files import write_file

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def feature(code: str = "ES51", level: int | object = 2, **props: object) -> dict:
    properties = {"NUTS_ID": code, "NUTS_NAME": "Cataluña", "LEVL_CODE": level, "CNTR_CODE": "ES"}
    properties.update(props)
    return {"type": "Feature", "properties": properties, "geometry": copy.deepcopy(SQUARE)}


def collection(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def write(tmp_path: Path, doc: object, *, gz: bool = False, name: str = "nuts.geojson") -> Path:
    return write_file(tmp_path / name, json.dumps(doc, ensure_ascii=False, indent=1), gz=gz)


def test_reads_features(tmp_path):
    doc = collection(
        feature(MOUNT_TYPE=4, URBN_TYPE=1, COAST_TYPE=3),
        feature("ITC4", NUTS_NAME="Lombardia", CNTR_CODE="IT"),
    )
    first, second = read_nuts_geojson(write(tmp_path, doc))
    assert first == NutsFeature(
        code="ES51",
        name="Cataluña",
        level=2,
        country_code="ES",
        geometry=SQUARE,
        latin_name=None,
        mount_type=4,
        urbn_type=1,
        coast_type=3,
    )
    assert second.code == "ITC4"
    assert second.mount_type is None and second.urbn_type is None and second.coast_type is None


def test_typology_zero_means_not_classified(tmp_path):
    [nuts] = read_nuts_geojson(write(tmp_path, collection(feature(MOUNT_TYPE=0, COAST_TYPE=0))))
    assert nuts.mount_type is None
    assert nuts.coast_type is None


def test_prefers_nuts_name_and_keeps_latin_name(tmp_path):
    doc = collection(feature("EL30", NUTS_NAME="Αττική", NAME_LATN="Attiki", CNTR_CODE="EL"))
    [nuts] = read_nuts_geojson(write(tmp_path, doc))
    assert nuts.name == "Αττική"
    assert nuts.latin_name == "Attiki"


def test_official_download_with_only_name_latn(tmp_path):
    props = feature("EL30", CNTR_CODE="EL")
    del props["properties"]["NUTS_NAME"]
    props["properties"]["NAME_LATN"] = "Attiki"
    [nuts] = read_nuts_geojson(write(tmp_path, collection(props)))
    assert nuts.name == "Attiki"
    assert nuts.latin_name == "Attiki"


def test_country_code_defaults_to_code_prefix_and_level_may_be_a_string(tmp_path):
    props = feature("DE1", level="1")
    del props["properties"]["CNTR_CODE"]
    [nuts] = read_nuts_geojson(write(tmp_path, collection(props)))
    assert nuts.country_code == "DE"
    assert nuts.level == 1


def test_gzip_and_stream(tmp_path):
    doc = collection(feature())
    packed = read_nuts_geojson(write(tmp_path, doc, gz=True, name="x.geojson"))
    stream = read_nuts_geojson(io.BytesIO(json.dumps(doc).encode()), name="upload.geojson")
    assert packed == stream


def bad_feature(**changes: object) -> dict:
    f = feature()
    for key, value in changes.items():
        if key == "geometry":
            f["geometry"] = value
        elif value is None:
            f["properties"].pop(key, None)
        else:
            f["properties"][key] = value
    return f


@pytest.mark.parametrize(
    ("doc", "field", "fragment"),
    [
        ([1, 2], "type", "expected a GeoJSON FeatureCollection but found 'list'"),
        (feature(), "type", "found 'Feature'"),
        ({"type": "FeatureCollection"}, "features", "no 'features' list"),
        (collection(feature("ES52"), {"type": "Feature"}), "properties", "feature 1 is not"),
        (collection(feature("ES52"), bad_feature(NUTS_ID=None)), "NUTS_ID", "feature 1 has no"),
        (collection(bad_feature(NUTS_ID=" ")), "NUTS_ID", "feature 0 has no NUTS_ID"),
        (collection(bad_feature(LEVL_CODE="x")), "LEVL_CODE", "LEVL_CODE 'x' is not"),
        (collection(bad_feature(LEVL_CODE=5)), "LEVL_CODE", "feature 0 (NUTS_ID 'ES51'): LEVL"),
        (collection(bad_feature(LEVL_CODE=None)), "LEVL_CODE", "None is not a NUTS level"),
        (collection(bad_feature(LEVL_CODE=True)), "LEVL_CODE", "True is not a NUTS level"),
        (collection(bad_feature(LEVL_CODE=3)), "LEVL_CODE", "level-3 code has 5 characters"),
        (collection(bad_feature(NUTS_NAME=None)), "NUTS_NAME", "neither NUTS_NAME nor NAME_LATN"),
        (collection(bad_feature(MOUNT_TYPE="high")), "MOUNT_TYPE", "is not an integer"),
        (collection(bad_feature(geometry=None)), "geometry", "found None"),
        (
            collection(bad_feature(geometry={"type": "Point", "coordinates": [1, 2]})),
            "geometry",
            "found 'Point'",
        ),
        (
            collection(feature(), feature("ES52"), feature()),
            "NUTS_ID",
            "feature 2: NUTS_ID 'ES51' already appeared in feature 0",
        ),
    ],
)
def test_errors_name_the_feature(tmp_path, doc, field, fragment):
    path = write(tmp_path, doc, name="bad.geojson")
    with pytest.raises(DataFileError) as info:
        read_nuts_geojson(path)
    assert info.value.file == str(path)
    assert info.value.field == field
    assert fragment in info.value.message


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n  {"type": ,}\n]}')
    with pytest.raises(DataFileError, match="not valid JSON") as info:
        read_nuts_geojson(path)
    assert info.value.line == 3


@pytest.mark.parametrize("content", [b"", b"  \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.geojson"
    path.write_bytes(content)
    with pytest.raises(DataFileError, match="empty"):
        read_nuts_geojson(path)


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        read_nuts_geojson(tmp_path / "none.geojson")


# --- simplify_geometry -----------------------------------------------------------------------


def test_simplify_rounds_and_is_pure():
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [[[[0.12345, 1.98765], [1.0004, 0.0], [1.0, 1.0], [0.12345, 1.98765]]]],
        "bbox": [0.12345, 0.0, 1.0004, 1.98765],
    }
    before = copy.deepcopy(geometry)
    result = simplify_geometry(geometry, digits=2)
    assert geometry == before
    assert result == {
        "type": "MultiPolygon",
        "coordinates": [[[[0.12, 1.99], [1.0, 0.0], [1.0, 1.0], [0.12, 1.99]]]],
        "bbox": [0.12, 0.0, 1.0, 1.99],
    }


def test_simplify_drops_repeated_points_but_keeps_valid_rings():
    ring = [[0.0, 0.0], [0.0001, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
    result = simplify_geometry({"type": "Polygon", "coordinates": [ring]}, digits=2)
    assert result["coordinates"] == [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]
    tiny = [[0.0, 0.0], [0.0001, 0.0], [0.0001, 0.0001], [0.0, 0.0]]
    kept = simplify_geometry({"type": "Polygon", "coordinates": [tiny]}, digits=2)
    assert len(kept["coordinates"][0]) == 4  # not reduced below a valid ring


def test_simplify_other_types_and_negative_zero():
    collection_ = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Point", "coordinates": [-0.0001, 2.5]},
            {"type": "LineString", "coordinates": [[0, 0], [0.0001, 0], [1, 1]]},
            {"type": "MultiPoint", "coordinates": [[1.23456, 2.0]]},
            {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]]]},
        ],
    }
    result = simplify_geometry(collection_, digits=3)
    point, line, multipoint, multiline = result["geometries"]
    assert json.dumps(point["coordinates"]) == "[0.0, 2.5]"
    assert line["coordinates"] == [[0.0, 0.0], [1.0, 1.0]]
    assert multipoint["coordinates"] == [[1.235, 2.0]]
    assert multiline["coordinates"] == [[[0.0, 0.0], [1.0, 1.0]]]


@pytest.mark.parametrize("digits", [-1, 1.5, True])
def test_simplify_rejects_bad_digits(digits):
    with pytest.raises(ValueError, match="digits"):
        simplify_geometry(SQUARE, digits=digits)


def test_simplify_rejects_unknown_types():
    with pytest.raises(ValueError, match="unknown GeoJSON geometry type 'Circle'"):
        simplify_geometry({"type": "Circle", "coordinates": [0, 0]})


coordinate = st.floats(-180, 180, allow_nan=False)


@given(
    points=st.lists(st.tuples(coordinate, coordinate), min_size=3, max_size=30),
    digits=st.integers(0, 6),
)
def test_simplify_property(points, digits):
    ring = [list(p) for p in points] + [list(points[0])]
    result = simplify_geometry({"type": "Polygon", "coordinates": [ring]}, digits=digits)
    [out] = result["coordinates"]
    expected = [[round(x, digits) + 0.0, round(y, digits) + 0.0] for x, y in ring]
    assert out[0] == expected[0] and out[-1] == expected[-1]  # still closed
    assert all(p in expected for p in out)
    assert len(out) >= min(4, len(ring))
    assert all(a != b for a, b in itertools.pairwise(out)) or out == expected


# --- the real files --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("NUTS_RG_20M_2016_4326_LEVL_0.geojson", 37),
        ("NUTS_RG_20M_2016_4326_LEVL_1.geojson", 125),
        ("NUTS_RG_20M_2016_4326_LEVL_2.geojson", 332),
        ("NUTS_RG_20M_2016_4326_LEVL_3.geojson", 1522),
        ("NUTS_RG_60M_2016_4326_LEVL_2.geojson", 332),
    ],
)
def test_real_nuts_files(data_file, name, count):
    features = read_nuts_geojson(data_file(f"nuts/{name}"))
    assert len(features) == count
    level = int(name[-9])
    assert {f.level for f in features} == {level}
    assert all(len(f.code) == level + 2 for f in features)


@pytest.mark.slow
def test_real_level_2_regions_of_the_four_motors(data_file):
    path = data_file("nuts/NUTS_RG_20M_2016_4326_LEVL_2.geojson")
    by_code = {f.code: f for f in read_nuts_geojson(path)}
    assert by_code["ES51"].name == "Cataluña"
    assert by_code["ITC4"].name == "Lombardia"
    assert by_code["FRK2"].name == "Rhône-Alpes"
    assert by_code["DE11"].name == "Stuttgart"
    assert by_code["UKL1"].country_code == "UK"
    assert by_code["EL30"].country_code == "EL"
    size = len(json.dumps([f.geometry for f in by_code.values()]))
    small = len(json.dumps([simplify_geometry(f.geometry) for f in by_code.values()]))
    assert small < 0.9 * size


@pytest.mark.slow
def test_real_level_3_typologies(data_file):
    features = read_nuts_geojson(data_file("nuts/NUTS_RG_20M_2016_4326_LEVL_3.geojson"))
    assert {f.urbn_type for f in features} == {1, 2, 3}
    assert {f.mount_type for f in features} == {None, 1, 2, 3, 4}
