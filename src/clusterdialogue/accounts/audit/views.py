"""The audit log page (secretariat), with filters, pages and a CSV download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterdialogue.accounts.audit.forms import AuditFilterForm
from clusterdialogue.accounts.audit.selectors import CSV_HEADER, audit_csv_rows, audit_event_list
from clusterdialogue.common.permissions import require
from clusterdialogue.portal.exports import csv_response, wants_csv

PAGE = 100


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    require(request.user, "audit.view_log")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_event_list(**{k: v for k, v in filters.items() if v})
    if wants_csv(request):
        return csv_response("audit-log.csv", CSV_HEADER, audit_csv_rows(events=events))
    page = Paginator(events, PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    status = 400 if form.errors else 200
    return render(request, "accounts/audit_log.html", context, status=status)
