"""Forms of the profile pages: the profile edit (or proposal) and a member."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.forms.models import fields_for_model, model_to_dict
from django.utils.translation import gettext_lazy as _

from clusterdialogue.clusters.forms import CommaListField
from clusterdialogue.clusters.models import ClusterMember, ClusterOrganisation
from clusterdialogue.clusters.profiles.services import PROFILE_FIELDS, REVIEWER_FIELDS
from clusterdialogue.statistics.models import Industry

LIST_FIELDS = ("keywords", "technologies")
TEXTAREA_FIELDS = (
    "description", "international_activities", "offers", "looking_for", "note", "source",
)  # fmt: skip


def _formfield(model_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """The model field's form field; web addresses without a scheme are read as https."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


def _industry_label(industry: Industry) -> str:
    return f"{industry.code} {industry.name_en}"


class ProfileForm(forms.Form):
    """The editable facts of a profile; reviewers also set its status and visibility.

    A plain form, not a ModelForm: a ModelForm writes the posted values into the organisation
    while validating, and the service needs the organisation as stored to compute the change.
    """

    def __init__(
        self, *args: Any, organisation: ClusterOrganisation, reviewer: bool, **kwargs: Any
    ):
        names = PROFILE_FIELDS + (REVIEWER_FIELDS if reviewer else ())
        initial = model_to_dict(organisation, fields=names)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(ClusterOrganisation, fields=names, formfield_callback=_formfield)
        )
        for name in LIST_FIELDS:
            self.fields[name] = CommaListField(
                required=False,
                label=_(name.capitalize()),
                help_text=_("Separate them with commas."),
            )
        for name in TEXTAREA_FIELDS:
            self.fields[name].widget = forms.Textarea(attrs={"rows": 4})
        sectors = self.fields["sectors"]
        selected = (
            list(organisation.sectors.values_list("pk", flat=True)) if organisation.pk else []
        )
        sectors.queryset = Industry.objects.filter(
            scheme=Industry.Scheme.NACE_DIVISION
        ) | Industry.objects.filter(pk__in=selected)
        sectors.label_from_instance = _industry_label
        sectors.help_text = _("NACE Rev. 2 divisions; hold Ctrl to choose several.")
        for name in ("sectors", "categories", "ecosystems"):
            self.fields[name].widget.attrs["size"] = 8
        self.fields["source_date"].widget = forms.DateInput(attrs={"type": "date"})
        self.order_fields(names)

    GROUPS = (
        (_("Organisation"), ("name", "acronym", "legal_form", "organisation_type",
                             "founding_year", "website", "email", "status", "is_public")),
        (_("Location"), ("address", "postcode", "city", "latitude", "longitude")),
        (_("Description and partnering"), ("description", "description_language", "offers",
                                           "looking_for", "international_activities",
                                           "keywords", "technologies")),
        (_("Sectors, ecosystems and categories"), ("sectors", "ecosystems", "categories")),
        (_("Members and staff"), ("members_sme", "members_large", "members_rto",
                                  "members_university", "members_public", "members_other",
                                  "staff_fte")),
        (_("Source"), ("source", "source_date", "note")),
    )  # fmt: skip

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields in groups, for the template's fieldsets."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.GROUPS
        ]


class MemberForm(forms.ModelForm):
    """A member of a cluster: a company or an institution."""

    class Meta:
        formfield_callback = _formfield
        model = ClusterMember
        fields = ["name", "member_type", "size_class", "nace", "city", "website"]
        labels = {"nace": _("Sector (NACE division)")}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["nace"].queryset = Industry.objects.filter(scheme=Industry.Scheme.NACE_DIVISION)
        self.fields["nace"].label_from_instance = _industry_label
