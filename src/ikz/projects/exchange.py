"""Projects in the exchange file: section ``projects`` (see docs/projects.md).

Layout::

    "projects": {
      "fields": [{"id", "name", "description"}],            # in board order
      "programmes": [{"id", "name", "funder", "website", "description"}],
      "projects": [{"id", "title", "description", "field", "lead_body", "lead_municipality",
                    "contact_person", "stage", "is_public",
                    "history": [{"from_stage", "to_stage", "date", "reason", "meeting",
                                 "point", "is_public"}],
                    "participation": [{"municipality", "status", "date", "note"}],
                    "milestones": [{"title", "date" ("2020-03-31" or "2020-01"),
                                    "is_deadline", "done", "done_on"}],
                    "funding": [{"programme", "deadline", "amount_applied" ("25000.00"),
                                 "amount_granted", "state", "submitted_on"}],
                    "references": [{"point"} or {"task"}]}],
      "goals": [{"id", "parent", "title", "description", "rank", "set_in_meeting",
                 "projects": [project ids]}]                  # parents before children
    }

Meetings, points and tasks are referred to by the numbers of the ``meetings`` section, which
comes first. The author of a stage change is a log-in and is not exported (log-ins are not part
of the file). An import restores the history as it is, without re-checking the transition
table (a past change may predate a rule), but refuses a project whose history does not end in
its stage or does not begin with its creation: the history must explain the stage.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from ikz.cooperation.models import Body, Cooperation, Municipality, Person
from ikz.dates import PartialDate, Precision
from ikz.exchange.fields import (
    Record,
    create,
    decimal_text,
    iso_date,
    iso_partial_date,
    records,
)
from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs
from ikz.meetings.models import Meeting, Point, Task
from ikz.projects.models import (
    Field,
    FundingApplication,
    FundingProgramme,
    Goal,
    GoalProject,
    Milestone,
    Participation,
    Project,
    ProjectReference,
    Stage,
    StageChange,
)

NAME = "projects"
PARTS = ("fields", "programmes", "projects", "goals")
FIELD_KEYS = ("id", "name", "description")
PROGRAMME_KEYS = ("id", "name", "funder", "website", "description")
PROJECT_KEYS = (
    "id",
    "title",
    "description",
    "field",
    "lead_body",
    "lead_municipality",
    "contact_person",
    "stage",
    "is_public",
    "history",
    "participation",
    "milestones",
    "funding",
    "references",
)
HISTORY_KEYS = ("from_stage", "to_stage", "date", "reason", "meeting", "point", "is_public")
PARTICIPATION_KEYS = ("municipality", "status", "date", "note")
MILESTONE_KEYS = ("title", "date", "is_deadline", "done", "done_on")
FUNDING_KEYS = (
    "programme",
    "deadline",
    "amount_applied",
    "amount_granted",
    "state",
    "submitted_on",
)
REFERENCE_KEYS = ("point", "task")
GOAL_KEYS = ("id", "parent", "title", "description", "rank", "set_in_meeting", "projects")


# --- Export --------------------------------------------------------------------------------------


def export_section(*, cooperation: Cooperation, ids: ExportIds) -> dict[str, Any]:
    fields = list(Field.objects.filter(cooperation=cooperation).order_by("position", "name", "pk"))
    programmes = list(FundingProgramme.objects.filter(cooperation=cooperation).order_by("name"))
    projects = list(
        Project.objects.filter(cooperation=cooperation)
        .select_related("field", "lead_body", "lead_municipality", "contact_person")
        .order_by("title", "pk")
    )
    history = _grouped(
        StageChange.objects.filter(cooperation=cooperation)
        .select_related("meeting", "point")
        .order_by("pk")  # the order of the chain: each entry starts where the one before ended
    )
    participation = _grouped(
        Participation.objects.filter(cooperation=cooperation)
        .select_related("municipality")
        .order_by("municipality__name", "pk")
    )
    milestones = _grouped(Milestone.objects.filter(cooperation=cooperation).order_by("date", "pk"))
    funding = _grouped(
        FundingApplication.objects.filter(cooperation=cooperation)
        .select_related("programme")
        .order_by("deadline", "pk")
    )
    references = _grouped(
        ProjectReference.objects.filter(cooperation=cooperation)
        .select_related("point", "task")
        .order_by("pk")
    )
    for row in fields + programmes + projects:
        ids.of(row)
    return {
        "fields": [{"id": ids.of(f), "name": f.name, "description": f.description} for f in fields],
        "programmes": [
            {
                "id": ids.of(p),
                "name": p.name,
                "funder": p.funder,
                "website": p.website,
                "description": p.description,
            }
            for p in programmes
        ],
        "projects": [
            _project_dict(p, ids, history, participation, milestones, funding, references)
            for p in projects
        ],
        "goals": _goals(cooperation, ids),
    }


def _grouped(rows: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.project_id].append(row)
    return grouped


def _project_dict(
    project: Project,
    ids: ExportIds,
    history: dict[int, list[StageChange]],
    participation: dict[int, list[Participation]],
    milestones: dict[int, list[Milestone]],
    funding: dict[int, list[FundingApplication]],
    references: dict[int, list[ProjectReference]],
) -> dict[str, Any]:
    # References to points and tasks sort by their file numbers: stable across round trips.
    refs = sorted(
        (
            {"point": ids.of(r.point)} if r.point is not None else {"task": ids.of(r.task)}  # type: ignore[arg-type]
            for r in references[project.pk]
        ),
        key=lambda item: (0, item["point"]) if "point" in item else (1, item["task"]),
    )
    return {
        "id": ids.of(project),
        "title": project.title,
        "description": project.description,
        "field": ids.maybe(project.field),
        "lead_body": ids.maybe(project.lead_body),
        "lead_municipality": ids.maybe(project.lead_municipality),
        "contact_person": ids.maybe(project.contact_person),
        "stage": project.stage,
        "is_public": project.is_public,
        "history": [
            {
                "from_stage": c.from_stage,
                "to_stage": c.to_stage,
                "date": iso_date(c.date),
                "reason": c.reason,
                "meeting": ids.maybe(c.meeting),
                "point": ids.maybe(c.point),
                "is_public": c.is_public,
            }
            for c in history[project.pk]
        ],
        "participation": [
            {
                "municipality": ids.of(p.municipality),
                "status": p.status,
                "date": iso_date(p.date),
                "note": p.note,
            }
            for p in participation[project.pk]
        ],
        "milestones": [
            {
                "title": m.title,
                "date": m.when.iso(),
                "is_deadline": m.is_deadline,
                "done": m.done,
                "done_on": iso_date(m.done_on),
            }
            for m in milestones[project.pk]
        ],
        "funding": [
            {
                "programme": ids.of(a.programme),
                "deadline": iso_partial_date(a.deadline_date),
                "amount_applied": decimal_text(a.amount_applied),
                "amount_granted": decimal_text(a.amount_granted),
                "state": a.state,
                "submitted_on": iso_date(a.submitted_on),
            }
            for a in funding[project.pk]
        ],
        "references": refs,
    }


def _goals(cooperation: Cooperation, ids: ExportIds) -> list[dict[str, Any]]:
    goals = list(
        Goal.objects.filter(cooperation=cooperation)
        .select_related("set_in_meeting")
        .order_by("rank", "title", "pk")
    )
    links: dict[int, list[int]] = defaultdict(list)
    for link in GoalProject.objects.filter(cooperation=cooperation).select_related("project"):
        links[link.goal_id].append(ids.of(link.project))
    children: dict[int | None, list[Goal]] = defaultdict(list)
    for goal in goals:
        children[goal.parent_id].append(goal)
    ordered: list[Goal] = []
    queue = list(children[None])
    while queue:  # breadth first: every parent before its children
        goal = queue.pop(0)
        ordered.append(goal)
        queue.extend(children[goal.pk])
    for goal in ordered:
        ids.of(goal)
    return [
        {
            "id": ids.of(goal),
            "parent": ids.maybe(goal.parent),
            "title": goal.title,
            "description": goal.description,
            "rank": goal.rank,
            "set_in_meeting": ids.maybe(goal.set_in_meeting),
            "projects": sorted(links[goal.pk]),
        }
        for goal in ordered
    ]


# --- Import --------------------------------------------------------------------------------------


def import_section(*, cooperation: Cooperation, data: Any, refs: ImportRefs) -> None:
    section = Record(data, NAME, keys=PARTS)
    parts = {part: section.raw(part) if part in section.data else [] for part in PARTS}
    for position, record in enumerate(
        records(parts["fields"], section.at("fields"), keys=FIELD_KEYS)
    ):
        field = Field(
            cooperation=cooperation,
            name=record.text("name", required=True),
            description=record.text("description"),
            position=position,
        )
        refs.put(Field, record.number(), create(field, path=record.path), path=record.at("id"))
    for record in records(parts["programmes"], section.at("programmes"), keys=PROGRAMME_KEYS):
        programme = FundingProgramme(
            cooperation=cooperation,
            name=record.text("name", required=True),
            funder=record.text("funder"),
            website=record.text("website"),
            description=record.text("description"),
        )
        refs.put(
            FundingProgramme,
            record.number(),
            create(programme, path=record.path),
            path=record.at("id"),
        )
    for record in records(parts["projects"], section.at("projects"), keys=PROJECT_KEYS):
        _import_project(record, cooperation, refs)
    for record in records(parts["goals"], section.at("goals"), keys=GOAL_KEYS):
        _import_goal(record, cooperation, refs)


def _import_project(record: Record, cooperation: Cooperation, refs: ImportRefs) -> None:
    number = record.number()
    project = Project(
        cooperation=cooperation,
        title=record.text("title", required=True),
        description=record.text("description"),
        field=record.ref("field", Field, refs),
        lead_body=record.ref("lead_body", Body, refs),
        lead_municipality=record.ref("lead_municipality", Municipality, refs),
        contact_person=record.ref("contact_person", Person, refs),
        stage=record.choice("stage", Stage, default=Stage.IDEA),
        is_public=record.boolean("is_public"),
    )
    refs.put(Project, number, create(project, path=record.path), path=record.at("id"))
    _import_history(record, project, refs)
    for row in records(
        record.raw("participation") or [], record.at("participation"), keys=PARTICIPATION_KEYS
    ):
        create(
            Participation(
                cooperation=cooperation,
                project=project,
                municipality=row.ref("municipality", Municipality, refs, required=True),
                status=row.choice(
                    "status", Participation.Status, default=Participation.Status.NOT_INVOLVED
                ),
                date=row.date("date"),
                note=row.text("note"),
            ),
            path=row.path,
        )
    for row in records(
        record.raw("milestones") or [], record.at("milestones"), keys=MILESTONE_KEYS
    ):
        when = row.partial_date("date")
        if when is None:
            raise ExchangeError(_("Pflichtfeld fehlt."), path=row.at("date"))
        create(
            Milestone(
                cooperation=cooperation,
                project=project,
                title=row.text("title", required=True),
                date=when.value,
                date_precision=when.precision,
                is_deadline=row.boolean("is_deadline"),
                done=row.boolean("done"),
                done_on=row.date("done_on"),
            ),
            path=row.path,
        )
    for row in records(record.raw("funding") or [], record.at("funding"), keys=FUNDING_KEYS):
        deadline: PartialDate | None = row.partial_date("deadline")
        create(
            FundingApplication(
                cooperation=cooperation,
                project=project,
                programme=row.ref("programme", FundingProgramme, refs, required=True),
                deadline=deadline.value if deadline else None,
                deadline_precision=deadline.precision if deadline else Precision.DAY,
                amount_applied=row.decimal("amount_applied"),
                amount_granted=row.decimal("amount_granted"),
                state=row.choice(
                    "state", FundingApplication.State, default=FundingApplication.State.PLANNED
                ),
                submitted_on=row.date("submitted_on"),
            ),
            path=row.path,
        )
    for row in records(
        record.raw("references") or [], record.at("references"), keys=REFERENCE_KEYS
    ):
        point = row.ref("point", Point, refs)
        task = row.ref("task", Task, refs)
        if (point is None) == (task is None):
            raise ExchangeError(
                _("Ein Verweis nennt genau einen Protokollpunkt oder eine Aufgabe."), path=row.path
            )
        create(
            ProjectReference(cooperation=cooperation, project=project, point=point, task=task),
            path=row.path,
        )


def _import_history(record: Record, project: Project, refs: ImportRefs) -> None:
    rows = records(record.raw("history") or [], record.at("history"), keys=HISTORY_KEYS)
    if not rows or rows[0].text("from_stage") != "":
        raise ExchangeError(
            _("Die Historie muss mit dem Anlegen des Vorhabens beginnen (from_stage leer)."),
            path=record.at("history"),
        )
    for row in rows:
        date = row.date("date")
        if date is None:
            raise ExchangeError(_("Pflichtfeld fehlt."), path=row.at("date"))
        from_stage = row.text("from_stage")
        if from_stage and from_stage not in Stage.values:
            raise ExchangeError(
                _("„%(stage)s“ ist keine Phase.") % {"stage": from_stage}, path=row.at("from_stage")
            )
        # The point's kind and meeting, and a reason where there is no point: StageChange.clean.
        create(
            StageChange(
                cooperation=project.cooperation,
                project=project,
                from_stage=from_stage,
                to_stage=row.choice("to_stage", Stage, default=""),
                date=date,
                reason=row.text("reason"),
                meeting=row.ref("meeting", Meeting, refs),
                point=row.ref("point", Point, refs),
                is_public=row.boolean("is_public", default=True),
            ),
            path=row.path,
        )
    last = rows[-1].text("to_stage")
    if last != project.stage:
        raise ExchangeError(
            _("Die Historie endet in „%(last)s“, das Vorhaben steht aber in „%(stage)s“.")
            % {"last": last, "stage": project.stage},
            path=record.at("history"),
        )


def _import_goal(record: Record, cooperation: Cooperation, refs: ImportRefs) -> None:
    number = record.number()
    goal = Goal(
        cooperation=cooperation,
        parent=record.ref("parent", Goal, refs),
        title=record.text("title", required=True),
        description=record.text("description"),
        rank=record.integer("rank", minimum=0, maximum=32767),
        set_in_meeting=record.ref("set_in_meeting", Meeting, refs),
    )
    refs.put(Goal, number, create(goal, path=record.path), path=record.at("id"))
    project_ids = record.raw("projects") or []
    if not isinstance(project_ids, list):
        raise ExchangeError(_("Erwartet wird eine Liste von Nummern."), path=record.at("projects"))
    for index, value in enumerate(project_ids):
        project = refs.get(Project, value, path=f"{record.at('projects')}[{index}]")
        create(
            GoalProject(cooperation=cooperation, goal=goal, project=project),
            path=f"{record.at('projects')}[{index}]",
        )
