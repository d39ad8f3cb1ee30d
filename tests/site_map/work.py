"""Site map: meetings, tasks, the calendar, projects and agreements.

The scene's meeting belongs to the member's internal body (``INTERNAL``); its project is
public; its agreement has the member's municipality as a partner and is not published.
"""

from __future__ import annotations

from tests.site_map.table import (
    COORDINATOR,
    COORDINATOR_POST,
    INTERNAL,
    LOGIN,
    MEMBERS,
    MEMBERS_HIDDEN,
    PUBLIC,
    REDIRECT,
    Entry,
    everyone,
    k,
    slug,
    who,
)

PK = ("pk",)
# Views that take only a POST, reached through the access check first.
GET_ONLY_MEMBERS = who(LOGIN, 403, 405, 405)
PARTY = who(404, 404, 200, 200)  # an agreement the member's municipality is a partner of

meeting = k(pk=lambda s: s.meeting.pk)
item = k(pk=lambda s: s.meeting.pk, item_pk=lambda s: s.item.pk)
task = k(pk=lambda s: s.task.pk)
project = k(pk=lambda s: s.project.pk)
milestone = k(pk=lambda s: s.project.pk, milestone_pk=lambda s: s.milestone.pk)
application = k(pk=lambda s: s.project.pk, application_pk=lambda s: s.application.pk)
agreement = k(pk=lambda s: s.agreement.pk)
partner = k(pk=lambda s: s.agreement.pk, partner_pk=lambda s: s.partner.pk)
statement = k(pk=lambda s: s.agreement.pk, statement_pk=lambda s: s.statement.pk)

