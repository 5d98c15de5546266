"""Reads of the participants feature: who may be registered for what, who takes part."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from clusterdialogue.accounts.permissions import (
    user_is_secretariat,
    user_managed_organisation_ids,
    user_represented_territories,
)
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.events.models import Event, Participant
from clusterdialogue.events.permissions import user_participants


def organisations_user_acts_for(*, user: Any) -> QuerySet[ClusterOrganisation]:
    """The organisations the user speaks for (rule ``clusters.act_for``), as one query."""
    if not getattr(user, "is_authenticated", False):
        return ClusterOrganisation.objects.none()
    everything = ClusterOrganisation.objects.exclude(status=ClusterOrganisation.Status.ARCHIVED)
    if user_is_secretariat(user):
        return everything
    from clusterdialogue.common.permissions import can

    ids = set(user_managed_organisation_ids(user))
    if user_represented_territories(user):
        # A representative speaks for the clusters of their territory: the rule decides.
        ids |= {
            o.pk for o in everything.select_related("region") if can(user, "clusters.act_for", o)
        }
    return everything.filter(pk__in=ids)


def participants_of(*, event: Event, approved_only: bool = False) -> QuerySet[Participant]:
    rows = event.participants.select_related("organisation__region", "user")
    if approved_only:
        rows = rows.filter(status=Participant.Status.APPROVED)
    return rows.order_by("organisation__name", "name")


def participant_chosen_or_own(*, event: Event, user: Any, chosen: str = "") -> Participant | None:
    """The participant a page is about: ``?participant=<id>`` (an organiser looking at someone),
    else the user's own registration (the approved one first). The page asks the rule."""
    if chosen.isdigit():
        return event.participants.filter(pk=int(chosen)).first()
    own = user_participants(user, event)
    approved = [p for p in own if p.status == Participant.Status.APPROVED]
    return (approved or own or [None])[0]
