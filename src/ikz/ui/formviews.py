"""The submit cycle shared by all create/edit pages: validate, call the service, keep input."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

T = TypeVar("T")


def submit(request: HttpRequest, form: forms.BaseForm, save: Callable[[], T]) -> T | None:
    """Run ``save`` for a valid POST; a service's ValidationError lands on the form.

    Returns None when the form must be shown again (GET, or errors), with the typed input kept.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, messages in error.error_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, error)
        return None
