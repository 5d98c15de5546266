"""The planner on the group's tables: what it reads, confirming and overriding, the demo."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import holidays
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clusterdialogue.core.scheduling import reason_text
from clusterdialogue.dialogue.demo import dialogue_demo_load
from clusterdialogue.dialogue.models import BlockedPeriod, Meeting, WorkingGroup
from clusterdialogue.dialogue.planning.services import (
    blocked_period_create,
    host_event_create,
    meeting_confirm_from_plan,
    meetings_plan_for_group,
)
from clusterdialogue.regions.services import network_create_four_motors
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories import dialogue as factories_dialogue


def _texts(proposal) -> list[str]:
    """The proposal's reasons in English, as the command line writes them."""
    return [reason_text(reason) for reason in proposal.reasons]


pytestmark = pytest.mark.django_db

START = dt.date(2027, 1, 1)


def days_of(proposal):
    return [
        proposal.start + dt.timedelta(days=i)
        for i in range((proposal.end - proposal.start).days + 1)
    ]


def test_plan_reads_history_periods_and_events(planning_world):
    group, territories = planning_world.group, planning_world.territories
    factories_dialogue.MeetingFactory(
        group=group,
        host_territory=territories["ES51"],
        start=dt.date(2026, 10, 6),
        end=dt.date(2026, 10, 7),
    )
    factories_dialogue.MeetingFactory(  # cancelled meetings do not count
        group=group, host_territory=territories["DE1"], start=dt.date(2026, 11, 3),
        end=dt.date(2026, 11, 4), status=Meeting.Status.CANCELLED,
    )  # fmt: skip
    school = blocked_period_create(
        group=group, kind="school_holidays", territory=territories["BE2"],
        start=dt.date(2027, 4, 5), end=dt.date(2027, 4, 16), note="Example school holidays",
    )  # fmt: skip
    away = blocked_period_create(
        group=group, kind="unavailable", member=planning_world.members["member"],
        start=dt.date(2027, 4, 19), end=dt.date(2027, 4, 23),
    )  # fmt: skip
    host_event_create(
        group=group, territory=territories["ES51"], name="Example fair", start=dt.date(2027, 10, 12),
        end=dt.date(2027, 10, 14), is_example=True,
    )  # fmt: skip
    plan = meetings_plan_for_group(group=group, start=START, meetings=2)
    assert [p.territory for p in plan] == ["DE1", "ES51"]  # ES51 hosted last; BE2 is an associate
    assert plan[0].city == "Example city DE1"
    for period in (school, away):
        assert not any(period.start <= day <= period.end for day in days_of(plan[0]))
    assert any("Example member (member)" in reason for reason in _texts(plan[0]))
    assert any(reason.startswith("Aligned with Example fair") for reason in _texts(plan[1]))
    with_associates = meetings_plan_for_group(
        group=group, start=START, meetings=3, include_associates=True
    )
    assert "BE2" in {p.territory for p in with_associates}


def test_confirm_as_proposed_and_override_with_reason(planning_world):
    group, territories = planning_world.group, planning_world.territories
    first, second = meetings_plan_for_group(group=group, start=START, meetings=2)
    meeting = meeting_confirm_from_plan(group=group, proposal=first)
    assert meeting.status == Meeting.Status.CONFIRMED
    assert (meeting.host_territory.region.code, meeting.start, meeting.end) == (
        first.territory,
        first.start,
        first.end,
    )
    assert meeting.plan_reasons.splitlines() == list(_texts(first))
    assert meeting.override_reason == ""

    with pytest.raises(ValidationError) as error:
        meeting_confirm_from_plan(group=group, proposal=second, host_territory=territories["BE2"])
    assert "override_reason" in error.value.message_dict
    assert Meeting.objects.filter(group=group).count() == 1  # nothing stored on error

    overridden = meeting_confirm_from_plan(
        group=group, proposal=second, host_territory=territories["BE2"], city="Example city BE2",
        override_reason="Flanders offered to host this year",
    )  # fmt: skip
    assert overridden.override_reason == "Flanders offered to host this year"
    assert overridden.host_territory == territories["BE2"]
    assert overridden.previous == meeting
    assert overridden.number == meeting.number + 1
    # The confirmed meetings now count in the rotation.
    nxt = meetings_plan_for_group(group=group, start=START, meetings=1)[0]
    assert nxt.start > overridden.end and nxt.territory != "BE2"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"kind": "school_holidays", "territory": None}, "territory"),
        ({"kind": "unavailable", "member": None}, "member"),
        ({"kind": "school_holidays", "end": dt.date(2027, 1, 1)}, "end"),
        ({"kind": "holidays"}, "kind"),
    ],
)
def test_bad_periods_name_the_field_and_store_nothing(planning_world, arguments, field):
    values = {
        "group": planning_world.group, "territory": planning_world.territories["DE1"],
        "start": dt.date(2027, 2, 1), "end": dt.date(2027, 2, 5), **arguments,
    }  # fmt: skip
    with pytest.raises(ValidationError) as error:
        blocked_period_create(**values)
    assert field in error.value.message_dict
    assert not BlockedPeriod.objects.exists()


