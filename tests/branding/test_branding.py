"""The "Erscheinungsbild": the page, its checks, and the documents that use it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from ikz.branding.models import Branding
from ikz.branding.selectors import document_branding
from ikz.reports.renderers import render
from tests.conftest import World, client_for
from tests.reports.helpers import texts_of
from tests.reports.test_renderers import _report

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (100, 50), "white")
    ImageDraw.Draw(image).text((10, 20), "LOGO", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pptx_template(potx: bool = False) -> bytes:
    from pptx import Presentation

    prs = Presentation()
    prs.slide_layouts[0].name = "Vorlage Titel"
    prs.slide_layouts[1].name = "Vorlage Inhalt"
    prs.slides.add_slide(prs.slide_layouts[5])  # an example slide: must not stay
    buffer = io.BytesIO()
    prs.save(buffer)
    data = buffer.getvalue()
    if not potx:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"presentationml.presentation.main+xml", b"presentationml.template.main+xml"
                )
            target.writestr(info, content)
    return out.getvalue()


def _docx_template() -> bytes:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Kopfzeile der Vorlage"
    document.add_paragraph("Beispieltext der Vorlage")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(tmp_path: Path) -> Any:
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        yield


def _url(world: World) -> str:
    return reverse("branding:edit", args=[world.cooperation.slug])


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 403), ("member", 403), ("coordinator", 200)],
)
def test_role_matrix(world: World, role: str, status: int) -> None:
    client = client_for(None if role == "anonymous" else getattr(world, role))
    assert client.get(_url(world)).status_code == status
    if role != "coordinator":
        assert client.post(_url(world), {"accent": "#ff0000"}).status_code == status
        assert not Branding.objects.exists()


def test_another_cooperations_coordinator_is_refused(world: World, other: World) -> None:
    assert client_for(other.coordinator).get(_url(world)).status_code == 403


def _post(world: World, **fields: Any) -> Any:
    data = {"organisation": "Planungsbüro Mulde", "address": "Markt 1\n04668 Grimma"}
    data["accent"] = "#8a1538"
    data.update(fields)
    return client_for(world.coordinator).post(_url(world), data)


def test_save_and_use_in_every_format(world: World) -> None:
    response = _post(
        world,
        logo=SimpleUploadedFile("logo.png", _png()),
        pptx_template=SimpleUploadedFile("vorlage.potx", _pptx_template(potx=True)),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    branding = document_branding(cooperation=world.cooperation)
    assert branding is not None
    assert (branding["accent"], branding["organisation"]) == ("8a1538", "Planungsbüro Mulde")
    from dataclasses import replace

    report = _report(["Ein Punkt"])
    report = replace(
        report,
        title=replace(
            report.title,
            organisation=branding["organisation"],
            address=branding["address"],
            accent=branding["accent"],
            logo_path=branding["logo_path"],
        ),
    )
    pdf = texts_of("pdf", render(report, "pdf", branding=branding))
    assert "Planungsbüro Mulde · Markt 1 · 04668 Grimma" in pdf
    from pptx import Presentation

    prs = Presentation(io.BytesIO(render(report, "pptx", branding=branding)))
    layouts = [slide.slide_layout.name for slide in prs.slides]
    # The template's layouts carry the slides; its example slide is gone.
    assert layouts[0] == "Vorlage Titel"
    assert set(layouts[1:]) == {"Vorlage Inhalt"}
    texts = " ".join(
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "Ein Punkt" in texts
    assert "Statusbericht Dezember" in texts


def test_docx_template_keeps_its_header_and_drops_its_body(world: World) -> None:
    assert (
        _post(world, docx_template=SimpleUploadedFile("v.dotx", _docx_template())).status_code
        == 302
    )
    branding = document_branding(cooperation=world.cooperation)
    import docx

    data = render(_report(["Ein Punkt"]), "docx", branding=branding)
    document = docx.Document(io.BytesIO(data))
    assert document.sections[0].header.paragraphs[0].text == "Kopfzeile der Vorlage"
    texts = [p.text for p in document.paragraphs]
    assert "Beispieltext der Vorlage" not in texts
    assert any(t.startswith("Ein Punkt") for t in texts)


@pytest.mark.parametrize(
    ("field", "name", "data", "message"),
    [
        ("logo", "logo.png", b"%PDF-1.4\n%%EOF", "PDF-Datei"),
        ("logo", "logo.pdf", b"%PDF-1.4\n%%EOF", "PNG- oder JPEG-Bild"),
        ("pptx_template", "vorlage.pptx", b"kein zip", "ist nicht eine PowerPoint-Datei"),
        ("docx_template", "vorlage.docx", "pptx", "ist nicht eine Word-Datei"),
    ],
)
def test_bad_files_are_refused_in_german(
    world: World, field: str, name: str, data: Any, message: str
) -> None:
    payload = _pptx_template() if data == "pptx" else data
    response = _post(world, **{field: SimpleUploadedFile(name, payload)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        not Branding.objects.filter(cooperation=world.cooperation).exclude(**{field: ""}).exists()
    )


def test_bad_colour_is_refused(world: World) -> None:
    response = _post(world, accent="rot")
    assert response.status_code == 400
    assert "#RRGGBB" in response.content.decode()
