"""Response and request schemas of the REST API (pydantic, via django-ninja)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from pydantic import field_validator

from ikz.inputs import normalise_text


class In(Schema):
    """A request body: its text fields normalised as every form of the site normalises them
    (``ikz.inputs.normalise_text``: line breaks as ``\\n``, other control characters removed),
    before their lengths are checked, so the API saves no text a form would not."""

    @field_validator("*", mode="before")
    @classmethod
    def _normalise(cls, value: object) -> object:
        return normalise_text(value) if isinstance(value, str) else value


class CooperationOut(Schema):
    slug: str
    name: str
    region: str
    coordinating_organisation: str
    website: str
    description: str
    role: str = Field(description="Ihre Rolle in dieser Kooperation")


class MunicipalityOut(Schema):
    id: int
    name: str
    kind: str
    ags: str
    population: int | None
    population_year: int | None
    area_km2: float | None
    joined_on: dt.date | None
    left_on: dt.date | None


class BodyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    is_public: bool
    description: str
    status_text: str


class MembershipOut(Schema):
    id: int
    person_id: int
    person_name: str
    role: str
    start_date: dt.date | None
    end_date: dt.date | None


class BodyDetailOut(BodyOut):
    memberships: list[MembershipOut]


class PersonOut(Schema):
    id: int
    title: str
    given_name: str
    family_name: str
    function: str
    municipality_id: int | None
    organisation: str
    email: str
    phone: str
    publication_consent: bool


class PersonIn(In):
    given_name: str = Field(max_length=100)
    family_name: str = Field(max_length=100)
    title: str = Field("", max_length=40)
    function: str = Field("", max_length=120)
    municipality_id: int | None = None
    organisation: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    publication_consent: bool = False


class PersonPatch(In):
    given_name: str | None = Field(None, max_length=100)
    family_name: str | None = Field(None, max_length=100)
    title: str | None = Field(None, max_length=40)
    function: str | None = Field(None, max_length=120)
    municipality_id: int | None = None
    organisation: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    publication_consent: bool | None = None


class MeetingOut(Schema):
    id: int
    body_id: int
    number: int
    heading: str
    title: str
    date: dt.date
    date_precision: str
    start_time: dt.time | None
    end_time: dt.time | None
    location_id: int | None
    is_public: bool
    state: str
    description: str


class AgendaItemOut(Schema):
    id: int
    number: str
    depth: int
    title: str
    parent_id: int | None


class PointOut(Schema):
    id: int
    agenda_item_id: int | None
    parent_id: int | None
    depth: int
    kind: str
    text: str
    is_internal: bool


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    minutes_visible: bool
    minutes: list[PointOut]


class MeetingIn(In):
    body_id: int
    date: dt.date
    title: str = Field("", max_length=200)
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location_id: int | None = None
    is_public: bool = False
    description: str = Field("", max_length=5000)


class MeetingPatch(In):
    title: str | None = Field(None, max_length=200)
    is_public: bool | None = None
    description: str | None = Field(None, max_length=5000)
    state: str | None = Field(
        None, description="planned, invited, held, minutes_published, cancelled"
    )


class AgendaItemIn(In):
    title: str = Field(max_length=300)
    parent_id: int | None = None


class TaskOut(Schema):
    id: int
    title: str
    body_id: int
    state: str
    due: dt.date | None
    due_precision: str
    owner_person_id: int | None
    owner_municipality_id: int | None
    owner_body_id: int | None
    completed_on: dt.date | None
    meeting_id: int | None


class TaskStateIn(In):
    state: str = Field(description="open, done, dropped")


class StageChangeOut(Schema):
    date: dt.date
    from_stage: str
    to_stage: str
    reason: str


class ParticipationOut(Schema):
    municipality_id: int
    municipality_name: str
    status: str


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    stage: str
    is_public: bool
    field_id: int | None
    lead_body_id: int | None
    lead_municipality_id: int | None


class ProjectDetailOut(ProjectOut):
    stage_changes: list[StageChangeOut]
    participation: list[ParticipationOut]


class QuestionOut(Schema):
    id: int
    key: str
    text: str
    kind: str
    required: bool
    unit: str
    section_id: int | None


class SurveyOut(Schema):
    id: int
    title: str
    description: str
    status: str
    deadline: dt.date | None
    body_id: int | None
    project_id: int | None


class SurveyDetailOut(SurveyOut):
    questions: list[QuestionOut]


class AnswersOut(Schema):
    survey_id: int
    municipality_id: int
    status: str
    answers: dict[str, object]


class VersionOut(Schema):
    number: int
    title: str
    audience: str
    published_at: dt.datetime
    downloads: dict[str, str]


class ReportOut(Schema):
    id: int
    title: str
    period_start: dt.date
    period_end: dt.date
    audience: str
    state: str


class ReportDetailOut(ReportOut):
    versions: list[VersionOut]


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A paged list of ``item``: total count, page, page size and the items."""
    return type(
        name,
        (Schema,),
        {"__annotations__": {"count": int, "page": int, "page_size": int, "items": list[item]}},  # type: ignore[valid-type]
    )
