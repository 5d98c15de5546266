from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clusterdialogue.collaboration.models import (
    Collaboration,
    CollaborationDocument,
    CooperationPost,
    FundingCall,
    Interest,
    Notification,
    PostMatch,
    StageChange,
)


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0


class DocumentInline(admin.TabularInline):
    model = CollaborationDocument
    extra = 0


@admin.register(Collaboration)
class CollaborationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "stage", "started_on", "is_example"]
    list_filter = ["kind", "stage", "is_example"]
    search_fields = ["title", "description"]
    filter_horizontal = ["partners"]
    raw_id_fields = ["lead", "call", "post"]
    inlines = [StageChangeInline, DocumentInline]


class PostMatchInline(admin.TabularInline):
    model = PostMatch
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(CooperationPost)
class CooperationPostAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "topic", "organisation", "status", "deadline"]
    list_filter = ["kind", "topic", "status"]
    search_fields = ["title", "description"]
    raw_id_fields = ["organisation"]
    inlines = [PostMatchInline]


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "opening", "deadline", "min_partners", "min_countries"]
    list_filter = ["programme"]
    search_fields = ["title", "topic", "reference"]


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["post", "organisation", "user", "created_at"]
    raw_id_fields = ["post", "organisation"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "message", "created_at", "read_at"]
