"""Forms of the groups feature; the services check the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from clusterdialogue.common.uploads import uploaded_document_check
from clusterdialogue.dialogue.models import GroupDocument, GroupMember, WorkingGroup


class GroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "parent", "description", "founded_year", "is_public", "source"]

    def __init__(self, *args: Any, parents: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user: Any) -> str:
        name = user.get_full_name() or user.username
        return f"{name} <{user.email}>" if user.email else name


class MemberForm(forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = [
            "name", "role", "organisation", "territory", "email", "user", "joined_on", "left_on",
        ]  # fmt: skip
        field_classes = {"user": AccountChoiceField}
        labels = {"user": _("Account on this platform")}
        help_texts = {
            "user": _(
                "The account that acts with this member's role (a chair or secretariat manages "
                "the group, members read its internal material). Left empty, the account with "
                "the member's e-mail is linked when there is one."
            )
        }
        widgets = {
            "joined_on": forms.DateInput(attrs={"type": "date"}),
            "left_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, group: WorkingGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = group.network.territories.select_related("region")
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .order_by("last_name", "first_name", "username")
        )


class DocumentForm(forms.ModelForm):
    class Meta:
        model = GroupDocument
        fields = ["title", "file", "language", "is_public"]

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        if file is not None and hasattr(file, "size"):
            uploaded_document_check(file)
        return file
