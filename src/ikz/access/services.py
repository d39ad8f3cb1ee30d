"""Writes of access management: invite, resend, revoke, accept, change a role, remove access.

Every service runs in one transaction, checks the cooperation of every object it is given,
records an ``AccessEvent`` (who, when, what) and sends mail only after the commit.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.access.models import AccessEvent, Invitation
from ikz.accounts.models import CooperationRole, User
from ikz.cooperation.models import Cooperation, Person

INVITATION_DAYS = 14
Role = CooperationRole.Role


def record(*, cooperation: Cooperation, actor_id: int | None, summary: str) -> AccessEvent:
    return AccessEvent.objects.create(
        cooperation=cooperation, actor_id=actor_id, summary=summary[:300]
    )


def _role_label(role: str) -> str:
    return str(Role(role).label)


def _send_after_commit(invitation: Invitation) -> None:
    from ikz.access.tasks import send_invitation_mail

    invitation_id, nonce = invitation.pk, invitation.nonce
    transaction.on_commit(
        lambda: send_invitation_mail.enqueue(invitation_id=invitation_id, nonce=nonce)
    )


def user_for_email(email: str) -> User | None:
    """The log-in an address already has (its e-mail or its user name), if any."""
    return (
        User.objects.filter(email__iexact=email).order_by("pk").first()
        or User.objects.filter(username__iexact=email).order_by("pk").first()
    )


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": _("Bitte eine gültige E-Mail-Adresse angeben.")}) from error
    return email


@transaction.atomic
def invitation_create(
    *,
    cooperation: Cooperation,
    email: str,
    role: str,
    person: Person | None = None,
    actor_id: int | None = None,
    days: int = INVITATION_DAYS,
) -> Invitation:
    """Invite ``email`` into ``cooperation``; the mail leaves after the commit.

    An older open invitation of the same address is revoked: only the newest link works.
    """
    email = _clean_email(email)
    if role not in Role.values:
        raise ValidationError({"role": _("Bitte Koordination oder Mitglied wählen.")})
    if cooperation.is_archived:
        raise ValidationError(_("Die Kooperation ist archiviert; Einladungen sind nicht möglich."))
    if person is not None:
        if person.cooperation_id != cooperation.pk:
            raise ValidationError(
                {"person": _("Diese Person gehört zu einer anderen Kooperation.")}
            )
        if person.user_id is not None:
            raise ValidationError(
                {"person": _("Diese Person hat bereits ein Benutzerkonto in dieser Kooperation.")}
            )
    existing = user_for_email(email)
    if (
        existing is not None
        and CooperationRole.objects.filter(user=existing, cooperation=cooperation).exists()
    ):
        raise ValidationError(
            {"email": _("Diese Adresse hat bereits Zugang zu dieser Kooperation.")}
        )
    now = timezone.now()
    Invitation.objects.filter(
        cooperation=cooperation,
        email=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=now)
    invitation = Invitation(
        cooperation=cooperation,
        email=email,
        role=role,
        person=person,
        nonce=secrets.token_urlsafe(24),
        created_by_id=actor_id,
        sent_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    invitation.full_clean()
    invitation.save()
    record(
        cooperation=cooperation,
        actor_id=actor_id,
        summary=_("%(email)s eingeladen (%(role)s)") % {"email": email, "role": _role_label(role)},
    )
    _send_after_commit(invitation)
    return invitation


def _locked(invitation: Invitation, cooperation: Cooperation) -> Invitation:
    if invitation.cooperation_id != cooperation.pk:
        raise ValidationError(_("Diese Einladung gehört zu einer anderen Kooperation."))
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("cooperation", "person")
        .get(pk=invitation.pk)
    )


@transaction.atomic
def invitation_resend(
    *, cooperation: Cooperation, invitation: Invitation, actor_id: int | None = None
) -> Invitation:
    """A new link (the old one dies) valid for another 14 days."""
    invitation = _locked(invitation, cooperation)
    if invitation.state in (Invitation.State.ACCEPTED, Invitation.State.REVOKED):
        raise ValidationError(
            _("Diese Einladung ist %(state)s und kann nicht erneut gesendet werden.")
            % {"state": invitation.state_label}
        )
    now = timezone.now()
    invitation.nonce = secrets.token_urlsafe(24)
    invitation.sent_at = now
    invitation.expires_at = now + dt.timedelta(days=INVITATION_DAYS)
    invitation.save(update_fields=["nonce", "sent_at", "expires_at"])
    record(
        cooperation=cooperation,
        actor_id=actor_id,
        summary=_("Einladung an %(email)s erneut gesendet") % {"email": invitation.email},
    )
    _send_after_commit(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(
    *, cooperation: Cooperation, invitation: Invitation, actor_id: int | None = None
) -> Invitation:
    invitation = _locked(invitation, cooperation)
    if invitation.state == Invitation.State.ACCEPTED:
        raise ValidationError(
            _("Diese Einladung wurde schon angenommen; entfernen Sie stattdessen den Zugang.")
        )
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            cooperation=cooperation,
            actor_id=actor_id,
            summary=_("Einladung an %(email)s zurückgezogen") % {"email": invitation.email},
        )
    return invitation


def invitation_problem(invitation: Invitation | None) -> str:
    """Why a link cannot be used (German, for the page), or "" when it can."""
    if invitation is None:
        return _(
            "Dieser Einladungslink ist ungültig. Vielleicht wurde die Einladung inzwischen "
            "erneut gesendet; dann gilt nur der Link aus der neuesten E-Mail."
        )
    state = invitation.state
    if state == Invitation.State.ACCEPTED:
        return _("Diese Einladung wurde bereits angenommen. Bitte melden Sie sich an.")
    if state == Invitation.State.REVOKED:
        return _("Diese Einladung wurde von der Koordination zurückgezogen.")
    if state == Invitation.State.EXPIRED:
        return _(
            "Diese Einladung ist abgelaufen. Bitten Sie die Koordination, sie erneut zu senden."
        )
    if invitation.cooperation.is_archived:
        return _("Die Kooperation ist archiviert; Einladungen können nicht angenommen werden.")
    return ""


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    given_name: str = "",
    family_name: str = "",
    password: str = "",
) -> User:
    """Take up the invitation: with a new log-in (``user`` None, a password) or an existing one.

    The log-in gets the invited role and is linked to the invited person (or to a new person
    of that name), so that a member acts for the person's municipality.
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("cooperation")
        .get(pk=invitation.pk)
    )
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(problem)
    cooperation = invitation.cooperation
    if user is None:
        if user_for_email(invitation.email) is not None:
            raise ValidationError(
                _("Für diese Adresse gibt es schon ein Konto. Bitte melden Sie sich an.")
            )
        given_name, family_name = given_name.strip(), family_name.strip()
        if not given_name or not family_name:
            raise ValidationError({"given_name": _("Bitte Vor- und Nachnamen angeben.")})
        user = User(
            username=invitation.email,
            email=invitation.email,
            first_name=given_name[:150],
            last_name=family_name[:150],
        )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
        user.full_clean()
        user.save()
    elif user.email.lower() != invitation.email and user.username.lower() != invitation.email:
        raise ValidationError(
            _("Diese Einladung gilt für %(email)s, nicht für Ihr Konto.")
            % {"email": invitation.email}
        )
    CooperationRole.objects.update_or_create(
        user=user, cooperation=cooperation, defaults={"role": invitation.role}
    )
    _link_person(invitation=invitation, user=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        cooperation=cooperation,
        actor_id=user.pk,
        summary=_("Einladung von %(email)s angenommen (%(role)s)")
        % {"email": invitation.email, "role": _role_label(invitation.role)},
    )
    return user


