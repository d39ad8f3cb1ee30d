"""API keys for every role, and a client that sends them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client
from django.utils import timezone

from ikz.api import tokens
from ikz.api.models import ApiToken
from tests.conftest import World

ROLES = ("outsider", "member", "coordinator")


def key(world: World, role: str, *, scope: str = ApiToken.Scope.WRITE, days: int = 30) -> str:
    """A fresh key of ``role``'s user in the world's cooperation. The outsider has no role,
    so (as ``token_create`` refuses them) their key is written directly: it must still see
    only what the public sees."""
    user = getattr(world, role)
    if role == "outsider":
        secret = f"ikz_outsider_{user.pk}_{'x' * 30}"
        ApiToken.objects.create(
            cooperation=world.cooperation,
            user=user,
            name="Außenstehend",
            scope=scope,
            expires_on=timezone.localdate() + dt.timedelta(days=days),
            prefix="outsider",
            key_hash=tokens._hash(secret),
        )
        return secret
    return tokens.token_create(
        user=user,
        cooperation=world.cooperation,
        name=f"Skript {role}",
        scope=scope,
        expires_on=timezone.localdate() + dt.timedelta(days=days),
    ).secret


class Api:
    def __init__(self, secret: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def call(self, method: str, path: str, data: Any = None, **params: Any) -> Any:
        url = f"/api/v1{path}"
        kwargs: dict[str, Any] = {"headers": self.headers}
        if method == "get":
            response = self.client.get(url, params, **kwargs)
        else:
            response = getattr(self.client, method)(
                url, json.dumps(data or {}), content_type="application/json", **kwargs
            )
        return response

    def get(self, path: str, **params: Any) -> Any:
        return self.call("get", path, **params)

    def post(self, path: str, data: Any = None) -> Any:
        return self.call("post", path, data)

    def patch(self, path: str, data: Any = None) -> Any:
        return self.call("patch", path, data)
