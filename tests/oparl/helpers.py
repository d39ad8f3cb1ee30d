"""A cooperation with public and internal things of every OParl kind, and a walker that
fetches the whole OParl API from the System object and validates every response."""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ikz.attachments import services as attachment_services
from ikz.attachments.models import Attachment
from ikz.cooperation import services as cooperation_services
from ikz.cooperation.models import Location, Membership, Person
from ikz.dates import PartialDate
from ikz.meetings import services as meeting_services
from ikz.meetings.models import AgendaItem, Meeting
from ikz.reports import services as report_services
from ikz.reports.models import ReportVersion, StatusReport
from tests.conftest import World
from tests.factories import LocationFactory, MembershipFactory, PersonFactory
from tests.oparl.schema import errors

ROOT = "http://testserver/oparl/v1/"
# The list properties of a Body and the type of their items.
BODY_LISTS = {
    "organization": "Organization",
    "person": "Person",
    "meeting": "Meeting",
    "paper": "Paper",
    "agendaItem": "AgendaItem",
    "file": "File",
    "locationList": "Location",
    "membership": "Membership",
}


@dataclass
class OparlScene:
    world: World
    public_meeting: Meeting
    internal_meeting: Meeting
    town_hall: Location  # where the public meeting takes place
    back_office: Location  # only used by the internal meeting
    items: list[AgendaItem]
    consenting: Person  # consented, member of the public body
    shy: Person  # no consent, member of the public body
    public_membership: Membership
    public_report: StatusReport
    public_version: ReportVersion
    internal_report: StatusReport
    meeting_file: Attachment  # public, on the public meeting
    item_file: Attachment  # public, on the agenda item "Radwegekonzept"
    internal_file: Attachment  # "nur für die Koordination", on the public meeting

    @property
    def body_url(self) -> str:
        return f"{ROOT}body/{self.world.cooperation.pk}/"


def build_oparl_scene(world: World, *, publish: bool = True) -> OparlScene:
    cooperation = world.cooperation
    suffix = cooperation.name.rsplit(" ", 1)[-1]
    town_hall = LocationFactory(
        cooperation=cooperation,
        name=f"Rathaus {suffix}",
        address="Markt 1",
        municipality=world.municipality,
    )
    back_office = LocationFactory(cooperation=cooperation, name=f"Hinterzimmer {suffix}")
    public_meeting = meeting_services.meeting_create(
        cooperation=cooperation,
        body=world.public_body,
        when=PartialDate.day(2019, 12, 5),
        start_time=dt.time(18, 0),
        end_time=dt.time(20, 0),
        location=town_hall,
        is_public=True,
        title=f"Bürgerforum {suffix}",
    )
    first = meeting_services.agenda_item_add(meeting=public_meeting, title="Begrüßung")
    second = meeting_services.agenda_item_add(meeting=public_meeting, title="Radwegekonzept")
    sub = meeting_services.agenda_item_add(
        meeting=public_meeting, title="Förderantrag", parent=second
    )
    internal_meeting = meeting_services.meeting_create(
        cooperation=cooperation,
        body=world.internal_body,
        when=PartialDate.day(2019, 12, 6),
        location=back_office,
        title=f"Geheimrunde {suffix}",
    )
    meeting_services.agenda_item_add(meeting=internal_meeting, title=f"Personalsache {suffix}")
    consenting = PersonFactory(
        cooperation=cooperation,
        given_name="Olga",
        family_name=f"Offen{suffix}",
        title="Dr.",
        function="Bürgermeisterin",
        email=f"olga{suffix.lower()}@example.org",
        municipality=world.municipality,
        publication_consent=True,
    )
    shy = PersonFactory(
        cooperation=cooperation,
        given_name="Sven",
        family_name=f"Scheu{suffix}",
        municipality=world.municipality,
    )
    public_membership = cooperation_services.membership_save(
        cooperation=cooperation,
        fields={"person": consenting, "body": world.public_body, "role": "chair"},
    )
    MembershipFactory(cooperation=cooperation, person=shy, body=world.public_body)
    # A consenting person's membership of an internal body stays internal.
    MembershipFactory(cooperation=cooperation, person=consenting, body=world.internal_body)
    public_report = report_services.report_create(
        cooperation=cooperation,
        period_start=dt.date(2019, 12, 1),
        period_end=dt.date(2019, 12, 31),
        audience=StatusReport.Audience.PUBLIC,
    )
    internal_report = report_services.report_create(
        cooperation=cooperation,
        period_start=dt.date(2019, 11, 1),
        period_end=dt.date(2019, 11, 30),
    )
    meeting_file, item_file, internal_file = _attachments(
        public_meeting, second, internal_meeting, suffix
    )
    version = ReportVersion.objects.none().first()
    if publish:
        _make_publishable(public_meeting)
        version = report_services.report_publish(report=public_report)
        report_services.report_publish(report=internal_report)
    return OparlScene(
        world=world,
        public_meeting=public_meeting,
        internal_meeting=internal_meeting,
        town_hall=town_hall,
        back_office=back_office,
        items=[first, second, sub],
        consenting=consenting,
        shy=shy,
        public_membership=public_membership,
        public_report=public_report,
        public_version=version,  # type: ignore[arg-type]
        internal_report=internal_report,
        meeting_file=meeting_file,
        item_file=item_file,
        internal_file=internal_file,
    )


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _attachments(
    public_meeting: Meeting, item: AgendaItem, internal_meeting: Meeting, suffix: str
) -> tuple[Attachment, Attachment, Attachment]:
    """Needs MEDIA_ROOT in a temporary folder (tests/oparl/conftest.py)."""

    def add(parent_kind: str, parent: Any, title: str, name: str, **fields: Any) -> Attachment:
        return attachment_services.attachment_add(
            cooperation=parent.cooperation,
            parent_kind=parent_kind,
            parent=parent,
            title=title,
            upload=SimpleUploadedFile(name, PDF, content_type="application/pdf"),
            **fields,
        )

    meeting_file = add("meeting", public_meeting, f"Einladung {suffix}", "einladung.pdf")
    item_file = add("agenda_item", item, f"Lageplan {suffix}", "lageplan.pdf")
    internal_file = add(
        "meeting", public_meeting, f"Vertraulich {suffix}", "vertraulich.pdf", is_internal=True
    )
    add("meeting", internal_meeting, f"Geheimplan {suffix}", "geheim.pdf")
    return meeting_file, item_file, internal_file


