"""A cooperation full of searchable things, each carrying the word "Zauberwort", with a
label per object so that tests can state by hand which of them each role finds."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from ikz.accounts.access import Access
from ikz.cooperation.access import access_for
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Meeting, Point
from ikz.meetings.services_minutes import task_create
from ikz.reports.models import ReportVersion, StatusReport
from ikz.search.selectors import Filters, search
from ikz.surveys.models import Survey
from tests.conftest import World, client_for
from tests.factories import PersonFactory
from tests.meetings.factories import meeting, points, published
from tests.projects.helpers import project

Label = str
Key = tuple[str, int]  # (kind, object id)


def version(world: World, *, audience: str, title: str) -> ReportVersion:
    report = StatusReport.objects.create(
        cooperation=world.cooperation,
        period_start=dt.date(2019, 12, 1),
        period_end=dt.date(2019, 12, 31),
        audience=audience,
        state=StatusReport.State.PUBLISHED,
    )
    return ReportVersion.objects.create(
        cooperation=world.cooperation,
        report=report,
        number=1,
        published_at=timezone.now(),
        audience=audience,
        title=title,
        content={},
        md=f"# {title}\n\nDer Bericht zum Zauberwort.".encode(),
        html=b"",
        pdf=b"%PDF-1.4 test",
        docx=b"",
        pptx=b"",
    )


def populate(world: World) -> dict[Label, Key]:
    """Every kind, in every visibility state that matters; returns {label: (kind, id)}."""
    labels: dict[Label, Key] = {}
    forum = published(body=world.public_body, is_public=True, title="Zauberwort Forum")
    labels["meeting public published"] = ("meeting", forum.pk)
    pub, internal = points(forum, "Zauberwort öffentlich"), None
    labels["point public"] = ("point", pub[0].pk)
    internal = meeting_services.point_add(meeting=forum, text="Zauberwort intern", is_internal=True)
    labels["point internal"] = ("point", internal.pk)
    below = meeting_services.point_add(meeting=forum, text="Zauberwort darunter", parent=internal)
    labels["point below internal"] = ("point", below.pk)

    workshop = meeting(body=world.public_body, is_public=True, title="Zauberwort Werkstatt")
    labels["meeting public unpublished"] = ("meeting", workshop.pk)
    (draft,) = points(workshop, "Zauberwort Entwurf")
    labels["point unpublished"] = ("point", draft.pk)
    item = meeting_services.agenda_item_add(meeting=workshop, title="Zauberwort Tagesordnung")
    labels["agenda public"] = ("agenda_item", item.pk)

    own = published(body=world.member_body, title="Zauberwort Bauhofrunde")
    labels["meeting member body"] = ("meeting", own.pk)
    (own_point,) = points(own, "Zauberwort Mitgliederpunkt")
    labels["point member body"] = ("point", own_point.pk)
    own_internal = meeting_services.point_add(
        meeting=own, text="Zauberwort Mitglied intern", is_internal=True
    )
    labels["point member body internal"] = ("point", own_internal.pk)

    foreign = published(body=world.internal_body, title="Zauberwort Verwaltungsrunde")
    labels["meeting foreign body"] = ("meeting", foreign.pk)
    (foreign_point,) = points(foreign, "Zauberwort Fremdpunkt")
    labels["point foreign body"] = ("point", foreign_point.pk)
    foreign_item = meeting_services.agenda_item_add(meeting=foreign, title="Zauberwort Geheim")
    labels["agenda foreign body"] = ("agenda_item", foreign_item.pk)

    coop = world.cooperation
    mine = task_create(cooperation=coop, body=world.member_body, title="Zauberwort Aufgabe AG")
    labels["task member body"] = ("task", mine.pk)
    other = task_create(cooperation=coop, body=world.internal_body, title="Zauberwort Aufgabe VA")
    labels["task foreign body"] = ("task", other.pk)

    public_project = project(cooperation=coop, title="Zauberwort Radweg", is_public=True)
    labels["project public"] = ("project", public_project.pk)
    internal_project = project(cooperation=coop, title="Zauberwort Bibliothek")
    labels["project internal"] = ("project", internal_project.pk)

    sent = Survey.objects.create(
        cooperation=coop,
        title="Zauberwort Umfrage",
        status=Survey.Status.OPEN,
        deadline=dt.date(2020, 1, 31),
    )
    labels["survey open"] = ("survey", sent.pk)
    prepared = Survey.objects.create(
        cooperation=coop, title="Zauberwort Vorbereitung", status=Survey.Status.DRAFT
    )
    labels["survey draft"] = ("survey", prepared.pk)

    public_version = version(world, audience="public", title="Zauberwort Bericht öffentlich")
    labels["report public"] = ("report", public_version.pk)
    internal_version = version(world, audience="internal", title="Zauberwort Bericht intern")
    labels["report internal"] = ("report", internal_version.pk)

    person = PersonFactory(cooperation=coop, given_name="Greta", family_name="Zauberwort")
    labels["person"] = ("person", person.pk)
    return labels


def access_of(world: World, role: str) -> Access:
    user = None if role == "anonymous" else getattr(world, role)
    from django.contrib.auth.models import AnonymousUser

    return access_for(user=user or AnonymousUser(), cooperation=world.cooperation)


def found(access: Access, text: str, filters: Filters | None = None) -> set[Key]:
    """Every hit, kind by kind (a kind filter pages through all of a kind's results)."""
    filters = filters or Filters()
    overview = search(access=access, text=text, filters=filters)
    keys = set()
    for summary in overview.groups:
        one_kind = Filters(
            kind=summary.kind, body_id=filters.body_id, start=filters.start, end=filters.end
        )
        (group,) = search(access=access, text=text, filters=one_kind).groups
        assert group.count == summary.count == len(group.results), group.kind
        keys |= {(group.kind, _object_id(group.kind, r.hit.url)) for r in group.results}
    return keys


def _object_id(kind: str, url: str) -> int:
    """The object behind a hit's link (points: the anchor; others: the id in the path)."""
    if "#point-" in url:
        return int(url.rsplit("#point-", 1)[1])
    if "#task-" in url:
        return int(url.rsplit("#task-", 1)[1])
    if "#top-" in url:
        return int(url.rsplit("#top-", 1)[1])
    if kind == "report":
        match = re.search(r"/berichte/(\d+)/v(\d+)/", url)
        assert match, url
        report_id, number = (int(group) for group in match.groups())
        return int(ReportVersion.objects.get(report_id=report_id, number=number).pk)
    parts = [p for p in url.split("#")[0].split("/") if p.isdigit()]
    return int(parts[0])


__all__ = ["Meeting", "Point", "access_of", "client_for", "found", "populate"]
