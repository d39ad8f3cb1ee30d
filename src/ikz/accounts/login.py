"""Log-in in two steps when the account has two-factor authentication.

The password step does not log in an account with a confirmed authenticator: it only notes
the account in the session; the code step then logs in and marks the session as verified
(django-otp). Until then the visitor is anonymous everywhere.

Both steps are the log-in's, so they live here; setting up and switching off the second factor
is "Mein Konto"'s (ikz.profile), which reuses ``forms.CodeForm``.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from ikz.accounts.forms import CodeForm
from ikz.accounts.models import User
from ikz.security.views import ThrottledLoginView
from ikz.ui.formviews import form_data, form_status

PENDING = "ikz_pending_login"
PENDING_SECONDS = 300


class TwoStepLoginView(ThrottledLoginView):
    """The throttled log-in page (ikz.security), with a second step for accounts with 2FA."""

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not user_has_device(user, confirmed=True):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": time.time(),
        }
        return redirect("accounts:login_code")


def _pending_user(request: HttpRequest) -> tuple[User | None, dict[str, object]]:
    pending = request.session.get(PENDING) or {}
    if not pending or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        return None, {}
    user_id = pending.get("user")
    if not isinstance(user_id, int):
        return None, {}
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return user, pending


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    user, pending = _pending_user(request)
    if user is None:
        request.session.pop(PENDING, None)
        messages.error(request, _("Bitte melden Sie sich erneut mit Benutzername und Passwort an."))
        return redirect("accounts:login")
    form = CodeForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        code = "".join(form.cleaned_data["code"].split())
        device = match_token(user, code)
        if device is not None:
            del request.session[PENDING]
            login(request, user, backend=str(pending["backend"]))
            otp_login(request, device)
            target = str(pending.get("next") or "")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = settings.LOGIN_REDIRECT_URL
            if device.__class__.__name__ == "StaticDevice":
                messages.warning(
                    request,
                    _("Sie haben einen Wiederherstellungscode verwendet; er gilt nun nicht mehr."),
                )
            return redirect(target)
        form.add_error("code", _("Der Code stimmt nicht oder ist abgelaufen."))
    status = form_status(request)
    return render(request, "accounts/login_code.html", {"form": form}, status=status)
