"""The organiser's report: figures overall and by territory, as a page, a CSV and a PDF."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse

from clusterdialogue.events.b2b import services as b2b
from clusterdialogue.events.live.services import meeting_mark
from clusterdialogue.events.models import Participant
from clusterdialogue.events.outcomes.services import meeting_outcome_record
from clusterdialogue.events.report.selectors import event_report, report_table
from clusterdialogue.events.tests.conftest import meet
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.pdf import needs_poppler, pdf_render_and_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_world(past_world):
    """A, B, C in the example territory; D in a second territory of the network.

    Requests: A-B (held, follow-up), A-D (held, joint application), C-D (no-show),
    B-C pending, B-D declined.
    """
    w = past_world
    other = factories.RegionFactory(code="QY1", name="Other example territory")
    factories.TerritoryFactory(network=w.network, region=other, name="Other example territory")
    w.organisations["d"] = factories_clusters.ClusterOrganisationFactory(
        name="Example cluster D", slug="example-cluster-d", region=other
    )
    w.participants["d"] = Participant.objects.create(
        event=w.event, organisation=w.organisations["d"], name="Example person D",
        email="person-d@example.org", status=Participant.Status.APPROVED,
    )  # fmt: skip
    ab = meet(w, "a", "b", 0, table=1)
    ad = meet(w, "a", "d", 1, table=1)
    cd = meet(w, "c", "d", 0, table=2)
    secretariat = w.user("secretariat")
    meeting_outcome_record(meeting=ab, kind="follow_up", user=secretariat)
    meeting_outcome_record(meeting=ad, kind="joint_application", user=secretariat)
    meeting_mark(meeting=cd, status="no_show")
    b2b.meeting_request_create(requester=w.participants["b"], partner=w.participants["c"])
    declined = b2b.meeting_request_create(
        requester=w.participants["b"], partner=w.participants["d"]
    )
    b2b.meeting_request_respond(request=declined, by=w.participants["d"], accept=False)
    return w


def test_the_figures_overall_and_by_territory(report_world):
    report = event_report(event=report_world.event)
    o = report.overall
    assert (o.requested, o.accepted, o.scheduled, o.held, o.no_show, o.follow_ups) == (
        5, 3, 3, 2, 1, 2,
    )  # fmt: skip
    assert o.cross_territory == 2 and o.cross_territory_percent == "67%"
    assert o.outcomes == {"follow_up": 1, "joint_application": 1}
    by = {row.label: row for row in report.territories}
    assert set(by) == {"Example territory", "Other example territory"}
    inner, other = by["Example territory"], by["Other example territory"]
    assert (inner.requested, inner.scheduled, inner.cross_territory) == (5, 3, 2)
    assert (other.requested, other.accepted, other.scheduled, other.no_show) == (3, 2, 2, 1)
    assert other.cross_territory_share == 1.0


def test_the_csv_has_one_row_overall_and_one_per_territory(client, report_world):
    w = report_world
    client.force_login(w.user("organiser"))
    response = client.get(reverse("events:report-csv", args=[w.event.slug]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Territory", "Requested", "Accepted"]
    assert [r[0] for r in rows[1:]] == [
        "All territories", "Example territory", "Other example territory",
    ]  # fmt: skip
    assert rows[1][1:9] == ["5", "3", "3", "2", "1", "2", "2", "66.7"]
    assert report_table(event_report(event=w.event))[1][0][0] == "All territories"


def test_the_page_shows_the_figures(client, report_world):
    w = report_world
    client.force_login(w.user("organiser"))
    page = client.get(reverse("events:report", args=[w.event.slug])).content.decode()
    assert "Other example territory" in page and "67%" in page
    assert reverse("events:report-pdf", args=[w.event.slug]) in page


@pytest.mark.parametrize("role", ["manager", "outsider"])
def test_participants_get_no_report(client, report_world, role):
    client.force_login(report_world.user(role))
    for name in ("report", "report-csv", "report-pdf"):
        url = reverse(f"events:{name}", args=[report_world.event.slug])
        assert client.get(url).status_code == 403


@needs_poppler
def test_the_pdf_renders_and_holds_the_sections(client, report_world, tmp_path: Path):
    w = report_world
    client.force_login(w.user("organiser"))
    response = client.get(reverse("events:report-pdf", args=[w.event.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_render_and_text(response.content, tmp_path)
    for section in ("Event report", "Overall", "Outcomes", "By territory", "Example event"):
        assert section in text
    assert "Other example territory" in text and "67%" in text
