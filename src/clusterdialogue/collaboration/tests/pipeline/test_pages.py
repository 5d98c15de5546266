"""The pipeline's pages: board, collaboration, statistics and network (with downloads)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from clusterdialogue.collaboration.models import Collaboration
from clusterdialogue.testing.factories import NetworkFactory
from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(db):
    user = factories_clusters.UserFactory(username="pipeline_secretariat")
    factories_clusters.RoleAssignmentFactory(user=user, role="secretariat")
    return user


def read_csv(response) -> list[dict]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def test_anonymous_visitors_get_an_explanation_not_the_board(client, pipeline_world):
    response = client.get(reverse("collaboration:pipeline"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "signed-in users only" in page and "Example relation AB" not in page
    assert reverse("collaboration:statistics") in page
    detail = reverse("collaboration:collaboration-detail", args=[Collaboration.objects.first().pk])
    assert client.get(detail)["Location"].startswith(reverse("accounts:login"))


def test_empty_pipeline_explains_how_to_start(client, secretariat):
    NetworkFactory(name="Example network", slug="example-network")
    client.force_login(secretariat)
    page = client.get(reverse("collaboration:pipeline")).content.decode()
    assert "No collaboration is followed yet" in page
    assert "From a consortium proposal" in page and "From a board post" in page
    assert reverse("collaboration:collaboration-create") in page
    for name in ("collaboration:statistics", "collaboration:network"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "How to start following a collaboration" in response.content.decode()
    rows = read_csv(client.get(reverse("collaboration:statistics") + "?format=csv"))
    assert [row["territory"] for row in rows] == ["Example network"]


def test_board_shows_columns_cards_and_filters(client, pipeline_world, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("collaboration:pipeline"))
    page = response.content.decode()
    assert response.status_code == 200
    for title in ("Example relation AB", "Example application ABC", "Example dropped AB"):
        assert title in page
    assert 'data-stage="running"' in page and page.count('class="card"') == 7
    east = pipeline_world.territories["East"].pk
    filtered = client.get(reverse("collaboration:pipeline"), {"territory": east})
    assert filtered.content.decode().count('class="card"') == 3  # abc, ac, ex
    by_year = client.get(reverse("collaboration:pipeline"), {"year": 2022, "kind": "bilateral"})
    assert by_year.content.decode().count('class="card"') == 1  # ab
    partial = client.get(
        reverse("collaboration:pipeline"),
        {"territory": east},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="pipeline-board",
    )
    assert partial.content.decode().startswith('<div id="pipeline-board">')


def test_the_board_reads_in_a_fixed_number_of_queries(
    client, pipeline_world, django_assert_max_num_queries
):
    representative = factories_clusters.UserFactory(username="pipeline_representative")
    factories_clusters.RoleAssignmentFactory(
        user=representative,
        role="territory_representative",
        territory=pipeline_world.territories["North"],
    )
    client.force_login(representative)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("collaboration:pipeline")).content.decode()
    # North's representative moves the cards of North's clusters, not "bd" (South + outside).
    assert page.count("Move to the next stage") == 4  # ab, abc, ac, ex (aa, ab2 are final)
    bd = pipeline_world.collaborations["bd"]
    assert f'id="move-{bd.pk}"' not in page


def test_detail_page(client, pipeline_world, secretariat):
    collaboration = pipeline_world.collaborations["abc"]
    client.force_login(secretariat)
    page = client.get(collaboration.get_absolute_url()).content.decode()
    assert "Example application ABC" in page and "Project running" in page
    assert "Example cluster A1" in page and "lead" in page and "400,000" in page
    assert "Move to the next stage" in page
    rejected = client.get(pipeline_world.collaborations["aa"].get_absolute_url())
    assert "is final" in rejected.content.decode()


def test_move_from_the_board_with_htmx_returns_the_board(client, pipeline_world, secretariat):
    collaboration = pipeline_world.collaborations["ab"]  # at "meeting"
    client.force_login(secretariat)
    url = reverse("collaboration:collaboration-move", args=[collaboration.pk])
    data = {"stage": "submitted", "date": "2024-02-02", "expected_stage": "meeting", "amount": ""}
    response = client.post(url, {**data, "filters": "kind=bilateral"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and page.startswith('<div id="pipeline-board">')
    assert "moved to “Joint application submitted”" in page
    assert page.count('class="card"') == 4  # the filter is kept: ab, ac, ab2, ex
    collaboration.refresh_from_db()
    assert collaboration.stage == "submitted"
    # A refused move comes back as the card's form, with the reason.
    refused = client.post(
        url, {**data, "stage": "running", "expected_stage": "submitted"}, HTTP_HX_REQUEST="true"
    )
    assert refused["HX-Retarget"] == f"#move-{collaboration.pk}"
    assert "not one of the available choices" in refused.content.decode()


def test_move_page_without_javascript(client, pipeline_world, secretariat):
    collaboration = pipeline_world.collaborations["ab"]
    client.force_login(secretariat)
    url = reverse("collaboration:collaboration-move", args=[collaboration.pk])
    assert client.get(url).status_code == 200
    early = client.post(url, {"stage": "closed", "date": "2020-01-01", "expected_stage": "meeting"})
    assert early.status_code == 400 and "cannot be earlier" in early.content.decode()
    done = client.post(url, {"stage": "closed", "date": "2024-01-01", "expected_stage": "meeting"})
    assert done["Location"] == collaboration.get_absolute_url()


def test_create_prefills_from_a_call_and_partners(client, pipeline_world, secretariat):
    from clusterdialogue.collaboration.models import FundingCall

    call = FundingCall.objects.create(
        programme="Example programme", title="Example call", opening="2024-01-01",
        deadline="2024-06-01", is_example=True,
    )  # fmt: skip
    client.force_login(secretariat)
    url = reverse("collaboration:collaboration-create")
    query = {"call": call.pk, "partners": "example-cluster-a1,example-cluster-b1"}
    form = client.get(url, query).context["form"]
    assert form.initial["kind"] == "joint_application" and form.initial["call"] == call
    assert {p.slug for p in form.initial["partners"]} == {
        "example-cluster-a1",
        "example-cluster-b1",
    }
    response = client.post(
        url,
        {
            "title": "Example new collaboration",
            "kind": "bilateral",
            "partners": ["example-cluster-a1", "example-cluster-c1"],
            "lead": "example-cluster-c1",
            "started_on": "2024-04-01",
        },
    )
    created = Collaboration.objects.get(title="Example new collaboration")
    assert response["Location"] == created.get_absolute_url()
    assert created.lead == pipeline_world.clusters["c1"]
    invalid = client.post(url, {"title": "", "kind": "bilateral", "partners": []})
    assert invalid.status_code == 200 and invalid.context["form"].errors


def test_create_prefills_from_a_board_post(client, pipeline_roles):
    from clusterdialogue.collaboration.models import CooperationPost

    post = CooperationPost.objects.create(
        organisation=pipeline_roles.other_organisation, kind="request", topic="joint_project",
        title="Example partners wanted", description="Example request.",
    )  # fmt: skip
    client.force_login(pipeline_roles.user("manager"))
    response = client.get(reverse("collaboration:collaboration-create"), {"post": post.pk})
    initial = response.context["form"].initial
    assert (initial["post"], initial["title"], initial["kind"]) == (
        post,
        "Example partners wanted",
        "joint_application",
    )
    # The manager's own cluster and the post's author are the partners proposed.
    assert {p.slug for p in initial["partners"]} == {"example-cluster-a", "example-cluster-b"}


def test_statistics_page_and_downloads(client, pipeline_world):
    response = client.get(reverse("collaboration:statistics"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-figure="fig-relations"' in page and "Relations established per year" in page
    assert "1 collaboration marked as example data is left out" in page
    assert "Example relation AB" not in page  # counts only
    rows = read_csv(client.get(reverse("collaboration:statistics"), {"format": "csv"}))
    network = next(
        r for r in rows if r["table"] == "totals" and r["territory"] == "Example network"
    )
    assert (network["relations_established"], network["success_rate"]) == ("3", "0.3333")
    assert network["funding_won_eur"] == "400000.0"
    yearly = [r for r in rows if r["table"] == "by year" and r["territory"] == "South"]
    assert [(r["year"], r["relations_established"]) for r in yearly] == [
        ("2022", "2"), ("2023", "0"), ("2024", "1")
    ]  # fmt: skip
    xlsx = client.get(reverse("collaboration:statistics"), {"format": "xlsx", "examples": "on"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["totals", "by year"]
    header, *data = list(book["totals"].values)
    network_row = dict(zip(header, data[-1], strict=True))
    assert (network_row["territory"], network_row["relations_established"]) == (
        "Example network",
        4,
    )


def test_network_page_and_downloads(client, pipeline_world):
    response = client.get(reverse("collaboration:network"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="network-graph"' in page and "collaboration/network.js" in page
    assert 'id="brokers"' in page and "Example cluster A1" in page
    assert "Example relation AB" not in page
    rows = read_csv(client.get(reverse("collaboration:network"), {"format": "csv"}))
    links = [r for r in rows if r["table"] == "links"]
    assert len(links) == 5 and sum(r["cross_territory"] == "True" for r in links) == 4
    density = [(r["year"], r["density"]) for r in rows if r["table"] == "density"]
    assert density == [("2022", "0.3"), ("2023", "0.4"), ("2024", "0.5")]
    xlsx = client.get(reverse("collaboration:network"), {"format": "xlsx", "until": 2022})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["clusters", "links", "density"]
    assert len(list(book["links"].values)) == 1 + 3
