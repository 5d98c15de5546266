"""Forms of the library (validation only; views call the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.common.uploads import uploaded_document_check
from clusterdialogue.dialogue.models import Meeting, PolicyInstrument, PracticeCase
from clusterdialogue.regions.models import Territory


def _split(value: str, separator: str | None) -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


class _TerritoryForm(forms.ModelForm):
    tags_text = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas"))

    def __init__(self, *args, territory_ids: set[int] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        territories = Territory.objects.select_related("region").order_by("name")
        if territory_ids is not None:
            territories = territories.filter(pk__in=territory_ids)
        self.fields["territory"].queryset = territories
        if self.instance.pk:
            self.fields["tags_text"].initial = ", ".join(self.instance.tags)

    def values(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("tags_text", "links_text")}
        data["tags"] = _split(self.cleaned_data["tags_text"], ",")
        return data


class PolicyInstrumentForm(_TerritoryForm):
    links_text = forms.CharField(
        label=_("Links"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One web address a line"),
    )  # fmt: skip

    class Meta:
        model = PolicyInstrument
        fields = [
            "territory", "name", "kind", "managing_body", "description", "budget_amount",
            "budget_currency", "start_year", "end_year", "target_groups", "results",
            "language", "source", "is_example",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "target_groups": forms.Textarea(attrs={"rows": 2}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["links_text"].initial = "\n".join(self.instance.links)

    def values(self) -> dict:
        data = super().values()
        data["links"] = _split(self.cleaned_data["links_text"], None)
        return data


class PracticeCaseForm(_TerritoryForm):
    class Meta:
        model = PracticeCase
        fields = [
            "title", "territory", "kind", "summary", "instrument", "presented_at", "source",
            "is_example",
        ]  # fmt: skip
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presented_at"].queryset = Meeting.objects.select_related("group").order_by(
            "-start"
        )


class InstrumentDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"), validators=[uploaded_document_check])
