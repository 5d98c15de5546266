"""The sample call and the consortium builder, in a real browser.

The example calls shipped with the platform are imported (flagged as examples) into a small
directory of invented "Example …" clusters (``calls_world``). A visitor opens the sample
mobility call, sees the matching clusters, builds consortia for a lead and reads the proposals
with their explanations; a manager of the lead then starts a collaboration from one.
Screenshots go to /tmp/calls_*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from clusterdialogue.collaboration.calls.services import funding_calls_load_examples
from clusterdialogue.collaboration.models import Collaboration

pytestmark = pytest.mark.browser

SCREENSHOTS = Path("/tmp")
SAMPLE_CALL = "Example call – Zero-emission mobility: electric vehicles and batteries"


@pytest.fixture
def world(transactional_db, live_server, calls_world):
    funding_calls_load_examples()
    return calls_world


def test_sample_call_consortium_builder(world, live_server, browser_page):
    page, base = browser_page, live_server.url

    # The calls list shows the sample calls with their example badge.
    page.goto(f"{base}/collaboration/calls/")
    expect(page.get_by_role("heading", name="Funding calls")).to_be_visible()
    expect(page.locator("table.calls .example-badge")).to_have_count(3 + 2)  # + calls_world's
    page.screenshot(path=str(SCREENSHOTS / "calls_list.png"), full_page=True)

    # The sample call: its rules, the example note and the clusters matching its topic.
    page.get_by_role("link", name=SAMPLE_CALL).click()
    expect(page.get_by_role("heading", name=SAMPLE_CALL)).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text("not a real call")
    matches = page.locator("table.call-matches tbody tr")
    expect(matches.first).to_contain_text("Example")
    top = " ".join(matches.nth(i).inner_text() for i in range(3))
    assert "Example e-mobility cluster" in top and "Example health cluster" not in top
    page.screenshot(path=str(SCREENSHOTS / "calls_detail.png"), full_page=True)

    # A visitor builds consortia for a lead: proposals with partners and explanations.
    page.get_by_role("link", name="Build a consortium").click()
    page.get_by_label("Lead cluster").select_option("example-emobility")
    page.get_by_label("Number of proposals").fill("2")
    page.get_by_label("Exclude partners").select_option(["example-food"])
    page.get_by_role("button", name="Build consortia").click()
    proposals = page.locator("article.proposal")
    expect(proposals).to_have_count(2)
    first = proposals.first
    expect(first.get_by_role("heading")).to_contain_text("Proposal 1: score")
    expect(first.locator("table.members tbody tr").first).to_contain_text("Example e-mobility")
    expect(first.locator(".explanation")).to_contain_text("Rules met:")
    expect(first.locator(".explanation")).to_contain_text("Why ")
    expect(first.locator(".explanation")).to_contain_text("Search: proven best")
    expect(page.locator("article.proposal", has_text="Example food cluster")).to_have_count(0)
    expect(page.get_by_role("button", name="Start a collaboration with proposal 1")).to_have_count(
        0
    )
    expect(page.get_by_role("link", name="Download CSV")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "calls_consortium.png"), full_page=True)

    # Rules no consortium can meet are explained in plain words.
    page.get_by_label("Size (members, the lead included)").fill("8")
    page.get_by_role("button", name="Build consortia").click()
    expect(page.get_by_role("heading", name="No consortium can meet the rules")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "calls_infeasible.png"), full_page=True)

    # The lead's manager starts a collaboration from proposal 1.
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("User name").fill("calls_manager")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.goto(f"{base}/collaboration/calls/")
    page.get_by_role("link", name=SAMPLE_CALL).click()
    page.get_by_role("link", name="Build a consortium").click()
    expect(page.get_by_label("Lead cluster")).to_have_value("example-emobility")  # the default
    page.get_by_role("button", name="Build consortia").click()
    expect(page.locator("article.proposal")).to_have_count(3)
    page.screenshot(path=str(SCREENSHOTS / "calls_manager.png"), full_page=True)
    page.get_by_role("button", name="Start a collaboration with proposal 1").click()
    page.wait_for_load_state()
    collaboration = Collaboration.objects.get()
    assert collaboration.lead.slug == "example-emobility" and collaboration.is_example
    assert collaboration.stage == "identified" and collaboration.partners.count() >= 3
    assert page.url == f"{base}{collaboration.get_absolute_url()}"  # the pipeline's page
    page.screenshot(path=str(SCREENSHOTS / "calls_started.png"), full_page=True)


def test_secretariat_imports_calls(world, live_server, browser_page, tmp_path):
    page, base = browser_page, live_server.url
    header = "id,programme,title,topic,opening,deadline,min_partners,min_countries\n"
    bad = tmp_path / "calls.csv"
    bad.write_text(header + "EXAMPLE-9,Interreg Europe,Example call 9,,2026-05-01,2026-04-01,3,3\n")
    page.goto(f"{base}/accounts/login/?next=/collaboration/calls/")
    page.get_by_label("User name").fill("calls_secretariat")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Import calls (CSV or JSON)").click()
    page.get_by_label("CSV or JSON file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".errorlist")).to_contain_text(
        "calls.csv, line 2, field 'deadline': the deadline 2026-04-01 is before the opening"
    )
    page.screenshot(path=str(SCREENSHOTS / "calls_import_error.png"), full_page=True)
    bad.write_text(header + "EXAMPLE-9,Interreg Europe,Example call 9,,2026-03-01,2026-04-01,3,3\n")
    page.get_by_label("CSV or JSON file").set_input_files(str(bad))
    page.get_by_label("These are example calls").check()
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("status")).to_contain_text("1 example call read; 1 created")
    page.screenshot(path=str(SCREENSHOTS / "calls_import.png"), full_page=True)
    page.get_by_role("link", name="Example call 9").click()
    expect(page.get_by_role("heading", name="Example call 9")).to_be_visible()
