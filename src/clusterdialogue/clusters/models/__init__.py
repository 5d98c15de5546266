"""The cluster organisation directory's models, one module per part of a profile.

``from clusterdialogue.clusters.models import ClusterOrganisation`` names every model; the tables
are those of the ``clusters`` app whichever module defines them.
"""

from clusterdialogue.clusters.models.changes import ProfileChange
from clusterdialogue.clusters.models.contacts import ContactPerson
from clusterdialogue.clusters.models.labels import Label
from clusterdialogue.clusters.models.members import ClusterMember
from clusterdialogue.clusters.models.organisations import ClusterOrganisation
from clusterdialogue.clusters.models.vocabularies import (
    ClusterCategory,
    IndustrialEcosystem,
    SmartSpecialisationPriority,
)

__all__ = [
    "ClusterCategory",
    "ClusterMember",
    "ClusterOrganisation",
    "ContactPerson",
    "IndustrialEcosystem",
    "Label",
    "ProfileChange",
    "SmartSpecialisationPriority",
]
