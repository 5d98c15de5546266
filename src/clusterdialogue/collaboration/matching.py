"""The matching index: the directory encoded once for the engine, kept until something changes.

Encoding every profile (texts, keywords, offers, needs, industries) and the statistics behind
relatedness and specialisation takes a while, so the encoded :class:`DirectoryIndex` is built
once and kept in a :class:`MatchingIndexStore`. Nothing is checked against the database on a
read: the index is dropped *explicitly* by :func:`matching_index_invalidate`, which the
receivers of :func:`connect_invalidation` (connected in ``CollaborationConfig.ready()``) call
when a cluster profile is saved or deleted, its sectors or categories change, a network or a
territory changes (a profile's match region is its territory), or statistics are imported (a
dataset is saved at the end of every import, after the bulk writes that send no
``post_save``). Writes that bypass the ORM's signals (generated example profiles, inserted in
bulk) call :func:`matching_index_invalidate` themselves.

**Across processes.** Each process keeps its own store, but the invalidations are counted in a
version number in Django's cache (``django.core.cache.cache``, key :data:`VERSION_KEY`): an
invalidation increments it, and a store's entry is used only while its version is still the
shared one, so a change made by a web worker or the command line reaches every process on its
next read. A version that disappears from the cache (eviction, a cleared cache) counts as a
change too. An invalidation inside a transaction is repeated when it commits, so that a process
which rebuilt from the not-yet-committed state is told again. The store itself is chosen in
one place, :func:`matching_index_store`, so a shared implementation (a cache holding the
encoded index) can replace the in-process one without changing its callers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from clusterdialogue.core.matching import MatchIndex
from clusterdialogue.core.matching.industries import industry_relatedness, regional_specialisation
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.selectors import employment_frame

VERSION_KEY = "collaboration:matching-index:version"


@dataclass(frozen=True)
class DirectoryIndex:
    """The encoded directory and the organisations behind its ids."""

    index: MatchIndex
    organisation_ids: dict[str, int]


class MatchingIndexStore:
    """One process's copy of the index, tagged with the shared version it was built for.

    Thread-safe: web servers answer requests from several threads, and a reader must never see
    an index with another version's tag.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entry: tuple[int, DirectoryIndex] | None = None

    def get(self, *, version: int) -> DirectoryIndex | None:
        """The stored index if it was built for ``version``, else ``None``."""
        with self._lock:
            if self._entry is None or self._entry[0] != version:
                return None
            return self._entry[1]

    def put(self, *, version: int, index: DirectoryIndex) -> None:
        with self._lock:
            self._entry = (version, index)

    def clear(self) -> None:
        with self._lock:
            self._entry = None


_store = MatchingIndexStore()


def matching_index_store() -> MatchingIndexStore:
    """The store in use (the one place to swap in a shared implementation)."""
    return _store


def matching_index_version() -> int:
    """The shared version of the index (0 until the first invalidation)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 0, timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return int(version)


def matching_index_build() -> DirectoryIndex:
    """Encode every profile with the relatedness and specialisation of the stored employment."""
    # Imported here: the suggestions' selectors read the index, and the index reads their frames.
    from clusterdialogue.clusters.models import ClusterOrganisation
    from clusterdialogue.collaboration.suggestions.selectors import directory_profiles_frame

    frame = directory_profiles_frame()
    # NUTS 1 and 2 and the networks' own regions, in the year best covered at NUTS 2.
    employment = employment_frame(
        levels=(1, 2), year="best", kinds=(Region.Kind.NUTS, Region.Kind.CUSTOM)
    )[["region", "industry", "employment"]]
    relatedness = specialisation = None
    if not employment.empty:
        relatedness = industry_relatedness(employment)
        specialisation = regional_specialisation(employment)
    index = MatchIndex(frame, industry_relatedness=relatedness, specialisation=specialisation)
    ids = dict(ClusterOrganisation.objects.values_list("slug", "pk"))
    return DirectoryIndex(index=index, organisation_ids=ids)


def matching_index_get() -> DirectoryIndex:
    """The index of all profiles: the stored one while it is current, else built and stored."""
    store = matching_index_store()
    version = matching_index_version()
    found = store.get(version=version)
    if found is None:
        found = matching_index_build()
        store.put(version=version, index=found)
    return found


def _bump_shared_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was never set, or was evicted: any new value is a change
        if not cache.add(VERSION_KEY, 1, timeout=None):
            cache.incr(VERSION_KEY)


def matching_index_invalidate() -> None:
    """Drop the index in this process and in every other (through the shared version)."""
    matching_index_store().clear()
    _bump_shared_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_invalidate_committed)


def _invalidate_committed() -> None:
    matching_index_store().clear()
    _bump_shared_version()


def _on_change(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("action", "post_").startswith("post_"):
        matching_index_invalidate()


def connect_invalidation() -> None:
    """Connect the receivers that drop the index when what it encodes changes."""
    from clusterdialogue.clusters.models import ClusterOrganisation
    from clusterdialogue.regions.models import Network, Territory
    from clusterdialogue.statistics.models import Dataset, Observation

    uid = "collaboration.matching"
    # A profile's match region is its territory in the default network: those count too.
    for model in (ClusterOrganisation, Dataset, Observation, Network, Territory):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}.save.{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}.del.{model.__name__}")
    for relation in (ClusterOrganisation.sectors, ClusterOrganisation.categories):
        through = relation.through
        m2m_changed.connect(
            _on_change, sender=through, dispatch_uid=f"{uid}.m2m.{through.__name__}"
        )
