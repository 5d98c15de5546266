"""Behaviour shared by the API's viewsets."""

from __future__ import annotations

from django.db.models import ProtectedError
from rest_framework import status
from rest_framework.exceptions import APIException


class InUse(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This object is in use and cannot be deleted."
    default_code = "in_use"


class ProtectedDeleteMixin:
    """Answer 409 Conflict, saying what refers to the object, when a protected delete fails.

    A region with imported figures or network memberships, or an industry with figures, is
    protected; deleting it raised ``ProtectedError`` and the client saw a server error.
    """

    def perform_destroy(self, instance) -> None:
        try:
            instance.delete()
        except ProtectedError as error:
            users = sorted({obj._meta.verbose_name_plural for obj in error.protected_objects})
            raise InUse(
                f"{instance} is in use and cannot be deleted: {', '.join(map(str, users))} "
                "refer to it. Delete those first."
            ) from error
