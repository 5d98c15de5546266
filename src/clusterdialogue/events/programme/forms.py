"""HTML forms of the programme feature (validation only; the views call the services)."""

from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.models import ClusterCategory
from clusterdialogue.events.models import Event, Session
from clusterdialogue.regions.models import Territory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    host_territory = forms.ModelChoiceField(
        label=_("Host territory"), queryset=Territory.objects.select_related("region")
    )
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    timezone = forms.CharField(label=_("Time zone"), max_length=64, initial="Europe/Brussels")
    start = forms.DateField(label=_("First day"), widget=DATE)
    end = forms.DateField(label=_("Last day"), widget=DATE, required=False)
    categories = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=ClusterCategory.objects.all(), required=False
    )
    keywords = forms.CharField(label=_("Keywords"), max_length=500, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    logistics = forms.CharField(label=_("Logistics notes"), widget=forms.Textarea, required=False)
    registration_opens = forms.DateField(label=_("Registration opens"), widget=DATE, required=False)
    registration_closes = forms.DateField(
        label=_("Registration closes"), widget=DATE, required=False
    )
    cap_per_cluster = forms.IntegerField(
        label=_("Participants per cluster"), min_value=1, required=False,
        help_text=_("Empty: no limit."),
    )  # fmt: skip
    tables = forms.IntegerField(label=_("Meeting tables"), min_value=1, initial=10)
    request_expiry_hours = forms.IntegerField(
        label=_("Hours to answer a meeting request"), min_value=1, initial=72
    )
    is_public = forms.BooleanField(label=_("Public"), required=False, initial=True)
    is_example = forms.BooleanField(
        label=_("Example (demonstration, not a real event)"), required=False
    )

    def __init__(self, *args, event: Event | None = None, everyone: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if event is not None:
            # The secretariat chooses among every account; an organiser among the event's
            # organisers and its participants' accounts (no list of every user of the site).
            users = get_user_model().objects.filter(is_active=True)
            if not everyone:
                users = users.filter(
                    Q(events_organised=event) | Q(event_participations__event=event)
                ).distinct()
            self.fields["organisers"] = forms.ModelMultipleChoiceField(
                label=_("Organisers"), queryset=users.order_by("username")
            )

    def clean_timezone(self) -> str:
        name = self.cleaned_data["timezone"].strip()
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise forms.ValidationError(
                _("Unknown time zone; write it as e.g. Europe/Brussels.")
            ) from error
        return name


def event_initial(event: Event) -> dict:
    """The form's values for an existing event."""
    names = [f for f in EventForm.base_fields if f not in ("categories",)]
    initial = {name: getattr(event, name) for name in names}
    initial["categories"] = list(event.categories.all())
    initial["organisers"] = list(event.organisers.all())
    return initial


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Session.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    start = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    end = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    location = forms.CharField(label=_("Place"), max_length=300, required=False)

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zoneinfo.ZoneInfo(event.timezone)
        self.fields["start"].help_text = _("In the event's time zone (%(zone)s).") % {
            "zone": event.timezone
        }

    def _in_event_zone(self, value: datetime.datetime | None) -> datetime.datetime | None:
        # The times are typed in the event's time zone, whatever the site's own zone is.
        if value is None:
            return None
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        return naive.replace(tzinfo=self.zone)

    def clean_start(self) -> datetime.datetime | None:
        return self._in_event_zone(self.cleaned_data.get("start"))

    def clean_end(self) -> datetime.datetime | None:
        return self._in_event_zone(self.cleaned_data.get("end"))
