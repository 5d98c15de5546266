"""Start a joint application from a consortium proposal (the builder's one write).

Only those who may act for the lead start it: a manager of the lead cluster, its territory's
representative, or the secretariat. The members are checked against the call's rules again
(the proposal comes back from the browser), then the pipeline's ``collaboration_create`` stores
it at the stage "identified" with its dated log.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import cluster_list_public
from clusterdialogue.collaboration.models import Collaboration, FundingCall
from clusterdialogue.collaboration.permissions_pipeline import user_acts_for_organisation
from clusterdialogue.collaboration.services.calls import funding_call_as_core
from clusterdialogue.collaboration.services.consortia import organisation_country
from clusterdialogue.collaboration.services.pipeline import collaboration_create
from clusterdialogue.common.errors import ServiceError
from clusterdialogue.core.consortium import EligibilityRules


def user_can_act_for_lead(user: Any, organisation: ClusterOrganisation) -> bool:
    """A manager of the lead cluster, its territory's representative, or the secretariat."""
    return user_acts_for_organisation(user, organisation)


def _check_members(call: FundingCall, lead: ClusterOrganisation, partners: list) -> None:
    """The call's rules, checked on the members chosen (ServiceError naming what is wrong)."""
    rules = EligibilityRules.from_call(funding_call_as_core(call=call))
    countries = {}
    for member in (lead, *partners):
        country = organisation_country(organisation=member)
        if country is None or not rules.is_eligible(country):
            raise ServiceError(
                f"{member.name} ({country or 'unknown country'}) is not from a country the "
                f"call accepts; build the consortium again on the call's consortium page."
            )
        countries[member.pk] = country
    size, high = 1 + len(partners), rules.max_partners
    if size < rules.min_partners or (high is not None and size > high):
        raise ServiceError(
            f"A consortium of {size} members does not meet the call's rules (from "
            f"{rules.min_partners} to {high or 'any number of'} members, the lead included)."
        )
    if len(set(countries.values())) < rules.min_countries:
        raise ServiceError(
            f"The members come from {len(set(countries.values()))} countries; the call needs "
            f"{rules.min_countries}."
        )


def collaboration_start_from_proposal(
    *,
    user: Any,
    call: FundingCall,
    lead: ClusterOrganisation,
    partner_slugs: Collection[str],
    title: str = "",
) -> Collaboration:
    """Start a joint application (stage "identified") with the lead and partners of a proposal.

    Only a user who may act for the lead (its manager, its territory's representative, the
    secretariat) may start it: ``PermissionDenied`` otherwise. The partners must be public
    profiles and meet the call's rules (``ServiceError`` otherwise). A collaboration on an
    example call is an example too.
    """
    if not user_can_act_for_lead(user, lead):
        raise PermissionDenied(
            f"Only a manager of {lead.name}, its territory's representative or the secretariat "
            "may start a collaboration it leads."
        )
    slugs = sorted(set(partner_slugs) - {lead.slug})
    partners = list(cluster_list_public().filter(slug__in=slugs))
    missing = sorted(set(slugs) - {p.slug for p in partners})
    if missing:
        raise ServiceError(f"No public cluster profile has the slug(s) {', '.join(missing)}.")
    if not partners:
        raise ServiceError("Choose at least one partner besides the lead.")
    _check_members(call, lead, partners)
    # The pipeline's service stores it (stage "identified", dated log) with its own checks.
    try:
        return collaboration_create(
            user=user,
            title=(title.strip() or f"{call.title} – consortium led by {lead.name}")[:300],
            kind=Collaboration.Kind.JOINT_APPLICATION,
            partners=[lead, *partners],
            started_on=timezone.localdate(),
            lead=lead,
            note="Started from a proposal of the consortium builder.",
            call=call,
            description=f"Consortium for the call “{call}”, started from the consortium builder.",
            is_example=call.is_example,
        )
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages)) from None
