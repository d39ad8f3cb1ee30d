"""Safe defaults: production settings, security headers, Argon2, login throttling, admin."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.core.management import call_command
from django.test import Client, override_settings

from ikz.accounts.models import User
from tests.conftest import World, client_for
from tests.factories import UserFactory
from tests.site_map import ROLES, all_cases, build_scene, slug_only_urls

SRC = Path(__file__).resolve().parents[1] / "src"
PRINT_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
csp = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_CONTENT_TYPE_NOSNIFF": settings.SECURE_CONTENT_TYPE_NOSNIFF,
    "X_FRAME_OPTIONS": settings.X_FRAME_OPTIONS,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "PASSWORD_HASHERS": settings.PASSWORD_HASHERS,
    "AXES_ENABLED": settings.AXES_ENABLED,
    "script_src": [str(v) for v in csp["script-src"]],
    "style_src": [str(v) for v in csp["style-src"]],
}))
"""


def run_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter with exactly the given IKZ/Django variables."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("IKZ_", "DJANGO_", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"))
    }
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": "ikz.settings",
            "IKZ_DATA_DIR": str(tmp_path),
            "PYTHONPATH": str(SRC),
            **env,
        }
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PRINT_SETTINGS],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_json(tmp_path: Path, **env: str) -> dict[str, Any]:
    result = run_settings(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout)
    return values


# --- Production settings -------------------------------------------------------------------


def test_production_without_secret_key_refuses_to_start(tmp_path: Path) -> None:
    result = run_settings(tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY fehlt" in result.stderr
    assert "Setzen Sie die Umgebungsvariable SECRET_KEY" in result.stderr


def test_production_defaults_are_safe(tmp_path: Path) -> None:
    values = settings_json(tmp_path, SECRET_KEY="x" * 50)
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 180
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    # No host is trusted until the operator names it.
    assert values["ALLOWED_HOSTS"] == []
    assert values["AXES_ENABLED"] is True
    assert values["script_src"] == ["'self'"]
    assert "'unsafe-inline'" not in values["style_src"]


def test_argon2_is_the_first_hasher_without_the_test_shortcut(tmp_path: Path) -> None:
    argon2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert settings_json(tmp_path, SECRET_KEY="x" * 50)["PASSWORD_HASHERS"][0] == argon2
    assert settings_json(tmp_path, IKZ_DEV="1")["PASSWORD_HASHERS"][0] == argon2
    fast = settings_json(tmp_path, IKZ_DEV="1", IKZ_FAST_PASSWORD_HASHER="1")
    assert fast["PASSWORD_HASHERS"][0] != argon2
    assert argon2 in fast["PASSWORD_HASHERS"]


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_argon2_hashes_and_verifies() -> None:
    encoded = make_password("Partheland-2019!")
    assert encoded.startswith("argon2$argon2id$")
    assert "Partheland-2019!" not in encoded
    assert check_password("Partheland-2019!", encoded)
    assert not check_password("partheland-2019!", encoded)


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_login_form_works_with_argon2() -> None:
    user = User.objects.create_user(username="argon", password="Partheland-2019!")
    assert user.password.startswith("argon2$")
    response = Client().post(
        "/konto/anmelden/", {"username": "argon", "password": "Partheland-2019!"}
    )
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


# --- Headers and markup under the Content-Security-Policy ----------------------------------


@pytest.mark.django_db
def test_security_headers() -> None:
    response = Client().get("/")
    policy = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def test_no_page_needs_what_the_policy_forbids(world: World) -> None:
    """No inline <script>, <style>, style="" or onclick= on any page the strict CSP serves."""
    scene = build_scene(world)
    checked = 0
    for name, case in all_cases():
        for role in ROLES:
            if case.get[role] != 200:
                continue
            html = scene.client(role).get(case.url(name, scene)).content.decode()
            for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
                found = pattern.search(html)
                assert found is None, f"{name} as {role}: {found.group(0) if found else ''}"
            checked += 1
    assert checked > 40
    # The pages of apps not in SITE_MAP, as the coordinator sees them.
    client = scene.client("coordinator")
    for name, url in slug_only_urls(scene.slug):
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
            found = pattern.search(html)
            assert found is None, f"{name}: {found.group(0) if found else ''}"


def test_post_without_csrf_token_is_refused_in_german(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    response = client.post(
        f"/{world.cooperation.slug}/kommunen/neu/",
        {"name": "Ohne Token", "kind": "gemeinde", "ags": "14729999"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Formular abgelaufen" in html
    assert "Es wurde nichts gespeichert." in html
    # Rendered in the app's layout, so the strict CSP does not have to allow inline styles.
    assert INLINE_STYLE.search(html) is None
    assert not world.cooperation.municipalities.filter(name="Ohne Token").exists()


# --- Login throttling (django-axes) -------------------------------------------------------

PASSWORD = "geheim-und-lang-2019"  # tests/factories.py UserFactory


def attempt(client: Client, username: str, password: str) -> Any:
    return client.post("/konto/anmelden/", {"username": username, "password": password})


@pytest.mark.django_db
def test_five_failures_lock_the_login_even_for_the_right_password() -> None:
    user = UserFactory()
    client = Client()
    for _ in range(4):
        response = attempt(client, user.username, "falsch")
        assert response.status_code == 200
        assert "Benutzername oder Passwort sind nicht korrekt" in response.content.decode()
    fifth = attempt(client, user.username, "falsch")
    assert fifth.status_code == 429
    response = attempt(client, user.username, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in html
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in html
    assert '<html lang="de">' in html
    assert not response.wsgi_request.user.is_authenticated

    call_command("axes_reset", verbosity=0)
    response = attempt(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_lockout_is_per_user_name() -> None:
    victim, bystander = UserFactory(), UserFactory()
    client = Client()
    for _ in range(5):
        attempt(client, victim.username, "falsch")
    assert attempt(client, victim.username, PASSWORD).status_code == 429
    # From the same address another account can still log in.
    response = attempt(client, bystander.username, PASSWORD)
    assert response.status_code == 302


@pytest.mark.django_db
def test_successful_login_resets_the_counter() -> None:
    user = UserFactory()
    client = Client()
    for _ in range(4):
        attempt(client, user.username, "falsch")
    assert attempt(client, user.username, PASSWORD).status_code == 302
    client.post("/konto/abmelden/")
    for _ in range(4):
        assert attempt(client, user.username, "falsch").status_code == 200
    assert attempt(client, user.username, PASSWORD).status_code == 302


# --- Admin ---------------------------------------------------------------------------------


def test_admin_is_for_superusers_only(world: World) -> None:
    world.coordinator.is_staff = True
    world.coordinator.save()
    for user in (None, world.coordinator, world.member, world.outsider):
        response = client_for(user).get("/admin/")
        assert response.status_code == 302, user
        assert response["Location"].startswith("/admin/login/")
        # Not even the models' pages are reachable by guessing their address.
        response = client_for(user).get("/admin/accounts/user/")
        assert response.status_code == 302, user
    admin = UserFactory(is_superuser=True, is_staff=True)
    response = client_for(admin).get("/admin/")
    assert response.status_code == 200
    assert client_for(admin).get("/admin/accounts/user/").status_code == 200


def test_staff_coordinator_cannot_log_into_admin(world: World) -> None:
    world.coordinator.is_staff = True
    world.coordinator.save()
    client = Client()
    client.post(
        "/admin/login/",
        {"username": world.coordinator.username, "password": PASSWORD, "next": "/admin/"},
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/cooperation/").status_code == 302
