"""The password-reset page with its rate limits."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from ikz.security.client_ip import client_ip
from ikz.security.throttle import address_is_blocked, register_reset_request


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, counting requests per address and per account (see throttle)."""

    def form_valid(self, form: Any) -> HttpResponse:
        decision = register_reset_request(
            address=client_ip(self.request), email=form.cleaned_data["email"]
        )
        if not decision.allowed_for_address:
            return render(self.request, "security/reset_throttled.html", status=429)
        if not decision.send_mail:
            # Same answer as a sent mail: a stranger must not learn whether the account exists.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class ThrottledLoginView(auth_views.LoginView):
    """Django's log-in page, refusing an address that failed too often on any accounts."""

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        if address_is_blocked(address=client_ip(request)):
            return render(request, "accounts/locked_out.html", status=429)
        return super().post(request, *args, **kwargs)
