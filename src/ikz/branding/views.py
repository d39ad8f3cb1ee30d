"""The "Erscheinungsbild" page of a cooperation (coordination only), and what the pages'
header loads of it: the stylesheet with the accent colour and the logo (both public)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.branding import selectors, services
from ikz.branding.colours import text_colour_on
from ikz.branding.forms import BrandingForm
from ikz.branding.models import Branding
from ikz.cooperation.guards import coordinator_only, public
from ikz.ui.formviews import form_status, submit

FILES = ("logo", "pptx_template", "docx_template")


@coordinator_only
def branding_edit(request: HttpRequest, access: Access) -> HttpResponse:
    row = selectors.branding_of(cooperation=access.cooperation)
    initial = (
        {
            "organisation": row.organisation,
            "address": row.address,
            "accent": row.accent,
            "logo_alt": row.logo_alt,
        }
        if row
        else {"accent": "#1f4e79"}
    )
    form = BrandingForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
    )
    saved = submit(
        request,
        form,
        lambda: services.branding_save(
            cooperation=access.cooperation,
            organisation=form.cleaned_data["organisation"],
            address=form.cleaned_data["address"],
            accent=form.cleaned_data["accent"],
            files={name: form.cleaned_data.get(name) for name in FILES},
            logo_alt=form.cleaned_data["logo_alt"],
            clear={name for name in FILES if form.cleaned_data.get(f"clear_{name}")},
            actor_id=access.user_id,
        ),
    )
    if saved is not None:
        messages.success(request, _("Das Erscheinungsbild ist gespeichert."))
        return redirect("branding:edit", access.cooperation.slug)
    return render(
        request,
        "branding/branding_form.html",
        {"form": form, "branding": row},
        status=form_status(request),
    )


# --- What the header loads (public: colours and logo are shown to everyone) --------------------

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
CACHE_SECONDS = 24 * 60 * 60  # the pages link with ?v=<version>, so a change is seen at once
STYLESHEET = """/* Erscheinungsbild: Akzentfarbe der Navigation, Schrift mit Kontrast nach WCAG */
.ikz-nav {{ background: {accent}; }}
.ikz-nav__list a, .ikz-nav__list a:hover {{ color: {text}; }}
.ikz-nav__list a:focus-visible {{ outline-color: {text}; }}
.ikz-nav__list a[aria-current="page"] {{ border-bottom-color: {text}; }}
"""


def _branding(access: Access) -> Branding | None:
    try:
        return access.cooperation.branding  # loaded by the guard (select_related)
    except ObjectDoesNotExist:
        return None


def _cached(
    request: HttpRequest, row: Branding | None, make: Callable[[], HttpResponse]
) -> HttpResponse:
    etag = f'"{row.version if row else "0"}"'
    response = get_conditional_response(request, etag=etag) or make()
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


@public
def stylesheet(request: HttpRequest, access: Access) -> HttpResponse:
    """The accent colour as CSS (empty without one): the CSP allows no inline style."""
    row = _branding(access)
    accent = row.accent if row else ""
    if not _COLOUR.fullmatch(accent):  # the model checks it; CSS takes nothing else anyway
        accent = ""

    def make() -> HttpResponse:
        css = STYLESHEET.format(accent=accent, text=text_colour_on(accent)) if accent else ""
        return HttpResponse(css, content_type="text/css; charset=utf-8")

    return _cached(request, row, make)


@public
def logo(request: HttpRequest, access: Access) -> HttpResponse:
    row = _branding(access)
    if row is None or not row.logo:
        raise Http404(_("Diese Kooperation hat kein Logo hinterlegt."))
    name = row.logo.name or ""
    kind = "image/png" if name.lower().endswith(".png") else "image/jpeg"

    def make() -> HttpResponse:
        with row.logo.open("rb") as handle:
            return HttpResponse(handle.read(), content_type=kind)

    return _cached(request, row, make)
