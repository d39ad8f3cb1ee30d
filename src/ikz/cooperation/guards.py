"""The one entrance to every page of a cooperation: find it, work out the visitor's access."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from ikz.accounts.access import Access, Level
from ikz.cooperation.access import access_for
from ikz.cooperation.models import Cooperation

P = ParamSpec("P")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CooperationView = Callable[Concatenate[HttpRequest, Access, P], HttpResponse]


def cooperation_view(
    *, level: Level = Level.PUBLIC
) -> Callable[[CooperationView[P]], Callable[Concatenate[HttpRequest, str, P], HttpResponse]]:
    """Resolve the cooperation from the URL and refuse visitors below ``level``.

    Anonymous visitors are sent to the log-in page; logged-in visitors without the level get 403.
    """

    def decorator(
        view: CooperationView[P],
    ) -> Callable[Concatenate[HttpRequest, str, P], HttpResponse]:
        @wraps(view)
        def wrapper(
            request: HttpRequest, slug: str, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            # With the branding: every page's header shows its logo and colour (no extra query).
            cooperation = get_object_or_404(
                Cooperation.objects.select_related("branding"), slug=slug
            )
            access = access_for(user=request.user, cooperation=cooperation)
            if access.level < level:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied(_("Für diese Seite fehlt Ihnen die Berechtigung."))
            if access.is_coordinator and cooperation.require_coordinator_2fa:
                verified = getattr(request.user, "is_verified", None)
                if not (verified and verified()):
                    messages.warning(
                        request,
                        _(
                            "„%(name)s“ verlangt für die Koordination die Zwei-Faktor-Anmeldung. "
                            "Bitte richten Sie sie ein oder melden Sie sich mit Code an."
                        )
                        % {"name": cooperation.name},
                    )
                    return redirect("profile:two_factor")
            if cooperation.is_archived and request.method not in SAFE_METHODS:
                raise PermissionDenied(
                    _("Diese Kooperation ist archiviert und kann nur noch gelesen werden.")
                )
            request.access = access  # type: ignore[attr-defined]  # read by templates
            return view(request, access, *args, **kwargs)

        return wrapper  # type: ignore[return-value]  # functools.wraps loses the ParamSpec

    return decorator


coordinator_only = cooperation_view(level=Level.COORDINATOR)
members_only = cooperation_view(level=Level.MEMBER)
public = cooperation_view(level=Level.PUBLIC)
