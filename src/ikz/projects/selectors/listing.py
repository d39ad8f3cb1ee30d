"""The board (columns by stage) and the sortable list, both with the same filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from ikz.accounts.access import Access
from ikz.projects.models import Participation, Project, Stage, StageChange
from ikz.projects.selectors.visibility import visible_projects

LIST_PAGE_SIZE = 50
BOARD_COLUMN_LIMIT = 20  # cards per column and per "weitere" step
LIFECYCLE = [
    Stage.IDEA,
    Stage.ASSESSMENT,
    Stage.CONCEPT,
    Stage.DECIDED,
    Stage.IMPLEMENTATION,
    Stage.ESTABLISHED,
]
CLOSED = [Stage.NOT_PURSUED, Stage.BILATERAL]


@dataclass(frozen=True)
class ProjectFilter:
    field_id: int | None = None
    body_id: int | None = None
    municipality_id: int | None = None
    stage: str = ""

    def apply(self, projects: QuerySet[Project]) -> QuerySet[Project]:
        if self.stage in Stage.values:
            projects = projects.filter(stage=self.stage)
        if self.field_id:
            projects = projects.filter(field_id=self.field_id)
        if self.body_id:
            projects = projects.filter(lead_body_id=self.body_id)
        if self.municipality_id:
            # Led by the municipality, or the municipality takes part in any way.
            involved = Participation.objects.filter(municipality_id=self.municipality_id).exclude(
                status=Participation.Status.NOT_INVOLVED
            )
            projects = projects.filter(
                Q(lead_municipality_id=self.municipality_id)
                | Q(pk__in=involved.values("project_id"))
            )
        return projects

    @property
    def active(self) -> bool:
        return bool(self.field_id or self.body_id or self.municipality_id or self.stage)


def _card_rows(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.select_related("field", "lead_municipality", "lead_body").annotate(
        participating_count=Count(
            "participations",
            filter=Q(
                participations__status__in=[
                    Participation.Status.PARTICIPATING,
                    Participation.Status.COUNCIL_PENDING,
                    Participation.Status.COUNCIL_APPROVED,
                ]
            ),
            distinct=True,
        ),
        interested_count=Count(
            "participations",
            filter=Q(participations__status=Participation.Status.INTERESTED),
            distinct=True,
        ),
    )


@dataclass
class BoardColumn:
    stage: Stage
    projects: list[Project] = field(default_factory=list)
    is_closed: bool = False
    total: int = 0

    @property
    def hidden(self) -> int:
        return self.total - len(self.projects)

    @property
    def label(self) -> str:
        return str(self.stage.label)


def board(*, access: Access, filters: ProjectFilter) -> list[BoardColumn]:
    """Columns by stage (the lifecycle, then the two closed stages) in two queries.

    A column shows its first ``BOARD_COLUMN_LIMIT`` cards by title; "weitere" loads the next
    ones (``board_cards``), and the list filtered by stage has them all. The limit is applied in
    SQL (row number per stage) and the totals come from one aggregate, so neither the rows
    fetched nor the cards built grow with the number of projects.
    """
    columns = {stage: BoardColumn(stage=Stage(stage)) for stage in LIFECYCLE}
    columns.update({stage: BoardColumn(stage=Stage(stage), is_closed=True) for stage in CLOSED})
    matching = filters.apply(visible_projects(access=access))
    for row in matching.order_by().values("stage").annotate(total=Count("pk")):
        columns[Stage(row["stage"])].total = row["total"]
    first = matching.annotate(
        position=Window(
            RowNumber(), partition_by=[F("stage")], order_by=[F("title").asc(), F("pk").asc()]
        )
    ).filter(position__lte=BOARD_COLUMN_LIMIT)
    # The participation counts only for the cards shown: the window picks the ids first.
    shown = Project.objects.filter(cooperation=access.cooperation, pk__in=first.values("pk"))
    for project in _card_rows(shown).order_by("title", "pk"):
        columns[Stage(project.stage)].projects.append(project)
    return list(columns.values())


def board_cards(
    *, access: Access, filters: ProjectFilter, stage: str, offset: int
) -> tuple[list[Project], int]:
    """The next ``BOARD_COLUMN_LIMIT`` cards of one column after ``offset``, and the column's
    total: ids of the slice first, then the details (participation counts) for those only."""
    matching = filters.apply(visible_projects(access=access)).filter(stage=stage)
    total = matching.count()
    ids = list(
        matching.order_by("title", "pk").values_list("pk", flat=True)[
            offset : offset + BOARD_COLUMN_LIMIT
        ]
    )
    cards = Project.objects.filter(cooperation=access.cooperation, pk__in=ids)
    return list(_card_rows(cards).order_by("title", "pk")), total


SORTS = {
    "titel": ("title",),
    "-titel": ("-title",),
    "feld": ("field__position", "field__name", "title"),
    "-feld": ("-field__position", "-field__name", "title"),
    "phase": ("stage_rank", "title"),
    "-phase": ("-stage_rank", "title"),
    "federfuehrung": ("lead_municipality__name", "title"),
    "-federfuehrung": ("-lead_municipality__name", "title"),
    "aenderung": ("last_change", "title"),
    "-aenderung": ("-last_change", "title"),
}


def _last_change() -> Subquery:
    return Subquery(
        StageChange.objects.filter(project=OuterRef("pk")).order_by("-date").values("date")[:1]
    )


def project_page(
    *, access: Access, filters: ProjectFilter, sort: str, page: int | str | None
) -> Page[Project]:
    """The sortable, paginated list; sorting by stage follows the lifecycle, not the alphabet.

    Ids first, then the details: the page's 50 ids are sorted and cut in SQL without any
    aggregate, and only those 50 rows get their participation counts and last change.
    """
    order = SORTS.get(sort, SORTS["titel"])
    stage_rank = Case(
        *(When(stage=stage, then=Value(index)) for index, stage in enumerate(LIFECYCLE + CLOSED)),
        output_field=IntegerField(),
    )
    matching = filters.apply(visible_projects(access=access))
    keys = matching.annotate(stage_rank=stage_rank)
    if any("last_change" in key for key in order):
        keys = keys.annotate(last_change=_last_change())
    ids = keys.order_by(*order, "pk").values_list("pk", flat=True)
    paginator: Paginator[int] = Paginator(ids, LIST_PAGE_SIZE)
    paginator.count = matching.order_by().count()
    result: Page[Any] = paginator.get_page(page)
    wanted = list(result.object_list)
    details = _card_rows(
        Project.objects.filter(cooperation=access.cooperation, pk__in=wanted)
    ).annotate(last_change=_last_change())
    by_id = {project.pk: project for project in details}
    result.object_list = [by_id[pk] for pk in wanted]
    return result
