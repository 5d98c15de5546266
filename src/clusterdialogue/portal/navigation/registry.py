"""The site's menu, declared once: groups in a fixed order, each with its entries.

The header, the phone menu and the breadcrumbs are all computed from this table
(``selectors.py``). An app adds its pages by registering entries into a group, typically from its
``AppConfig.ready()``::

    menu_entry_register(group="dialogue", entry=Entry("dialogue-rooms", _("Rooms"), "dialogue:list"))

A group without a visible entry is not shown, so the ``dialogue`` and ``events`` slots stay hidden
until their apps fill them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Place:
    """Where the visitor is: the user, the current page's URL name and its URL arguments."""

    user: Any
    view_name: str = ""
    kwargs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Entry:
    """One link of the menu.

    ``rule`` is a permission name asked with ``common.permissions.can`` (the entry is hidden when
    it answers no). ``active`` lists URL-name prefixes of the pages that belong to this entry
    (its own URL name always does); the longest matching prefix wins, so ``clusters:change_``
    beats ``clusters:``. ``url_kwargs`` is for pages that need an argument (a region's growth,
    a cluster's suggestions): it answers the arguments for the current place, or ``None`` to hide
    the entry there.
    """

    key: str
    label: str | Promise
    url_name: str
    rule: str | None = None
    active: tuple[str, ...] = ()
    url_kwargs: Callable[[Place], Mapping[str, Any] | None] | None = None

    def prefixes(self) -> tuple[str, ...]:
        return (self.url_name, *self.active)


@dataclass(frozen=True)
class Group:
    key: str
    label: str | Promise


GROUPS: tuple[Group, ...] = (
    Group("evidence", _("Evidence")),
    Group("clusters", _("Clusters")),
    Group("collaboration", _("Collaboration")),
    Group("dialogue", _("Dialogue")),
    Group("events", _("Events")),
)

_entries: dict[str, list[Entry]] = {group.key: [] for group in GROUPS}
_lock = threading.Lock()


def menu_entry_register(*, group: str, entry: Entry) -> Entry:
    """Add ``entry`` at the end of ``group``; registering the same key again replaces it."""
    if group not in _entries:
        known = ", ".join(g.key for g in GROUPS)
        raise LookupError(f"no menu group is named {group!r} (groups: {known})")
    with _lock:
        entries = _entries[group]
        for index, existing in enumerate(entries):
            if existing.key == entry.key:
                entries[index] = entry
                break
        else:
            entries.append(entry)
    return entry


def menu_entry_unregister(*, group: str, key: str) -> None:
    """Remove an entry (tests that register one clean up with this)."""
    with _lock:
        _entries[group] = [e for e in _entries[group] if e.key != key]


def menu_entries() -> list[tuple[Group, list[Entry]]]:
    """Every group in menu order with a copy of its entries."""
    with _lock:
        return [(group, list(_entries[group.key])) for group in GROUPS]


REGION_PAGES = ("portal:region", "statistics:region-growth", "analytics:region")
CLUSTER_PAGES = ("clusters:detail", "clusters:history", "collaboration:recommendations")


def _region_growth_kwargs(place: Place) -> dict[str, str] | None:
    """The growth of the region being looked at, else of the network's first territory."""
    if place.view_name in REGION_PAGES and place.kwargs.get("code"):
        return {"code": place.kwargs["code"]}
    from clusterdialogue.regions.selectors import network_default

    network = network_default()
    territory = network and network.territories.select_related("region").order_by("pk").first()
    return {"code": territory.region.code} if territory else None


def _suggestions_kwargs(place: Place) -> dict[str, str] | None:
    """Partner suggestions for the cluster being looked at, else for the user's own cluster."""
    if place.view_name in CLUSTER_PAGES and place.kwargs.get("slug"):
        return {"slug": place.kwargs["slug"]}
    if not getattr(place.user, "is_authenticated", False):
        return None
    from clusterdialogue.accounts.permissions import user_managed_organisation_ids
    from clusterdialogue.clusters.models import ClusterOrganisation

    managed = user_managed_organisation_ids(place.user)
    slug = (
        ClusterOrganisation.objects.filter(pk__in=managed)
        .order_by("name")
        .values_list("slug", flat=True)
        .first()
    )
    return {"slug": slug} if slug else None


_DEFAULT_MENU: dict[str, tuple[Entry, ...]] = {
    "evidence": (
        Entry("map", _("Map"), "portal:map", active=("portal:region",)),
        Entry("categories", _("Categories"), "portal:categories", active=("portal:category",)),
        Entry("compare", _("Compare"), "portal:compare"),
        Entry(
            "growth",
            _("Growth"),
            "statistics:region-growth",
            active=("statistics:",),
            url_kwargs=_region_growth_kwargs,
        ),
        Entry(
            "smart-specialisation",
            _("Smart specialisation"),
            "analytics:network",
            active=("analytics:",),
        ),
    ),
    "clusters": (
        Entry("directory", _("Directory"), "clusters:list", active=("clusters:",)),
        Entry(
            "validation-queue",
            _("Validation queue"),
            "clusters:change_queue",
            rule="clusters.review_queue",
            active=("clusters:change_",),
        ),
    ),
    "collaboration": (
        Entry(
            "suggestions",
            _("Suggestions"),
            "collaboration:recommendations",
            url_kwargs=_suggestions_kwargs,
        ),
        Entry(
            "board",
            _("Cooperation board"),
            "collaboration:board",
            active=("collaboration:post-", "collaboration:notification"),
        ),
        Entry(
            "calls", _("Funding calls"), "collaboration:call-list", active=("collaboration:call-",)
        ),
        Entry(
            "pipeline",
            _("Collaborations"),
            "collaboration:pipeline",
            active=("collaboration:collaboration-", "collaboration:statistics"),
        ),
        Entry("network", _("Network graph"), "collaboration:network"),
    ),
}

for _group, _defaults in _DEFAULT_MENU.items():
    for _entry in _defaults:
        menu_entry_register(group=_group, entry=_entry)
