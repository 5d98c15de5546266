from django.contrib import admin

from clusterdialogue.events.models import (
    Event,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    ScheduledMeeting,
    Session,
    Unavailability,
)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "kind",
        "host_territory",
        "city",
        "start",
        "end",
        "is_public",
        "is_example",
    )
    list_filter = ("kind", "network", "is_public", "is_example")
    search_fields = ("title", "city", "keywords")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("categories", "organisers")
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title", "event", "kind", "start", "end", "location")
    list_filter = ("kind", "event")
    search_fields = ("title", "location")


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "organisation", "email", "type", "status", "registered_at")
    list_filter = ("status", "type", "event")
    search_fields = ("name", "email", "organisation__name")
    raw_id_fields = ("user",)


@admin.register(Unavailability)
class UnavailabilityAdmin(admin.ModelAdmin):
    list_display = ("participant", "session")
    search_fields = ("participant__name",)


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "event",
        "priority",
        "status",
        "by_organiser",
        "created_at",
        "expires_at",
    )
    list_filter = ("status", "priority", "by_organiser", "event")
    search_fields = ("requester__name", "partner__name", "message")


@admin.register(ScheduledMeeting)
class ScheduledMeetingAdmin(admin.ModelAdmin):
    list_display = ("request", "session", "table", "pinned", "status")
    list_filter = ("status", "pinned", "session__event")
    search_fields = ("request__requester__name", "request__partner__name")


@admin.register(MeetingOutcome)
class MeetingOutcomeAdmin(admin.ModelAdmin):
    list_display = ("meeting", "kind", "recorded_by", "recorded_at", "collaboration")
    list_filter = ("kind", "meeting__session__event")
    search_fields = ("meeting__request__requester__name", "meeting__request__partner__name", "note")
    raw_id_fields = ("meeting", "recorded_by", "recorded_by_user", "collaboration")
