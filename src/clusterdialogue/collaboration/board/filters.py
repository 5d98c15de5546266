"""Filters of the cooperation board, shared by the board page and the API.

``/collaboration/board/?kind=request&territory=3&q=battery&status=open&current=on`` means the
same list on the page and in ``/api/cooperation-posts/?…``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import cluster_in_territory_q
from clusterdialogue.collaboration.models import CooperationPost
from clusterdialogue.regions.models import Territory

TRUE_VALUES = ("on", "true", "1", "yes")


class _Flag(django_filters.CharFilter):
    """A check box: on when the query string says on/true/1/yes."""

    field_class = forms.CharField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", forms.CheckboxInput(check_test=_is_on))
        super().__init__(*args, **kwargs)


def _is_on(value: object) -> bool:
    return str(value).lower() in TRUE_VALUES


class CooperationPostFilterSet(django_filters.FilterSet):
    """Kind, topic, the poster's territory, a territory sought, words, open/closed, deadline."""

    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=CooperationPost.Kind.choices, label=_("Kind"))
    topic = django_filters.ChoiceFilter(choices=CooperationPost.Topic.choices, label=_("Topic"))
    territory = django_filters.ModelChoiceFilter(
        queryset=Territory.objects.select_related("region"),
        method="filter_territory",
        label=_("Posted from"),
    )
    sought = django_filters.ModelChoiceFilter(
        queryset=Territory.objects.select_related("region"),
        method="filter_sought",
        label=_("Open to partners from"),
    )
    status = django_filters.ChoiceFilter(
        choices=CooperationPost.Status.choices, label=_("Open or closed")
    )
    current = _Flag(method="filter_current", label=_("Deadline not passed"))
    organisation = django_filters.CharFilter(
        field_name="organisation__slug", label=_("Cluster (slug)")
    )
    following = _Flag(method="filter_following", label=_("Posts I follow"))

    class Meta:
        model = CooperationPost
        fields = ["q", "kind", "topic", "territory", "sought", "status", "current"]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Every word must appear in the title, the description, a keyword or the poster's name."""
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(keywords__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(organisation__acronym__iexact=word)
            )
        return queryset

    def filter_territory(self, queryset: QuerySet, name: str, value: Territory) -> QuerySet:
        inside = ClusterOrganisation.objects.filter(cluster_in_territory_q(territory=value))
        return queryset.filter(organisation__in=inside.values("pk"))

    def filter_sought(self, queryset: QuerySet, name: str, value: Territory) -> QuerySet:
        """Posts seeking partners in the territory, or anywhere (no territory named)."""
        seeking = CooperationPost.objects.filter(territories_sought=value).values("pk")
        anywhere = CooperationPost.objects.filter(territories_sought__isnull=True).values("pk")
        return queryset.filter(Q(pk__in=seeking) | Q(pk__in=anywhere))

    def filter_current(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not _is_on(value):
            return queryset
        today = timezone.localdate()
        return queryset.filter(Q(deadline__isnull=True) | Q(deadline__gte=today))

    def filter_following(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        user = getattr(self.request, "user", None)
        if not _is_on(value) or user is None or not user.is_authenticated:
            return queryset
        return queryset.filter(followers=user)
