"""The board's REST API: cooperation posts with their interests, followers and status.

Same rules as the pages (``board.*`` in :mod:`clusterdialogue.collaboration.board.permissions`):
reading is open, writing needs an account and the rule named in ``permission_rules``; the
services check the cluster a post or an interest is made for.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.collaboration.board import services
from clusterdialogue.collaboration.board.api.serializers import (
    CooperationPostSerializer,
    InterestSerializer,
    PostStatusSerializer,
)
from clusterdialogue.collaboration.board.filters import CooperationPostFilterSet
from clusterdialogue.collaboration.board.selectors import post_interests_visible, post_list_visible
from clusterdialogue.collaboration.models import CooperationPost
from clusterdialogue.common.http import site_url
from clusterdialogue.common.permissions import RulePermission


def _drf_error(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)


class CooperationPostViewSet(viewsets.ModelViewSet):
    """Offers and requests of the clusters; filters as on /collaboration/board/."""

    serializer_class = CooperationPostSerializer
    filterset_class = CooperationPostFilterSet
    permission_classes = [IsAuthenticatedOrReadOnly, RulePermission]
    # Interests are open to every signed-in user: the service checks the cluster answering.
    permission_rules = {
        "create": "board.create_post",
        "update": "board.change_post",
        "partial_update": "board.change_post",
        "destroy": "board.change_post",
        "set_status": "board.change_post",
        "follow": "board.follow_post",
    }

    def get_queryset(self):
        return post_list_visible(user=self.request.user).prefetch_related("matches__organisation")

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        try:
            serializer.instance = services.post_create(
                organisation=organisation,
                user=self.request.user,
                data=data,
                site_url=site_url(self.request),
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
                site_url=site_url(self.request),
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
            site_url=site_url(self.request),
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
                site_url=site_url(self.request),
            )
        except DjangoValidationError as error:
            raise _drf_error(error) from error
        return Response(InterestSerializer(interest).data, status=status.HTTP_201_CREATED)
