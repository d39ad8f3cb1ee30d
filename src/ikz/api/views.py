"""The page "API-Schlüssel" in the account area: create (the secret is shown once), list,
revoke. Every logged-in user manages only their own keys."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.accounts.models import User
from ikz.api import tokens
from ikz.api.forms import TokenForm
from ikz.ui.formviews import form_data, submit


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    cooperations = tokens.key_cooperations(user=user)
    form = TokenForm(form_data(request), cooperations=cooperations)
    created = submit(
        request,
        form,
        lambda: tokens.token_create(
            user=user,
            cooperation=form.cleaned_data["cooperation"],
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            expires_on=form.cleaned_data["expires_on"],
        ),
    )
    status = 400 if request.method == "POST" and created is None else 200
    if created is not None:
        form = TokenForm(cooperations=cooperations)
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": tokens.tokens_of(user=user, today=timezone.localdate()),
            "cooperations": cooperations,
        },
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    token = tokens.token_get(user=user, pk=pk)
    if token is None:
        raise Http404
    tokens.token_revoke(token=token, user=user)
    messages.success(request, _("Schlüssel „%(name)s“ widerrufen.") % {"name": token.name})
    return redirect("api_tokens:list")
