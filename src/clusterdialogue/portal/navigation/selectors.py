"""What the header and the breadcrumbs show to one visitor on one page, from the menu table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from clusterdialogue.common.permissions import can
from clusterdialogue.portal.navigation.registry import Entry, Place, menu_entries

HOME = "portal:home"


@dataclass(frozen=True)
class MenuLink:
    key: str
    label: str | Promise
    url: str
    current: bool  # the entry the current page belongs to
    exact: bool  # the current page is the entry's own page


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: str | Promise
    links: tuple[MenuLink, ...]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


@dataclass(frozen=True)
class Crumb:
    label: str | Promise
    url: str | None  # None for the current page (and for a group, which has no page of its own)


def _match_length(entry: Entry, view_name: str) -> int:
    """How specifically ``entry`` claims the page (length of its longest matching prefix)."""
    return max((len(p) for p in entry.prefixes() if view_name.startswith(p)), default=0)


def _entry_url(entry: Entry, place: Place) -> str | None:
    kwargs = {}
    if entry.url_kwargs is not None:
        kwargs = entry.url_kwargs(place)
        if kwargs is None:
            return None
    try:
        return reverse(entry.url_name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None  # an app that registered the entry is not installed (or its URLs changed)


def menu_visible(*, place: Place) -> list[MenuGroup]:
    """The groups (in menu order) with the entries this user may see; empty groups are left out.

    Exactly one entry, the one claiming the current page most specifically, is current.
    """
    visible: list[tuple[str, object, list[tuple[Entry, str]]]] = []
    best: tuple[int, str] = (0, "")
    for group, entries in menu_entries():
        links = []
        for entry in entries:
            if entry.rule and not can(place.user, entry.rule):
                continue
            url = _entry_url(entry, place)
            if url is None:
                continue
            links.append((entry, url))
            length = _match_length(entry, place.view_name)
            if length > best[0]:
                best = (length, entry.key)
        if links:
            visible.append((group.key, group.label, links))
    return [
        MenuGroup(
            key=key,
            label=label,
            links=tuple(
                MenuLink(
                    key=entry.key,
                    label=entry.label,
                    url=url,
                    current=entry.key == best[1],
                    exact=entry.key == best[1] and place.view_name == entry.url_name,
                )
                for entry, url in links
            ),
        )
        for key, label, links in visible
    ]


def breadcrumb_trail(
    *,
    place: Place,
    title: str,
    groups: list[MenuGroup] | None = None,
    via: Sequence[Crumb] = (),
) -> list[Crumb]:
    """Home › group › page › ``via`` › this page's title; empty at the top level.

    The top level is the home page and the menu's own pages. A page the menu does not know (an
    account page, say) gets home › its title. ``via`` are the pages between the menu's page and
    this one (a cluster's profile above its history).
    """
    if not place.view_name or place.view_name == HOME:
        return []
    groups = menu_visible(place=place) if groups is None else groups
    trail = [Crumb(_("Home"), reverse(HOME))]
    for group in groups:
        for link in group.links:
            if not link.current:
                continue
            if link.exact and not _has_arguments(place):
                return []  # a page reached straight from the menu is top level
            trail.append(Crumb(group.label, None))
            if not link.exact:
                trail.append(Crumb(link.label, link.url))
    trail.extend(via)
    if title.strip():
        trail.append(Crumb(title, None))
    return trail


def _has_arguments(place: Place) -> bool:
    return bool(place.kwargs)
