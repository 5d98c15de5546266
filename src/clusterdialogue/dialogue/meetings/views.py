"""Thin page views of the meetings feature: find the meeting, ask can(), call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialogue.common.http import site_url
from clusterdialogue.common.permissions import can, require
from clusterdialogue.dialogue.groups.selectors import group_get_visible
from clusterdialogue.dialogue.meetings import exports, forms, selectors, services
from clusterdialogue.dialogue.models import ActionItem, AgendaItem, Meeting


def _meeting(request: HttpRequest, slug: str, number: int, rule: str = "") -> Meeting:
    meeting = selectors.meeting_get(
        group=group_get_visible(user=request.user, slug=slug), number=number
    )
    if meeting is None or not can(request.user, "meetings.view_meeting", meeting):
        raise Http404
    if rule:
        require(request.user, rule, meeting)
    return meeting


def _errors(request: HttpRequest, error: ValidationError | forms.forms.Form) -> None:
    if isinstance(error, ValidationError):
        items = (
            error.message_dict.items() if hasattr(error, "error_dict") else [("", error.messages)]
        )
    else:
        items = error.errors.items()
    for field, problems in items:
        messages.error(request, f"{field}: {' '.join(problems)}" if field else " ".join(problems))


def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get_visible(user=request.user, slug=slug)
    meetings = selectors.meeting_list_visible(user=request.user, group=group)
    upcoming, past = selectors.meeting_split_by_date(meetings=meetings)
    return render(
        request,
        "dialogue/meetings/list.html",
        {
            "group": group,
            "upcoming": upcoming,
            "past": past,
            "can_create": can(request.user, "meetings.create_meeting", group),
            "form": forms.MeetingForm(),
        },
    )


@login_required
@require_POST
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get_visible(user=request.user, slug=slug)
    require(request.user, "meetings.create_meeting", group)
    form = forms.MeetingForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("dialogue:meeting-list", slug)
    try:
        meeting = services.meeting_create(group=group, **form.cleaned_data)
    except ValidationError as error:
        _errors(request, error)
        return redirect("dialogue:meeting-list", slug)
    messages.success(request, _("Meeting created. Add its agenda items next."))
    return redirect(meeting.get_absolute_url())


def meeting_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting(request, slug, number)
    user = request.user
    manages = can(user, "meetings.manage_meeting", meeting)
    registers = can(user, "meetings.register", meeting)
    own = None
    if registers:
        own = meeting.registrations.filter(member__user=user).first()
    context = {
        "group": meeting.group,
        "meeting": meeting,
        "manages": manages,
        "registers": registers,
        "own_registration": own,
        "reads_minutes": can(user, "meetings.read_minutes", meeting),
        "next_meeting": selectors.meeting_next(meeting=meeting),
        "members": meeting.group.members.filter(left_on__isnull=True).select_related("territory"),
        **selectors.meeting_page_data(meeting=meeting),
    }
    if manages:
        context["item_form"] = forms.AgendaItemForm(group=meeting.group, auto_id="item_%s")
        context["decision_form"] = forms.DecisionForm(meeting=meeting, auto_id="decision_%s")
        context["action_form"] = forms.ActionForm(group=meeting.group, auto_id="action_%s")
        context["next_form"] = forms.NextMeetingForm(auto_id="next_%s")
        context["present_members"] = {a.member_id for a in context["attendance"] if a.member_id}
        context["present_guests"] = {
            a.registration_id for a in context["attendance"] if a.registration_id
        }
    if registers:
        initial = {"mode": own.mode if own else "in_person"}
        if own:
            initial |= {
                "dietary_notes": own.dietary_notes,
                "accessibility_notes": own.accessibility_notes,
            }
        context["registration_form"] = forms.RegistrationForm(initial=initial)
    return render(request, "dialogue/meetings/detail.html", context)


def _back(meeting: Meeting, anchor: str = "") -> HttpResponse:
    return redirect(meeting.get_absolute_url() + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def agenda_item_add(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    form = forms.AgendaItemForm(request.POST, group=meeting.group)
    if not form.is_valid():
        _errors(request, form)
        return _back(meeting, "agenda")
    services.agenda_item_add(meeting=meeting, **form.cleaned_data)
    return _back(meeting, "agenda")


def _item(meeting: Meeting, pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, meeting=meeting, pk=pk)


@login_required
@require_POST
def agenda_item_change(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    """Move an item up or down, or remove it (the button pressed says which)."""
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    item = _item(meeting, pk)
    what = request.POST.get("do", "")
    try:
        if what == "remove":
            services.agenda_item_remove(item=item)
        else:
            services.agenda_item_move(item=item, direction=what)
    except ValidationError as error:
        _errors(request, error)
    return _back(meeting, "agenda")


@login_required
@require_POST
def agenda_document_attach(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    item = _item(meeting, pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.agenda_document_attach(item=item, **form.cleaned_data)
    else:
        _errors(request, form)
    return _back(meeting, "agenda")


@login_required
@require_POST
def registration_create(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting(request, slug, number, "meetings.register")
    form = forms.RegistrationForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return _back(meeting, "register")
    member = meeting.group.members.filter(user=request.user, left_on__isnull=True).first()
    services.registration_create(
        meeting=meeting, member=member, site_url=site_url(request), **form.cleaned_data
    )
    messages.success(
        request, _("You are registered. A confirmation has been sent to your e-mail address.")
    )
    return _back(meeting, "register")


@login_required
@require_POST
def attendance_record(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    try:
        services.attendance_record(
            meeting=meeting,
            present_member_ids=[int(v) for v in request.POST.getlist("member") if v.isdigit()],
            present_registration_ids=[int(v) for v in request.POST.getlist("guest") if v.isdigit()],
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Attendance recorded."))
    return _back(meeting, "attendance")


@login_required
@require_POST
def minutes_write(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One form for the minutes of every agenda item (``minute-<item id>`` fields)."""
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    for item in meeting.agenda_items.all():
        key = f"minute-{item.pk}"
        if key in request.POST:
            services.minute_write(item=item, text=request.POST[key])
    messages.success(request, _("Minutes saved."))
    return _back(meeting, "minutes")


