"""Writes of a project's plan: participation of the municipalities, milestones, funding.

Split from ``services`` (which re-exports every name here, so callers keep
``from ikz.projects import services``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ikz.cooperation.models import Cooperation, Municipality
from ikz.dates import PartialDate
from ikz.projects import events
from ikz.projects.models import (
    FundingApplication,
    FundingProgramme,
    Milestone,
    Participation,
    Project,
)
from ikz.projects.services_common import OTHER_COOPERATION, _check_refs, _log, _save, _today
from ikz.tracking.versions import check_version_of

# --- Participation -----------------------------------------------------------------------------


@transaction.atomic
def participation_set(
    *,
    project: Project,
    municipality: Municipality,
    status: str,
    date: dt.date | None = None,
    note: str = "",
    version: str | None = None,
) -> Participation:
    """Enter a municipality's participation; ``version`` is the token the form was shown with
    (``ABSENT`` when there was no entry yet): a save after someone else's is refused."""
    _check_refs(project.cooperation, municipality=municipality)
    check_version_of(
        Participation.objects.filter(project=project, municipality=municipality), version
    )
    if status not in Participation.Status.values:
        raise ValidationError({"status": _("Diesen Status gibt es nicht.")})
    # A council decision needs its date: Participation.clean and its constraint, via _save.
    row = Participation.objects.filter(project=project, municipality=municipality).first()
    row = row or Participation(
        cooperation=project.cooperation, project=project, municipality=municipality
    )
    row.status, row.date, row.note = status, date, (note or "").strip()
    _save(row)
    return row


# --- Milestones --------------------------------------------------------------------------------


@transaction.atomic
def milestone_save(
    *,
    project: Project,
    title: str,
    when: PartialDate,
    is_deadline: bool = False,
    done: bool = False,
    done_on: dt.date | None = None,
    milestone: Milestone | None = None,
) -> Milestone:
    if milestone is not None and milestone.project_id != project.pk:
        raise ValidationError(_("Dieser Meilenstein gehört zu einem anderen Vorhaben."))
    if when is None:
        raise ValidationError({"date": _("Bitte ein Datum angeben.")})
    # "done_on" only when done: Milestone.clean and its constraint, via _save.
    row = milestone or Milestone(cooperation=project.cooperation, project=project)
    row.title = (title or "").strip()
    row.date, row.date_precision = when.value, when.precision
    row.is_deadline, row.done, row.done_on = is_deadline, done, done_on
    _save(row)
    return row


@transaction.atomic
def milestone_set_done(*, milestone: Milestone, done: bool, on: dt.date | None = None) -> Milestone:
    milestone.done = done
    milestone.done_on = (on or _today()) if done else None
    _save(milestone)
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, actor_id: int | None = None) -> None:
    project, title = milestone.project, milestone.title
    milestone.delete()
    _log(project, events.MILESTONE_DELETED, actor_id, milestone=title)


# --- Funding -----------------------------------------------------------------------------------


@transaction.atomic
def funding_programme_save(
    *,
    cooperation: Cooperation,
    name: str,
    funder: str = "",
    website: str = "",
    description: str = "",
    programme: FundingProgramme | None = None,
) -> FundingProgramme:
    if programme is not None and programme.cooperation_id != cooperation.pk:
        raise ValidationError(OTHER_COOPERATION)
    row = programme or FundingProgramme(cooperation=cooperation)
    row.name, row.funder = (name or "").strip(), (funder or "").strip()
    row.website, row.description = website or "", description or ""
    _save(row)
    return row


@transaction.atomic
def funding_application_save(
    *,
    project: Project,
    programme: FundingProgramme,
    deadline: PartialDate | None = None,
    amount_applied: Decimal | None = None,
    amount_granted: Decimal | None = None,
    state: str = FundingApplication.State.PLANNED,
    submitted_on: dt.date | None = None,
    application: FundingApplication | None = None,
) -> FundingApplication:
    _check_refs(project.cooperation, programme=programme)
    if application is not None and application.project_id != project.pk:
        raise ValidationError(_("Dieser Förderantrag gehört zu einem anderen Vorhaben."))
    # A granted amount only when granted: FundingApplication.clean and its constraint, via _save.
    row = application or FundingApplication(cooperation=project.cooperation, project=project)
    row.programme = programme
    row.deadline = deadline.value if deadline else None
    row.deadline_precision = deadline.precision if deadline else "day"
    row.amount_applied, row.amount_granted = amount_applied, amount_granted
    row.state, row.submitted_on = state, submitted_on
    _save(row)
    return row


@transaction.atomic
def funding_application_delete(
    *, application: FundingApplication, actor_id: int | None = None
) -> None:
    project, programme = application.project, application.programme.name
    application.delete()
    _log(project, events.FUNDING_APPLICATION_DELETED, actor_id, programme=programme)
