"""`scripts/break_template_lines.py` breaks lines only where the page cannot change.

Each case is a template line, the lines the script must make of it (written by hand, with a
limit of 50 so the cases stay short) and a context to render both with. Where the script
turns a space into a line break or adds one next to a block element, the rendered page may
differ only in white space a browser does not show (`as_shown`); where it breaks inside a
trimmed ``{% blocktranslate %}``, the output is byte for byte the same. The second half:
places that must stay as they are.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.template import Context, Engine

from tests.markup import squash

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "break_template_lines.py"
ENGINE = Engine(libraries={"i18n": "django.templatetags.i18n"})


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("break_template_lines", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def wrap(monkeypatch: pytest.MonkeyPatch) -> Any:
    module = _script()
    monkeypatch.setattr(module, "LIMIT", 50)
    return module.wrap


def render(source: str, context: dict[str, Any]) -> str:
    return ENGINE.from_string("{% load i18n %}" + source).render(Context(context))


def as_shown(html: str) -> str:
    """What a browser shows: white space next to a block element's tags, or after <br>, is
    not rendered; elsewhere any run of it is one space."""
    html = re.sub(r"\s*(</?(?:li|ul|ol|dl|dt|dd|p|div|td|th|tr)\b[^>]*>)\s*", r"\1", html)
    return squash(re.sub(r"(<br>)\s+", r"\1", html))


BROKEN = [
    pytest.param(
        '<ul>{% for x in xs %}<li class="a">{{ x }}</li>{% endfor %}</ul>',
        ['<ul>{% for x in xs %}<li class="a">{{ x }}</li>', "  {% endfor %}</ul>"],
        {"xs": ["eins", "zwei"]},
        id="after a block element's end tag",
    ),
    pytest.param(
        "<dl><div><dt>Name</dt><dd>{{ name }}</dd></div>"
        "{% if more %}<div>{{ more }}</div>{% endif %}</dl>",
        [
            "<dl><div><dt>Name</dt><dd>{{ name }}</dd></div>",
            "  {% if more %}<div>{{ more }}</div>{% endif %}",
            "  </dl>",
        ],
        {"name": "Kreis", "more": "mehr"},
        id="before a block element's end tag",
    ),
    pytest.param(
        '<span class="m">{{ a }} · {{ b }}{% if c %} · {{ c }}{% endif %}</span>',
        ['<span class="m">{{ a }} · {{ b }}{% if c %} ·', "  {{ c }}{% endif %}</span>"],
        {"a": "01.02.2026", "b": "Rat", "c": "Ort"},
        id="a space in running text",
    ),
    pytest.param(
        "<p>{% blocktranslate count n=k trimmed %}{{ n }} Punkt{% plural %}{{ n }} Punkte"
        "{% endblocktranslate %}</p>",
        [
            "<p>{% blocktranslate count n=k trimmed %}{{ n }}",
            "  Punkt{% plural %}{{ n }} Punkte",
            "  {% endblocktranslate %}</p>",
        ],
        {"k": 3},
        id="before the end of a trimmed blocktranslate",
    ),
]


@pytest.mark.parametrize(("line", "lines", "context"), BROKEN)
def test_breaks_where_the_page_stays_the_same(
    wrap: Any, line: str, lines: list[str], context: dict[str, Any]
) -> None:
    wrapped = wrap(line)
    assert wrapped.split("\n") == lines
    assert as_shown(render(wrapped, context)) == as_shown(render(line, context))


def test_after_a_trimmed_blocktranslate_tag_the_output_is_the_same(wrap: Any) -> None:
    line = "<p>{% blocktranslate with n=k trimmed %}Offen:{{ n }}{% endblocktranslate %}</p>"
    wrapped = wrap(line)
    assert wrapped.split("\n") == [
        "<p>{% blocktranslate with n=k trimmed %}",
        "  Offen:{{ n }}{% endblocktranslate %}</p>",
    ]
    assert render(wrapped, {"k": 2}) == render(line, {"k": 2}) == "<p>Offen:2</p>"


KEPT = [
    pytest.param('<code>curl -H "Authorization: Bearer {{ s }}" {{ url }}</code>', id="code"),
    pytest.param("<kbd>Strg + Umschalt + Pfeil nach unten + Eingabe</kbd>", id="kbd"),
    pytest.param(
        '<p class="ikz-portal-text">{{ a }}\n{{ b }} {{ c }} {{ d }} {{ e }} {{ f }} {{ g }}</p>',
        id="white-space: pre-line",
    ),
    pytest.param(
        "{% block description %}{{ a }} {{ b }} {{ c }} {{ d }} {{ e }}{% endblock %}",
        id="block in a meta tag's content",
    ),
    pytest.param(
        "<span>{% blocktranslate %}Eins zwei drei vier fünf sechs {{ x }} "
        "{% endblocktranslate %}</span>",
        id="untrimmed blocktranslate",
    ),
    pytest.param(
        '<span\n  title="eins zwei drei vier fünf sechs sieben acht neun">{{ a }}</span>',
        id="attribute value",
    ),
    pytest.param(
        "<span>{{ a }}</span><span>{{ b }}</span>{% if c %}<a>{{ c }}</a>{% endif %}",
        id="between inline elements",
    ),
]


@pytest.mark.parametrize("source", KEPT)
def test_keeps_lines_where_white_space_would_show(wrap: Any, source: str) -> None:
    assert max(len(line) for line in source.split("\n")) > 50
    assert wrap(source) == source
