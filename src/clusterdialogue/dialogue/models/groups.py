"""Working groups of a network and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clusterdialogue.regions.models import Network, Territory


class WorkingGroup(models.Model):
    """A group of the network's experts: the Cluster Dialogue itself, or a thematic dialogue.

    Groups nest (a sub-dialogue has a ``parent``) and are archived rather than deleted, so the
    history of their meetings stays readable.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="working_groups")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Shown on the public portal; internal material stays internal."),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the facts of this record come from."),
    )
    is_example = models.BooleanField(
        _("example"), default=False, help_text=_("Demonstration content, not a real group.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The group page shows who changed what; updated_at alone would add a row per save.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["network", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dialogue:group-detail", args=[self.slug])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class GroupMember(models.Model):
    """A person in a group: a territory's technical representative, the chair, a guest."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARIAT = "secretariat", _("Secretariat")
        MEMBER = "member", _("Member")
        GUEST = "guest", _("Guest")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_memberships",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=300,
        blank=True,
        help_text=_("e.g. a regional ministry or agency"),
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, null=True, blank=True, related_name="group_members"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "role", "name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()}, {self.group})"


def _document_path(document: GroupDocument, filename: str) -> str:
    return f"dialogue/groups/{document.group.slug}/{filename}"


class GroupDocument(models.Model):
    """A file of a group: terms of reference, a position paper; internal ones for members only."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=_document_path)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Unticked: only the group's members see it.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "-uploaded_at"]
        verbose_name = _("group document")
        verbose_name_plural = _("group documents")

    def __str__(self) -> str:
        return self.title
