"""Generated input into every create/edit form and every list filter (hypothesis).

Whatever is typed or put into an address: never a server error; either a clean save or a
German error with nothing changed; and nothing saved holds a control character.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import World, client_for
from tests.hardening.scene import (
    FILTER_PARAMS,
    FORMS,
    LISTS,
    NOT_FORMS,
    build,
    form_like_url_names,
    snapshot,
    url,
)

EXAMPLES = int(os.environ.get("IKZ_HYPOTHESIS_EXAMPLES", "6"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
# What people paste and what attackers type: other scripts' digits, huge and negative numbers,
# dates far out, Word's line break (vertical tab), NUL, markup, Markdown, overlong text.
NASTY = [
    "",
    "0",
    "-1",
    "²",
    "٣",
    "１２",
    "9" * 25,
    "99999999999999999999",
    "1e400",
    "NaN",
    "12,5",
    "1.234,5",
    "31.12.9999",
    "01.01.0001",
    "31.02.2020",
    "12/9999",
    "9999-12",
    "05.12.2019",
    "01/2020",
    "Zeile 1\x0bZeile 2",
    "Null\x00Byte",
    "\x1b[31mrot",
    "<script>alert(1)</script>",
    "~~~",
    "1986. war ein Jahr",
    "zzz",
    "//evil.example/",
    "https://evil.example/",
    "x" * 5000,
    "on",
    "true",
]
VALUE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.text(alphabet=st.characters(max_codepoint=0x3F), max_size=12),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
_OPTION = re.compile(r'<option value="([^"]*)"')
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
REFUSAL_MARKERS = (
    'class="kern-error"',
    "kern-alert--danger",
    "Seite nicht gefunden",
    'role="alert"',
)


def field_names(html: str) -> list[str]:
    return sorted(set(_NAME.findall(html)) - {"csrfmiddlewaretoken"})


def assert_no_control_characters(rows: dict[str, list[dict[str, Any]]]) -> None:
    for label, records in rows.items():
        for record in records:
            for key, value in record.items():
                if isinstance(value, str):
                    assert not CONTROL.search(value), f"{label}.{key} = {value!r}"


def test_every_form_like_url_is_covered() -> None:
    missing = sorted(form_like_url_names() - FORMS.keys() - NOT_FORMS.keys())
    assert not missing, f"Add to tests/hardening/scene.py FORMS (or NOT_FORMS): {missing}"


@pytest.mark.parametrize("name", sorted(FORMS))
def test_generated_posts(world: World, name: str) -> None:
    scene = build(world)
    client = client_for(world.coordinator)
    target = url(name, FORMS[name], scene)
    page = client.get(target)
    assert page.status_code in (200, 405), f"GET {target}: {page.status_code}"
    names = field_names(page.content.decode()) if page.status_code == 200 else []
    options = sorted(set(_OPTION.findall(page.content.decode())))
    value = st.one_of(VALUE, st.sampled_from(options)) if options else VALUE
    names = names or ["text", "title", "name", "when", "state", "aktion", "richtung", "op"]

    @SETTINGS
    @given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(names, value)), htmx=st.booleans())
    def post(data: dict[str, str], htmx: bool) -> None:
        before = snapshot()
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.post(target, data, headers=headers)
        status = response.status_code
        assert status != 500
        after = snapshot()
        assert_no_control_characters(after)
        if status in (200, 204, 302) and after != before:
            return  # a clean save
        if status in (200, 204, 302):
            return  # accepted without change (e.g. nothing to do)
        assert status in (400, 404, 409, 422), f"POST {target} {data!r}: {status}"
        assert after == before, f"POST {target} {data!r} answered {status} but changed data"
        html = response.content.decode()
        assert any(marker in html for marker in REFUSAL_MARKERS), html[:1500]

    post()


@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
@pytest.mark.parametrize("name", sorted(LISTS))
def test_generated_filters(world: World, name: str, role: str) -> None:
    scene = build(world)
    client = client_for(None if role == "anonymous" else world.coordinator)
    target = url(name, LISTS[name], scene)
    expected = client.get(target).status_code
    assert expected in (200, 302, 403, 404)

    @SETTINGS
    @given(params=st.fixed_dictionaries({}, optional=dict.fromkeys(FILTER_PARAMS, VALUE)))
    def get(params: dict[str, str]) -> None:
        before = snapshot()
        response = client.get(target, params)
        # A filter value never turns a page into an error: same answer as without filters
        # (an unknown minutes draft may give 404, never 500).
        assert (
            response.status_code in {expected, 404} if name == "meetings:minutes" else {expected}
        ), f"GET {target} {params!r}: {response.status_code}"
        assert snapshot() == before

    get()
