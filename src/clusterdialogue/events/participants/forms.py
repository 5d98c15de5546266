"""HTML forms of the participants feature (validation only; the views call the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.events.models import Participant, Session


class RegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    interests = forms.CharField(
        label=_("What I offer and look for"), widget=forms.Textarea, required=False,
        help_text=_("Shown to the other participants, to help them choose whom to meet."),
    )  # fmt: skip

    def __init__(self, *args, organisations, manages: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].help_text = _("A cluster organisation you act for.")
        if manages:
            self.fields["type"] = forms.ChoiceField(
                label=_("Type"),
                choices=Participant.Type.choices,
                initial="delegation",
                required=False,
            )

    def clean_type(self) -> str:
        return self.cleaned_data.get("type") or Participant.Type.DELEGATION


class UnavailabilityForm(forms.Form):
    sessions = forms.ModelMultipleChoiceField(
        label=_("Meeting slots in which I cannot meet"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = Session.objects.filter(
            event=event, kind=Session.Kind.MEETINGS
        ).order_by("start")
