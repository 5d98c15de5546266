"""HTML forms of the meetings feature (validation only; the views call the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.common.uploads import uploaded_document_check
from clusterdialogue.dialogue.models import ActionItem, AgendaItem, GroupMember, Registration

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"})


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    start = forms.DateField(label=_("First day"), widget=DATE)
    end = forms.DateField(label=_("Last day"), widget=DATE, required=False)
    starts_at = forms.TimeField(label=_("Starts at"), widget=TIME, required=False)
    ends_at = forms.TimeField(label=_("Ends at"), widget=TIME, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    timezone_name = forms.CharField(label=_("Time zone"), max_length=64, initial="Europe/Brussels")
    is_public = forms.BooleanField(label=_("Public"), required=False, initial=True)

    def clean_timezone_name(self) -> str:
        import zoneinfo

        name = self.cleaned_data["timezone_name"].strip()
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise forms.ValidationError(_("Not a time zone (e.g. Europe/Berlin).")) from error
        return name


class NextMeetingForm(forms.Form):
    start = forms.DateField(label=_("First day"), widget=DATE)
    end = forms.DateField(label=_("Last day"), widget=DATE, required=False)


def _members(group) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=GroupMember.objects.filter(group=group, left_on__isnull=True),
        required=False,
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    duration_minutes = forms.IntegerField(label=_("Minutes"), min_value=0, required=False)
    presenter_name = forms.CharField(label=_("Presenter"), max_length=200, required=False)

    def __init__(self, *args, group=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"] = _members(group)
        self.fields["presenter"].label = _("Presenter (member)")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(label=_("File"), validators=[uploaded_document_check])


class RegistrationForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("I will attend"), choices=Registration.Mode.choices, widget=forms.RadioSelect
    )
    dietary_notes = forms.CharField(label=_("Dietary requirements"), max_length=300, required=False)
    accessibility_notes = forms.CharField(
        label=_("Accessibility needs"), max_length=300, required=False
    )


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, meeting=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"] = forms.ModelChoiceField(
            label=_("Agenda item"),
            queryset=AgendaItem.objects.filter(meeting=meeting),
            required=False,
        )


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    due_date = forms.DateField(label=_("Due"), widget=DATE, required=False)

    def __init__(self, *args, group=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _members(group)
        self.fields["owner"].label = _("Owner")


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionItem.Status.choices)
