"""The demo's example event: labelled as an example, open for registration, with meeting slots,
and no participant (nothing is claimed about real organisations)."""

from __future__ import annotations

import datetime as dt

import pytest

from clusterdialogue.events.demo import SLUG, events_demo_load
from clusterdialogue.events.models import Event
from clusterdialogue.testing import factories

pytestmark = pytest.mark.django_db


def test_example_event_is_labelled_open_and_idempotent(client):
    network = factories.NetworkFactory(slug="example-demo-network")
    factories.TerritoryFactory(network=network, role="associate")
    host = factories.TerritoryFactory(network=network, role="partner")
    today = dt.date(2027, 3, 5)  # a Friday: 60 days later is a Tuesday
    event = events_demo_load(network=network, today=today)
    assert events_demo_load(network=network, today=today) == event
    assert Event.objects.filter(slug=SLUG).count() == 1
    assert event.is_example and "not a real event" in event.title
    assert event.host_territory == host and event.start.weekday() < 5
    assert event.registration_opens <= today <= event.registration_closes
    assert event.sessions.filter(kind="meetings").count() == 4
    assert not event.participants.exists()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Example B2B meeting day" in page


def test_no_example_event_without_a_partner_territory():
    network = factories.NetworkFactory(slug="example-empty-network")
    assert events_demo_load(network=network) is None
    assert events_demo_load(network=None) is None
