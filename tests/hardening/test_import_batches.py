"""``ikz import`` of a large file inserts the minute points in batches: the number of SQL
queries does not grow with each point, while every point still gets its history record (a
system change, like the rest of the import), is found by the search, and a broken point is
still refused with its place in the file and nothing written."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.cooperation.models import Body, Cooperation
from ikz.dates import PartialDate
from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import export_cooperation, import_cooperation
from ikz.meetings import services
from ikz.meetings.models import Meeting, Point
from ikz.search.models import SearchEntry
from tests.exchange_support import row_counts


def _file_with_points(points: int, *, slug: str) -> dict[str, Any]:
    """An exported cooperation with one meeting of ``points`` top-level points, each with one
    child (so two levels of the tree)."""
    cooperation = Cooperation.objects.create(name=f"Quelle {slug}", slug=slug)
    body = Body.objects.create(cooperation=cooperation, name="AG Quelle", kind="working_group")
    meeting = services.meeting_create(
        cooperation=cooperation, body=body, when=PartialDate.day(2019, 12, 5)
    )
    roots = Point.objects.bulk_create(
        Point(cooperation=cooperation, meeting=meeting, position=i, text=f"Punkt {i}")
        for i in range(points)
    )
    Point.objects.bulk_create(
        Point(cooperation=cooperation, meeting=meeting, parent=root, text=f"Unterpunkt {i}")
        for i, root in enumerate(roots)
    )
    return export_cooperation(cooperation=cooperation)


def _queries_to_import(data: dict[str, Any], slug: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        import_cooperation(data=data, slug=slug)
    return len(queries)


@pytest.mark.django_db
def test_the_queries_of_an_import_do_not_grow_with_each_point() -> None:
    small = _queries_to_import(_file_with_points(20, slug="klein"), "klein-kopie")
    large = _queries_to_import(_file_with_points(400, slug="gross"), "gross-kopie")
    # 760 more points (two levels): one row at a time would be several queries each (at least
    # 760 more); in batches it is a few more INSERTs for the points, their history records and
    # their search entries (SQLite splits a batch by its limit of bound parameters).
    assert large - small <= 40, (small, large)
    imported = Cooperation.objects.get(slug="gross-kopie")
    assert Point.objects.filter(cooperation=imported).count() == 800
    assert Point.objects.filter(cooperation=imported, parent__isnull=False).count() == 400


@pytest.mark.django_db
def test_imported_points_have_history_and_are_searchable() -> None:
    imported = import_cooperation(data=_file_with_points(5, slug="quelle"), slug="kopie")
    points = list(Point.objects.filter(cooperation=imported))
    assert len(points) == 10
    created = Point.history.filter(cooperation_id=imported.pk)  # type: ignore[attr-defined]
    assert sorted(record.id for record in created) == sorted(point.pk for point in points)
    assert {record.history_type for record in created} == {"+"}
    assert all(record.history_user is None for record in created)
    # Recorded as part of the same import as the meeting (one system change).
    meetings = Meeting.history.filter(cooperation_id=imported.pk)  # type: ignore[attr-defined]
    assert {record.batch for record in created} == {record.batch for record in meetings}
    indexed = SearchEntry.objects.filter(cooperation_id=imported.pk, kind="point")
    assert sorted(indexed.values_list("object_id", flat=True)) == sorted(p.pk for p in points)


@pytest.mark.django_db
def test_a_broken_point_in_a_batch_names_its_place_and_writes_nothing() -> None:
    data = _file_with_points(30, slug="quelle")
    broken = copy.deepcopy(data)
    broken["meetings"]["meetings"][0]["points"][17]["children"][0]["kind"] = "unsinn"
    before = row_counts()
    with pytest.raises(ExchangeError) as error:
        import_cooperation(data=broken, slug="kaputt")
    assert "meetings.meetings[0].points[17].children[0].kind" in str(error.value)
    assert row_counts() == before
