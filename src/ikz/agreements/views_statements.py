"""Cost keys, yearly measures and cost statements (page, issue, correct, PDF, XLSX)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ikz.accounts.access import Access
from ikz.agreements import selectors, services
from ikz.agreements.document import statement_document
from ikz.agreements.forms import CostKeyForm, MeasuresForm, StatementForm
from ikz.agreements.models import Component, CostKey, Statement
from ikz.agreements.renderers import pdf, xlsx
from ikz.agreements.views import detail_url
from ikz.cooperation.guards import coordinator_only, members_only
from ikz.inputs import parse_key
from ikz.ui.formviews import delete_page, edit_page, form_data, form_status, submit


def statement_url(access: Access, agreement_pk: int, pk: int) -> str:
    return reverse("agreements:statement", args=[access.cooperation.slug, agreement_pk, pk])


@coordinator_only
@require_http_methods(["GET", "POST"])
def key_edit(
    request: HttpRequest, access: Access, pk: int, key_pk: int | None = None
) -> HttpResponse:
    agreement = selectors.agreement_for_write(access=access, pk=pk)
    key = None
    components: list[Component] = []
    fixed = {}
    if key_pk is not None:
        key = selectors.key_for_write(agreement=agreement, pk=key_pk)
        components = list(key.components.order_by("position", "pk"))
        fixed = selectors.key_inputs(key=key).fixed
    partners = selectors.partners(agreement=agreement)
    form = CostKeyForm(
        form_data(request), partners=partners, key=key, components=components, fixed=fixed
    )

    def save() -> CostKey:
        return services.cost_key_save(
            agreement=agreement,
            name=form.cleaned_data["name"],
            population_reference=form.cleaned_data["population_reference"],
            components=form.components(),
            fixed=form.fixed(),
            key=key,
            actor_id=request.user.pk,
        )

    saved = submit(request, form, save)
    if saved is not None:
        messages.success(
            request, _("Kostenschlüssel „%(name)s“ gespeichert.") % {"name": saved.name}
        )
        return redirect(detail_url(access, pk) + "#schluessel")
    status = form_status(request)
    context = {
        "agreement": agreement,
        "form": form,
        "title": _("Kostenschlüssel bearbeiten") if key else _("Kostenschlüssel anlegen"),
        "cancel_url": detail_url(access, pk),
    }
    return render(request, "agreements/key_form.html", context, status=status)


@coordinator_only
@require_http_methods(["GET", "POST"])
def measures(request: HttpRequest, access: Access, pk: int, year: int) -> HttpResponse:
    agreement = selectors.agreement_for_write(access=access, pk=pk)
    partners = selectors.partners(agreement=agreement)
    names = selectors.measure_names(agreement=agreement)
    form = MeasuresForm(
        form_data(request),
        partners=partners,
        names=names,
        values=selectors.measures(agreement=agreement, year=year),
    )

    def save() -> int:
        return services.measures_save(
            agreement=agreement, year=year, values=form.values(), actor_id=request.user.pk
        )

    if submit(request, form, save) is not None:
        messages.success(request, _("Kennzahlen %(year)s gespeichert.") % {"year": year})
        return redirect(detail_url(access, pk) + "#kennzahlen")
    status = form_status(request)
    context = {
        "agreement": agreement,
        "form": form,
        "year": year,
        "names": names,
        "years": [year - 1, year + 1],
        "cancel_url": detail_url(access, pk),
    }
    return render(request, "agreements/measures.html", context, status=status)


@coordinator_only
@require_http_methods(["GET", "POST"])
def statement_edit(
    request: HttpRequest, access: Access, pk: int, statement_pk: int | None = None
) -> HttpResponse:
    agreement = selectors.agreement_for_write(access=access, pk=pk)
    statement = (
        selectors.statement_for_write(access=access, agreement=agreement, pk=statement_pk)
        if statement_pk
        else None
    )
    if statement is not None and statement.is_issued:
        messages.error(
            request,
            _("Eine ausgestellte Abrechnung ist eingefroren; bitte eine Korrektur anlegen."),
        )
        return redirect(statement_url(access, pk, statement.pk))
    initial: dict[str, Any] = {"year": timezone.localdate().year - 1, "basis": "actual"}
    form = StatementForm(
        form_data(request), agreement=agreement, statement=statement, initial=initial
    )

    def save() -> Statement:
        return services.statement_save(
            agreement=agreement,
            values=form.values(),
            statement=statement,
            actor_id=request.user.pk,
        )

    return edit_page(
        request,
        form=form,
        save=save,
        saved_message=lambda saved: _("Kostenabrechnung %(year)s gespeichert.")
        % {"year": saved.year},
        saved_url=lambda saved: statement_url(access, pk, saved.pk),
        title=_("Kostenabrechnung bearbeiten") if statement else _("Kostenabrechnung anlegen"),
        cancel_url=detail_url(access, pk),
    )


@members_only
@require_GET
def statement_detail(
    request: HttpRequest, access: Access, pk: int, statement_pk: int
) -> HttpResponse:
    agreement = selectors.agreement_for_read(access=access, pk=pk)
    statement = selectors.statement_for_read(access=access, agreement=agreement, pk=statement_pk)
    document = statement_document(agreement=agreement, statement=statement)
    context = {
        "agreement": agreement,
        "statement": statement,
        "document": document,
        "rows": document.rows(),
        "components": document.components(),
        "totals": document.totals(),
    }
    return render(request, "agreements/statement.html", context)


def _agreement_and_statement(access: Access, pk: int, statement_pk: int) -> Any:
    agreement = selectors.agreement_for_write(access=access, pk=pk)
    return agreement, selectors.statement_for_write(
        access=access, agreement=agreement, pk=statement_pk
    )


@coordinator_only
@require_POST
def statement_issue(
    request: HttpRequest, access: Access, pk: int, statement_pk: int
) -> HttpResponse:
    _agreement, statement = _agreement_and_statement(access, pk, statement_pk)
    try:
        services.statement_issue(statement=statement, actor_id=request.user.pk)
    except ValidationError as error:
        messages.error(
            request,
            _("Die Abrechnung kann nicht ausgestellt werden: %(reasons)s")
            % {"reasons": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("Kostenabrechnung ausgestellt und eingefroren."))
    return redirect(statement_url(access, pk, statement_pk))


@coordinator_only
@require_POST
def statement_correct(
    request: HttpRequest, access: Access, pk: int, statement_pk: int
) -> HttpResponse:
    _agreement, statement = _agreement_and_statement(access, pk, statement_pk)
    try:
        copy = services.statement_correct(statement=statement, actor_id=request.user.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(statement_url(access, pk, statement_pk))
    messages.success(
        request, _("Korrektur angelegt (Fassung %(version)s).") % {"version": copy.version}
    )
    return redirect(
        reverse("agreements:statement_edit", args=[access.cooperation.slug, pk, copy.pk])
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def statement_delete(
    request: HttpRequest, access: Access, pk: int, statement_pk: int
) -> HttpResponse:
    _agreement, statement = _agreement_and_statement(access, pk, statement_pk)
    if request.method == "POST":
        try:
            services.statement_delete(statement=statement, actor_id=request.user.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(statement_url(access, pk, statement_pk))
        messages.success(request, _("Entwurf der Abrechnung gelöscht."))
        return redirect(detail_url(access, pk) + "#abrechnungen")
    return delete_page(
        request,
        title=_("Entwurf der Abrechnung löschen"),
        object_label=f"{statement.year} ({statement.get_basis_display()})",
        consequences=[],
        cancel_url=statement_url(access, pk, statement_pk),
    )


def _download(access: Access, pk: int, statement_pk: int) -> Any:
    agreement = selectors.agreement_for_read(access=access, pk=pk)
    statement = selectors.statement_for_read(access=access, agreement=agreement, pk=statement_pk)
    return statement_document(agreement=agreement, statement=statement)


def _filename(document: Any, suffix: str) -> str:
    statement = document.statement
    name = slugify(f"kostenabrechnung-{document.agreement.title}-{statement.year}")
    return f"{name}-{statement.basis}-v{statement.version}{suffix}"


def _refused(request: HttpRequest, access: Access, pk: int, statement_pk: int) -> HttpResponse:
    messages.error(request, _("Für diese Abrechnung lässt sich noch keine Verteilung berechnen."))
    return redirect(statement_url(access, pk, statement_pk))


@members_only
@require_GET
def statement_pdf(request: HttpRequest, access: Access, pk: int, statement_pk: int) -> HttpResponse:
    document = _download(access, pk, statement_pk)
    if document.snapshot is None:
        return _refused(request, access, pk, statement_pk)
    municipality = request.GET.get("kommune", "")
    municipality_id = parse_key(municipality)
    if municipality_id is not None and not document.rows(municipality_id):
        municipality_id = None
    suffix = f"-{municipality_id}.pdf" if municipality_id else ".pdf"
    response = HttpResponse(
        pdf.render(document, municipality_id=municipality_id), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(document, suffix)}"'
    return response


@members_only
@require_GET
def statement_xlsx(
    request: HttpRequest, access: Access, pk: int, statement_pk: int
) -> HttpResponse:
    document = _download(access, pk, statement_pk)
    if document.snapshot is None:
        return _refused(request, access, pk, statement_pk)
    response = HttpResponse(
        xlsx.render(document),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(document, ".xlsx")}"'
    return response
