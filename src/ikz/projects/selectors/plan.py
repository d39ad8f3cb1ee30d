"""Reads of the coordinator's plan pages of one project: participation, milestones, funding.

Every row is looked up under the project (itself from ``project_for_write``, so of the
visitor's cooperation) and the cooperation: an id of another project or cooperation is a 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ikz.accounts.access import Access
from ikz.cooperation.models import Municipality
from ikz.projects.models import Field, FundingApplication, Milestone, Participation, Project


def field_options(*, access: Access) -> QuerySet[Field]:
    """The fields of the cooperation, for the list filters."""
    return Field.objects.filter(cooperation=access.cooperation)


def participation_municipality(*, access: Access, pk: int) -> Municipality:
    return get_object_or_404(Municipality, cooperation=access.cooperation, pk=pk)


def participation_of(
    *, access: Access, project: Project, municipality: Municipality
) -> Participation | None:
    """The municipality's current participation in the project, if it has one."""
    return Participation.objects.filter(
        cooperation=access.cooperation, project=project, municipality=municipality
    ).first()


def milestone_get(*, access: Access, project: Project, pk: int) -> Milestone:
    return get_object_or_404(Milestone, cooperation=access.cooperation, project=project, pk=pk)


def funding_application_get(*, access: Access, project: Project, pk: int) -> FundingApplication:
    return get_object_or_404(
        FundingApplication.objects.select_related("programme"),
        cooperation=access.cooperation,
        project=project,
        pk=pk,
    )
