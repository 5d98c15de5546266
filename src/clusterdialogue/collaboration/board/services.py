"""The cooperation board's writes: posts, their matches, interests and followers.

Every function checks the permission rules itself (``collaboration.board.permissions``), so the
pages and the API cannot differ, and leaves stored data as it was when it refuses.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.board.selectors import post_match_candidates
from clusterdialogue.collaboration.models import CooperationPost, Interest, PostMatch
from clusterdialogue.collaboration.notifications.services import (
    notification_send,
    organisation_manager_users,
)
from clusterdialogue.common.permissions import can

POST_FIELDS = ("kind", "topic", "title", "description", "keywords", "deadline")


def _clean(data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    """The post's fields from ``data``, checked; errors name the field and say how to fix it."""
    errors: dict[str, str] = {}
    values = {k: data[k] for k in (*POST_FIELDS, "territories_sought") if k in data}
    for name in ("title", "description"):
        if name in values:
            values[name] = (values[name] or "").strip()
        if (creating or name in values) and not values.get(name):
            errors[name] = f"The {name} is empty: write what the post is about."
    if "kind" in values and values["kind"] not in CooperationPost.Kind.values:
        errors["kind"] = f"Kind must be one of {', '.join(CooperationPost.Kind.values)}."
    if "topic" in values and values["topic"] not in CooperationPost.Topic.values:
        errors["topic"] = f"Topic must be one of {', '.join(CooperationPost.Topic.values)}."
    if creating:
        for name in ("kind", "topic"):
            if not values.get(name):
                errors.setdefault(name, f"Choose the post's {name}.")
    if "keywords" in values:
        values["keywords"] = list(dict.fromkeys(str(k).strip() for k in values["keywords"] or []))
        values["keywords"] = [k for k in values["keywords"] if k]
    deadline = values.get("deadline")
    if creating and isinstance(deadline, date) and deadline < timezone.localdate():
        errors["deadline"] = (
            f"The deadline {deadline:%d %B %Y} is already past: choose a later date or leave it "
            "empty."
        )
    if errors:
        raise ValidationError(errors)
    return values


def _notify_matches(post: CooperationPost, matches: list[PostMatch], actor: Any, site_url: str):
    kind = post.get_kind_display().lower()
    for match in matches:
        notification_send(
            users=organisation_manager_users(organisations=[match.organisation]),
            message=(
                f"{match.organisation.name} may be a partner for the {kind} “{post.title}” of "
                f"{post.organisation.name} (score {match.score:.2f})."
            ),
            body=(
                f"The matchmaking engine proposes {match.organisation.name} for the {kind} "
                f"“{post.title}” posted by {post.organisation.name}.\n\nWhy: {match.reasons}"
            ),
            url=post.get_absolute_url(),
            site_url=site_url,
            exclude=actor,
        )
        match.notified_at = timezone.now()
        match.save(update_fields=["notified_at"])


def post_matches_refresh(
    *, post: CooperationPost, actor: Any = None, site_url: str = ""
) -> list[PostMatch]:
    """Match the post with the directory again: store the proposed clusters, forget the others,
    and notify the managers of clusters proposed for the first time."""
    candidates = post_match_candidates(post=post)
    with transaction.atomic():
        existing = {m.organisation_id: m for m in post.matches.all()}
        post.matches.exclude(organisation__in=[c.organisation for c in candidates]).delete()
        kept = []
        for candidate in candidates:
            match = existing.get(candidate.organisation.pk) or PostMatch(
                post=post, organisation=candidate.organisation
            )
            match.score, match.reasons = candidate.score, candidate.reasons
            match.save()
            kept.append(match)
        _notify_matches(post, [m for m in kept if m.notified_at is None], actor, site_url)
    return kept


def post_create(
    *,
    organisation: ClusterOrganisation,
    user: Any,
    data: dict[str, Any],
    site_url: str = "",
) -> CooperationPost:
    """Post an offer or a request for ``organisation``, match it and notify the matched clusters.

    ``data``: kind, topic, title, description, keywords (list), deadline, territories_sought.
    """
    if not can(user, "board.create_post", organisation):
        raise PermissionDenied(
            f"Only the managers of {organisation.name}, its territory's representative and the "
            "secretariat post in its name."
        )
    if organisation.status == ClusterOrganisation.Status.ARCHIVED:
        raise ValidationError({"organisation": f"{organisation.name} is archived."})
    values = _clean(data, creating=True)
    territories = values.pop("territories_sought", None) or []
    with transaction.atomic():
        post = CooperationPost.objects.create(organisation=organisation, created_by=user, **values)
        post.territories_sought.set(territories)
        post_matches_refresh(post=post, actor=user, site_url=site_url)
    return post


