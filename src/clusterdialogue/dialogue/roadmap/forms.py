"""Forms of the roadmap feature; the services check the rest."""

from __future__ import annotations

from typing import Any

from django import forms

from clusterdialogue.dialogue.models import (
    Indicator,
    IndicatorValue,
    Objective,
    Roadmap,
    RoadmapAction,
)
from clusterdialogue.dialogue.roadmap.selectors import metric_choices

DATE = forms.DateInput(attrs={"type": "date"})


class RoadmapForm(forms.ModelForm):
    class Meta:
        model = Roadmap
        fields = ["title", "start_year", "end_year", "status", "source"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            c for c in Roadmap.Status.choices if c[0] != Roadmap.Status.CLOSED
        ]


class CloseForm(forms.Form):
    lessons = forms.CharField(
        label=Roadmap._meta.get_field("lessons").verbose_name, widget=forms.Textarea
    )


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["kind", "text", "order"]


class ActionForm(forms.ModelForm):
    class Meta:
        model = RoadmapAction
        fields = [
            "objective",
            "title",
            "owner_member",
            "owner_text",
            "territory",
            "due_on",
            "status",
        ]
        widgets = {"due_on": DATE}

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = roadmap.objectives.all()
        self.fields["owner_member"].queryset = roadmap.group.members.filter(left_on=None)
        territories = roadmap.group.network.territories.select_related("region")
        self.fields["territory"].queryset = territories


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["objective", "name", "unit", "target", "source_kind", "metric_key"]

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = roadmap.objectives.all()
        self.fields["metric_key"] = forms.ChoiceField(
            label=self.fields["metric_key"].label,
            help_text=self.fields["metric_key"].help_text,
            choices=[("", "—"), *metric_choices()],
            required=False,
        )


class ValueForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["value", "measured_on", "note"]
        widgets = {"measured_on": DATE}
