"""Forms for invitations and for accepting one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from clusterdialogue.accounts.invitations.selectors import organisations_invitable
from clusterdialogue.accounts.models import Role
from clusterdialogue.accounts.permissions import user_can_invite
from clusterdialogue.common.permissions import can
from clusterdialogue.regions.models import Territory
from clusterdialogue.regions.selectors import network_default


class InvitationForm(forms.Form):
    """Whom to invite, to which role, and for which territory or cluster organisation.

    The choices offered are those the inviter may use: the secretariat invites anyone; a
    representative and a cluster manager invite cluster managers for the clusters they look after.
    """

    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    role = forms.ChoiceField(choices=Role.choices)
    territory = forms.ModelChoiceField(
        queryset=Territory.objects.none(),
        required=False,
        help_text=_("For a territory representative."),
    )
    organisation = forms.ModelChoiceField(
        queryset=None,
        required=False,
        to_field_name="slug",
        label=_("Cluster organisation"),
        help_text=_("For a cluster manager."),
    )

    def __init__(self, *args: Any, inviter: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        self.fields["organisation"].queryset = organisations_invitable(user=inviter)
        # The most frequent invitation first; inviting a secretariat member is rare and powerful.
        self.fields["role"].initial = Role.CLUSTER_MANAGER
        if can(inviter, "accounts.invite_any_role"):
            self.fields["role"].choices = [
                (role, role.label)
                for role in (Role.CLUSTER_MANAGER, Role.TERRITORY_REPRESENTATIVE, Role.MEMBER,
                             Role.SECRETARIAT)
            ]  # fmt: skip
            network = network_default()
            self.fields["territory"].queryset = (
                network.territories.select_related("region")
                if network
                else Territory.objects.none()
            )
        else:
            self.fields["role"].choices = [(Role.CLUSTER_MANAGER, Role.CLUSTER_MANAGER.label)]
            del self.fields["territory"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        role = data.get("role")
        territory = data.get("territory")
        organisation = data.get("organisation")
        if role == Role.TERRITORY_REPRESENTATIVE and territory is None:
            self.add_error(
                "territory", _("Choose the territory the representative will speak for.")
            )
        if role == Role.CLUSTER_MANAGER and organisation is None:
            self.add_error("organisation", _("Choose the cluster organisation they will manage."))
        # Only the scope the role needs is kept, so a stray choice cannot widen the role.
        data["territory"] = territory if role == Role.TERRITORY_REPRESENTATIVE else None
        data["organisation"] = organisation if role == Role.CLUSTER_MANAGER else None
        data["network"] = network_default() if role in (Role.SECRETARIAT, Role.MEMBER) else None
        scope = data["organisation"] or data["territory"] or data["network"]
        if role and not self.errors and not user_can_invite(self.inviter, role, scope):
            raise forms.ValidationError(_("You may not invite someone to this role here."))
        return data


class InvitationAcceptForm(forms.Form):
    """The user name and password the invitee chooses (Django's password rules apply)."""

    username = forms.CharField(
        max_length=150,
        label=_("User name"),
        help_text=_("Letters, digits and @/./+/-/_ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ; type the same one twice."))
        return data
