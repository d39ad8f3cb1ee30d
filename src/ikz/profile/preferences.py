"""Who does not want a kind of mail: used by the apps that send them."""

from __future__ import annotations

from typing import Literal

from ikz.profile.models import MailPreferences

MailKind = Literal["meeting_invitations", "survey_reminders", "status_reports"]


def opted_out_user_ids(kind: MailKind) -> set[int]:
    return set(MailPreferences.objects.filter(**{kind: False}).values_list("user_id", flat=True))
