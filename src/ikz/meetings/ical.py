"""iCalendar (RFC 5545) files for meetings: one meeting, a feed, an invitation.

Built with the ``icalendar`` library, never by string templates, so that folding, escaping and
the VTIMEZONE are right. Rules:

- UID is ``<meeting.uid>@ikz-cockpit`` and never changes; SEQUENCE is ``meeting.sequence``,
  which the meeting services raise on every change, so calendar apps replace the old entry.
- Times are local times in Europe/Berlin (``DTSTART;TZID=Europe/Berlin``) with the VTIMEZONE in
  the file; a meeting with a day but no time is an all-day event (``VALUE=DATE``).
- A meeting known only to the month ("01/2020: Workshop Bibliothek") has no date a calendar
  could show: it is left out of every calendar (``in_calendar`` is False).
- A cancelled meeting stays in the feed with ``STATUS:CANCELLED``, so subscribers see it go.

Callers pass meetings with ``body``, ``location`` (and its municipality) and ``agenda_items``
loaded (``select_related``/``prefetch_related``); nothing here queries the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.dates import Precision
from ikz.meetings.models import AgendaItem, Meeting

PRODID = "-//IKZ-Cockpit//Sitzungskalender//DE"
UID_DOMAIN = "ikz-cockpit"
TZID = "Europe/Berlin"


def in_calendar(meeting: Meeting) -> bool:
    """Only meetings with a known day can be calendar entries."""
    return meeting.date_precision == Precision.DAY


def event_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@{UID_DOMAIN}"


def meeting_url(meeting: Meeting, *, site_url: str) -> str:
    """The absolute address of the meeting page."""
    path = reverse("meetings:detail", args=[meeting.cooperation.slug, meeting.pk])
    return f"{site_url.rstrip('/')}{path}"


def location_text(meeting: Meeting) -> str:
    """ "Rathaus Großpösna, Im Rittergut 1, 04463 Großpösna" (with the host if not named)."""
    location = meeting.location
    if location is None:
        return ""
    parts = [location.name]
    if location.address:
        parts.append(location.address)
    host = location.municipality.name if location.municipality is not None else ""
    if host and not any(host in part for part in parts):
        parts.append(host)
    return ", ".join(parts)


def agenda_lines(items: Iterable[AgendaItem]) -> list[str]:
    """Numbered outline of the agenda: "1. Begrüßung", "   2.1 Bauhof", in tree order."""
    children: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    for siblings in children.values():
        siblings.sort(key=lambda item: (item.position, item.pk))
    lines: list[str] = []

    def walk(parent_id: int | None, prefix: str, depth: int) -> None:
        for index, item in enumerate(children.get(parent_id, []), start=1):
            number = f"{prefix}{index}"
            lines.append(f"{'   ' * depth}{number}. {item.title}")
            walk(item.pk, f"{number}.", depth + 1)

    walk(None, "", 0)
    return lines


def description_text(meeting: Meeting, *, url: str) -> str:
    parts: list[str] = []
    if meeting.description:
        parts.append(meeting.description.strip())
    agenda = agenda_lines(meeting.agenda_items.all())
    if agenda:
        parts.append(_("Tagesordnung:\n") + "\n".join(agenda))
    parts.append(_("Weitere Informationen: %(url)s") % {"url": url})
    return "\n\n".join(parts)


def _status(meeting: Meeting) -> str:
    if meeting.state == Meeting.State.CANCELLED:
        return "CANCELLED"
    if meeting.state == Meeting.State.PLANNED:
        return "TENTATIVE"  # date set, invitations not yet sent
    return "CONFIRMED"


def meeting_event(meeting: Meeting, *, site_url: str) -> icalendar.Event:
    """The VEVENT of one meeting; raises ValueError for a month-precision meeting."""
    if not in_calendar(meeting):
        raise ValueError(
            _("Eine nur auf den Monat genau geplante Sitzung hat keinen Kalendertermin.")
        )
    url = meeting_url(meeting, site_url=site_url)
    event = icalendar.Event()
    event.add("uid", event_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at.astimezone(dt.UTC))
    event.add("created", meeting.created_at.astimezone(dt.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(dt.UTC))
    event.add("summary", meeting.heading)
    starts_at = meeting.starts_at
    if starts_at is None:
        event.start = meeting.date
        event.end = meeting.date + dt.timedelta(days=1)  # DTEND of a whole day is exclusive
    else:
        event.start = starts_at
        if meeting.ends_at is not None:
            event.end = meeting.ends_at
    location = location_text(meeting)
    if location:
        event.add("location", location)
    event.add("description", description_text(meeting, url=url))
    event.add("url", url)
    event.add("status", _status(meeting))
    event.add("class", "PUBLIC" if meeting.is_public else "PRIVATE")
    event.add("categories", [meeting.body.label])
    return event


def new_calendar(*, name: str, method: str = "PUBLISH") -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.calendar_name = name
    calendar.add("x-wr-calname", name)  # the name Apple and Google show
    calendar.add("x-wr-timezone", TZID)
    return calendar


def _add_events(calendar: icalendar.Calendar, events: list[icalendar.Event]) -> None:
    """Add the VTIMEZONE first (some clients want it before its use), then the events."""
    timed = [event.start for event in events if isinstance(event.start, dt.datetime)]
    if timed:
        first = min(timed).date().replace(month=1, day=1)
        last = max(timed).date().replace(month=12, day=31) + dt.timedelta(days=1)
        calendar.add_component(icalendar.Timezone.from_tzid(TZID, first_date=first, last_date=last))
    for event in events:
        calendar.add_component(event)


def calendar_for(meetings: Iterable[Meeting], *, name: str, site_url: str) -> bytes:
    """A feed (METHOD:PUBLISH) of the meetings with a known day; the others are left out."""
    calendar = new_calendar(name=name)
    events = [meeting_event(m, site_url=site_url) for m in meetings if in_calendar(m)]
    _add_events(calendar, events)
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    feed: bytes = calendar.to_ical()
    return feed


def invitation_calendar(
    meeting: Meeting,
    *,
    site_url: str,
    organizer_email: str,
    organizer_name: str,
    attendee_email: str,
    attendee_name: str,
) -> bytes:
    """An iTIP request (RFC 5546, METHOD:REQUEST) for one recipient of an invitation mail."""
    event = meeting_event(meeting, site_url=site_url)
    organizer = icalendar.vCalAddress(f"mailto:{organizer_email}")
    organizer.params["cn"] = icalendar.vText(organizer_name)
    event.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{attendee_email}")
    attendee.params["cn"] = icalendar.vText(attendee_name)
    attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = icalendar.vText("NEEDS-ACTION")
    attendee.params["rsvp"] = icalendar.vText("FALSE")
    event.add("attendee", attendee)
    calendar = new_calendar(name=meeting.heading, method="REQUEST")
    _add_events(calendar, [event])
    invitation: bytes = calendar.to_ical()
    return invitation
