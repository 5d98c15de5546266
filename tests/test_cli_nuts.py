"""``clusterdialogue import nuts``, ``import nuts-changes`` and ``data download`` on small files
in the published formats (GISCO GeoJSON, Eurostat's correspondence workbook, SDMX TSV parts)."""

from __future__ import annotations

import gzip

import pytest

from clusterdialogue.cli import main
from clusterdialogue.core.io.download import eurostat_query_url
from clusterdialogue.regions.models import Region, RegionBoundary, RegionCodeChange
from clusterdialogue.statistics.models import Industry
from clusterdialogue.testing.files import write_gisco_geojson
from clusterdialogue.testing.nuts_tables import write_changes_2016_2021

pytestmark = pytest.mark.django_db


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_nuts_2016_then_2021(tmp_path, capsys):
    hr_2016 = write_gisco_geojson(
        tmp_path / "NUTS_RG_20M_2016_4326_LEVL_2.geojson", [("HR03", 2, "Jadranska Hrvatska")]
    )
    hr_2021 = write_gisco_geojson(
        tmp_path / "NUTS_RG_20M_2021_4326_LEVL_2.geojson",
        [("HR03", 2, "Jadranska Hrvatska"), ("HR05", 2, "Grad Zagreb")],
    )

    assert run(capsys, "import", "nuts", str(hr_2016))[:2] == (
        0,
        "1 regions created, 0 updated from 1 file(s)\n",
    )
    code, out, _ = run(capsys, "import", "nuts", str(hr_2021), "--version", "2021")

    assert (code, out) == (0, "1 regions created, 1 updated from 1 file(s)\n")
    assert Region.objects.get(code="HR03").versions == "2013,2016,2021"
    assert RegionBoundary.objects.filter(version="2021").count() == 2


def test_import_nuts_changes_and_its_errors(tmp_path, capsys):
    path = write_changes_2016_2021(tmp_path / "NUTS2021.xlsx")

    code, out, _ = run(
        capsys, "import", "nuts-changes", str(path), "--from", "2016", "--to", "2021"
    )
    assert code == 0
    assert out.startswith("6 code changes (2 recoded, same territory) from NUTS2021.xlsx")
    assert RegionCodeChange.objects.get(old_code="QA11").new_code == "QA13"

    code, _, err = run(
        capsys, "import", "nuts-changes", str(path), "--from", "2021", "--to", "2024"
    )
    assert code == 2
    assert "NUTS2021.xlsx: no sheet of the NUTS 2021-2024 changes" in err


def test_data_download_in_parts_from_a_mirror(tmp_path, capsys, settings, industry_factory):
    industry_factory(code="C", scheme=Industry.Scheme.NACE_SECTION, section="C")
    industry_factory(code="C29", section="C")
    header = "freq,indic_sbs,nace_r2,geo\\TIME_PERIOD\t2021 "
    url = eurostat_query_url(
        "sbs_r_nuts2021",
        dimensions=("freq", "indic_sbs", "nace_r2", "geo"),
        filters={"nace_r2": ["C", "C29"]},
    )
    page = tmp_path / "site" / url.split("://", 1)[1]
    page.parent.mkdir(parents=True)
    page.write_bytes(gzip.compress(f"{header}\nA,EMP_LOC_NR,C29,DE11\t7 \n".encode()))
    settings.CLUSTERDIALOGUE_DOWNLOAD_MIRROR = (tmp_path / "site").as_uri()
    settings.CLUSTERDIALOGUE_CACHE_DIR = tmp_path / "cache"

    code, out, _ = run(capsys, "data", "download", "sbs_r_nuts2021")

    cached = tmp_path / "cache" / "eurostat" / "sbs_r_nuts2021.tsv.gz"
    assert (code, out) == (0, f"sbs_r_nuts2021: {cached}\n")
    assert gzip.decompress(cached.read_bytes()).decode().endswith("A,EMP_LOC_NR,C29,DE11\t7 \n")

    code, _, err = run(capsys, "data", "download", "lfst_r_lfe2en2")
    assert code == 2
    assert "no download in parts" in err
