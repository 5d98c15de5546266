"""Pages of the cooperation board (offers and requests) and of the user's notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from clusterdialogue.collaboration.board import services
from clusterdialogue.collaboration.board.filters import CooperationPostFilterSet
from clusterdialogue.collaboration.board.forms import InterestForm, PostForm
from clusterdialogue.collaboration.board.selectors import (
    post_interests_visible,
    post_list_visible,
)
from clusterdialogue.collaboration.models import CooperationPost
from clusterdialogue.collaboration.suggestions.selectors import (
    territory_for_code,
    territory_prefixes,
)
from clusterdialogue.common.forms import form_service_apply
from clusterdialogue.common.http import posted, site_url
from clusterdialogue.common.permissions import can, require

PAGE_SIZE = 30
NO_RIGHT = gettext_lazy(
    "Only the cluster's managers, its territory's representative and the secretariat do this."
)


def _post(request: HttpRequest, pk: int) -> CooperationPost:
    """The post, if the user may see its cluster (else 404)."""
    return get_object_or_404(post_list_visible(user=request.user), pk=pk)


@require_GET
def board_list(request: HttpRequest) -> HttpResponse:
    """Offers and requests, filtered; open posts first shown when no filter is chosen."""
    data = request.GET.copy() if request.GET else {"status": CooperationPost.Status.OPEN}
    filterset = CooperationPostFilterSet(
        data, queryset=post_list_visible(user=request.user), request=request
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    prefixes = territory_prefixes()
    for post in page.object_list:
        post.territory = territory_for_code(code=post.organisation.region.code, prefixes=prefixes)
    context = {
        "filterset": filterset,
        "page": page,
        "can_post": can(request.user, "board.create_post"),
    }
    template = (
        "collaboration/board/_results.html" if request.htmx else "collaboration/board/list.html"
    )
    return render(request, template, context)


@login_required
def post_create(request: HttpRequest) -> HttpResponse:
    """Post an offer or a request for one of the user's clusters; the engine matches it."""
    require(
        request.user,
        "board.create_post",
        message=_(
            "Only cluster managers, territory representatives and the "
            "secretariat post offers and requests."
        ),
    )
    initial = {"organisation": request.GET.get("organisation"), "kind": request.GET.get("kind")}
    form = PostForm(posted(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        post = form_service_apply(
            form,
            lambda: services.post_create(
                organisation=organisation, user=request.user, data=data, site_url=site_url(request)
            ),
        )
        if post is not None:
            count = post.matches.count()
            messages.success(
                request,
                _(
                    "Your post is published. The engine proposes %(count)d "
                    "cluster(s); their managers were notified."
                )
                % {"count": count},
            )
            return redirect(post)
    context = {"form": form, "post": None}
    return render(
        request, "collaboration/board/form.html", context, status=400 if form.errors else 200
    )


def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A post, the clusters proposed for it, and (for its cluster) who is interested."""
    post = _post(request, pk)
    can_change = can(request.user, "board.change_post", post)
    can_interest = can(request.user, "board.express_interest", post)
    interest_form = InterestForm(user=request.user, post=post) if can_interest else None
    context = {
        "post": post,
        "matches": post.matches.select_related("organisation__region"),
        "interests": post_interests_visible(post=post, user=request.user),
        "can_change": can_change,
        "can_follow": can(request.user, "board.follow_post"),
        "following": request.user.is_authenticated
        and post.followers.filter(pk=request.user.pk).exists(),
        "interest_form": interest_form
        if interest_form and interest_form.fields["organisation"].queryset.exists()
        else None,
    }
    return render(request, "collaboration/board/detail.html", context)


@login_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a post (its cluster stays the same); followers hear of it."""
    post = _post(request, pk)
    require(request.user, "board.change_post", post, message=NO_RIGHT)
    form = PostForm(posted(request), user=request.user, post=post)
    if request.method == "POST" and form.is_valid():
        changed = form_service_apply(
            form,
            lambda: services.post_update(
                post=post, user=request.user, data=form.cleaned_data, site_url=site_url(request)
            ),
        )
        if not form.errors:
            messages.success(request, _("Saved.") if changed else _("Nothing was changed."))
            return redirect(post)
    context = {"form": form, "post": post}
    return render(
        request, "collaboration/board/form.html", context, status=400 if form.errors else 200
    )


@require_POST
@login_required
def post_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Close or reopen a post (``status`` = closed or open)."""
    post = _post(request, pk)
    require(request.user, "board.change_post", post, message=NO_RIGHT)
    try:
        services.post_set_status(
            post=post,
            user=request.user,
            status=request.POST.get("status", ""),
            site_url=site_url(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The post is now %s.") % post.get_status_display().lower())
    return redirect(post)


@login_required
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then delete a post with its matches and interests."""
    post = _post(request, pk)
    require(request.user, "board.change_post", post, message=NO_RIGHT)
    if request.method == "POST":
        services.post_delete(post=post, user=request.user)
        messages.success(request, _("“%s” was deleted.") % post.title)
        return redirect("collaboration:board")
    return render(request, "collaboration/board/delete.html", {"post": post})


@require_POST
@login_required
def post_follow(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a post (``follow=1``) or stop following it (``follow=0``)."""
    post = _post(request, pk)
    follow = request.POST.get("follow", "1") != "0"
    services.post_follow(post=post, user=request.user, follow=follow)
    messages.success(
        request,
        _("You follow this post: you will hear of its updates.")
        if follow
        else _("You no longer follow this post."),
    )
    return redirect(post)


@require_POST
@login_required
def post_interest(request: HttpRequest, pk: int) -> HttpResponse:
    """Express interest in a post for one of the user's clusters."""
    post = _post(request, pk)
    require(
        request.user,
        "board.express_interest",
        post,
        message=_(
            "Only the managers, territory representatives and the secretariat "
            "of another cluster express interest in an open post."
        ),
    )
    form = InterestForm(request.POST, user=request.user, post=post)
    if form.is_valid():
        interest = form_service_apply(
            form,
            lambda: services.interest_express(
                post=post,
                organisation=form.cleaned_data["organisation"],
                user=request.user,
                message=form.cleaned_data["message"],
                site_url=site_url(request),
            ),
        )
        if interest is not None:
            messages.success(
                request,
                _("The managers of %s were told of your interest.") % post.organisation.name,
            )
            return redirect(f"{post.get_absolute_url()}#interests")
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect(f"{post.get_absolute_url()}#interest-form")
