"""Attachments on agreements: visible to whoever may read the agreement, narrowable to the
coordination, uploaded from the agreement page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from ikz.attachments import services
from ikz.attachments.models import Attachment, AttachmentVersion
from tests.agreements.helpers import agreement
from tests.agreements.scene import AgreementScene, build
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROLES = ("anonymous", "outsider", "member", "coordinator")
ALL = dict.fromkeys(ROLES, 200)
PARTY = {"anonymous": 404, "outsider": 404, "member": 200, "coordinator": 200}
COORDINATION = {"anonymous": 404, "outsider": 404, "member": 404, "coordinator": 200}


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Any:
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        yield tmp_path / "media"


def _client(world: World, role: str) -> Any:
    return client_for(None if role == "anonymous" else getattr(world, role))


def _attach(world: World, target: Any, *, internal: bool = False, title: str = "Vertrag") -> Any:
    return services.attachment_add(
        cooperation=world.cooperation,
        parent_kind="agreement",
        parent=target,
        title=title,
        upload=SimpleUploadedFile("vertrag.pdf", PDF),
        is_internal=internal,
    )


@pytest.mark.parametrize(
    ("which", "internal", "expected"),
    [
        # a draft the member's municipality is a partner of: the parties and the coordination
        ("party", False, PARTY),
        # a draft of other municipalities: only the coordination
        ("foreign", False, COORDINATION),
        # a published agreement: everyone
        ("published", False, ALL),
        # "nur für die Koordination" on a published agreement: only the coordination
        ("published", True, COORDINATION),
    ],
)
def test_agreement_download_matrix(
    world: World, which: str, internal: bool, expected: dict[str, int]
) -> None:
    scene: AgreementScene = build(world)
    attachment = _attach(world, getattr(scene, which), internal=internal)
    slug = world.cooperation.slug
    for url in (
        reverse("attachments:download", args=[slug, attachment.pk]),
        reverse("attachments:download_version", args=[slug, attachment.pk, 1]),
    ):
        for role in ROLES:
            response = _client(world, role).get(url)
            assert response.status_code == expected[role], (url, role)
            if response.status_code == 200:
                assert b"".join(response.streaming_content) == PDF


def test_agreement_page_lists_what_the_reader_may_see(world: World) -> None:
    scene = build(world)
    _attach(world, scene.published, title="Unterzeichnete Vereinbarung")
    _attach(world, scene.published, title="Vermerk Kämmerei", internal=True)
    url = reverse("agreements:detail", args=[world.cooperation.slug, scene.published.pk])
    anonymous = client_for(None).get(url).content.decode()
    assert "Unterzeichnete Vereinbarung" in anonymous
    assert "Vermerk Kämmerei" not in anonymous
    assert "Anhang hinzufügen" not in anonymous
    coordinator = client_for(world.coordinator).get(url).content.decode()
    assert "Unterzeichnete Vereinbarung" in coordinator
    assert "Vermerk Kämmerei" in coordinator
    assert f"?vereinbarung={scene.published.pk}" in coordinator


def test_upload_pages_role_matrix_for_an_agreement(world: World) -> None:
    scene = build(world)
    slug = world.cooperation.slug
    create = reverse("attachments:create", args=[slug]) + f"?vereinbarung={scene.party.pk}"
    expected = {"anonymous": 302, "outsider": 403, "member": 403, "coordinator": 200}
    for role in ROLES:
        assert _client(world, role).get(create).status_code == expected[role], role
        if role != "coordinator":
            response = _client(world, role).post(create, {"file": SimpleUploadedFile("b.pdf", PDF)})
            assert response.status_code == expected[role], role
    assert not Attachment.objects.filter(agreement=scene.party).exists()
    response = client_for(world.coordinator).post(
        create, {"title": "Genehmigungsbescheid", "file": SimpleUploadedFile("g.pdf", PDF)}
    )
    assert response.status_code == 302
    detail = reverse("agreements:detail", args=[slug, scene.party.pk])
    assert response["Location"] == f"{detail}#anhaenge"
    attachment = Attachment.objects.get(agreement=scene.party)
    assert attachment.title == "Genehmigungsbescheid"
    assert AttachmentVersion.objects.filter(attachment=attachment).count() == 1
    # replace and delete go back to the agreement page
    replace = reverse("attachments:replace", args=[slug, attachment.pk])
    back = client_for(world.coordinator).post(replace, {"file": SimpleUploadedFile("g2.pdf", PDF)})
    assert back["Location"] == f"{detail}#anhaenge"
    assert attachment.versions.count() == 2


def test_another_cooperations_agreement_is_404(world: World, other: World) -> None:
    theirs = agreement(cooperation=other.cooperation, title="Fremd")
    attachment = _attach(other, theirs)
    slug = world.cooperation.slug
    client = client_for(world.coordinator)
    create = reverse("attachments:create", args=[slug]) + f"?vereinbarung={theirs.pk}"
    assert client.get(create).status_code == 404
    assert client.post(create, {"file": SimpleUploadedFile("b.pdf", PDF)}).status_code == 404
    assert (
        client.get(reverse("attachments:download", args=[slug, attachment.pk])).status_code == 404
    )
    assert Attachment.objects.filter(cooperation=world.cooperation).count() == 0
