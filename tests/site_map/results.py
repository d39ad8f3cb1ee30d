"""Site map: surveys, status reports, the public portal, the REST API and OParl.

The scene's survey is the built-in Bauhof survey, not yet sent; its report is a draft, and a
second (November) report has a published version 1. API entries call with each role's key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.site_map.table import (
    API_COORDINATION,
    API_INTERNAL,
    API_MEMBERS,
    API_PUBLIC,
    COORDINATOR,
    COORDINATOR_POST,
    LOGIN,
    MEMBERS,
    MEMBERS_HIDDEN,
    PUBLIC,
    REDIRECT,
    Entry,
    Kwargs,
    everyone,
    k,
    nothing,
    slug,
    who,
)

PK = ("pk",)
survey = k(pk=lambda s: s.survey.pk)
section = k(pk=lambda s: s.survey.pk, section_pk=lambda s: s.survey.sections.first().pk)
question = k(pk=lambda s: s.survey.pk, question_pk=lambda s: s.survey.questions.first().pk)
indicator = k(pk=lambda s: s.survey.pk, indicator_pk=lambda s: s.indicator.pk)
response = k(pk=lambda s: s.survey.pk, municipality_pk=lambda s: s.world.municipality.pk)
report = k(pk=lambda s: s.report.pk)
version = k(pk=lambda s: s.version.report_id, number=lambda s: s.version.number)


def api(**getters: Callable[[Any], Any]) -> Kwargs:
    return k(**getters)


ENTRIES: dict[str, Entry] = {
    # --- surveys ---
    "surveys:list": Entry(slug, MEMBERS, post=False),
    "surveys:create": Entry(slug, COORDINATOR),
    "surveys:detail": Entry(survey, MEMBERS_HIDDEN, PK),
    "surveys:edit": Entry(survey, COORDINATOR, PK),
    "surveys:delete": Entry(survey, COORDINATOR, PK),
    "surveys:status": Entry(survey, COORDINATOR_POST, PK),
    "surveys:copy": Entry(survey, COORDINATOR_POST, PK),
    "surveys:section_create": Entry(survey, COORDINATOR, PK),
    "surveys:section_edit": Entry(section, COORDINATOR, ("pk", "section_pk")),
    "surveys:section_delete": Entry(section, COORDINATOR, ("pk", "section_pk")),
    "surveys:question_create": Entry(survey, COORDINATOR, PK),
    "surveys:question_edit": Entry(question, COORDINATOR, ("pk", "question_pk")),
    "surveys:question_delete": Entry(question, COORDINATOR, ("pk", "question_pk")),
    "surveys:question_move": Entry(question, COORDINATOR_POST, ("pk", "question_pk")),
    "surveys:indicator_create": Entry(survey, COORDINATOR, PK),
    "surveys:indicator_edit": Entry(indicator, COORDINATOR, ("pk", "indicator_pk")),
    "surveys:indicator_delete": Entry(indicator, COORDINATOR, ("pk", "indicator_pk")),
    "surveys:my_response": Entry(survey, who(LOGIN, 403, 404, REDIRECT), PK),
    "surveys:response": Entry(response, MEMBERS_HIDDEN, ("pk", "municipality_pk")),
    "surveys:response_reopen": Entry(response, COORDINATOR_POST, ("pk", "municipality_pk")),
    "surveys:evaluation": Entry(survey, MEMBERS_HIDDEN, PK),
    "surveys:evaluation_agenda": Entry(survey, who(LOGIN, 403, 403, REDIRECT), PK),
    "surveys:evaluation_export": Entry(
        k(pk=lambda s: s.survey.pk, fmt=lambda s: "xlsx"), MEMBERS_HIDDEN, PK
    ),
    "surveys:figure": Entry(
        k(pk=lambda s: s.survey.pk, key=lambda s: s.indicator.key),
        MEMBERS_HIDDEN,
        PK,
    ),
    "surveys:answers_export": Entry(
        k(pk=lambda s: s.survey.pk, fmt=lambda s: "xlsx"), COORDINATOR, PK
    ),
    "surveys:import": Entry(survey, COORDINATOR, PK),
    # --- status reports ---
    "reports:list": Entry(slug, PUBLIC, post=False),
    "reports:create": Entry(slug, COORDINATOR),
    "reports:detail": Entry(report, who(404, 404, 404, 200), PK),  # a draft
    "reports:texts": Entry(report, COORDINATOR_POST, PK),
    "reports:toggle_item": Entry(report, COORDINATOR_POST, PK),
    "reports:toggle_section": Entry(report, COORDINATOR_POST, PK),
    "reports:move_section": Entry(report, COORDINATOR_POST, PK),
    "reports:body_status": Entry(
        k(pk=lambda s: s.report.pk, body_pk=lambda s: s.world.member_body.pk),
        COORDINATOR_POST,
        ("pk", "body_pk"),
    ),
    "reports:publish": Entry(report, COORDINATOR_POST, PK),
    "reports:delete": Entry(report, COORDINATOR, PK),
    "reports:draft_download": Entry(
        k(pk=lambda s: s.report.pk, fmt=lambda s: "md"), COORDINATOR, PK
    ),
    "reports:version": Entry(version, PUBLIC, PK),
    "reports:download": Entry(
        k(pk=lambda s: s.version.report_id, number=lambda s: 1, fmt=lambda s: "md"),
        PUBLIC,
        PK,
    ),
    # --- the public portal (internal things are simply not there) ---
    "portal:home": Entry(slug, PUBLIC, post=False),
    "portal:goals": Entry(slug, PUBLIC, post=False),
    "portal:reports": Entry(slug, PUBLIC, post=False),
    "portal:report": Entry(k(pk=lambda s: s.version.report_id), PUBLIC, PK, post=False),
    "portal:events": Entry(slug, PUBLIC, post=False),
    "portal:bodies": Entry(slug, PUBLIC, post=False),
    "portal:body": Entry(k(pk=lambda s: s.world.public_body.pk), PUBLIC, PK, post=False),
    # The scene's meeting is internal: the portal does not know it.
    "portal:meeting": Entry(k(pk=lambda s: s.meeting.pk), everyone(404), PK, post=False),
    "portal:projects": Entry(slug, PUBLIC, post=False),
    "portal:project": Entry(k(pk=lambda s: s.project.pk), PUBLIC, PK, post=False),
    "portal:search": Entry(slug, PUBLIC, post=False),
    "portal:open_data": Entry(slug, PUBLIC, post=False),
    "portal:open_data_file": Entry(
        k(name=lambda s: "beschluesse", fmt=lambda s: "csv"), PUBLIC, post=False
    ),
    "portal:feed": Entry(k(name=lambda s: "protokolle"), PUBLIC, post=False),
    "portal:settings": Entry(slug, COORDINATOR),
    "portal:legal": Entry(k(page=lambda s: "impressum"), PUBLIC, post=False),
    # --- the REST API (each role with its own key) ---
    "api:openapi-json": Entry(nothing, PUBLIC, post=False),
    "api:openapi-view": Entry(nothing, PUBLIC, post=False),
    "api:api-root": Entry(nothing, everyone(404), post=False),  # no root page
    "api:cooperation_list": Entry(nothing, API_PUBLIC, post=False, auth="key"),
    "api:cooperation_detail": Entry(slug, API_PUBLIC, post=False, auth="key"),
    "api:municipality_list": Entry(slug, API_PUBLIC, post=False, auth="key"),
    "api:municipality_detail": Entry(
        api(municipality_id=lambda s: s.world.municipality.pk),
        API_PUBLIC,
        ("municipality_id",),
        post=False,
        auth="key",
    ),
    "api:body_list": Entry(slug, API_PUBLIC, post=False, auth="key"),
    "api:body_detail": Entry(
        api(body_id=lambda s: s.world.member_body.pk),
        API_INTERNAL,
        ("body_id",),
        post=False,
        auth="key",
    ),
    "api:person_list": Entry(slug, API_MEMBERS, auth="key"),
    "api:person_create": Entry(slug, API_MEMBERS, auth="key"),
    "api:person_detail": Entry(
        api(person_id=lambda s: s.structure.spare_person.pk),
        API_MEMBERS,
        ("person_id",),
        post=False,
        auth="key",
    ),
    "api:person_update": Entry(
        api(person_id=lambda s: s.structure.spare_person.pk),
        API_MEMBERS,
        ("person_id",),
        post=False,
        auth="key",
    ),
    "api:meeting_list": Entry(slug, API_PUBLIC, auth="key"),
    "api:meeting_create": Entry(slug, API_PUBLIC, auth="key"),
    "api:meeting_detail": Entry(
        api(meeting_id=lambda s: s.meeting.pk),
        API_INTERNAL,
        ("meeting_id",),
        post=False,
        auth="key",
    ),
    "api:meeting_update": Entry(
        api(meeting_id=lambda s: s.meeting.pk),
        API_INTERNAL,
        ("meeting_id",),
        post=False,
        auth="key",
    ),
    "api:agenda_item_create": Entry(
        api(meeting_id=lambda s: s.meeting.pk),
        who(405, 405, 405, 405),
        ("meeting_id",),
        auth="key",
        data={"title": "TOP 2"},
    ),
    "api:task_list": Entry(slug, API_MEMBERS, post=False, auth="key"),
    "api:task_detail": Entry(
        api(task_id=lambda s: s.task.pk), API_MEMBERS, ("task_id",), post=False, auth="key"
    ),
    "api:task_state": Entry(
        api(task_id=lambda s: s.task.pk),
        who(405, 405, 405, 405),
        ("task_id",),
        auth="key",
        data={"state": "done"},
    ),
    "api:project_list": Entry(slug, API_PUBLIC, post=False, auth="key"),
    "api:project_detail": Entry(
        api(project_id=lambda s: s.project.pk), API_PUBLIC, ("project_id",), post=False, auth="key"
    ),
    "api:survey_list": Entry(slug, API_MEMBERS, post=False, auth="key"),
    "api:survey_detail": Entry(
        api(survey_id=lambda s: s.survey.pk),
        who(401, 403, 404, 200),
        ("survey_id",),
        post=False,
        auth="key",
    ),
    # A draft survey has no answers yet, not even for the coordinator.
    "api:survey_answers": Entry(
        api(survey_id=lambda s: s.survey.pk),
        who(401, 403, 404, 404),
        ("survey_id",),
        post=False,
        auth="key",
    ),
    "api:report_list": Entry(slug, API_PUBLIC, post=False, auth="key"),
    "api:report_detail": Entry(
        api(report_id=lambda s: s.report.pk),
        API_COORDINATION,
        ("report_id",),
        post=False,
        auth="key",
    ),
    # --- OParl (public by design: the same JSON for everyone) ---
    "oparl:system": Entry(nothing, PUBLIC, post=False),
    "oparl:body_list": Entry(nothing, PUBLIC, post=False),
    "oparl:body": Entry(lambda s: {"body": s.world.cooperation.pk}, PUBLIC, post=False),
    "oparl:municipality": Entry(
        lambda s: {"body": s.world.cooperation.pk, "pk": s.world.municipality.pk},
        PUBLIC,
        PK,
        post=False,
    ),
    "oparl:municipality_list": Entry(
        lambda s: {"body": s.world.cooperation.pk, "pk": s.world.municipality.pk, "kind": "person"},
        PUBLIC,
        PK,
        post=False,
    ),
    "oparl:list": Entry(
        lambda s: {"body": s.world.cooperation.pk, "kind": "meeting"}, PUBLIC, post=False
    ),
    "oparl:object": Entry(
        lambda s: {
            "body": s.world.cooperation.pk,
            "kind": "organization",
            "pk": s.world.public_body.pk,
        },
        PUBLIC,
        PK,
        post=False,
    ),
}
