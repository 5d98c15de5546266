"""Query forms of the portal pages: they validate GET parameters and supply defaults."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.statistics.models import Industry

SCHEME_CHOICES = [
    (Industry.Scheme.NACE_DIVISION.value, _("NACE divisions")),
    (Industry.Scheme.NACE_SECTION.value, _("NACE sections")),
]
LEVEL_CHOICES = [(0, _("Countries (NUTS 0)")), (1, _("NUTS 1")), (2, _("NUTS 2"))]
MEASURE_CHOICES = [("lq", _("Location quotient")), ("stars", _("ECO stars"))]


class MappingQueryForm(forms.Form):
    """Scheme, year and level of a mapping view."""

    scheme = forms.ChoiceField(choices=SCHEME_CHOICES, required=False)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    level = forms.TypedChoiceField(choices=LEVEL_CHOICES, coerce=int, required=False)

    def cleaned_or_default(self, name: str, default):
        value = self.cleaned_data.get(name) if self.is_valid() else None
        return default if value in (None, "") else value


class MapQueryForm(MappingQueryForm):
    category = forms.CharField(required=False, max_length=32)
    measure = forms.ChoiceField(choices=MEASURE_CHOICES, required=False)


class CompareForm(forms.Form):
    """Up to six regions to put side by side."""

    MAX_REGIONS = 6
    scheme = forms.ChoiceField(choices=SCHEME_CHOICES, required=False)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.codes = [code.strip() for code in data.getlist("r") if code.strip()]

    def clean(self):
        cleaned = super().clean()
        if len(self.codes) > self.MAX_REGIONS:
            raise forms.ValidationError(
                _("Compare at most %(n)d regions at once; remove some.") % {"n": self.MAX_REGIONS}
            )
        return cleaned
