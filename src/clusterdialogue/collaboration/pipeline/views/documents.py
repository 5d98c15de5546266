"""A collaboration's documents: add (upload or link), download after a check, remove.

Uploaded files live in MEDIA_ROOT and are never served from a public address: the download
view checks that the user may read them (``pipeline.download_documents``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialogue.collaboration.pipeline import services
from clusterdialogue.collaboration.pipeline.forms import DocumentForm
from clusterdialogue.collaboration.pipeline.views.collaborations import (
    collaboration_or_404,
)
from clusterdialogue.common.forms import form_errors_add
from clusterdialogue.common.permissions import require


@login_required
@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    collaboration = collaboration_or_404(pk)
    require(
        request.user,
        "pipeline.edit",
        collaboration,
        message=_("Only the people who act for a partner add documents."),
    )
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.collaboration_document_add(
                collaboration=collaboration, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors_add(form, error)
        else:
            messages.success(request, _("The document was added."))
            return redirect(collaboration.get_absolute_url())
    for problem in [*form.non_field_errors(), *(e for f in form for e in f.errors)]:
        messages.error(request, _("The document was not added: %(problem)s") % {"problem": problem})
    return redirect(collaboration.get_absolute_url())


@login_required
def document_download(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """An uploaded file, after checking the user may read the collaboration's documents."""
    collaboration = collaboration_or_404(pk)
    document = get_object_or_404(collaboration.documents, pk=document_pk)
    require(
        request.user,
        "pipeline.download_documents",
        collaboration,
        message=_("Documents are for the people who act for a partner."),
    )
    if not document.file:
        return redirect(document.url) if document.url else HttpResponse(status=404)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("The stored file is missing; upload it again.")) from missing
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/")[-1])


@login_required
@require_POST
def document_delete(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    collaboration = collaboration_or_404(pk)
    document = get_object_or_404(collaboration.documents, pk=document_pk)
    services.collaboration_document_delete(document=document, user=request.user)
    messages.success(request, _("The document was removed."))
    return redirect(collaboration.get_absolute_url())
