"""The report's sections from the projects and surveys apps, through their selectors."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.dates import PartialDate, format_partial_date
from ikz.money import format_money
from ikz.projects import selectors as project_selectors
from ikz.projects.models import FundingApplication, Participation, Stage
from ikz.reports.content import GoalsBlock, OutlookItem, ProjectChange, ProjectStatus
from ikz.surveys import selectors as survey_selectors

TOP_GOALS = 5


def goals(*, access: Access, start: dt.date, end: dt.date) -> list[GoalsBlock]:
    """The ranked top goals, only when the strategic framework changed in the period."""
    if not project_selectors.goals_changed_in_period(access=access, start=start, end=end):
        return []
    ranked = [node.goal.title for node in project_selectors.goals_ranked(access=access)]
    if not ranked:
        return []
    link = settings.SITE_URL + reverse("projects:goals", args=[access.cooperation.slug])
    return [
        GoalsBlock(
            key="goals",
            heading=_("TOP %(count)s der erarbeiteten Zielstellungen")
            % {"count": min(TOP_GOALS, len(ranked))},
            goals=tuple(ranked[:TOP_GOALS]),
            link=link,
        )
    ]


def _stage(value: str) -> str:
    return str(Stage(value).label) if value in Stage.values else value


def project_changes(*, access: Access, start: dt.date, end: dt.date) -> list[ProjectChange]:
    changes: list[tuple[tuple[object, ...], ProjectChange]] = []
    for project in project_selectors.new_projects_in_period(access=access, start=start, end=end):
        item = ProjectChange(
            key=f"project:{project.pk}",
            date=None,
            project=project.title,
            text=_("neues Vorhaben (Phase %(stage)s)") % {"stage": _stage(project.stage)},
        )
        changes.append(((dt.date.min, 0, project.title), item))
    for change in project_selectors.stage_changes_in_period(access=access, start=start, end=end):
        text = _("Phase %(old)s → %(new)s") % {
            "old": _stage(change.from_stage),
            "new": _stage(change.to_stage),
        }
        if change.reason:
            text += f" ({change.reason})"
        item = ProjectChange(
            key=f"stage:{change.pk}",
            date=PartialDate(change.date),
            project=change.project.title,
            text=text,
        )
        changes.append(((change.date, 1, change.project.title), item))
    for decision in project_selectors.council_decisions_in_period(
        access=access, start=start, end=end
    ):
        status = Participation.Status(decision.status).label
        item = ProjectChange(
            key=f"council:{decision.pk}",
            date=PartialDate(decision.date) if decision.date else None,
            project=decision.project.title,
            text=_("%(municipality)s: %(status)s")
            % {"municipality": decision.municipality.name, "status": status},
        )
        changes.append(((decision.date or dt.date.min, 2, decision.project.title), item))
    changes.sort(key=lambda pair: pair[0])
    return [item for _key, item in changes]


def project_status(*, access: Access, end: dt.date) -> list[ProjectStatus]:
    """The overview table: stage at the period's end, who leads, the next open milestone."""
    rows = []
    for project, stage, milestone in project_selectors.project_status_at(access=access, end=end):
        lead = project.lead_municipality or project.lead_body
        rows.append(
            ProjectStatus(
                key=f"status:{project.pk}",
                project=project.title,
                stage=_stage(stage),
                lead=str(lead) if lead else "",
                next=milestone.title if milestone else "",
                next_when=milestone.when if milestone else None,
            )
        )
    return rows


def funding(*, access: Access, start: dt.date, end: dt.date) -> list[ProjectChange]:
    """ "Fördermittel „LEADER“: bewilligt 84.000 € (beantragt 90.000 €, eingereicht am
    01.03.2024)", "Fördermittel „LEADER“: geplant, Antragsfrist 31.03.2020, beantragt 25.000 €"."""
    states = FundingApplication.State
    items = []
    for row in project_selectors.funding_for_report(access=access, start=start, end=end):
        status = str(states(row.state).label)
        details = []
        if row.state == states.PLANNED and row.deadline_date:
            details.append(
                _("Antragsfrist %(date)s") % {"date": format_partial_date(row.deadline_date)}
            )
        if row.amount_applied is not None:
            details.append(_("beantragt %(amount)s") % {"amount": format_money(row.amount_applied)})
        if row.submitted_on and row.state != states.PLANNED:
            submitted = format_partial_date(PartialDate(row.submitted_on))
            details.append(_("eingereicht am %(date)s") % {"date": submitted})
        if row.state == states.GRANTED and row.amount_granted is not None:
            status += f" {format_money(row.amount_granted)}"
            text = f"{status} ({', '.join(details)})" if details else status
        else:
            text = ", ".join([status, *details])
        items.append(
            ProjectChange(
                key=f"funding:{row.pk}",
                date=None,
                project=row.project.title,
                text=_("Fördermittel „%(programme)s“: %(text)s")
                % {"programme": row.programme.name, "text": text},
            )
        )
    return items


def outlook_extras(*, access: Access, end: dt.date, horizon: dt.date) -> list[OutlookItem]:
    """Milestones, funding deadlines and survey deadlines after the period, up to ``horizon``."""
    after = end + dt.timedelta(days=1)
    items = [
        OutlookItem(
            key=f"deadline:{row.kind}:{row.project.pk}:{row.when.iso()}:{row.title}",
            when=row.when,
            text=(
                _("%(title)s (%(project)s)") % {"title": row.title, "project": row.project.title}
                if row.project.title.lower() not in row.title.lower()
                else row.title
            )
            + (_(" – Frist") if row.is_deadline and row.kind == "milestone" else ""),
        )
        for row in project_selectors.upcoming_milestones_and_deadlines(
            access=access, start=after, end=horizon
        )
    ]
    if access.is_member:
        for survey in survey_selectors.open_surveys(access=access, until=horizon):
            deadline = PartialDate(survey.deadline) if survey.deadline else None
            named = survey.title.lower().startswith(("abfrage", "umfrage", "kennzahlenabfrage"))
            text = survey.title if named else _("Abfrage „%(title)s“") % {"title": survey.title}
            if deadline:
                text += _(" (Rückmeldefrist)")
            items.append(OutlookItem(key=f"survey:{survey.pk}", when=deadline, text=text))
    return items
