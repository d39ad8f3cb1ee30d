"""Generated input into every create/edit form and every list filter (hypothesis).

Whatever is typed or put into an address: never a server error; either a clean save or a
German error with nothing changed; and nothing saved holds a control character.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django import DjangoDbBlocker

from tests.conftest import World, build_world, client_for
from tests.hardening.scene import (
    API_FORMS,
    FILTER_PARAMS,
    FORMS,
    LISTS,
    NOT_FORMS,
    USERS,
    Scene,
    api_key,
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
# Uploads: names that climb out of folders or carry control characters, bytes that pretend to
# be another type (a PDF or PNG header), empty files.
FILE = st.builds(
    SimpleUploadedFile,
    name=st.sampled_from(
        ["bericht.pdf", "../../etc/passwd", "x" * 300 + ".pdf", "logo.png", "Zeile\x0b.docx", "a"]
    ),
    content=st.one_of(
        st.binary(max_size=300),
        st.sampled_from([b"", b"%PDF-1.4\n%%EOF", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40]),
    ),
)
_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
_FILE_INPUT = re.compile(r'<input\b[^>]*\btype="file"[^>]*\bname="([^"]+)"')
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
    missing = sorted(form_like_url_names() - FORMS.keys() - API_FORMS.keys() - NOT_FORMS.keys())
    assert not missing, f"Add to tests/hardening/scene.py FORMS (or NOT_FORMS): {missing}"


def generated_posts(world: World, scene: Scene, name: str) -> None:
    client = client_for(USERS[name](scene) if name in USERS else world.coordinator)
    target = url(name, FORMS[name], scene)
    page = client.get(target)
    assert page.status_code in (200, 405), f"GET {target}: {page.status_code}"
    html = page.content.decode() if page.status_code == 200 else ""
    files = set(_FILE_INPUT.findall(html))
    names = [field for field in field_names(html) if field not in files]
    options = sorted(set(_OPTION.findall(html)))
    value = st.one_of(VALUE, st.sampled_from(options)) if options else VALUE
    names = names or ["text", "title", "name", "when", "state", "aktion", "richtung", "op"]
    fields: dict[str, Any] = dict.fromkeys(names, value) | dict.fromkeys(files, FILE)

    @SETTINGS
    @given(data=st.fixed_dictionaries({}, optional=fields), htmx=st.booleans())
    def post(data: dict[str, Any], htmx: bool) -> None:
        for upload in data.values():
            if isinstance(upload, SimpleUploadedFile):
                upload.seek(0)
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


JSON_VALUE = st.one_of(
    VALUE,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.lists(st.sampled_from(NASTY), max_size=2),
)


def generated_api_posts(world: World, scene: Scene, name: str) -> None:
    """The API's create operations get generated JSON (every field of the input schema, and
    the ids of real objects): never a 500; a refusal is a problem document and changes
    nothing."""
    kwargs, schema = API_FORMS[name]
    target = url(name, kwargs, scene)
    headers = {"Authorization": f"Bearer {api_key(scene)}"}
    ids = [world.member_body.pk, world.municipality.pk, scene.meeting.pk, scene.item.pk]
    value = st.one_of(JSON_VALUE, st.sampled_from(ids))
    fields = dict.fromkeys(schema.model_fields, value)

    @SETTINGS
    @given(data=st.fixed_dictionaries({}, optional=fields))
    def post(data: dict[str, Any]) -> None:
        before = snapshot()
        response = client_for(None).post(
            target, json.dumps(data), content_type="application/json", headers=headers
        )
        status = response.status_code
        assert status != 500
        after = snapshot()
        assert_no_control_characters(after)
        if status == 201:
            return  # a clean save
        assert status in (400, 404, 409, 422), f"POST {target} {data!r}: {status}"
        assert after == before, f"POST {target} {data!r} answered {status} but changed data"
        assert response.json().get("detail"), response.content[:500]

    post()


def generated_filters(world: World, scene: Scene, name: str, role: str) -> None:
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


# --- The tests: one scene per class ---------------------------------------------------------
# The generating functions above stay at module level, word for word as they were: with
# ``derandomize`` hypothesis draws its examples from a digest of the @given function's source,
# so moving them into the class (indenting them) would silently swap every page's examples.


@pytest.fixture(scope="class")
def class_scene(class_transaction: None, django_db_blocker: DjangoDbBlocker) -> Scene:
    """The hardening scene (tests/hardening/scene.py), built once for the class."""
    with django_db_blocker.unblock():
        return build(build_world("A"))


@pytest.fixture
def scene(class_scene: Scene, class_db: None) -> Scene:
    """The class's scene for one test, in its own savepoint: what one page's generated posts
    saved is gone for the next page (docs/testing.md, "Shared set-up")."""
    return class_scene


class TestGeneratedInput:
    """Generated input for every form, API operation and list filter, on one scene per class.
    The examples of one test share its savepoint, as they shared the test's own scene before."""

    @pytest.mark.parametrize("name", sorted(FORMS))
    def test_generated_posts(self, scene: Scene, name: str) -> None:
        generated_posts(scene.world, scene, name)

    @pytest.mark.parametrize("name", sorted(API_FORMS))
    def test_generated_api_posts(self, scene: Scene, name: str) -> None:
        generated_api_posts(scene.world, scene, name)

    @pytest.mark.parametrize("role", ["anonymous", "coordinator"])
    @pytest.mark.parametrize("name", sorted(LISTS))
    def test_generated_filters(self, scene: Scene, name: str, role: str) -> None:
        generated_filters(scene.world, scene, name, role)
