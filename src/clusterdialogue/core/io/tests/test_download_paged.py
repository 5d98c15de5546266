"""Tests of the Eurostat download in parts (SDMX 2.1 keys paged by nace_r2), against a local
``file://`` mirror with the official URL layout, and of the joining of the parts."""

from __future__ import annotations

import gzip
import io
import urllib.error
from pathlib import Path

import pandas as pd
import pytest

from clusterdialogue.core.io import download
from clusterdialogue.core.io.download import (
    concat_eurostat_tsv,
    eurostat_download_paged,
    eurostat_query_url,
    fetch,
)
from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.io.eurostat import EUROSTAT_DATASETS, read_eurostat_tsv

DIMENSIONS = EUROSTAT_DATASETS["sbs_r_nuts2021"].dimensions
HEADER = "freq,indic_sbs,nace_r2,geo\\TIME_PERIOD\t2021 \t2022 "
# Rows as the dissemination API writes them (value, then a space and any flag), invented figures.
ROWS = {
    ("EMP_LOC_NR", "C"): "A,EMP_LOC_NR,C,DE11\t900 \t910 ",
    ("EMP_LOC_NR", "C10"): "A,EMP_LOC_NR,C10,DE11\t100 \t: c",
    ("EMP_LOC_NR", "C29"): "A,EMP_LOC_NR,C29,DE11\t300 p\t310 ",
    ("EMP_LOC_NR", "G"): "A,EMP_LOC_NR,G,DE11\t500 \t: ",
    ("LOC_NR", "C10"): "A,LOC_NR,C10,DE11\t12 \t13 ",
    ("LOC_NR", "G"): "A,LOC_NR,G,DE11\t40 \t41 ",
}
PAGES = [["C", "C10", "C29"], ["G", "G46"]]


def table(nace: set[str] | None = None, header: str = HEADER) -> bytes:
    """The TSV of one request (all of it, or the rows of some NACE codes), sorted by codes."""
    rows = [row for (_, code), row in sorted(ROWS.items()) if nace is None or code in nace]
    rows.sort(key=lambda r: tuple(r.split("\t")[0].split(",")))
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def mirror_path(site: Path, url: str) -> Path:
    """Where a ``wget -m`` style mirror keeps ``url``: host, path, and the query in the name."""
    return site / url.split("://", 1)[1]


@pytest.fixture
def site(tmp_path) -> Path:
    """A mirror of the API with the whole dataset and each NACE part, gzip-compressed."""
    site = tmp_path / "site"
    answers = {eurostat_query_url("sbs_r_nuts2021", dimensions=DIMENSIONS, filters={}): table()}
    for group in PAGES:
        url = eurostat_query_url(
            "sbs_r_nuts2021", dimensions=DIMENSIONS, filters={"nace_r2": group}
        )
        answers[url] = table(set(group))
    for url, data in answers.items():
        path = mirror_path(site, url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(data))
    return site


def test_query_urls_follow_the_sdmx_key_layout():
    assert eurostat_query_url("sbs_r_nuts2021", dimensions=DIMENSIONS, filters={}) == (
        "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/sbs_r_nuts2021/..."
        "?format=TSV&compressed=true"
    )
    assert "/sbs_r_nuts2021/..G+G46.?format" in eurostat_query_url(
        "sbs_r_nuts2021", dimensions=DIMENSIONS, filters={"nace_r2": ["G", "G46"]}
    )
    with pytest.raises(ValueError, match="not dimensions of sbs_r_nuts2021: nace"):
        eurostat_query_url("sbs_r_nuts2021", dimensions=DIMENSIONS, filters={"nace": ["C"]})


def test_paged_download_from_a_file_mirror_equals_one_request(site, tmp_path, capsys):
    paged = eurostat_download_paged(
        "sbs_r_nuts2021",
        tmp_path / "cache" / "paged.tsv.gz",
        dimensions=DIMENSIONS,
        pages=PAGES,
        mirror=site.as_uri(),
    )
    whole = eurostat_download_paged(
        "sbs_r_nuts2021",
        tmp_path / "cache" / "whole.tsv.gz",
        dimensions=DIMENSIONS,
        pages=[[]],  # one request for everything
        mirror=site.as_uri(),
        progress=False,
    )

    assert gzip.decompress(paged.read_bytes()) == table()
    assert gzip.decompress(paged.read_bytes()) == gzip.decompress(whole.read_bytes())
    pd.testing.assert_frame_equal(read_eurostat_tsv(paged), read_eurostat_tsv(whole))
    assert "sbs_r_nuts2021: part 2 of 2 (G+G46)" in capsys.readouterr().err
    assert not list((tmp_path / "cache").glob("*.part"))


def test_parts_with_different_years_are_aligned():
    first = table({"C"})
    second = table({"G"}, header="freq,indic_sbs,nace_r2,geo\\TIME_PERIOD\t2021 ")
    second = second.replace(b"\t: \n", b"\n").replace(b"\t41 \n", b"\n")

    joined = concat_eurostat_tsv([second, gzip.compress(first)]).decode().splitlines()

    assert joined[0] == HEADER
    assert joined[1:] == [
        "A,EMP_LOC_NR,C,DE11\t900 \t910 ",
        "A,EMP_LOC_NR,G,DE11\t500 \t: ",
        "A,LOC_NR,G,DE11\t40 \t: ",
    ]


@pytest.mark.parametrize(
    ("pages", "message"),
    [
        ([table({"C"}), table({"C", "G"})], "also in an earlier page; the pages overlap"),
        ([table({"C"}), table({"G"}, header="freq,nace_r2,geo\\TIME_PERIOD\t2021 ")], "differ"),
        ([table({"C"}), b"\n"], "the page is empty"),
        ([], "no page to join"),
    ],
)
def test_bad_parts_are_refused(pages, message):
    with pytest.raises(DataFileError, match=message):
        concat_eurostat_tsv(pages)


def test_part_without_figures_is_skipped_and_refused_part_stops(site, tmp_path, monkeypatch):
    def fetcher(url, dest, progress=False):
        if "G+G46" in url:
            error = urllib.error.HTTPError(url, 404, "Not Found", {}, io.BytesIO())
            raise DataFileError(dest, "could not download") from error
        return fetch(url, dest, progress=progress)

    dest = eurostat_download_paged(
        "sbs_r_nuts2021",
        tmp_path / "c.tsv.gz",
        dimensions=DIMENSIONS,
        pages=PAGES,
        mirror=site.as_uri(),
        progress=False,
        fetcher=fetcher,
    )
    assert gzip.decompress(dest.read_bytes()) == table({"C", "C10", "C29"})

    def too_large(request, *args, **kwargs):
        raise urllib.error.HTTPError(request.full_url, 413, "Payload Too Large", {}, io.BytesIO())

    monkeypatch.setattr(download.urllib.request, "urlopen", too_large)
    with pytest.raises(DataFileError, match="HTTP 413 Payload Too Large"):
        eurostat_download_paged(
            "sbs_r_nuts2021",
            tmp_path / "d.tsv.gz",
            dimensions=DIMENSIONS,
            pages=PAGES,
            progress=False,
        )
    assert not (tmp_path / "d.tsv.gz").exists()


def test_dimensions_other_than_declared_are_refused(site, tmp_path):
    with pytest.raises(DataFileError, match="dimensions of sbs_r_nuts2021 are freq,indic_sbs"):
        eurostat_download_paged(
            "sbs_r_nuts2021",
            tmp_path / "e.tsv.gz",
            dimensions=("freq", "nace_r2", "indic_sbs", "geo"),
            pages=[[]],
            mirror=site.as_uri(),
            progress=False,
        )
