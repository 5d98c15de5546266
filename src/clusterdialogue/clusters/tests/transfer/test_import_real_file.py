"""The real, hand-transcribed list of the Four Motors' cluster organisations imports as it is."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from clusterdialogue.clusters.models import ClusterOrganisation, Label
from clusterdialogue.clusters.transfer.importing.organisations import clusters_import
from clusterdialogue.regions.services import network_create_four_motors, regions_load_nuts

TRANSCRIBED = "cluster_organisations/four_motors_cluster_organisations_transcribed.csv"


@pytest.fixture
def real_file(data_dir, db):
    """The file, with the real NUTS 2016 regions (levels 0–2: the file's codes) and the network."""
    levels = [data_dir / f"nuts/NUTS_RG_20M_2016_4326_LEVL_{level}.geojson" for level in range(3)]
    regions_load_nuts(files=levels)
    network_create_four_motors()
    return data_dir / TRANSCRIBED


def test_all_55_rows_import_and_a_second_run_changes_nothing(real_file):
    first = clusters_import(source=real_file)

    assert first.written and not first.rejected, first.as_table()
    assert first.count("create") == 55
    assert first.duplicate_count == 0, first.as_table()
    per_region = Counter(ClusterOrganisation.objects.values_list("region__code", flat=True))
    assert per_region == {"FRK": 13, "BE2": 7, "ITC4": 9, "ES51": 15, "DE1": 11}
    assert set(ClusterOrganisation.objects.values_list("status", flat=True)) == {"provisional"}

    second = clusters_import(source=real_file)
    assert second.count("unchanged") == 55, second.as_table()
    assert ClusterOrganisation.objects.count() == 55
    assert Label.objects.count() == 13 + 6


def test_the_file_is_mapped_faithfully(real_file):
    clusters_import(source=real_file)

    axelera = ClusterOrganisation.objects.get(name="Axelera")
    assert axelera.city == "Lyon"
    assert axelera.organisation_type == "pôle de compétitivité (labelled for phase V, 2023-2026)"
    assert axelera.description == "Domain (as stated by the source): chimie"
    assert axelera.description_language == "fr"
    assert axelera.source_date == dt.date(2023, 3, 30)
    assert axelera.note == "renewed for four years per source"
    label = axelera.labels.get()
    assert (label.name, label.level, label.grade) == (
        "Pôle de compétitivité",
        "national",
        "phase V",
    )
    assert (label.valid_from, label.valid_until) == (dt.date(2023, 1, 1), dt.date(2026, 12, 31))

    catalisti = ClusterOrganisation.objects.get(name="Catalisti")
    assert catalisti.website == "https://catalisti.be"
    assert catalisti.keywords == [
        "sustainable chemistry and plastics",
        "sustainable chemistry and synthetics",
    ]
    assert catalisti.description_language == "en"
    assert not catalisti.labels.exists()

    innov = ClusterOrganisation.objects.get(name="Innov'Alliance")
    assert innov.keywords == ["agriculture", "agro-alimentaire", "forêt"]

    assert ClusterOrganisation.objects.get(name="CIAC").description_language == "ca"
    microtec = ClusterOrganisation.objects.get(name="microTEC")
    assert microtec.labels.get().name == "Cluster-Exzellenz Baden-Württemberg"
    assert microtec.description == ""

    unnamed = ClusterOrganisation.objects.filter(name__endswith="(name not given in source)")
    assert sorted(unnamed.values_list("name", flat=True)) == [
        "Lombardy technology cluster: Tecnologie per gli ambienti di vita (name not given in source)",
        "Lombardy technology cluster: Tecnologie per le Smart Communities (name not given in source)",
    ]
    assert {o.note for o in unnamed} == {"cluster name not given in the stored excerpts"}