ENTRIES: dict[str, Entry] = {
    # --- meetings ---
    "meetings:list": Entry(slug, PUBLIC, post=False),
    "meetings:calendar": Entry(slug, PUBLIC, post=False),
    "meetings:create": Entry(slug, COORDINATOR),
    "meetings:next_number": Entry(slug, COORDINATOR),
    "meetings:detail": Entry(meeting, INTERNAL, PK, post=False),
    "meetings:edit": Entry(meeting, COORDINATOR, PK),
    "meetings:delete": Entry(meeting, COORDINATOR, PK),
    "meetings:state": Entry(meeting, COORDINATOR_POST, PK),
    "meetings:carry_over": Entry(meeting, COORDINATOR_POST, PK),
    "meetings:agenda_create": Entry(meeting, COORDINATOR, PK),
    "meetings:agenda_edit": Entry(item, COORDINATOR, ("pk", "item_pk")),
    "meetings:agenda_op": Entry(
        k(pk=lambda s: s.meeting.pk, item_pk=lambda s: s.item.pk, op=lambda s: "hoch"),
        COORDINATOR_POST,
        ("pk", "item_pk"),
    ),
    "meetings:attendance": Entry(meeting, COORDINATOR, PK),
    "meetings:attendance_members": Entry(meeting, COORDINATOR_POST, PK),
    "meetings:minutes": Entry(meeting, COORDINATOR, PK, post=False),
    "meetings:point_create": Entry(meeting, COORDINATOR_POST, PK),
    "meetings:point_change": Entry(
        k(pk=lambda s: s.meeting.pk, point_pk=lambda s: s.point.pk),
        COORDINATOR_POST,
        ("pk", "point_pk"),
    ),
    "meetings:document": Entry(
        k(pk=lambda s: s.meeting.pk, kind=lambda s: "einladung", fmt=lambda s: "pdf"),
        INTERNAL,
        PK,
        post=False,
    ),
    "meetings:minutes_approve": Entry(item, COORDINATOR_POST, ("pk", "item_pk")),
    "meetings:minutes_revoke": Entry(meeting, COORDINATOR_POST, PK),
    "tasks:list": Entry(slug, MEMBERS, post=False),
    "tasks:mine": Entry(slug, MEMBERS, post=False),
    "tasks:create": Entry(slug, COORDINATOR),
    "tasks:edit": Entry(task, COORDINATOR, PK),
    "tasks:row": Entry(task, who(LOGIN, 403, 403, REDIRECT), PK, post=False),  # htmx: the row
    "tasks:state": Entry(task, COORDINATOR_POST, PK),
    "tasks:move": Entry(task, COORDINATOR, PK),
    # --- the calendar (iCalendar feeds and the subscription page) ---
    "meetings_calendar:subscribe": Entry(slug, MEMBERS, post=False),
    "meetings_calendar:cooperation_feed": Entry(slug, PUBLIC, post=False),
    "meetings_calendar:body_feed": Entry(
        k(body_pk=lambda s: s.world.public_body.pk), PUBLIC, ("body_pk",)
    ),
    "meetings_calendar:meeting_ics": Entry(meeting, INTERNAL, PK),
    "meetings_calendar:invitation": Entry(meeting, COORDINATOR, PK),
    "meetings_calendar:private_feed": Entry(
        k(token=lambda s: "kein-gueltiger-schluessel"), everyone(404), post=False
    ),
    # --- projects ---
    "projects:board": Entry(slug, PUBLIC, post=False),
    "projects:board_column": Entry(k(stage=lambda s: "idea"), PUBLIC, post=False),
    "projects:list": Entry(slug, PUBLIC, post=False),
    "projects:deadlines": Entry(slug, PUBLIC, post=False),
    "projects:goals": Entry(slug, PUBLIC, post=False),
    "projects:detail": Entry(project, PUBLIC, PK, post=False),
    "projects:create": Entry(slug, COORDINATOR),
    "projects:edit": Entry(project, COORDINATOR, PK),
    "projects:delete": Entry(project, COORDINATOR, PK),
    "projects:stage": Entry(project, COORDINATOR, PK),
    "projects:participation": Entry(
        k(pk=lambda s: s.project.pk, municipality_pk=lambda s: s.world.municipality.pk),
        COORDINATOR,
        ("pk", "municipality_pk"),
    ),
    "projects:participation_show": Entry(  # htmx: the row read-only; else to the page
        k(pk=lambda s: s.project.pk, municipality_pk=lambda s: s.world.municipality.pk),
        who(LOGIN, 403, 403, REDIRECT),
        ("pk", "municipality_pk"),
        post=False,
    ),
    "projects:milestone_create": Entry(project, COORDINATOR, PK),
    "projects:milestone_edit": Entry(milestone, COORDINATOR, ("pk", "milestone_pk")),
    "projects:milestone_done": Entry(milestone, COORDINATOR_POST, ("pk", "milestone_pk")),
    "projects:milestone_delete": Entry(milestone, COORDINATOR, ("pk", "milestone_pk")),
    "projects:funding_create": Entry(project, COORDINATOR, PK),
    "projects:funding_edit": Entry(application, COORDINATOR, ("pk", "application_pk")),
    "projects:funding_delete": Entry(application, COORDINATOR, ("pk", "application_pk")),
    "projects:goal_create": Entry(slug, COORDINATOR),
    "projects:goal_edit": Entry(k(pk=lambda s: s.goal.pk), COORDINATOR, PK),
    "projects:goal_delete": Entry(k(pk=lambda s: s.goal.pk), COORDINATOR, PK),
    "projects:fields": Entry(slug, COORDINATOR),
    "projects:field_edit": Entry(k(pk=lambda s: s.field.pk), COORDINATOR, PK),
    "projects:field_delete": Entry(k(pk=lambda s: s.field.pk), COORDINATOR, PK),
    "projects:point_link": Entry(k(point_pk=lambda s: s.point.pk), COORDINATOR, ("point_pk",)),
    # --- agreements ---
    "agreements:list": Entry(slug, PUBLIC, post=False),
    "agreements:create": Entry(slug, COORDINATOR),
    "agreements:detail": Entry(agreement, PARTY, PK, post=False),
    "agreements:edit": Entry(agreement, COORDINATOR, PK),
    "agreements:delete": Entry(agreement, COORDINATOR, PK),
    "agreements:state": Entry(agreement, COORDINATOR, PK),
    "agreements:partner_create": Entry(agreement, COORDINATOR, PK),
    "agreements:partner_edit": Entry(partner, COORDINATOR, ("pk", "partner_pk")),
    "agreements:partner_delete": Entry(partner, COORDINATOR, ("pk", "partner_pk")),
    "agreements:key_create": Entry(agreement, COORDINATOR, PK),
    "agreements:key_edit": Entry(
        k(pk=lambda s: s.agreement.pk, key_pk=lambda s: s.cost_key.pk),
        COORDINATOR,
        ("pk", "key_pk"),
    ),
    "agreements:measures": Entry(
        k(pk=lambda s: s.agreement.pk, year=lambda s: 2022), COORDINATOR, PK
    ),
    "agreements:statement_create": Entry(agreement, COORDINATOR, PK),
    "agreements:statement": Entry(statement, MEMBERS_HIDDEN, ("pk", "statement_pk"), post=False),
    "agreements:statement_edit": Entry(statement, COORDINATOR, ("pk", "statement_pk")),
    "agreements:statement_issue": Entry(statement, COORDINATOR_POST, ("pk", "statement_pk")),
    "agreements:statement_correct": Entry(statement, COORDINATOR_POST, ("pk", "statement_pk")),
    "agreements:statement_delete": Entry(statement, COORDINATOR, ("pk", "statement_pk")),
    # A draft has no document yet: the coordinator is sent to the statement.
    "agreements:statement_pdf": Entry(
        statement, who(LOGIN, 403, 404, REDIRECT), ("pk", "statement_pk"), post=False
    ),
    "agreements:statement_xlsx": Entry(
        statement, who(LOGIN, 403, 404, REDIRECT), ("pk", "statement_pk"), post=False
    ),
}
