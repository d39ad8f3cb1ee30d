"""Keeps the OParl ledger (``Stamp``) current, in the same transaction as every change.

For each saved or deleted object the ledger stamps the object and the objects whose OParl
representation shows it (a meeting embeds its agenda items and location, a person their
memberships, an organisation its membership list): ``modified`` becomes now. Before and after
every change it also notes which of these objects are public at that moment
(``was_public``); an object that was public and no longer is (deleted, made internal,
consent withdrawn) is listed as a tombstone with ``deleted: true``.

Objects that existed before the ledger, or were written in bulk without signals, get a stamp
the first time something touches them; until then ``created``/``modified`` fall back to the
cooperation's creation time (``ikz.oparl.serializers.stamps_for``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from ikz.attachments.models import Attachment, AttachmentVersion
from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person
from ikz.meetings.models import AgendaItem, Meeting
from ikz.oparl.models import Stamp
from ikz.oparl.public import public_queryset
from ikz.reports.models import ReportVersion, StatusReport

Groups = list[tuple[str, list[int]]]


def _ids(queryset: models.QuerySet[Any]) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def _body(obj: Body) -> Groups:
    return [
        ("organization", [obj.pk]),
        ("membership", _ids(Membership.objects.filter(body_id=obj.pk))),
    ]


def _person(obj: Person) -> Groups:
    return [
        ("person", [obj.pk]),
        ("membership", _ids(Membership.objects.filter(person_id=obj.pk))),
    ]


def _membership(obj: Membership) -> Groups:
    return [
        ("membership", [obj.pk]),
        ("person", [obj.person_id]),
        ("organization", [obj.body_id]),
    ]


def _meeting(obj: Meeting) -> Groups:
    groups: Groups = [
        ("meeting", [obj.pk]),
        ("agendaitem", _ids(AgendaItem.objects.filter(meeting_id=obj.pk))),
    ]
    if obj.location_id is not None:
        groups.append(("location", [obj.location_id]))
    return groups


def _agenda_item(obj: AgendaItem) -> Groups:
    return [("agendaitem", [obj.pk]), ("meeting", [obj.meeting_id])]


def _location(obj: Location) -> Groups:
    return [
        ("location", [obj.pk]),
        ("meeting", _ids(Meeting.objects.filter(location_id=obj.pk))),
    ]


def _report(obj: StatusReport) -> Groups:
    return [("paper", [obj.pk]), ("file", _ids(ReportVersion.objects.filter(report_id=obj.pk)))]


def _version(obj: ReportVersion) -> Groups:
    return [("file", [obj.pk]), ("paper", [obj.report_id])]


def _attachment(obj: Attachment) -> Groups:
    """An attachment is a File embedded in its meeting or agenda item (and so the meeting)."""
    groups: Groups = [("attachment", [obj.pk])]
    if obj.meeting_id is not None:
        groups.append(("meeting", [obj.meeting_id]))
    if obj.agenda_item_id is not None:
        meeting_ids = list(
            AgendaItem.objects.filter(pk=obj.agenda_item_id).values_list("meeting_id", flat=True)
        )
        groups += [("agendaitem", [obj.agenda_item_id]), ("meeting", meeting_ids)]
    return groups


def _attachment_version(obj: AttachmentVersion) -> Groups:
    attachment = Attachment.objects.filter(pk=obj.attachment_id).first()
    return _attachment(attachment) if attachment is not None else []


TRACKED: dict[type[models.Model], Callable[[Any], Groups]] = {
    Cooperation: lambda obj: [("body", [obj.pk])],
    Municipality: lambda obj: [("municipality", [obj.pk])],
    Body: _body,
    Person: _person,
    Membership: _membership,
    Meeting: _meeting,
    AgendaItem: _agenda_item,
    Location: _location,
    StatusReport: _report,
    ReportVersion: _version,
    Attachment: _attachment,
    AttachmentVersion: _attachment_version,
}


def _cooperation(obj: models.Model) -> Cooperation | None:
    if isinstance(obj, Cooperation):
        return obj
    # Most saves come with their cooperation already loaded (a service or factory passed it):
    # only its pk and creation time are read here, and neither changes.
    cached = obj._state.fields_cache.get("cooperation")
    if isinstance(cached, Cooperation):
        return cached
    return Cooperation.objects.filter(pk=obj.cooperation_id).first()  # type: ignore[attr-defined]


def _stamp(
    cooperation: Cooperation, kind: str, ids: list[int], *, created: Any, modified: Any | None
) -> None:
    """Make sure every object has its stamp; with ``modified``, also set it to that time.

    One statement either way: an INSERT that skips existing stamps, or (with ``modified``) an
    upsert that moves only their ``modified`` (``created`` and ``was_public`` stay). The unique
    (kind, object_id) constraint is what both rely on.
    """
    rows = [
        Stamp(
            cooperation_id=cooperation.pk,
            kind=kind,
            object_id=object_id,
            created=created,
            modified=modified or created,
        )
        for object_id in sorted(set(ids))
    ]
    if modified is None:
        Stamp.objects.bulk_create(rows, ignore_conflicts=True)
    else:
        Stamp.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=["modified"],
        )


def _mark_public(cooperation: Cooperation, kind: str, ids: list[int]) -> None:
    public = public_queryset(kind, cooperation).filter(pk__in=ids).values("pk")
    Stamp.objects.filter(kind=kind, object_id__in=public, was_public=False).update(was_public=True)


def record(obj: models.Model, *, phase: str, created: bool = False) -> None:
    """Stamp ``obj`` and the objects that show it; ``phase`` is "before" or "after" a change."""
    cooperation = _cooperation(obj)
    if obj.pk is None or cooperation is None:
        return
    now = timezone.now()
    for index, (kind, ids) in enumerate(TRACKED[type(obj)](obj)):
        ids = [object_id for object_id in ids if object_id is not None]
        if not ids:
            continue
        # The first group is the object itself: new objects are created now.
        first_seen = now if created and index == 0 else cooperation.created_at
        _stamp(
            cooperation, kind, ids, created=first_seen, modified=now if phase == "after" else None
        )
        _mark_public(cooperation, kind, ids)


def _pre_save(*, instance: models.Model, **kwargs: Any) -> None:
    if instance.pk is not None and not kwargs.get("raw"):
        record(instance, phase="before")


def _post_save(*, instance: models.Model, created: bool, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        record(instance, phase="after", created=created)


def _pre_delete(*, instance: models.Model, **kwargs: Any) -> None:
    if not isinstance(instance, Cooperation):
        record(instance, phase="before")


def _post_delete(*, instance: models.Model, **kwargs: Any) -> None:
    if isinstance(instance, Cooperation):
        # Deleting a cooperation deletes its rows first (their signals stamp them), then the
        # cooperation itself: its whole ledger goes with it.
        Stamp.objects.filter(cooperation_id=instance.pk).delete()
        return
    record(instance, phase="after")


def connect() -> None:
    for model in TRACKED:
        uid = f"oparl-{model.__name__}"
        pre_save.connect(_pre_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_post_save, sender=model, dispatch_uid=f"{uid}-post-save")
        pre_delete.connect(_pre_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_post_delete, sender=model, dispatch_uid=f"{uid}-post-delete")
