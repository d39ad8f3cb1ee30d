"""Record each log-in (device list, "überall abmelden"), forget it on log-out."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from ikz.profile.models import LoginSession


@receiver(user_logged_in, dispatch_uid="ikz.profile.login")
def remember_login(*, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    LoginSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "user_agent": request.headers.get("user-agent", "")[:300]},
    )


@receiver(user_logged_out, dispatch_uid="ikz.profile.logout")
def forget_login(*, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and getattr(request, "session", None) is not None:
        LoginSession.objects.filter(session_key=request.session.session_key).delete()
