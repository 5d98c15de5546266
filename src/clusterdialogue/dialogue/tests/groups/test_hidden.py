"""A group the user may not see answers 404 on every dialogue page and API endpoint under it.

Internal groups' existence must not leak: the answer for an internal group is the answer for a
slug no group has (a 403 would say the group is there). Every URL pattern under
``/dialogue/<slug>/`` and ``/api/dialogue/…/<slug>/`` is walked, so a page added later without
``group_get_visible`` fails here.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clusterdialogue.dialogue.groups.selectors import group_get_visible
from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.django_db


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _group_urls(slug: str) -> list[str]:
    """Every route with a group slug in it, under /dialogue/ and /api/dialogue/."""
    urls = []
    for route, _entry in _patterns(get_resolver()):
        if not route.startswith(("dialogue/", "api/")) or "dialogue" not in route:
            continue
        if "<slug:slug>" not in route and "(?P<slug>" not in route:
            continue
        if "(?P<format>" in route:
            continue  # the same endpoint with a .json suffix
        path = route.replace("<slug:slug>", slug)
        path = re.sub(r"\(\?P<slug>[^)]*\)", slug, path)
        path = re.sub(r"<int:\w+>|\(\?P<\w+>\[0-9\]\+\)", "1", path)
        path = re.sub(r"<str:\w+>|\(\?P<\w+>[^)]*\)", "actions", path)
        path = path.replace("^", "").replace("$", "").replace("\\", "")
        urls.append("/" + path)
    return sorted(set(urls))


@pytest.fixture
def hidden(group_world):
    group = group_world.group
    group.is_public = False
    group.save()
    meeting = factories_dialogue.MeetingFactory(group=group, number=1)
    factories_dialogue.RoadmapFactory(group=group)
    return group_world, group, meeting


def test_the_walk_finds_the_pages_of_every_feature(hidden):
    _world, group, _meeting = hidden
    urls = _group_urls(group.slug)
    for fragment in ("/plan/", "/roadmaps/", "/meetings/", "/members/", "/documents/", "/edit/"):
        assert any(fragment in url for url in urls), fragment
    assert any(url.startswith("/api/dialogue/") for url in urls), urls


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_gets_404_everywhere_under_an_internal_group(client, hidden, method):
    world, group, _meeting = hidden
    client.force_login(world.user("outsider"))
    answers = {}
    for url in _group_urls(group.slug):
        response = getattr(client, method)(url)
        missing = getattr(client, method)(url.replace(group.slug, "no-such-group", 1))
        answers[url] = (response.status_code, missing.status_code)
    # The same answer as for a group that does not exist: 404, or 405/403 where the method is
    # refused before any group is looked up (a POST to a read-only page or endpoint).
    different = {url: codes for url, codes in answers.items() if codes[0] != codes[1]}
    assert not different, different
    refused_first = (405, 403) if method == "post" else (405,)
    leaking = {
        url: codes for url, codes in answers.items() if codes[0] not in (404, *refused_first)
    }
    assert not leaking, leaking
    assert sum(code == 404 for code, _missing in answers.values()) >= len(answers) // 2


def test_a_member_is_let_in(client, hidden):
    world, group, _meeting = hidden
    client.force_login(world.user("member"))
    assert client.get(reverse("dialogue:group-detail", args=[group.slug])).status_code == 200
    assert client.get(reverse("dialogue:plan", args=[group.slug])).status_code == 403


def test_the_helper_raises_404_for_hidden_and_unknown_groups(hidden):
    from django.http import Http404

    world, group, _meeting = hidden
    with pytest.raises(Http404):
        group_get_visible(user=world.user("outsider"), slug=group.slug)
    with pytest.raises(Http404):
        group_get_visible(user=world.user("secretariat"), slug="no-such-group")
    assert group_get_visible(user=world.user("member"), slug=group.slug) == group
