"""Forms of the cooperation board: a post, an expression of interest, the board's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.forms import CommaListField
from clusterdialogue.collaboration.board.permissions import (
    interest_organisations,
    organisations_user_acts_for,
)
from clusterdialogue.collaboration.models import CooperationPost
from clusterdialogue.regions.models import Territory
from clusterdialogue.regions.selectors import network_default


def _organisation_label(organisation: Any) -> str:
    return f"{organisation.name} ({organisation.region.code})"


def network_territories():
    """The territories of the default network (those a post may seek partners in)."""
    network = network_default()
    territories = Territory.objects.select_related("region").order_by("name")
    return territories.filter(network=network) if network else territories.none()


class PostForm(forms.Form):
    """An offer or a request; the cluster is chosen when posting and cannot change afterwards."""

    organisation = forms.ModelChoiceField(
        queryset=None,
        to_field_name="slug",
        label=_("Posted by (cluster)"),
        help_text=_("A cluster you manage or represent."),
    )
    kind = forms.ChoiceField(
        choices=CooperationPost.Kind.choices, widget=forms.RadioSelect, label=_("Kind")
    )
    topic = forms.ChoiceField(choices=CooperationPost.Topic.choices, label=_("Topic"))
    title = forms.CharField(max_length=200, label=_("Title"))
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("Description"),
        help_text=_(
            "What you offer or look for. One item per line helps the matching: each line is "
            "matched with what other clusters need or offer."
        ),
    )
    keywords = CommaListField(
        required=False, label=_("Keywords"), help_text=_("Separate them with commas.")
    )
    deadline = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        label=_("Deadline"),
    )
    territories_sought = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Territories sought"),
        help_text=_("Leave all unticked to look for partners in every other territory."),
    )

    def __init__(self, *args: Any, user: Any, post: CooperationPost | None = None, **kwargs):
        if post is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{f: getattr(post, f) for f in ("kind", "topic", "title", "description")},
                    "keywords": post.keywords,
                    "deadline": post.deadline,
                    "territories_sought": list(post.territories_sought.all()),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["territories_sought"].queryset = network_territories()
        if post is not None:
            del self.fields["organisation"]
        else:
            field = self.fields["organisation"]
            field.queryset = organisations_user_acts_for(user=user).order_by("name")
            field.label_from_instance = _organisation_label


class InterestForm(forms.Form):
    """Interest in a post, in the name of one of the user's clusters, with a message."""

    organisation = forms.ModelChoiceField(
        queryset=None, to_field_name="slug", label=_("On behalf of")
    )
    message = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Message to the poster"),
    )

    def __init__(self, *args: Any, user: Any, post: CooperationPost, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        answered = post.interests.values("organisation_id")
        field.queryset = (
            interest_organisations(user=user, post=post).exclude(pk__in=answered).order_by("name")
        )
        field.label_from_instance = _organisation_label
        if field.queryset.count() == 1:
            field.initial = field.queryset.first().slug
