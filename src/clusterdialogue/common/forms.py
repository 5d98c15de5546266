"""Showing a service's refusal on the form that asked for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError

T = TypeVar("T")


def form_errors_add(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: at the field it names when the form has
    that field, else on top of the form."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error)


def form_service_apply(form: forms.Form, action: Callable[[], T]) -> T | None:
    """Run ``action`` (a service call); on a ``ValidationError`` show it on ``form`` and answer
    ``None``, so the view renders the form again with the service's words."""
    try:
        return action()
    except ValidationError as error:
        form_errors_add(form, error)
    return None
