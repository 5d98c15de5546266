"""The organiser's report of an event: a page, a CSV and a PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clusterdialogue.common.http import site_url
from clusterdialogue.common.permissions import require
from clusterdialogue.events import exports
from clusterdialogue.events.programme.selectors import event_get_visible
from clusterdialogue.events.report import selectors
from clusterdialogue.portal.exports import csv_response


def _report(request: HttpRequest, slug: str):
    event = event_get_visible(user=request.user, slug=slug)
    require(request.user, "report.view", event)
    return event, selectors.event_report(event=event)


@require_GET
@login_required
def report(request: HttpRequest, slug: str) -> HttpResponse:
    event, data = _report(request, slug)
    return render(request, "events/report/report.html", {"event": event, "report": data})


@require_GET
@login_required
def report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event, data = _report(request, slug)
    header, rows = selectors.report_table(data)
    return csv_response(f"{event.slug}-report.csv", header, rows)


@require_GET
@login_required
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    event, data = _report(request, slug)
    body = exports.pdf_render(
        template="events/report/pdf.html",
        context={"event": event, "report": data},
        site_url=site_url(request),
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-report.pdf"'
    return response