def _make_publishable(meeting: Meeting) -> None:
    """A report needs content: the meeting held with published minutes."""
    from ikz.meetings.services_minutes import point_add

    meeting_services.meeting_set_state(meeting=meeting, state=Meeting.State.HELD)
    meeting_services.meeting_set_state(meeting=meeting, state=Meeting.State.MINUTES_PUBLISHED)
    point_add(meeting=meeting, text="Das Radwegekonzept wird vorgestellt.")


@dataclass
class Walk:
    """Everything the walk saw: objects by id, list pages, and every text fetched."""

    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    embedded: list[dict[str, Any]] = field(default_factory=list)
    lists: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    web: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def of_type(self, name: str) -> list[dict[str, Any]]:
        return [o for o in self.objects.values() if o["type"].endswith(f"/{name}")]


def _type_name(obj: dict[str, Any]) -> str:
    return str(obj.get("type", "")).rsplit("/", 1)[-1]


def _links(node: Any, found: set[str], web: set[str], key: str = "") -> None:
    if isinstance(node, dict):
        for name, value in node.items():
            _links(value, found, web, name)
    elif isinstance(node, list):
        for value in node:
            _links(value, found, web, key)
    elif isinstance(node, str) and node.startswith("http://testserver/"):
        if node.startswith(ROOT):
            found.add(node)
        elif key in {"web", "accessUrl", "downloadUrl", "website"}:
            web.add(node)


def _embedded(obj: dict[str, Any]) -> list[dict[str, Any]]:
    inner: list[dict[str, Any]] = []
    for value in obj.values():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, dict) and "type" in item:
                inner.append(item)
                inner += _embedded(item)
    return inner


def walk(client: Client, start: str = ROOT, *, limit: int | None = None) -> Walk:
    """Breadth-first over every OParl URL reachable from ``start``; validates as it goes."""
    seen: Walk = Walk()
    queue: deque[tuple[str, str | None]] = deque([(start, None)])
    visited: set[str] = set()
    expected_item_type: dict[str, str] = {}
    while queue:
        url, expect = queue.popleft()
        if url in visited:
            continue
        visited.add(url)
        fetch = url if limit is None or "?" in url else f"{url}?limit={limit}"
        response = client.get(fetch)
        if response.status_code != 200:
            seen.problems.append(f"{fetch}: {response.status_code}")
            continue
        assert response["Content-Type"].startswith("application/json"), fetch
        text = response.content.decode()
        seen.texts.append(text)
        data = json.loads(text)
        found: set[str] = set()
        if "data" in data:
            item_type = expect or expected_item_type.get(url.split("?")[0])
            _walk_list(seen, url, fetch, data, item_type, queue)
            _links(data["data"], found, seen.web)
        else:
            _walk_object(seen, url, fetch, data, expected_item_type)
            _links(data, found, seen.web)
        for link in sorted(found):
            if link.split("?")[0] not in visited:
                queue.append((link, expected_item_type.get(link)))
    return seen


def _walk_list(
    seen: Walk,
    url: str,
    fetch: str,
    data: dict[str, Any],
    item_type: str | None,
    queue: deque[tuple[str, str | None]],
) -> None:
    seen.problems += [f"{fetch} (list): {e}" for e in errors("List", data)]
    seen.lists.setdefault(url.split("?")[0], []).append(data)
    pagination = data["pagination"]
    is_last = pagination["currentPage"] >= pagination["totalPages"]
    if is_last == ("next" in data["links"]):
        seen.problems.append(f"{fetch}: links.next wrong on page {pagination}")
    if "next" in data["links"]:
        queue.append((data["links"]["next"], item_type))
    for item in data["data"]:
        name = _type_name(item)
        if item_type and name != item_type:
            seen.problems.append(f"{fetch}: a {name} in a list of {item_type}")
        seen.problems += [f"{fetch} item {item.get('id')}: {e}" for e in errors(name, item)]
        seen.objects.setdefault(item["id"], item)
        seen.embedded += _embedded(item)


def _walk_object(
    seen: Walk, url: str, fetch: str, data: dict[str, Any], expected_item_type: dict[str, str]
) -> None:
    name = _type_name(data)
    seen.problems += [f"{fetch}: {e}" for e in errors(name, data)]
    if data.get("id") != url:
        seen.problems.append(f"{fetch}: id is {data.get('id')}")
    seen.objects[data["id"]] = data
    seen.embedded += _embedded(data)
    if name == "System":
        expected_item_type[data["body"]] = "Body"
    if name == "Body":
        for key, item_type in BODY_LISTS.items():
            if key in data:
                expected_item_type[data[key]] = item_type
