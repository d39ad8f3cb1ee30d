"""The htmx side of a request, typed: django-htmx's middleware (settings.MIDDLEWARE) attaches
``request.htmx`` (``HtmxDetails``) to every request; Django's ``HttpRequest`` type does not
know it, so views ask here instead of reading the attribute with a ``type: ignore``."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


def htmx(request: HttpRequest) -> HtmxDetails:
    """The request's ``HtmxDetails``; built on the spot for a request that skipped the
    middleware (a ``RequestFactory`` request in a test)."""
    details = getattr(request, "htmx", None)
    return details if isinstance(details, HtmxDetails) else HtmxDetails(request)


def is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx sent (the ``HX-Request`` header)."""
    return bool(htmx(request))
