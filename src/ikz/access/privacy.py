"""Data protection (DSGVO Art. 15 and 17) for one person of a cooperation.

``person_export`` gathers everything stored about the person in this cooperation (and about
the log-in linked to them) as JSON. ``person_erase`` replaces the person's name by a neutral
placeholder everywhere in the cooperation (person record, minutes, agendas, tasks, activity,
published report versions, which are rendered again), deletes the log-in and keeps the answers
as the municipality's answers. Both are recorded in the access log, without the name.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.access.models import AccessEvent, Invitation
from ikz.access.services import coordinator_count, record
from ikz.accounts.models import CooperationRole, User
from ikz.activity.models import ActivityEntry
from ikz.cooperation.models import Cooperation, Membership, Person


def placeholder() -> str:
    return _("Gelöschte Person")


def _iso(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _name_variants(person: Person) -> list[str]:
    """The spellings of the person's name that texts may carry, longest first."""
    given, family, title = person.given_name.strip(), person.family_name.strip(), person.title
    variants = {
        person.full_name,
        f"{given} {family}",
        f"{family}, {given}",
        f"{title} {family}".strip() if title else "",
    }
    return sorted((v for v in variants if v and len(v) > 3), key=len, reverse=True)


# --- Art. 15: the export -------------------------------------------------------------------


def person_export(
    *, cooperation: Cooperation, person: Person, actor_id: int | None
) -> dict[str, Any]:
    if person.cooperation_id != cooperation.pk:
        raise PermissionError("person of another cooperation")
    meetings = apps.get_model("meetings", "Attendance")
    tasks = apps.get_model("meetings", "Task")
    agenda = apps.get_model("meetings", "AgendaItem")
    data: dict[str, Any] = {
        "format": "ikz-personenauskunft",
        "version": 1,
        "created_at": timezone.now().isoformat(),
        "cooperation": {"name": cooperation.name, "slug": cooperation.slug},
        "person": {
            "id": person.pk,
            "title": person.title,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "email": person.email,
            "phone": person.phone,
            "function": person.function,
            "municipality": person.municipality.name if person.municipality else "",
            "organisation": person.organisation,
        },
        "memberships": [
            {
                "body": m.body.name,
                "role": m.get_role_display(),
                "start_date": _iso(m.start_date),
                "end_date": _iso(m.end_date),
            }
            for m in Membership.objects.filter(cooperation=cooperation, person=person)
            .select_related("body")
            .order_by("body__name", "start_date")
        ],
        "attendance": [
            {
                "meeting": a.meeting.heading,
                "date": _iso(a.meeting.date),
                "status": a.get_status_display(),
            }
            for a in meetings.objects.filter(cooperation=cooperation, person=person)
            .select_related("meeting__body")
            .order_by("meeting__date")
        ],
        "tasks": [
            {"title": t.title, "state": t.get_state_display(), "due": _iso(t.due)}
            for t in tasks.objects.filter(cooperation=cooperation, owner_person=person).order_by(
                "pk"
            )
        ],
        "agenda_items_presented": [
            {"meeting": item.meeting.heading, "title": item.title}
            for item in agenda.objects.filter(cooperation=cooperation, presenter=person)
            .select_related("meeting__body")
            .order_by("meeting__date", "pk")
        ],
        "invitations": [
            {
                "email": i.email,
                "role": i.get_role_display(),
                "sent_at": _iso(i.sent_at),
                "state": i.state_label,
            }
            for i in Invitation.objects.filter(cooperation=cooperation, person=person)
        ],
        "account": _account(cooperation=cooperation, user=person.user),
    }
    record(
        cooperation=cooperation,
        actor_id=actor_id,
        summary=_("Auskunft über Person Nr. %(pk)s erstellt (DSGVO Art. 15)") % {"pk": person.pk},
    )
    return data


def _account(*, cooperation: Cooperation, user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    role = CooperationRole.objects.filter(user=user, cooperation=cooperation).first()
    return {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "role": role.get_role_display() if role else "",
        "activity": [
            {"at": _iso(e.created_at), "summary": e.summary}
            for e in ActivityEntry.objects.filter(cooperation=cooperation, actor=user).order_by(
                "created_at"
            )
        ],
    }


def export_bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


# --- Art. 17: the erasure ------------------------------------------------------------------


def _text_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not isinstance(f, models.SlugField | models.EmailField)
    ]


def _tenant_models() -> list[type[models.Model]]:
    found = []
    for model in apps.get_models():
        field = next((f for f in model._meta.concrete_fields if f.name == "cooperation"), None)
        if isinstance(field, models.ForeignKey) and field.related_model is Cooperation:
            found.append(model)
    return found


def _replace(text: str, variants: list[str], new: str) -> str:
    for variant in variants:
        text = text.replace(variant, new)
    return text


