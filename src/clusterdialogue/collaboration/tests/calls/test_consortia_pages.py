"""The consortium builder's page and API: options from the form, explanations, CSV, starting."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import NoReverseMatch, reverse

from clusterdialogue.collaboration.models import Collaboration

pytestmark = pytest.mark.django_db


def _url(world, name: str = "mobility") -> str:
    return reverse("collaboration:call-consortium", args=[world.calls[name].pk])


def test_builder_defaults_to_the_lead_the_user_manages(client, calls_world):
    page = client.get(_url(calls_world)).content.decode()
    assert "Choose a lead cluster" in page and 'value="example-emobility" selected' not in page
    client.force_login(calls_world.user("manager"))
    page = client.get(_url(calls_world)).content.decode()
    assert 'value="example-emobility" selected' in page
    assert "example-hidden" not in page  # private profiles are neither leads nor partners


def test_pin_and_exclude_from_the_form(client, calls_world):
    query = {"lead": "example-emobility", "size": 3, "territory_weight": 0.25, "proposals": 2,
             "pinned": ["example-food"], "excluded": ["example-automotive"]}  # fmt: skip
    response = client.get(_url(calls_world), query)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="proposal"') == 2
    for article in page.split('class="proposal"')[1:]:
        assert "Example food cluster" in article and "Example automotive cluster" not in article
    assert "Why Example food cluster: pinned; fit" in page
    assert "Rules met:" in page and "Search: proven best" in page
    assert "Start a collaboration" not in page  # anonymous: view only
    assert "Sign in as a manager of Example e-mobility cluster" in page


def test_infeasible_rules_are_shown_in_plain_words(client, calls_world):
    query = {"lead": "example-emobility", "territory_weight": 0.25, "proposals": 1,
             "excluded": ["example-smart-mobility", "example-food", "example-mobility-es"]}  # fmt: skip
    page = client.get(_url(calls_world), query).content.decode()
    assert "No consortium can meet the rules" in page
    assert "eligible countries among the lead and the candidates" in page


def test_a_partner_cannot_be_pinned_and_excluded(client, calls_world):
    query = {"lead": "example-emobility", "territory_weight": 0.25, "proposals": 1,
             "pinned": ["example-food"], "excluded": ["example-food"]}  # fmt: skip
    page = client.get(_url(calls_world), query).content.decode()
    assert "cannot be both pinned and excluded" in page and 'class="proposal"' not in page


def test_csv_download_of_the_proposals(client, calls_world):
    query = {"lead": "example-emobility", "territory_weight": 0.25, "proposals": 2,
             "format": "csv"}  # fmt: skip
    response = client.get(_url(calls_world), query)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["proposal", "score", "status", "gap", "role"]
    assert {r[0] for r in rows[1:]} == {"1", "2"}
    assert rows[1][4] == "lead" and rows[1][6] == "example-emobility"


def test_manager_starts_a_collaboration_from_a_proposal(client, calls_world):
    client.force_login(calls_world.user("manager"))
    query = {"lead": "example-emobility", "territory_weight": 0.25, "proposals": 1}
    page = client.get(_url(calls_world), query).content.decode()
    assert "Start a collaboration with proposal 1" in page
    call = calls_world.calls["mobility"]
    response = client.post(
        reverse("collaboration:call-consortium-start", args=[call.pk]),
        {"lead": "example-emobility",
         "partners": ["example-automotive", "example-smart-mobility"], "title": ""},
    )  # fmt: skip
    assert response.status_code == 302
    collaboration = Collaboration.objects.get()
    assert collaboration.title.startswith(call.title) and collaboration.is_example
    try:  # the pipeline's page when installed, else back to the call
        expected = collaboration.get_absolute_url()
    except NoReverseMatch:
        expected = reverse("collaboration:call-detail", args=[call.pk])
    assert response["Location"] == expected


def test_other_managers_see_why_they_cannot_start(client, calls_world):
    client.force_login(calls_world.user("other_manager"))
    query = {"lead": "example-emobility", "territory_weight": 0.25, "proposals": 1}
    page = client.get(_url(calls_world), query).content.decode()
    assert "Start a collaboration" not in page
    assert "Only a manager of Example e-mobility cluster" in page


def test_api_computes_proposals_for_everyone(client, calls_world):
    call = calls_world.calls["mobility"]
    response = client.post(
        f"/api/funding-calls/{call.pk}/consortia/",
        {"lead": "example-emobility", "size": 3, "pinned": ["example-food"],
         "excluded": ["example-automotive"], "proposals": 2},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["feasible"] and len(data["proposals"]) == 2 and data["lead"] == "example-emobility"
    first = data["proposals"][0]
    members = {m["organisation"]: m for m in first["members"]}
    assert members["example-emobility"]["role"] == "lead"
    assert "example-food" in members and "example-automotive" not in members
    partner = members["example-food"]
    assert partner["fit"] == pytest.approx((partner["call_match"] + partner["lead_match"]) / 2,
                                           abs=1e-3)  # fmt: skip
    assert first["status"] == "OPTIMAL" and first["explanation"][0].startswith("Lead:")
    assert not Collaboration.objects.exists()


def test_api_reports_infeasible_and_bad_requests(client, calls_world):
    url = f"/api/funding-calls/{calls_world.calls['mobility'].pk}/consortia/"
    data = client.post(
        url, {"lead": "example-emobility", "excluded": ["example-smart-mobility",
              "example-food", "example-mobility-es"]}, content_type="application/json",
    ).json()  # fmt: skip
    assert data["feasible"] is False and data["proposals"] == [] and data["reasons"]
    for body in (
        {"lead": "example-hidden"},
        {"lead": "example-emobility", "pinned": ["example-hidden"]},
        {"lead": "example-emobility", "pinned": ["example-food"], "excluded": ["example-food"]},
        {"lead": "example-emobility", "proposals": 0},
    ):
        assert client.post(url, body, content_type="application/json").status_code == 400, body
