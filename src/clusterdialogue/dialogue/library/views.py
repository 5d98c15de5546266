"""Pages of the library: the list (search, filters, downloads), an instrument, a case, the
side-by-side comparison, and the forms of the secretariat and territory representatives."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdialogue.common.errors import ServiceError
from clusterdialogue.common.permissions import can, require
from clusterdialogue.dialogue.library.exports import policy_instruments_download
from clusterdialogue.dialogue.library.filters import PolicyInstrumentFilterSet
from clusterdialogue.dialogue.library.forms import (
    InstrumentDocumentForm,
    PolicyInstrumentForm,
    PracticeCaseForm,
)
from clusterdialogue.dialogue.library.permissions import user_library_territory_ids
from clusterdialogue.dialogue.library.selectors import (
    MAX_COMPARED,
    library_last_meeting,
    library_tags,
    policy_instrument_queryset,
    policy_instrument_search,
    policy_instruments_compared,
    practice_case_list,
)
from clusterdialogue.dialogue.library.services import (
    instrument_document_add,
    policy_instrument_save,
    practice_case_save,
)
from clusterdialogue.dialogue.models import InstrumentDocument, PolicyInstrument, PracticeCase


def library(request: HttpRequest) -> HttpResponse:
    """The instruments (searched, filtered) and the cases; ``?format=csv|xlsx`` downloads."""
    filters = PolicyInstrumentFilterSet(request.GET or None, queryset=policy_instrument_queryset())
    instruments = filters.qs
    query = request.GET.get("q", "").strip()
    if request.GET.get("format") in ("csv", "xlsx"):
        return policy_instruments_download(instruments=instruments, format=request.GET["format"])
    rows = (
        list(policy_instrument_search(query=query, queryset=instruments))
        if query
        else list(instruments)
    )
    meeting = library_last_meeting()
    since = meeting.end if meeting else None
    return render(
        request,
        "dialogue/library/list.html",
        {
            "filters": filters,
            "rows": rows,
            "query": query,
            "tags": library_tags(),
            "meeting": meeting,
            "since": since,
            "cases": practice_case_list(query=query)[:50],
            "can_add": can(request.user, "library.add_entry"),
            "max_compared": MAX_COMPARED,
            "download": request.GET.urlencode(),
        },
    )


def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(policy_instrument_queryset(), pk=pk)
    return render(
        request,
        "dialogue/library/instrument.html",
        {
            "instrument": instrument,
            "cases": instrument.cases.select_related("presented_at", "presented_at__group"),
            "documents": instrument.documents.all(),
            "can_change": can(request.user, "library.change_instrument", instrument),
            "document_form": InstrumentDocumentForm(),
        },
    )


@login_required
@require_POST
def instrument_document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a document to an instrument (the instrument's writers)."""
    instrument = get_object_or_404(PolicyInstrument, pk=pk)
    require(request.user, "library.change_instrument", instrument)
    form = InstrumentDocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request,
            "dialogue/library/form.html",
            {"form": form, "title": _("Add a document"), "object": instrument, "upload": True},
            status=400,
        )
    try:
        instrument_document_add(instrument=instrument, **form.cleaned_data)
    except ServiceError as error:
        form.add_error(None, str(error))
        return render(
            request,
            "dialogue/library/form.html",
            {"form": form, "title": _("Add a document"), "object": instrument, "upload": True},
            status=400,
        )
    messages.success(request, _("Document added."))
    return redirect(instrument.get_absolute_url())


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(practice_case_list(), pk=pk)
    return render(
        request,
        "dialogue/library/case.html",
        {"case": case, "can_change": can(request.user, "library.change_case", case)},
    )


def compare(request: HttpRequest) -> HttpResponse:
    """Up to four instruments side by side (``?i=1&i=2``), one column each."""
    ids = [int(value) for value in request.GET.getlist("i") if value.isdigit()]
    instruments = policy_instruments_compared(ids=ids)
    return render(
        request,
        "dialogue/library/compare.html",
        {"instruments": instruments, "too_many": len(set(ids)) > MAX_COMPARED},
    )


def _form_page(request, form_class, template_object, save, rule, title, instance=None):
    territory_ids = user_library_territory_ids(request.user)
    form = form_class(request.POST or None, instance=instance, territory_ids=territory_ids)
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = save(form.values())
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                return redirect(saved.get_absolute_url())
        # A refused territory or a bad field: the page again, with the errors, as 400.
        return render(
            request,
            "dialogue/library/form.html",
            {"form": form, "title": title, "object": template_object},
            status=400,
        )
    return render(
        request,
        "dialogue/library/form.html",
        {"form": form, "title": title, "object": template_object},
    )


@login_required
def instrument_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "library.add_entry")
    return _form_page(
        request, PolicyInstrumentForm, None,
        lambda values: policy_instrument_save(**values), "library.add_entry",
        _("New policy instrument"),
    )  # fmt: skip


@login_required
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(PolicyInstrument, pk=pk)
    require(request.user, "library.change_instrument", instrument)
    return _form_page(
        request, PolicyInstrumentForm, instrument,
        lambda values: policy_instrument_save(instrument=instrument, **values),
        "library.change_instrument", _("Edit the instrument"), instance=instrument,
    )  # fmt: skip


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "library.add_entry")
    return _form_page(
        request, PracticeCaseForm, None,
        lambda values: practice_case_save(**values), "library.add_entry",
        _("New practice case"),
    )  # fmt: skip


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(PracticeCase, pk=pk)
    require(request.user, "library.change_case", case)
    return _form_page(
        request, PracticeCaseForm, case,
        lambda values: practice_case_save(case=case, **values),
        "library.change_case", _("Edit the case"), instance=case,
    )  # fmt: skip


def instrument_document_download(request: HttpRequest, pk: int) -> FileResponse:
    """A document of an instrument; the library is public, so are its documents."""
    document = get_object_or_404(InstrumentDocument, pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True)
