"""factory_boy factories for the collaboration pipeline (clearly example data, never real).

``collaboration_with_log`` builds a collaboration that went through given stages on given
dates, as the pipeline would have recorded it, without going through the service's checks
(tests of the service itself use the service).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import factory

from clusterdialogue.collaboration.models import Collaboration, CollaborationDocument, StageChange


class CollaborationFactory(factory.django.DjangoModelFactory):
    """A collaboration at the stage *identified*; pass ``partners=[...]`` to set its partners."""

    class Meta:
        model = Collaboration
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Example collaboration {n}")
    kind = Collaboration.Kind.BILATERAL
    stage = Collaboration.Stage.IDENTIFIED
    started_on = dt.date(2023, 1, 15)
    description = "Example data for tests."

    @factory.post_generation
    def partners(self, create: bool, extracted: Iterable[Any] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.partners.set(list(extracted))


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageChange

    collaboration = factory.SubFactory(CollaborationFactory)
    stage = Collaboration.Stage.IDENTIFIED
    date = dt.date(2023, 1, 15)


class CollaborationDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollaborationDocument

    collaboration = factory.SubFactory(CollaborationFactory)
    title = factory.Sequence(lambda n: f"Example document {n}")
    url = "https://example.org/example-document.pdf"


def collaboration_with_log(
    partners: Sequence[Any], log: Sequence[tuple[str, dt.date]], **fields: Any
) -> Collaboration:
    """A collaboration that reached the stages of ``log`` (the first must be *identified*)."""
    if not log or log[0][0] != Collaboration.Stage.IDENTIFIED:
        raise ValueError("the log starts with ('identified', date)")
    collaboration = CollaborationFactory(
        partners=partners, started_on=log[0][1], stage=log[-1][0], **fields
    )
    for stage, date in log:
        StageChangeFactory(collaboration=collaboration, stage=stage, date=date)
    return collaboration
