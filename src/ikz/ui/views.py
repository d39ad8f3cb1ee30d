from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ikz.cooperation.selectors import cooperations_for_start_page


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    mine, others = cooperations_for_start_page(user=request.user)
    return render(request, "ui/home.html", {"mine": mine, "others": others})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/accessibility.html")
