"""Forms of the collaboration pipeline: a collaboration, a move, a document, the filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import directory_queryset
from clusterdialogue.collaboration.models import Collaboration, CooperationPost, FundingCall
from clusterdialogue.collaboration.pipeline.services import stage_label, stage_next
from clusterdialogue.common.uploads import uploaded_document_check
from clusterdialogue.regions.models import Network, Territory

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ClusterOrganisation) -> str:
        return f"{obj.name} ({obj.region.code})"


class LeadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ClusterOrganisation) -> str:
        return obj.name


class CollaborationForm(forms.ModelForm):
    """A collaboration's facts; the stage changes through moves, not here."""

    partners = PartnerChoiceField(
        queryset=ClusterOrganisation.objects.none(),
        to_field_name="slug",
        label=_("Partner clusters"),
        help_text=_(
            "Every cluster taking part, yours included (hold Ctrl or ⌘ to choose several). "
            "A relation between territories needs partners from two territories."
        ),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    lead = LeadChoiceField(
        queryset=ClusterOrganisation.objects.none(),
        to_field_name="slug",
        required=False,
        label=_("Lead partner"),
        help_text=_("Optional; one of the partners."),
    )
    note = forms.CharField(
        required=False,
        label=_("Note for the log"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How the collaboration was identified (e.g. at which event)."),
    )

    class Meta:
        model = Collaboration
        fields = [
            "title", "kind", "partners", "lead", "started_on", "call", "post", "description",
            "outcome", "funding_requested", "funding_won", "is_example",
        ]  # fmt: skip
        labels = {
            "started_on": _("Identified on"),
            "call": _("Funding call"),
            "post": _("Board post it answers"),
            "funding_requested": _("Funding requested (EUR)"),
            "funding_won": _("Funding won (EUR)"),
            "is_example": _("Example data (not a real collaboration)"),
        }
        widgets = {
            "started_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible = directory_queryset(user=user).order_by("name")
        current = self.instance.partners.all() if self.instance.pk else []
        # Partners already chosen stay choosable even if their profile was hidden meanwhile.
        choosable = ClusterOrganisation.objects.filter(
            pk__in=[*visible.values_list("pk", flat=True), *(p.pk for p in current)]
        ).select_related("region")
        self.fields["partners"].queryset = choosable.order_by("name")
        self.fields["lead"].queryset = choosable.order_by("name")
        self.fields["call"].queryset = FundingCall.objects.order_by("-deadline")
        self.fields["call"].required = False
        self.fields["post"].queryset = CooperationPost.objects.select_related("organisation")
        self.fields["post"].required = False
        if not self.fields["started_on"].initial and not self.instance.pk:
            self.initial.setdefault("started_on", timezone.localdate())
        self.fields["is_example"].help_text = ""  # the label says it all
        if self.instance.pk:
            del self.fields["note"]

    def clean(self) -> dict:
        data = super().clean()
        lead, partners = data.get("lead"), data.get("partners")
        if lead is not None and partners is not None and lead not in partners:
            self.add_error("lead", _("The lead must be one of the partners; add it to them."))
        return data

    def service_arguments(self) -> dict:
        """The cleaned data as the service functions take it."""
        data = dict(self.cleaned_data)
        data["partners"] = list(data["partners"])
        return data


class MoveForm(forms.Form):
    """Move a collaboration to a following stage, on a date, with a note."""

    stage = forms.ChoiceField(label=_("Move to"))
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    note = forms.CharField(
        required=False, label=_("Note"), widget=forms.Textarea(attrs={"rows": 2})
    )
    amount = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        label=_("Amount (EUR)"),
        help_text=_("With 'submitted': the funding requested; with 'funded': the funding won."),
    )
    expected_stage = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, collaboration: Collaboration, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"date": timezone.localdate(), "expected_stage": collaboration.stage}
        )
        kwargs.setdefault("auto_id", f"id_move{collaboration.pk}_%s")
        super().__init__(*args, **kwargs)
        self.collaboration = collaboration
        self.fields["stage"].choices = [
            (s, stage_label(s)) for s in stage_next(stage=collaboration.stage)
        ]


class DocumentForm(forms.Form):
    """A document: a file to upload or a link."""

    title = forms.CharField(max_length=300, required=False, label=_("Title"))
    file = forms.FileField(required=False, label=_("File"), validators=[uploaded_document_check])
    url = forms.URLField(
        required=False, max_length=500, label=_("or a link"), assume_scheme="https"
    )

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Give either a file or a link (one of the two)."))
        return data


def year_choices(years: list[int]) -> list[tuple[str, str]]:
    return [("", _("All years")), *((str(y), str(y)) for y in years)]


class BoardFilterForm(forms.Form):
    """The board's filters: territory, kind and year (a stage reached in that year)."""

    territory = forms.ModelChoiceField(
        queryset=Territory.objects.none(), required=False, empty_label=_("All territories")
    )
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *Collaboration.Kind.choices], required=False
    )
    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, network: Network | None, years: list[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        territories = Territory.objects.select_related("region").order_by("name")
        self.fields["territory"].queryset = (
            territories.filter(network=network) if network else territories.none()
        )
        self.fields["year"].choices = year_choices(years)


class StatisticsFilterForm(forms.Form):
    """The statistics and network pages' options."""

    network = forms.ModelChoiceField(
        queryset=Network.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=None,
    )
    kind = forms.ChoiceField(
        choices=[("", _("All kinds")), *Collaboration.Kind.choices], required=False
    )
    examples = forms.BooleanField(required=False, label=_("Include example data"))
