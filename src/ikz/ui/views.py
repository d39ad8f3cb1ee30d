from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ikz.ui.panels import collect


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # The cooperations are listed by ikz.cooperation (a start_panel, see ikz.ui.panels).
    panels, context = collect("start_panel", user=request.user)
    return render(request, "ui/home.html", {"panels": panels, **context})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/accessibility.html")
