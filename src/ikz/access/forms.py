from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from ikz.accounts.models import CooperationRole
from ikz.cooperation.models import Cooperation, Person
from ikz.ui.forms import KernForm


class InviteForm(KernForm):
    email = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254)
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=CooperationRole.Role.choices,
        initial=CooperationRole.Role.MEMBER,
        widget=forms.RadioSelect,
        help_text=_(
            "Mitglieder lesen das Interne ihrer Gremien und antworten für ihre Kommune; "
            "die Koordination darf alles in dieser Kooperation."
        ),
    )
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("– neue Person aus dem Namen anlegen –"),
        help_text=_(
            "Das Konto wird mit dieser Person verbunden; so handelt ein Mitglied für die "
            "Kommune der Person."
        ),
    )

    def __init__(self, *args: Any, cooperation: Cooperation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = (  # type: ignore[attr-defined]
            Person.objects.filter(cooperation=cooperation, user__isnull=True)
            .select_related("municipality")
            .order_by("family_name", "given_name")
        )
        field.label_from_instance = lambda p: (  # type: ignore[attr-defined]
            f"{p.full_name} ({p.affiliation})" if p.affiliation else p.full_name
        )


class RoleForm(KernForm):
    role = forms.ChoiceField(label=_("Rolle"), choices=CooperationRole.Role.choices)


class AcceptNewForm(KernForm):
    given_name = forms.CharField(label=_("Vorname"), max_length=100)
    family_name = forms.CharField(label=_("Nachname"), max_length=100)
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))
        return data