@login_required
@require_POST
def decision_add(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    form = forms.DecisionForm(request.POST, meeting=meeting)
    if form.is_valid():
        services.decision_add(meeting=meeting, **form.cleaned_data)
    else:
        _errors(request, form)
    return _back(meeting, "decisions")


@login_required
@require_POST
def action_add(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    form = forms.ActionForm(request.POST, group=meeting.group)
    if form.is_valid():
        services.action_add(meeting=meeting, **form.cleaned_data)
    else:
        _errors(request, form)
    return _back(meeting, "actions")


@login_required
@require_POST
def action_status(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    """Close or reopen an action, from the meeting page that shows it (its own or a later one)."""
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    action = get_object_or_404(ActionItem, pk=pk, meeting__group=meeting.group)
    form = forms.ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_set_status(action=action, status=form.cleaned_data["status"])
    else:
        _errors(request, form)
    return _back(meeting, "actions")


@login_required
@require_POST
def minutes_publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    publish = request.POST.get("publish", "1") == "1"
    services.minutes_publish(meeting=meeting, publish=publish)
    messages.success(
        request, _("The minutes are published.") if publish else _("The minutes are withdrawn.")
    )
    return _back(meeting, "minutes")


@login_required
@require_POST
def meeting_create_next(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    require(request.user, "meetings.create_meeting", meeting.group)
    form = forms.NextMeetingForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return _back(meeting)
    try:
        new = services.meeting_create_next(meeting=meeting, **form.cleaned_data)
    except ValidationError as error:
        _errors(request, error)
        return _back(meeting)
    messages.success(
        request, _("The next meeting is created with this meeting's agenda and its open actions.")
    )
    return redirect(new.get_absolute_url())


@login_required
@require_POST
def meeting_send(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Send the invitation (``what=invitation``) or a reminder (``what=reminder``) now."""
    meeting = _meeting(request, slug, number, "meetings.manage_meeting")
    if request.POST.get("what") == "reminder":
        sent = services.meeting_reminder_send(meeting=meeting, site_url=site_url(request))
    else:
        sent = services.meeting_invitations_send(meeting=meeting, site_url=site_url(request))
    messages.success(request, _("%(count)d e-mails sent.") % {"count": sent})
    return _back(meeting)


def meeting_ics(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    meeting = _meeting(request, slug, number)
    body = exports.meetings_calendar(meetings=[meeting], site_url=site_url(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{number}.ics"'
    return response


def group_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The group's subscribable feed: every meeting the visitor may see."""
    group = group_get_visible(user=request.user, slug=slug)
    meetings = [
        m
        for m in selectors.meeting_list_visible(user=request.user, group=group)
        if m.status != Meeting.Status.CANCELLED
    ]
    body = exports.meetings_calendar(meetings=meetings, site_url=site_url(request), name=group.name)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _pdf(request: HttpRequest, slug: str, number: int, kind: str) -> HttpResponse:
    meeting = _meeting(request, slug, number, "meetings.read_minutes" if kind == "minutes" else "")
    data = selectors.meeting_page_data(meeting=meeting)
    body = exports.meeting_pdf(meeting=meeting, kind=kind, data=data, site_url=site_url(request))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slug}-{number}-{kind}.pdf"'
    return response


def agenda_pdf(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return _pdf(request, slug, number, "agenda")


def minutes_pdf(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return _pdf(request, slug, number, "minutes")


def minutes_archive(request: HttpRequest, slug: str) -> HttpResponse:
    group = group_get_visible(user=request.user, slug=slug)
    year = request.GET.get("year", "")
    query = request.GET.get("q", "").strip()
    rows = selectors.minutes_archive(
        user=request.user, group=group, year=int(year) if year.isdigit() else None, query=query
    )
    return render(
        request,
        "dialogue/meetings/minutes.html",
        {
            "group": group,
            "rows": rows,
            "years": selectors.minutes_years(group=group),
            "year": year,
            "query": query,
        },
    )
