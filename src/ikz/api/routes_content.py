"""Projects with stages and participation, surveys with questions and the own municipality's
answers, reports with their published versions: each through its app's selectors."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from ikz.accounts.access import Level
from ikz.api.core import PAGE, PAGE_SIZE, access_in, paged, require, responses
from ikz.api.schemas import (
    AnswersOut,
    ProjectDetailOut,
    ProjectOut,
    ReportDetailOut,
    ReportOut,
    SurveyDetailOut,
    SurveyOut,
    page_of,
)
from ikz.projects.selectors.detail import participation_matrix
from ikz.projects.selectors.visibility import (
    project_get,
    project_stage_changes,
    visible_projects,
)
from ikz.reports import selectors as reports
from ikz.reports.renderers import FORMATS
from ikz.surveys import selectors as surveys

router = Router(tags=["Vorhaben, Umfragen, Berichte"])
ProjectPage = page_of(ProjectOut, "ProjectPage")


def _fields(obj: Any, schema: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in schema.model_fields}


@router.get("/cooperations/{slug}/projects", response=responses(ProjectPage))
def project_list(
    request: HttpRequest, slug: str, page: int = PAGE, page_size: int = PAGE_SIZE
) -> dict[str, Any]:
    """Public projects for everyone, all projects for members."""
    access = access_in(request, slug)
    return paged(visible_projects(access=access).order_by("title", "pk"), page, page_size)


@router.get("/cooperations/{slug}/projects/{project_id}", response=responses(ProjectDetailOut))
def project_detail(request: HttpRequest, slug: str, project_id: int) -> dict[str, Any]:
    access = access_in(request, slug)
    project = project_get(access=access, pk=project_id)
    changes = project_stage_changes(access=access, project=project)
    return {
        **_fields(project, ProjectOut),
        "stage_changes": [
            {
                "date": change.date,
                "from_stage": change.from_stage,
                "to_stage": change.to_stage,
                "reason": change.reason,
            }
            for change in changes
        ],
        "participation": [
            {
                "municipality_id": row.municipality.pk,
                "municipality_name": row.municipality.name,
                "status": row.status,
            }
            for row in participation_matrix(access=access, project=project)
        ],
    }


@router.get("/cooperations/{slug}/surveys", response=responses(list[SurveyOut]))
def survey_list(request: HttpRequest, slug: str) -> Any:
    """Members and the coordination (drafts and templates for the coordination only)."""
    access = access_in(request, slug)
    require(access, Level.MEMBER)
    return list(surveys.survey_list(access=access))


@router.get("/cooperations/{slug}/surveys/{survey_id}", response=responses(SurveyDetailOut))
def survey_detail(request: HttpRequest, slug: str, survey_id: int) -> dict[str, Any]:
    access = access_in(request, slug)
    require(access, Level.MEMBER)
    survey = surveys.survey_get(access=access, pk=survey_id)
    questions = [
        {
            "id": question.pk,
            "key": question.key,
            "text": question.text,
            "kind": question.kind,
            "required": question.required,
            "unit": question.unit,
            "section_id": question.section_id,
        }
        for section in surveys.survey_structure(survey=survey)
        for question in section.questions.all()
    ]
    return {**_fields(survey, SurveyOut), "questions": questions}


@router.get("/cooperations/{slug}/surveys/{survey_id}/answers", response=responses(AnswersOut))
def survey_answers(
    request: HttpRequest, slug: str, survey_id: int, municipality_id: int | None = None
) -> dict[str, Any]:
    """Your municipality's answers (the coordination may name any municipality)."""
    access = access_in(request, slug)
    require(access, Level.MEMBER)
    survey = surveys.survey_get(access=access, pk=survey_id)
    wanted = municipality_id if municipality_id is not None else access.municipality_id
    municipality = surveys.answerable_municipality(access=access, pk=wanted or 0)
    response = surveys.response_for(survey=survey, municipality=municipality)
    return {
        "survey_id": survey.pk,
        "municipality_id": municipality.pk,
        "status": response.status if response else "not_started",
        "answers": dict(response.data) if response else {},
    }


@router.get("/cooperations/{slug}/reports", response=responses(list[ReportOut]))
def report_list(request: HttpRequest, slug: str) -> Any:
    """Published reports you may read (the coordination: drafts too)."""
    access = access_in(request, slug)
    return [
        {**_fields(report, ReportOut), "title": report.title or str(report)}
        for report in reports.report_list(access=access)
    ]


@router.get("/cooperations/{slug}/reports/{report_id}", response=responses(ReportDetailOut))
def report_detail(request: HttpRequest, slug: str, report_id: int) -> dict[str, Any]:
    access = access_in(request, slug)
    report = reports.report_get(access=access, pk=report_id)

    def downloads(number: int) -> dict[str, str]:
        return {
            fmt: request.build_absolute_uri(
                reverse("reports:download", args=[slug, report.pk, number, fmt])
            )
            for fmt in FORMATS
        }

    return {
        **_fields(report, ReportOut),
        "title": report.title or str(report),
        "versions": [
            {
                "number": version.number,
                "title": version.title,
                "audience": version.audience,
                "published_at": version.published_at,
                "downloads": downloads(version.number),
            }
            for version in reports.versions_of(report=report)
        ],
    }
