"""The demo library holds only labelled examples."""

from __future__ import annotations

import pytest

from clusterdialogue.dialogue.library.services import library_demo_load
from clusterdialogue.dialogue.models import PolicyInstrument, PracticeCase

pytestmark = pytest.mark.django_db


def test_the_demo_library_is_examples_only_and_idempotent(client, library_world):
    PolicyInstrument.objects.all().delete()
    # Cases link to a held meeting when there is one; its page comes with the meetings feature.
    library_world.meeting.delete()
    first = library_demo_load(network=library_world.network)
    again = library_demo_load(network=library_world.network)
    assert first == again and len(first) == 2  # one per territory, up to three
    assert all(i.is_example and i.name.startswith("Example instrument") for i in first)
    assert PracticeCase.objects.filter(is_example=False).count() == 0
    html = client.get("/dialogue/library/").content.decode()
    assert html.count("example-badge") >= len(first)
