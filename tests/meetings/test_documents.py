"""Invitation and Ergebnisprotokoll: generated from the data, PDF and DOCX, in the mails,
and the minutes approved ("genehmigt") at the following meeting."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from ikz.accounts.access import Access, Level
from ikz.dates import PartialDate
from ikz.meetings import services
from ikz.meetings.documents import content
from ikz.meetings.documents.render import render
from ikz.meetings.documents.services import minutes_approve, propose_approval_item
from ikz.meetings.models import AgendaItem, Attendance, Meeting, Point
from tests.conftest import World, client_for
from tests.factories import MembershipFactory, MunicipalityFactory, PersonFactory
from tests.reports.helpers import pdf_fonts, texts_of

pytestmark = pytest.mark.django_db


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"-\n", "-", text)).strip()


@pytest.fixture
def session(world: World) -> Meeting:
    body = world.member_body
    body.session_name = "Lenkungsgruppensitzung"
    body.save()
    host = MunicipalityFactory(cooperation=world.cooperation, name="Großpösna")
    kleinroda = MunicipalityFactory(cooperation=world.cooperation, name="Kleinroda")
    from ikz.cooperation.models import Location

    place = Location.objects.create(
        cooperation=world.cooperation,
        name="Rathaus Großpösna",
        address="Im Rittergut 1, 04463 Großpösna",
        municipality=host,
    )
    mayor = PersonFactory(
        cooperation=world.cooperation,
        given_name="Gabriele",
        family_name="Lehmann",
        function="Bürgermeisterin",
        municipality=kleinroda,
    )
    MembershipFactory(cooperation=world.cooperation, body=body, person=mayor)
    meeting = services.meeting_create(
        cooperation=world.cooperation,
        body=body,
        number=4,
        when=PartialDate.day(2024, 7, 10),
        start_time=dt.time(10, 0),
        end_time=dt.time(12, 0),
        location=place,
    )
    welcome = services.agenda_item_add(meeting=meeting, title="Begrüßung", presenter=mayor)
    bauhof = services.agenda_item_add(meeting=meeting, title="Gemeinsamer Bauhof")
    services.point_add(meeting=meeting, agenda_item=welcome, text="Die Sitzung ist beschlussfähig")
    services.point_add(
        meeting=meeting,
        agenda_item=bauhof,
        text="Der Bauhof wird gemeinsam betrieben",
        kind=Point.Kind.DECISION,
    )
    services.point_add(
        meeting=meeting,
        agenda_item=bauhof,
        text="Kleinroda legt den Ratsbeschluss vor",
        kind=Point.Kind.TASK,
        owner=kleinroda,
        due=PartialDate.day(2024, 8, 15),
    )
    services.attendance_set(meeting=meeting, person=mayor, status=Attendance.Status.PRESENT)
    services.meeting_create(
        cooperation=world.cooperation,
        body=body,
        number=5,
        when=PartialDate.day(2024, 9, 18),
        start_time=dt.time(10, 0),
        location=place,
    )
    return services.meeting_set_state(meeting=meeting, state=Meeting.State.HELD)


def _doc(world: World, meeting: Meeting, kind: str, level: Level = Level.COORDINATOR):
    access = Access(cooperation=world.cooperation, level=level)
    return content.build(access=access, meeting_pk=meeting.pk, kind=kind)


INVITATION_FACTS = [
    "Einladung",
    "4. Lenkungsgruppensitzung",
    "Mittwoch, 10.07.2024, 10:00–12:00 Uhr",
    "Rathaus Großpösna, Im Rittergut 1, 04463 Großpösna",
    "Begrüßung (Gabriele Lehmann)",
    "Gemeinsamer Bauhof",
]
MINUTES_FACTS = [
    "Ergebnisprotokoll",
    "Kleinroda",
    "Gabriele Lehmann (Bürgermeisterin)",
    "Die Sitzung ist beschlussfähig",
    "Der Bauhof wird gemeinsam betrieben",
    "Kleinroda legt den Ratsbeschluss vor",
    "Aufgabe – Kleinroda, bis 15.08.2024",
    "15.08.2024",
    "18.09.2024, 5. Lenkungsgruppensitzung",
    "Entwurf",
]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_invitation_holds_every_fact(world: World, session: Meeting, fmt: str) -> None:
    data = render(_doc(world, session, content.INVITATION), fmt)
    text = _normal(texts_of(fmt, data) + _docx_tables(fmt, data))
    for fact in INVITATION_FACTS:
        assert _normal(fact) in text, (fmt, fact)
    assert "Ratsbeschluss" not in text  # the invitation has no minutes
    if fmt == "pdf":  # the shipped IKZ Sans (ikz/fonts), no fallback font
        assert {name.split("-")[0] for name in pdf_fonts(data)} == {"IKZSans"}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_minutes_hold_every_fact(world: World, session: Meeting, fmt: str) -> None:
    data = render(_doc(world, session, content.MINUTES), fmt)
    text = _normal(texts_of(fmt, data) + _docx_tables(fmt, data))
    for fact in MINUTES_FACTS:
        assert _normal(fact) in text, (fmt, fact)


def _docx_tables(fmt: str, data: bytes) -> str:
    if fmt != "docx":
        return ""
    import docx

    document = docx.Document(io.BytesIO(data))
    return " ".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )


def test_minutes_collect_decisions_and_tasks(world: World, session: Meeting) -> None:
    doc = _doc(world, session, content.MINUTES)
    assert doc.decisions == ("Der Bauhof wird gemeinsam betrieben",)
    assert doc.tasks == (
        content.DocTask("Kleinroda legt den Ratsbeschluss vor", "Kleinroda", "15.08.2024"),
    )
    assert [(a.municipality, a.present) for a in doc.attendance] == [
        ("Kleinroda", ("Gabriele Lehmann (Bürgermeisterin)",))
    ]
    public = _doc(world, session, content.MINUTES, Level.PUBLIC) if session.is_public else None
    assert public is None  # an internal meeting's minutes are not built for the public


def test_the_public_learn_municipalities_not_names(world: World, session: Meeting) -> None:
    session.is_public = True
    session.save()
    services.meeting_set_state(meeting=session, state=Meeting.State.MINUTES_PUBLISHED)
    doc = _doc(world, session, content.MINUTES, Level.PUBLIC)
    assert [(a.municipality, a.present) for a in doc.attendance] == [("Kleinroda", ())]


def test_download_views_and_their_names(world: World, session: Meeting) -> None:
    client = client_for(world.coordinator)
    base = reverse("meetings:detail", args=[world.cooperation.slug, session.pk])
    page = client.get(base).content.decode()
    assert "Ergebnisprotokoll" in page
    pdf = client.get(f"{base}dokumente/protokoll.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="protokoll-4-lenkungsgruppensitzung.pdf"' in pdf["Content-Disposition"]
    docx = client.get(f"{base}dokumente/einladung.docx")
    assert docx.content[:2] == b"PK"
    assert client.get(f"{base}dokumente/protokoll.odt").status_code == 404
    assert client.get(f"{base}dokumente/brief.pdf").status_code == 404
    # A member reads the minutes only once they are published.
    member = client_for(world.member)
    assert member.get(f"{base}dokumente/protokoll.pdf").status_code == 404
    services.meeting_set_state(meeting=session, state=Meeting.State.MINUTES_PUBLISHED)
    assert member.get(f"{base}dokumente/protokoll.pdf").status_code == 200


def test_approval_is_proposed_and_recorded(world: World, session: Meeting) -> None:
    services.meeting_set_state(meeting=session, state=Meeting.State.MINUTES_PUBLISHED)
    client = client_for(world.coordinator)
    response = client.post(
        reverse("meetings:create", args=[world.cooperation.slug]),
        {
            "body": world.member_body.pk,
            "number": "6",
            "when": "20.11.2024",
            "state": "planned",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    following = Meeting.objects.get(body=world.member_body, number=6)
    first = AgendaItem.objects.filter(meeting=following).order_by("position").first()
    assert first is not None
    assert first.title == "Genehmigung des Protokolls der 4. Sitzung"
    assert first.approves_minutes_of_id == session.pk
    # Proposed once only.
    assert propose_approval_item(meeting=following) is None
    page = client.get(reverse("meetings:detail", args=[world.cooperation.slug, following.pk]))
    assert "Protokoll „4. Lenkungsgruppensitzung“ genehmigen" in page.content.decode()
    approve = reverse(
        "meetings:minutes_approve", args=[world.cooperation.slug, following.pk, first.pk]
    )
    assert client.post(approve).status_code == 302
    session.refresh_from_db()
    assert (session.minutes_approved_on, session.minutes_approved_in_id) == (
        dt.date(2024, 11, 20),
        following.pk,
    )
    text = _normal(texts_of("pdf", render(_doc(world, session, content.MINUTES), "pdf")))
    assert "genehmigt am 20.11.2024 in der Sitzung „6. Lenkungsgruppensitzung“" in text
    assert "Entwurf" not in text
    # Approving twice is refused with a German message, nothing changes.
    response = client.post(approve, follow=True)
    assert "bereits genehmigt" in response.content.decode()
    revoke = reverse("meetings:minutes_revoke", args=[world.cooperation.slug, session.pk])
    assert client.post(revoke).status_code == 302
    session.refresh_from_db()
    assert session.minutes_approved_on is None


def test_approval_needs_published_minutes(world: World, session: Meeting) -> None:
    following = Meeting.objects.get(body=world.member_body, number=5)
    item = propose_approval_item(meeting=following)
    assert item is not None
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="noch nicht veröffentlicht"):
        minutes_approve(item=item)


def test_mails_carry_the_documents(
    world: World,
    session: Meeting,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client = client_for(world.coordinator)
    state = reverse("meetings:state", args=[world.cooperation.slug, session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(state, {"state": "minutes_published"}, follow=True)
    assert "Das Protokoll geht per E-Mail (PDF und Word) an" in response.content.decode()
    assert mail.outbox
    message = mail.outbox[0]
    assert message.subject == "Protokoll veröffentlicht: 4. Lenkungsgruppensitzung am 10.07.2024"
    names = [name for name, _data, _type in message.attachments]
    assert names == [
        "protokoll-4-lenkungsgruppensitzung.pdf",
        "protokoll-4-lenkungsgruppensitzung.docx",
    ]
    assert message.attachments[0][1][:4] == b"%PDF"


def test_minutes_docx_has_word_styles_and_real_tables(world: World, session: Meeting) -> None:
    """The DOCX body is written as markup: still Word's own headings, list levels and tables."""
    import docx

    document = docx.Document(io.BytesIO(render(_doc(world, session, content.MINUTES), "docx")))
    paragraphs = [(p.style.name if p.style else None, p.text) for p in document.paragraphs]
    assert [text for style, text in paragraphs if style == "Heading 1"] == [
        "Teilnahme",
        "Tagesordnung",
        "Beschlüsse",
        "Aufgaben",
        "Nächste Sitzung",
    ]
    assert ("Title", "Ergebnisprotokoll") in paragraphs
    assert ("List Bullet", "Die Sitzung ist beschlussfähig") in paragraphs
    assert ("List Number", "Der Bauhof wird gemeinsam betrieben") in paragraphs
    agenda = next(p for p in document.paragraphs if p.text == "2. Gemeinsamer Bauhof")
    assert agenda.runs[0].bold
    assert agenda.paragraph_format.keep_with_next
    cells = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert cells == [
        ["Gremium", world.member_body.name],
        ["Termin", "Mittwoch, 10.07.2024, 10:00–12:00 Uhr"],
        ["Ort", "Rathaus Großpösna, Im Rittergut 1, 04463 Großpösna"],
        ["Status", "Entwurf"],
        ["Kommune", "anwesend", "entschuldigt"],
        ["Kleinroda", "Gabriele Lehmann (Bürgermeisterin)", ""],
        ["Aufgabe", "verantwortlich", "bis"],
        ["Kleinroda legt den Ratsbeschluss vor", "Kleinroda", "15.08.2024"],
    ]
    table_style = document.tables[2].style
    assert table_style is not None
    assert table_style.name == "Table Grid"
