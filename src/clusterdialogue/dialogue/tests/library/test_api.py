"""The library's read-only API: list, detail and filters."""

from __future__ import annotations

import pytest

from clusterdialogue.dialogue.models import PolicyInstrument, PracticeCase
from clusterdialogue.testing.factories.dialogue import PracticeCaseFactory

pytestmark = pytest.mark.django_db

INSTRUMENTS = "/api/dialogue/policy-instruments/"
CASES = "/api/dialogue/practice-cases/"


def test_list_detail_and_filters(client, library_world):
    body = client.get(INSTRUMENTS).json()
    assert [row["name"] for row in body["results"]] == [
        "Example instrument A",
        "Example instrument B",
    ]
    row = body["results"][0]
    assert row["territory"] == library_world.territory.region.code
    assert row["is_example"] is True and row["page"] == library_world.instrument.get_absolute_url()
    assert client.get(f"{INSTRUMENTS}{library_world.instrument.pk}/").json()["tags"] == ["energy"]
    assert [r["name"] for r in client.get(INSTRUMENTS, {"type": "training"}).json()["results"]] == [
        "Example instrument B"
    ]
    assert [r["name"] for r in client.get(INSTRUMENTS, {"tag": "energy"}).json()["results"]] == [
        "Example instrument A"
    ]
    assert [r["name"] for r in client.get(INSTRUMENTS, {"q": "training"}).json()["results"]] == [
        "Example instrument B"
    ]


def test_cases_and_read_only(client, library_world):
    case = PracticeCaseFactory(territory=library_world.territory, kind="lesson_learned")
    body = client.get(CASES, {"kind": "lesson_learned"}).json()
    assert [r["title"] for r in body["results"]] == [case.title]
    assert client.get(CASES, {"kind": "good_practice"}).json()["results"] == []
    client.force_login(library_world.user("secretariat"))
    # No write route at all (DRF's CSRF check may answer first, with 403).
    assert client.post(INSTRUMENTS, {"name": "x"}).status_code in (403, 405)
    assert client.delete(f"{CASES}{case.pk}/").status_code in (403, 405)
    assert client.options(INSTRUMENTS).json()["name"]
    assert PracticeCase.objects.filter(pk=case.pk).exists()
    assert not PolicyInstrument.objects.filter(name="x").exists()
