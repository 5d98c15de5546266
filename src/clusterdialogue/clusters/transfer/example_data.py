"""Generated example profiles, to try the directory and measure its search at scale.

Every generated profile is clearly example data: its name starts with "Example cluster", its
``source`` is ``generated`` and its ``note`` says ``generated example data``. The vocabulary is
real (NACE Rev. 2 titles in six languages from the Industry table, NUTS-2 regions from the
Region table); the organisations, their members and all their figures are invented.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from django.db import transaction

from clusterdialogue.clusters.models import (
    ClusterCategory,
    ClusterMember,
    ClusterOrganisation,
    IndustrialEcosystem,
)
from clusterdialogue.clusters.search import search_index_update
from clusterdialogue.collaboration.matching import matching_index_invalidate
from clusterdialogue.regions.models import Region
from clusterdialogue.statistics.models import Industry

GENERATED_SOURCE = "generated"
GENERATED_NOTE = "generated example data"
SLUG_PREFIX = "generated-example-cluster-"
LANGUAGES = ("en", "fr", "de", "it", "es", "nl")
INTRO = {
    "en": "Generated example data: a cluster organisation for {title}.",
    "fr": "Données d'exemple générées : une organisation de cluster pour {title}.",
    "de": "Generierte Beispieldaten: eine Clusterorganisation für {title}.",
    "it": "Dati di esempio generati: un'organizzazione cluster per {title}.",
    "es": "Datos de ejemplo generados: una organización clúster para {title}.",
    "nl": "Gegenereerde voorbeeldgegevens: een clusterorganisatie voor {title}.",
}
TECHNOLOGIES = (
    "artificial intelligence", "batteries", "hydrogen", "robotics", "additive manufacturing",
    "Internet of things", "biotechnology", "photonics", "nanotechnology", "cybersecurity",
    "advanced materials", "electric mobility", "quantum computing", "digital twins",
)  # fmt: skip
MEMBER_SUFFIXES = ("GmbH", "SAS", "S.p.A.", "S.L.", "BV", "Ltd")
_WORD = re.compile(r"[^\W\d_]{5,}")
_BATCH = 2000


class ExampleDataError(Exception):
    """The database lacks the real vocabulary the generator needs; the message says what to load."""


@dataclass(frozen=True)
class GenerationReport:
    profiles: int
    members: int
    deleted: int


def _words(title: str) -> list[str]:
    return [w for w in _WORD.findall(title) if w.lower() not in {"other", "autres", "sowie"}]


def clusters_generated_delete() -> int:
    """Delete every generated example profile (and its members); returns how many."""
    with transaction.atomic():
        generated = ClusterOrganisation.objects.filter(source=GENERATED_SOURCE, note=GENERATED_NOTE)
        ids = list(generated.values_list("pk", flat=True))
        # Members first in one statement; the profiles then go one by one (with their history).
        ClusterMember.objects.filter(organisation_id__in=ids).delete()
        generated.delete()
        search_index_update(organisation_ids=ids)
    return len(ids)


def _vocabulary() -> tuple[list[Industry], list[Region]]:
    industries = list(
        Industry.objects.filter(scheme=Industry.Scheme.NACE_DIVISION).exclude(name_fr="")
    ) or list(Industry.objects.filter(scheme=Industry.Scheme.NACE_DIVISION))
    regions = list(Region.objects.filter(level=2, kind=Region.Kind.NUTS).only("pk", "name"))
    if not industries:
        raise ExampleDataError(
            "no NACE divisions in the database: load the NACE titles first "
            "(clusterdialogue data load)"
        )
    if not regions:
        raise ExampleDataError(
            "no NUTS-2 regions in the database: load the NUTS regions first "
            "(clusterdialogue data load)"
        )
    return industries, regions


def _profile(n: int, rng: random.Random, industry: Industry, region: Region) -> ClusterOrganisation:
    language = rng.choice(LANGUAGES)
    languages = {language, "en", rng.choice(LANGUAGES)}
    members = {f: rng.choice([None, 0, rng.randint(1, 5), rng.randint(5, 120)])
               for f in ClusterOrganisation.MEMBER_FIELDS}  # fmt: skip
    words = _words(industry.name_in(language))
    return ClusterOrganisation(
        name=f"Example cluster {n} – {industry.name_in(language)}"[:300],
        acronym=f"EX{n}",
        slug=f"{SLUG_PREFIX}{n}",
        region=region,
        organisation_type="cluster organisation (generated example data)",
        description=INTRO["en"].format(title=industry.name_en),
        description_language="en",
        descriptions={lang: INTRO[lang].format(title=industry.name_in(lang)) for lang in languages},
        keywords=rng.sample(words, min(3, len(words))),
        technologies=rng.sample(TECHNOLOGIES, rng.randint(0, 3)),
        status=rng.choice([ClusterOrganisation.Status.ACTIVE] * 3 + ["provisional"] * 2),
        is_public=True,
        source=GENERATED_SOURCE,
        note=GENERATED_NOTE,
        **members,
    )


def clusters_generate(
    *, profiles: int, members: int = 0, seed: int = 0, replace: bool = False
) -> GenerationReport:
    """Create ``profiles`` example profiles with ``members`` members in all, reproducibly.

    With ``replace`` the earlier generated profiles are deleted first; otherwise numbering
    continues after them. The search index is brought up to date for the new profiles.
    """
    if profiles < 0 or members < 0:
        raise ExampleDataError("--profiles and --members must be 0 or more")
    if members and not profiles:
        raise ExampleDataError("members need profiles: give --profiles 1 or more")
    industries, regions = _vocabulary()
    categories = list(ClusterCategory.objects.all())
    ecosystems = list(IndustrialEcosystem.objects.all())
    rng = random.Random(seed)
    with transaction.atomic():
        deleted = clusters_generated_delete() if replace else 0
        start = 1 + ClusterOrganisation.objects.filter(slug__startswith=SLUG_PREFIX).count()
        while ClusterOrganisation.objects.filter(slug=f"{SLUG_PREFIX}{start}").exists():
            start += 1
        chosen = [(rng.choice(industries), rng.choice(regions)) for _ in range(profiles)]
        created = ClusterOrganisation.objects.bulk_create(
            [_profile(start + i, rng, ind, reg) for i, (ind, reg) in enumerate(chosen)],
            batch_size=_BATCH,
        )
        sector_links, category_links, ecosystem_links, member_rows = [], [], [], []
        for organisation, (industry, _region) in zip(created, chosen, strict=True):
            sectors = {industry, *rng.sample(industries, rng.randint(0, 2))}
            organisation.generated_sectors = list(sectors)
            sector_links += [
                ClusterOrganisation.sectors.through(
                    clusterorganisation_id=organisation.pk, industry_id=s.pk
                )
                for s in sectors
            ]
            for c in rng.sample(categories, min(len(categories), rng.randint(0, 2))):
                category_links.append(
                    ClusterOrganisation.categories.through(
                        clusterorganisation_id=organisation.pk, clustercategory_id=c.pk
                    )
                )
            for e in rng.sample(ecosystems, min(len(ecosystems), rng.randint(0, 2))):
                ecosystem_links.append(
                    ClusterOrganisation.ecosystems.through(
                        clusterorganisation_id=organisation.pk, industrialecosystem_id=e.pk
                    )
                )
        for m in range(members):
            organisation = created[rng.randrange(len(created))]
            sector = rng.choice(organisation.generated_sectors)
            word = rng.choice(_words(sector.name_in(rng.choice(LANGUAGES))) or ["Industries"])
            member_rows.append(
                ClusterMember(
                    organisation_id=organisation.pk,
                    name=f"Example member {start}-{m + 1} {word} {rng.choice(MEMBER_SUFFIXES)}",
                    member_type=rng.choice(ClusterMember.MemberType.values),
                    size_class=rng.choice(ClusterMember.SizeClass.values),
                    nace_id=sector.pk,
                )
            )
        for model, rows in (
            (ClusterOrganisation.sectors.through, sector_links),
            (ClusterOrganisation.categories.through, category_links),
            (ClusterOrganisation.ecosystems.through, ecosystem_links),
            (ClusterMember, member_rows),
        ):
            model.objects.bulk_create(rows, batch_size=_BATCH)
        search_index_update(organisation_ids=[o.pk for o in created])
        # Bulk inserts send no post_save: tell the matching index itself.
        matching_index_invalidate()
    return GenerationReport(profiles=len(created), members=len(member_rows), deleted=deleted)
