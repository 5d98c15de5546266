"""The recommendation settings a user changes on the page and in the API query string.

One form checks both, so ``?similarity_weight=0.3&cross_territory=off&min_score=0.1&quota=2&top=20``
means the same on /collaboration/recommendations/<slug>/ and /api/recommendations/<slug>/.
A parameter left out takes its default (cross-territory is on unless it says off).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.core.matching import MatchSettings

TRUE_VALUES = ("on", "true", "1", "yes")
DEFAULT_TOP = 10
MAX_TOP = 100
DEFAULTS = {
    "similarity_weight": MatchSettings.similarity_weight,
    "cross_territory": "on" if MatchSettings.cross_territory else "off",
    "min_score": MatchSettings.min_score,
    "quota": "",
    "top": DEFAULT_TOP,
}


class OnOffCheckbox(forms.CheckboxInput):
    """A check box whose page also posts a hidden ``off`` before it: the last value wins, so an
    unticked box reads as off, and a parameter absent from the query string as the default."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> bool:
        return str(data.get(name, "")).lower() in TRUE_VALUES


class RecommendationSettingsForm(forms.Form):
    """Similarity vs complementarity, cross-territory only, minimum score, quota, how many."""

    similarity_weight = forms.FloatField(
        min_value=0,
        max_value=1,
        label=_("Similarity ↔ complementarity"),
        help_text=_(
            "1: shared themes and industries only (joint R&D, joint calls); 0: one's offers "
            "meeting the other's needs only."
        ),
        widget=forms.NumberInput(attrs={"type": "range", "step": "0.05", "min": 0, "max": 1}),
    )
    cross_territory = forms.BooleanField(
        required=False, label=_("Partners from other territories only"), widget=OnOffCheckbox
    )
    min_score = forms.FloatField(
        min_value=0,
        max_value=1,
        label=_("Minimum score"),
        widget=forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 1}),
    )
    quota = forms.IntegerField(
        min_value=1,
        required=False,
        label=_("At most per territory"),
        help_text=_("Empty: no limit."),
    )
    top = forms.IntegerField(min_value=1, max_value=MAX_TOP, label=_("How many partners"))

    def __init__(self, query: Any = None, **kwargs: Any) -> None:
        """Bind the query string (a QueryDict or a dict) over the defaults."""
        data = dict(DEFAULTS)
        if query is not None:
            for name in DEFAULTS:
                if name in query:
                    value = query.get(name)
                    data[name] = "" if value is None else value
        super().__init__(data, **kwargs)

    def match_settings(self) -> tuple[MatchSettings, int]:
        """The engine's settings and the number of partners (call after ``is_valid``)."""
        data = self.cleaned_data
        settings = MatchSettings(
            similarity_weight=data["similarity_weight"],
            cross_territory=data["cross_territory"],
            min_score=data["min_score"],
            territory_quota=data["quota"],
        )
        return settings, data["top"]

    def error_text(self) -> str:
        """The errors as one line naming each parameter, e.g. for the API's 400 answer."""
        return "; ".join(
            f"{name}: {' '.join(str(m) for m in messages)}"
            for name, messages in self.errors.items()
        )
