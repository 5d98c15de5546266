"""The network page's query: how many opportunities per territory count, which kinds to show."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.analytics.forms import AnalyticsQueryForm

NETWORK_TABLES = ["overlap", "territories"]
DEFAULT_TOP = 15
KIND_CHOICES = [
    ("", _("all")),
    ("joint", _("joint opportunities")),
    ("partner", _("opportunities with a specialised partner")),
    ("shared", _("shared specialisations")),
]


class NetworkAnalyticsForm(AnalyticsQueryForm):
    """The network page: how many opportunities per territory count, which kinds to show."""

    top = forms.IntegerField(required=False, min_value=1, max_value=100)
    kind = forms.ChoiceField(choices=KIND_CHOICES, required=False)
    table = forms.ChoiceField(choices=[(t, t) for t in NETWORK_TABLES], required=False)
