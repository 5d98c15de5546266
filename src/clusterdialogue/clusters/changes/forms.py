"""Forms of the review of a proposed change: approve (maybe overwriting) or reject, saying why."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ApproveForm(forms.Form):
    """Approve a proposed change; overwriting newer values needs an explicit tick."""

    force = forms.BooleanField(
        required=False,
        label=_("Overwrite the values changed since the proposal"),
    )
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RejectForm(forms.Form):
    """Reject a proposed change, saying why, so the manager can fix and propose again."""

    comment = forms.CharField(
        label=_("Why is it rejected?"), widget=forms.Textarea(attrs={"rows": 3})
    )
