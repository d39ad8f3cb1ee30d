"""Opening a coordinator's PowerPoint template (.pptx or .potx).

Branding owns the stored template, so it owns how it is opened: the upload check
(``services.check_upload``) opens it exactly as the status report's renderer
(``ikz.reports.renderers.pptx_on_template``) later does. python-pptx is imported only here,
and this module only when a template is checked or used.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from pptx import Presentation

_TEMPLATE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)


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
