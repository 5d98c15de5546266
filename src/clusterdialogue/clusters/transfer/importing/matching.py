"""Which stored profile each row of an import updates, and what the row would change in it.

A row names its profile by ``slug``, else by its name (case, accents and punctuation ignored) in
its region; two rows of one file may not claim the same profile.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify

from clusterdialogue.clusters.models import ClusterOrganisation, Label
from clusterdialogue.clusters.transfer.importing.clean import CleanRow
from clusterdialogue.clusters.transfer.importing.report import RowReport
from clusterdialogue.clusters.transfer.importing.values import normalise_name
from clusterdialogue.regions.models import Region


class ProfileMatcher:
    """Finds the stored profile a row updates, and keeps two rows from claiming the same one."""

    def __init__(self) -> None:
        # ("name", normalised name, region id) or ("slug", slug) → the line that claimed it
        self.claimed: dict[tuple, int] = {}
        self.by_region: dict[int, dict[str, list[ClusterOrganisation]]] = {}

    def match(self, clean: CleanRow, row: RowReport) -> ClusterOrganisation | None:
        """The stored profile ``row`` updates (None for a new one; a clash rejects the row)."""
        region = clean.values["region"]
        name = normalise_name(clean.values["name"])
        if clean.slug:
            organisation = ClusterOrganisation.objects.filter(slug=clean.slug).first()
        else:
            found = self._stored(region).get(name, [])
            if len(found) > 1:
                row.reject("name", f"{len(found)} stored profiles in {region.code} have this "
                           "name; add a slug column to say which one to update")  # fmt: skip
                return None
            organisation = found[0] if found else None
        keys = {("name", name, region.pk)}
        if organisation is not None:
            keys |= {("slug", organisation.slug), ("name", normalise_name(organisation.name),
                                                   organisation.region_id)}  # fmt: skip
        elif clean.slug:
            keys.add(("slug", clean.slug))
        earlier = sorted(self.claimed[key] for key in keys if key in self.claimed)
        if earlier:
            row.reject("name", f"row {earlier[0]} is the same organisation; merge the rows")
            return None
        self.claimed.update(dict.fromkeys(keys, row.line))
        if organisation is None and not clean.slug:
            clean.slug = self._new_slug(clean.values["name"])
            self.claimed[("slug", clean.slug)] = row.line
        return organisation

    def _stored(self, region: Region) -> dict[str, list[ClusterOrganisation]]:
        """The region's stored profiles by normalised name (read once per region)."""
        if region.pk not in self.by_region:
            index: dict[str, list[ClusterOrganisation]] = {}
            for stored in ClusterOrganisation.objects.filter(region=region):
                index.setdefault(normalise_name(stored.name), []).append(stored)
            self.by_region[region.pk] = index
        return self.by_region[region.pk]

    def _new_slug(self, name: str) -> str:
        base = slugify(name)[:300] or "cluster-organisation"
        slug, number = base, 1
        while ("slug", slug) in self.claimed or ClusterOrganisation.objects.filter(
            slug=slug
        ).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


def row_changes(*, organisation: ClusterOrganisation, clean: CleanRow) -> list[str]:
    """The fields a checked row would change on a stored profile."""
    changed = []
    for name, value in clean.values.items():
        current = getattr(organisation, name)
        if hasattr(value, "pk") and current is not None:
            current, value = current.pk, value.pk
        if current != value:
            changed.append(name)
    for name in ("sectors", "ecosystems"):
        wanted = getattr(clean, name)
        stored = set(getattr(organisation, name).values_list("pk", flat=True))
        if wanted is not None and {item.pk for item in wanted} != stored:
            changed.append(name)
    if clean.categories is not None:
        stored_names = {
            normalise_name(n) for n in organisation.categories.values_list("name", flat=True)
        }
        if {normalise_name(n) for n in clean.categories} != stored_names:
            changed.append("categories")
    if clean.label is not None and not label_find(
        organisation=organisation, label=clean.label, exact=True
    ):
        changed.append("label")
    return changed


def label_find(
    *, organisation: ClusterOrganisation, label: dict[str, Any], exact: bool
) -> Label | None:
    """The stored label a row names (same name and grade); ``exact``: also same level and dates."""
    found = organisation.labels.filter(name__iexact=label["name"], grade__iexact=label["grade"])
    if exact:
        found = found.filter(
            level=label["level"], valid_from=label["valid_from"], valid_until=label["valid_until"]
        )
        if label["issuer"]:
            found = found.filter(issuer=label["issuer"])
    return found.first()
