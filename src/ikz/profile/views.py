"""The pages of "Mein Konto". Every page shows only the visitor's own account."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login

from ikz.accounts.models import User
from ikz.cooperation.access import access_for
from ikz.profile import calendars as calendar_feeds
from ikz.profile import selectors, services
from ikz.profile.forms import (
    CodeForm,
    DisableForm,
    EmailForm,
    NameForm,
    PasswordForm,
    PreferencesForm,
)
from ikz.ui.formviews import form_data, form_status, submit

StrOrPromise = str | Promise

# The sections of "Mein Konto", in the order of the page's own navigation. Other apps add
# theirs here (url name, label), e.g. API tokens.
SECTIONS: list[tuple[str, StrOrPromise]] = [
    ("profile:overview", gettext_lazy("Übersicht")),
    ("profile:name", gettext_lazy("Name")),
    ("profile:email", gettext_lazy("E-Mail-Adresse")),
    ("profile:password", gettext_lazy("Passwort")),
    ("profile:two_factor", gettext_lazy("Zwei-Faktor-Anmeldung")),
    ("profile:sessions", gettext_lazy("Angemeldete Geräte")),
    ("profile:calendars", gettext_lazy("Kalender-Abos")),
    ("profile:notifications", gettext_lazy("E-Mail-Benachrichtigungen")),
    ("api_tokens:list", gettext_lazy("API-Schlüssel")),  # ikz.api
]
CODES = "ikz_recovery_codes"
PENDING_KEY = "ikz_totp_pending_key"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _page(
    request: HttpRequest, template: str, context: dict[str, object], status: int = 200
) -> HttpResponse:
    sections = [(reverse(name), label) for name, label in SECTIONS]
    return render(
        request,
        template,
        {"sections": sections, "section_path": request.path, **context},
        status=status,
    )


def _form_page(
    request: HttpRequest, *, form: object, title: str, intro: str = "", button: str = ""
) -> HttpResponse:
    status = form_status(request)
    return _page(
        request,
        "profile/form.html",
        {"form": form, "title": title, "intro": intro, "button": button or _("Speichern")},
        status,
    )


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return _page(
        request,
        "profile/overview.html",
        {
            "roles": selectors.roles_of(user=user),
            "two_factor": services.confirmed_totp(user) is not None,
            "verified": request.user.is_verified(),  # type: ignore[union-attr]
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def name(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = NameForm(
        form_data(request), initial={"first_name": user.first_name, "last_name": user.last_name}
    )
    saved = submit(
        request,
        form,
        lambda: services.name_save(
            user=user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        ),
    )
    if saved is not None:
        messages.success(request, _("Name gespeichert."))
        return redirect("profile:overview")
    return _form_page(request, form=form, title=_("Name"))


@login_required
@require_http_methods(["GET", "POST"])
def email(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = EmailForm(form_data(request))
    token = submit(
        request,
        form,
        lambda: services.email_change_request(user=user, new_email=form.cleaned_data["email"]),
    )
    if token is not None:
        messages.success(
            request,
            _(
                "Wir haben einen Bestätigungslink an %(email)s gesendet. Bis zur Bestätigung "
                "gilt Ihre bisherige Adresse."
            )
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("profile:overview")
    intro = _("Ihre Adresse ist zurzeit %(email)s.") % {"email": user.email or _("nicht angegeben")}
    return _form_page(
        request,
        form=form,
        title=_("E-Mail-Adresse ändern"),
        intro=intro,
        button=_("Bestätigung senden"),
    )


@login_required
@require_GET
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = services.email_change_confirm(user=_user(request), token=token)
    except ValidationError as error:
        return _page(
            request, "profile/problem.html", {"problem": " ".join(error.messages)}, status=400
        )
    messages.success(request, _("Ihre E-Mail-Adresse ist jetzt %(email)s.") % {"email": user.email})
    return redirect("profile:overview")


@login_required
@require_http_methods(["GET", "POST"])
def password(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = PasswordForm(user, form_data(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(
            request, _("Passwort geändert. Auf anderen Geräten sind Sie nun abgemeldet.")
        )
        return redirect("profile:overview")
    return _form_page(request, form=form, title=_("Passwort ändern"))


@login_required
@require_http_methods(["GET", "POST"])
def sessions(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    current = request.session.session_key
    if request.method == "POST":
        ended = services.sessions_end_others(user=user, keep_session_key=current)
        messages.success(request, _("Auf allen anderen Geräten abgemeldet (%(n)s).") % {"n": ended})
        return redirect("profile:sessions")
    rows = selectors.live_sessions(user=user)
    return _page(request, "profile/sessions.html", {"rows": rows, "current": current})


@login_required
@require_GET
def two_factor(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    codes = request.session.pop(CODES, None)
    return _page(
        request,
        "profile/two_factor.html",
        {
            "device": services.confirmed_totp(user),
            "codes": codes,
            "codes_left": selectors.recovery_codes_left(user=user),
        },
    )


def _qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    # The secret lives in the session until confirmed: a GET writes no device (issue #12).
    pending = request.session.get(PENDING_KEY)
    device = services.totp_draft(user=user, key=pending)
    if pending != device.key:  # the first visit; a reload leaves the session untouched
        request.session[PENDING_KEY] = device.key
    form = CodeForm(form_data(request))
    result = submit(
        request,
        form,
        lambda: services.totp_confirm(user=user, key=device.key, code=form.cleaned_data["code"]),
    )
    if result is not None:
        confirmed, codes = result
        otp_login(request, confirmed)
        request.session.pop(PENDING_KEY, None)
        request.session[CODES] = codes
        messages.success(request, _("Zwei-Faktor-Anmeldung eingerichtet."))
        return redirect("profile:two_factor")
    secret = base64.b32encode(device.bin_key).decode()
    status = form_status(request)
    return _page(
        request,
        "profile/two_factor_setup.html",
        {"form": form, "qr": _qr_data_uri(device.config_url), "secret": secret},
        status,
    )


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if services.confirmed_totp(user) is None:
        messages.error(request, _("Richten Sie zuerst die Zwei-Faktor-Anmeldung ein."))
    else:
        request.session[CODES] = services.recovery_codes_new(user=user)
        messages.success(
            request, _("Neue Wiederherstellungscodes erzeugt; die alten gelten nicht mehr.")
        )
    return redirect("profile:two_factor")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = DisableForm(form_data(request))
    done = submit(
        request,
        form,
        lambda: services.two_factor_disable(user=user, password=form.cleaned_data["password"])
        or True,
    )
    if done:
        messages.success(request, _("Zwei-Faktor-Anmeldung abgeschaltet."))
        return redirect("profile:two_factor")
    return _form_page(
        request,
        form=form,
        title=_("Zwei-Faktor-Anmeldung abschalten"),
        intro=_(
            "Bestätigen Sie mit Ihrem Passwort. Kooperationen, die sie verlangen, öffnen sich "
            "danach erst wieder, wenn Sie sie neu einrichten."
        ),
        button=_("Abschalten"),
    )


@login_required
@require_GET
def calendars(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    feed = calendar_feeds.registered()
    rows = []
    for role in selectors.roles_of(user=user):
        access = access_for(user=user, cooperation=role.cooperation)
        path = feed.path(access=access) if feed else None
        url = request.build_absolute_uri(path) if path else ""
        rows.append({"cooperation": role.cooperation, "url": url})
    return _page(request, "profile/calendars.html", {"rows": rows})


@login_required
@require_POST
def calendar_renew(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    cooperation = selectors.role_cooperation(user=user, slug=slug)
    feed = calendar_feeds.registered()
    if feed is None:
        raise Http404
    feed.renew(access=access_for(user=user, cooperation=cooperation))
    messages.success(
        request,
        _("Neue Kalenderadresse für „%(name)s“ erzeugt; die alte funktioniert nicht mehr.")
        % {"name": cooperation.name},
    )
    return redirect("profile:calendars")


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    instance = selectors.mail_preferences(user=user)
    form = PreferencesForm(form_data(request), instance=instance)
    saved = submit(
        request, form, lambda: services.preferences_save(user=user, fields=form.cleaned_data)
    )
    if saved is not None:
        messages.success(request, _("E-Mail-Benachrichtigungen gespeichert."))
        return redirect("profile:notifications")
    return _form_page(
        request,
        form=form,
        title=_("E-Mail-Benachrichtigungen"),
        intro=_("Welche E-Mails Sie von dieser Plattform erhalten möchten."),
    )
