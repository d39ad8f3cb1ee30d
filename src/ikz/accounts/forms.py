from __future__ import annotations

from typing import Any

from axes.utils import reset
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.db import transaction
from django.template import loader
from django.utils.translation import gettext_lazy as _

from ikz.security.tasks import send_reset_mail
from ikz.ui.forms import KernForm, KernFormMixin


class LoginForm(KernFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Benutzername oder Passwort sind nicht korrekt. Bitte achten Sie auf Groß- und "
            "Kleinschreibung."
        ),
        "inactive": _("Dieses Konto ist deaktiviert."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Benutzername")
        self.fields["password"].label = _("Passwort")


class PasswordResetRequestForm(KernFormMixin, PasswordResetForm):
    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,  # noqa: ARG002 - Django's PasswordResetForm.send_mail signature
    ) -> None:
        """Rendered here, sent by the task worker: the page does not wait for the mail server,
        and its answer time does not tell whether the address has an account."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(
            lambda: send_reset_mail.enqueue(
                subject=subject, body=body, from_email=from_email, to_email=to_email
            )
        )


class NewPasswordForm(KernFormMixin, SetPasswordForm):  # type: ignore[type-arg]  # not generic at run time
    def save(self, commit: bool = True) -> Any:
        """A new password set through the mailed link also lifts a lock on the account: a
        stranger's failed attempts cannot keep its owner out."""
        user = super().save(commit=commit)
        reset(username=user.get_username())
        return user


class CodeForm(KernForm):
    """The second step of the log-in, also the confirmation when setting up two-factor log-in."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "Der sechsstellige Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
