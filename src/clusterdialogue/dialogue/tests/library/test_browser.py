"""The library on a phone: list, compare and an instrument fit 390 px; ticking compares."""

from __future__ import annotations

import pytest

from clusterdialogue.testing.factories.dialogue import PolicyInstrumentFactory

pytestmark = pytest.mark.browser

FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def test_the_library_fits_a_phone_and_compares(
    transactional_db, phone_page, live_server, library_world
):
    for n in range(2):
        PolicyInstrumentFactory(
            territory=library_world.territory,
            name=f"Example instrument with a long name for internationalisation support {n}",
            target_groups="Example cluster organisations, their members and research centres",
        )
    page = phone_page
    page.goto(f"{live_server.url}/dialogue/library/")
    assert page.evaluate(FITS)
    boxes = page.locator("input[name=i]")
    for index in range(boxes.count()):
        boxes.nth(index).check()
    page.get_by_role("button", name="Compare the ticked instruments").click()
    page.wait_for_url("**/dialogue/library/compare/**")
    assert page.locator("table.compare thead th").count() == 5  # four columns and the labels
    assert page.evaluate(FITS)
    page.get_by_role("link", name="Example instrument A").first.click()
    assert page.evaluate(FITS)
