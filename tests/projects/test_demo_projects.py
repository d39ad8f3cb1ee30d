"""The demo's projects are true to the seed report, and linked to the December minutes."""

from __future__ import annotations

import datetime as dt

import pytest

from ikz.accounts.access import Access, Level
from ikz.cooperation.models import Cooperation
from ikz.demo.loader import DemoResult
from ikz.projects import selectors
from ikz.projects.models import FundingApplication, Goal, Milestone, Project, Stage, StageChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_demo: DemoResult) -> Cooperation:
    return shared_demo.cooperation


class TestTheDemoProjects:
    """One demo for the class (conftest ``shared_demo``); each test in its own savepoint."""

    def test_stages_and_deciding_points(self, demo: Cooperation) -> None:
        projects = {p.title: p for p in Project.objects.filter(cooperation=demo)}
        assert projects["Standesamt"].stage == Stage.NOT_PURSUED
        assert projects["Co-Working-Spaces"].stage == Stage.IDEA
        assert projects["Gemeinsame Stellenplattform und Ausbildung"].stage == Stage.IDEA
        assert projects["Bibliothek"].stage == Stage.CONCEPT
        assert projects["Personal-Sharing"].stage == Stage.ASSESSMENT
        standesamt = StageChange.objects.get(project=projects["Standesamt"], to_stage="not_pursued")
        assert standesamt.meeting is not None
        assert standesamt.point is not None
        assert standesamt.meeting.heading == "2. AG Verwaltung"
        assert standesamt.point.text.startswith("Standesamt: keine weitere Verfolgung")
        assert "ggf. bilateral" in standesamt.reason
        personal = StageChange.objects.get(
            project=projects["Personal-Sharing"], to_stage="assessment"
        )
        assert personal.point is not None
        assert "Zweckvereinbarungen" in personal.point.text
        library = StageChange.objects.get(project=projects["Bibliothek"], to_stage="concept")
        assert library.date == dt.date(2019, 12, 10)
        assert library.meeting is not None
        assert library.meeting.heading == "2. AG Verwaltung"
        # Every project's history ends in its current stage.
        for project in projects.values():
            last = project.stage_changes.order_by("date", "pk").last()
            assert last is not None
            assert last.to_stage == project.stage
        assert len(projects) == 12

    def test_library_funding_and_milestones(self, demo: Cooperation) -> None:
        application = FundingApplication.objects.get(cooperation=demo)
        assert application.deadline == dt.date(2020, 3, 31)
        assert application.project.title == "Bibliothek"
        workshop = Milestone.objects.get(cooperation=demo, title="Workshop Bibliothek")
        assert str(workshop.when) == "01/2020"

    def test_december_minutes_link_projects(self, demo: Cooperation) -> None:
        access = Access(cooperation=demo, level=Level.COORDINATOR)
        meeting = demo.meetings.get(body__name="AG Verwaltung", number=2)
        linked = selectors.point_projects(access=access, meeting=meeting)
        titles = {p.title for projects in linked.values() for p in projects}
        assert {"Standesamt", "Co-Working-Spaces", "Personal-Sharing", "Bibliothek"} <= titles

    def test_five_ranked_goals_of_the_workshop(self, demo: Cooperation) -> None:
        goals = list(Goal.objects.filter(cooperation=demo).order_by("rank"))
        assert [g.rank for g in goals] == [1, 2, 3, 4, 5]
        # None (no meeting) would fail the comparison as the missing attribute did.
        assert {g.set_in_meeting and g.set_in_meeting.title for g in goals} == {
            "Strategiewerkstatt"
        }
        assert all(g.projects.exists() for g in goals)
