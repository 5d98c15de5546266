"""iCalendar files and feeds (parsed back with icalendar) and the agenda and minutes as PDF."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import zoneinfo
from pathlib import Path

import pytest
from django.urls import reverse
from icalendar import Calendar

from clusterdialogue.dialogue.meetings import services

pytestmark = pytest.mark.django_db


def _calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_meeting_ics_is_an_all_day_event_with_location_and_link(client, meetings_world):
    w = meetings_world
    url = reverse("dialogue:meeting-ics", args=[w.group.slug, 1])
    calendar = _calendar(client.get(url))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime.date(2031, 5, 6)
    assert event.decoded("dtend") == datetime.date(2031, 5, 8)  # exclusive end of an all-day event
    assert str(event["location"]) == "Example hall, Example city"
    assert str(event["url"]) == "http://testserver" + w.meeting.get_absolute_url()
    assert "dtstamp" in event
    again = _calendar(client.get(url)).walk("VEVENT")[0]
    assert str(again["uid"]) == str(event["uid"])  # stable
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_timed_meeting_carries_its_tzid(client, meetings_world):
    w = meetings_world
    w.meeting.starts_at = datetime.time(9, 30)
    w.meeting.ends_at = datetime.time(17, 0)
    w.meeting.save()
    calendar = _calendar(client.get(reverse("dialogue:meeting-ics", args=[w.group.slug, 1])))
    event = calendar.walk("VEVENT")[0]
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    start = event.decoded("dtstart")
    assert start == datetime.datetime(2031, 5, 6, 9, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
    assert event.decoded("dtend").hour == 17


def test_group_feed_lists_every_visible_meeting_with_each_time_zone(client, meetings_world):
    w = meetings_world
    services.meeting_create(
        group=w.group,
        start=datetime.date(2031, 11, 4),
        timezone_name="Europe/Madrid",
        city="Example",
    )
    services.meeting_create(
        group=w.group, start=datetime.date(2032, 5, 4), title="Internal", is_public=False
    )
    calendar = _calendar(client.get(reverse("dialogue:meeting-feed", args=[w.group.slug])))
    summaries = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert len(summaries) == 2 and "Internal" not in summaries
    assert {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")} == {
        "Europe/Berlin",
        "Europe/Madrid",
    }
    assert len({str(e["uid"]) for e in calendar.walk("VEVENT")}) == 2
    client.force_login(w.user("member"))
    calendar = _calendar(client.get(reverse("dialogue:meeting-feed", args=[w.group.slug])))
    assert len(calendar.walk("VEVENT")) == 3


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils is not installed")
@pytest.mark.parametrize("kind", ["agenda", "minutes"])
def test_pdf_renders_and_holds_the_sections(client, meetings_world, tmp_path: Path, kind):
    w = meetings_world
    item = services.agenda_item_add(
        meeting=w.meeting, title="Cluster programmes compared", duration_minutes=30
    )
    services.minute_write(item=item, text="Each territory presented its programme.")
    services.decision_add(meeting=w.meeting, text="Compare the labelling schemes.")
    services.action_add(meeting=w.meeting, title="Collect the budgets")
    services.minutes_publish(meeting=w.meeting)
    response = client.get(reverse(f"dialogue:meeting-{kind}-pdf", args=[w.group.slug, 1]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / f"{kind}.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 1000
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Agenda" in text and "Cluster programmes compared" in text
    assert "Example meeting" in text
    if kind == "minutes":
        for section in ("Minutes", "Attendance", "Decisions", "Actions"):
            assert section in text
        assert "Each territory presented its programme." in text
        assert "Compare the labelling schemes." in text
    else:
        assert "Each territory presented" not in text
