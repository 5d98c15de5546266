"""Find organisations that are probably the same under slightly different names.

Names are compared within one region (a region and the regions inside it), after dropping what
every name there shares: generic words ("cluster", "pôle"), legal forms ("e.V.", "GmbH") and the
names of the region and its territory ("Auvergne-Rhône-Alpes"). Without that, "CARA
Auvergne-Rhône-Alpes" and "CIMES Auvergne-Rhône-Alpes" look alike. The rest is scored with
rapidfuzz's ``token_set_ratio`` (0–100), which also catches a name contained in another
("LE2C" in "Lombardy Energy Cleantech Cluster (LE2C)"). Matches are reported, never merged.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.transfer.importing.values import fold_name
from clusterdialogue.regions.models import Region, Territory

#: Names scoring at least this much are reported as possible duplicates.
DUPLICATE_THRESHOLD = 90
GENERIC_WORDS = frozenset({
    "cluster", "clusters", "pole", "poles", "polo", "network", "netzwerk", "netwerk", "reseau",
    "rete", "red", "xarxa", "the", "of", "and", "for", "de", "la", "le", "les", "des", "du",
    "del", "della", "dei", "di", "et", "und", "y", "i", "e", "d", "l", "per", "der", "die",
    "das",
})  # fmt: skip


@dataclass
class _Candidate:
    label: str
    region_code: str
    core: str
    pk: int | None = None


def name_core(name: str, *, ignore: frozenset[str] | set[str]) -> str:
    """The distinctive part of a name (the whole folded name when nothing distinctive is left).

    >>> name_core("CARA Auvergne-Rhône-Alpes", ignore={"auvergne", "rhone", "alpes"})
    'cara'
    """
    folded = fold_name(name)
    words = [w for w in folded.split() if w not in ignore]
    return " ".join(words) or folded


def _related(code_a: str, code_b: str) -> bool:
    return code_a.startswith(code_b) or code_b.startswith(code_a)


class DuplicateFinder:
    """Compares each row with the stored profiles of its region and with earlier rows."""

    def __init__(self) -> None:
        self._stored: dict[str, list[_Candidate]] = {}
        self._rows: list[_Candidate] = []
        self._ignore: dict[str, frozenset[str]] = {}

    def ignored_words(self, region: Region) -> frozenset[str]:
        """Generic words plus the words of the names of ``region``, its parents and territory."""
        if region.code not in self._ignore:
            territories = Territory.objects.select_related("region")
            names = [t.name for t in territories if region.code.startswith(t.region.code)]
            current: Region | None = region
            while current is not None:
                names.append(current.name)
                current = current.parent
            words = {w for n in names for w in fold_name(n).split()}
            self._ignore[region.code] = GENERIC_WORDS | words
        return self._ignore[region.code]

    def _stored_near(self, region: Region) -> list[_Candidate]:
        if region.code not in self._stored:
            ignore = self.ignored_words(region)
            nearby = ClusterOrganisation.objects.filter(
                region__code__startswith=region.code[:2]
            ).values_list("pk", "name", "slug", "region__code")
            self._stored[region.code] = [
                _Candidate(
                    f"existing profile {slug!r} ({name})", code, name_core(name, ignore=ignore), pk
                )
                for pk, name, slug, code in nearby
                if _related(code, region.code)
            ]
        return self._stored[region.code]

    def check(self, *, line: int, name: str, region: Region, matched_pk: int | None) -> list[str]:
        """Possible duplicates of a row (``matched_pk``: the profile the row updates, if any)."""
        core = name_core(name, ignore=self.ignored_words(region))
        found = []
        candidates = [c for c in self._rows if _related(c.region_code, region.code)]
        candidates += [c for c in self._stored_near(region) if c.pk != matched_pk]
        for candidate in candidates:
            score = fuzz.token_set_ratio(core, candidate.core)
            if score >= DUPLICATE_THRESHOLD:
                found.append(f"{candidate.label} (score {score:.0f})")
        self._rows.append(_Candidate(f"row {line} ({name})", region.code, core, matched_pk))
        return found
