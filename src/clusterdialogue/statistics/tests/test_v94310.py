"""Check the real SBS import against Eurostat's own derived indicator V94310.

V94310 is a division's share of its NACE section's persons employed, in %: recomputing it as
round(100 * V16110[division] / V16110[section], 1) from the *imported* rows must give the
published figure in nearly every cell (SOURCES.md: 56,156 of 56,236; the rest are rounding or
revision differences, mostly Czech regions in 2010).

The real files are loaded once per module inside a transaction that is rolled back before any
test runs, so the other tests never see these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from django.db import connection, transaction

from clusterdialogue.regions.models import Region
from clusterdialogue.regions.services import regions_load_nuts, regions_load_reference
from clusterdialogue.statistics.models import Dataset, Industry, Observation
from clusterdialogue.statistics.services.imports import ImportReport, dataset_import_eurostat
from clusterdialogue.statistics.services.industries import industries_load_nace

# The django_db mark also makes pytest-django create the test database for this module: without
# a marked test in the session, django_db_setup creates none and the fixture would write to (and
# roll back in) the configured database.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def assert_test_database() -> None:
    name = str(connection.settings_dict["NAME"])
    assert "memorydb" in name or "test" in Path(name).name, f"not a test database: {name}"


@dataclass
class RealImport:
    report: ImportReport
    observations: int
    observation_count: int
    null_without_flag: int
    zero_with_flag: int
    region_codes: set[str]
    frame: pd.DataFrame  # region, industry, scheme, section, indicator, year, value, flag


@pytest.fixture(scope="module")
def real_import(django_db_setup, django_db_blocker, data_dir) -> RealImport:
    with django_db_blocker.unblock(), transaction.atomic():
        assert_test_database()
        industries_load_nace(path=data_dir / "nace" / "nace_rev2_titles_multilingual.csv")
        regions_load_nuts(
            files=[
                data_dir / "nuts" / f"NUTS_RG_20M_2016_4326_LEVL_{level}.geojson"
                for level in range(4)
            ]
        )
        regions_load_reference()
        report = dataset_import_eurostat(path=data_dir / "eurostat" / "sbs_r_nuts06_r2.tsv.gz")
        rows = Observation.objects.filter(indicator__in=["V16110", "V94310"]).values_list(
            "region__code",
            "industry__code",
            "industry__scheme",
            "industry__section",
            "indicator",
            "year",
            "value",
            "flag",
        )
        frame = pd.DataFrame.from_records(
            list(rows),
            columns=[
                "region",
                "industry",
                "scheme",
                "section",
                "indicator",
                "year",
                "value",
                "flag",
            ],
        )
        result = RealImport(
            report=report,
            observations=Observation.objects.count(),
            observation_count=Dataset.objects.get(code="sbs_r_nuts06_r2").observation_count,
            null_without_flag=Observation.objects.filter(value__isnull=True, flag="").count(),
            zero_with_flag=Observation.objects.filter(value=0, flag="c").count(),
            region_codes=set(
                Region.objects.filter(observations__isnull=False)
                .distinct()
                .values_list("code", flat=True)
            ),
            frame=frame,
        )
        transaction.set_rollback(True)
    return result


def recomputed_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Per region, division and year: the published V94310 and the recomputed share."""
    values = frame[frame["value"].notna()]
    employment = values[values["indicator"] == "V16110"]
    divisions = employment[employment["scheme"] == Industry.Scheme.NACE_DIVISION]
    sections = employment[employment["scheme"] == Industry.Scheme.NACE_SECTION][
        ["region", "industry", "year", "value"]
    ].rename(columns={"industry": "section", "value": "section_employment"})
    published = values[
        (values["indicator"] == "V94310") & (values["scheme"] == Industry.Scheme.NACE_DIVISION)
    ][["region", "industry", "year", "value"]].rename(columns={"value": "published"})
    cells = divisions.merge(sections, on=["region", "section", "year"]).merge(
        published, on=["region", "industry", "year"]
    )
    cells = cells[cells["section_employment"] > 0]
    return cells.assign(recomputed=np.round(100 * cells["value"] / cells["section_employment"], 1))


@pytest.fixture(scope="module")
def shares(real_import) -> pd.DataFrame:
    return recomputed_shares(real_import.frame)


def test_import_is_complete(real_import):
    assert real_import.report.observations > 500_000
    assert real_import.observations == real_import.observation_count
    assert real_import.report.years == list(range(2008, 2016))
    # Missing is never zero, and a NULL always carries its flag.
    assert real_import.null_without_flag == 0
    assert real_import.zero_with_flag == 0
    assert {"FR7", "FR71", "DE1", "DE11", "ES51", "ITC4", "BE2", "UKL2"} <= (
        real_import.region_codes
    )
    assert not {"FRK", "FRK2"} & real_import.region_codes


def test_v94310_recomputed_from_imported_rows(shares):
    cells = shares
    agree = np.isclose(cells["recomputed"], cells["published"], rtol=0, atol=1e-6)
    share = agree.mean()
    print(f"V94310: {int(agree.sum()):,} of {len(cells):,} comparable cells agree ({share:.3%})")
    assert len(cells) > 50_000
    assert share >= 0.998


@pytest.mark.parametrize(
    ("region", "share", "division", "section"),
    [
        ("DE11", 28.1, 158012, 561839),
        ("FR71", 7.1, 25694, 362595),
        ("ES51", 9.6, 37137, 387203),
        ("ITC4", 2.2, 19811, 907523),
        ("BE2", 8.3, 28881, 347638),
        ("UKL2", 3.5, 2317, 65528),
    ],
)
def test_v94310_spot_checks_c29_2014(shares, region, share, division, section):
    cells = shares
    [cell] = cells[
        (cells["region"] == region) & (cells["industry"] == "C29") & (cells["year"] == 2014)
    ].itertuples()

    assert (cell.value, cell.section_employment) == (division, section)
    assert cell.published == pytest.approx(share)
    assert cell.recomputed == pytest.approx(share)
    assert round(100 * division / section, 1) == share
