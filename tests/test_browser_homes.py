"""The signed-in homes in a real browser: a cluster manager, a representative, the secretariat.

Each signs in, lands on their home and finds their sections with the example data of
``testing/homes.py`` (never real organisations); a link from each home leads on to the work.
Screenshots go to the test's ``tmp_path``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from clusterdialogue.testing.browser import sign_in as browser_sign_in
from clusterdialogue.testing.browser import sign_out
from clusterdialogue.testing.homes import homes_world_build

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, live_server, board_world):
    return homes_world_build(board_world)


def sign_in(page: Page, base: str, username: str) -> None:
    """Sign in from the sign-in page; the site then opens the user's home."""
    browser_sign_in(page, base, username)
    expect(page).to_have_url(f"{base}/accounts/")


def shot(page: Page, directory: Path, name: str) -> None:
    page.screenshot(path=str(directory / f"home_{name}.png"), full_page=True)


def test_each_role_finds_its_home(world, live_server, browser_page, tmp_path):
    page, base = browser_page, live_server.url

    # The cluster manager: "my cluster", with what is missing and what matches it.
    sign_in(page, base, "role_manager")
    cluster = page.locator("#my-cluster-example-cluster-a")
    expect(cluster.get_by_role("heading", name="My cluster: Example cluster A")).to_be_visible()
    expect(cluster.locator(".completeness strong")).to_have_text("50 %")
    expect(cluster.locator("ul.missing li")).to_have_count(6)
    expect(cluster.locator("ol.suggestions li").first).to_be_visible()
    expect(cluster.get_by_role("link", name=re.compile(world.matched_post.title))).to_be_visible()
    expect(cluster.get_by_role("link", name=world.collaboration.title)).to_be_visible()
    notifications = page.locator("#notifications")
    expect(notifications.get_by_role("link", name=world.notification.message)).to_be_visible()
    expect(page.locator("#secretariat")).to_have_count(0)
    expect(page.locator(".my-territory")).to_have_count(0)
    shot(page, tmp_path, "manager")
    # A missing item leads to its field of the profile form.
    cluster.locator('li[data-item="partnering"]').get_by_role("link").click()
    expect(page.get_by_role("heading", name="Propose a change to the profile")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/clusters/example-cluster-a/edit/#id_profile-offers$"))
    sign_out(page)

    # The representative: "my territory", the changes to validate, the clusters, the mapping.
    sign_in(page, base, "role_representative")
    territory = page.locator("#my-territory-QA1")
    expect(territory.get_by_role("heading", name="My territory: Territory A")).to_be_visible()
    waiting = territory.locator("table.changes-waiting")
    expect(waiting).to_contain_text("Example cluster A")
    expect(waiting).not_to_contain_text("Example cluster B")
    expect(territory.locator("table.below-criteria")).to_contain_text("Example battery cluster A2")
    expect(territory.locator("table.specialisations tbody tr").first).to_contain_text("C27")
    expect(page.locator(".my-cluster")).to_have_count(0)
    expect(page.locator("#secretariat")).to_have_count(0)
    shot(page, tmp_path, "representative")
    territory.get_by_role("link", name="Open the validation queue").click()
    expect(page).to_have_url(f"{base}/clusters/changes/")
    sign_out(page)

    # The secretariat: everything waiting, upcoming work, the imports.
    sign_in(page, base, "role_secretariat")
    secretariat = page.locator("#secretariat")
    expect(secretariat.get_by_role("heading", name="Network secretariat")).to_be_visible()
    rows = secretariat.locator("table.changes-by-territory tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Territory A")
    expect(secretariat.locator("table.invitations")).to_contain_text(world.invitation.email)
    expect(secretariat.locator("table.calls-closing")).to_contain_text(world.call_soon.title)
    expect(secretariat.locator("table.calls-closing")).not_to_contain_text(
        world.hidden_call_later.title
    )
    expect(secretariat.locator("table.recent-moves")).to_contain_text(world.collaboration.title)
    expect(page.locator(".my-cluster")).to_have_count(0)
    expect(page.locator(".my-territory")).to_have_count(0)
    shot(page, tmp_path, "secretariat")
    secretariat.get_by_role("link", name="Import cluster profiles").click()
    expect(page).to_have_url(f"{base}/clusters/import/")
    sign_out(page)
