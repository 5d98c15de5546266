"""Page to record what came of a meeting (from the participant's agenda)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clusterdialogue.common.permissions import require
from clusterdialogue.events.models import MeetingOutcome
from clusterdialogue.events.outcomes import forms, selectors, services
from clusterdialogue.events.programme.selectors import event_get_visible


@login_required
def outcome_record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = event_get_visible(user=request.user, slug=slug)
    meeting = selectors.meeting_of_event(event=event, pk=pk)
    require(request.user, "outcomes.record", meeting)
    side = selectors.meeting_side_of(meeting=meeting, user=request.user)
    existing = MeetingOutcome.objects.filter(meeting=meeting).first()
    initial = {"kind": existing.kind, "note": existing.note} if existing else {}
    form = forms.OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.meeting_outcome_record(
                meeting=meeting, by=side, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            if outcome.leads_to_collaboration and outcome.collaboration is None:
                messages.warning(
                    request,
                    _(
                        "The outcome is recorded. It is not in the collaboration pipeline: "
                        "only someone who acts for one of the two organisations adds it there."
                    ),
                )
            else:
                messages.success(request, _("The outcome is recorded."))
            target = side or meeting.request.requester
            url = redirect("events:agenda", event.slug).url
            if side is None:
                url += f"?participant={target.pk}"
            return redirect(url)
    context = {"event": event, "meeting": meeting, "form": form, "outcome": existing}
    return render(request, "events/outcomes/record.html", context)
