"""Forms of the groups feature; the services check the rest."""

from __future__ import annotations

from typing import Any

from django import forms

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


class MemberForm(forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["name", "role", "organisation", "territory", "email", "joined_on", "left_on"]
        widgets = {
            "joined_on": forms.DateInput(attrs={"type": "date"}),
            "left_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, group: WorkingGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = group.network.territories.select_related("region")


class DocumentForm(forms.ModelForm):
    class Meta:
        model = GroupDocument
        fields = ["title", "file", "language", "is_public"]
