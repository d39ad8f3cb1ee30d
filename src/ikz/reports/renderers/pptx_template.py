"""The layouts and placeholders of a coordinator's PowerPoint template (.pptx or .potx).

The first layout with a title and a subtitle is used for the title slide, the first with a
title and a body placeholder for the content slides. Text is paginated to the body
placeholder's size, so it never overflows, as in the built-in design. Opening the template
(and dropping its own slides) is branding's: ``ikz.branding.presentation``.
"""

from __future__ import annotations

from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)


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
