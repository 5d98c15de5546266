"""What happens at a meeting: its agenda, registrations, attendance, minutes, decisions, actions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdialogue.dialogue.models.groups import GroupMember
from clusterdialogue.dialogue.models.meetings import Meeting
from clusterdialogue.regions.models import Territory


class AgendaItem(models.Model):
    """One point of a meeting's agenda, in its order, with who presents it and for how long."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    presenter = models.ForeignKey(
        GroupMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    presenter_name = models.CharField(
        _("presenter"), max_length=200, blank=True, help_text=_("When not a member of the group.")
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    @property
    def presenter_label(self) -> str:
        return self.presenter.name if self.presenter else self.presenter_name


class AgendaDocument(models.Model):
    """A file attached to an agenda item (slides, a background paper)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="dialogue/agenda/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "uploaded_at"]
        verbose_name = _("agenda document")
        verbose_name_plural = _("agenda documents")

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """Someone coming to a meeting: a member of the group, or a named guest with an e-mail."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        GroupMember, on_delete=models.CASCADE, null=True, blank=True, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    mode = models.CharField(_("attendance"), max_length=16, choices=Mode.choices)
    dietary_notes = models.CharField(_("dietary requirements"), max_length=300, blank=True)
    accessibility_notes = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "registered_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="unique_meeting_registration"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.member.name if self.member else self.name


class Attendance(models.Model):
    """Who was there, for which territory: what the roadmap counts as territories represented."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        GroupMember, on_delete=models.CASCADE, null=True, blank=True, related_name="attendance"
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        who = self.member.name if self.member else str(self.registration or "")
        return f"{who} ({'present' if self.present else 'absent'})"


class Minute(models.Model):
    """What was said under one agenda item (plain text: minutes are read, quoted and printed)."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="minute")
    text = models.TextField(_("minutes"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("minute")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return self.text[:60]


class Decision(models.Model):
    """What the meeting decided, under an agenda item or for the meeting as a whole."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    text = models.TextField(_("decision"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:60]


class ActionItem(models.Model):
    """Something to do, raised at a meeting; open actions come back on every later agenda."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        GroupMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    is_example = models.BooleanField(_("example"), default=False)

    class Meta:
        ordering = ["meeting", "due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.title