def _notify_followers(post: CooperationPost, actor: Any, what: str, site_url: str, url=True):
    notification_send(
        users=post.followers.all(),
        message=f"The {post.get_kind_display().lower()} “{post.title}” of "
        f"{post.organisation.name} {what}.",
        url=post.get_absolute_url() if url else "",
        site_url=site_url,
        exclude=actor,
    )


def _require_change(user: Any, post: CooperationPost) -> None:
    if not can(user, "board.change_post", post):
        raise PermissionDenied(
            f"Only the managers of {post.organisation.name}, its territory's representative and "
            "the secretariat change this post."
        )


def post_update(
    *, post: CooperationPost, user: Any, data: dict[str, Any], site_url: str = ""
) -> list[str]:
    """Change the post's fields; match it again and tell its followers. Returns what changed."""
    _require_change(user, post)
    values = _clean(data, creating=False)
    territories = values.pop("territories_sought", None)
    changed = [name for name, value in values.items() if getattr(post, name) != value]
    if territories is not None and {t.pk for t in territories} != set(
        post.territories_sought.values_list("pk", flat=True)
    ):
        changed.append("territories_sought")
    if not changed:
        return []
    with transaction.atomic():
        for name, value in values.items():
            setattr(post, name, value)
        post.save()
        if territories is not None:
            post.territories_sought.set(territories)
        _notify_followers(post, user, "was updated", site_url)
        post_matches_refresh(post=post, actor=user, site_url=site_url)
    return changed


def post_set_status(*, post: CooperationPost, user: Any, status: str, site_url: str = "") -> None:
    """Close (or reopen) the post; its followers hear of it."""
    _require_change(user, post)
    if status not in CooperationPost.Status.values:
        raise ValidationError({"status": f"Status must be one of {CooperationPost.Status.values}."})
    if post.status == status:
        return
    with transaction.atomic():
        post.status = status
        post.save(update_fields=["status", "updated_at"])
        what = "was closed" if status == CooperationPost.Status.CLOSED else "was reopened"
        _notify_followers(post, user, what, site_url)


def post_delete(*, post: CooperationPost, user: Any) -> None:
    """Delete the post, with its matches and interests; its followers hear of it."""
    _require_change(user, post)
    with transaction.atomic():
        _notify_followers(post, user, "was deleted", "", url=False)
        post.delete()


def post_follow(*, post: CooperationPost, user: Any, follow: bool = True) -> None:
    """Follow the post (hear of its updates), or stop following it."""
    if not can(user, "board.follow_post"):
        raise PermissionDenied("Sign in to follow a post.")
    with transaction.atomic():
        (post.followers.add if follow else post.followers.remove)(user)


def interest_express(
    *,
    post: CooperationPost,
    organisation: ClusterOrganisation,
    user: Any,
    message: str = "",
    site_url: str = "",
) -> Interest:
    """Express ``organisation``'s interest in the post; the post's cluster managers hear of it."""
    if post.status != CooperationPost.Status.OPEN:
        raise ValidationError("This post is closed: it no longer takes expressions of interest.")
    if organisation.pk == post.organisation_id:
        raise ValidationError({"organisation": "A cluster cannot answer its own post."})
    if not (
        can(user, "board.express_interest", post) and can(user, "clusters.act_for", organisation)
    ):
        raise PermissionDenied(
            f"Only the managers of {organisation.name}, its territory's representative and the "
            "secretariat express interest in its name."
        )
    if Interest.objects.filter(post=post, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": f"{organisation.name} has already expressed interest in this post."}
        )
    with transaction.atomic():
        interest = Interest.objects.create(
            post=post, organisation=organisation, user=user, message=message.strip()
        )
        recipients = [*organisation_manager_users(organisations=[post.organisation])]
        if post.created_by is not None:
            recipients.append(post.created_by)
        notification_send(
            users=recipients,
            message=f"{organisation.name} is interested in your "
            f"{post.get_kind_display().lower()} “{post.title}”.",
            body=f"{organisation.name} is interested in “{post.title}”"
            + (f" and writes:\n\n{interest.message}" if interest.message else "."),
            url=post.get_absolute_url() + "#interests",
            site_url=site_url,
            exclude=user,
        )
    return interest
