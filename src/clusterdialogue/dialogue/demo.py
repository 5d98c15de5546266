"""The demo network's working groups, loaded by ``clusterdialogue setup``.

Only facts with a named source are loaded as real: the Cluster Dialogue (created in 2007 within
the Four Motors for Europe's Economy Working Group) and the Dialogue on Electromobility (since
2011). Everything else a demo needs (members, meeting history) is flagged ``is_example`` and
says so on every page.
"""

from __future__ import annotations

from django.db import transaction

from clusterdialogue.dialogue.groups.services import group_demo_load
from clusterdialogue.dialogue.library.services import library_demo_load
from clusterdialogue.dialogue.meetings.services import meeting_examples_load
from clusterdialogue.dialogue.models import HostCity, WorkingGroup
from clusterdialogue.dialogue.planning.demo import planning_demo_load
from clusterdialogue.regions.models import Network

SOURCE = (
    "Four Motors for Europe (https://4motors.eu/): the Cluster Dialogue, created in 2007 within "
    "the Economy Working Group, and its Dialogue on Electromobility, since 2011"
)
# The territories' capitals (their seats of government), where the network's meetings are held.
CAPITALS = {
    "FRK": ("Lyon", "Europe/Paris"),
    "DE1": ("Stuttgart", "Europe/Berlin"),
    "ES51": ("Barcelona", "Europe/Madrid"),
    "ITC4": ("Milan", "Europe/Rome"),
    "BE2": ("Brussels", "Europe/Brussels"),
    "UKL": ("Cardiff", "Europe/London"),
}


@transaction.atomic
def dialogue_demo_load(*, network: Network) -> list[WorkingGroup]:
    """Create the demo network's working groups and host cities (idempotent)."""
    main, _ = WorkingGroup.objects.get_or_create(
        slug="cluster-dialogue",
        defaults={
            "network": network,
            "name": "Cluster Dialogue",
            "description": (
                "The network's permanent forum for mutual learning and benchmarking on cluster "
                "policy and practice, for cluster-to-cluster collaboration and for the "
                "network's visibility in Europe. Created in 2007 within the Economy Working Group."
            ),
            "founded_year": 2007,
            "source": SOURCE,
        },
    )
    emobility, _ = WorkingGroup.objects.get_or_create(
        slug="dialogue-on-electromobility",
        defaults={
            "network": network,
            "parent": main,
            "name": "Dialogue on Electromobility",
            "description": "A thematic dialogue on electric mobility, running on its own since 2011.",
            "founded_year": 2011,
            "source": SOURCE,
        },
    )
    for territory in network.territories.select_related("region"):
        city = CAPITALS.get(territory.region.code)
        if city:
            HostCity.objects.get_or_create(
                territory=territory, name=city[0], defaults={"timezone": city[1]}
            )
    group_demo_load(groups=[main, emobility], source=SOURCE)
    planning_demo_load(group=main)
    meeting_examples_load(group=main)
    library_demo_load(network=network)
    return [main, emobility]
