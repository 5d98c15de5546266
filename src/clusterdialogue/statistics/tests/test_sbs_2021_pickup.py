"""sbs_r_nuts2021 in the set-up: picked up from the data directory or the cache, downloaded in
parts by NACE section from a ``file://`` mirror of the dissemination API."""

from __future__ import annotations

import gzip

import pytest

from clusterdialogue import datasources
from clusterdialogue.core.io.download import eurostat_query_url
from clusterdialogue.core.io.eurostat import EUROSTAT_DATASETS
from clusterdialogue.statistics.models import Industry, Observation

pytestmark = pytest.mark.django_db

DIMENSIONS = EUROSTAT_DATASETS["sbs_r_nuts2021"].dimensions
HEADER = "freq,indic_sbs,nace_r2,geo\\TIME_PERIOD\t2021 \t2022 "


@pytest.fixture
def world(nuts_tree, industry_factory, settings, tmp_path):
    nuts_tree(["DE", "DE1", "DE11"])
    industry_factory(code="C", scheme=Industry.Scheme.NACE_SECTION, section="C")
    industry_factory(code="C29", section="C")
    industry_factory(code="C10", section="C")
    industry_factory(code="G", scheme=Industry.Scheme.NACE_SECTION, section="G")
    settings.CLUSTERDIALOGUE_DATA_DIR = str(tmp_path / "mirror")
    settings.CLUSTERDIALOGUE_CACHE_DIR = tmp_path / "cache"
    settings.CLUSTERDIALOGUE_DOWNLOAD_MIRROR = ""


def test_nace_pages_are_sections_with_their_divisions(world):
    assert datasources.nace_pages() == [["C", "C10", "C29"], ["G"]]


def test_missing_file_is_said_and_setup_goes_on(world):
    message = datasources.import_sbs_2021()

    assert message.startswith("sbs_r_nuts2021: eurostat/sbs_r_nuts2021.tsv.gz not found")
    assert "`clusterdialogue data download sbs_r_nuts2021`" in message
    assert not Observation.objects.exists()


def test_file_in_the_data_dir_is_imported(world, tmp_path):
    path = tmp_path / "mirror" / "eurostat" / "sbs_r_nuts2021.tsv.gz"
    path.parent.mkdir(parents=True)
    path.write_bytes(gzip.compress(f"{HEADER}\nA,EMP_LOC_NR,C29,DE11\t123 \t: c\n".encode()))

    message = datasources.import_sbs_2021()

    assert message.startswith("sbs_r_nuts2021: 2 figures for 1 regions")
    assert Observation.objects.filter(indicator="V16110", year=2021).get().value == 123.0


def test_unknown_region_code_is_said_and_setup_goes_on(world, tmp_path):
    path = tmp_path / "mirror" / "eurostat" / "sbs_r_nuts2021.tsv.gz"
    path.parent.mkdir(parents=True)
    path.write_bytes(gzip.compress(f"{HEADER}\nA,EMP_LOC_NR,C29,HR05\t7 \t8 \n".encode()))

    message = datasources.import_sbs_2021()

    assert "not imported" in message and "'HR05'" in message
    assert "Load the NUTS 2021 boundaries or code changes first" in message
    assert not Observation.objects.exists()


def test_download_in_parts_from_a_file_mirror_then_import(world, tmp_path, settings):
    site = tmp_path / "site"
    parts = {
        ("C", "C10", "C29"): "A,EMP_LOC_NR,C10,DE11\t5 \t6 \nA,EMP_LOC_NR,C29,DE11\t7 \t8 \n",
        ("G",): "A,EMP_LOC_NR,G,DE11\t9 \t10 \n",
    }
    for group, rows in parts.items():
        url = eurostat_query_url(
            "sbs_r_nuts2021", dimensions=DIMENSIONS, filters={"nace_r2": list(group)}
        )
        path = site / url.split("://", 1)[1]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(f"{HEADER}\n{rows}".encode()))
    settings.CLUSTERDIALOGUE_DOWNLOAD_MIRROR = site.as_uri()

    path = datasources.download_eurostat(code="sbs_r_nuts2021")

    assert path == tmp_path / "cache" / "eurostat" / "sbs_r_nuts2021.tsv.gz"
    assert gzip.decompress(path.read_bytes()).decode().splitlines() == [
        HEADER,
        "A,EMP_LOC_NR,C10,DE11\t5 \t6 ",
        "A,EMP_LOC_NR,C29,DE11\t7 \t8 ",
        "A,EMP_LOC_NR,G,DE11\t9 \t10 ",
    ]
    assert datasources.import_sbs_2021().startswith("sbs_r_nuts2021: 6 figures")


def test_download_of_a_dataset_without_parts_is_refused(world):
    from clusterdialogue.core.io.errors import DataFileError

    with pytest.raises(DataFileError, match="no download in parts for 'lfst_r_lfe2en2'"):
        datasources.download_eurostat(code="lfst_r_lfe2en2")
