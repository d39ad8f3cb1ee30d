"""The link in an invitation mail: a signed token over the invitation's id and nonce.

Nothing in the database suffices to forge it (it needs ``SECRET_KEY``), and a resend draws a
new nonce, so that only the newest link works. Expiry is the invitation's own ``expires_at``.
"""

from __future__ import annotations

import hmac

from django.core import signing

from ikz.access.models import Invitation

SALT = "ikz.access.invitation"


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT, compress=True)


def resolve(token: str) -> Invitation | None:
    """The invitation a link stands for, whatever its state, or None for a forged/old link."""
    if not token or len(token) > 200:
        return None
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int):
        return None
    invitation = (
        Invitation.objects.select_related("cooperation", "person").filter(pk=payload["i"]).first()
    )
    nonce = str(payload.get("n", ""))
    if invitation is None or not hmac.compare_digest(invitation.nonce.encode(), nonce.encode()):
        return None
    return invitation
