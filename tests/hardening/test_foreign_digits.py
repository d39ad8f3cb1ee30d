"""Query parameters with other scripts' digits ("²", "٣") are refused cleanly, never a 500.

``"²".isdigit()`` is true and ``int("²")`` raises: each page below once read a key or number
that way (docs/dangerous-constructs.md, 13). Expected outcomes written by hand per page.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "%C2%B2"  # "²"
ARABIC_THREE = "%D9%A3"  # "٣"


@pytest.mark.parametrize("digit", [SUPERSCRIPT_TWO, ARABIC_THREE])
def test_foreign_digits_in_parameters_never_crash(world: World, digit: str) -> None:
    slug = world.cooperation.slug
    coordinator = client_for(world.coordinator)
    cases = [
        # (client, url, expected status)
        (Client(), f"/oparl/v1/body/?limit={digit}", 400),
        (Client(), f"/oparl/v1/body/?page={digit}", 400),
        (coordinator, reverse("attachments:create", args=[slug]) + f"?sitzung={digit}", 404),
        (coordinator, reverse("access:invite", args=[slug]) + f"?person={digit}", 200),
        (coordinator, reverse("agreements:create", args=[slug]) + f"?vorhaben={digit}", 200),
    ]
    for client, url, expected in cases:
        response = client.get(url)
        assert (url, response.status_code) == (url, expected)
