"""OParl 1.1 objects as dicts. Each function gets the row and a ``Context`` that already holds
everything the page needs (stamps, embedded rows), so serialising is free of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from django.apps import apps
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from ikz.attachments.models import Attachment, AttachmentVersion
from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person
from ikz.meetings.models import AgendaItem, Meeting
from ikz.oparl.models import Stamp
from ikz.reports.models import ReportVersion, StatusReport

SCHEMA = "https://schema.oparl.org/1.1/"
KIND_TYPES = {
    "body": "Body",
    "municipality": "Body",
    "organization": "Organization",
    "person": "Person",
    "membership": "Membership",
    "meeting": "Meeting",
    "agendaitem": "AgendaItem",
    "location": "Location",
    "paper": "Paper",
    "file": "File",
    "attachment": "File",
}
Obj = dict[str, Any]
# Stands for an id while a URL is reversed once (see ``Context.link``).
SENTINEL = 987654321987


@lru_cache(maxsize=4096)
def stamp_text(value: dt.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


@lru_cache(maxsize=64)
def _choices(model: str, name: str) -> dict[Any, Any]:
    return dict(apps.get_model(model)._meta.get_field(name).flatchoices)


def display(row: Any, name: str) -> str:
    """``row.get_<name>_display()``: Django rebuilds the field's choices on every call, a
    noticeable share of a page of 100 meetings. The labels stay lazy, so ``str`` translates them
    in the request's language."""
    value = getattr(row, name)
    return str(_choices(row._meta.label, name).get(value, value))


class AgendaRow(NamedTuple):
    """An agenda item as a meeting embeds it: only what its numbering and object need (a page
    of 100 meetings embeds about 500, as tuples rather than model instances)."""

    pk: int
    meeting_id: int
    parent_id: int | None
    position: int
    title: str


@dataclass
class Context:
    """The request's base URL, the cooperation, and what the page's objects embed."""

    request: HttpRequest
    cooperation: Cooperation
    omit_internal: bool = False
    stamps: dict[tuple[str, int], tuple[dt.datetime, dt.datetime]] = field(default_factory=dict)
    agenda: dict[int, list[tuple[AgendaRow, str, int]]] = field(default_factory=dict)
    memberships_of_person: dict[int, list[Membership]] = field(default_factory=dict)
    memberships_of_body: dict[int, list[int]] = field(default_factory=dict)
    files_of_paper: dict[int, list[ReportVersion]] = field(default_factory=dict)
    # Public attachments (OParl File) by meeting and agenda item, and each one's latest file.
    files_of_meeting: dict[int, list[Attachment]] = field(default_factory=dict)
    files_of_item: dict[int, list[Attachment]] = field(default_factory=dict)
    attachment_versions: dict[int, AttachmentVersion] = field(default_factory=dict)

    _templates: dict[tuple[Any, ...] | str, str] = field(default_factory=dict)
    # A URL with an id, split around the id: (before, after).
    _split: dict[tuple[Any, ...], tuple[str, str]] = field(default_factory=dict)

    def absolute(self, path: str) -> str:
        if "origin" not in self._templates:
            self._templates["origin"] = self.request.build_absolute_uri("/")[:-1]
        return self._templates["origin"] + path

    def url(self, name: str, *args: Any) -> str:
        return self.link(f"oparl:{name}", *args)

    def link(self, name: str, *args: Any) -> str:
        """``reverse`` once per URL name and fixed arguments, then only the last argument (an
        id) is filled in: a page of 100 meetings needs thousands of links."""
        if not args or not isinstance(args[-1], int):
            key = (name, *args)
            if key not in self._templates:
                self._templates[key] = self.absolute(reverse(name, args=args))
            return self._templates[key]
        key = (name, *args[:-1], SENTINEL)
        split = self._split.get(key)
        if split is None:
            url = self.absolute(reverse(name, args=[*args[:-1], SENTINEL]))
            head, _sentinel, tail = url.partition(str(SENTINEL))
            split = self._split[key] = (head, tail)
        return f"{split[0]}{args[-1]}{split[1]}"

    def object_url(self, kind: str, pk: int) -> str:
        if kind == "body":
            return self.link("oparl:body", pk)
        if kind == "municipality":
            return self.link("oparl:municipality", self.cooperation.pk, pk)
        return self.link("oparl:object", self.cooperation.pk, kind, pk)

    def load_stamps(self, wanted: dict[str, set[int]]) -> None:
        """One query for the stamps of every object on the page (missing ones fall back)."""
        condition = Q(pk__in=[])
        for kind, ids in wanted.items():
            if ids:
                condition |= Q(kind=kind, object_id__in=ids)
        for kind, object_id, created, modified in Stamp.objects.filter(condition).values_list(
            "kind", "object_id", "created", "modified"
        ):
            self.stamps[(kind, object_id)] = (created, modified)

    def base(self, kind: str, pk: int) -> Obj:
        fallback = self.cooperation.created_at
        created, modified = self.stamps.get((kind, pk), (fallback, fallback))
        return {
            "id": self.object_url(kind, pk),
            "type": SCHEMA + KIND_TYPES[kind],
            "created": stamp_text(created),
            "modified": stamp_text(modified),
        }


