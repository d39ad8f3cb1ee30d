"""The content of a status report as plain, immutable data: what every renderer reads.

The JSON form of a ``Report`` is the frozen snapshot of a published version, so everything a
renderer needs is in here (no database access while rendering). Every item carries a ``key``
("point:12", "meeting:3", "task:7") by which the coordinator can hide it in the editor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ikz.dates import PartialDate, format_partial_date

SCHEMA_VERSION = 1


def document_language() -> translation.override:
    """Reports are written in the site's language (German), whatever the visitor's language.

    The headings end up in frozen versions and mails; a CLI run has no request language at all.
    """
    return translation.override(settings.LANGUAGE_CODE)


class SectionKind:
    INTRODUCTION = "introduction"
    MEETINGS = "meetings"
    GOALS = "goals"
    BODIES = "bodies"
    PROJECTS = "projects"
    AGREEMENTS = "agreements"  # contributed by ikz.agreements (see reports.contributions)
    OUTLOOK = "outlook"
    OVERDUE = "overdue"
    REMARKS = "remarks"

    DEFAULT_ORDER = (
        INTRODUCTION,
        MEETINGS,
        GOALS,
        BODIES,
        PROJECTS,
        AGREEMENTS,
        OUTLOOK,
        OVERDUE,
        REMARKS,
    )
    LABELS = {
        INTRODUCTION: _("Einleitung"),
        MEETINGS: _("Projektstatus (Sitzungen)"),
        GOALS: _("Strategischer Rahmen"),
        BODIES: _("Stand der Gremien"),
        PROJECTS: _("Entwicklung der Vorhaben"),
        AGREEMENTS: _("Vereinbarungen und Kostenabrechnungen"),
        OUTLOOK: _("Ausblick"),
        OVERDUE: _("Aufgaben: offen und überfällig"),
        REMARKS: _("Anmerkungen"),
    }


KIND_LABELS = {
    "information": "",
    "assessment": _("Bewertung"),
    "idea": _("Idee"),
    "decision": _("Beschluss"),
    "not_pursued": _("nicht weiterverfolgt"),
    "task": _("Aufgabe"),
    "good_practice": _("gutes Beispiel"),
}


@dataclass(frozen=True)
class PointItem:
    key: str
    text: str
    kind: str = "information"
    children: tuple[PointItem, ...] = ()
    # A task's owner ("Kleinroda") and due date, printed with its kind.
    owner: str = ""
    due: PartialDate | None = None

    @property
    def detail(self) -> str:
        """ "Kleinroda, bis 15.08.2024", "bis 01/2020" or "Kleinroda"; empty without either."""
        parts = [self.owner] if self.owner else []
        if self.due is not None:
            parts.append(str(_("bis %(date)s") % {"date": format_partial_date(self.due)}))
        return ", ".join(parts)

    @property
    def marker(self) -> str:
        """ "Aufgabe – Kleinroda, bis 15.08.2024", "Beschluss", "gutes Beispiel" or ""."""
        label = str(KIND_LABELS.get(self.kind, ""))
        detail = self.detail
        if label and detail:
            return f"{label} – {detail}"
        return label or detail


@dataclass(frozen=True)
class MeetingBlock:
    key: str
    date: PartialDate
    heading: str
    place: str = ""
    points: tuple[PointItem, ...] = ()

    @property
    def title(self) -> str:
        """ "05.12.2019 — 2. AG Bauhof in Borsdorf"."""
        return f"{format_partial_date(self.date)} — {self.label}"

    @property
    def label(self) -> str:
        return f"{self.heading} in {self.place}" if self.place else self.heading


@dataclass(frozen=True)
class BodyStatus:
    key: str
    body: str
    text: str = ""
    note: str = ""  # "ab 01/2020: Übergang AG Verwaltung in Lenkungsgruppe"

    @property
    def line(self) -> str:
        return f"{self.body}: {self.text}" if self.text else ""


@dataclass(frozen=True)
class ProjectChange:
    key: str
    date: PartialDate | None
    project: str
    text: str

    @property
    def line(self) -> str:
        prefix = f"{format_partial_date(self.date)}: " if self.date else ""
        return f"{prefix}{self.project}: {self.text}"


@dataclass(frozen=True)
class OutlookItem:
    key: str
    when: PartialDate | None
    text: str
    owner: str = ""

    @property
    def line(self) -> str:
        text = f"{self.text} – {self.owner}" if self.owner else self.text
        return f"{format_partial_date(self.when)}: {text}" if self.when else text


@dataclass(frozen=True)
class GoalsBlock:
    key: str
    heading: str
    goals: tuple[str, ...] = ()
    link: str = ""


@dataclass(frozen=True)
class TextBlock:
    key: str
    text: str

    @property
    def paragraphs(self) -> list[str]:
        return [
            part.strip() for part in self.text.replace("\r\n", "\n").split("\n\n") if part.strip()
        ]


Item = PointItem | MeetingBlock | BodyStatus | ProjectChange | OutlookItem | GoalsBlock | TextBlock


@dataclass(frozen=True)
class Section:
    kind: str
    heading: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class TitleBlock:
    cooperation: str
    process_title: str
    title: str  # "Statusbericht Dezember"
    period_label: str  # "Dezember 2019" or "01.12.2019 – 15.01.2020"
    issued_on: dt.date
    organisation: str = ""
    audience: str = "internal"
    subtitle: str = ""  # under the title; the period's label unless the coordinator wrote one
    # Branding (ikz.branding): the footer's address lines, accent colour as "1f4e79", and the
    # logo as a local file (not part of the JSON snapshot: the frozen bytes carry it).
    address: str = ""
    accent: str = ""
    logo_path: str = ""

    @property
    def shown_subtitle(self) -> str:
        return self.subtitle or self.period_label

    @property
    def issued_label(self) -> str:
        return format_partial_date(PartialDate(self.issued_on))

    @property
    def audience_label(self) -> str:
        return str(_("öffentliche Fassung") if self.audience == "public" else _("interne Fassung"))


@dataclass(frozen=True)
class Report:
    title: TitleBlock
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def section(self, kind: str) -> Section | None:
        return next((section for section in self.sections if section.kind == kind), None)

    def edited(
        self,
        *,
        order: list[str] | tuple[str, ...] = (),
        hidden_sections: set[str] | frozenset[str] = frozenset(),
        hidden_keys: set[str] | frozenset[str] = frozenset(),
        introduction: str = "",
        remarks: str = "",
        title: str = "",
        subtitle: str = "",
    ) -> Report:
        """The report as the coordinator shaped it: texts added, items hidden, sections ordered."""
        sections = [
            section
            for section in self.sections
            if section.kind not in (SectionKind.INTRODUCTION, SectionKind.REMARKS)
        ]
        with document_language():
            introduction_heading = str(SectionKind.LABELS[SectionKind.INTRODUCTION])
            remarks_heading = str(SectionKind.LABELS[SectionKind.REMARKS])
        if introduction.strip():
            sections.insert(
                0,
                Section(
                    SectionKind.INTRODUCTION,
                    introduction_heading,
                    (TextBlock("intro", introduction),),
                ),
            )
        if remarks.strip():
            sections.append(
                Section(SectionKind.REMARKS, remarks_heading, (TextBlock("remarks", remarks),))
            )
        rank = {kind: index for index, kind in enumerate(order)}
        default = {kind: index for index, kind in enumerate(SectionKind.DEFAULT_ORDER)}
        sections.sort(key=lambda s: (rank.get(s.kind, len(rank) + default.get(s.kind, 0)),))
        kept = []
        for section in sections:
            if section.kind in hidden_sections:
                continue
            items = tuple(
                cleaned
                for item in section.items
                if (cleaned := _without_hidden(item, hidden_keys)) is not None
            )
            if items:
                kept.append(replace(section, items=items))
        title_block = replace(self.title, title=title) if title.strip() else self.title
        if subtitle.strip():
            title_block = replace(title_block, subtitle=subtitle.strip())
        return Report(title=title_block, sections=tuple(kept))


def _without_hidden(item: Item, hidden: set[str] | frozenset[str]) -> Item | None:
    if item.key in hidden:
        return None
    if isinstance(item, MeetingBlock):
        return replace(item, points=_points_without(item.points, hidden))
    if isinstance(item, PointItem):
        return replace(item, children=_points_without(item.children, hidden))
    return item


def _points_without(
    points: tuple[PointItem, ...], hidden: set[str] | frozenset[str]
) -> tuple[PointItem, ...]:
    return tuple(
        replace(point, children=_points_without(point.children, hidden))
        for point in points
        if point.key not in hidden
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