def test_plan_page_shows_reasons_and_the_override(client, planning_world):
    group = planning_world.group
    client.force_login(planning_world.user("chair"))
    url = reverse("dialogue:plan", args=[group.slug]) + "?start=2027-01-01&meetings=2"
    page = client.get(url)
    assert page.status_code == 200
    assert "Fair rotation" in page.content.decode()
    first = page.context["rows"][0]["proposal"]
    response = client.post(url, {
        "meeting": 1, "host_territory": planning_world.territories["ES51"].pk, "city": "Example city ES51",
        "start": first.start.isoformat(), "end": first.end.isoformat(), "override_reason": "",
    })  # fmt: skip
    assert response.status_code == 400
    assert "Say why you choose another host" in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(url, {
        "meeting": 1, "host_territory": planning_world.territories["ES51"].pk, "city": "Example city ES51",
        "start": first.start.isoformat(), "end": first.end.isoformat(),
        "override_reason": "The fair in Barcelona",
    }, follow=True)  # fmt: skip
    assert Meeting.objects.get().override_reason == "The fair in Barcelona"
    assert "The fair in Barcelona" in response.content.decode()
    csv = client.get(
        reverse("dialogue:plan-csv", args=[group.slug]) + "?start=2027-01-01&meetings=2"
    )
    assert csv.content.decode().splitlines()[0] == "meeting,host_territory,city,start,end,reasons"


def test_menu_shows_the_planner_to_managers_only(client, planning_world):
    for role, shown in (
        ("chair", True),
        ("secretariat", True),
        ("member", False),
        ("outsider", False),
    ):
        client.force_login(planning_world.user(role))
        page = client.get(reverse("dialogue:plan-unavailability", args=[planning_world.group.slug]))
        html = client.get("/").content.decode()
        assert ("Meeting planner" in html) is shown, role
        if role == "member":
            assert page.status_code == 200


def demo_network():
    for code in ("FRK", "DE1", "ES51", "ITC4", "BE2", "UKL"):
        factories.RegionFactory(code=code)
    network = network_create_four_motors()
    dialogue_demo_load(network=network)
    return WorkingGroup.objects.get(slug="cluster-dialogue")


def test_demo_history_rotates_over_the_six_territories_since_2008():
    group = demo_network()
    meetings = list(group.meetings.order_by("start"))
    assert meetings[0].start.year == 2008 and meetings[-1].start.year == 2026
    assert all(m.is_example and m.title.startswith("Example meeting") for m in meetings)
    hosts = Counter(m.host_territory.region.code for m in meetings)
    assert set(hosts) == {"FRK", "DE1", "ES51", "ITC4", "BE2", "UKL"}
    assert max(hosts.values()) - min(hosts.values()) <= 1
    assert BlockedPeriod.objects.filter(note__startswith="Example").exists()
    dialogue_demo_load(network=group.network)  # again: nothing doubles
    assert group.meetings.count() == len(meetings)
    plan = meetings_plan_for_group(group=group, start=START, meetings=4)
    assert {p.territory for p in plan} == {"FRK", "DE1", "ES51", "ITC4"}
    assert any(r.startswith("Aligned with Example trade fair") for p in plan for r in _texts(p))
    calendars = [
        holidays.country_holidays(*spec, years=[2027, 2028])
        for spec in (("FR",), ("DE", "BW"), ("ES", "CT"), ("IT", "MI"), ("BE",), ("GB", "WLS"))
    ]
    for proposal in plan:
        for day in days_of(proposal):
            assert day.weekday() < 5 and (day.month, day.day) != (7, 11)
            assert not any(day in calendar for calendar in calendars)