def tombstone(ctx: Context, stamp: Stamp) -> Obj:
    return {
        "id": ctx.object_url(stamp.kind, stamp.object_id),
        "type": SCHEMA + KIND_TYPES[stamp.kind],
        "created": stamp_text(stamp.created),
        "modified": stamp_text(stamp.modified),
        "deleted": True,
    }


def _drop_empty(obj: Obj) -> Obj:
    """Without the keys whose value is None, "" or []; 0, False and {} stay. (Truthy values
    are kept first: a page calls this for every embedded object.)"""
    return {
        key: value
        for key, value in obj.items()
        if value or (value is not None and value != "" and value != [])
    }


def _body_lists(ctx: Context, prefix: tuple[Any, ...], name: str) -> Obj:
    lists = {
        "organization": "organization",
        "person": "person",
        "meeting": "meeting",
        "paper": "paper",
        "agendaItem": "agendaitem",
        "file": "file",
        "locationList": "location",
        "membership": "membership",
    }
    return {key: ctx.url(name, *prefix, kind) for key, kind in lists.items()}


def cooperation_body(ctx: Context, cooperation: Cooperation) -> Obj:
    return _drop_empty(
        {
            **ctx.base("body", cooperation.pk),
            "system": ctx.url("system"),
            "name": cooperation.name,
            "shortName": cooperation.slug,
            "website": cooperation.website,
            "classification": "Interkommunale Kooperation",
            **_body_lists(ctx, (cooperation.pk,), "list"),
            "web": ctx.absolute(reverse("portal:home", args=[cooperation.slug])),
        }
    ) | {"legislativeTerm": []}  # required by OParl; a cooperation has no election periods


def municipality_body(ctx: Context, municipality: Municipality) -> Obj:
    return _drop_empty(
        {
            **ctx.base("municipality", municipality.pk),
            "system": ctx.url("system"),
            "name": municipality.name,
            "ags": municipality.ags,
            "classification": display(municipality, "kind"),
            **_body_lists(ctx, (ctx.cooperation.pk, municipality.pk), "municipality_list"),
            # No "web": a member municipality has no page of its own on the portal.
        }
    ) | {"legislativeTerm": []}


def organization(ctx: Context, body: Body) -> Obj:
    return _drop_empty(
        {
            **ctx.base("organization", body.pk),
            "body": ctx.url("body", ctx.cooperation.pk),
            "name": body.name,
            "shortName": body.short_name,
            "organizationType": "Gremium",
            "classification": display(body, "kind"),
            "startDate": body.active_from.isoformat() if body.active_from else None,
            "endDate": body.active_until.isoformat() if body.active_until else None,
            "membership": [
                ctx.object_url("membership", pk) for pk in ctx.memberships_of_body.get(body.pk, [])
            ],
            "web": ctx.link("portal:body", ctx.cooperation.slug, body.pk),
        }
    )


def membership(ctx: Context, row: Membership) -> Obj:
    return _drop_empty(
        {
            **ctx.base("membership", row.pk),
            "person": ctx.object_url("person", row.person_id),
            "organization": ctx.object_url("organization", row.body_id),
            "role": display(row, "role"),
            "startDate": row.start_date.isoformat() if row.start_date else None,
            "endDate": row.end_date.isoformat() if row.end_date else None,
        }
    )


def person(ctx: Context, row: Person) -> Obj:
    obj = _drop_empty(
        {
            **ctx.base("person", row.pk),
            "body": ctx.url("body", ctx.cooperation.pk),
            "name": row.full_name,
            "familyName": row.family_name,
            "givenName": row.given_name,
            "title": [row.title] if row.title else [],
            "status": [row.function] if row.function else [],
        }
    )
    if not ctx.omit_internal:
        rows = ctx.memberships_of_person.get(row.pk, [])
        obj["membership"] = [membership(ctx, m) for m in rows]
    return obj


def location(ctx: Context, row: Location) -> Obj:
    return _drop_empty(
        {
            **ctx.base("location", row.pk),
            "description": ", ".join(part for part in (row.name, row.address) if part),
            "streetAddress": row.address,
            "locality": row.municipality.name if row.municipality_id and row.municipality else "",
        }
    )


def _meeting_web(ctx: Context, meeting_id: int) -> str:
    """The meeting's page on the public portal (``web`` always names a portal page)."""
    return ctx.link("portal:meeting", ctx.cooperation.slug, meeting_id)


