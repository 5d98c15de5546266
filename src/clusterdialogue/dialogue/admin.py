from django.apps import apps
from django.contrib import admin
from django.db import models

from clusterdialogue.dialogue.models import (
    BlockedPeriod,
    GroupMember,
    HostCity,
    HostEvent,
    Meeting,
    WorkingGroup,
)


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "network", "parent", "founded_year", "is_public", "archived_at")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [GroupMemberInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("group", "number", "city", "start", "end", "status", "is_example")
    list_filter = ("group", "status", "is_example")


admin.site.register([HostCity, BlockedPeriod, HostEvent])


def _admin_for(model: type[models.Model]) -> type[admin.ModelAdmin]:
    """A plain admin for a model: its short fields as columns, filters and a search box."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    shown = [f.name for f in fields if not isinstance(f, models.TextField | models.JSONField)]
    filters = [
        f.name
        for f in fields
        if f.choices or isinstance(f, models.BooleanField | models.ForeignKey)
    ]
    searched = [f.name for f in fields if isinstance(f, models.CharField) and not f.choices]
    return type(
        f"{model.__name__}Admin",
        (admin.ModelAdmin,),
        {
            "list_display": ["__str__", *shown[:6]],
            "list_filter": filters[:4],
            "search_fields": searched[:4],
            "list_select_related": True,
        },
    )


# Every other model of the app (agenda, minutes, actions, roadmaps, library, documents).
for _model in apps.get_app_config("dialogue").get_models():
    if not admin.site.is_registered(_model):
        admin.site.register(_model, _admin_for(_model))
