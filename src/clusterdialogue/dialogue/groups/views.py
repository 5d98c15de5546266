"""Pages of the groups feature: the list, a group's page, and the forms that change a group."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from clusterdialogue.common.forms import form_service_apply
from clusterdialogue.common.http import posted
from clusterdialogue.common.permissions import can, require
from clusterdialogue.dialogue.groups import selectors, services
from clusterdialogue.dialogue.groups.forms import DocumentForm, GroupForm, MemberForm
from clusterdialogue.dialogue.models import GroupDocument, GroupMember, WorkingGroup
from clusterdialogue.regions.selectors import network_default


def _form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    status = 400 if context["form"].errors else 200
    return render(request, template, context, status=status)


@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    roots, archived = selectors.group_tree_visible(user=request.user)
    context = {
        "roots": roots,
        "archived": archived,
        "can_create": can(request.user, "groups.create_group"),
    }
    return render(request, "dialogue/groups/list.html", context)


@require_GET
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_get_visible(user=request.user, slug=slug)
    internal = can(request.user, "dialogue.read_internal", group)
    visible = selectors.group_list_visible(user=request.user)
    context = {
        "group": group,
        "internal": internal,
        "manage": can(request.user, "groups.change_group", group),
        "members": selectors.group_members_by_role(group=group) if internal else [],
        "children": visible.filter(parent=group),
        "documents": selectors.group_documents_visible(group=group, user=request.user),
        "history": selectors.group_history(group=group) if internal else [],
    }
    return render(request, "dialogue/groups/detail.html", context)


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    parent = None
    if request.GET.get("parent"):
        parent = selectors.group_get_visible(user=request.user, slug=request.GET["parent"])
    raw_parent = request.POST.get("parent", "") if request.method == "POST" else ""
    if raw_parent.isdigit():
        parent = selectors.group_list_visible(user=request.user).filter(pk=raw_parent).first()
    require(request.user, "groups.create_group", parent)
    parents = selectors.group_list_visible(user=request.user).filter(archived_at__isnull=True)
    form = GroupForm(posted(request), parents=parents, initial={"parent": parent})
    network = parent.network if parent else network_default()
    if request.method == "POST" and form.is_valid():
        if network is None:
            form.add_error(None, _("Create the network first (clusterdialogue setup)."))
        else:
            data = form.cleaned_data
            group = form_service_apply(
                form, lambda: services.group_create(network=network, data=data)
            )
            if group is not None:
                messages.success(request, _("The group is created."))
                return redirect(group)
    return _form_page(request, "dialogue/groups/form.html", {"form": form, "group": None})


@login_required
def group_edit(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_get_visible(user=request.user, slug=slug)
    require(request.user, "groups.change_group", group)
    parents = selectors.group_list_visible(user=request.user).filter(archived_at__isnull=True)
    form = GroupForm(posted(request), instance=group, parents=parents)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The bound form already changed ``group``; compare with the stored row.
        fresh = WorkingGroup.objects.get(pk=group.pk)
        parent = data.get("parent")
        moved = getattr(parent, "pk", None) != fresh.parent_id
        if moved and not can(request.user, "groups.create_group", parent):
            # Moving a group is creating it elsewhere: a sub-group's chair cannot promote it.
            form.add_error("parent", _("You may not place the group there."))
            return _form_page(request, "dialogue/groups/form.html", {"form": form, "group": fresh})
        if form_service_apply(form, lambda: services.group_update(group=fresh, data=data)):
            messages.success(request, _("The group is saved."))
            return redirect(fresh)
    return _form_page(request, "dialogue/groups/form.html", {"form": form, "group": group})


@require_POST
@login_required
def group_archive(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_get_visible(user=request.user, slug=slug)
    require(request.user, "groups.archive_group", group)
    archived = request.POST.get("archived") != "0"
    services.group_set_archived(group=group, archived=archived)
    messages.success(
        request, _("The group is archived.") if archived else _("The group is active again.")
    )
    return redirect(group)


@login_required
def member_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    group = selectors.group_get_visible(user=request.user, slug=slug)
    require(request.user, "groups.manage_members", group)
    member = get_object_or_404(GroupMember, group=group, pk=pk) if pk else None
    form = MemberForm(posted(request), instance=member, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if member is None:
            done = form_service_apply(form, lambda: services.member_add(group=group, data=data))
        else:
            fresh = GroupMember.objects.get(pk=member.pk)
            done = form_service_apply(form, lambda: services.member_update(member=fresh, data=data))
        if done is not None:
            messages.success(request, _("The member is saved."))
            return redirect(f"{group.get_absolute_url()}#members")
    context = {"form": form, "group": group, "member": member}
    return _form_page(request, "dialogue/groups/member_form.html", context)


@require_POST
@login_required
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = selectors.group_get_visible(user=request.user, slug=slug)
    require(request.user, "groups.manage_members", group)
    member = get_object_or_404(GroupMember, group=group, pk=pk)
    services.member_remove(member=member)
    messages.success(request, _("The member is removed."))
    return redirect(f"{group.get_absolute_url()}#members")


@login_required
def document_upload(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_get_visible(user=request.user, slug=slug)
    require(request.user, "groups.upload_document", group)
    form = DocumentForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = form_service_apply(
            form,
            lambda: services.document_upload(group=group, user=request.user, data=data),
        )
        if document is not None:
            messages.success(request, _("The document is uploaded."))
            return redirect(f"{group.get_absolute_url()}#documents")
    context = {"form": form, "group": group}
    return _form_page(request, "dialogue/groups/document_form.html", context)


@require_GET
def document_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    group = selectors.group_get_visible(user=request.user, slug=slug)
    document = get_object_or_404(GroupDocument, group=group, pk=pk)
    if not can(request.user, "groups.download_document", document):
        raise Http404
    name = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)
