"""The JSON form of a report's content: the frozen snapshot of a published version.

Kept apart from ``ikz.reports.content`` (the data types) so that each stays short; a new item
type needs its dataclass there and its two cases here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.dates import PartialDate
from ikz.reports.content import (
    SCHEMA_VERSION,
    BodyStatus,
    GoalsBlock,
    Item,
    MeetingBlock,
    OutlookItem,
    PointItem,
    ProjectChange,
    ProjectStatus,
    Report,
    Section,
    TextBlock,
    TitleBlock,
)

# --- JSON ---------------------------------------------------------------------------------------


def _date_out(value: PartialDate | None) -> dict[str, str] | None:
    return (
        None if value is None else {"value": value.value.isoformat(), "precision": value.precision}
    )


def _date_in(data: dict[str, str] | None) -> PartialDate | None:
    if data is None:
        return None
    return PartialDate(dt.date.fromisoformat(data["value"]), data["precision"])


def _point_out(point: PointItem) -> dict[str, Any]:
    return {
        "key": point.key,
        "text": point.text,
        "kind": point.kind,
        "owner": point.owner,
        "due": _date_out(point.due),
        "marker": point.marker,  # derived; the PDF template prints it as it is
        "children": [_point_out(child) for child in point.children],
    }


def _point_in(data: dict[str, Any]) -> PointItem:
    return PointItem(
        key=data["key"],
        text=data["text"],
        kind=data.get("kind", "information"),
        children=tuple(_point_in(child) for child in data.get("children", [])),
        owner=data.get("owner", ""),
        due=_date_in(data.get("due")),
    )


def _item_out(item: Item) -> dict[str, Any]:
    if isinstance(item, PointItem):
        return {"type": "point", **_point_out(item)}
    if isinstance(item, MeetingBlock):
        return {
            "type": "meeting",
            "key": item.key,
            "date": _date_out(item.date),
            "heading": item.heading,
            "place": item.place,
            "points": [_point_out(point) for point in item.points],
        }
    if isinstance(item, BodyStatus):
        return {
            "type": "body",
            "key": item.key,
            "body": item.body,
            "text": item.text,
            "note": item.note,
        }
    if isinstance(item, ProjectChange):
        return {
            "type": "project",
            "key": item.key,
            "date": _date_out(item.date),
            "project": item.project,
            "text": item.text,
        }
    if isinstance(item, ProjectStatus):
        fields = ("key", "project", "stage", "lead", "next")
        status = {"type": "status", **{name: getattr(item, name) for name in fields}}
        return {**status, "next_when": _date_out(item.next_when), "next_line": item.next_line}
    if isinstance(item, OutlookItem):
        return {
            "type": "outlook",
            "key": item.key,
            "when": _date_out(item.when),
            "text": item.text,
            "owner": item.owner,
            "line": item.line,
        }
    if isinstance(item, GoalsBlock):
        return {
            "type": "goals",
            "key": item.key,
            "heading": item.heading,
            "goals": list(item.goals),
            "link": item.link,
        }
    return {"type": "text", "key": item.key, "text": item.text}


def _item_in(data: dict[str, Any]) -> Item:
    kind = data["type"]
    if kind == "point":
        return _point_in(data)
    if kind == "meeting":
        date = _date_in(data["date"])
        assert date is not None
        return MeetingBlock(
            key=data["key"],
            date=date,
            heading=data["heading"],
            place=data.get("place", ""),
            points=tuple(_point_in(point) for point in data.get("points", [])),
        )
    if kind == "body":
        return BodyStatus(key=data["key"], body=data["body"], text=data["text"], note=data["note"])
    if kind == "project":
        return ProjectChange(
            key=data["key"], date=_date_in(data["date"]), project=data["project"], text=data["text"]
        )
    if kind == "status":
        fields = ("key", "project", "stage", "lead", "next")
        return ProjectStatus(
            **{name: data[name] for name in fields}, next_when=_date_in(data["next_when"])
        )
    if kind == "outlook":
        return OutlookItem(
            key=data["key"],
            when=_date_in(data["when"]),
            text=data["text"],
            owner=data.get("owner", ""),
        )
    if kind == "goals":
        return GoalsBlock(
            key=data["key"], heading=data["heading"], goals=tuple(data["goals"]), link=data["link"]
        )
    if kind == "text":
        return TextBlock(key=data["key"], text=data["text"])
    raise ValueError(f"Unbekannter Inhaltstyp „{kind}“.")


def report_to_json(report: Report) -> dict[str, Any]:
    title = report.title
    return {
        "schema": SCHEMA_VERSION,
        "title": {
            "cooperation": title.cooperation,
            "process_title": title.process_title,
            "title": title.title,
            "period_label": title.period_label,
            "issued_on": title.issued_on.isoformat(),
            "organisation": title.organisation,
            "audience": title.audience,
            "subtitle": title.subtitle,
            "address": title.address,
            "accent": title.accent,
        },
        "sections": [
            {
                "kind": section.kind,
                "heading": section.heading,
                "items": [_item_out(item) for item in section.items],
            }
            for section in report.sections
        ],
    }


def report_from_json(data: dict[str, Any]) -> Report:
    title = data["title"]
    return Report(
        title=TitleBlock(
            cooperation=title["cooperation"],
            process_title=title["process_title"],
            title=title["title"],
            period_label=title["period_label"],
            issued_on=dt.date.fromisoformat(title["issued_on"]),
            organisation=title["organisation"],
            audience=title["audience"],
            subtitle=title.get("subtitle", ""),
            address=title.get("address", ""),
            accent=title.get("accent", ""),
        ),
        sections=tuple(
            Section(
                kind=section["kind"],
                heading=section["heading"],
                items=tuple(_item_in(item) for item in section["items"]),
            )
            for section in data["sections"]
        ),
    )
