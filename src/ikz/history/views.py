"""The "Verlauf" pages (coordinators only): per object, for the whole cooperation, restore."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from ikz.accounts.access import Access
from ikz.cooperation.guards import coordinator_only
from ikz.history import selectors, services


@coordinator_only
@require_GET
def cooperation_history(request: HttpRequest, access: Access) -> HttpResponse:
    deleted_only = request.GET.get("geloescht") == "1"
    rows = selectors.cooperation_history(access=access, deleted_only=deleted_only)
    return render(
        request,
        "history/cooperation_history.html",
        {"rows": rows, "deleted_only": deleted_only, "show_object": True},
    )


@coordinator_only
@require_GET
def object_history(request: HttpRequest, access: Access, label: str, pk: int) -> HttpResponse:
    model = selectors.tracked_model(label)
    rows = selectors.object_history(access=access, model=model, pk=pk)
    own = [row for row in rows if row.model is model and row.object_id == pk]
    name = own[0].label if own else f"{model._meta.verbose_name} Nr. {pk}"
    return render(
        request,
        "history/object_history.html",
        {
            "rows": rows,
            "object_name": name,
            "verbose_name": model._meta.verbose_name,
            "exists": selectors.object_exists(model, access, pk),
            "show_object": True,
        },
    )


@coordinator_only
@require_POST
def restore(request: HttpRequest, access: Access, label: str, history_id: int) -> HttpResponse:
    model = selectors.tracked_model(label)
    record = selectors.record_get(access=access, model=model, history_id=history_id)
    pk = getattr(record, model._meta.pk.attname)
    back = reverse("history:object", args=[access.cooperation.slug, label, pk])
    try:
        instance, children = services.restore(
            cooperation=access.cooperation, model=model, record=record, actor_id=access.user_id
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    text = _("„%(name)s“ ist wiederhergestellt.") % {"name": instance}
    if children:
        text += " " + ngettext(
            "Dazu %(count)d zugehöriger Eintrag.", "Dazu %(count)d zugehörige Einträge.", children
        ) % {"count": children}
    messages.success(request, text)
    return redirect(back)
