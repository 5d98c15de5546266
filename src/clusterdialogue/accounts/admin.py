from django.contrib import admin

from clusterdialogue.accounts.models import Invitation, RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "network", "territory", "organisation", "created_at"]
    list_filter = ["role", "network"]
    raw_id_fields = ["user", "territory", "organisation", "granted_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "organisation", "territory", "created_at", "accepted_at"]
    list_filter = ["role"]
    raw_id_fields = ["organisation", "territory", "invited_by", "accepted_by"]
    readonly_fields = ["token"]
