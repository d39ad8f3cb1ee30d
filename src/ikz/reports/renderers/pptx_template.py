"""The status report on a coordinator's PowerPoint template (.pptx or .potx).

Its slide layouts and placeholders are used: the first layout with a title and a subtitle for
the title slide, the first with a title and a body placeholder for the content slides. The
template's own slides are removed. Text is paginated to the body placeholder's size, so it
never overflows, as in the built-in design.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

_TEMPLATE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)


def open_presentation(data: bytes) -> Any:
    """A .potx opens once its main part's content type says "presentation"."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml")
    if _TEMPLATE in types:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE, _PRESENTATION)
                target.writestr(info, content)
        data = out.getvalue()
    prs = Presentation(io.BytesIO(data))
    # Drop the template's example slides (their parts stay unreferenced and are not saved).
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    return prs


def _types(layout: Any) -> set[Any]:
    return {shape.placeholder_format.type for shape in layout.placeholders}


def title_layout(prs: Any) -> Any:
    for layout in prs.slide_layouts:
        types = _types(layout)
        if types & set(TITLES) and PP_PLACEHOLDER.SUBTITLE in types:
            return layout
    return prs.slide_layouts[0]


def content_layout(prs: Any) -> Any:
    for layout in prs.slide_layouts:
        types = _types(layout)
        if types & set(TITLES) and types & set(BODIES):
            return layout
    return prs.slide_layouts[min(1, len(prs.slide_layouts) - 1)]


def placeholder(slide: Any, kinds: tuple[Any, ...]) -> Any:
    for shape in slide.placeholders:
        if shape.placeholder_format.type in kinds:
            return shape
    return None
