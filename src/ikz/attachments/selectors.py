"""Reads of attachments: only those whose parent the reader may see, internal ones only for
the coordination, always within ``access.cooperation``."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ikz.accounts.access import Access
from ikz.attachments.models import Attachment, AttachmentVersion
from ikz.attachments.parents import PARENTS, ParentKind, parent_of
from ikz.inputs import parse_key


def visible_attachments(*, access: Access) -> QuerySet[Attachment]:
    rows = Attachment.objects.filter(cooperation=access.cooperation)
    if not access.is_coordinator:
        rows = rows.filter(is_internal=False)
        readable = Q(pk__in=[])
        for kind in PARENTS.values():
            readable |= Q(**{f"{kind.field}__in": kind.readable(access).values("pk")})
        rows = rows.filter(readable)
    return rows


def _with_versions(rows: QuerySet[Attachment]) -> QuerySet[Attachment]:
    return rows.prefetch_related(
        Prefetch("versions", queryset=AttachmentVersion.objects.order_by("-number"))
    ).order_by("title", "pk")


def attachments_of(*, access: Access, kind: str, obj: Any) -> list[Attachment]:
    """The attachments of one object (the object itself already read through its selector)."""
    return list(_with_versions(visible_attachments(access=access).filter(**{kind: obj})))


def meeting_attachments(*, access: Access, meeting: Any) -> list[Attachment]:
    """Of the meeting and of its agenda items, one query (plus one for the versions)."""
    rows = visible_attachments(access=access).filter(
        Q(meeting=meeting) | Q(agenda_item__meeting=meeting)
    )
    return list(_with_versions(rows.select_related("agenda_item")))


def meeting_attachment_titles(*, access: Access, meeting: Any) -> dict[int | None, list[str]]:
    """For the invitation and the minutes: titles per agenda item id (None: the meeting)."""
    titles: dict[int | None, list[str]] = defaultdict(list)
    rows = visible_attachments(access=access).filter(
        Q(meeting=meeting) | Q(agenda_item__meeting=meeting)
    )
    for agenda_item_id, title in rows.order_by("title", "pk").values_list(
        "agenda_item_id", "title"
    ):
        titles[agenda_item_id].append(title)
    return titles


def attachment_get(*, access: Access, pk: int) -> Attachment:
    return get_object_or_404(visible_attachments(access=access), pk=pk)


def attachment_for_write(*, access: Access, pk: int) -> Attachment:
    if not access.is_coordinator:
        raise Http404
    return get_object_or_404(Attachment.objects.filter(cooperation=access.cooperation), pk=pk)


def version_get(*, attachment: Attachment, number: int | None = None) -> AttachmentVersion:
    versions = AttachmentVersion.objects.filter(
        attachment=attachment, cooperation=attachment.cooperation_id
    )
    if number is None:
        version = versions.order_by("-number").first()
        if version is None:
            raise Http404
        return version
    return get_object_or_404(versions, number=number)


def parent_for(*, access: Access, params: dict[str, str]) -> tuple[ParentKind, Any]:
    """The parent named in the query (?sitzung=12), read as ``access`` may, else 404."""
    for kind in PARENTS.values():
        value = params.get(kind.param, "")
        if value:
            pk = parse_key(value)
            if pk is None:
                raise Http404
            return kind, get_object_or_404(kind.readable(access), pk=pk)
    raise Http404


def parent_page(*, access: Access, attachment: Attachment) -> str:
    kind, pk = parent_of(attachment)
    obj = get_object_or_404(kind.readable(access), pk=pk)
    return kind.page(access, obj)
