"""Errors of the REST API as RFC 9457 problem details, in German, one format everywhere."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

PROBLEM_TYPE = "https://ikz-cockpit.de/probleme/"
CONTENT_TYPE = "application/problem+json"


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldError] = []


class Forbidden(Exception):
    pass


def problem(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    slug: str,
    title: str,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        "errors": errors or [],
    }
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = CONTENT_TYPE
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _validation_errors(exc: DjangoValidationError) -> list[dict[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": "" if field == "__all__" else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": "", "message": message} for message in exc.messages]


def _ninja_errors(exc: NinjaValidationError) -> list[dict[str, str]]:
    found = []
    for error in exc.errors:
        location = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "data", "query", "path")
        ]
        found.append(
            {
                "field": ".".join(location),
                "message": _("Ungültiger Wert (%(reason)s).") % {"reason": error.get("msg", "")},
            }
        )
    return found


def install(api: NinjaAPI) -> None:
    """Answer every error of ``api`` as a German problem document."""

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:  # noqa: ARG001 - django-ninja's exception handler signature
        return problem(
            api,
            request,
            status=401,
            slug="nicht-angemeldet",
            title=_("Nicht angemeldet"),
            detail=_(
                "Bitte einen gültigen API-Schlüssel als „Authorization: Bearer …“ senden. "
                "Abgelaufene oder widerrufene Schlüssel gelten nicht."
            ),
            headers={"WWW-Authenticate": 'Bearer realm="ikz"'},
        )

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        wait = str(exc.wait or 60)
        return problem(
            api,
            request,
            status=429,
            slug="zu-viele-anfragen",
            title=_("Zu viele Anfragen"),
            detail=_(
                "Dieser Schlüssel hat sein Minutenkontingent verbraucht. "
                "Bitte in %(s)s s erneut versuchen."
            )
            % {"s": wait},
            headers={"Retry-After": wait},
        )

    @api.exception_handler(Forbidden)
    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(
            api,
            request,
            status=403,
            slug="keine-berechtigung",
            title=_("Keine Berechtigung"),
            detail=str(exc) or _("Dafür fehlt Ihnen die Berechtigung."),
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:  # noqa: ARG001 - django-ninja's exception handler signature
        return problem(
            api,
            request,
            status=404,
            slug="nicht-gefunden",
            title=_("Nicht gefunden"),
            detail=_("Diesen Eintrag gibt es nicht, oder Sie dürfen ihn nicht sehen."),
        )

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = _validation_errors(exc)
        return problem(
            api,
            request,
            status=422,
            slug="ungueltig",
            title=_("Ungültige Eingabe"),
            detail=" ".join(error["message"] for error in errors),
            errors=errors,
        )

    @api.exception_handler(NinjaValidationError)
    def malformed(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return problem(
            api,
            request,
            status=422,
            slug="ungueltig",
            title=_("Ungültige Anfrage"),
            detail=_("Die Anfrage passt nicht zum Schema der Schnittstelle."),
            errors=_ninja_errors(exc),
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:  # django-ninja: the body is not JSON
            return problem(
                api,
                request,
                status=400,
                slug="kein-json",
                title=_("Ungültige Anfrage"),
                detail=_("Der Anfragetext ist kein gültiges JSON."),
            )
        return problem(
            api,
            request,
            status=exc.status_code,
            slug="fehler",
            title=_("Fehler"),
            detail=str(exc),
        )
