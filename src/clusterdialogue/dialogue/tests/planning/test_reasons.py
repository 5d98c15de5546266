"""The planner's reasons: data from the core, English on the command line, translated on the
pages, in the API and in the CSV downloaded from the page."""

from __future__ import annotations

import datetime as dt
from html import escape

import pytest
from django.urls import reverse
from django.utils import translation

from clusterdialogue.core.scheduling import (
    REASON_CODES,
    HostEvent,
    PastMeeting,
    Period,
    Reason,
    TerritorySpec,
    meetings_plan,
    reason_params_plain,
    reason_text,
)
from clusterdialogue.dialogue.planning.reasons import WORDING, reason_display

LANGUAGES = ("fr", "de", "it", "es", "ca", "nl")
TERRITORIES = [
    TerritorySpec("DE1", "Baden-Württemberg", "Stuttgart"),
    TerritorySpec("ES51", "Catalonia", "Barcelona"),
    TerritorySpec("FRK", "Auvergne-Rhône-Alpes", "Lyon"),
    TerritorySpec("BE2", "Flanders", "Brussels", associate=True),
]
HISTORY = [PastMeeting("FRK", dt.date(2025, 4, 10), dt.date(2025, 4, 11))]
BLOCKED = [
    Period("ES51", dt.date(2027, 3, 25), dt.date(2027, 4, 5), "Example Easter holidays"),
    Period(None, dt.date(2027, 8, 1), dt.date(2027, 8, 31), ""),
]
UNAVAILABLE = [Period("DE1", dt.date(2027, 4, 12), dt.date(2027, 4, 14), "Example member")]
EVENTS = [
    HostEvent("DE1", dt.date(2027, 4, 20), dt.date(2027, 4, 22), "Example fair"),
    HostEvent("ES51", dt.date(2027, 10, 16), dt.date(2027, 10, 17), "Example weekend fair"),
]


def _plans():
    """Plans that between them give every reason code."""
    for per_year, days, include, history in [
        (2, 2, False, HISTORY), (1, 1, True, ()), (3, 3, False, ()), (4, 2, False, HISTORY),
        (2, 1, False, ()),
    ]:  # fmt: skip
        yield meetings_plan(
            territories=TERRITORIES, start=dt.date(2027, 1, 1), meetings=6, per_year=per_year,
            days=days, include_associates=include, history=history, blocked=BLOCKED,
            unavailable=UNAVAILABLE if per_year == 2 else (), events=EVENTS,
        )  # fmt: skip

    # The fair falls in the host's long school holidays: the meeting cannot be placed next to it.
    yield meetings_plan(
        territories=TERRITORIES[:2], start=dt.date(2027, 1, 1), meetings=1,
        blocked=[Period("DE1", dt.date(2027, 4, 1), dt.date(2027, 5, 5), "Example long holidays")],
        events=EVENTS[:1],
    )  # fmt: skip


def _reasons() -> list[Reason]:
    return [reason for plan in _plans() for proposal in plan for reason in proposal.reasons]


def test_the_core_gives_codes_and_parameters_not_sentences():
    reasons = _reasons()
    assert all(isinstance(reason, Reason) for reason in reasons)
    assert {reason.code for reason in reasons} == REASON_CODES
    for reason in reasons:
        for value in reason.params.values():
            assert not (isinstance(value, str) and " " in value and value.islower()), reason


def test_every_code_has_a_translated_wording():
    assert set(WORDING) == REASON_CODES


def test_in_english_the_pages_say_what_the_command_line_writes():
    with translation.override("en"):
        for reason in _reasons():
            assert reason_display(reason) == reason_text(reason)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_words_every_reason_in_its_own_words(language):
    reasons = {reason.code: reason for reason in _reasons()}
    with translation.override(language):
        for code, reason in reasons.items():
            text = reason_display(reason)
            assert text != reason_text(reason), (language, code, text)
    with translation.override(language):
        dates = reason_display(reasons["dates"])
    english_days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    assert not any(day in dates for day in english_days), dates


def test_french_wording_of_a_host_and_its_dates():
    host = Reason(
        "host_longest_ago",
        {"name": "Lombardy", "territory": "ITC4", "last_year": 2025, "years_ago": 2},
    )
    dates = Reason("dates", {
        "per_year": 2, "index": 1, "year": 2027, "point": dt.date(2027, 10, 15),
        "start": dt.date(2027, 10, 14), "end": dt.date(2027, 10, 15), "days": 2, "weekdays": (3, 4),
    })  # fmt: skip
    with translation.override("fr"):
        assert "2025" in reason_display(host) and "ITC4" in reason_display(host)
        assert "il y a 2 ans" in reason_display(host)
        text = reason_display(dates)
    assert "octobre" in text and "jeudi" in text and "2027" in text


def test_plain_parameters_for_json():
    reason = next(r for r in _reasons() if r.code == "holidays_free" and r.params["avoided"])
    plain = reason_params_plain(reason.params)
    day, name, codes = plain["avoided"][0]
    assert dt.date.fromisoformat(day) and isinstance(name, str) and isinstance(codes, list)


@pytest.mark.django_db
def test_the_page_and_its_csv_speak_the_readers_language(client, planning_world):
    client.force_login(planning_world.user("chair"))
    url = reverse("dialogue:plan", args=[planning_world.group.slug]) + "?start=2027-01-01"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert b"Fair rotation: meetings hosted so far" in english.content
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert b"Fair rotation" not in french.content
    with translation.override("fr"):
        rotation = reason_display(Reason("rotation", {"counts": (("DE1", 0),)})).split("DE1")[0]
    assert escape(rotation).encode() in french.content
    csv_url = reverse("dialogue:plan-csv", args=[planning_world.group.slug]) + "?start=2027-01-01"
    lines = client.get(csv_url, HTTP_ACCEPT_LANGUAGE="fr").content.decode().splitlines()
    assert lines[0] == "meeting,host_territory,city,start,end,reasons"
    assert rotation in lines[1] and "Fair rotation" not in lines[1]
