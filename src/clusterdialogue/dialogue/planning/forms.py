"""Forms of the meeting planner (validation only; the views call the services)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.dialogue.models import GroupMember, WorkingGroup
from clusterdialogue.regions.models import Territory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanOptionsForm(forms.Form):
    """The planner's settings, read from the page's query string."""

    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    meetings = forms.IntegerField(
        label=_("Meetings"), min_value=1, max_value=20, initial=4, required=False
    )
    per_year = forms.IntegerField(
        label=_("Meetings a year"), min_value=1, max_value=12, initial=2, required=False
    )
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=5, initial=2, required=False)
    include_associates = forms.BooleanField(label=_("Associates host too"), required=False)

    def options(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "start": data.get("start") or dt.date.today(),
            "meetings": data.get("meetings") or 4,
            "per_year": data.get("per_year") or 2,
            "days": data.get("days") or 2,
            "include_associates": bool(data.get("include_associates")),
        }


def _territories(group: WorkingGroup):
    return group.network.territories.select_related("region").order_by("name")


class TerritoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Territory) -> str:
        return f"{obj.name} ({obj.region.code})"


class ConfirmForm(forms.Form):
    """Confirm a proposal as it is, or change host, city or dates with a reason."""

    meeting = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    host_territory = TerritoryChoiceField(
        label=_("Host territory"), queryset=Territory.objects.none()
    )
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    start = forms.DateField(label=_("First day"), widget=DATE)
    end = forms.DateField(label=_("Last day"), widget=DATE)
    override_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you change the host, the city or the dates."),
    )

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_territory"].queryset = _territories(group)


class SchoolHolidaysForm(forms.Form):
    territory = TerritoryChoiceField(label=_("Territory"), queryset=Territory.objects.none())
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), max_length=300, required=False, help_text=_("e.g. Easter holidays")
    )

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = _territories(group)


class UnavailabilityForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Member"),
        queryset=GroupMember.objects.none(),
        required=False,
        help_text=_("Leave empty for yourself."),
    )
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, group: WorkingGroup, for_others: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if for_others:
            self.fields["member"].queryset = group.members.filter(left_on__isnull=True).order_by(
                "name"
            )
        else:
            del self.fields["member"]  # a member enters their own unavailability only


class HostEventForm(forms.Form):
    territory = TerritoryChoiceField(label=_("Territory"), queryset=Territory.objects.none())
    name = forms.CharField(label=_("Name"), max_length=300)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    start = forms.DateField(label=_("First day"), widget=DATE)
    end = forms.DateField(label=_("Last day"), widget=DATE)
    url = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = _territories(group)