def agenda_item(ctx: Context, item: AgendaItem | AgendaRow, number: str, order: int) -> Obj:
    obj = _drop_empty(
        {
            **ctx.base("agendaitem", item.pk),
            "meeting": ctx.object_url("meeting", item.meeting_id),
            "number": number,
            "name": item.title,
            "public": True,
            "web": f"{_meeting_web(ctx, item.meeting_id)}#top-{item.pk}",
        }
    ) | {"order": order}
    if not ctx.omit_internal and item.pk in ctx.files_of_item:
        obj["auxiliaryFile"] = [attachment_file(ctx, a) for a in ctx.files_of_item[item.pk]]
    return obj


def meeting(ctx: Context, row: Meeting) -> Obj:
    start = row.starts_at
    if start is None and row.date_precision == "day":
        # Only the day is known: its beginning, as OParl has no date-only start.
        start = dt.datetime.combine(row.date, dt.time(0, 0), tzinfo=timezone.get_current_timezone())
    obj = _drop_empty(
        {
            **ctx.base("meeting", row.pk),
            "name": row.heading,
            "meetingState": display(row, "state"),
            "start": stamp_text(start) if start else None,
            "end": stamp_text(row.ends_at) if row.ends_at else None,
            "organization": [ctx.object_url("organization", row.body_id)],
            "web": _meeting_web(ctx, row.pk),
        }
    ) | {"cancelled": row.state == Meeting.State.CANCELLED}
    if not ctx.omit_internal:
        if row.location_id is not None and row.location is not None:
            obj["location"] = location(ctx, row.location)
        obj["agendaItem"] = [
            agenda_item(ctx, item, number, order)
            for item, number, order in ctx.agenda.get(row.pk, [])
        ]
        if row.pk in ctx.files_of_meeting:
            obj["auxiliaryFile"] = [attachment_file(ctx, a) for a in ctx.files_of_meeting[row.pk]]
    return obj


def attachment_file(ctx: Context, attachment: Attachment) -> Obj:
    """A public attachment of a meeting or agenda item; its URLs are the access-checked
    download of the latest version (``ikz.attachments.views.download``)."""
    version = ctx.attachment_versions[attachment.pk]
    item = attachment.agenda_item if attachment.agenda_item_id is not None else None
    meeting_id = item.meeting_id if item is not None else attachment.meeting_id
    assert meeting_id is not None  # public.attachments: of a meeting or of an agenda item
    download = ctx.link("attachments:download", ctx.cooperation.slug, attachment.pk)
    stem = version.original_name.rsplit(".", 1)[0]
    return _drop_empty(
        {
            **ctx.base("attachment", attachment.pk),
            "name": attachment.title,
            "fileName": f"{stem}.{version.extension}",
            "mimeType": version.content_type,
            "date": timezone.localdate(version.uploaded_at).isoformat(),
            "size": version.size,
            "accessUrl": download,
            "downloadUrl": download,
            "meeting": [ctx.object_url("meeting", meeting_id)],
            "agendaItem": [ctx.object_url("agendaitem", item.pk)] if item is not None else [],
            "web": f"{_meeting_web(ctx, meeting_id)}#anhaenge",
        }
    )


def file(ctx: Context, version: ReportVersion) -> Obj:
    report: StatusReport = version.report
    slug = ctx.cooperation.slug
    access_url = ctx.absolute(
        reverse("reports:download", args=[slug, version.report_id, version.number, "pdf"])
    )
    return _drop_empty(
        {
            **ctx.base("file", version.pk),
            "name": str(version),
            "fileName": f"statusbericht-{report.period_start:%Y-%m}-v{version.number}.pdf",
            "mimeType": "application/pdf",
            "date": timezone.localdate(version.published_at).isoformat(),
            "size": getattr(version, "pdf_size", None),
            "accessUrl": access_url,
            "downloadUrl": access_url,
            "paper": [ctx.object_url("paper", version.report_id)],
            # The portal's report page shows the latest public version only.
            "web": (
                ctx.link("portal:report", slug, version.report_id)
                if getattr(version, "latest_public", None) == version.number
                else None
            ),
        }
    )


def paper(ctx: Context, report: StatusReport) -> Obj:
    versions = ctx.files_of_paper.get(report.pk, [])
    obj = _drop_empty(
        {
            **ctx.base("paper", report.pk),
            "body": ctx.url("body", ctx.cooperation.pk),
            "name": versions[0].title if versions else str(report),
            "reference": f"{report.period_start:%Y-%m}",
            "date": timezone.localdate(versions[0].published_at).isoformat() if versions else None,
            "paperType": "Statusbericht",
            "web": ctx.link("portal:report", ctx.cooperation.slug, report.pk),
        }
    )
    if not ctx.omit_internal and versions:
        obj["mainFile"] = file(ctx, versions[0])
        obj["auxiliaryFile"] = [file(ctx, version) for version in versions[1:]]
        if not obj["auxiliaryFile"]:
            del obj["auxiliaryFile"]
    return obj


def group(rows: list[Any], key: str) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped
