"""Forms of the calls area: the list's options, the import upload, the consortium builder."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.calls.selectors import (
    CallStatus,
    funding_call_programmes,
)
from clusterdialogue.core.consortium import DEFAULT_TERRITORY_WEIGHT

#: Uploaded call files stay small (a network follows tens of calls, not thousands).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_PROPOSALS = 10
MAX_SIZE = 30


class CallFilterForm(forms.Form):
    """The filters the calls page shows (a subset of :class:`FundingCallFilterSet`)."""

    status = forms.ChoiceField(
        choices=[("", _("any")), *CallStatus.CHOICES], required=False, label=_("Status")
    )
    programme = forms.ChoiceField(required=False, label=_("Programme"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("all programmes"))] + [
            (p, p) for p in funding_call_programmes()
        ]


class CallImportForm(forms.Form):
    """The secretariat's upload of a calls file."""

    file = forms.FileField(
        label=_("CSV or JSON file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,.gz"}),
    )
    is_example = forms.BooleanField(
        required=False, label=_("These are example calls for demonstration, not real calls")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB; split it or use the command line.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".json", ".csv.gz", ".json.gz")):
            raise forms.ValidationError(_("Upload a .csv or .json file (gzip allowed)."))
        return upload


class _ClusterMultiple(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ClusterOrganisation) -> str:
        return f"{obj.name} ({obj.region.code})"


class _ClusterChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: ClusterOrganisation) -> str:
        return f"{obj.name} ({obj.region.code})"


class ConsortiumForm(forms.Form):
    """The consortium builder's options (sent with GET: building changes nothing)."""

    lead = _ClusterChoice(queryset=ClusterOrganisation.objects.none(), to_field_name="slug",
                          label=_("Lead cluster"))  # fmt: skip
    size = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_SIZE,
        label=_("Size (members, the lead included)"),
        help_text=_("Empty: the smallest size the call allows, or its maximum."),
    )
    territory_weight = forms.FloatField(
        min_value=0,
        max_value=5,
        initial=DEFAULT_TERRITORY_WEIGHT,
        label=_("Territory weight"),
        help_text=_(
            "What covering one more territory of the network is worth, in units of fit "
            "(0: fit only)."
        ),
    )
    pinned = _ClusterMultiple(queryset=ClusterOrganisation.objects.none(), to_field_name="slug",
                              required=False, label=_("Pin partners"))  # fmt: skip
    excluded = _ClusterMultiple(queryset=ClusterOrganisation.objects.none(), to_field_name="slug",
                                required=False, label=_("Exclude partners"))  # fmt: skip
    proposals = forms.IntegerField(
        min_value=1, max_value=MAX_PROPOSALS, initial=3, label=_("Number of proposals")
    )

    def __init__(self, *args: Any, leads, candidates, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads
        self.fields["pinned"].queryset = candidates
        self.fields["excluded"].queryset = candidates
        for name in ("pinned", "excluded"):
            self.fields[name].widget.attrs["size"] = 8

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        pinned = {o.slug for o in data.get("pinned") or []}
        excluded = {o.slug for o in data.get("excluded") or []}
        both = sorted(o.name for o in data.get("pinned") or [] if o.slug in excluded)
        if both:
            raise forms.ValidationError(
                _("%(names)s cannot be both pinned and excluded; choose one.")
                % {"names": ", ".join(both)}
            )
        lead = data.get("lead")
        if lead is not None and lead.slug in pinned | excluded:
            raise forms.ValidationError(
                _("The lead %(name)s is always a member; do not pin or exclude it.")
                % {"name": lead.name}
            )
        return data


class StartCollaborationForm(forms.Form):
    """Start a joint application from a proposal: its lead and partners (hidden fields)."""

    lead = forms.ModelChoiceField(queryset=ClusterOrganisation.objects.none(),
                                  to_field_name="slug", widget=forms.HiddenInput)  # fmt: skip
    partners = forms.ModelMultipleChoiceField(
        queryset=ClusterOrganisation.objects.none(),
        to_field_name="slug",
        widget=forms.MultipleHiddenInput,
    )
    title = forms.CharField(max_length=300, required=False, label=_("Title"))

    def __init__(self, *args: Any, leads, candidates, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads
        self.fields["partners"].queryset = candidates
