"""The form of a meeting's outcome."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.events.models import MeetingOutcome


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What came of the meeting"),
        choices=MeetingOutcome.Kind.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
