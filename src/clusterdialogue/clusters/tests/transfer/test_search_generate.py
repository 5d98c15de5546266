"""Generated example profiles (``clusterdialogue clusters generate``) and the reindex command."""

from __future__ import annotations

import pytest

from clusterdialogue.cli import main
from clusterdialogue.clusters.models import ClusterMember, ClusterOrganisation
from clusterdialogue.clusters.search import cluster_search
from clusterdialogue.clusters.transfer.example_data import (
    ExampleDataError,
    clusters_generate,
    clusters_generated_delete,
)
from clusterdialogue.testing import factories


@pytest.fixture
def vocabulary(db):
    """Two real NACE divisions (Eurostat titles) and two NUTS-2 regions."""
    factories.IndustryFactory(
        code="C29", name_en="Manufacture of motor vehicles, trailers and semi-trailers",
        name_fr="Construction et assemblage de véhicules automobiles, de remorques et de "
        "semi-remorques",
        name_de="Herstellung von Kraftwagen und Kraftwagenteilen",
        name_it="Fabbricazione di autoveicoli, rimorchi e semirimorchi",
        name_es="Fabricación de vehículos de motor, remolques y semirremolques",
        name_nl="Vervaardiging van auto's, aanhangwagens en opleggers",
    )  # fmt: skip
    factories.IndustryFactory(
        code="C21", name_en="Manufacture of basic pharmaceutical products and pharmaceutical "
        "preparations", name_fr="Industrie pharmaceutique", name_de="Herstellung von "
        "pharmazeutischen Erzeugnissen", name_it="Fabbricazione di prodotti farmaceutici",
        name_es="Fabricación de productos farmacéuticos", name_nl="Vervaardiging van "
        "farmaceutische grondstoffen en producten",
    )  # fmt: skip
    factories.RegionFactory(code="DE11", name="Stuttgart", level=2)
    factories.RegionFactory(code="ITC4", name="Lombardia", level=2)


def test_generates_marked_example_profiles_with_members(vocabulary):
    report = clusters_generate(profiles=6, members=50, seed=3)
    assert (report.profiles, report.members) == (6, 50)
    generated = ClusterOrganisation.objects.all()
    assert generated.count() == 6
    assert all(o.name.startswith("Example cluster ") for o in generated)
    assert {(o.source, o.note) for o in generated} == {("generated", "generated example data")}
    assert ClusterMember.objects.count() == 50
    assert all(m.name.startswith("Example member ") for m in ClusterMember.objects.all())
    assert all(o.sectors.exists() for o in generated)
    assert all(set(o.descriptions) >= {"en"} for o in generated)


def test_generated_profiles_are_searchable(vocabulary):
    clusters_generate(profiles=8, members=20, seed=1)
    total = len(cluster_search(query="example cluster"))
    assert total == 8
    assert (
        len(cluster_search(query="manufacture")) + len(cluster_search(query="pharmaceutical")) > 0
    )


def test_same_seed_same_data_and_numbering_continues(vocabulary):
    clusters_generate(profiles=3, members=5, seed=7)
    first = list(ClusterOrganisation.objects.order_by("pk").values_list("name", flat=True))
    clusters_generated_delete()
    clusters_generate(profiles=3, members=5, seed=7)
    again = list(ClusterOrganisation.objects.order_by("pk").values_list("name", flat=True))
    assert again == first
    clusters_generate(profiles=2, seed=8)
    assert ClusterOrganisation.objects.count() == 5
    report = clusters_generate(profiles=1, seed=9, replace=True)
    assert report.deleted == 5 and ClusterOrganisation.objects.count() == 1


def test_generated_data_never_touches_real_profiles(vocabulary):
    real = factories.RegionFactory(code="ES51", name="Cataluña", level=2)
    from clusterdialogue.testing.factories.clusters import ClusterOrganisationFactory

    kept = ClusterOrganisationFactory(name="Example imported profile", region=real)
    clusters_generate(profiles=2, seed=1)
    assert clusters_generated_delete() == 2
    assert list(ClusterOrganisation.objects.all()) == [kept]


def test_without_vocabulary_the_error_says_what_to_load(db):
    with pytest.raises(ExampleDataError, match="load the NACE titles first"):
        clusters_generate(profiles=1, members=0)


def test_command_line(vocabulary, capsys):
    assert main(["clusters", "generate", "--profiles", "4", "--members", "12", "--seed", "2"]) == 0
    assert "created 4 example profiles with 12 members" in capsys.readouterr().out
    assert main(["clusters", "reindex"]) == 0
    assert "indexed 4 profiles" in capsys.readouterr().out
    assert main(["clusters", "generate", "--profiles", "0", "--members", "3"]) == 2
    assert "members need profiles" in capsys.readouterr().err
    assert main(["clusters", "delete-generated"]) == 0
    assert "deleted 4 generated example profiles" in capsys.readouterr().out
