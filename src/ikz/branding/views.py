"""The "Erscheinungsbild" page of a cooperation (coordination only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.accounts.guards import coordinator_only
from ikz.branding import selectors, services
from ikz.branding.forms import BrandingForm
from ikz.ui.formviews import submit

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
        status=400 if request.method == "POST" else 200,
    )
