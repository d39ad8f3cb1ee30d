"""The submit cycle shared by all create/edit pages: validate, call the service, keep input."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from ikz.tracking.versions import VERSION_FIELD, StaleEdit, check_version, version_token
from ikz.ui.htmx import is_htmx

T = TypeVar("T")

# A refused form submission (docs/architecture.md, "Form errors"): an htmx request gets the
# re-rendered form fragment with 422, which the client config in base.html swaps in like a
# 2xx; a plain POST gets the full page with 400. Both carry the German error on the form.
REFUSED_HTMX = 422
REFUSED_PAGE = 400


def refused_status(request: HttpRequest) -> int:
    """The status of a POST whose form is shown again with errors (422 htmx, 400 page)."""
    return REFUSED_HTMX if is_htmx(request) else REFUSED_PAGE


def form_status(request: HttpRequest) -> int:
    """The status of a form page: 200 for the GET, ``refused_status`` for a re-shown POST."""
    return refused_status(request) if request.method == "POST" else 200


def form_data(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, even an empty one, else None (unbound).

    Not ``request.POST or None``: a POST without fields (an htmx request carries its CSRF token
    in a header, so a form of unticked checkboxes sends nothing) would leave the form unbound,
    and the page would answer 400 without saying what is wrong.
    """
    return request.POST if request.method == "POST" else None


def edited_object(form: forms.BaseForm, version_of: models.Model | None) -> models.Model | None:
    """The stored object an edit form changes: ``version_of``, else a ModelForm's instance."""
    if version_of is not None:
        return version_of if version_of.pk is not None else None
    instance = getattr(form, "instance", None)
    if isinstance(instance, models.Model) and instance.pk is not None:
        return instance
    return None


def with_version(form: forms.BaseForm, instance: models.Model | None) -> None:
    """Give an edit form the hidden version field (the token of ``instance`` as shown).

    Call it before validating; ``submit`` does it for every form it handles. A form rendered
    by another view than the one that saves it (e.g. a text form on a detail page) calls it
    there too.
    """
    if instance is None or VERSION_FIELD in form.fields:
        return
    with_token(form, version_token(instance))


def with_token(form: forms.BaseForm, token: str) -> None:
    """Give a form the hidden version field with ``token`` (for edits that are not one stored
    row: a row that may not exist yet, a set of rows). The service checks it."""
    form.fields[VERSION_FIELD] = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=token
    )


def _show_current_version(form: forms.BaseForm, token: str) -> None:
    """After a conflict the form carries the current token: saving again overwrites."""
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict on every POST
    data[form.add_prefix(VERSION_FIELD)] = token
    form.data = data


def _stale_alongside_errors(form: forms.BaseForm, instance: models.Model) -> None:
    """An invalid POST from a stale form also says that someone else saved meanwhile: the
    field errors may come from that change (a stage that is no longer the current one)."""
    token = form.data.get(form.add_prefix(VERSION_FIELD))
    try:
        with transaction.atomic():
            check_version(instance, token)
    except StaleEdit as error:
        form.add_error(None, error)
        _show_current_version(form, error.current_token)
    except ValidationError as error:
        form.add_error(None, error)


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], T],
    *,
    version_of: models.Model | None = None,
) -> T | None:
    """Run ``save`` for a valid POST; a service's ValidationError lands on the form.

    Every edit of a stored object (``version_of``, or the instance of a ModelForm) is checked
    for a lost update: the form carries the version it was shown with, and a save after
    someone else's is refused with a message that names the other change (the typed input
    stays). Returns None when the form must be shown again (GET, or errors).
    """
    instance = edited_object(form, version_of)
    with_version(form, instance)
    if request.method != "POST":
        return None
    if not form.is_valid():
        if instance is not None:
            _stale_alongside_errors(form, instance)
        return None
    token = form.cleaned_data.pop(VERSION_FIELD, None) if instance is not None else None
    try:
        with transaction.atomic():
            if instance is not None:
                check_version(instance, token)
            return save()
    except StaleEdit as error:
        form.add_error(None, error)
        _show_current_version(form, error.current_token)
        return None
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
    """The generic create/edit page; a re-shown POST is refused (``form_status``)."""
    context = {"form": form, "title": title, "cancel_url": cancel_url, **extra}
    return render(request, "ui/object_form.html", context, status=form_status(request))


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
    version_of: models.Model | None = None,
    **extra: object,
) -> HttpResponse:
    """A whole create/edit page: submit, then a success message and redirect, or the form again."""
    saved = submit(request, form, save, version_of=version_of)
    if saved is not None:
        messages.success(request, saved_message(saved))
        return redirect(saved_url(saved))
    return form_page(request, form=form, title=title, cancel_url=cancel_url, **extra)
