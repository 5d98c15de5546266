from django.contrib import admin

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
