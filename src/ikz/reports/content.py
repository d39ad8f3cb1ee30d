"""The content of a status report as plain, immutable data: what every renderer reads.

The JSON form of a ``Report`` is the frozen snapshot of a published version, so everything a
renderer needs is in here (no database access while rendering). Every item carries a ``key``
("point:12", "meeting:3", "task:7") by which the coordinator can hide it in the editor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

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
    STATUS = "project_status"
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
        STATUS,
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
        STATUS: _("Vorhaben im Überblick"),
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
class ProjectStatus:
    """A row of the overview table: where a project stood at the end of the period."""

    key: str
    project: str
    stage: str
    lead: str = ""
    next: str = ""  # the next open milestone
    next_when: PartialDate | None = None

    @property
    def next_line(self) -> str:
        when = f" ({format_partial_date(self.next_when)})" if self.next_when else ""
        return f"{self.next}{when}" if self.next else "–"

    @property
    def line(self) -> str:
        return f"{self.project}: {self.stage} · {self.lead or '–'} · {self.next_line}"


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


Item = (
    PointItem
    | MeetingBlock
    | BodyStatus
    | ProjectChange
    | ProjectStatus
    | OutlookItem
    | GoalsBlock
    | TextBlock
)


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
