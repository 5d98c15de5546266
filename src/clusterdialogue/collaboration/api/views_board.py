"""The board's REST API: cooperation posts (interests, follow, close), notifications (one's own)
and partner recommendations. Same rules as the pages: ``collaboration.permissions_board``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.accounts.permissions import user_is_registered
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.permissions import user_can_view_organisation
from clusterdialogue.collaboration.api.serializers_board import (
    CooperationPostSerializer,
    InterestSerializer,
    NotificationSerializer,
    PostStatusSerializer,
    RecommendationListSerializer,
)
from clusterdialogue.collaboration.filters_board import CooperationPostFilterSet
from clusterdialogue.collaboration.forms_recommendations import RecommendationSettingsForm
from clusterdialogue.collaboration.models import CooperationPost, Notification
from clusterdialogue.collaboration.permissions_board import (
    user_can_act_for_organisation,
    user_can_change_post,
)
from clusterdialogue.collaboration.selectors_board import (
    notification_list,
    post_interests_visible,
    post_list_visible,
)
from clusterdialogue.collaboration.selectors_recommendations import (
    recommendation_notes,
    recommendation_rows,
)
from clusterdialogue.collaboration.services import board as services
from clusterdialogue.collaboration.services.notifications import notifications_mark_read

# Actions any signed-in user may try on a post they see; the service decides the rest.
OPEN_ACTIONS = ("follow", "interests")


def _drf_error(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)


class CooperationPostPermission(BasePermission):
    """Reading is open; posting, changing, closing and deleting is for those who act for the
    post's cluster; following and expressing interest need an account."""

    message = (
        "Only the cluster's managers, its territory's representative and the secretariat "
        "post, change, close or delete its offers and requests."
    )

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not user_is_registered(request.user):
            return False
        if view.action == "create":
            slug = request.data.get("organisation") if hasattr(request.data, "get") else None
            organisation = ClusterOrganisation.objects.filter(slug=str(slug or "")).first()
            # Without a known cluster the serializer answers 400 for the field.
            return organisation is None or user_can_act_for_organisation(request.user, organisation)
        return True

    def has_object_permission(self, request: Request, view: Any, obj: CooperationPost) -> bool:
        if request.method in SAFE_METHODS or view.action in OPEN_ACTIONS:
            return True
        return user_can_change_post(request.user, obj)


class CooperationPostViewSet(viewsets.ModelViewSet):
    """Offers and requests of the clusters; filters as on /collaboration/board/."""

    serializer_class = CooperationPostSerializer
    filterset_class = CooperationPostFilterSet
    permission_classes = [CooperationPostPermission]

    def get_queryset(self):
        return post_list_visible(user=self.request.user).prefetch_related("matches__organisation")

    def _site_url(self) -> str:
        return self.request.build_absolute_uri("/")

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        try:
            serializer.instance = services.post_create(
                organisation=organisation,
                user=self.request.user,
                data=data,
                site_url=self._site_url(),
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from error

    def perform_update(self, serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        try:
            services.post_update(
                post=serializer.instance,
                user=self.request.user,
                data=data,
                site_url=self._site_url(),
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from error

    def perform_destroy(self, instance: CooperationPost) -> None:
        services.post_delete(post=instance, user=self.request.user)

    @extend_schema(request=PostStatusSerializer, responses=CooperationPostSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request: Request, pk: str | None = None) -> Response:
        """Close (``{"status": "closed"}``) or reopen (``"open"``) the post."""
        post = self.get_object()
        given = PostStatusSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        services.post_set_status(
            post=post,
            user=request.user,
            status=given.validated_data["status"],
            site_url=self._site_url(),
        )
        return Response(self.get_serializer(post).data)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post", "delete"])
    def follow(self, request: Request, pk: str | None = None) -> Response:
        """POST: follow the post (hear of its updates); DELETE: stop following it."""
        post = self.get_object()
        services.post_follow(post=post, user=request.user, follow=request.method == "POST")
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=InterestSerializer, responses=InterestSerializer(many=True))
    @action(detail=True, methods=["get", "post"], serializer_class=InterestSerializer)
    def interests(self, request: Request, pk: str | None = None) -> Response:
        """GET: the interests you may see (all of them for the post's cluster); POST: express
        interest as one of your clusters (``organisation``, ``message``)."""
        post = self.get_object()
        if request.method == "GET":
            interests = post_interests_visible(post=post, user=request.user)
            return Response(InterestSerializer(interests, many=True).data)
        given = InterestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            interest = services.interest_express(
                post=post,
                organisation=given.validated_data["organisation"],
                user=request.user,
                message=given.validated_data.get("message", ""),
                site_url=self._site_url(),
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from error
        return Response(InterestSerializer(interest).data, status=status.HTTP_201_CREATED)


class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """Your own notifications, newest first; ``?unread=true`` for the unread ones."""

    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = None
    queryset = Notification.objects.none()  # for the schema; the user's own are read below

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        notifications = notification_list(user=self.request.user)
        if self.request.query_params.get("unread", "").lower() in ("1", "true", "on", "yes"):
            notifications = notifications.filter(read_at__isnull=True)
        return notifications

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        """Mark this notification as read."""
        notification = self.get_object()
        notifications_mark_read(user=request.user, ids=[notification.pk])
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: None})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        """Mark all your notifications as read; answers how many were unread."""
        return Response({"marked": notifications_mark_read(user=request.user)})


class RecommendationViewSet(viewsets.GenericViewSet):
    """Partners the engine proposes for a profile (public for public profiles)."""

    permission_classes = [AllowAny]
    lookup_field = "slug"
    lookup_value_regex = r"[-\w]+"
    serializer_class = RecommendationListSerializer
    queryset = ClusterOrganisation.objects.select_related("region")
    filterset_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("similarity_weight", float, description="0–1, default 0.7"),
            OpenApiParameter("cross_territory", bool, description="default true"),
            OpenApiParameter("min_score", float, description="0–1, default 0"),
            OpenApiParameter("quota", int, description="at most this many per territory"),
            OpenApiParameter("top", int, description="1–100, default 10"),
        ]
    )
    def retrieve(self, request: Request, slug: str | None = None) -> Response:
        organisation = get_object_or_404(self.get_queryset(), slug=slug)
        if not user_can_view_organisation(request.user, organisation):
            raise Http404("No such cluster profile.")
        form = RecommendationSettingsForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        settings, top = form.match_settings()
        rows = recommendation_rows(organisation=organisation, settings=settings, top=top)
        body = {
            "organisation": organisation.slug,
            "settings": {**form.cleaned_data},
            "notes": recommendation_notes(),
            "results": rows,
        }
        return Response(RecommendationListSerializer(body).data)
