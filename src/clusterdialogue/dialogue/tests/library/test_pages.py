"""The library's pages: list, filters, "new since the last meeting", compare, downloads."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from clusterdialogue.dialogue.library.selectors import library_last_meeting
from clusterdialogue.dialogue.models import PolicyInstrument
from clusterdialogue.testing.factories.dialogue import (
    MeetingFactory,
    PolicyInstrumentFactory,
    PracticeCaseFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

URL = "/dialogue/library/"


def _names(response) -> list[str]:
    return [i.name for i in response.context["rows"]]


def test_the_library_lists_instruments_with_their_example_badge(client, library_world):
    assert reverse("dialogue:library") == URL
    response = client.get(URL)
    assert response.status_code == 200
    assert _names(response) == ["Example instrument A", "Example instrument B"]
    assert "example-badge" in response.content.decode()
    assert "data-table" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "training"}, ["Example instrument B"]),
        ({"tag": "energy"}, ["Example instrument A"]),
        ({"language": "de"}, ["Example instrument B"]),
        ({"q": "Training"}, ["Example instrument B"]),
    ],
)
def test_filters(client, library_world, query, expected):
    assert _names(client.get(URL, query)) == expected


def test_territory_filter(client, library_world):
    response = client.get(URL, {"territory": library_world.other_territory.pk})
    assert _names(response) == ["Example instrument B"]


def test_an_empty_result_says_what_to_do(client, library_world):
    response = client.get(URL, {"q": "nothingmatcheszzz"})
    assert _names(response) == []
    assert "empty-state" in response.content.decode()


def test_new_since_the_last_meeting(client, library_world):
    PolicyInstrument.objects.filter(pk=library_world.instrument.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2025, 1, 1))
    )
    response = client.get(URL, {"new": "true"})
    assert _names(response) == ["Example instrument B"]
    assert "New since the last meeting" in response.content.decode()


def test_the_last_meeting_is_the_cluster_dialogues_then_any_groups(library_world):
    other = WorkingGroupFactory(network=library_world.network)
    MeetingFactory(group=other, start=datetime.date(2025, 9, 1), end=datetime.date(2025, 9, 2))
    MeetingFactory(  # proposed, not held
        group=library_world.group, start=datetime.date(2025, 10, 1),
        end=datetime.date(2025, 10, 2), status="proposed",
    )  # fmt: skip
    assert library_last_meeting() == library_world.meeting
    library_world.meeting.delete()
    assert library_last_meeting().group == other


def test_compare_side_by_side_in_the_order_asked(client, library_world):
    a, b = library_world.instrument, library_world.other_instrument
    response = client.get("/dialogue/library/compare/", {"i": [b.pk, a.pk]})
    assert response.status_code == 200
    assert response.context["instruments"] == [b, a]
    html = response.content.decode()
    assert html.index("Example instrument B") < html.index("Example instrument A")


def test_compare_takes_four_at_most(client, library_world):
    extra = [PolicyInstrumentFactory(territory=library_world.territory) for _ in range(4)]
    ids = [library_world.instrument.pk, *[i.pk for i in extra]]
    response = client.get(reverse("dialogue:library-compare"), {"i": ids})
    assert len(response.context["instruments"]) == 4
    assert response.context["too_many"]
    assert client.get(reverse("dialogue:library-compare")).context["instruments"] == []


def test_instrument_and_case_pages(client, library_world):
    case = PracticeCaseFactory(
        territory=library_world.territory, instrument=library_world.instrument
    )
    response = client.get(library_world.instrument.get_absolute_url())
    assert response.status_code == 200
    assert case.title in response.content.decode()
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert library_world.instrument.get_absolute_url() in response.content.decode()


def test_a_case_links_to_the_meeting_where_it_was_presented(client, library_world):
    try:
        meeting_url = library_world.meeting.get_absolute_url()
    except NoReverseMatch:
        pytest.skip("the meeting pages come with the meetings feature (dialogue:meeting-detail)")
    case = PracticeCaseFactory(
        territory=library_world.territory, presented_at=library_world.meeting
    )
    assert meeting_url in client.get(case.get_absolute_url()).content.decode()


def test_downloads_csv_and_xlsx_of_the_filtered_list(client, library_world):
    response = client.get(URL, {"type": "training", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,territory,name,type")
    assert len(lines) == 2 and "Example instrument B" in lines[1]
    response = client.get(URL, {"format": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][2] == "name"
    assert {row[2] for row in rows[1:]} == {"Example instrument A", "Example instrument B"}


def test_the_site_search_has_a_policy_instruments_group(client, library_world):
    from clusterdialogue.portal.search.selectors import site_search

    groups = {g.kind: g for g in site_search(query="training", user=None)}
    assert [h.label for h in groups["instruments"].hits] == ["Example instrument B"]


def test_the_menu_has_the_policy_library(library_world):
    from django.contrib.auth.models import AnonymousUser

    from clusterdialogue.portal.navigation.registry import Place
    from clusterdialogue.portal.navigation.selectors import menu_visible

    place = Place(user=AnonymousUser(), view_name="dialogue:library")
    dialogue = next(group for group in menu_visible(place=place) if group.key == "dialogue")
    assert "Policy library" in [str(link.label) for link in dialogue.links]
    assert dialogue.current
