"""The search page of a cooperation (header search box) and the portal's public search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ikz.accounts.access import Access
from ikz.cooperation.guards import public
from ikz.cooperation.selectors import visible_bodies
from ikz.search.forms import SearchForm
from ikz.search.selectors import SearchResults, search


def run_search(
    request: HttpRequest, access: Access
) -> tuple[SearchForm, SearchResults | None, int]:
    """Bind the form to the query string and search; (form, results or None, status)."""
    bodies = list(visible_bodies(access=access).order_by("name"))
    if not request.GET:
        return SearchForm(access=access, bodies=bodies), None, 200
    form = SearchForm(request.GET, access=access, bodies=bodies)
    if not form.is_valid():
        return form, None, 400
    results = search(
        access=access,
        text=form.cleaned_data["q"],
        filters=form.filters(),
        page=form.cleaned_data.get("seite") or 1,
    )
    return form, results, 200


@public
@require_GET
def search_page(request: HttpRequest, access: Access) -> HttpResponse:
    form, results, status = run_search(request, access)
    return render(
        request, "search/search_page.html", {"form": form, "results": results}, status=status
    )
