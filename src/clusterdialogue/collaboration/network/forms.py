"""The network page's filters: the statistics' options and the year links are shown until."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.collaboration.pipeline.forms import StatisticsFilterForm, year_choices


class NetworkFilterForm(StatisticsFilterForm):
    until = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label=_("Links made until")
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["until"].choices = year_choices(years)
