"""Open data: public meetings, decisions and projects as CSV and JSON, under the licence the
coordinator chose. Rows come from the apps' selectors with the public access only."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.accounts.access import Access
from ikz.dates import PartialDate
from ikz.meetings.models import Meeting, Point
from ikz.meetings.selectors import visible_meetings
from ikz.portal.services import settings_of
from ikz.projects.selectors import readable_points, visible_projects

FORMATS = ("csv", "json")
Row = dict[str, Any]


def meeting_rows(access: Access) -> list[Row]:
    meetings = (
        visible_meetings(access=access)
        .select_related("body", "location", "location__municipality")
        .order_by("date", "start_time", "pk")
    )
    return [
        {
            "id": m.pk,
            "titel": m.heading,
            "gremium": m.body.name,
            "datum": PartialDate(m.date, m.date_precision).iso(),
            "beginn": m.start_time.strftime("%H:%M") if m.start_time else "",
            "ende": m.end_time.strftime("%H:%M") if m.end_time else "",
            "ort": m.location.name if m.location else "",
            "status": str(m.get_state_display()),
            "protokoll_veroeffentlicht": m.state == Meeting.State.MINUTES_PUBLISHED,
            "url": reverse("portal:meeting", args=[access.cooperation.slug, m.pk]),
        }
        for m in meetings
    ]


def decision_rows(access: Access) -> list[Row]:
    published = visible_meetings(access=access).filter(state=Meeting.State.MINUTES_PUBLISHED)
    points = list(
        Point.objects.filter(
            cooperation=access.cooperation, kind=Point.Kind.DECISION, meeting__in=published
        )
        .select_related("meeting", "meeting__body", "agenda_item")
        .order_by("meeting__date", "meeting_id", "position", "pk")
    )
    readable = readable_points(access, points)
    return [
        {
            "id": p.pk,
            "beschluss": p.text,
            "sitzung": p.meeting.heading,
            "gremium": p.meeting.body.name,
            "datum": PartialDate(p.meeting.date, p.meeting.date_precision).iso(),
            "tagesordnungspunkt": p.agenda_item.title if p.agenda_item else "",
            "url": reverse("portal:meeting", args=[access.cooperation.slug, p.meeting_id])
            + f"#point-{p.pk}",
        }
        for p in points
        if p.pk in readable
    ]


def project_rows(access: Access) -> list[Row]:
    projects = (
        visible_projects(access=access)
        .select_related("field", "lead_body", "lead_municipality")
        .order_by("title")
    )
    return [
        {
            "id": p.pk,
            "titel": p.title,
            "phase": str(p.get_stage_display()),
            "phase_schluessel": p.stage,
            "handlungsfeld": p.field.name if p.field else "",
            "federfuehrendes_gremium": p.lead_body.name if p.lead_body else "",
            "federfuehrende_kommune": p.lead_municipality.name if p.lead_municipality else "",
            "beschreibung": p.description,
            "zuletzt_geaendert": timezone.localtime(p.updated_at).date().isoformat(),
            "url": reverse("portal:project", args=[access.cooperation.slug, p.pk]),
        }
        for p in projects
    ]


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Any
    description: Any
    rows: Callable[[Access], list[Row]]


DATASETS = [
    Dataset(
        "sitzungen",
        _("Öffentliche Sitzungen"),
        _("Alle öffentlichen Sitzungen mit Gremium, Datum, Ort und Stand des Protokolls."),
        meeting_rows,
    ),
    Dataset(
        "beschluesse",
        _("Beschlüsse"),
        _("Die Beschlüsse aus veröffentlichten Protokollen öffentlicher Sitzungen."),
        decision_rows,
    ),
    Dataset(
        "vorhaben",
        _("Öffentliche Kooperationsvorhaben"),
        _("Die öffentlichen Vorhaben mit Phase, Handlungsfeld und Federführung."),
        project_rows,
    ),
]
BY_NAME = {dataset.name: dataset for dataset in DATASETS}


def _csv(rows: list[Row]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: ("ja" if v is True else "nein" if v is False else v) for k, v in row.items()}
            )
    return out.getvalue()


def download(*, access: Access, name: str, fmt: str, base_url: str) -> HttpResponse:
    """The dataset as a file; ``base_url`` ("https://host") makes the links absolute."""
    dataset = BY_NAME.get(name)
    if dataset is None or fmt not in FORMATS:
        raise Http404
    rows = [{**row, "url": base_url + row["url"]} for row in dataset.rows(access)]
    portal = settings_of(access.cooperation)
    attribution = portal.attribution or access.cooperation.name
    filename = f"{access.cooperation.slug}-{dataset.name}.{fmt}"
    if fmt == "json":
        body = json.dumps(
            {
                "titel": str(dataset.title),
                "herausgeber": attribution,
                "lizenz": portal.licence,
                "lizenz_url": portal.licence_url,
                "stand": timezone.localtime().isoformat(timespec="seconds"),
                "daten": rows,
            },
            ensure_ascii=False,
            indent=2,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{portal.licence_url}>; rel="license"'
    return response
