"""The analytics on the real Eurostat SBS file: every NUTS-2 region's page renders, and the API's
ECI is that of the engine run on the file itself.

The real files are loaded once for the module inside a transaction that is rolled back when the
module is done, so the other tests never see these rows (as in
``statistics/tests/test_v94310.py``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from django.db import connection, transaction

from clusterdialogue.analytics.selectors import analytics_overview
from clusterdialogue.core.complexity import complexity_matrices
from clusterdialogue.core.io.eurostat import read_eurostat_tsv
from clusterdialogue.regions.models import Region
from clusterdialogue.regions.services import (
    network_create_four_motors,
    regions_load_nuts,
    regions_load_reference,
)
from clusterdialogue.statistics.models import Industry
from clusterdialogue.statistics.services.imports import dataset_import_eurostat
from clusterdialogue.statistics.services.industries import industries_load_nace

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SBS = Path("eurostat") / "sbs_r_nuts06_r2.tsv.gz"


@pytest.fixture(scope="module")
def real_data(django_db_setup, django_db_blocker, data_dir):
    """NACE titles, NUTS regions, the Four Motors network and the SBS file, rolled back after."""
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        assert "memorydb" in name or "test" in Path(name).name, f"not a test database: {name}"
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            industries_load_nace(path=data_dir / "nace" / "nace_rev2_titles_multilingual.csv")
            regions_load_nuts(
                files=[
                    data_dir / "nuts" / f"NUTS_RG_20M_2016_4326_LEVL_{level}.geojson"
                    for level in range(4)
                ]
            )
            regions_load_reference()
            network_create_four_motors()
            dataset_import_eurostat(path=data_dir / SBS)
            yield data_dir
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_every_nuts2_region_page_renders(real_data, client):
    overview = analytics_overview()
    year = overview.default_year
    codes = sorted(code for code, years in overview.coverage.items() if year in years)
    assert year == 2014 and len(codes) > 250
    assert {"ES51", "ITC4", "DE11", "FR71", "UKL2"} <= set(codes)
    # Speed is measured by benchmarks, not asserted here: a busy machine must not fail the suite.
    for code in codes:
        response = client.get(f"/analytics/regions/{code}/")
        assert response.status_code == 200, code
        html = response.content.decode()
        assert 'id="space-chart"' in html and 'id="eci-table"' in html, code
        assert "Catalonia" in html and "Auvergne-Rhône-Alpes" in html  # the territories' lines


def test_territories_at_nuts1_render_under_their_codes(real_data, client):
    response = client.get("/analytics/regions/FRK/")
    assert response.status_code == 200
    assert "published under FR7" in response.content.decode()
    for code in ("DE1", "BE2", "UKL"):
        assert client.get(f"/analytics/regions/{code}/").status_code == 200
    network = client.get("/analytics/network/")
    assert network.status_code == 200 and "Baden-Württemberg" in network.content.decode()


def test_api_eci_is_the_engine_on_the_file(real_data, client):
    """ECI of every NUTS-2 region from the file itself, without the database in between."""
    divisions = set(
        Industry.objects.filter(scheme=Industry.Scheme.NACE_DIVISION).values_list("code", flat=True)
    )
    nuts2 = set(
        Region.objects.filter(level=2, kind=Region.Kind.NUTS).values_list("code", flat=True)
    )
    cells = read_eurostat_tsv(real_data / SBS)
    cells = cells[
        (cells["indic_sb"] == "V16110")
        & cells["nace_r2"].isin(divisions)
        & cells["geo"].isin(nuts2)
        & cells["value"].notna()
    ]
    frame = cells.rename(columns={"geo": "region", "nace_r2": "industry", "value": "employment"})
    expected = complexity_matrices(frame, year=2014)
    data = client.get("/api/analytics/complexity/?year=2014&level=2").json()
    eci = pd.Series({r["code"]: r["eci"] for r in data["regions"]}, dtype=float)
    pci = pd.Series({c["code"]: c["pci"] for c in data["categories"]}, dtype=float)
    assert set(eci.index) == set(expected.employment.index[expected.employment.sum(axis=1) > 0])
    pd.testing.assert_series_equal(
        eci.sort_index(), expected.eci.reindex(eci.index).sort_index(), check_names=False,
        atol=1e-9,
    )  # fmt: skip
    pd.testing.assert_series_equal(
        pci.sort_index(), expected.pci.sort_index(), check_names=False, atol=1e-9
    )
