"""The OParl 1.1 endpoints under ``/oparl/v1/``: anonymous, read-only, public content only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ikz.cooperation.models import Cooperation, Municipality
from ikz.inputs import parse_int
from ikz.oparl import public, selectors, serializers
from ikz.oparl.kinds import KINDS, serialize_rows
from ikz.oparl.selectors import FILTERS
from ikz.oparl.serializers import Context, Obj

PAGE_SIZE = 25
MAX_PAGE_SIZE = 500


class BadRequest(Exception):
    pass


def _json(data: Obj, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str) -> JsonResponse:
    return _json({"error": {"status": status, "message": message}}, status=status)


def endpoint(view: Callable[..., Obj]) -> Callable[..., JsonResponse]:
    """GET only; the object as JSON, bad parameters as a German 400."""

    @require_GET
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        try:
            return _json(view(request, *args, **kwargs))
        except BadRequest as error:
            return _error(400, str(error))
        except Http404:
            return _error(404, _("Dieses Objekt gibt es nicht (oder nicht öffentlich)."))

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@dataclass(frozen=True)
class ListQuery:
    filters: dict[str, dt.datetime]
    omit_internal: bool
    page: int
    limit: int

    @classmethod
    def parse(cls, request: HttpRequest) -> ListQuery:
        filters = {}
        for name in FILTERS:
            text = request.GET.get(name)
            if text is None:
                continue
            value = parse_datetime(text.replace(" ", "+"))
            if value is None:
                raise BadRequest(
                    _(
                        "„%(name)s“ ist kein Zeitpunkt nach ISO 8601, "
                        "z. B. 2020-01-31T12:00:00+01:00."
                    )
                    % {"name": name}
                )
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            filters[name] = value
        return cls(
            filters=filters,
            omit_internal="omit_internal" in request.GET,
            page=_number(request, "page", 1, 10**9),
            limit=_number(request, "limit", PAGE_SIZE, MAX_PAGE_SIZE),
        )

    def apply(self, rows: QuerySet[Any], prefix: str) -> QuerySet[Any]:
        return selectors.in_period(rows=rows, prefix=prefix, bounds=self.filters)


def _number(request: HttpRequest, name: str, default: int, maximum: int) -> int:
    text = request.GET.get(name)
    if text is None:
        return default
    number = parse_int(text, low=1, high=maximum)
    if number is None:
        raise BadRequest(
            _("„%(name)s“ muss eine ganze Zahl von 1 bis %(max)s sein.")
            % {"name": name, "max": maximum}
        )
    return number


Segment = tuple[int, Callable[[int, int], list[Obj]]]


def paginate(request: HttpRequest, query: ListQuery, segments: list[Segment]) -> Obj:
    """One OParl list page over consecutive segments (live rows, then tombstones)."""
    total = sum(count for count, _fetch in segments)
    pages = max(1, -(-total // query.limit))
    start, end = (query.page - 1) * query.limit, query.page * query.limit
    data: list[Obj] = []
    offset = 0
    for count, fetch in segments:
        low, high = max(start - offset, 0), min(end - offset, count)
        if low < high:
            data += fetch(low, high)
        offset += count

    def link(page: int) -> str:
        params = request.GET.copy()
        params["page"] = str(page)
        return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(params.items()))}")

    links = {"first": link(1), "self": link(query.page), "last": link(pages)}
    if query.page > 1:
        links["prev"] = link(min(query.page - 1, pages))
    if query.page < pages:
        links["next"] = link(query.page + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": query.limit,
            "currentPage": query.page,
            "totalPages": pages,
        },
        "links": links,
    }


def _live(ctx: Context, kind: str, rows: QuerySet[Any]) -> Segment:
    return rows.count(), lambda low, high: serialize_rows(ctx, KINDS[kind], list(rows[low:high]))


def _tombstones(ctx: Context, query: ListQuery, kind: str) -> Segment:
    rows = query.apply(selectors.gone(cooperation=ctx.cooperation, kind=kind), "")
    rows = rows.order_by("object_id")
    return rows.count(), lambda low, high: [
        serializers.tombstone(ctx, stamp) for stamp in rows[low:high]
    ]


# --- Endpoints ---------------------------------------------------------------------------------


@endpoint
def system(request: HttpRequest) -> Obj:
    created, modified = selectors.system_span()
    return {
        "id": request.build_absolute_uri(reverse("oparl:system")),
        "type": serializers.SCHEMA + "System",
        "oparlVersion": serializers.SCHEMA,
        "name": "IKZ-Cockpit",
        "body": request.build_absolute_uri(reverse("oparl:body_list")),
        "website": request.build_absolute_uri(reverse("ui:home")),
        "web": request.build_absolute_uri(reverse("ui:home")),
        "created": serializers.stamp_text(created),
        "modified": serializers.stamp_text(modified),
    }


@endpoint
def body_list(request: HttpRequest) -> Obj:
    """Every cooperation, then every member municipality, then removed municipalities."""
    query = ListQuery.parse(request)
    cooperations = query.apply(selectors.stamped_cooperations(), "oparl_")
    municipalities = query.apply(selectors.stamped_municipalities(), "oparl_")
    removed = query.apply(selectors.removed_municipalities(), "")

    def cooperation_page(low: int, high: int) -> list[Obj]:
        rows = list(cooperations.order_by("pk")[low:high])
        return [_cooperation(request, row, query) for row in rows]

    def municipality_page(low: int, high: int) -> list[Obj]:
        rows = list(municipalities[low:high])
        return [_municipality(request, row) for row in rows]

    def removed_page(low: int, high: int) -> list[Obj]:
        return [
            serializers.tombstone(Context(request=request, cooperation=stamp.cooperation), stamp)
            for stamp in removed[low:high]
        ]

    return paginate(
        request,
        query,
        [
            (cooperations.count(), cooperation_page),
            (municipalities.count(), municipality_page),
            (removed.count(), removed_page),
        ],
    )


def _cooperation(request: HttpRequest, cooperation: Cooperation, query: ListQuery) -> Obj:
    ctx = Context(request=request, cooperation=cooperation, omit_internal=query.omit_internal)
    ctx.stamps[("body", cooperation.pk)] = (
        cooperation.oparl_created,  # type: ignore[attr-defined]
        cooperation.oparl_modified,  # type: ignore[attr-defined]
    )
    return serializers.cooperation_body(ctx, cooperation)


def _municipality(request: HttpRequest, municipality: Municipality) -> Obj:
    ctx = Context(request=request, cooperation=municipality.cooperation)
    ctx.stamps[("municipality", municipality.pk)] = (
        municipality.oparl_created,  # type: ignore[attr-defined]
        municipality.oparl_modified,  # type: ignore[attr-defined]
    )
    return serializers.municipality_body(ctx, municipality)


@endpoint
def body(request: HttpRequest, body: int) -> Obj:
    cooperation = selectors.stamped_cooperation_get(pk=body)
    return _cooperation(request, cooperation, ListQuery.parse(request))


@endpoint
def municipality(request: HttpRequest, body: int, pk: int) -> Obj:
    cooperation = selectors.cooperation_get(pk=body)
    row = selectors.stamped_municipality(cooperation=cooperation, pk=pk)
    if row is None:
        stamp = selectors.gone_get(cooperation=cooperation, kind="municipality", pk=pk)
        return serializers.tombstone(Context(request=request, cooperation=cooperation), stamp)
    return _municipality(request, row)


def _kind(kind: str) -> None:
    if kind not in KINDS:
        raise Http404


@endpoint
def object_list(request: HttpRequest, body: int, kind: str) -> Obj:
    _kind(kind)
    cooperation = selectors.cooperation_get(pk=body)
    query = ListQuery.parse(request)
    ctx = Context(request=request, cooperation=cooperation, omit_internal=query.omit_internal)
    # The Body's file list holds both sources of File: report files, then attachments.
    kinds = public.FILE_KINDS if kind == "file" else (kind,)
    live = [_live(ctx, k, query.apply(KINDS[k].queryset(cooperation), "oparl_")) for k in kinds]
    return paginate(request, query, [*live, *(_tombstones(ctx, query, k) for k in kinds)])


@endpoint
def municipality_list(request: HttpRequest, body: int, pk: int, kind: str) -> Obj:
    """A member municipality's people (with their memberships), meetings and places."""
    _kind(kind)
    cooperation = selectors.cooperation_get(pk=body)
    place = selectors.municipality_get(cooperation=cooperation, pk=pk)
    query = ListQuery.parse(request)
    ctx = Context(request=request, cooperation=cooperation, omit_internal=query.omit_internal)
    rows = query.apply(KINDS[kind].queryset(cooperation, place), "oparl_")
    return paginate(request, query, [_live(ctx, kind, rows)])


@endpoint
def object_detail(request: HttpRequest, body: int, kind: str, pk: int) -> Obj:
    _kind(kind)
    cooperation = selectors.cooperation_get(pk=body)
    ctx = Context(request=request, cooperation=cooperation)
    row = selectors.public_row(cooperation=cooperation, kind=kind, pk=pk)
    if row is None:
        stamp = selectors.gone_get(cooperation=cooperation, kind=kind, pk=pk)
        return serializers.tombstone(ctx, stamp)
    return serialize_rows(ctx, KINDS[kind], [row])[0]
