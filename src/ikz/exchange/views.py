"""The coordinators' "Datenaustausch" page and the download of the exchange file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ikz.accounts.access import Access
from ikz.accounts.guards import coordinator_only
from ikz.exchange import services


@coordinator_only
@require_GET
def exchange_page(request: HttpRequest, access: Access) -> HttpResponse:
    context = {
        "filename": services.export_filename(cooperation=access.cooperation),
        "format_version": services.VERSION,
    }
    return render(request, "exchange/exchange_page.html", context)


@coordinator_only
@require_GET
def download(request: HttpRequest, access: Access) -> HttpResponse:
    text = services.dumps(services.export_cooperation(cooperation=access.cooperation))
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    filename = services.export_filename(cooperation=access.cooperation)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The file holds names and contact details: no caching on the way.
    response["Cache-Control"] = "no-store"
    return response
