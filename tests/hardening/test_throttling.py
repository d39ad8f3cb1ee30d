"""Login throttling per account and per address, trusted proxies, password-reset limits."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings

from ikz.security.client_ip import client_ip
from tests.factories import UserFactory

PASSWORD = "geheim-und-lang-2019"  # tests/factories.py UserFactory
LOGIN = "/konto/anmelden/"
RESET = "/konto/passwort-vergessen/"
pytestmark = pytest.mark.django_db


def attempt(username: str, password: str, address: str, **meta: Any) -> Any:
    return Client(REMOTE_ADDR=address, **meta).post(
        LOGIN, {"username": username, "password": password}
    )


def test_an_account_is_locked_across_addresses() -> None:
    user = UserFactory()
    for number in range(5):
        attempt(user.username, "falsch", f"198.51.100.{number + 1}")
    # A sixth address with the right password: the account is locked (15 minutes).
    response = attempt(user.username, PASSWORD, "203.0.113.9")
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()


@override_settings(IKZ_LOGIN_FAILURE_LIMIT_PER_ADDRESS=8)
def test_an_address_spraying_many_accounts_is_locked() -> None:
    victims = [UserFactory() for _ in range(8)]
    for victim in victims:  # one guess per account: no account reaches its limit
        assert attempt(victim.username, "Sommer2019!", "198.51.100.7").status_code == 200
    bystander = UserFactory()
    response = attempt(bystander.username, PASSWORD, "198.51.100.7")
    assert response.status_code == 429
    # Another address is not affected, and no account is locked.
    assert attempt(bystander.username, PASSWORD, "198.51.100.8").status_code == 302
    assert attempt(victims[0].username, PASSWORD, "198.51.100.9").status_code == 302


@override_settings(IKZ_TRUSTED_PROXIES=["10.0.0.1"], IKZ_LOGIN_FAILURE_LIMIT_PER_ADDRESS=3)
def test_behind_a_trusted_proxy_the_client_address_counts() -> None:
    user = UserFactory()
    for _ in range(3):
        attempt(f"niemand-{_}", "falsch", "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    # The attacker's address is locked, the coordinator behind the same proxy is not.
    blocked = attempt(user.username, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert blocked.status_code == 429
    owner = attempt(user.username, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert owner.status_code == 302


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("192.0.2.1", "", [], "192.0.2.1"),
        # Not a trusted proxy: its header is the visitor's own invention.
        ("192.0.2.1", "203.0.113.5", [], "192.0.2.1"),
        ("10.0.0.1", "203.0.113.5", ["10.0.0.0/8"], "203.0.113.5"),
        # The visitor's forged left part is never reached: read from the right.
        ("10.0.0.1", "1.2.3.4, 203.0.113.5", ["10.0.0.0/8"], "203.0.113.5"),
        # Two proxies in a row.
        ("10.0.0.1", "203.0.113.5, 10.0.0.2", ["10.0.0.0/8"], "203.0.113.5"),
        ("::1", "2001:db8::7", ["::1"], "2001:db8::7"),
        ("10.0.0.1", "kaputt", ["10.0.0.0/8"], "10.0.0.1"),
    ],
)
def test_client_ip(rf: Any, remote: str, forwarded: str, trusted: list[str], expected: str) -> None:
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(IKZ_TRUSTED_PROXIES=trusted):
        assert client_ip(request) == expected


def test_the_owner_unlocks_the_account_with_a_new_password(
    django_capture_on_commit_callbacks: Any,
) -> None:
    user = UserFactory(email="owner@example.org")
    for number in range(5):
        attempt(user.username, "falsch", f"198.51.100.{number + 1}")
    assert attempt(user.username, PASSWORD, "192.0.2.10").status_code == 429
    client = Client(REMOTE_ADDR="192.0.2.10")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": "owner@example.org"})
    link = re.search(r"http://testserver(/konto/passwort-neu/\S+/)", str(mail.outbox[-1].body))
    assert link is not None
    form_url = client.get(link.group(1))["Location"]
    new = "ein-ganz-neues-passwort-2020"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert attempt(user.username, new, "192.0.2.10").status_code == 302


def test_the_reset_mail_goes_through_the_task_backend_after_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    UserFactory(email="someone@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = Client().post(RESET, {"email": "someone@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []  # nothing sent inside the request's transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["someone@example.org"]


@override_settings(IKZ_RESET_LIMIT_PER_ACCOUNT=2, IKZ_RESET_LIMIT_PER_ADDRESS=50)
def test_reset_mails_per_account_are_limited(django_capture_on_commit_callbacks: Any) -> None:
    UserFactory(email="target@example.org")
    for number in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = Client(REMOTE_ADDR=f"198.51.100.{number + 1}").post(
                RESET, {"email": "target@example.org"}
            )
        # The same answer every time: a stranger learns nothing about the account.
        assert response.status_code == 302
    assert len(mail.outbox) == 2


@override_settings(IKZ_RESET_LIMIT_PER_ADDRESS=3)
def test_reset_requests_per_address_are_limited(django_capture_on_commit_callbacks: Any) -> None:
    client = Client(REMOTE_ADDR="198.51.100.20")
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(RESET, {"email": f"x{number}@example.org"}).status_code == 302
    response = client.post(RESET, {"email": "x9@example.org"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Zu viele Anfragen" in html
    assert '<html lang="de">' in html
    assert (
        Client(REMOTE_ADDR="198.51.100.21").post(RESET, {"email": "a@example.org"}).status_code
        == 302
    )
