"""Tests of downloads and of data-file resolution (no network: file:// URLs and fakes)."""

from __future__ import annotations

import io
import urllib.error
import urllib.request

import pytest

from clusterdialogue.core.io import download
from clusterdialogue.core.io.download import (
    DATA_DIR_ENV,
    eurostat_url,
    fetch,
    gisco_url,
    resolve_data_file,
)
from clusterdialogue.core.io.errors import DataFileError


def offline(*args, **kwargs):
    raise urllib.error.URLError(OSError(-3, "Temporary failure in name resolution"))


class FakeResponse(io.BytesIO):
    def __init__(self, data: bytes, length: int | None = None) -> None:
        super().__init__(data)
        self.headers = {"Content-Length": str(length)} if length is not None else {}


def test_official_urls():
    assert eurostat_url("sbs_r_nuts06_r2") == (
        "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/sbs_r_nuts06_r2"
        "?format=TSV&compressed=true"
    )
    assert gisco_url(scale="20M", year=2016, level=3) == (
        "https://gisco-services.ec.europa.eu/distribution/v2/nuts/geojson/"
        "NUTS_RG_20M_2016_4326_LEVL_3.geojson"
    )
    with pytest.raises(ValueError, match="NUTS level"):
        gisco_url(level=4)


def test_fetch_file_url(tmp_path, capsys):
    source = tmp_path / "source.bin"
    source.write_bytes(bytes(range(256)) * 1000)
    dest = tmp_path / "cache" / "sub" / "copy.bin"
    assert fetch(source.as_uri(), dest) == dest
    assert dest.read_bytes() == source.read_bytes()
    assert not dest.with_name("copy.bin.part").exists()
    assert "downloading" in capsys.readouterr().err


def test_fetch_replaces_an_existing_file(tmp_path):
    source = tmp_path / "new.txt"
    source.write_text("new")
    dest = tmp_path / "dest.txt"
    dest.write_text("old")
    fetch(source.as_uri(), dest, progress=False)
    assert dest.read_text() == "new"


def test_fetch_offline_gives_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(urllib.request, "urlopen", offline)
    dest = tmp_path / "x.tsv.gz"
    url = eurostat_url("sbs_r_nuts06_r2")
    with pytest.raises(DataFileError) as info:
        fetch(url, dest, progress=False)
    message = str(info.value)
    assert f"could not download {url}" in message
    assert "Temporary failure in name resolution" in message
    assert f"set {DATA_DIR_ENV} to a local mirror" in message
    assert not dest.exists()
    assert not dest.with_name("x.tsv.gz.part").exists()


def test_fetch_http_error(tmp_path, monkeypatch):
    def not_found(request, timeout):
        raise urllib.error.HTTPError(request.full_url, 404, "Not Found", {}, None)

    monkeypatch.setattr(urllib.request, "urlopen", not_found)
    with pytest.raises(DataFileError, match="HTTP 404 Not Found"):
        fetch("https://example.org/missing", tmp_path / "m", progress=False)


def test_fetch_incomplete_transfer_keeps_the_old_file(tmp_path, monkeypatch):
    monkeypatch.setattr(
        urllib.request, "urlopen", lambda request, timeout: FakeResponse(b"abc", length=10)
    )
    dest = tmp_path / "data.bin"
    dest.write_bytes(b"previous complete file")
    with pytest.raises(DataFileError, match="received 3 of 10 bytes"):
        fetch("https://example.org/data.bin", dest, progress=True)
    assert dest.read_bytes() == b"previous complete file"
    assert not dest.with_name("data.bin.part").exists()


def test_fetch_reports_progress(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(
        urllib.request, "urlopen", lambda request, timeout: FakeResponse(b"x" * 10, length=10)
    )
    fetch("https://example.org/d", tmp_path / "d", progress=True)
    assert "(100 %)" in capsys.readouterr().err


def test_fetch_unknown_scheme(tmp_path):
    with pytest.raises(DataFileError, match="could not download"):
        fetch("nonsense://x", tmp_path / "x", progress=False)


def test_resolve_prefers_the_mirror(tmp_path, monkeypatch):
    monkeypatch.setattr(urllib.request, "urlopen", offline)
    mirror = tmp_path / "mirror"
    (mirror / "eurostat").mkdir(parents=True)
    (mirror / "eurostat" / "a.tsv").write_text("mirror")
    found = resolve_data_file(
        "eurostat/a.tsv", data_dir=mirror, url="https://x/a", cache_dir=tmp_path / "cache"
    )
    assert found == mirror / "eurostat" / "a.tsv"


def test_resolve_downloads_once_then_reuses_the_cache(tmp_path, monkeypatch):
    source = tmp_path / "official.geojson"
    source.write_text("{}")
    cache = tmp_path / "cache"
    first = resolve_data_file(
        "nuts/n.geojson", data_dir=tmp_path / "empty-mirror", url=source.as_uri(), cache_dir=cache
    )
    assert first == cache / "nuts" / "n.geojson"
    assert first.read_text() == "{}"
    monkeypatch.setattr(urllib.request, "urlopen", offline)  # a second call must not download
    again = resolve_data_file("nuts/n.geojson", data_dir=None, url="https://x", cache_dir=cache)
    assert again == first


def test_resolve_offline_without_mirror(tmp_path, monkeypatch):
    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(DataFileError, match="set CLUSTERDIALOGUE_DATA_DIR to a local mirror"):
        resolve_data_file("e/x.tsv", data_dir=None, url="https://x", cache_dir=tmp_path)


def test_resolve_without_url(tmp_path):
    with pytest.raises(DataFileError, match="no download address") as info:
        resolve_data_file("nace/titles.csv", data_dir=tmp_path, url=None, cache_dir=tmp_path)
    assert info.value.file == "nace/titles.csv"


@pytest.mark.parametrize("relative", ["../secret", "/etc/passwd", "", "a/../../b"])
def test_resolve_rejects_paths_outside_the_data_dir(tmp_path, relative):
    with pytest.raises(ValueError, match="inside the data directory"):
        resolve_data_file(relative, data_dir=tmp_path, url=None, cache_dir=tmp_path)


def test_module_exports():
    assert set(download.__all__) >= {"fetch", "resolve_data_file", "eurostat_url", "gisco_url"}
