"""HTML forms of the B2B meetings (validation only; the views call the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.events.models import MeetingRequest, Participant, Session


class MeetingRequestForm(forms.Form):
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=MeetingRequest.Priority.choices, coerce=int,
        initial=MeetingRequest.Priority.NICE,
    )  # fmt: skip
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text=_("Why you would like to meet."),
    )  # fmt: skip


class OrganiserMeetingForm(forms.Form):
    requester = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    partner = forms.ModelChoiceField(label=_("Meets"), queryset=None)
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=MeetingRequest.Priority.choices, coerce=int,
        initial=MeetingRequest.Priority.MUST,
    )  # fmt: skip
    slot = forms.ModelChoiceField(
        label=_("Pin to the slot"), queryset=None, required=False,
        help_text=_("Empty: the schedule chooses the slot."),
    )  # fmt: skip

    def __init__(self, *args, event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        people = Participant.objects.filter(
            event=event, status=Participant.Status.APPROVED
        ).select_related("organisation")
        self.fields["requester"].queryset = people
        self.fields["partner"].queryset = people
        self.fields["slot"].queryset = Session.objects.filter(
            event=event, kind=Session.Kind.MEETINGS
        ).order_by("start")
