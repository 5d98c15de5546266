"""The personal agenda as PDF: table numbers and the partner's profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from clusterdialogue.events.models import Participant
from clusterdialogue.events.tests.conftest import meet
from clusterdialogue.testing.pdf import needs_poppler, pdf_render_and_text

pytestmark = pytest.mark.django_db


@needs_poppler
def test_the_agenda_pdf_renders_with_tables_and_partners(client, events_world, tmp_path: Path):
    w = events_world
    Participant.objects.filter(pk=w.participants["b"].pk).update(
        interests="Offers battery testing; looks for recycling partners."
    )
    meet(w, "a", "b", 1, table=2)
    client.force_login(w.user("manager"))
    page = client.get(reverse("events:agenda", args=[w.event.slug])).content.decode()
    assert reverse("events:agenda-pdf", args=[w.event.slug]) in page
    assert "Offers battery testing" in page
    response = client.get(reverse("events:agenda-pdf", args=[w.event.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_render_and_text(response.content, tmp_path)
    for words in ("Agenda of Example person A", "Meetings", "Example event", "Example person B"):
        assert words in text
    assert "Example cluster B" in text and "Offers battery testing" in text
    assert "2031-05-06 10:00" in text and "Table" in text


def test_the_agenda_pdf_of_someone_else_is_refused(client, events_world):
    w = events_world
    client.force_login(w.user("partner"))
    url = reverse("events:agenda-pdf", args=[w.event.slug])
    assert client.get(f"{url}?participant={w.participants['a'].pk}").status_code == 403
    client.force_login(w.user("organiser"))
    assert client.get(f"{url}?participant={w.participants['a'].pk}").status_code == 200