def _link_person(*, invitation: Invitation, user: User) -> None:
    cooperation = invitation.cooperation
    if Person.objects.filter(cooperation=cooperation, user=user).exists():
        return
    person = (
        Person.objects.select_for_update()
        .filter(cooperation=cooperation, pk=invitation.person_id or 0, user__isnull=True)
        .first()
    )
    if person is None:
        person = Person(
            cooperation=cooperation,
            given_name=user.first_name or invitation.email.split("@")[0],
            family_name=user.last_name or "–",
            email=invitation.email,
        )
    person.user = user
    if not person.email:
        person.email = invitation.email
    person.full_clean()
    person.save()


def coordinator_count(cooperation: Cooperation) -> int:
    return CooperationRole.objects.filter(
        cooperation=cooperation, role=Role.COORDINATOR, user__is_active=True
    ).count()


def _locked_role(cooperation: Cooperation, role: CooperationRole) -> CooperationRole:
    if role.cooperation_id != cooperation.pk:
        raise ValidationError(_("Dieser Zugang gehört zu einer anderen Kooperation."))
    # Lock every coordinator row: two coordinators removing each other at once must not
    # leave the cooperation without one.
    list(
        CooperationRole.objects.select_for_update().filter(
            cooperation=cooperation, role=Role.COORDINATOR
        )
    )
    return CooperationRole.objects.select_related("user").get(pk=role.pk)


def _refuse_last_coordinator(cooperation: Cooperation, role: CooperationRole) -> None:
    if role.role == Role.COORDINATOR and coordinator_count(cooperation) <= 1:
        raise ValidationError(
            _(
                "%(user)s ist die letzte Person mit der Rolle Koordination. Geben Sie zuerst "
                "jemand anderem diese Rolle."
            )
            % {"user": role.user.get_full_name() or role.user.username}
        )


@transaction.atomic
def role_change(
    *, cooperation: Cooperation, role: CooperationRole, new_role: str, actor_id: int | None = None
) -> CooperationRole:
    if new_role not in Role.values:
        raise ValidationError({"role": _("Bitte Koordination oder Mitglied wählen.")})
    role = _locked_role(cooperation, role)
    if role.role == new_role:
        return role
    if new_role != Role.COORDINATOR:
        _refuse_last_coordinator(cooperation, role)
    old = role.role
    role.role = new_role
    role.save(update_fields=["role"])
    record(
        cooperation=cooperation,
        actor_id=actor_id,
        summary=_("Rolle von %(user)s geändert: %(old)s → %(new)s")
        % {
            "user": role.user.get_full_name() or role.user.username,
            "old": _role_label(old),
            "new": _role_label(new_role),
        },
    )
    return role


@transaction.atomic
def access_remove(
    *, cooperation: Cooperation, role: CooperationRole, actor_id: int | None = None
) -> None:
    """The log-in loses its role here; the person and everything they wrote stay."""
    role = _locked_role(cooperation, role)
    _refuse_last_coordinator(cooperation, role)
    user = role.user
    role.delete()
    Person.objects.filter(cooperation=cooperation, user=user).update(user=None)
    record(
        cooperation=cooperation,
        actor_id=actor_id,
        summary=_("Zugang von %(user)s entfernt") % {"user": user.get_full_name() or user.username},
    )
