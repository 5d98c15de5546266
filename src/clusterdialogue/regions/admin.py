from django.contrib import admin

from clusterdialogue.regions.models import (
    Network,
    Region,
    RegionBoundary,
    RegionCodeChange,
    Territory,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "country_code", "kind", "versions"]
    list_filter = ["level", "kind", "country_code"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    exclude = ["geometry"]


@admin.register(RegionBoundary)
class RegionBoundaryAdmin(admin.ModelAdmin):
    list_display = ["region", "version", "name"]
    list_filter = ["version"]
    search_fields = ["region__code", "name"]
    raw_id_fields = ["region"]
    exclude = ["geometry"]


@admin.register(RegionCodeChange)
class RegionCodeChangeAdmin(admin.ModelAdmin):
    list_display = ["old_code", "old_version", "new_code", "new_version", "relation"]
    list_filter = ["relation", "old_version", "new_version"]
    search_fields = ["old_code", "new_code"]


class TerritoryInline(admin.TabularInline):
    model = Territory
    raw_id_fields = ["region"]
    extra = 1


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_default"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TerritoryInline]


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "region", "role", "joined_on"]
    list_filter = ["network", "role"]
    raw_id_fields = ["region"]
