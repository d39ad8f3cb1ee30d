"""Every failed log-in is counted for its address (see throttle.address_is_blocked)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from ikz.security.client_ip import client_ip
from ikz.security.throttle import record_login_failure


@receiver(user_login_failed)
def count_failure(*, request: Any = None, **kwargs: Any) -> None:
    if request is not None:
        record_login_failure(address=client_ip(request))
