"""Log-in, log-out and password reset: German throughout, and safe redirects."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from ikz.accounts.models import User
from tests.conftest import World, client_for
from tests.factories import UserFactory

PASSWORD = "geheim-und-lang-2019"  # tests/factories.py UserFactory
NEW_PASSWORD = "Blühstreifen-am-Bauhof-2020"
LOGIN = "/konto/anmelden/"


@pytest.fixture
def user(db: None) -> User:
    return UserFactory(username="koordination", email="koordination@example.org")


def test_login_page_is_german(db: None) -> None:
    response = Client().get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    # Django's LoginView puts the host name into "site_name"; the product name must win.
    assert "<title>Anmelden – IKZ-Cockpit</title>" in html
    assert "testserver" not in html
    assert '<label class="kern-label" for="id_username">Benutzername' in html
    assert '<label class="kern-label" for="id_password">Passwort' in html
    assert "Passwort vergessen?" in html
    assert 'autocomplete="current-password"' in html


def test_wrong_password_german_message_and_user_name_kept(user: User) -> None:
    response = Client().post(LOGIN, {"username": "koordination", "password": "falsch"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Benutzername oder Passwort sind nicht korrekt." in html
    assert "Groß- und Kleinschreibung" in html
    assert 'value="koordination"' in html
    assert not response.wsgi_request.user.is_authenticated


def test_empty_login_german_required_messages(db: None) -> None:
    response = Client().post(LOGIN, {"username": "", "password": ""})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()


def test_login_redirects_to_next(world: World) -> None:
    target = f"/{world.cooperation.slug}/personen/"
    client = Client()
    # The guard sends an anonymous visitor to the log-in page with ?next=...
    response = client.get(target)
    assert response["Location"] == f"{LOGIN}?next={target}"
    login_page = client.get(response["Location"])
    assert f'name="next" value="{target}"' in login_page.content.decode()
    response = client.post(
        LOGIN, {"username": world.member.username, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_login_without_next_goes_to_start(user: User) -> None:
    response = Client().post(LOGIN, {"username": "koordination", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/"]
)
def test_login_refuses_foreign_next(user: User, target: str) -> None:
    response = Client().post(
        LOGIN, {"username": "koordination", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_logout_only_by_post(user: User) -> None:
    client = client_for(user)
    assert client.get("/konto/abmelden/").status_code == 405
    assert client.get("/").wsgi_request.user.is_authenticated
    response = client.post("/konto/abmelden/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_logout_button_in_header_posts_with_csrf(user: User) -> None:
    html = client_for(user).get("/").content.decode()
    form = re.search(r'<form method="post" action="/konto/abmelden/"[^>]*>(.*?)</form>', html, re.S)
    assert form is not None
    assert 'name="csrfmiddlewaretoken"' in form.group(1)
    assert "Abmelden" in form.group(1)


def test_logout_requires_csrf_token(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/konto/abmelden/")
    assert response.status_code == 403
    assert client.get("/").wsgi_request.user.is_authenticated


def test_password_reset_full_cycle(user: User, django_capture_on_commit_callbacks: Any) -> None:
    client = Client()
    page = client.get("/konto/passwort-vergessen/")
    assert "Passwort vergessen" in page.content.decode()
    # The mail goes through the task backend after the commit (immediate in tests).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/konto/passwort-vergessen/", {"email": "koordination@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert "E-Mail unterwegs" in client.get(response["Location"]).content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["koordination@example.org"]
    assert message.subject == "Neues Passwort für IKZ-Cockpit"
    assert message.body.startswith("Guten Tag,")
    assert "wurde ein neues Passwort angefordert" in message.body
    assert "Ihr Benutzername: koordination" in message.body
    link = re.search(r"http://testserver(/konto/passwort-neu/[^/\s]+/[^/\s]+/)", str(message.body))
    assert link is not None, message.body

    # Django swaps the token in the address for one in the session, then shows the form.
    response = client.get(link.group(1))
    assert response.status_code == 302
    form_url = response["Location"]
    form_page = client.get(form_url)
    assert form_page.status_code == 200
    assert "Neues Passwort festlegen" in form_page.content.decode()

    weak = client.post(form_url, {"new_password1": "kurz", "new_password2": "kurz"})
    assert weak.status_code == 200
    assert "Dieses Passwort ist zu kurz" in weak.content.decode()

    mismatch = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": "anders"})
    assert "Die beiden Passwörter sind nicht identisch." in mismatch.content.decode()

    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/konto/passwort-neu/fertig/"
    assert "Ihr neues Passwort ist gespeichert." in client.get(done["Location"]).content.decode()

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    fresh = Client()
    login = fresh.post(LOGIN, {"username": "koordination", "password": NEW_PASSWORD})
    assert login.status_code == 302
    # The link works once only.
    reused = Client().get(link.group(1), follow=True)
    assert "Dieser Link ist ungültig" in reused.content.decode()


def test_password_reset_for_unknown_address_reveals_nothing(user: User) -> None:
    response = Client().post("/konto/passwort-vergessen/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert mail.outbox == []


def test_password_reset_invalid_email_german(db: None) -> None:
    response = Client().post("/konto/passwort-vergessen/", {"email": "keine-adresse"})
    assert response.status_code == 200
    assert "Bitte gültige E-Mail-Adresse eingeben." in response.content.decode()


def test_tampered_reset_link_is_refused_in_german(user: User) -> None:
    response = Client().get("/konto/passwort-neu/MQ/falscher-token/", follow=True)
    html = response.content.decode()
    assert "Dieser Link ist ungültig oder wurde bereits verwendet." in html
    assert "Neuen Link anfordern" in html
