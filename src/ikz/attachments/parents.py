"""The kinds of object an attachment can hang on, and who may read each.

To attach files to a new kind: add a nullable foreign key to ``Attachment``
(and its name to ``PARENT_FIELDS``), then one ``ParentKind`` here with the URL parameter, the
readable objects for an ``Access`` and the page to return to. Views, forms, lists and checks
need nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.accounts.access import Access
from ikz.agreements import selectors as agreement_selectors
from ikz.cooperation.models import Body
from ikz.cooperation.selectors import visible_bodies
from ikz.meetings import selectors as meeting_selectors
from ikz.meetings.models import AgendaItem, Meeting
from ikz.projects import selectors as project_selectors
from ikz.projects.models import Project


@dataclass(frozen=True)
class ParentKind:
    field: str  # the foreign key on Attachment
    param: str  # the German URL parameter: ?sitzung=12
    label: Any
    readable: Callable[[Access], QuerySet[Any]]
    page: Callable[[Access, Any], str]

    def label_of(self, obj: Model) -> str:
        return str(obj)


def _meeting_page(access: Access, meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[access.cooperation.slug, meeting.pk]) + "#anhaenge"


def _item_page(access: Access, item: AgendaItem) -> str:
    url = reverse("meetings:detail", args=[access.cooperation.slug, item.meeting_id])
    return f"{url}#anhaenge"


def _readable_items(access: Access) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(
        cooperation=access.cooperation,
        meeting__in=meeting_selectors.visible_meetings(access=access),
    )


PARENTS: dict[str, ParentKind] = {
    kind.field: kind
    for kind in (
        ParentKind(
            "meeting",
            "sitzung",
            _("Sitzung"),
            lambda access: meeting_selectors.visible_meetings(access=access).select_related("body"),
            _meeting_page,
        ),
        ParentKind(
            "agenda_item",
            "top",
            _("Tagesordnungspunkt"),
            _readable_items,
            _item_page,
        ),
        ParentKind(
            "project",
            "vorhaben",
            _("Vorhaben"),
            lambda access: project_selectors.visible_projects(access=access),
            lambda access, project: reverse(
                "projects:detail", args=[access.cooperation.slug, project.pk]
            )
            + "#anhaenge",
        ),
        ParentKind(
            "body",
            "gremium",
            _("Gremium"),
            lambda access: visible_bodies(access=access),
            lambda access, body: reverse(
                "cooperation:body_detail", args=[access.cooperation.slug, body.pk]
            )
            + "#anhaenge",
        ),
        ParentKind(
            "agreement",
            "vereinbarung",
            _("Vereinbarung"),
            # Coordinators, members of a partner (or the performing) municipality, and
            # everyone once the agreement is published: whoever may read the agreement.
            lambda access: agreement_selectors.visible_agreements(access=access),
            lambda access, agreement: reverse(
                "agreements:detail", args=[access.cooperation.slug, agreement.pk]
            )
            + "#anhaenge",
        ),
    )
}


def parent_of(attachment: Any) -> tuple[ParentKind, int]:
    for kind in PARENTS.values():
        pk = getattr(attachment, f"{kind.field}_id")
        if pk is not None:
            return kind, pk
    raise LookupError("attachment without parent")


__all__ = ["PARENTS", "Body", "ParentKind", "Project", "parent_of"]
