from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

# Re-exported: the log-in's code form (ikz.accounts.login); the two-factor set-up asks the same.
from ikz.accounts.forms import CodeForm as CodeForm
from ikz.profile.models import MailPreferences
from ikz.ui.forms import KernForm, KernFormMixin, KernModelForm


class NameForm(KernForm):
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)


class EmailForm(KernForm):
    email = forms.EmailField(
        label=_("Neue E-Mail-Adresse"),
        max_length=254,
        help_text=_("Wir senden einen Bestätigungslink an die neue Adresse."),
    )


class PasswordForm(KernFormMixin, PasswordChangeForm):
    pass


class DisableForm(KernForm):
    password = forms.CharField(
        label=_("Ihr Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PreferencesForm(KernModelForm):
    class Meta:
        model = MailPreferences
        fields = ["meeting_invitations", "survey_reminders", "status_reports"]
