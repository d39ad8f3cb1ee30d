"""Which projects and stage changes the visitor may see; single projects and fields."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from ikz.accounts.access import Access
from ikz.projects.models import Field, Project, StageChange


def visible_projects(*, access: Access) -> QuerySet[Project]:
    projects = Project.objects.filter(cooperation=access.cooperation)
    if access.is_member:
        return projects
    return projects.filter(is_public=True)


def visible_stage_changes(*, access: Access) -> QuerySet[StageChange]:
    changes = StageChange.objects.filter(cooperation=access.cooperation)
    if access.is_member:
        return changes
    return changes.filter(is_public=True, project__is_public=True)


def project_stage_changes(*, access: Access, project: Project) -> QuerySet[StageChange]:
    """The project's stage changes the visitor may see, oldest first."""
    return visible_stage_changes(access=access).filter(project=project).order_by("date", "pk")


def project_get(*, access: Access, pk: int) -> Project:
    return get_object_or_404(
        visible_projects(access=access).select_related(
            "field", "lead_body", "lead_municipality", "contact_person"
        ),
        pk=pk,
    )


def project_for_write(*, access: Access, pk: int) -> Project:
    """For coordinator pages: the project of this cooperation, or 404."""
    return get_object_or_404(Project, cooperation=access.cooperation, pk=pk)


def field_list(*, access: Access) -> QuerySet[Field]:
    return Field.objects.filter(cooperation=access.cooperation).annotate(
        project_count=Count("projects")
    )


def field_get(*, access: Access, pk: int) -> Field:
    return get_object_or_404(Field, cooperation=access.cooperation, pk=pk)