def _scrub_texts(cooperation: Cooperation, variants: list[str], new: str) -> int:
    """Replace the name in every text column of every row of the cooperation. Rows count."""
    changed = 0
    for model in _tenant_models():
        fields = _text_fields(model)
        json_fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.JSONField)
        ]
        if not fields and not json_fields:
            continue
        query = models.Q()
        for name in fields:
            for variant in variants:
                query |= models.Q(**{f"{name}__contains": variant})
        rows = (
            list(model._default_manager.filter(cooperation=cooperation).filter(query))
            if fields
            else []
        )
        for row in rows:
            for name in fields:
                setattr(row, name, _replace(getattr(row, name) or "", variants, new))
            row.save(update_fields=fields)
            changed += 1
        if json_fields:
            changed += _scrub_json(model, cooperation, json_fields, variants, new)
    return changed


def _scrub_json(
    model: type[models.Model],
    cooperation: Cooperation,
    fields: list[str],
    variants: list[str],
    new: str,
) -> int:
    changed = 0
    for row in model._default_manager.filter(cooperation=cooperation).iterator():
        dirty = []
        for name in fields:
            text = json.dumps(getattr(row, name), ensure_ascii=False)
            if any(json.dumps(v, ensure_ascii=False)[1:-1] in text for v in variants):
                escaped = [json.dumps(v, ensure_ascii=False)[1:-1] for v in variants]
                setattr(row, name, json.loads(_replace(text, escaped, new)))
                dirty.append(name)
        if dirty:
            if model._meta.label == "reports.ReportVersion":
                _render_again(row)
                dirty += ["md", "html", "pdf", "docx", "pptx"]
            row.save(update_fields=dirty)
            changed += 1
    return changed


def _render_again(version: Any) -> None:
    from ikz.reports.content import document_language
    from ikz.reports.renderers import render
    from ikz.reports.snapshot import report_from_json

    content = report_from_json(version.content)
    with document_language():
        for fmt in ("md", "html", "pdf", "docx", "pptx"):
            setattr(version, fmt, render(content, fmt))


@transaction.atomic
def person_erase(*, cooperation: Cooperation, person: Person, actor_id: int | None) -> None:
    if person.cooperation_id != cooperation.pk:
        raise PermissionError("person of another cooperation")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id is not None:
        role = CooperationRole.objects.filter(
            user_id=person.user_id, cooperation=cooperation
        ).first()
        last = coordinator_count(cooperation) <= 1
        if role is not None and role.role == CooperationRole.Role.COORDINATOR and last:
            raise ValidationError(
                _("Die letzte Person mit der Rolle Koordination kann nicht gelöscht werden.")
            )
    variants = _name_variants(person)
    new = placeholder()
    user = person.user
    emails = {e for e in (person.email, user.email if user else "") if e}
    Invitation.objects.filter(
        models.Q(person=person) | models.Q(email__in=emails), cooperation=cooperation
    ).delete()
    person.title = person.phone = person.function = person.organisation = ""
    # Both name fields are required: "Gelöschte" + "Person" reads as the placeholder.
    person.given_name, _space, person.family_name = new.partition(" ")
    person.family_name = person.family_name or "–"
    person.email = ""
    person.user = None
    person.full_clean()
    person.save()
    if variants:
        _scrub_texts(cooperation, variants, new)
        for entry in AccessEvent.objects.filter(cooperation=cooperation):
            scrubbed = _replace(entry.summary, variants + sorted(emails), new)
            if scrubbed != entry.summary:
                entry.summary = scrubbed
                entry.save(update_fields=["summary"])
    # The person's own history (ikz.history) holds the old name field by field, which the
    # text scrub above cannot match as a whole name: overwrite it in every earlier record.
    Person.history.filter(id=person.pk).update(  # type: ignore[attr-defined]
        title="",
        phone="",
        function="",
        organisation="",
        given_name=person.given_name,
        family_name=person.family_name,
        email="",
    )
    if user is not None:
        _remove_login(cooperation=cooperation, user=user, emails=emails, new=new)
    record(
        cooperation=cooperation,
        actor_id=actor_id,
        summary=_("Person Nr. %(pk)s gelöscht und anonymisiert (DSGVO Art. 17)")
        % {"pk": person.pk},
    )


def _remove_login(*, cooperation: Cooperation, user: User, emails: set[str], new: str) -> None:
    """Delete the log-in; one that still has a role in another cooperation only loses this one
    (a coordinator here cannot erase what belongs to another cooperation)."""
    user_names = [n for n in (user.get_full_name(), user.username) if n and len(n) > 3]
    for entry in AccessEvent.objects.filter(cooperation=cooperation):
        scrubbed = _replace(entry.summary, user_names + sorted(emails), new)
        if scrubbed != entry.summary:
            entry.summary = scrubbed
            entry.save(update_fields=["summary"])
    if CooperationRole.objects.filter(user=user).exclude(cooperation=cooperation).exists():
        CooperationRole.objects.filter(user=user, cooperation=cooperation).delete()
        ActivityEntry.objects.filter(cooperation=cooperation, actor=user).update(actor=None)
        return
    user.delete()
