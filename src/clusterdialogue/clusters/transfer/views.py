"""Downloads of the directory (CSV, XLSX, JSON) and the secretariat's import page.

The import page runs in two steps: the uploaded file is checked (a dry run, shown as a table)
and kept in the session; a second POST confirms and imports that same file.
"""

from __future__ import annotations

import base64

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from clusterdialogue.clusters.directory.filters import ClusterOrganisationFilterSet
from clusterdialogue.clusters.selectors import cluster_list_public
from clusterdialogue.clusters.transfer.exports import clusters_export
from clusterdialogue.clusters.transfer.forms import ImportUploadForm
from clusterdialogue.clusters.transfer.importing import organisations
from clusterdialogue.clusters.transfer.importing.organisations import clusters_import
from clusterdialogue.common.permissions import require
from clusterdialogue.core.io.errors import DataFileError

SESSION_KEY = "clusters_import_upload"


def cluster_export(request: HttpRequest, format: str) -> HttpResponse:
    """The directory's public profiles, filtered as on the directory page, as a download.

    Contact persons are never included (see :mod:`clusterdialogue.clusters.transfer.exports`).
    """
    filterset = ClusterOrganisationFilterSet(request.GET, queryset=cluster_list_public())
    if not filterset.is_valid():
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())
        return HttpResponseBadRequest(f"Invalid filter: {problems}", content_type="text/plain")
    content, content_type, filename = clusters_export(queryset=filterset.qs, format=format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def cluster_import(request: HttpRequest) -> HttpResponse:
    """Upload a file, see what the import would do, then confirm it (secretariat only)."""
    require(
        request.user,
        "clusters.import",
        message=_("Only the network's secretariat imports cluster profiles."),
    )
    context = {"form": ImportUploadForm(), "layout": organisations.__doc__, "report": None}
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, context)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                report = clusters_import(source=data, name=upload.name, dry_run=True)
            except DataFileError as error:
                form.add_error("file", str(error))
            else:
                skip = form.cleaned_data["skip_invalid"]
                request.session[SESSION_KEY] = {
                    "name": upload.name,
                    "data": base64.b64encode(data).decode("ascii"),
                    "skip_invalid": skip,
                }
                context.update(
                    report=report,
                    can_confirm=(not report.rejected or skip)
                    and bool(report.count("create") + report.count("update")),
                    skip_invalid=skip,
                )
    return render(request, "clusters/transfer/import.html", context)


def _confirm(request: HttpRequest, context: dict) -> HttpResponse:
    """Import the file checked in the previous step (kept in the session)."""
    stored = request.session.pop(SESSION_KEY, None)
    if stored is None:
        context["error"] = _("The checked file is no longer available; upload it again.")
    else:
        context["report"] = clusters_import(
            source=base64.b64decode(stored["data"]),
            name=stored["name"],
            skip_invalid=stored["skip_invalid"],
        )
        context["done"] = True
    return render(request, "clusters/transfer/import.html", context)
