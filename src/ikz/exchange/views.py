"""The coordinators' "Datenaustausch" page and the download of the exchange file."""

from __future__ import annotations

import tempfile
from typing import cast

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only
from ikz.exchange import services


@coordinator_only
@require_GET
def exchange_page(request: HttpRequest, access: Access) -> HttpResponse:
    context = {
        "filename": services.export_filename(cooperation=access.cooperation),
        "bundle_filename": services.export_filename(cooperation=access.cooperation, suffix="zip"),
        "format_version": services.VERSION,
    }
    return render(request, "exchange/exchange_page.html", context)


@coordinator_only
@require_GET
def download(_request: HttpRequest, access: Access) -> HttpResponse:
    text = services.dumps(services.export_cooperation(cooperation=access.cooperation))
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    filename = services.export_filename(cooperation=access.cooperation)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The file holds names and contact details: no caching on the way.
    response["Cache-Control"] = "no-store"
    return response


@coordinator_only
@require_GET
def download_bundle(_request: HttpRequest, access: Access) -> HttpResponse:
    # Spooled: small bundles stay in memory, large ones go to a temporary file, never both.
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - closed by the response
    services.export_bundle(cooperation=access.cooperation, target=spool)
    spool.seek(0)
    filename = services.export_filename(cooperation=access.cooperation, suffix="zip")
    response = FileResponse(
        spool, as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["Cache-Control"] = "no-store"
    # A streamed FileResponse serves as a view's answer like any HttpResponse.
    return cast(HttpResponse, response)
