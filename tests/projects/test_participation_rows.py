"""Issue #19, "render less": the project page's participation matrix renders a read-only row
per municipality; the coordinator's "Ändern" loads the one row's form by htmx (docs/projects.md,
"Beteiligung"). The page's forms and options do not grow with the municipalities, each row
stays small."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from ikz.projects.models import Participation, Project
from tests.conftest import World, client_for
from tests.factories import MunicipalityFactory
from tests.markup import page_weight, squash
from tests.projects.helpers import project

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}

# The coordinator's project page, counted by hand from its templates: the header's search, the
# log-out and the confirmation dialog (base.html); no milestone, attachment or agreement form
# here, and no select (the stage changes on its own page).
PROJECT_FORMS = 3
PROJECT_OPTIONS = 0
# A read-only row: name, status, date, note and the "Ändern" link with its htmx twin and the
# name for screen readers, about 450 bytes. The row with a form before issue #19 was 1,900.
ROW_BYTES = 600


def _target(world: World) -> Project:
    return project(cooperation=world.cooperation, title="Gemeinsamer Bauhof", is_public=True)


def _urls(world: World, target: Project) -> tuple[str, str, str]:
    args = [world.cooperation.slug, target.pk, world.municipality.pk]
    return (
        reverse("projects:participation", args=args),
        reverse("projects:participation_show", args=args),
        reverse("projects:detail", args=args[:2]),
    )


def test_project_page_does_not_grow_a_form_per_municipality(world: World) -> None:
    target = _target(world)
    MunicipalityFactory.create_batch(48, cooperation=world.cooperation)  # 50 with the world's
    coordinator = client_for(world.coordinator)
    path = reverse("projects:detail", args=[world.cooperation.slug, target.pk])
    forms, options, size, queries = page_weight(coordinator, path)
    assert (forms, options) == (PROJECT_FORMS, PROJECT_OPTIONS)

    MunicipalityFactory.create_batch(50, cooperation=world.cooperation)
    more_forms, more_options, more_size, more_queries = page_weight(coordinator, path)
    assert (more_forms, more_options, more_queries) == (forms, options, queries)
    assert 0 < more_size - size <= 50 * ROW_BYTES, more_size - size


def test_every_role_reads_the_same_columns_the_coordinator_gets_the_link(world: World) -> None:
    target = _target(world)
    Participation.objects.create(
        cooperation=world.cooperation,
        project=target,
        municipality=world.municipality,
        status=Participation.Status.PARTICIPATING,
        date=dt.date(2019, 12, 5),
        note="Bauhofleiter fragt",
    )
    edit, _show, detail = _urls(world, target)
    expected = (
        f'<th scope="row" class="kern-table__cell">{world.municipality.name}</th>'
        '<td class="kern-table__cell">beteiligt</td><td class="kern-table__cell"> 05.12.2019</td>'
        '<td class="kern-table__cell">Bauhofleiter fragt</td>'
    )
    for user in (None, world.member, world.coordinator):
        html = squash(client_for(user).get(detail).content.decode())
        assert expected in html
        assert (f'href="{edit}" hx-get="{edit}"' in html) is (user == world.coordinator)


def test_participation_row_round_trip(world: World) -> None:
    target = _target(world)
    edit, _show, _detail = _urls(world, target)
    coordinator = client_for(world.coordinator)
    prefix = f"m{world.municipality.pk}"

    shown = coordinator.get(edit, **HTMX)
    assert shown.status_code == 200
    html = squash(shown.content.decode())
    assert html.startswith(
        f'<tr class="kern-table__row" id="participation-{world.municipality.pk}">'
    )
    assert "<html" not in html
    assert html.count("<option") == len(Participation.Status.choices)
    assert f'name="{prefix}-status" autofocus' in html
    assert f'name="{prefix}-_version" value="neu"' in html

    saved = coordinator.post(
        edit,
        {
            f"{prefix}-status": "council_approved",
            f"{prefix}-date": "15.01.2020",
            f"{prefix}-note": "Beschluss liegt vor",
            f"{prefix}-_version": "neu",
        },
        **HTMX,
    )
    assert saved.status_code == 200
    row = squash(saved.content.decode())
    assert row.startswith(
        f'<tr class="kern-table__row" id="participation-{world.municipality.pk}">'
    )
    assert "<form" not in row
    assert "Ratsbeschluss: zugestimmt" in row
    assert "15.01.2020" in row
    assert "Beschluss liegt vor" in row
    assert '<span role="status">gespeichert</span>' in row
    assert "autofocus" in row  # back on "Ändern"
    entry = Participation.objects.get()
    assert (entry.status, entry.date, entry.note) == (
        "council_approved",
        dt.date(2020, 1, 15),
        "Beschluss liegt vor",
    )


def test_refused_row_shows_the_german_error_and_saves_nothing(world: World) -> None:
    target = _target(world)
    edit, _show, _detail = _urls(world, target)
    prefix = f"m{world.municipality.pk}"
    refused = client_for(world.coordinator).post(
        edit,
        {f"{prefix}-status": "council_approved", f"{prefix}-date": "", f"{prefix}-note": "x"},
        **HTMX,
    )
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "<form" in html  # still the row in edit mode
    assert "Bitte das Datum des Ratsbeschlusses angeben." in html
    assert 'value="x"' in html
    assert not Participation.objects.exists()


def test_cancel_returns_the_read_only_row(world: World) -> None:
    target = _target(world)
    _edit, show, detail = _urls(world, target)
    coordinator = client_for(world.coordinator)
    row = coordinator.get(show, **HTMX)
    assert row.status_code == 200
    html = squash(row.content.decode())
    assert html.startswith(
        f'<tr class="kern-table__row" id="participation-{world.municipality.pk}">'
    )
    assert "nicht beteiligt" in html
    assert "<form" not in html
    assert "gespeichert" not in html
    plain = coordinator.get(show)
    assert (plain.status_code, plain["Location"]) == (302, f"{detail}#beteiligung")


def test_without_javascript_the_link_opens_the_form_page(world: World) -> None:
    target = _target(world)
    edit, _show, detail = _urls(world, target)
    coordinator = client_for(world.coordinator)
    page = coordinator.get(edit)
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    prefix = f"m{world.municipality.pk}"
    saved = coordinator.post(edit, {f"{prefix}-status": "interested", f"{prefix}-_version": "neu"})
    assert (saved.status_code, saved["Location"]) == (302, f"{detail}#beteiligung")
    assert Participation.objects.get().status == "interested"


@pytest.mark.parametrize("which", [0, 1])
def test_rows_in_edit_mode_are_the_coordinators_only(
    world: World, other: World, which: int
) -> None:
    target = _target(world)
    path = _urls(world, target)[which]
    anonymous = client_for(None).get(path, **HTMX)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert client_for(world.member).get(path, **HTMX).status_code == 403
    assert client_for(world.outsider).get(path, **HTMX).status_code == 403
    # Another cooperation's project or municipality in this cooperation's address: not found.
    theirs = project(cooperation=other.cooperation, title="Fremd", is_public=True)
    name = ("projects:participation", "projects:participation_show")[which]
    slug = world.cooperation.slug
    coordinator = client_for(world.coordinator)
    for args in (
        [slug, theirs.pk, world.municipality.pk],
        [slug, target.pk, other.municipality.pk],
    ):
        assert coordinator.get(reverse(name, args=args), **HTMX).status_code == 404
