"""The status report on the coordinator's PowerPoint template: its layouts and placeholders.

Title slide: the template's title layout (title and subtitle placeholders). Every other slide:
its title-and-content layout, the heading in the title placeholder, the lines in the body
placeholder, paginated to that placeholder's size so that nothing overflows.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Inches

from ikz.branding.presentation import open_presentation
from ikz.reports.content import Report
from ikz.reports.renderers.pptx import Block, _agenda, _blocks, _fill_body
from ikz.reports.renderers.pptx_layout import paginate
from ikz.reports.renderers.pptx_template import (
    BODIES,
    TITLES,
    content_layout,
    placeholder,
)


def render_on_template(report: Report, template: bytes) -> bytes:
    prs = open_presentation(template)
    title = report.title
    from ikz.reports.renderers.pptx_template import title_layout

    slide = prs.slides.add_slide(title_layout(prs))
    heading = placeholder(slide, TITLES)
    if heading is not None:
        heading.text_frame.text = title.title
    subtitle = placeholder(slide, (PP_PLACEHOLDER.SUBTITLE,))
    if subtitle is not None:
        subtitle_lines = [
            f"{title.shown_subtitle} · {title.cooperation}",
            _("Stand: %(date)s") % {"date": title.issued_label},
        ]
        if title.organisation:
            subtitle_lines.append(title.organisation)
        subtitle.text_frame.text = "\n".join(subtitle_lines)
    layout = content_layout(prs)
    probe = prs.slides.add_slide(layout)
    body = placeholder(probe, BODIES)
    height = body.height if body is not None else Inches(5)
    width = body.width if body is not None else Inches(11)
    # The probe only measured the body placeholder.
    slide_ids = prs.slides._sldIdLst
    last = slide_ids[-1]
    prs.part.drop_rel(last.rId)
    slide_ids.remove(last)
    blocks = [Block(_("Inhalt"), _agenda(report)), *_blocks(report)]
    for block in blocks:
        heading_text = block.heading
        for index, page in enumerate(paginate(block.lines, height, width)):
            slide = prs.slides.add_slide(layout)
            title_shape = placeholder(slide, TITLES)
            if title_shape is not None:
                title_shape.text_frame.text = (
                    heading_text
                    if index == 0
                    else _("%(heading)s (Fortsetzung)") % {"heading": heading_text}
                )
            body_shape = placeholder(slide, BODIES)
            if body_shape is not None:
                _fill_body(body_shape.text_frame, page, title.accent)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
