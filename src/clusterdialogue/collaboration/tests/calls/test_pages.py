"""Call matching (a call's topic as a new profile), the calls pages and the read API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from clusterdialogue.collaboration.calls.selectors import (
    CallStatus,
    funding_call_matches,
    funding_call_status,
)

pytestmark = pytest.mark.django_db

MOBILITY = {"example-emobility", "example-automotive", "example-smart-mobility",
            "example-mobility-es"}  # fmt: skip


def test_a_mobility_call_finds_the_mobility_clusters(calls_world):
    matches = funding_call_matches(call=calls_world.calls["mobility"], top=10)
    slugs = [m["organisation"].slug for m in matches]
    assert set(slugs[:4]) == MOBILITY, slugs
    assert "example-hidden" not in slugs  # private profiles are never proposed
    first = matches[0]
    assert first["rank"] == 1 and 0 < first["score"] <= 1
    assert "shared themes" in first["reasons"]
    scores = [m["score"] for m in matches]
    assert scores == sorted(scores, reverse=True)


def test_a_health_call_puts_the_health_cluster_first(calls_world):
    matches = funding_call_matches(call=calls_world.calls["health"], top=3)
    assert matches[0]["organisation"].slug == "example-health"


def test_status_follows_opening_and_deadline(funding_call_factory):
    call = funding_call_factory(opening=dt.date(2026, 3, 1), deadline=dt.date(2026, 6, 5))
    assert funding_call_status(call=call, today=dt.date(2026, 2, 28)) == CallStatus.FORTHCOMING
    assert funding_call_status(call=call, today=dt.date(2026, 6, 5)) == CallStatus.OPEN
    assert funding_call_status(call=call, today=dt.date(2026, 6, 6)) == CallStatus.CLOSED


def test_list_page_filters_by_status_and_programme(client, funding_call_factory):
    today = dt.date.today()
    funding_call_factory(title="Example open call", programme="Interreg Europe")
    funding_call_factory(
        title="Example closed call",
        opening=today - dt.timedelta(days=100),
        deadline=today - dt.timedelta(days=1),
        is_example=False,
    )
    page = client.get(reverse("collaboration:call-list")).content.decode()
    assert "Example open call" in page and "Example closed call" in page
    assert page.count('class="badge example-badge"') == 1
    page = client.get(reverse("collaboration:call-list"), {"status": "open"}).content.decode()
    assert "Example open call" in page and "Example closed call" not in page
    page = client.get(
        reverse("collaboration:call-list"), {"programme": "Horizon Europe"}
    ).content.decode()
    assert "Example open call" not in page and "Example closed call" in page
    assert "Import calls" not in page  # the import link is the secretariat's


def test_detail_page_shows_rules_example_note_and_matches(client, calls_world):
    call = calls_world.calls["mobility"]
    page = client.get(reverse("collaboration:call-detail", args=[call.pk])).content.decode()
    assert "This is an example call for demonstration" in page
    assert "eligible countries: DE, ES, FR, IT" in page
    assert "Example e-mobility cluster" in page and "Example hidden" not in page
    assert reverse("collaboration:call-consortium", args=[call.pk]) in page


def test_api_lists_and_filters_calls(client, calls_world, funding_call_factory):
    funding_call_factory(title="Example closed", opening=dt.date(2020, 1, 1),
                         deadline=dt.date(2020, 2, 1), programme="Interreg Europe")  # fmt: skip
    data = client.get("/api/funding-calls/").json()
    assert data["count"] == 3
    assert {"status", "eligible_countries", "is_example", "page"} <= set(data["results"][0])
    open_calls = client.get("/api/funding-calls/", {"status": "open"}).json()["results"]
    assert {c["reference"] for c in open_calls} == {"EXAMPLE-MOBILITY", "EXAMPLE-HEALTH"}
    interreg = client.get("/api/funding-calls/", {"programme": "interreg europe"}).json()
    assert [c["title"] for c in interreg["results"]] == ["Example closed"]
    bad = client.get("/api/funding-calls/", {"status": "someday"})
    assert bad.status_code == 400


def test_api_matches(client, calls_world):
    call = calls_world.calls["mobility"]
    data = client.get(f"/api/funding-calls/{call.pk}/matches/", {"top": 4}).json()
    assert {m["organisation"] for m in data} == MOBILITY
    assert {"rank", "name", "region", "score", "reasons"} <= set(data[0])
    assert client.get(f"/api/funding-calls/{call.pk}/matches/", {"top": "x"}).status_code == 400


def test_api_schema_documents_the_calls_endpoints(client):
    text = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ("/api/funding-calls/", "/api/funding-calls/{id}/matches/",
                 "/api/funding-calls/{id}/consortia/", "/api/consortia/"):  # fmt: skip
        assert path in text
    assert "ConsortiumResult" in text and "ConsortiumRequest" in text
