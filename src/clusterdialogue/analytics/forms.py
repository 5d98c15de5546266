"""Query forms of the analytics pages: they validate GET parameters and supply defaults."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.analytics.selectors import DEFAULT_SCHEME
from clusterdialogue.portal.forms import SCHEME_CHOICES

# The score weighs relatedness density and complexity equally unless the page asks otherwise.
DEFAULT_WEIGHT = 0.5


class AnalyticsQueryForm(forms.Form):
    """Parameters shared by the analytics pages."""

    scheme = forms.ChoiceField(choices=SCHEME_CHOICES, required=False)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    weight = forms.FloatField(
        required=False,
        min_value=0,
        max_value=1,
        help_text=_("Weight of relatedness density against complexity in the score (0 to 1)."),
    )
    format = forms.ChoiceField(choices=[("", "html"), ("csv", "csv")], required=False)

    def value(self, name: str, default):
        """The cleaned value of ``name``, or ``default`` when it was not given."""
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value

    @property
    def chosen_scheme(self) -> str:
        """The scheme asked for, else NACE divisions."""
        return self.value("scheme", DEFAULT_SCHEME)

    def error_text(self) -> str:
        """The errors in plain words, naming each parameter."""
        return "; ".join(
            f"{name}: {' '.join(str(m) for m in messages)}"
            for name, messages in self.errors.items()
        )


def years_text(years) -> str:
    """Years as a comma-separated list, for messages that name the years with figures."""
    return ", ".join(str(y) for y in years)
