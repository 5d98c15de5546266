"""The audit log's filters (validation only)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdialogue.accounts.models import AuditEvent

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("all")), *AuditEvent.Action.choices]
    )
    actor = forms.CharField(label=_("By (user name)"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("To"), required=False, widget=DATE)
