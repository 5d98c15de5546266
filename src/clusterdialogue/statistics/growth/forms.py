"""Query forms of the statistics pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.statistics.models import Industry


class GrowthQueryForm(forms.Form):
    scheme = forms.ChoiceField(
        choices=[
            (Industry.Scheme.NACE_DIVISION.value, _("NACE divisions")),
            (Industry.Scheme.NACE_SECTION.value, _("NACE sections")),
        ],
        required=False,
    )
    start = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    end = forms.IntegerField(required=False, min_value=1900, max_value=2100)

    def value(self, name: str, default):
        """The cleaned value of ``name``, or ``default`` when absent or invalid."""
        if not self.is_bound or not self.is_valid():
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value
