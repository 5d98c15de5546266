"""Keeping the search index in step with the profiles.

Call :func:`search_index_update` from every service that writes a profile, its members or its
translations, after the write and inside the same transaction::

    with transaction.atomic():
        ...  # create, update or delete ClusterOrganisation / ClusterMember rows
        search_index_update(organisation_ids=[organisation.pk])

It rebuilds the rows of exactly those organisations (about four queries for one organisation),
drops the rows of organisations that no longer exist, and gives the same index however often it
runs. ``clusterdialogue clusters reindex`` rebuilds everything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from clusterdialogue.clusters.models import ClusterMember, ClusterOrganisation
from clusterdialogue.clusters.search.backends import search_backend
from clusterdialogue.clusters.search.base import SearchDocument
from clusterdialogue.clusters.search.text import normalise

_CHUNK = 1000


def _texts(value) -> list[str]:
    """The strings in a JSON field that should hold a list of strings or a language → text map."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def search_documents(*, organisation_ids: list[int]) -> list[SearchDocument]:
    """Build the index rows of ``organisation_ids`` (ids that no longer exist are left out)."""
    member_names: dict[int, list[str]] = defaultdict(list)
    for organisation_id, name in ClusterMember.objects.filter(
        organisation_id__in=organisation_ids
    ).values_list("organisation_id", "name"):
        member_names[organisation_id].append(name)
    rows = ClusterOrganisation.objects.filter(pk__in=organisation_ids).values_list(
        "pk", "name", "acronym", "description", "descriptions", "keywords", "technologies", "city"
    )
    documents = []
    for pk, name, acronym, description, descriptions, keywords, technologies, city in rows:
        body = [description, *_texts(descriptions), *_texts(keywords), *_texts(technologies)]
        documents.append(
            SearchDocument(
                organisation_id=pk,
                name=normalise(f"{name} {acronym}"),
                body=normalise(" ".join([*body, city])),
                members=normalise(" ".join(member_names.get(pk, []))),
            )
        )
    return documents


def search_index_update(*, organisation_ids: Iterable[int] | None = None) -> int:
    """Bring the index rows of ``organisation_ids`` up to date (all organisations if ``None``).

    Cheap and idempotent: call it after any write to a profile or its members, with the ids
    of the organisations touched, including deleted ones. Returns the number of rows written.
    """
    backend = search_backend()
    if backend is None:
        return 0
    written = 0
    with transaction.atomic():
        if organisation_ids is None:
            backend.clear()
            ids = list(ClusterOrganisation.objects.order_by("pk").values_list("pk", flat=True))
        else:
            ids = sorted({int(pk) for pk in organisation_ids})
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            documents = search_documents(organisation_ids=chunk)
            backend.replace(organisation_ids=chunk, documents=documents)
            written += len(documents)
    return written
