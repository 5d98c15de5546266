"""The group and roadmap pages fit a 390 px phone, for the secretariat (who sees every part)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from clusterdialogue.dialogue.demo import dialogue_demo_load
from clusterdialogue.dialogue.models import Roadmap
from clusterdialogue.regions.services import network_create_four_motors
from clusterdialogue.testing import factories
from clusterdialogue.testing.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, group_world):
    for code in ("FRK", "DE1", "ES51", "ITC4", "BE2", "UKL"):
        factories.RegionFactory(code=code)
    dialogue_demo_load(network=network_create_four_motors())
    return group_world


def test_pages_fit_a_phone(phone_page: Page, live_server, demo):
    page = phone_page
    sign_in(page, live_server.url, "network_secretariat")
    roadmap = Roadmap.objects.get(group__slug="cluster-dialogue")
    for path in (
        "/dialogue/",
        "/dialogue/cluster-dialogue/",
        "/dialogue/cluster-dialogue/roadmaps/",
        roadmap.get_absolute_url(),
    ):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=f"/tmp/dlg-groups{path.replace('/', '_')}.png", full_page=True)
        assert width <= 390, f"{path} is {width} px wide"
