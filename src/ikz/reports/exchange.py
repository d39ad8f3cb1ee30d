"""Status reports in the exchange file: drafts with their shaping, and every published
version with its frozen content and the bytes of every format (base64), so that an imported
cooperation shows exactly the documents that were sent out.

A draft hides items by key ("point:12", "meeting:3"). Keys naming an object of the file
(agenda item, meeting, point, body, project, survey) are written with that object's number
and read back to the new object; keys of other objects (stage changes, council decisions,
deadlines) have no number in the file and are left out, so such an item shows again in the
imported draft.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from ikz.cooperation.models import Body, Cooperation
from ikz.exchange.fields import Record, create, iso_date, records, validation_message
from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs
from ikz.inputs import parse_key
from ikz.meetings.models import AgendaItem, Meeting, Point
from ikz.projects.models import Project
from ikz.reports import services
from ikz.reports.models import ReportVersion, StatusReport
from ikz.reports.renderers import FORMATS
from ikz.surveys.models import Survey

NAME = "status_reports"
REPORT_KEYS = (
    "period_start",
    "period_end",
    "audience",
    "title",
    "introduction",
    "remarks",
    "section_order",
    "hidden_sections",
    "hidden_keys",
    "state",
    "versions",
)
VERSION_KEYS = ("number", "published_at", "audience", "title", "content", "files", "sha256")
KEY_MODELS: dict[str, type[Model]] = {
    "agenda": AgendaItem,
    "meeting": Meeting,
    "point": Point,
    "body": Body,
    "project": Project,
    "survey": Survey,
}


def _export_keys(keys: list[str], cooperation: Cooperation, ids: ExportIds) -> list[str]:
    wanted: dict[str, set[int]] = {}
    for key in keys:
        kind, _sep, pk = str(key).partition(":")
        if kind in KEY_MODELS and (number := parse_key(pk)) is not None:
            wanted.setdefault(kind, set()).add(number)
    found = {
        (kind, obj.pk): obj
        for kind, pks in wanted.items()
        for obj in KEY_MODELS[kind].objects.filter(cooperation=cooperation, pk__in=pks)  # type: ignore[attr-defined]
    }
    exported = []
    for key in keys:
        kind, _sep, pk = str(key).partition(":")
        obj = found.get((kind, parse_key(pk))) if kind in KEY_MODELS else None
        if obj is not None:
            exported.append(f"{kind}:{ids.of(obj)}")
    return exported


def _version_dict(version: ReportVersion) -> dict[str, Any]:
    files = {fmt: base64.b64encode(version.data(fmt)).decode("ascii") for fmt in FORMATS}
    return {
        "number": version.number,
        "published_at": version.published_at.isoformat(),
        "audience": version.audience,
        "title": version.title,
        "content": version.content,
        "files": files,
        "sha256": {fmt: hashlib.sha256(version.data(fmt)).hexdigest() for fmt in FORMATS},
    }


def export_section(*, cooperation: Cooperation, ids: ExportIds) -> list[dict[str, Any]]:
    reports = list(
        StatusReport.objects.filter(cooperation=cooperation)
        .prefetch_related("versions")
        .order_by("period_start", "audience", "pk")
    )
    return [
        {
            "period_start": iso_date(report.period_start),
            "period_end": iso_date(report.period_end),
            "audience": report.audience,
            "title": report.title,
            "introduction": report.introduction,
            "remarks": report.remarks,
            "section_order": list(report.section_order or []),
            "hidden_sections": list(report.hidden_sections or []),
            "hidden_keys": _export_keys(list(report.hidden_keys or []), cooperation, ids),
            "state": report.state,
            "versions": [
                _version_dict(v) for v in sorted(report.versions.all(), key=lambda v: v.number)
            ],
        }
        for report in reports
    ]


def _strings(record: Record, key: str) -> list[str]:
    value = record.raw(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ExchangeError(_("Erwartet wird eine Liste von Texten."), path=record.at(key))
    return list(value)


def _import_keys(record: Record, refs: ImportRefs) -> list[str]:
    keys = []
    for index, key in enumerate(_strings(record, "hidden_keys")):
        kind, _sep, number = key.partition(":")
        path = f"{record.at('hidden_keys')}[{index}]"
        if kind not in KEY_MODELS or not (number.isascii() and number.isdigit()):
            raise ExchangeError(
                _("„%(key)s“ ist kein Schlüssel eines Eintrags.") % {"key": key}, path=path
            )
        obj = refs.get(KEY_MODELS[kind], int(number), path=path)
        keys.append(f"{kind}:{obj.pk}")
    return keys


def _day(record: Record, key: str) -> dt.date:
    value = record.date(key)
    if value is None:
        raise ExchangeError(_("Das Datum fehlt."), path=record.at(key))
    return value


def _published_at(record: Record) -> dt.datetime:
    value = record.datetime("published_at", required=True)
    assert value is not None  # required
    return value


def _files(record: Record) -> dict[str, bytes]:
    files, sums = record.raw("files", required=True), record.raw("sha256") or {}
    if not isinstance(files, dict) or set(files) != set(FORMATS):
        raise ExchangeError(
            _("Erwartet werden die Dateien %(formats)s.") % {"formats": ", ".join(FORMATS)},
            path=record.at("files"),
        )
    decoded = {}
    for fmt in FORMATS:
        try:
            decoded[fmt] = base64.b64decode(files[fmt], validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise ExchangeError(
                _("Die Datei ist nicht Base64-kodiert."), path=f"{record.at('files')}.{fmt}"
            ) from None
        expected = sums.get(fmt) if isinstance(sums, dict) else None
        if expected is not None and hashlib.sha256(decoded[fmt]).hexdigest() != expected:
            raise ExchangeError(
                _("Die Prüfsumme der eingefrorenen Datei stimmt nicht."),
                path=f"{record.at('files')}.{fmt}",
            )
    return decoded


def import_section(*, cooperation: Cooperation, data: Any, refs: ImportRefs) -> None:
    for record in records(data or [], NAME, keys=REPORT_KEYS):
        report = StatusReport(
            cooperation=cooperation,
            period_start=_day(record, "period_start"),
            period_end=_day(record, "period_end"),
            audience=record.choice(
                "audience", StatusReport.Audience, default=StatusReport.Audience.INTERNAL
            ),
            title=record.text("title"),
            introduction=record.text("introduction"),
            remarks=record.text("remarks"),
            section_order=_strings(record, "section_order"),
            hidden_sections=_strings(record, "hidden_sections"),
            hidden_keys=_import_keys(record, refs),
            state=record.choice("state", StatusReport.State, default=StatusReport.State.DRAFT),
        )
        try:
            services.validate_report(report)  # the same rules as creating one on the page
        except ValidationError as error:
            raise validation_message(error, record.path) from None
        create(report, path=record.path)
        versions = records(record.raw("versions") or [], record.at("versions"), keys=VERSION_KEYS)
        if report.state == StatusReport.State.PUBLISHED and not versions:
            raise ExchangeError(
                _("Ein veröffentlichter Bericht braucht mindestens eine Version."),
                path=record.at("versions"),
            )
        for row in versions:
            content = row.raw("content", required=True)
            if not isinstance(content, dict):
                raise ExchangeError(_("Der Inhalt muss ein Objekt sein."), path=row.at("content"))
            files = _files(row)
            create(
                ReportVersion(
                    cooperation=cooperation,
                    report=report,
                    number=row.integer("number", minimum=1) or 0,
                    published_at=_published_at(row),
                    audience=row.choice("audience", StatusReport.Audience, default=report.audience),
                    title=row.text("title", required=True),
                    content=content,
                    **files,
                ),
                path=row.path,
            )
