"""The "Zugänge" page of a cooperation and the public page behind an invitation link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ikz.access import selectors, services
from ikz.access.forms import AcceptNewForm, InviteForm, RoleForm
from ikz.access.tokens import resolve
from ikz.accounts.access import Access
from ikz.accounts.models import User
from ikz.cooperation.guards import coordinator_only
from ikz.inputs import parse_key
from ikz.ui.formviews import form_data, form_status, submit


def _page_url(access: Access) -> str:
    return reverse("access:page", args=[access.cooperation.slug])


@coordinator_only
def page(request: HttpRequest, access: Access) -> HttpResponse:
    rows = selectors.access_rows(access=access)
    context = {
        "rows": rows,
        "coordinators": sum(1 for row in rows if row.role.role == "coordinator"),
        "invitations": selectors.open_invitations(access=access),
        "events": selectors.recent_events(access=access),
        "role_choices": RoleForm.base_fields["role"].choices,  # type: ignore[attr-defined]
    }
    return render(request, "access/page.html", context)


@coordinator_only
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, access: Access) -> HttpResponse:
    initial: dict[str, object] = {}
    person_id = request.GET.get("person", "")
    if (person_pk := parse_key(person_id)) is not None:
        person = selectors.invitable_person(access=access, pk=person_pk)
        if person is not None:
            initial = {"person": person.pk, "email": person.email}
    form = InviteForm(form_data(request), initial=initial, cooperation=access.cooperation)
    invitation = submit(
        request,
        form,
        lambda: services.invitation_create(
            cooperation=access.cooperation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            person=form.cleaned_data["person"],
            actor_id=access.user_id,
        ),
    )
    if invitation is not None:
        messages.success(
            request,
            _("Einladung an %(email)s gesendet; der Link gilt 14 Tage.")
            % {"email": invitation.email},
        )
        return redirect(_page_url(access))
    status = form_status(request)
    return render(request, "access/invite.html", {"form": form}, status=status)


def _action(request: HttpRequest, access: Access, run: object, done: str) -> HttpResponse:
    try:
        run()  # type: ignore[operator]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(_page_url(access))


@coordinator_only
@require_POST
def invitation_resend(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    invitation = selectors.invitation_get(access=access, pk=pk)
    return _action(
        request,
        access,
        lambda: services.invitation_resend(
            cooperation=access.cooperation, invitation=invitation, actor_id=access.user_id
        ),
        _("Einladung an %(email)s erneut gesendet.") % {"email": invitation.email},
    )


@coordinator_only
@require_POST
def invitation_revoke(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    invitation = selectors.invitation_get(access=access, pk=pk)
    return _action(
        request,
        access,
        lambda: services.invitation_revoke(
            cooperation=access.cooperation, invitation=invitation, actor_id=access.user_id
        ),
        _("Einladung an %(email)s zurückgezogen.") % {"email": invitation.email},
    )


@coordinator_only
@require_POST
def role_change(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    role = selectors.role_get(access=access, pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte Koordination oder Mitglied wählen."))
        return redirect(_page_url(access))
    name = role.user.get_full_name() or role.user.username
    return _action(
        request,
        access,
        lambda: services.role_change(
            cooperation=access.cooperation,
            role=role,
            new_role=form.cleaned_data["role"],
            actor_id=access.user_id,
        ),
        _("Rolle von %(user)s gespeichert.") % {"user": name},
    )


@coordinator_only
@require_http_methods(["GET", "POST"])
def access_remove(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    role = selectors.role_get(access=access, pk=pk)
    name = role.user.get_full_name() or role.user.username
    if request.method == "POST":
        return _action(
            request,
            access,
            lambda: services.access_remove(
                cooperation=access.cooperation, role=role, actor_id=access.user_id
            ),
            _("Zugang von %(user)s entfernt.") % {"user": name},
        )
    return render(
        request,
        "ui/confirm_delete.html",
        {
            "title": _("Zugang entfernen"),
            "object_label": name,
            "consequences": [
                _("Das Konto kann diese Kooperation danach nur noch öffentlich sehen."),
                _("Die Person und alles, was sie geschrieben hat, bleiben erhalten."),
            ],
            "cancel_url": _page_url(access),
        },
    )


# --- The page behind the link ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = resolve(token)
    problem = services.invitation_problem(invitation)
    if problem or invitation is None:
        status = 404 if invitation is None else 410
        return render(request, "access/accept_problem.html", {"problem": problem}, status=status)
    cooperation = invitation.cooperation
    existing = services.user_for_email(invitation.email)
    user = request.user if request.user.is_authenticated else None
    context: dict[str, object] = {"invitation": invitation, "cooperation": cooperation}
    if existing is not None:
        if user is None:
            context["login_url"] = reverse("accounts:login") + "?next=" + request.path
            return render(request, "access/accept_login.html", context)
        if user.pk != existing.pk:
            return render(request, "access/accept_other_user.html", context, status=403)
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=existing)
            except ValidationError as error:
                context["problem"] = " ".join(error.messages)
                return render(request, "access/accept_problem.html", context, status=400)
            messages.success(
                request, _("Willkommen in der Kooperation „%(name)s“.") % {"name": cooperation}
            )
            return redirect("cooperation:dashboard", cooperation.slug)
        return render(request, "access/accept_existing.html", context)
    if user is not None:
        return render(request, "access/accept_other_user.html", context, status=403)
    person = invitation.person
    form = AcceptNewForm(
        form_data(request),
        initial={"given_name": person.given_name, "family_name": person.family_name}
        if person
        else {},
    )
    created = submit(
        request,
        form,
        lambda: services.invitation_accept(
            invitation=invitation,
            given_name=form.cleaned_data["given_name"],
            family_name=form.cleaned_data["family_name"],
            password=form.cleaned_data["password"],
        ),
    )
    if isinstance(created, User):
        login(request, created, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Ihr Konto ist angelegt. Willkommen in der Kooperation „%(name)s“.")
            % {"name": cooperation},
        )
        return redirect("cooperation:dashboard", cooperation.slug)
    context["form"] = form
    status = form_status(request)
    return render(request, "access/accept_new.html", context, status=status)
