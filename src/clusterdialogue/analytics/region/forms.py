"""The region page's query: the year, the score's weight, two years to compare, a CSV table."""

from __future__ import annotations

from django import forms

from clusterdialogue.analytics.forms import AnalyticsQueryForm

REGION_TABLES = ["profile", "opportunities", "eci", "dynamics", "deciles"]


class RegionAnalyticsForm(AnalyticsQueryForm):
    """A region's page: the year, the score's weight, two years to compare, a CSV table."""

    start = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    end = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    table = forms.ChoiceField(choices=[(t, t) for t in REGION_TABLES], required=False)
