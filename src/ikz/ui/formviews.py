"""The submit cycle shared by all create/edit pages: validate, call the service, keep input."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

T = TypeVar("T")


def form_data(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, even an empty one, else None (unbound).

    Not ``request.POST or None``: a POST without fields (an htmx request carries its CSRF token
    in a header, so a form of unticked checkboxes sends nothing) would leave the form unbound,
    and the page would answer 400 without saying what is wrong.
    """
    return request.POST if request.method == "POST" else None


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


def form_page(
    request: HttpRequest, *, form: forms.BaseForm, title: str, cancel_url: str, **extra: object
) -> HttpResponse:
    """The generic create/edit page; a re-shown POST answers 400 so clients see the failure."""
    context = {"form": form, "title": title, "cancel_url": cancel_url, **extra}
    status = 400 if request.method == "POST" else 200
    return render(request, "ui/object_form.html", context, status=status)


def delete_page(
    request: HttpRequest, *, title: str, object_label: str, consequences: list[str], cancel_url: str
) -> HttpResponse:
    """The generic confirmation page before a delete (the POST goes to the same URL)."""
    context = {
        "title": title,
        "object_label": object_label,
        "consequences": consequences,
        "cancel_url": cancel_url,
    }
    return render(request, "ui/confirm_delete.html", context)


def edit_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    save: Callable[[], T],
    saved_message: Callable[[T], str],
    saved_url: Callable[[T], str],
    title: str,
    cancel_url: str,
    **extra: object,
) -> HttpResponse:
    """A whole create/edit page: submit, then a success message and redirect, or the form again."""
    saved = submit(request, form, save)
    if saved is not None:
        messages.success(request, saved_message(saved))
        return redirect(saved_url(saved))
    return form_page(request, form=form, title=title, cancel_url=cancel_url, **extra)
