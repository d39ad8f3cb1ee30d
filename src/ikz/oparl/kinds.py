"""Per kind of OParl object: which rows (public, in a cooperation or a member municipality),
how to load what they embed in a fixed number of queries, and how to serialise them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length

from ikz.attachments.models import Attachment, AttachmentVersion
from ikz.cooperation.models import Cooperation, Municipality
from ikz.meetings.models import AgendaItem
from ikz.meetings.selectors.meeting_page import _agenda_order
from ikz.oparl import public, serializers
from ikz.oparl.models import Stamp
from ikz.oparl.serializers import AgendaRow, Context, Obj, group
from ikz.reports.models import ReportVersion, StatusReport

_HEAVY = ("content", "md", "html", "pdf", "docx", "pptx")


def _memberships_for(ctx: Context, rows: list[Any], *, by: str) -> dict[str, set[int]]:
    ids = [row.pk for row in rows]
    members = list(
        public.memberships(ctx.cooperation)
        .filter(**{f"{by}_id__in": ids})
        .order_by("body__name", "pk")
    )
    if by == "person":
        ctx.memberships_of_person = group(members, "person_id")
    else:
        ctx.memberships_of_body = {
            key: [m.pk for m in value] for key, value in group(members, "body_id").items()
        }
    return {"membership": {m.pk for m in members}}


def _prepare_person(ctx: Context, rows: list[Any]) -> dict[str, set[int]]:
    return {} if ctx.omit_internal else _memberships_for(ctx, rows, by="person")


def _prepare_organization(ctx: Context, rows: list[Any]) -> dict[str, set[int]]:
    # The membership list holds URLs only: it stays with omit_internal.
    return _memberships_for(ctx, rows, by="body")


def _agenda_of(ctx: Context, meeting_ids: list[int]) -> dict[str, set[int]]:
    # Only what numbering and the AgendaItem object need: a page embeds many items.
    items = [
        AgendaRow(*values)
        for values in AgendaItem.objects.filter(
            cooperation=ctx.cooperation, meeting_id__in=meeting_ids
        ).values_list("pk", "meeting_id", "parent_id", "position", "title")
    ]
    # _agenda_order reads only pk, parent_id and position, which the rows have.
    ordered = {
        meeting_id: cast(
            list[tuple[AgendaRow, str, int]],
            _agenda_order(cast(list[AgendaItem], meeting_items)),
        )
        for meeting_id, meeting_items in group(items, "meeting_id").items()
    }
    ctx.agenda = {
        meeting_id: [(item, number, order) for order, (item, number, _depth) in enumerate(rows)]
        for meeting_id, rows in ordered.items()
    }
    return {"agendaitem": {item.pk for item in items}}


def _latest_versions(ctx: Context, attachments: list[Attachment]) -> None:
    """The latest version of each attachment (its file, as the download serves it): one query."""
    versions = (
        AttachmentVersion.objects.filter(
            cooperation=ctx.cooperation, attachment_id__in=[a.pk for a in attachments]
        )
        .only(
            "attachment_id",
            "number",
            "original_name",
            "extension",
            "content_type",
            "size",
            "uploaded_at",
        )
        .order_by("attachment_id", "-number")
    )
    for version in versions:
        ctx.attachment_versions.setdefault(version.attachment_id, version)


def _attachments_of(ctx: Context, meeting_ids: list[int], item_ids: set[int] | None) -> set[int]:
    """The public attachments of these public meetings and agenda items (None: all items of
    these meetings; two queries)."""
    rows = list(
        public.attachments_of(ctx.cooperation, meeting_ids=meeting_ids, item_ids=item_ids)
        .select_related("agenda_item")
        .order_by("title", "pk")
    )
    _latest_versions(ctx, rows)
    for row in rows:
        if row.agenda_item_id is not None:
            ctx.files_of_item.setdefault(row.agenda_item_id, []).append(row)
        elif row.meeting_id is not None:
            ctx.files_of_meeting.setdefault(row.meeting_id, []).append(row)
    return {row.pk for row in rows}


def _prepare_meeting(ctx: Context, rows: list[Any]) -> dict[str, set[int]]:
    if ctx.omit_internal:
        return {}
    wanted = _agenda_of(ctx, [row.pk for row in rows])
    wanted["location"] = {row.location_id for row in rows if row.location_id}
    # All their agenda items are embedded: found by a join, not by a list of their ids.
    wanted["attachment"] = _attachments_of(ctx, [row.pk for row in rows], None)
    return wanted


def _prepare_agenda_item(ctx: Context, rows: list[Any]) -> dict[str, set[int]]:
    _agenda_of(ctx, sorted({row.meeting_id for row in rows}))
    if ctx.omit_internal:
        return {}
    return {"attachment": _attachments_of(ctx, [], {row.pk for row in rows})}


def _prepare_attachment(ctx: Context, rows: list[Any]) -> dict[str, set[int]]:
    _latest_versions(ctx, rows)
    return {}


def _versions(queryset: QuerySet[ReportVersion]) -> QuerySet[ReportVersion]:
    """Without the heavy columns; with the PDF's size and the number of the report's latest
    public version (the one its portal page shows)."""
    latest = (
        ReportVersion.objects.filter(
            report_id=OuterRef("report_id"), audience=StatusReport.Audience.PUBLIC
        )
        .order_by("-number")
        .values("number")[:1]
    )
    return (
        queryset.defer(*_HEAVY)
        .select_related("report")
        .annotate(pdf_size=Length("pdf"), latest_public=Subquery(latest))
    )


def _prepare_paper(ctx: Context, rows: list[Any]) -> dict[str, set[int]]:
    if ctx.omit_internal:
        return {}
    versions = list(
        _versions(public.files(ctx.cooperation))
        .filter(report_id__in=[row.pk for row in rows])
        .order_by("report_id", "-number")
    )
    ctx.files_of_paper = group(versions, "report_id")
    return {"file": {version.pk for version in versions}}


def _nothing(ctx: Context, rows: list[Any]) -> dict[str, set[int]]:  # noqa: ARG001 - the kinds' embed protocol
    return {}


def _agenda_item_obj(ctx: Context, item: AgendaItem) -> Obj:
    for candidate, number, order in ctx.agenda.get(item.meeting_id, []):
        if candidate.pk == item.pk:
            return serializers.agenda_item(ctx, item, number, order)
    raise LookupError(item.pk)  # pragma: no cover - the item is one of its meeting's


@dataclass(frozen=True)
class Kind:
    name: str
    rows: Callable[[Cooperation], QuerySet[Any]]
    serialize: Callable[[Context, Any], Obj]
    prepare: Callable[[Context, list[Any]], dict[str, set[int]]] = _nothing
    related: tuple[str, ...] = ()
    # How the rows of a member municipality are found (None: the list is empty there).
    in_municipality: str | None = None

    def queryset(
        self, cooperation: Cooperation, municipality: Municipality | None = None
    ) -> QuerySet[Any]:
        rows = self.rows(cooperation)
        if municipality is not None:
            if self.in_municipality is None:
                return rows.none()
            rows = rows.filter(**{self.in_municipality: municipality.pk})
        if self.related:
            rows = rows.select_related(*self.related)
        return with_stamps(rows, self.name).order_by("pk")


def with_stamps(rows: QuerySet[Any], kind: str) -> QuerySet[Any]:
    """Annotate ``oparl_created``/``oparl_modified`` (the ledger, else the cooperation's
    creation) so that lists can filter on them in SQL."""
    stamps = Stamp.objects.filter(kind=kind, object_id=OuterRef("pk"))
    fallback = F("created_at") if kind == "body" else F("cooperation__created_at")
    annotated: QuerySet[Any] = rows.annotate(
        oparl_created=Coalesce(Subquery(stamps.values("created")[:1]), fallback),
        oparl_modified=Coalesce(Subquery(stamps.values("modified")[:1]), fallback),
    )
    return annotated


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "organization",
            public.organizations,
            serializers.organization,
            _prepare_organization,
        ),
        Kind(
            "person",
            public.people,
            serializers.person,
            _prepare_person,
            in_municipality="municipality_id",
        ),
        Kind(
            "membership",
            public.memberships,
            serializers.membership,
            in_municipality="person__municipality_id",
        ),
        Kind(
            "meeting",
            public.meetings,
            serializers.meeting,
            _prepare_meeting,
            related=("body", "location", "location__municipality"),
            in_municipality="location__municipality_id",
        ),
        Kind(
            "agendaitem",
            public.agenda_items,
            _agenda_item_obj,
            _prepare_agenda_item,
            in_municipality="meeting__location__municipality_id",
        ),
        Kind(
            "location",
            public.locations,
            serializers.location,
            related=("municipality",),
            in_municipality="municipality_id",
        ),
        Kind("paper", public.papers, serializers.paper, _prepare_paper),
        Kind("file", lambda c: _versions(public.files(c)), serializers.file),
        Kind(
            "attachment",
            public.attachments,
            serializers.attachment_file,
            _prepare_attachment,
            related=("agenda_item",),
        ),
    )
}


def serialize_rows(ctx: Context, kind: Kind, rows: list[Any]) -> list[Obj]:
    wanted = kind.prepare(ctx, rows)
    own = wanted.setdefault(kind.name, set())
    for row in rows:
        # ``Kind.queryset`` annotated the rows' own stamps (``with_stamps``, the same fallback
        # as ``Context.base``): only the embedded objects' stamps are loaded.
        created = getattr(row, "oparl_created", None)
        if created is None:
            own.add(row.pk)
        else:
            ctx.stamps[(kind.name, row.pk)] = (created, row.oparl_modified)
    ctx.load_stamps(wanted)
    return [kind.serialize(ctx, row) for row in rows]
