"""The site scene: one object of every kind in a cooperation, so that every URL of the site
map can be filled in. Built on the hardening scene (``tests/hardening/scene.py``) with what its
forms do not need: an attachment, a survey indicator, an invitation, a published public report
version, a history record and an API key per role.

Attachments are files: build the scene under an ``override_settings(MEDIA_ROOT=…)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from ikz.access import services as access_services
from ikz.access.models import Invitation
from ikz.api.models import ApiToken
from ikz.attachments import services as attachment_services
from ikz.attachments.models import Attachment
from ikz.cooperation.models import Municipality
from ikz.cooperation.services import body_set_status
from ikz.reports import services as report_services
from ikz.reports.models import ReportVersion, StatusReport
from ikz.surveys.models import Indicator
from ikz.tracking.records import historical_model
from tests.api.helpers import key
from tests.conftest import World
from tests.hardening.scene import Scene as FormScene
from tests.hardening.scene import build as build_form_scene

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Site:
    base: FormScene
    attachment: Attachment
    indicator: Indicator
    invitation: Invitation
    version: ReportVersion
    history_id: int
    keys: dict[str, str]  # role -> API key ("" for anonymous visitors)

    def __getattr__(self, name: str) -> Any:
        # Everything else (meeting, project, survey, …, world, slug) is the form scene's.
        return getattr(self.base, name)


def build_site(world: World) -> Site:
    base = build_form_scene(world)
    attachment = attachment_services.attachment_add(
        cooperation=world.cooperation,
        parent_kind="meeting",
        parent=base.meeting,
        title="Einladung",
        upload=SimpleUploadedFile("einladung.pdf", PDF, content_type="application/pdf"),
        is_internal=False,
    )
    indicator = Indicator.objects.filter(survey=base.survey).order_by("pk").first()
    assert indicator is not None, "the built-in Bauhof survey has indicators"
    invitation = access_services.invitation_create(
        cooperation=world.cooperation, email="offen@example.org", role="member"
    )
    published = report_services.report_create(
        cooperation=world.cooperation,
        period_start=dt.date(2019, 11, 1),
        period_end=dt.date(2019, 11, 30),
        audience=StatusReport.Audience.PUBLIC,
    )
    body_set_status(body=world.public_body, text="Die Werkstatt tagt monatlich.")  # not empty
    version = report_services.report_publish(report=published, issued_on=dt.date(2019, 12, 2))
    municipality = world.municipality
    municipality.population = (municipality.population or 0) + 1
    municipality.save()
    # simple-history builds the historical model at run time: mypy knows none of its fields.
    record: Any = (
        historical_model(Municipality)
        ._default_manager.filter(id=municipality.pk)
        .order_by("history_id")
        .first()
    )
    keys = {"anonymous": ""} | {
        role: key(world, role, scope=ApiToken.Scope.WRITE)
        for role in ("outsider", "member", "coordinator")
    }
    return Site(
        base=base,
        attachment=attachment,
        indicator=indicator,
        invitation=invitation,
        version=version,
        history_id=record.history_id,
        keys=keys,
    )
