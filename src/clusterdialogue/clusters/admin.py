from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clusterdialogue.clusters.models import (
    ClusterCategory,
    ClusterMember,
    ClusterOrganisation,
    ContactPerson,
    IndustrialEcosystem,
    Label,
    ProfileChange,
    SmartSpecialisationPriority,
)


class LabelInline(admin.TabularInline):
    model = Label
    extra = 0


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0
    raw_id_fields = ["user"]


@admin.register(ClusterOrganisation)
class ClusterOrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "region", "status", "city", "is_public"]
    list_filter = ["status", "is_public", "ecosystems", "region__country_code"]
    search_fields = ["name", "acronym", "city", "description"]
    raw_id_fields = ["region"]
    filter_horizontal = ["sectors", "categories", "ecosystems", "s3_priorities"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LabelInline, ContactInline]


@admin.register(ClusterMember)
class ClusterMemberAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "member_type", "size_class", "city"]
    list_filter = ["member_type", "size_class"]
    search_fields = ["name", "organisation__name", "city"]
    raw_id_fields = ["organisation", "nace"]


@admin.register(Label)
class LabelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "grade", "level", "organisation", "valid_from", "valid_until"]
    list_filter = ["level", "name"]
    raw_id_fields = ["organisation"]


@admin.register(ContactPerson)
class ContactPersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "role", "public_consent"]
    raw_id_fields = ["organisation", "user"]
    search_fields = ["name", "organisation__name"]


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
    list_display = ["organisation", "status", "proposed_by", "created_at", "reviewed_by"]
    list_filter = ["status"]
    raw_id_fields = ["organisation"]


admin.site.register(IndustrialEcosystem)
admin.site.register(ClusterCategory)
admin.site.register(SmartSpecialisationPriority)
