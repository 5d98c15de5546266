"""Serializers of the calls API: calls, their matching clusters, consortium requests/proposals."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import cluster_list_public
from clusterdialogue.collaboration.calls.forms import MAX_PROPOSALS, MAX_SIZE
from clusterdialogue.collaboration.calls.selectors import ConsortiumResult, funding_call_status
from clusterdialogue.collaboration.models import Collaboration, FundingCall
from clusterdialogue.core.consortium import DEFAULT_TERRITORY_WEIGHT


class FundingCallSerializer(serializers.ModelSerializer):
    """A funding call; ``status`` is computed from today's date."""

    status = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField()

    class Meta:
        model = FundingCall
        fields = [
            "id", "reference", "programme", "title", "topic", "opening", "deadline", "status",
            "min_partners", "min_countries", "max_partners", "eligible_countries", "url",
            "source", "is_example", "imported_at", "page",
        ]  # fmt: skip

    @extend_schema_field(
        serializers.CharField(help_text="forthcoming, open or closed (from today's date)")
    )
    def get_status(self, call: FundingCall) -> str:
        return funding_call_status(call=call)

    def get_page(self, call: FundingCall) -> str:
        return call.get_absolute_url()


class CallMatchSerializer(serializers.Serializer):
    """A cluster matching a call's topic, with the engine's score and reasons."""

    rank = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.slug", help_text="The slug")
    name = serializers.CharField(source="organisation.name")
    region = serializers.CharField(source="organisation.region.code")
    score = serializers.FloatField()
    reasons = serializers.CharField()


class _PublicSlugs(serializers.ListField):
    child = serializers.SlugField()


class ConsortiumRequestSerializer(serializers.Serializer):
    """What the consortium builder needs: the lead and the options (slugs for clusters)."""

    lead = serializers.SlugRelatedField(
        slug_field="slug", queryset=ClusterOrganisation.objects.none(), help_text="Lead's slug"
    )
    size = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                    max_value=MAX_SIZE)  # fmt: skip
    territory_weight = serializers.FloatField(
        required=False, default=DEFAULT_TERRITORY_WEIGHT, min_value=0, max_value=5
    )
    pinned = _PublicSlugs(required=False, default=list)
    excluded = _PublicSlugs(required=False, default=list)
    proposals = serializers.IntegerField(required=False, default=3, min_value=1,
                                         max_value=MAX_PROPOSALS)  # fmt: skip

    def __init__(self, *args: Any, leads=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads if leads is not None else cluster_list_public()

    def validate(self, data: dict) -> dict:
        public = set(cluster_list_public().values_list("slug", flat=True))
        for name in ("pinned", "excluded"):
            unknown = sorted(set(data[name]) - public)
            if unknown:
                raise serializers.ValidationError(
                    {name: [f"No public cluster profile has the slug(s) {', '.join(unknown)}."]}
                )
        both = sorted(set(data["pinned"]) & set(data["excluded"]))
        if both:
            raise serializers.ValidationError(
                {"pinned": [f"{', '.join(both)} cannot be both pinned and excluded."]}
            )
        return data


class ConsortiumMemberSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=["lead", "partner"])
    organisation = serializers.CharField(help_text="The slug")
    name = serializers.CharField()
    country = serializers.CharField(help_text="Eurostat code (EL, UK)")
    territory = serializers.CharField(allow_null=True)
    fit = serializers.FloatField(allow_null=True, help_text="(call match + lead match) / 2")
    call_match = serializers.FloatField()
    lead_match = serializers.FloatField(allow_null=True)


class ConsortiumProposalSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    score = serializers.FloatField(help_text="total fit + territory_weight × territories")
    fit_total = serializers.FloatField()
    territory_weight = serializers.FloatField()
    countries = serializers.ListField(child=serializers.CharField())
    territories = serializers.ListField(child=serializers.CharField())
    network_territory_count = serializers.IntegerField()
    status = serializers.CharField(
        help_text="OPTIMAL (proven best) or FEASIBLE (time limit reached; see gap)"
    )
    bound = serializers.FloatField()
    gap = serializers.FloatField()
    members = ConsortiumMemberSerializer(many=True)
    explanation = serializers.ListField(child=serializers.CharField())


class ConsortiumResultSerializer(serializers.Serializer):
    """Proposals best first, or (``feasible`` false) the reasons why no consortium exists."""

    call = serializers.IntegerField()
    lead = serializers.CharField()
    feasible = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    notes = serializers.ListField(child=serializers.CharField())
    proposals = ConsortiumProposalSerializer(many=True)


def consortium_result_data(*, call: FundingCall, result: ConsortiumResult) -> dict[str, Any]:
    """The result as plain data for :class:`ConsortiumResultSerializer`."""

    def member(fit, is_lead: bool) -> dict[str, Any]:
        c = fit.candidate
        return {
            "role": "lead" if is_lead else "partner",
            "organisation": c.id,
            "name": c.name,
            "country": c.country,
            "territory": c.territory,
            "fit": None if is_lead else round(c.fit, 4),
            "call_match": round(fit.call_match, 4),
            "lead_match": None if is_lead else round(fit.lead_match, 4),
        }

    proposals = [
        {
            "rank": p.rank,
            "score": round(p.score, 4),
            "fit_total": round(p.fit_total, 4),
            "territory_weight": p.territory_weight,
            "countries": list(p.countries),
            "territories": list(p.territories),
            "network_territory_count": p.network_territory_count,
            "status": p.status,
            "bound": round(p.bound, 4),
            "gap": round(p.gap, 4),
            "members": [member(m, i == 0) for i, m in enumerate(result.members(p))],
            "explanation": list(p.explanation),
        }
        for p in result.proposals
    ]
    return {
        "call": call.pk,
        "lead": result.lead.candidate.id,
        "feasible": result.feasible,
        "reasons": result.reasons,
        "notes": result.notes,
        "proposals": proposals,
    }


class CallImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A CSV or JSON file in the calls layout")
    is_example = serializers.BooleanField(required=False, default=False)


class CallImportRowSerializer(serializers.Serializer):
    line = serializers.IntegerField(allow_null=True)
    action = serializers.ChoiceField(choices=["create", "update", "unchanged"])
    reference = serializers.CharField()
    programme = serializers.CharField()
    title = serializers.CharField()
    call_id = serializers.IntegerField()


class CallImportReportSerializer(serializers.Serializer):
    file = serializers.CharField()
    is_example = serializers.BooleanField()
    summary = serializers.CharField()
    rows = CallImportRowSerializer(many=True)


class ConsortiumStartSerializer(serializers.Serializer):
    """Start a joint application from a proposal: the call, the lead and the partners."""

    call = serializers.PrimaryKeyRelatedField(queryset=FundingCall.objects.all())
    lead = serializers.SlugRelatedField(
        slug_field="slug", queryset=ClusterOrganisation.objects.all()
    )
    partners = serializers.ListField(child=serializers.SlugField(), min_length=1)
    title = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class CollaborationStartedSerializer(serializers.ModelSerializer):
    lead = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partners = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    # Plain text in the schema: enums named "kind"/"stage" would collide with other areas'.
    kind = serializers.CharField(read_only=True, help_text="joint_application")
    stage = serializers.CharField(read_only=True, help_text="identified")

    class Meta:
        model = Collaboration
        fields = ["id", "title", "kind", "stage", "call", "lead", "partners", "started_on",
                  "is_example"]  # fmt: skip
