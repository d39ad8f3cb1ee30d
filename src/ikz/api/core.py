"""The NinjaAPI instance, token authentication with the per-token rate limit, and the helpers
every route uses to reach the caller's ``Access`` (the same one the pages compute)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema
from ninja.errors import Throttled
from ninja.openapi.docs import Swagger
from ninja.security import HttpBearer

from ikz.accounts.access import Access, Level
from ikz.api import problems, tokens
from ikz.api.problems import Forbidden, Problem


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> tokens.Caller | None:  # noqa: ARG002 - django-ninja's authenticate signature
        caller = tokens.resolve(token)
        if caller is None:
            return None
        wait = tokens.over_limit(caller.token)
        if wait is not None:
            raise Throttled(wait=wait)
        return caller


class IkzApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """Error responses are ``application/problem+json`` (RFC 9457), as they are sent."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[problems.CONTENT_TYPE] = content.pop("application/json")
        return schema


api = IkzApi(
    title="IKZ-Cockpit REST-API",
    version="1",
    description=(
        "Lesen und Schreiben für Integrationen (kommunale IT, Skripte). Anmeldung mit einem "
        "persönlichen API-Schlüssel (Mein Konto → API-Schlüssel) als "
        "`Authorization: Bearer ikz_…`. Es gelten dieselben Rechte wie in der Oberfläche. "
        "Fehler kommen als RFC 9457 Problem Details (`application/problem+json`)."
    ),
    auth=TokenAuth(),
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs/",
    openapi_url="/openapi.json",
    urls_namespace="api",
)
problems.install(api)

ERRORS: dict[int, type[Schema]] = dict.fromkeys((400, 401, 403, 404, 422, 429), Problem)


def responses(out: Any, *, status: int = 200) -> dict[int, Any]:
    return {status: out, **ERRORS}


def caller(request: HttpRequest) -> tokens.Caller:
    auth: tokens.Caller = request.auth  # type: ignore[attr-defined]
    return auth


def access_in(request: HttpRequest, slug: str) -> Access:
    """The caller's access in the cooperation ``slug``: a token serves its own cooperation
    only; any other slug is 404, as if it did not exist."""
    found = caller(request)
    if found.access.cooperation.slug != slug:
        raise Http404
    return found.access


def require(access: Access, level: Level) -> None:
    if access.level < level:
        raise Forbidden(
            _("Dafür ist die Rolle „Koordination“ nötig.")
            if level >= Level.COORDINATOR
            else _("Das sehen nur Mitglieder der Kooperation.")
        )


def writable(request: HttpRequest, slug: str, level: Level = Level.COORDINATOR) -> Access:
    """For writes: a read-write token and (as in the pages) the role the write needs."""
    access = access_in(request, slug)
    if not caller(request).token.can_write:
        raise Forbidden(_("Dieser API-Schlüssel darf nur lesen."))
    require(access, level)
    return access


PAGE: int = Query(1, ge=1, le=10**6, description="Seite, ab 1")  # type: ignore[type-arg]
PAGE_SIZE: int = Query(50, ge=1, le=200, description="Einträge je Seite (1–200)")  # type: ignore[type-arg]


def paged(rows: Any, page: int, page_size: int) -> dict[str, Any]:
    """One page of a queryset: the total count and the rows of this page (two queries)."""
    start = (page - 1) * page_size
    return {
        "count": rows.count(),
        "page": page,
        "page_size": page_size,
        "items": list(rows[start : start + page_size]),
    }


__all__ = ["PAGE", "PAGE_SIZE", "api", "paged", "responses"]
